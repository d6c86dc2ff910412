"""Signs of a medical emergency, for the crisis kind ``medical`` (999 for an ambulance first).

The signs follow the ambulance services' own lists of when to call 999: chest pain, difficulty
breathing, unconsciousness or collapse, fits that do not stop, stroke symptoms, severe bleeding,
severe allergic reactions, choking, serious burns and head injuries (see the sources of the
``ambulance-999`` entry in directory/data/crisis_contacts.json). They are data,
``data/medical_signs.yaml`` (``signs.py`` loads and checks them). ``present`` signs alone raise
the crisis reply; ``topic`` words ("chest pains", "ambulance", "stroke") are as often about a
past or a routine matter, so the classifier decides. Everyday health (toothache, a cold, a GP,
a prescription) is no sign at all.
"""

from __future__ import annotations

from pathlib import Path

from bot.understanding.signs import Sign, load_signs

__all__ = ["SIGNS", "SIGNS_FILE"]

SIGNS_FILE = Path(__file__).resolve().parent / "data" / "medical_signs.yaml"
SIGNS: tuple[Sign, ...] = load_signs(SIGNS_FILE)
