"""Score a blind set of messages, each figure with its 95% Wilson interval.

    python -m bench.blind PATH.yaml [--verbose]

The file may hold any of these lists (texts written by someone who never saw the training data):

    crisis:      [{text: "...", kind: suicide|self-harm|danger|abuse|medical}]
    non_crisis:  [{text: "...", near_miss: true|false}]   (a bare string counts as not near)
    items:       [{text: "...", needs: [food, money]}]     ([] means no clear need)

Each message is read as the bot reads it (``understand``, with the places of the configured
database), so a place alone, a bare reply or a keyword is treated as in a conversation. Printed:
the full crisis reply's recall (overall and by kind), the safety numbers' recall (crisis reply or
check-in line), false alarms and check-ins on ordinary messages (all, near-misses, the rest),
and the main need's accuracy. Reading only: it never trains or tunes anything. Only with
``--verbose`` does it print the texts of crises given no safety numbers (a frozen set's texts
are not for reading).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from bench.understanding import Rate
from bot.understanding.message import Understanding, understand

Reader = Callable[[str], Understanding]


def _rate(flags: Iterable[bool]) -> Rate:
    flags = list(flags)
    return Rate(sum(flags), len(flags))


def crisis_lines(crisis: list[dict], read: Reader, verbose: bool = False) -> list[str]:
    got = [read(item["text"]) for item in crisis]
    lines = [f"Crises ({len(crisis)}):",
             f"  full crisis reply, recall            {_rate(u.crisis for u in got)}",
             f"  crisis reply or check-in, recall     {_rate(u.crisis or u.check_in for u in got)}"]
    for kind in sorted({item["kind"] for item in crisis}):
        mine = [u for u, item in zip(got, crisis, strict=True) if item["kind"] == kind]
        lines.append(f"    {kind:<10} full reply {_rate(u.crisis for u in mine)}; "
                     f"at least check-in {_rate(u.crisis or u.check_in for u in mine)}")
    alarmed = [(u, item) for u, item in zip(got, crisis, strict=True) if u.crisis]
    lines.append(f"  kind right (of full replies)         "
                 f"{_rate(u.crisis_kind == item['kind'] for u, item in alarmed)}")
    missed = [item["text"] for u, item in zip(got, crisis, strict=True)
              if not (u.crisis or u.check_in)]
    # A frozen set's texts are printed only when asked: reading them is tuning on them.
    lines.append(f"  given no safety numbers: {len(missed)}"
                 + (f" {missed}" if verbose and missed else ""))
    return lines


def non_crisis_lines(messages: list, read: Reader) -> list[str]:
    items = [m if isinstance(m, dict) else {"text": m, "near_miss": False} for m in messages]
    got = [read(item["text"]) for item in items]
    lines = [f"Ordinary messages ({len(items)}):"]
    for label, keep in (("all", lambda i: True), ("near-misses", lambda i: i.get("near_miss")),
                        ("the rest", lambda i: not i.get("near_miss"))):
        mine = [u for u, item in zip(got, items, strict=True) if keep(item)]
        if mine:
            lines.append(f"  {label:<12} false alarms {_rate(u.crisis for u in mine)}")
            lines.append(f"  {'':<12} check-in line {_rate(u.check_in for u in mine)}")
    return lines


def needs_lines(items: list[dict], read: Reader) -> list[str]:
    got = [read(item["text"]).needs for item in items]
    return [f"Needs ({len(items)}):",
            f"  main need right  {_rate(g[:1] == tuple(i['needs'][:1]) for g, i in zip(got, items, strict=True))}",  # noqa: E501
            f"  every need right {_rate(set(g) == set(i['needs']) for g, i in zip(got, items, strict=True))}"]  # noqa: E501


def score(data: dict, read: Reader, verbose: bool = False) -> list[str]:
    """The report's lines for whichever lists the blind set holds (``verbose``: the texts of
    crises given no safety numbers too)."""
    lines: list[str] = []
    if data.get("crisis"):
        lines += crisis_lines(data["crisis"], read, verbose)
    if data.get("non_crisis"):
        lines += non_crisis_lines(data["non_crisis"], read)
    if data.get("items"):
        lines += needs_lines(data["items"], read)
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in argv
    argv = [a for a in argv if a != "--verbose"]
    if len(argv) != 1:
        print(__doc__)
        return 2
    data = yaml.safe_load(Path(argv[0]).read_text(encoding="utf-8")) or {}
    from bot.understanding.embed import prime
    from core.db import session_scope
    from directory.places import resolve_place
    from webhooks.cli.common import load_app
    from webhooks.services import services

    texts = [m["text"] if isinstance(m, dict) else m
             for key in ("crisis", "non_crisis", "items") for m in data.get(key) or []]
    for start in range(0, len(texts), 1024):
        prime(texts[start:start + 1024])
    app = load_app()
    with session_scope(services(app).database) as session:
        lines = score(data, lambda text: understand(text, lambda t: resolve_place(session, t)),
                      verbose)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
