"""GSM-7 for SMS: which characters fit, swapping typographic punctuation, and segment counts."""

from __future__ import annotations

from dataclasses import dataclass

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

SINGLE_GSM7, MULTI_GSM7 = 160, 153
SINGLE_UCS2, MULTI_UCS2 = 70, 67


def is_gsm7(text: str) -> bool:
    return all(ch in _BASIC or ch in _EXTENSION for ch in text)


def to_gsm7(text: str) -> str:
    """Swap typographic punctuation for plain characters; real words are never changed."""
    return "".join(_SWAPS.get(ch, ch) for ch in text)


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
