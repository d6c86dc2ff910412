"""Check a speed-up changed no decision: every labelled message read before and after.

    python -m tools.same_understanding save PATH      write what ``understand`` makes of each
    python -m tools.same_understanding compare PATH   read them again and count the differences

Every message in tests/data/*.yaml (the held-out and blind files included, read by the program
only) goes through ``understand(text).to_dict()``. The snapshot keeps a hash of each text, never
the text, and ``compare`` prints counts only, so no frozen message is shown to anyone. Besides
the decisions it keeps the classifiers' unrounded probabilities, to report how far they moved.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import yaml

from bot.understanding.message import understand
from bot.understanding.needs import need_probabilities
from bot.understanding.safety import assess_crisis

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def _texts(value: object) -> list[str]:
    """Every message in a YAML document: each ``text`` value and each bare string in a list."""
    if isinstance(value, dict):
        return [t for k, v in value.items()
                for t in ([v] if k == "text" and isinstance(v, str) else _texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in ([v] if isinstance(v, str) else _texts(v))]
    return []


def messages() -> dict[str, list[str]]:
    """File name -> its messages, in file order."""
    return {path.name: _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in sorted(DATA.glob("*.yaml"))}


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def snapshot() -> dict[str, dict[str, dict]]:
    """File name -> text hash -> the decisions and the raw probabilities."""
    out: dict[str, dict[str, dict]] = {}
    for name, texts in messages().items():
        out[name] = {}
        for text in texts:
            english = understand(text).language.code == "en" and text.strip()
            out[name][_key(text)] = {
                "understanding": understand(text).to_dict(),
                "crisis": assess_crisis(text).score if english else None,
                "needs": need_probabilities(text) if english else None,
            }
    return out


def compare(before: dict, after: dict) -> tuple[int, int, float]:
    """(messages, messages whose decisions differ, the largest change in any probability)."""
    total = differ = 0
    moved = 0.0
    for name, rows in before.items():
        for key, old in rows.items():
            new = after.get(name, {}).get(key)
            total += 1
            if new is None or new["understanding"] != old["understanding"]:
                differ += 1
                continue
            if old["crisis"] is not None:
                moved = max(moved, abs(old["crisis"] - new["crisis"]),
                            *(abs(v - new["needs"][k]) for k, v in old["needs"].items()))
    return total, differ, moved


def main(argv: list[str]) -> None:
    mode, path = argv
    now = snapshot()
    if mode == "save":
        Path(path).write_text(json.dumps(now), encoding="utf-8")
        print(f"saved {sum(len(r) for r in now.values())} messages from {len(now)} files")
        return
    total, differ, moved = compare(json.loads(Path(path).read_text(encoding="utf-8")), now)
    print(f"{total} messages: {differ} read differently; largest probability change {moved:.2e}")
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
