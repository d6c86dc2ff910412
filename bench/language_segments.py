"""SMS segments per language for representative replies (issue 29).

    python -m bench.language_segments [--database-url URL] [--verbose]

Each representative conversation, and every conversation script in tests/transcripts, is played
through the real engine (sandbox channel, the language chosen as the sandbox's selector does)
on a database prepared as ``signpost db init`` prepares one, once per language. For every reply
it counts the SMS segments as the SMS channel would send it in that language (UCS-2 for a
language in its own letters, and for Polish and Romanian until a reviewer marks them readable
without accents), and for Polish and Romanian also as GSM-7 without accents. It prints, per
language, the replies, the most segments any reply takes, how many take more than 3, and the
segments by kind of reply; ``--verbose`` shows the longest reply of each language.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.engine import Engine
from bot.languages import LANGUAGE_CODES, language
from bot.messages import Channel, GeoPoint, InboundMessage, Reply
from bot.sms.gsm import sms_size, sms_text
from bot.transcript_runner import flow_files, load_flow
from bot.wording.split import SMS_SEGMENTS, sms_segments
from core.clock import LONDON
from core.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "tests" / "transcripts"
SECRET = "bench-language-segments"
#: A Monday morning in Leeds, when most places publish hours.
MONDAY = dt.datetime(2026, 11, 23, 10, 0)

#: (what it shows, the messages a resident sends): the kinds of reply a resident meets.
REPRESENTATIVE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("greeting and menus", ("hi", "6", "NEW")),
    ("food by the menu, pages and details", ("hi", "1", "LS9 8RU", "MORE", "MORE", "1", "2",
                                             "MORE", "MORE", "MORE")),
    ("food in one message", ("food near LS9 8RU", "1", "3")),
    ("every need near LS6", ("2", "LS6 1", "NEW", "3", "LS6 1", "NEW", "4", "LS6 1", "NEW", "5",
                             "LS6 1", "1")),
    ("the second menu", ("hi", "6", "1", "LS11 5", "NEW", "6", "2", "LS11 5", "NEW", "6", "3",
                         "LS11 5", "NEW", "6", "4", "LS11 5", "NEW", "6", "5", "LS11 5", "NEW",
                         "6", "6", "LS11 5", "NEW", "6", "7", "LS11 5", "NEW", "6", "8",
                         "LS11 5")),
    ("keywords", ("HELP", "BACK", "MORE", "LANG", "NEW", "STOP", "START", "FORGET")),
    ("crisis", ("i want to end it all",)),
    ("abuse", ("he hit me again and im scared",)),
    ("medical", ("my dad has chest pain and cant breathe",)),
    ("place first, unknown place, outside Leeds", ("Chapeltown", "NEW", "food near Scholes "
                                                   "Park", "food M1 1AE")),
    ("a person", ("PERSON", "LS9 8RU", "NO")),
    ("Leeds as the only place", ("food bank in leeds", "MORE", "NEW", "leeds", "debt advice",
                                 "1")),
    ("reports and feedback", ("food LS9 8RU", "WRONG", "WRONG 1", "MORE", "MORE", "MORE",
                              "MORE", "YES")),
)


@dataclass(frozen=True)
class Conversation:
    name: str
    #: (text, location) a message.
    messages: tuple[tuple[str, tuple[float, float] | None], ...]
    now: dt.datetime


def conversations() -> Iterator[Conversation]:
    """The representative conversations, then every conversation script's messages."""
    for name, said in REPRESENTATIVE:
        yield Conversation(name, tuple((text, None) for text in said), MONDAY)
    for path in flow_files([TRANSCRIPTS]):
        flow = load_flow(path)
        yield Conversation(f"script {path.stem}", tuple((s.say, s.location) for s in flow.steps),
                           flow.now or MONDAY)


class Clock:
    def __init__(self) -> None:
        self.now = MONDAY.replace(tzinfo=LONDON).astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def play(engine: Engine, clock: Clock, conversation: Conversation, code: str,
         sender: str) -> list[tuple[str, Reply]]:
    """(what was said, each reply) for one conversation held in language ``code``."""
    clock.now = conversation.now.replace(tzinfo=LONDON).astimezone(dt.UTC)
    heard = []
    for i, (text, point) in enumerate(conversation.messages):
        location = GeoPoint(*point) if point else None
        message = InboundMessage(Channel.SANDBOX, sender, text, location,
                                 language=code if i == 0 else None)
        heard += [(text, reply) for reply in engine.handle(message)]
    return heard


def gsm7_segments(text: str) -> int:
    """The segments a reply would take as GSM-7 with its accents dropped."""
    return sms_size(sms_text(text)).segments


def measure(database_url: str | None = None, verbose: bool = False) -> str:
    """Play every conversation in every language; the figures as text."""
    from handlers.conversation import build_engine
    from webhooks.preparation import prepare

    lines = [f"{'language':<10}{'replies':>8}{'max':>5}{'>3':>4}  segments by reply "
             "(1/2/3/more)   as GSM-7 without accents"]
    with tempfile.TemporaryDirectory() as tmp:
        database = make_engine(database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        try:
            prepare(database, Path(tmp))
            clock = Clock()
            engine = build_engine(database, SECRET, clock=clock)
            for code in LANGUAGE_CODES:
                counts: dict[int, int] = defaultdict(int)
                plain: dict[int, int] = defaultdict(int)
                longest: tuple[int, str, str] = (0, "", "")
                total = 0
                for n, conversation in enumerate(conversations()):
                    for said, reply in play(engine, clock, conversation, code, f"{code}-{n}"):
                        segments = sms_segments(reply.text, reply.language)
                        counts[min(segments, 4)] += 1
                        plain[min(gsm7_segments(reply.text), 4)] += 1
                        total += 1
                        if segments > longest[0]:
                            longest = (segments, said, reply.text)
                spread = "/".join(str(counts[k]) for k in (1, 2, 3, 4))
                extra = "/".join(str(plain[k]) for k in (1, 2, 3, 4)) \
                    if language(code).latin and code != "en" else "-"
                lines.append(f"{code:<10}{total:>8}{longest[0]:>5}{counts[4]:>4}  "
                             f"{spread:<30}{extra}")
                if verbose:
                    lines.append(f"  longest ({longest[0]} segments) after {longest[1]!r}:\n    "
                                 + longest[2].replace("\n", "\n    "))
        finally:
            database.dispose()
    lines.append(f"(a reply over {SMS_SEGMENTS} segments is sent as several texts)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.language_segments", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a database to prepare and use (default: a "
                        "temporary SQLite file)")
    parser.add_argument("--verbose", action="store_true", help="show each language's longest")
    args = parser.parse_args(argv)
    print(measure(args.database_url, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
