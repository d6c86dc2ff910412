"""ORUK v1 JSON (``oruk-v1``), import only (most council feeds still serve it): each v1 service
is rewritten as an ORUK 3.0 service object and read by
:func:`directory.formats.oruk_records.add_service_object`.

v1 differences handled here: a Spring-style page with ``content``; ``regular_schedules`` with a
``weekday`` (a name, or a number 1 = Monday ... 7 = Sunday, 0 also Sunday) instead of ``byday``;
``physical_addresses``; ``service_taxonomys[].taxonomy{id, name, vocabulary}``; the organisation's
``url``; ``contacts[].phones`` (or ``phone``); ``eligibilitys`` (kept in the notes); and
``attending_access: referral``. The singular spellings (``regular_schedule``...) are accepted too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.formats.errors import UnreadableFileError
from directory.formats.files import Sample, load_json
from directory.formats.issues import ImportIssue
from directory.formats.oruk_records import add_service_object
from directory.formats.records import ParsedDirectory
from directory.formats.values import DAY_CODES, DAY_NAMES, text

NAME = "oruk-v1"
Json = dict[str, Any]
V1_KEYS = ("regular_schedules", "regular_schedule", "physical_addresses", "physical_address",
           "service_taxonomys", "service_taxonomy", "eligibilitys", "holiday_schedules")


def _first_list(obj: Json, *keys: str) -> list[Json]:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, dict):
            value = [value]
        if isinstance(value, list):
            return [v for v in value if isinstance(v, dict)]
    return []


def looks_like_v1(item: Json) -> bool:
    """True for a service object with v1-only keys, at the top or under its locations."""
    if any(key in item for key in V1_KEYS):
        return True
    for link in _first_list(item, "service_at_locations"):
        location = link.get("location")
        if any(key in link for key in V1_KEYS) or (
                isinstance(location, dict) and any(key in location for key in V1_KEYS)):
            return True
    return False


def is_v1_document(data: Any) -> bool:
    """True for parsed JSON that is a v1 page (``content`` without ``contents``), or a list of
    services or one service of which any looks like v1."""
    if isinstance(data, dict):
        if "contents" in data:
            return False  # an ORUK 3.0 page
        if "content" in data:
            return True
        return ("id" in data or "name" in data) and looks_like_v1(data)
    if isinstance(data, list):
        return any(looks_like_v1(item) for item in data[:20] if isinstance(item, dict))
    return False


def detect(sample: Sample) -> bool:
    """A .json file holding ORUK v1 services."""
    return sample.kind == "json" and is_v1_document(sample.json)


def v1_items(file_name: str, data: Any) -> list[Any]:
    if isinstance(data, dict) and "content" in data:
        items = data["content"]
        if isinstance(items, list):
            return items
        raise UnreadableFileError([ImportIssue(file_name, None, "content",
                                               "'content' is not a list of services")])
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and ("id" in data or "name" in data):
        return [data]
    raise UnreadableFileError([ImportIssue(file_name, None, None, "not an ORUK v1 services "
                                           "page: expected 'content', a list or one service")])


def weekday_code(value: Any) -> str:
    """MO..SU for a v1 weekday (name, abbreviation or number); the raw text when unknown."""
    raw = text(value)
    if raw.isdigit() and 0 <= int(raw) <= 7:
        return DAY_CODES[(int(raw) - 1) % 7]
    lowered = raw.lower()
    for code, name in zip(DAY_CODES, DAY_NAMES, strict=True):
        if len(lowered) >= 2 and name.lower().startswith(lowered):
            return code
    return raw.upper()


def _schedule(obj: Json) -> Json:
    freq = text(obj.get("freq")).upper()
    byday = text(obj.get("byday"))
    if not (freq == "MONTHLY" and byday) and text(obj.get("weekday")):
        byday = weekday_code(obj.get("weekday"))
        freq = freq if freq == "WEEKLY" else ""
    return {"byday": byday, "freq": freq, "interval": obj.get("interval"),
            "bymonthday": obj.get("bymonthday"), "opens_at": obj.get("opens_at"),
            "closes_at": obj.get("closes_at"), "valid_from": obj.get("valid_from"),
            "valid_to": obj.get("valid_to"), "notes": obj.get("description")}


def _phones(contacts: list[Json]) -> list[Json]:
    return [phone for contact in contacts for phone in _first_list(contact, "phones", "phone")]


def _location(obj: Json) -> Json:
    return {
        "id": obj.get("id"), "name": obj.get("name"), "latitude": obj.get("latitude"),
        "longitude": obj.get("longitude"),
        "addresses": _first_list(obj, "physical_addresses", "physical_address"),
    }


def _eligibility_note(item: Json) -> str:
    notes = []
    for rule in _first_list(item, "eligibilitys", "eligibility"):
        words = text(rule.get("eligibility"))
        low, high = text(rule.get("minimum_age")), text(rule.get("maximum_age"))
        ages = f"ages {low}-{high}" if low and high else (
            f"ages {low}+" if low else (f"up to age {high}" if high else ""))
        part = f"{words} ({ages})" if words and ages else (words or ages)
        if part:
            notes.append(part)
    return f"Eligibility: {'; '.join(notes)}." if notes else ""


def to_oruk3(item: Json) -> Json:
    """A v1 service object rewritten in the ORUK 3.0 shape that oruk_json reads."""
    out: Json = {key: item.get(key) for key in (
        "id", "name", "description", "url", "email", "status", "fees", "assured_date",
        "cost_options", "application_process")}
    org = item.get("organization")
    if isinstance(org, dict):
        out["organization"] = {"id": org.get("id"), "name": org.get("name"),
                               "description": org.get("description"), "email": org.get("email"),
                               "website": org.get("website") or org.get("url")}
    else:
        out["organization_id"] = item.get("organization_id")
    out["phones"] = _phones(_first_list(item, "contacts"))
    out["schedules"] = [_schedule(s) for s in _first_list(item, "regular_schedules",
                                                          "regular_schedule")]
    out["attributes"] = []
    for link in _first_list(item, "service_taxonomys", "service_taxonomy"):
        term = link.get("taxonomy")
        if isinstance(term, dict):
            out["attributes"].append({"taxonomy_term": {
                "id": term.get("id"), "name": term.get("name"),
                "taxonomy": term.get("vocabulary"), "term_uri": term.get("uri")}})
    out["languages"] = [{"name": lang.get("language") or lang.get("name")}
                        for lang in _first_list(item, "languages")]
    out["service_at_locations"] = []
    for link in _first_list(item, "service_at_locations"):
        location = link.get("location")
        out["service_at_locations"].append({
            "id": link.get("id"),
            "location": _location(location) if isinstance(location, dict) else None,
            "schedules": [_schedule(s) for s in _first_list(link, "regular_schedules",
                                                            "regular_schedule")],
        })
    access = text(item.get("attending_access")).lower()
    out["x_referral_required"] = True if access == "referral" else None
    out["x_notes"] = _eligibility_note(item)
    return out


def parse_oruk_v1(path: Path, data: Any) -> ParsedDirectory:
    """Records from JSON already parsed (``path`` names the file in messages)."""
    parsed = ParsedDirectory(file=path.name, format=NAME)
    for number, item in enumerate(v1_items(path.name, data), start=1):
        add_service_object(parsed, to_oruk3(item) if isinstance(item, dict) else item, number)
    return parsed


def read(path: Path, session: Session | None = None) -> ParsedDirectory:
    return parse_oruk_v1(path, load_json(path))
