"""Text in any of the Leeds languages as comparable words: one spelling for each letter.

Residents type the same word in several ways: Polish and Romanian with or without their
diacritics ("potrzebuję" or "potrzebuje"), Arabic-script languages on whichever keyboard the
phone has (Arabic ي and ك or Persian ی and ک, Sorani ە or ه, Urdu ہ or ه) and with or without
short vowels. ``fold`` evens all of that out, so word lists written once match every spelling.
The letters themselves, before folding, are what tells the languages apart
(bot/understanding/language.py); folding is only for matching words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["ARABIC", "LATIN", "fold", "fold_words", "script_of"]

LATIN = "latin"
ARABIC = "arabic"

#: One letter for the several a phone may type for the same sound. After NFD (which splits
#: hamza and madda off their letters) and dropping marks (short vowels, tanwin, hamza above).
_ONE_LETTER = str.maketrans({
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
    "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
    "\u06d2": "\u06cc",  # Urdu yeh barree -> Farsi yeh
    "\u06ce": "\u06cc",  # Sorani yeh with v (ێ) -> yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06c1": "\u0647",  # Urdu heh goal -> heh
    "\u06be": "\u0647",  # heh doachashmee (Urdu aspirate, Sorani h) -> heh
    "\u06d5": "\u0647",  # Sorani ae (ە) -> heh
    "\u0695": "\u0631",  # Sorani reh with v (ڕ) -> reh
    "\u06b5": "\u0644",  # Sorani lam with v (ڵ) -> lam
    "\u06c6": "\u0648",  # Sorani oe (ۆ) -> waw
    "\u06ba": "\u0646",  # Urdu noon ghunna (ں) -> noon
    "\u0640": None,      # tatweel (stretching a word) goes
    "\u200c": " ",       # zero-width non-joiner (Persian half-space) splits a word
    "\u200d": None,
    "\u0142": "l",       # Polish ł has no decomposition
    "\u0141": "l",
})
_WORD = re.compile(r"[^\W_]+")


def script_of(char: str) -> str | None:
    """"latin", "arabic", "other" for a letter; None for anything that is not a letter."""
    if not char.isalpha():
        return None
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return LATIN
    if 0x600 <= code <= 0x6FF or 0x750 <= code <= 0x77F or 0xFB50 <= code <= 0xFEFF:
        return ARABIC
    return "other"


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, no diacritics or short vowels, one letter for each sound, words spaced."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return " ".join(_WORD.findall(bare.translate(_ONE_LETTER)))


def fold_words(text: str) -> tuple[str, ...]:
    """The message as folded words."""
    return tuple(fold(text).split())
