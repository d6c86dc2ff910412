"""Translation commands for ``signpost``: how far each language's catalogue has come."""

from __future__ import annotations

import argparse
import dataclasses
import json

from bot.wording.catalogues import all_status


def cmd_status(args: argparse.Namespace) -> int:
    """Per language: source strings, translated (drafts included), drafts and reviewed."""
    found = all_status()
    if args.json:
        print(json.dumps({"languages": [
            {**{k: v for k, v in dataclasses.asdict(s).items() if k != "missing"},
             "missing": list(s.missing), "all_translated": not s.missing}
            for s in found],
            "note": "translated counts drafts (fuzzy, not yet reviewed) and reviewed strings"},
            indent=2, ensure_ascii=False))
        return 0
    print(f"{'language':<22}{'strings':>8}{'translated':>12}{'drafts':>8}{'reviewed':>10}")
    for s in found:
        print(f"{s.name + ' (' + s.code + ')':<22}{s.strings:>8}{s.translated:>12}"
              f"{s.drafts:>8}{s.reviewed:>10}")
    print("Translated counts drafts too: a draft is a translation no fluent reviewer has "
          "approved yet (see docs/languages.md).")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost translations status``."""
    translations = commands.add_parser(
        "translations", help="the catalogues of the languages the bot answers in")
    actions = translations.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser(
        "status", help="per language: strings, translated (drafts included), drafts, reviewed")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_status)
