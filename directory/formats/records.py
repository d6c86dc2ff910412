"""The plain records every format's parser produces, and ParsedDirectory that holds them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from directory.formats.issues import ERROR, ImportIssue
from directory.models import AreaKind, ServiceStatus


@dataclass(frozen=True)
class Origin:
    """Where a record came from, for messages: a file and a row, or a record label."""

    file: str
    row: int | None = None
    record: str = ""

    def issue(self, field_name: str | None, message: str, severity: str = ERROR) -> ImportIssue:
        return ImportIssue(self.file, self.row, field_name, message, severity, self.record)


@dataclass
class PhoneRecord:
    number: str
    description: str = ""


@dataclass
class ScheduleRecord:
    """A schedule as given (raw text): checked and expanded by
    :func:`directory.importing.readings.read_schedule`."""

    origin: Origin
    byday: str = ""
    freq: str = ""
    interval: str = ""
    bymonthday: str = ""
    opens_at: str = ""
    closes_at: str = ""
    valid_from: str = ""
    valid_to: str = ""
    note: str = ""


@dataclass
class TermRecord:
    id: str
    name: str
    taxonomy: str = ""
    term_uri: str = ""
    need_slug: str = ""


@dataclass
class LocationRecord:
    id: str
    origin: Origin
    name: str = ""
    address: str = ""
    postcode: str = ""
    latitude: Any = None  # as given: number, text or None
    longitude: Any = None
    ward_code: str = ""
    #: A neighbourhood or ward name the place resolver knows, for a place with no postcode.
    area_name: str = ""
    phones: list[PhoneRecord] = field(default_factory=list)
    source: str = ""
    last_checked: str = ""
    issues: list[ImportIssue] = field(default_factory=list)


@dataclass
class ServiceLocationRecord:
    id: str
    location: LocationRecord
    schedules: list[ScheduleRecord] = field(default_factory=list)


@dataclass
class OrganisationRecord:
    """An organisation. ``None`` in an optional field means "not given: keep what is stored"."""

    id: str
    origin: Origin
    name: str = ""
    description: str | None = ""
    website: str | None = ""
    email: str | None = ""
    anchor_wards: list[str] | None = field(default_factory=list)
    phones: list[PhoneRecord] = field(default_factory=list)
    source: str = ""
    last_checked: str = ""
    issues: list[ImportIssue] = field(default_factory=list)


@dataclass
class ServiceRecord:
    id: str
    origin: Origin
    organisation_id: str = ""
    name: str = ""
    description: str = ""
    url: str = ""
    email: str = ""
    status: str = ServiceStatus.ACTIVE.value
    cost_kind: str = ""
    cost_text: str = ""
    referral_required: bool | None = None
    referral_how: str = ""
    area_kind: str = AreaKind.LOCAL.value
    area_wards: list[str] = field(default_factory=list)  # ward codes or names
    languages: list[str] = field(default_factory=list)
    notes: str = ""
    source: str = ""
    last_checked: str = ""
    phones: list[PhoneRecord] = field(default_factory=list)
    schedules: list[ScheduleRecord] = field(default_factory=list)  # service-wide sessions
    locations: list[ServiceLocationRecord] = field(default_factory=list)
    term_ids: list[str] = field(default_factory=list)
    #: Every spreadsheet or CSV row this service was read from.
    rows: list[int] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)

    def all_schedules(self) -> Iterator[ScheduleRecord]:
        yield from self.schedules
        for sal in self.locations:
            yield from sal.schedules


@dataclass
class ParsedDirectory:
    """A whole file read into records, before any checks."""

    file: str
    format: str
    organisations: dict[str, OrganisationRecord] = field(default_factory=dict)
    services: list[ServiceRecord] = field(default_factory=list)
    terms: dict[str, TermRecord] = field(default_factory=dict)
    #: Problems with the file as a whole, not with one service.
    issues: list[ImportIssue] = field(default_factory=list)
    #: The day of the import, for the source of records that name none (None: not said).
    imported_on: dt.date | None = None
    #: The ORUK feed these records were synced from ("" for a file): every record written
    #: keeps it, with its own id there.
    feed_url: str = ""

    def add_organisation(self, org: OrganisationRecord) -> None:
        """Keep the first record for each id (nested formats repeat organisations)."""
        self.organisations.setdefault(org.id, org)

    def add_term(self, term: TermRecord) -> None:
        self.terms.setdefault(term.id, term)
