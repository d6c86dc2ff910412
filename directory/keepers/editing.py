"""Keepers' edits of a service, run through the import's own reading, checks and writer.

The edit form is the service's rows of the volunteer spreadsheet (one row per place, the same
columns and rules), so an edit is checked exactly as an import is: by
:func:`directory.formats.spreadsheet.parse_rows`, :func:`directory.importing.checks.
check_directory` and :func:`directory.importing.writer.write_directory`. Places keep their ids,
map points and phones when their address is unchanged. Every edit is kept in the history with
the values before and after; an admin can revert one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import BadInput
from directory.formats.issues import ImportIssue
from directory.formats.records import ParsedDirectory, PhoneRecord
from directory.formats.spreadsheet import NAME as SPREADSHEET
from directory.formats.spreadsheet import parse_cost, parse_rows
from directory.formats.spreadsheet_columns import COLUMNS
from directory.formats.spreadsheet_export import service_rows
from directory.formats.values import slugify
from directory.importing.checks import check_directory
from directory.importing.cleaning import clean_text
from directory.importing.report import ImportReport
from directory.importing.writer import write_directory
from directory.keepers.models import DirectoryChange
from directory.models import Location, Service, ServiceAtLocation, Ward
from directory.postcodes import normalise_postcode

#: What the form edits for the whole service, and for each place.
SERVICE_FIELDS = ("service", "description", "phone", "website", "email", "cost",
                  "referral_required", "referral_how", "status", "notes")
PLACE_FIELDS = ("address", "postcode", "opening_times")
#: The key of the row for sessions without a place (or a service with no place).
NO_PLACE = ""
#: The key of form values that apply to every row (the service-wide fields).
ALL_ROWS = "*"
#: Whether the keeper may edit an organisation's records (None: every organisation's).
Keeps = Callable[[str], bool] | None


@dataclass
class EditResult:
    """Problems field by field (nothing written when any is an error), or the change kept."""

    issues: list[ImportIssue] = field(default_factory=list)
    change: DirectoryChange | None = None

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.is_error]


def _sorted_links(service: Service) -> list[ServiceAtLocation]:
    """The service's places in the order the spreadsheet export writes their rows."""
    return sorted(service.locations, key=lambda link: (link.location.address.lower(),
                                                       link.location.postcode, link.id))


def form_rows(session: Session, service: Service) -> list[dict[str, str]]:
    """The service as spreadsheet rows, each with ``link`` (its place's link id, or "")."""
    ward_names = dict(session.execute(select(Ward.code, Ward.name)).all())
    rows = service_rows(service, ward_names)
    links = _sorted_links(service)
    out = []
    for index, row in enumerate(rows):
        link = links[index].id if index < len(links) else NO_PLACE
        out.append({**{c: str(row.get(c) or "") for c in COLUMNS}, "link": link})
    return out


def snapshot(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """The editable values, row by row, keyed by place link."""
    return {row["link"]: {f: row[f] for f in (*SERVICE_FIELDS, *PLACE_FIELDS)} for row in rows}


def differences(before: dict, after: dict) -> list[tuple[str, str, str, str]]:
    """(place link, field, before, after) for every value that differs."""
    out = []
    for link in dict.fromkeys([*before, *after]):
        old, new = before.get(link, {}), after.get(link, {})
        for name in (*SERVICE_FIELDS, *PLACE_FIELDS):
            if name in SERVICE_FIELDS and link != next(iter(after or before), link):
                continue  # service-wide values are the same on every row: show them once
            if old.get(name, "") != new.get(name, ""):
                out.append((link, name, old.get(name, ""), new.get(name, "")))
    return out


def _same_place(row: dict[str, str], link: ServiceAtLocation) -> bool:
    stored = link.location
    return (row["address"].strip() == stored.address.strip()
            and normalise_postcode(row["postcode"]) == normalise_postcode(stored.postcode))


def _shared_beyond(link: ServiceAtLocation, keeps: Keeps) -> bool:
    """True when the link's place also serves an organisation the keeper may not edit."""
    if keeps is None:
        return False
    return any(not keeps(other.service.organisation_id)
               for other in link.location.services if other.service_id != link.service_id)


def _new_location_id(session: Session, made: str, service_id: str) -> str:
    """An unused location id for a place of this service alone."""
    base, number = f"{made}-{service_id}", 1
    candidate = base
    while session.get(Location, candidate) is not None:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _parse(session: Session, service: Service, rows: list[dict[str, str]],
           keeps: Keeps = None) -> tuple[ParsedDirectory, set[str]]:
    """Read the edited rows as the spreadsheet import would, keeping what the form cannot say:
    place ids, map points, place phones, the service's taxonomy terms.

    A place shared with an organisation the keeper may not edit is never written: an edit
    that changes it gives this service a new place of its own. Returns the parsed rows and
    the ids of shared places to leave as they are."""
    # A synced service stays its feed's: the newer check wins on the next sync.
    parsed = ParsedDirectory(file="form", format=SPREADSHEET, feed_url=service.feed_url)
    untouched: set[str] = set()
    known = {service.organisation.name: service.organisation_id}
    parse_rows(parsed, known, ((n, {c: row.get(c, "") for c in COLUMNS})
                               for n, row in enumerate(rows, 1)))
    parsed.organisations.clear()  # the organisation is kept as stored
    parsed.terms.clear()
    links = {link.id: link for link in service.locations}
    for svc in parsed.services:
        svc.organisation_id = service.organisation_id
        svc.term_ids = [t.term_id for t in service.terms]
        for row in rows:
            link = links.get(row["link"])
            if link is None:
                continue
            place = f"{row['address']} {row['postcode']}"
            made = row.get("location_id") or "loc-" + slugify(place)
            for sal in svc.locations:
                if sal.location.id == made and _shared_beyond(link, keeps):
                    if _same_place(row, link):
                        sal.id, sal.location.id = link.id, link.location_id
                        untouched.add(link.location_id)
                    else:
                        sal.id = link.id
                        sal.location.id = _new_location_id(session, made, service.id)
                        sal.location.name = link.location.name or sal.location.name
                elif sal.location.id == made:
                    sal.id, sal.location.id = link.id, link.location_id
                    stored = link.location
                    sal.location.name = stored.name or sal.location.name
                    sal.location.phones = [PhoneRecord(p.number, p.description)
                                           for p in stored.phones if p.service_id is None]
                    if _same_place(row, link):
                        sal.location.latitude = stored.latitude
                        sal.location.longitude = stored.longitude
                        sal.location.ward_code = stored.ward_code
    return parsed, untouched


COST_MESSAGE = ("cost '{}' is not a price: write the amount (for example £1 a bag, or "
                "fee: £2.50), or free, or pay-as-you-feel")


def cost_issues(typed: str) -> list[ImportIssue]:
    """A cost typed in the form must say free, pay-as-you-feel, or give an amount: "cheap" or
    "fee" alone would reach residents as a fee of unknown size. (A spreadsheet keeps its own
    rule: other text counts as a fee.)"""
    kind, text = parse_cost(typed)
    if not typed.strip() or kind in ("free", "pay-as-you-feel") or re.search(r"\d", text):
        return []
    return [ImportIssue("form", None, "cost", COST_MESSAGE.format(typed.strip()))]


def apply_rows(session: Session, service: Service, rows: list[dict[str, str]],
               today: dt.date, found: list[ImportIssue] | None = None,
               keeps: Keeps = None) -> list[ImportIssue]:
    """Check and write edited rows; returns the issues (``found`` ones too: nothing is
    written if any is an error)."""
    for row in rows:
        row["service_id"], row["organisation"] = service.id, service.organisation.name
        row["last_checked"] = today.isoformat()  # the keeper has just looked at every detail
    parsed, untouched = _parse(session, service, rows, keeps)
    plan = check_directory(session, parsed)
    issues = plan.issues + list(found or [])
    if any(i.is_error for i in issues):
        return issues
    for location_id in untouched:  # linked to, never rewritten
        plan.locations.pop(location_id, None)
    write_directory(session, parsed, plan, ImportReport("form", SPREADSHEET), replace=False,
                    progress=None)
    return issues


def edit_service(session: Session, service: Service, values: dict[str, dict[str, str]],
                 who: str, role: str, now: dt.datetime, today: dt.date,
                 keeps: Keeps = None) -> EditResult:
    """Apply form values (keyed by place link or ALL_ROWS, then field); keep the change.
    Control characters are cleaned as the importer cleans them; ``keeps`` says which
    organisations' places the keeper may change (see :func:`_parse`)."""
    current = form_rows(session, service)
    before = snapshot(current)
    rows = []
    for row in current:
        edited = dict(row)
        given = {**values.get(ALL_ROWS, {}), **values.get(row["link"], {})}
        for name in (*SERVICE_FIELDS, *PLACE_FIELDS):
            if name in given:
                edited[name] = clean_text(given[name]).strip()
        rows.append(edited)
    if snapshot(rows) == before:
        return EditResult()
    org_id, service_id = service.organisation_id, service.id
    typed_cost = rows[0]["cost"] if rows else ""
    changed_cost = typed_cost != next(iter(before.values()), {}).get("cost", "")
    issues = apply_rows(session, service, rows, today,
                        cost_issues(typed_cost) if changed_cost else [], keeps)
    if any(i.is_error for i in issues):
        return EditResult(issues)
    session.flush()
    session.expire_all()
    after = snapshot(form_rows(session, session.get(Service, service_id)))
    change = DirectoryChange(made_at=now, made_by=who, made_by_role=role, service_id=service_id,
                             organisation_id=org_id, before=json.dumps(before),
                             after=json.dumps(after), reverted_by="")
    session.add(change)
    session.flush()
    return EditResult(issues, change)


class RevertError(BadInput):
    """A change cannot be reverted; the message says why."""


def revert_change(session: Session, change_id: int, who: str, role: str, now: dt.datetime,
                  today: dt.date) -> EditResult:
    """Put back the values a change replaced, if nobody has changed those values since."""
    change = session.get(DirectoryChange, change_id)
    if change is None:
        raise RevertError("no such change")
    if change.reverted_at is not None:
        raise RevertError("this change was already reverted")
    service = session.get(Service, change.service_id)
    if service is None:
        raise RevertError("the service is no longer in the directory")
    before, after = json.loads(change.before), json.loads(change.after)
    current = snapshot(form_rows(session, service))
    values: dict[str, dict[str, str]] = {}
    for link, name, old, new in differences(before, after):
        if current.get(link, {}).get(name) != new:
            raise RevertError(f"{name}: changed again since; edit the service instead")
        values.setdefault(ALL_ROWS if name in SERVICE_FIELDS else link, {})[name] = old
    result = edit_service(session, service, values, who, role, now, today)
    if result.errors:
        return result
    change.reverted_at, change.reverted_by = now, who
    if result.change is not None:
        result.change.reverts_change_id = change.id
    session.flush()
    return result


def history(session: Session, organisation_ids: list[str] | None = None,
            limit: int = 200) -> list[DirectoryChange]:
    """The newest changes first; only these organisations' when given."""
    query = select(DirectoryChange).order_by(DirectoryChange.made_at.desc(),
                                             DirectoryChange.id.desc()).limit(limit)
    if organisation_ids is not None:
        query = query.where(DirectoryChange.organisation_id.in_(organisation_ids))
    return list(session.scalars(query))
