"""Danger now to someone else, and self-harm told casually, from ``data/danger_signs.yaml``.

A child at an open window or alone at night, someone in the water, an older neighbour fallen or
not seen for days, someone attacked in the street, a home on fire with people inside, "he's
back" told in three words; a baby or a teenager out in the freezing cold, a fire that will not
go out, being chased or shot at, a girl taken to be cut; towels or the bath water red from cuts,
boiling water or a lighter about to go on the skin, cutting planned for later. Each names
present danger, so it raises the crisis reply alone unless the words around it say past, grief
or a figure of speech (a joke quietens no self-harm sign: "lol" is how it is often told). The
patterns are data (``signs.py``).
"""

from __future__ import annotations

from pathlib import Path

from bot.understanding.signs import Sign, load_signs

__all__ = ["SIGNS", "SIGNS_FILE"]

SIGNS_FILE = Path(__file__).resolve().parent / "data" / "danger_signs.yaml"
SIGNS: tuple[Sign, ...] = load_signs(SIGNS_FILE)
