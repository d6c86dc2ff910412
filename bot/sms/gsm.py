"""GSM-7 for SMS: which characters fit, swapping typographic punctuation, and segment counts."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from directory.text_safety import with_plain_breaks

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "^{}\\[~]|€\f"
_BASIC = frozenset(GSM7_BASIC)
_EXTENSION = frozenset(GSM7_EXTENSION)

#: Typographic punctuation and invisible characters with a plain GSM-7 equivalent.
_SWAPS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u2022": "-", "\u00b7": "-",
    "\t": " ",
}

#: Letters with no GSM-7 form and no accent to strip, spelt as English readers would.
_PLAIN_LETTERS = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "œ": "oe", "Œ": "OE",
                  "þ": "th", "Þ": "Th", "ð": "d", "ŀ": "l", "ħ": "h", "Ħ": "H"}

SINGLE_GSM7, MULTI_GSM7 = 160, 153
SINGLE_UCS2, MULTI_UCS2 = 70, 67


def is_gsm7(text: str) -> bool:
    return all(ch in _BASIC or ch in _EXTENSION for ch in text)


def to_gsm7(text: str) -> str:
    """Swap typographic punctuation for plain characters; real words are never changed."""
    return "".join(_SWAPS.get(ch, ch) for ch in text)


#: Zero-width joiners are letters' business in Persian, Kurdish and Urdu: kept in UCS-2.
_JOINERS = frozenset("\u200c\u200d")


def ucs2_text(text: str) -> str:
    """``text`` for a UCS-2 SMS (a language written in its own letters): safe, with plain
    punctuation, every letter and zero-width joiner kept."""
    return "".join(ch if ch in _JOINERS else _SWAPS.get(ch, ch) for ch in safe_text(text))


def safe_text(text: str) -> str:
    """``text`` with nothing a channel cannot carry: odd line breaks become plain ones, other
    control characters go. Every channel's output passes through this."""
    return with_plain_breaks(text)


def _gsm7_letter(ch: str) -> str:
    if ch in _BASIC or ch in _EXTENSION:
        return ch
    if ch in _PLAIN_LETTERS:
        return _PLAIN_LETTERS[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if base and all(c in _BASIC or c in _EXTENSION for c in base):
        return base
    return "?"


def sms_text(text: str) -> str:
    """``text`` as an SMS carries it: safe, plain punctuation, and only GSM-7 characters.

    Letters outside GSM-7 lose their accents (Łódź becomes Lodz), as Twilio's smart encoding
    does; anything with no plain form (an emoji) becomes "?". So a reply is never silently
    switched to UCS-2, which would cut each segment from 153 characters to 67.
    """
    return "".join(_gsm7_letter(ch) for ch in to_gsm7(safe_text(text)))


def gsm7_length(text: str) -> int:
    """Septets used: extension characters cost two."""
    return sum(2 if ch in _EXTENSION else 1 for ch in text)


@dataclass(frozen=True)
class SmsSize:
    segments: int
    encoding: str  # "GSM-7" or "UCS-2"
    length: int


def sms_size(text: str) -> SmsSize:
    """How many SMS segments ``text`` takes, and in which encoding."""
    if is_gsm7(text):
        length = gsm7_length(text)
        single, multi, encoding = SINGLE_GSM7, MULTI_GSM7, "GSM-7"
    else:
        length = sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)  # UTF-16 code units
        single, multi, encoding = SINGLE_UCS2, MULTI_UCS2, "UCS-2"
    segments = 1 if length <= single else -(-length // multi)
    return SmsSize(segments, encoding, length)
