"""The volunteer spreadsheet's cells: needs, opening times, costs, dates, phones and areas."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz, process

from directory.formats.records import PhoneRecord
from directory.formats.values import (
    DAY_CODES,
    DAY_NAMES,
    cost_kind_word,
    guess_cost_kind,
    parse_date,
    split_list,
)
from directory.models import AreaKind
from directory.needs import KINDS_BY_SLUG, NEEDS

_TIME_RANGE = re.compile(r"(\d{1,2})[:.](\d{2})\s*(?:-|–|to)\s*(\d{1,2})[:.](\d{2})")
#: One session of several in a cell, optionally with its own note:
#: ``Wed 10:00-12:00 (SEVA cafe), 12:00-14:00 (lunch club)``.
_SESSION = re.compile(r"(?P<range>[^()]*?)\s*(?:\((?P<note>[^()]*)\))?")


# --- Reading cells -----------------------------------------------------------------------


def _need_key(value: str) -> str:
    return re.sub(r"\s+", " ", value.lower().replace("&", " and ").replace("-", " ")).strip()


_NEED_LOOKUP = {_need_key(text): need.slug for need in NEEDS
               for text in (need.slug, need.label, *need.aliases)}


def parse_needs(value: str) -> tuple[list[str], list[str]]:
    """(need slugs, messages for the ones that are not needs)."""
    slugs, problems = [], []
    for token in split_list(value):
        slug = _NEED_LOOKUP.get(_need_key(token))
        if slug is None:
            hit = process.extractOne(_need_key(token), list(_NEED_LOOKUP), scorer=fuzz.WRatio,
                                     score_cutoff=60)
            hint = f" (did you mean {_NEED_LOOKUP[hit[0]]}?)" if hit else \
                f" (use one of {', '.join(n.slug for n in NEEDS)})"
            problems.append(f"needs '{token}' is not a need{hint}")
        elif slug not in slugs:
            slugs.append(slug)
    return slugs, problems


_SIDE = re.compile(r"\s*\((?:side|side line|also)\)\s*$", re.IGNORECASE)
#: The notes convention of gathered records: ``kinds: a, b; also: c`` at the start of notes.
_NOTES_KINDS = re.compile(
    r"^\s*kinds:\s*(?P<main>[a-z0-9, -]*?)\s*(?:;\s*also:\s*(?P<side>[a-z0-9, -]*?))?\s*"
    r"(?:[.;]\s+|[.;]?\s*$)", re.IGNORECASE)


def parse_kinds(value: str) -> tuple[list[tuple[str, bool]], list[str]]:
    """((kind slug, is a side line), messages for the ones that are not kinds) from a
    ``kinds`` cell: ``debt-advice; benefits-advice (side)``."""
    kinds: list[tuple[str, bool]] = []
    problems: list[str] = []
    for token in split_list(value, ";,"):
        side = bool(_SIDE.search(token))
        slug = _SIDE.sub("", token).strip().lower()
        if slug not in KINDS_BY_SLUG:
            hit = process.extractOne(slug, list(KINDS_BY_SLUG), scorer=fuzz.WRatio,
                                     score_cutoff=70)
            hint = f" (did you mean {hit[0]}?)" if hit else " (see directory/needs.py KINDS)"
            problems.append(f"kinds '{token}' is not a kind of help{hint}")
        elif slug not in [k for k, _ in kinds]:
            kinds.append((slug, side))
    return kinds, problems


def kinds_from_notes(notes: str) -> tuple[str, str]:
    """(a ``kinds`` cell, the notes without it) for notes that start ``kinds: a; also: b``
    (the convention of gathered records); ("", notes) otherwise."""
    match = _NOTES_KINDS.match(notes)
    if match is None:
        return "", notes
    main = split_list(match.group("main") or "", ",;")
    side = [f"{slug} (side)" for slug in split_list(match.group("side") or "", ",;")]
    return "; ".join(main + side), notes[match.end():].strip()


_DAY_LOOKUP: dict[str, int] = {}
for _index, (_code, _name) in enumerate(zip(DAY_CODES, DAY_NAMES, strict=True)):
    for _word in (_code, _name, _name[:3], _name[:4]):
        _DAY_LOOKUP[_word.lower()] = _index
_DAY_LOOKUP.update({"thur": 3, "thurs": 3, "weds": 2})


def _days(value: str) -> list[int] | None:
    days: list[int] = []
    for token in re.split(r"\s*(?:,|&|/|\band\b)\s*", value.strip().lower()):
        if not token:
            continue
        ends = [t.strip() for t in re.split(r"\s*[-–]\s*|\s+to\s+", token)]
        if len(ends) > 2 or any(e not in _DAY_LOOKUP for e in ends):
            return None
        day, last = _DAY_LOOKUP[ends[0]], _DAY_LOOKUP[ends[-1]]
        days.append(day)
        while day != last:
            day = (day + 1) % 7
            days.append(day)
    return list(dict.fromkeys(days)) or None


#: Text a volunteer may write after the days for sessions whose times are not published.
_DAY_PART = re.compile(r"(mornings?|afternoons?|evenings?|nights?)", re.I)
#: Overnight sessions ("Fri 18:00-01:00") open in the evening and close in the small hours.
_OVERNIGHT_OPENS, _OVERNIGHT_CLOSES = (17, 0), (6, 0)

OpeningSession = tuple[list[int], str | None, str | None, str]


def _split_outside_brackets(value: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in value:
        depth += char == "("
        depth -= char == ")"
        if char == ";" and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [p.strip() for p in [*parts, current] if p.strip()]


def _split_ranges(value: str) -> list[str]:
    """``10:00-12:00 (cafe), 13:00-15:00 and 16:00-17:00`` -> its ranges, brackets kept whole."""
    parts, depth, current = [], 0, ""
    for char in value.strip():
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    out: list[str] = []
    for part in [*parts, current]:
        out += [r.strip() for r in re.split(r"\s+and\s+(?![^()]*\))", part.strip())]
    return out


def _time_range(value: str) -> tuple[re.Match, str] | None:
    """(the time range, its own bracketed note or "") for one session, or None."""
    session = _SESSION.fullmatch(value)
    found = _TIME_RANGE.fullmatch(session.group("range")) if session else None
    if session is None or found is None:
        return None
    return found, (session.group("note") or "").strip()


def _sessions_of(days: list[int], found: re.Match, note: str) -> list[OpeningSession] | str:
    """Sessions for one time range, an overnight one split at midnight; or a problem."""
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        return "is not a time range like Mon 10:00-12:00"
    h2 = 0 if h2 == 24 else h2
    opens, closes = f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"
    if (h2, m2) > (h1, m1):
        return [(days, opens, closes, note)]
    if (h1, m1) < _OVERNIGHT_OPENS or (h2, m2) > _OVERNIGHT_CLOSES:
        return "closes before it opens"
    out: list[OpeningSession] = [(days, opens, "23:59", note)]
    if (h2, m2) != (0, 0):
        out.append(([(d + 1) % 7 for d in days], "00:00", closes, note))
    return out


def parse_opening_times(value: str) -> tuple[list[OpeningSession], list[str]]:
    """([(weekdays, "HH:MM", "HH:MM", note)], problems) from ``Mon 10:00-12:00; Tue,Thu
    13:00-15:30``.

    Also: ``24 hours``; days without times (``Thu (times not published)``, ``Wed evening``:
    the times are None); a note in brackets after a session (``Fri 15:00-16:30 (pantry)``,
    ``Wed 10:00-12:00 (cafe), 12:00-14:00 (lunch club)``; a note at the end of a day's sessions
    with none of their own is for all of them);
    ``daily``; overnight sessions (``Fri 18:00-01:00``, split at midnight).
    """
    sessions: list[OpeningSession] = []
    problems: list[str] = []
    for part in _split_outside_brackets(value):
        bracket = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", part)
        body, note = (bracket.group(1), bracket.group(2).strip()) if bracket else (part, "")
        if re.fullmatch(r"(?:open\s+)?24 ?hours(?: a day)?(?:,? 7 days(?: a week)?)?|24/7",
                        body.strip(), re.I):
            sessions.append((list(range(7)), "00:00", "23:59", note or "24 hours"))
            continue
        match = re.fullmatch(r"([^\d]+?)\s*(\d.*)", body)
        if match is None:  # days only: times not published
            words = body.strip()
            part_of_day = _DAY_PART.search(words)
            if part_of_day:
                words = words[:part_of_day.start()].strip()
                note = ", ".join(n for n in (part_of_day.group(1).lower(), note) if n)
            days = list(range(7)) if words.lower() == "daily" else _days(words)
            if days is None or (words and _DAY_PART.fullmatch(words)):
                problems.append(f"opening_times '{part}' is not a time range like "
                                "Mon 10:00-12:00")
            else:
                sessions.append((days, None, None, note))
            continue
        words = match.group(1).strip()
        days = list(range(7)) if words.lower() == "daily" else _days(words)
        parsed = [_time_range(r) for r in _split_ranges(match.group(2))]
        if days is None or not parsed or not all(parsed) or (note and parsed[-1][1]):
            problems.append(f"opening_times '{part}' is not a time range like Mon 10:00-12:00")
            continue
        found_sessions: list[OpeningSession] = []
        for item in parsed:
            assert item is not None
            found, own = item
            result = _sessions_of(days, found, own or note)
            if isinstance(result, str):
                problems.append(f"opening_times '{part}' {result}")
                found_sessions = []
                break
            found_sessions += result
        sessions += found_sessions
    return sessions, problems


def parse_cost(value: str) -> tuple[str, str]:
    """(cost_kind, cost_text) from ``free``, ``fee: £1 a bag``, ``Donations welcome``..."""
    value = value.strip()
    if not value:
        return "", ""
    match = re.fullmatch(r"(free|pay[- ]as[- ]you[- ]feel|fee)\s*:\s*(.*)", value, re.I | re.S)
    if match:
        return cost_kind_word(match.group(1)) or "", match.group(2).strip()
    exact = cost_kind_word(value)
    if exact:
        return exact, ""
    return guess_cost_kind(value), value


def parse_cell_date(value: str) -> str:
    """ISO text for YYYY-MM-DD, or for DD/MM/YYYY as spreadsheet programs rewrite dates."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day).isoformat()
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(value)
    return parsed.isoformat()


def parse_phones(value: str) -> list[PhoneRecord]:
    phones = []
    for item in split_list(value, ";"):
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", item)
        phones.append(PhoneRecord(match.group(1), match.group(2)) if match
                      else PhoneRecord(item))
    return phones


def parse_area(value: str) -> tuple[str, list[str]]:
    lowered = value.strip().lower()
    if lowered in ("", "local"):
        return AreaKind.LOCAL.value, []
    if lowered in ("city", "leeds", "all leeds", "city-wide", "citywide"):
        return AreaKind.CITY.value, []
    if lowered in ("national", "uk", "england", "nationwide"):
        return AreaKind.NATIONAL.value, []
    return AreaKind.WARDS.value, split_list(value, ";")
