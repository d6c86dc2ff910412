"""Split a long reply into whole pieces that fit a channel's budget; nothing is ever cut off.

A piece ends at the best boundary that fits, tried in this order: a blank line or the start of a
numbered result ("\\n2) "), then a line break, then a space. Only a single word longer than the
whole budget is cut mid-word (no real reply has one). Every channel splits here:

    SMS       split_sms(text, language=...)        3 segments: 459 GSM-7 septets, or
                                                   201 UCS-2 characters (see ``sms_form``)
    Telegram  split_for_budget(text, 4096, utf16_length)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.languages import ENGLISH, MULTIPLE, language
from bot.sms.gsm import (
    MULTI_GSM7,
    MULTI_UCS2,
    SINGLE_GSM7,
    SINGLE_UCS2,
    gsm7_length,
    is_gsm7,
    safe_text,
    sms_size,
    sms_text,
    ucs2_text,
)
from bot.wording.i18n import current_language

Measure = Callable[[str], int]

#: How many SMS segments one message may take.
SMS_SEGMENTS = 3
#: A results page fits in the SMS budget, so every channel shows the same pages.
PAGE_BUDGET = SMS_SEGMENTS * MULTI_GSM7
#: Telegram's limit for one message, in UTF-16 code units.
TELEGRAM_BUDGET = 4096

_BOUNDARIES = (
    re.compile(r"(\n(?:[ \t]*\n)+|\n(?=\d+\) ))"),  # a blank line, or a numbered result starts
    re.compile(r"(\n)"),
    re.compile(r"( +)"),
)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as Telegram and UCS-2 SMS count it."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def split_for_budget(text: str, budget: int, measure: Measure = len) -> list[str]:
    """``text`` as pieces of at most ``budget`` (by ``measure``), split at the best boundaries."""
    if budget < 1:
        raise ValueError("budget must be at least 1")
    pieces = _split(text.strip(), budget, measure, 0)
    return [piece for piece in (p.strip() for p in pieces) if piece]


def _split(text: str, budget: int, measure: Measure, level: int) -> list[str]:
    if measure(text) <= budget:
        return [text]
    if level == len(_BOUNDARIES):
        return _cut(text, budget, measure)
    tokens = _BOUNDARIES[level].split(text)
    chunks: list[str] = []
    current: str | None = None
    for i in range(0, len(tokens), 2):
        piece, sep = tokens[i], tokens[i - 1] if i else ""
        if measure(piece) > budget:
            if current is not None:
                chunks.append(current)
            chunks += _split(piece, budget, measure, level + 1)
            current = None
        elif current is None:
            current = piece
        elif measure(current + sep + piece) <= budget:
            current = current + sep + piece
        else:
            chunks.append(current)
            current = piece
    if current is not None:
        chunks.append(current)
    return chunks


def _cut(text: str, budget: int, measure: Measure) -> list[str]:
    """The last resort for one enormous word: cut it into pieces that fit."""
    chunks, current = [], ""
    for ch in text:
        if current and measure(current + ch) > budget:
            chunks.append(current)
            current = ""
        current += ch
    return [*chunks, current] if current else chunks


def sms_septets(text: str) -> int:
    """GSM-7 septets ``text`` takes once encoded for SMS."""
    return gsm7_length(sms_text(text))


def sms_form(text: str, code: str = ENGLISH) -> str:
    """``text`` as an SMS carries it in language ``code``: GSM-7 with accents dropped (see
    :func:`bot.sms.gsm.sms_text`) for English and for a Latin-script language a reviewer has
    marked readable that way; otherwise every letter kept, which is UCS-2 once any letter is
    outside GSM-7 (70 characters a segment, 67 each when there are several). A text in
    several languages (``MULTIPLE``: LANG's list) keeps every letter too."""
    return sms_text(text) if code != MULTIPLE and language(code).sms_gsm7 else ucs2_text(text)


def sms_segments(text: str, code: str | None = None) -> int:
    """How many SMS segments ``text`` takes in language ``code`` (the turn's by default)."""
    return sms_size(sms_form(text, code or current_language())).segments


def fits_sms(text: str, code: str | None = None) -> bool:
    """True when ``text`` goes as one SMS of at most 3 segments in its language."""
    return sms_segments(text, code) <= SMS_SEGMENTS


def sms_pieces(text: str, code: str | None = None) -> list[str]:
    """``text`` as one piece if it fits 3 SMS segments in language ``code`` (the turn's by
    default), else as pieces of whole lines that each fit (a line too long alone stays whole,
    and the channel splits it): so a reply in a language sent as UCS-2 goes as two or three
    replies rather than one too long for its budget."""
    if fits_sms(text, code):
        return [text]
    pieces: list[str] = []
    for line in text.split("\n"):
        if pieces and fits_sms(f"{pieces[-1]}\n{line}", code):
            pieces[-1] = f"{pieces[-1]}\n{line}"
        else:
            pieces.append(line)
    return pieces


def split_sms(text: str, segments: int = SMS_SEGMENTS, code: str = ENGLISH) -> list[str]:
    """SMS pieces of at most ``segments`` segments each, in language ``code`` (``sms_form``)."""
    form = sms_form(text, code)
    if is_gsm7(form):
        budget = SINGLE_GSM7 if segments == 1 else segments * MULTI_GSM7
        return split_for_budget(form, budget, gsm7_length)
    budget = SINGLE_UCS2 if segments == 1 else segments * MULTI_UCS2
    return split_for_budget(form, budget, utf16_length)


def split_telegram(text: str) -> list[str]:
    """Telegram pieces of at most 4,096 characters, with nothing a channel cannot carry."""
    return split_for_budget(safe_text(text), TELEGRAM_BUDGET, utf16_length)
