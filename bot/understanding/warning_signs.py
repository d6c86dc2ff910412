"""Warning signs of suicide told without the word, from ``data/warning_signs.yaml``.

Goodbyes ("this is my last message", "tell my kids I love them"), pets and belongings given away
"because I won't need them", "I won't be around after tonight", tablets counted, taken or saved
up, the means at hand (a rope, a bridge, the tracks, a car running in a garage) and "hope I
don't wake up". Each names present intent, so it raises the crisis reply alone unless the words
around it say past, grief, a figure of speech or a joke (``crisis_context.py``). Plans and
endings as often said of a job or a bill ("getting my affairs in order") are ``topic`` signs:
the classifier decides. The patterns are data (``signs.py`` loads and checks them).
"""

from __future__ import annotations

from pathlib import Path

from bot.understanding.signs import Sign, load_signs

__all__ = ["SIGNS", "SIGNS_FILE"]

SIGNS_FILE = Path(__file__).resolve().parent / "data" / "warning_signs.yaml"
SIGNS: tuple[Sign, ...] = load_signs(SIGNS_FILE)
