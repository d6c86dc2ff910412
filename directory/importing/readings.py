"""Read locations, schedules and areas: the interpretation shared by the checks and writer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from directory.formats.issues import WARNING, ImportIssue
from directory.formats.records import LocationRecord, ScheduleRecord, ServiceRecord
from directory.formats.values import (
    DAY_CODES,
    DAY_NAMES,
    format_time,
    join_address,
    parse_date,
    parse_time,
    text,
)
from directory.importing.geography import Geography
from directory.models import AreaKind
from directory.postcodes import normalise_postcode

AREA_KINDS = tuple(a.value for a in AreaKind)
#: Longest text the location.postcode column holds.
POSTCODE_MAX = 10


@dataclass(frozen=True)
class LocationReading:
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    ward_code: str
    area_name: str = ""


@dataclass(frozen=True)
class ScheduleReading:
    #: (weekday, opens, closes); both times None for a day named without times.
    sessions: tuple[tuple[int, dt.time | None, dt.time | None], ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str = ""
    #: A schedule we cannot store as weekly sessions (monthly), as a sentence for the notes.
    service_note: str = ""


def _number(raw: Any) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    value = text(raw)
    return float(value) if value else None


def _show_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def read_location(geo: Geography, loc: LocationRecord) -> tuple[LocationReading, list[ImportIssue]]:
    """Check a location and work out its point and ward (see the postcode rules in checks)."""
    origin, issues = loc.origin, []
    coords: dict[str, float | None] = {}
    for name, raw in (("latitude", loc.latitude), ("longitude", loc.longitude)):
        try:
            coords[name] = _number(raw)
        except ValueError:
            coords[name] = None
            issues.append(origin.issue(name, f"{name} '{text(raw)}' is not a number"))
    lat, lon = coords["latitude"], coords["longitude"]
    if (lat is None) != (lon is None):
        issues.append(origin.issue("latitude", "latitude and longitude must be given together: "
                                   "coordinates dropped", WARNING))
        lat = lon = None
    elif lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            issues.append(origin.issue(
                "latitude", f"latitude {_show_number(lat)}, longitude {_show_number(lon)} "
                "are out of range: coordinates dropped", WARNING))
            lat = lon = None
        elif lat == 0 and lon == 0:
            issues.append(origin.issue("latitude", "latitude 0, longitude 0 is a placeholder: "
                                       "coordinates dropped", WARNING))
            lat = lon = None

    address, raw_postcode, postcode, ward = loc.address, loc.postcode.strip(), "", ""
    if raw_postcode:
        normalised = normalise_postcode(raw_postcode)
        if normalised is None:
            issues.append(origin.issue("postcode", f"postcode '{raw_postcode}' is not a UK "
                                       "postcode: kept as given", WARNING))
            if len(raw_postcode) <= POSTCODE_MAX:
                postcode = raw_postcode
            else:
                address = join_address(address, raw_postcode)
        else:
            postcode = normalised
            known = geo.postcode(normalised)
            if known is not None:
                known_lat, known_lon, ward, live = known
                if lat is None:
                    lat, lon = known_lat, known_lon
                if not live:
                    issues.append(origin.issue("postcode", f"postcode '{raw_postcode}' is no "
                                               "longer in use: check the address", WARNING))
            elif geo.should_be_listed(normalised):
                issues.append(origin.issue("postcode",
                                           f"postcode '{raw_postcode}' is not a Leeds postcode"))
    given_ward = loc.ward_code.strip()
    if given_ward:
        if given_ward in geo.wards:
            ward = given_ward
        else:
            issues.append(origin.issue("ward_code", f"ward code '{given_ward}' is not a Leeds "
                                       "ward: worked out from the postcode instead", WARNING))
    if not ward and not raw_postcode and lat is not None and lon is not None:
        ward = geo.ward_near(lat, lon)
    area_name = loc.area_name.strip()
    if area_name:
        area = geo.area(area_name)
        if area is None:
            issues.append(origin.issue("area_name", f"area_name '{area_name}' is not a Leeds "
                                       "neighbourhood or ward the bot knows"))
        elif not ward:
            ward = area.ward_code
    return LocationReading(address, postcode, lat, lon, ward, area_name), issues


_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last", -2: "second last"}
_MONTHLY_DAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def _describe_monthly(days: list[str], monthdays: str, opens: dt.time | None,
                      closes: dt.time | None) -> str | None:
    named = []
    for code in days:
        match = _MONTHLY_DAY.fullmatch(code)
        if not match:
            return None
        day = DAY_NAMES[DAY_CODES.index(match.group(2))]
        number = int(match.group(1)) if match.group(1) else None
        named.append(f"{_ORDINALS.get(number, f'{number}th')} {day}" if number else day)
    if named:
        when = f"the {' and the '.join(named)} of each month"
    elif monthdays:
        when = f"on day {monthdays} of each month"
    else:
        when = "monthly"
    hours = f", {format_time(opens)}-{format_time(closes)}" if opens and closes else ""
    return f"Open {when}{hours}."


def read_schedule(rec: ScheduleRecord) -> tuple[ScheduleReading, list[ImportIssue]]:
    """Check a schedule and expand it into weekly sessions (one per day)."""
    origin, issues = rec.origin, []
    untimed = not rec.opens_at.strip() and not rec.closes_at.strip()
    if untimed and rec.freq.strip().upper() == "MONTHLY":
        issues.append(origin.issue("opens_at", "schedule has no opening or closing time: "
                                   "left out", WARNING))
        return ScheduleReading(), issues
    times: dict[str, dt.time | None] = {}
    for name, raw in (("opens_at", rec.opens_at), ("closes_at", rec.closes_at)):
        times[name] = None
        if untimed:
            continue
        if not raw.strip():
            issues.append(origin.issue(name, f"{name} is missing"))
            continue
        try:
            times[name] = parse_time(raw)
        except ValueError:
            issues.append(origin.issue(name, f"{name} '{raw}' is not a time (HH:MM)"))
    opens, closes = times["opens_at"], times["closes_at"]
    if opens is not None and closes is not None and closes <= opens:
        issues.append(origin.issue("closes_at", f"closes_at {format_time(closes)} is not after "
                                   f"opens_at {format_time(opens)}"))
    dates: dict[str, dt.date | None] = {}
    for name, raw in (("valid_from", rec.valid_from), ("valid_to", rec.valid_to)):
        try:
            dates[name] = parse_date(raw)
        except ValueError:
            dates[name] = None
            issues.append(origin.issue(name, f"{name} '{raw}' is not a date (YYYY-MM-DD)"))
    if dates["valid_from"] and dates["valid_to"] and dates["valid_to"] < dates["valid_from"]:
        issues.append(origin.issue("valid_to", "valid_to is before valid_from"))

    freq = rec.freq.strip().upper()
    days = [d for d in re.split(r"[\s,]+", rec.byday.strip().upper()) if d]
    ordinal = any(re.fullmatch(r"[+-]?\d{1,2}[A-Z]{2}", d) for d in days)
    if freq not in ("", "WEEKLY", "MONTHLY", "DAILY"):
        issues.append(origin.issue("freq", f"freq '{rec.freq}' is not WEEKLY or MONTHLY"))
        return ScheduleReading(), issues
    if freq == "MONTHLY" or (ordinal and not freq):
        note = _describe_monthly(days, rec.bymonthday.strip(), opens, closes)
        if note is None:
            issues.append(origin.issue("byday", f"byday '{rec.byday}' is not a list of days "
                                       "like 2MO,-1FR"))
            return ScheduleReading(), issues
        if rec.note.strip():
            note = f"{note[:-1]} ({rec.note.strip()})."
        issues.append(origin.issue("freq", f"monthly schedule kept as a note: {note}", WARNING))
        return ScheduleReading(service_note=note), issues
    if freq == "DAILY" and not days:
        days = list(DAY_CODES)
    if any(d not in DAY_CODES for d in days):
        issues.append(origin.issue("byday", f"byday '{rec.byday}' is not a list of day codes "
                                   "MO,TU,WE,TH,FR,SA,SU"))
        return ScheduleReading(), issues
    if not days:
        issues.append(origin.issue("byday", "schedule has no days (byday): left out", WARNING))
        return ScheduleReading(), issues
    note = rec.note.strip()
    try:
        interval = int(float(rec.interval)) if rec.interval.strip() else 1
    except ValueError:
        interval = 1
        issues.append(origin.issue("interval", f"interval '{rec.interval}' is not a number",
                                   WARNING))
    if interval > 1:
        note = f"{note} (every {interval} weeks)".strip()
    if (not untimed and (opens is None or closes is None)) or any(i.is_error for i in issues):
        return ScheduleReading(), issues
    sessions = tuple((DAY_CODES.index(d), opens, closes) for d in dict.fromkeys(days))
    return ScheduleReading(sessions, dates["valid_from"], dates["valid_to"], note), issues


def read_area(geo: Geography, svc: ServiceRecord) -> tuple[str, list[str], list[ImportIssue]]:
    """(area kind, ward codes, issues) for a service."""
    kind = svc.area_kind.strip().lower() or AreaKind.LOCAL.value
    issues: list[ImportIssue] = []
    if kind not in AREA_KINDS:
        issues.append(svc.origin.issue("area", f"area '{svc.area_kind}' is not one of "
                                       f"{', '.join(AREA_KINDS)}"))
        return kind, [], issues
    codes: list[str] = []
    if kind == AreaKind.WARDS.value:
        for name in svc.area_wards:
            code = geo.ward_code(name)
            if code is None:
                suggestion = geo.ward_suggestion(name)
                hint = f" (did you mean {suggestion}?)" if suggestion else ""
                issues.append(svc.origin.issue("area", f"area '{name}' is not a Leeds ward{hint}"))
            elif code not in codes:
                codes.append(code)
        if not svc.area_wards:
            issues.append(svc.origin.issue("area", "area lists no wards"))
    return kind, codes, issues
