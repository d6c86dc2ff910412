"""UK postcode text: find postcodes, sectors and outcodes in what people type (O/0, I/1 slips)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The 120-odd UK postcode areas, so "M1" is a postcode district but "UC" or "A1" is not.
UK_POSTCODE_AREAS = frozenset(
    """\
    AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT
    DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA
    LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE
    SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV
    YO ZE""".split()
)

#: Text-speak that looks like an outcode ("b4" before, "l8" late, "m8" mate, "w8" wait).
TEXTSPEAK = frozenset({"B4", "L8", "M8", "W8", "N1"})
#: The only areas whose outward codes end in a letter (central London: EC1A, W1A, SW1A, SE1P,
#: E1W, N1C, NW1W, WC2H), so "L8R" (later) or "GR8" is never an outcode.
LETTER_ENDED_AREAS = frozenset({"EC", "WC", "W", "SW", "SE", "E", "N", "NW"})

#: A Leeds postcode district written loosely: "ls 9", "LS 11", "Leeds 9" (not "leeds 10 years").
_LOOSE_DISTRICT = re.compile(
    r"\b(?:LS|LEEDS)\s*(\d{1,2})\b(?!\s*(?:YEARS?|YRS?|MONTHS?|WEEKS?|DAYS?|HOURS?|HRS?|MINS?|"
    r"MINUTES?|KIDS?|PM|AM|TIMES?|%))")

_LETTER_FIX = str.maketrans({"0": "O", "1": "I"})
_DIGIT_FIX = str.maketrans({"O": "0", "I": "1"})

# Tolerant shapes: letters may be typed as 0/1 and digits as O/I.
_L = "[A-Z01]"
_D = "[0-9OI]"
_OUTWARD = rf"{_L}{{1,2}}{_D}(?:{_D}|[A-Z])?"
_FULL_RE = re.compile(rf"(?<![A-Z0-9])({_OUTWARD})\s*({_D}{_L}{{2}})(?![A-Z0-9])")
_SECTOR_RE = re.compile(rf"(?<![A-Z0-9])({_OUTWARD})\s+({_D})(?![A-Z0-9])")
_OUTCODE_RE = re.compile(rf"(?<![A-Z0-9])({_OUTWARD})(?![A-Z0-9])")


@dataclass(frozen=True)
class PostcodeMatch:
    """A postcode-like piece of text: ``kind`` is postcode, sector or outcode."""

    kind: str
    code: str
    outcode: str


def fix_outward(raw: str) -> str | None:
    """Fix O/0 and I/1 slips in an outward code and check its area; None if it is not one."""
    raw = raw.upper()
    for n_letters in (2, 1):
        letters = raw[:n_letters].translate(_LETTER_FIX)
        rest = raw[n_letters:]
        if not letters.isalpha() or letters not in UK_POSTCODE_AREAS or not rest:
            continue
        digit = rest[0].translate(_DIGIT_FIX)
        if not digit.isdigit():
            continue
        tail = rest[1:]
        if tail:
            fixed_tail = tail.translate(_DIGIT_FIX)
            # A final letter is allowed in central London districts (SW1A): keep it as typed.
            tail = fixed_tail if fixed_tail.isdigit() else tail
            if len(tail) != 1 or not tail.isalnum():
                continue
            if tail.isalpha() and letters not in LETTER_ENDED_AREAS:
                continue
        return letters + digit + tail
    return None


def fix_inward(raw: str) -> str | None:
    raw = raw.upper()
    if len(raw) != 3:
        return None
    digit = raw[0].translate(_DIGIT_FIX)
    letters = raw[1:].translate(_LETTER_FIX)
    if not digit.isdigit() or not letters.isalpha():
        return None
    return digit + letters


def normalise_postcode(text: str) -> str | None:
    """``"ls98ru"``, ``" Ls9  8RU."`` or ``"LS9 8R U"`` -> ``"LS9 8RU"``; None if not a postcode."""
    compact = re.sub(r"[^A-Za-z0-9]", "", text).upper()
    if not 5 <= len(compact) <= 7 or not _has_digit(compact):
        return None
    outward, inward = fix_outward(compact[:-3]), fix_inward(compact[-3:])
    if outward is None or inward is None:
        return None
    return f"{outward} {inward}"


def _has_digit(raw: str) -> bool:
    """A postcode already has a digit where one must be before any O/0 or I/1 is put right, so
    ordinary words ("nobody" as N0B 0DY, "soon", "bob") never become places."""
    return any(ch.isdigit() for ch in raw)


def find_postcodes(text: str) -> list[PostcodeMatch]:
    """Postcode-like pieces of ``text``, most specific first (full, then sector, then outcode)."""
    upper = _LOOSE_DISTRICT.sub(r"LS\1", text.upper())
    found: list[PostcodeMatch] = []
    for match in _FULL_RE.finditer(upper):
        outward, inward = fix_outward(match.group(1)), fix_inward(match.group(2))
        if outward and inward and _has_digit(match.group(0)):
            found.append(PostcodeMatch("postcode", f"{outward} {inward}", outward))
    for match in _SECTOR_RE.finditer(upper):
        outward = fix_outward(match.group(1))
        digit = match.group(2).translate(_DIGIT_FIX)
        if outward and digit.isdigit() and _has_digit(match.group(0)):
            found.append(PostcodeMatch("sector", f"{outward} {digit}", outward))
    for match in _OUTCODE_RE.finditer(upper):
        outward = fix_outward(match.group(1))
        raw = match.group(1)
        if outward and any(ch.isdigit() for ch in raw) and raw not in TEXTSPEAK:
            found.append(PostcodeMatch("outcode", outward, outward))
    return found
