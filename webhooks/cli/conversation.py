"""Conversation commands for ``signpost``: understand, chat, check-flows, purge."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import uuid
from pathlib import Path

from bot.messages import Channel, GeoPoint, InboundMessage
from bot.transcript_runner import TranscriptFileError, flow_files, load_flow, run_flow
from bot.understanding.message import understand
from core.db import session_scope
from directory.places import resolve_place
from webhooks.cli.common import load_app, parse_when
from webhooks.followups import practice_replies
from webhooks.services import services

#: Lines read at once in ``signpost understand -``: their embeddings are computed in batches.
BATCH_LINES = 512


def understand_lines(app, lines, out) -> int:
    """One JSON object a line for each message a line (``signpost understand --json -``)."""
    from bot.understanding.embed import prime

    count = 0
    with session_scope(services(app).database) as session:
        chunk: list[str] = []
        for line in [*lines, None]:
            if line is not None:
                chunk.append(line.rstrip("\r\n"))
            if chunk and (line is None or len(chunk) >= BATCH_LINES):
                prime([t for t in chunk if t.strip()])
                for text in chunk:
                    result = understand(text, lambda t: resolve_place(session, t))
                    out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                    count += 1
                chunk = []
    out.flush()
    return count


def cmd_understand(args: argparse.Namespace) -> int:
    app = load_app()
    if args.text == "-":
        understand_lines(app, sys.stdin, sys.stdout)
        return 0
    with session_scope(services(app).database) as session:
        result = understand(args.text, lambda text: resolve_place(session, text))
    data = result.to_dict()
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        place = result.place.label if result.place else "none"
        print(f"needs: {', '.join(result.needs) or 'none'}; place: {place}; "
              f"crisis: {'yes' if result.crisis else 'check in' if result.check_in else 'no'} "
              f"(score {result.crisis_score:.2f}); keyword: {result.keyword or 'none'}")
    return 0


#: In the terminal these leave the chat; they are not sent to the bot (where "quit" is STOP).
LEAVE_WORDS = ("quit", "exit", "/quit", "/exit")


def cmd_chat(args: argparse.Namespace) -> int:
    from webhooks.engine_access import engine_for

    engine = engine_for(load_app())
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("Leeds Signpost in the terminal. Type as a resident would; quit, exit or Ctrl+D "
          "to leave.")
    print("Send a location as: @53.7925,-1.5233\n")
    while True:
        try:
            text = input("you> ")
        except EOFError:
            print()
            return 0
        if text.strip().lower() in LEAVE_WORDS:
            return 0  # leaving the terminal, not an opt-out (STOP still opts out)
        location = None
        if text.startswith("@"):
            try:
                lat, lon = (float(v) for v in text[1:].split(","))
                location, text = GeoPoint(lat, lon), ""
            except ValueError:
                print("(a location looks like @53.7925,-1.5233)")
                continue
        replies = engine.handle(InboundMessage(Channel.CLI, sender, text, location, None,
                                               args.now))
        for reply in replies:
            print("\nbot> " + reply.text.replace("\n", "\n     "))
            if reply.choices:
                print("     [" + "] [".join(reply.choices) + "]")
        print()


def cmd_check_flows(args: argparse.Namespace) -> int:
    from webhooks.engine_access import engine_for

    engine = engine_for(load_app())
    files = flow_files([Path(p) for p in args.paths])
    if not files:
        print("No conversation scripts found.", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        try:
            flow = load_flow(path)
        except (TranscriptFileError, OSError) as exc:
            print(f"ERROR {path}: {exc}")
            failed += 1
            continue
        sender = f"flow-{uuid.uuid4().hex}"

        def send(text, location, now, sender=sender):
            point = GeoPoint(*location) if location else None
            return [r.text for r in engine.handle(
                InboundMessage(Channel.CLI, sender, text, point, None, now))]

        def wait(now, sender=sender):
            """Time passed: the practice follow-ups due by then, as the sandbox shows them."""
            key = engine.sender_hash(InboundMessage(Channel.CLI, sender))
            return [r.text for r in practice_replies(engine.database, Channel.CLI.value,
                                                     key, now)]

        result = run_flow(flow, send, wait)
        if result.passed:
            print(f"PASS {path}: {flow.name}")
        else:
            failed += 1
            print(f"FAIL {path}: {flow.name}")
            for failure in result.failures:
                print(failure)
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


def cmd_purge(args: argparse.Namespace) -> int:
    from bot.records.store import purge_expired

    app = load_app()
    settings = services(app).settings
    now = services(app).clock()
    with session_scope(services(app).database) as session:
        removed = purge_expired(session, now,
                                dt.timedelta(minutes=settings.session_ttl_minutes))
    print(f"Removed {removed} expired conversations.")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost understand``, ``chat``, ``check-flows`` and ``purge``."""
    und = commands.add_parser("understand", help="show how a message is understood")
    und.add_argument("text", help='the message, or "-" for one message a line on standard input')
    und.add_argument("--json", action="store_true")
    und.set_defaults(func=cmd_understand)

    chat = commands.add_parser("chat", help="talk to the bot in the terminal")
    chat.add_argument("--now", type=parse_when, help="pretend it is this time")
    chat.set_defaults(func=cmd_chat)

    flows = commands.add_parser("check-flows", help="run conversation scripts (YAML)")
    flows.add_argument("paths", nargs="+", metavar="PATH")
    flows.set_defaults(func=cmd_check_flows)

    commands.add_parser("purge", help="delete expired conversations").set_defaults(func=cmd_purge)
