"""Import a service directory from a file: tell the format, parse, check as a whole, then write.

Every format's parser turns its file into the same plain records, a :class:`ParsedDirectory`
(organisations, services with their locations, schedules, phones and taxonomy terms). The records
are checked together, against each other and against the Leeds geography. Nothing is written
unless every record is valid; with ``skip_invalid`` the valid services are written and the others
are listed in the report.

Formats (``fmt``)
    ``oruk-json``    ORUK 3.0 JSON: our own FORMAT.md, a paged ``/services`` response, a bare
                     list of services or one full service (:mod:`directory.oruk_json`)
    ``oruk-v1``      ORUK v1 JSON pages, import only (:mod:`directory.oruk_v1`)
    ``oruk-csv``     ORUK 3.0 / HSDS 3.0 CSV data package: a folder, its datapackage.json or a
                     .zip (:mod:`directory.oruk_csv`)
    ``spreadsheet``  the volunteer CSV described in SPREADSHEET.md (:mod:`directory.spreadsheet`)

Outcomes
    ``import_path`` returns an :class:`ImportReport`. When records are invalid (and
    ``skip_invalid`` is off) nothing is written and ``report.has_errors`` is true; call
    ``report.raise_for_errors()`` to turn that into :class:`InvalidDirectoryError`. A file that
    cannot be read at all raises straight away::

        DirectoryImportError (also importable as ``ImportError``)   .issues, .report
        |-- UnknownFormatError       the format cannot be told, or is not one of FORMATS
        |-- UnreadableFileError      missing file, broken JSON or CSV, missing columns
        `-- InvalidDirectoryError    records failed the checks (raised by raise_for_errors)

    ``validate_path`` runs the same parsing and checks without writing and never raises for a
    bad file: every problem is an issue in the report.

Checks (errors unless marked as warnings)
    - ids and names are required; service ids are unique; a service's organisation must be in
      the file or already in the directory; status is one of ServiceStatus.
    - Schedules: times HH:MM(:SS) with closes after opens, dates ISO, ``byday`` codes MO..SU for
      weekly sessions. Monthly ones (``2MO``) become a sentence in the service notes (warning).
    - Coordinates out of range, or 0,0: dropped (warning), so the fictional ORUK examples load.
    - Postcodes: one in our Leeds list (live or terminated) gives the place its ward, and its
      point when it has none. A postcode missing from that list whose area is wholly Leeds
      (``LS99 9ZZ``) is an error; other UK postcodes are places outside Leeds, with no ward;
      text that is not a UK postcode (``ABC 1234``) is kept as given (warning).
    - Areas and anchor wards must name Leeds wards (by code or name).

Every record gets ``source`` (``x_source``, else "imported from <file> on <date>") and
``last_checked`` (``x_last_checked``, else ``assured_date``, else ``last_modified``, else none).
Taxonomy terms keep their own ids; NEED_KEYWORDS maps them to our needs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from directory.geo import haversine_km
from directory.models import (
    AreaKind,
    CostKind,
    Location,
    Organisation,
    Phone,
    Postcode,
    PostcodeArea,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTerm,
    TaxonomyTerm,
    Ward,
)
from directory.needs import NEED_TAXONOMY, is_need, need_term_id
from directory.postcodes import normalise_postcode

__all__ = [
    "FORMATS",
    "DirectoryImportError",
    "ImportIssue",
    "ImportReport",
    "InvalidDirectoryError",
    "ParsedDirectory",
    "UnknownFormatError",
    "UnreadableFileError",
    "detect_format",
    "export_oruk_csv",
    "export_oruk_json",
    "export_spreadsheet",
    "import_path",
    "validate_path",
]

FORMATS = ("oruk-json", "oruk-v1", "oruk-csv", "spreadsheet")
ERROR = "error"
WARNING = "warning"
STATUSES = tuple(s.value for s in ServiceStatus)
COST_KINDS = tuple(c.value for c in CostKind)
AREA_KINDS = tuple(a.value for a in AreaKind)
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: A location given only by coordinates takes the ward of the nearest Leeds postcode this close.
MAX_NEAREST_POSTCODE_KM = 1.5
#: Longest text the location.postcode column holds.
POSTCODE_MAX = 10
Progress = Callable[[int, int], None]

#: Keywords in a taxonomy term's name that map it to one of our needs: first match wins, so the
#: narrower needs come before the wider ones ("mental health" before "health").
NEED_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("domestic-abuse", ("domestic abuse", "domestic violence")),
    ("mental-health", ("mental health",)),
    ("food", ("food", "meal", "pantry", "pantries")),
    ("money", ("money", "debt", "benefit", "financ")),
    ("housing", ("housing", "homeless", "accommodation")),
    ("energy", ("energy", "fuel", "heating")),
    ("social", ("lonel", "isolation", "social")),
    ("family", ("family", "families", "child", "parent")),
    ("health", ("health",)),
    ("work", ("employment", "work", "job")),
    ("immigration", ("immigration", "asylum", "refugee")),
    ("digital", ("digital", "internet", "online skills")),
    ("essentials", ("clothing", "clothes", "essentials", "toiletries")),
)
_NEED_PATTERNS = tuple(
    (slug, re.compile("|".join(rf"\b{re.escape(k)}" for k in keywords)))
    for slug, keywords in NEED_KEYWORDS
)


# --- Issues and the report ---------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    """One problem found in a file: where it is, which field, and what is wrong."""

    file: str
    row: int | None
    field: str | None
    message: str
    severity: str = ERROR
    #: Names the record when there is no row number, e.g. "service 'example-pantry'".
    record: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        elif self.record:
            where += f" {self.record}"
        prefix = "" if self.is_error else "warning: "
        return f"{where}: {prefix}{self.message}"


@dataclass(frozen=True)
class SkippedRecord:
    """A service left out by ``skip_invalid`` because it (or its organisation or location) had
    errors."""

    file: str
    rows: tuple[int, ...]
    record: str

    def __str__(self) -> str:
        if not self.rows:
            return f"{self.file}: {self.record}"
        label = "row" if len(self.rows) == 1 else "rows"
        return f"{self.file} {label} {', '.join(map(str, self.rows))}: {self.record}"


@dataclass
class ImportReport:
    """What an import (or a validation) found and did."""

    path: str
    format: str
    written: bool = False
    checked_only: bool = False
    replaced: bool = False
    services_removed: int = 0
    organisations_added: int = 0
    organisations_updated: int = 0
    services_added: int = 0
    services_updated: int = 0
    locations_added: int = 0
    locations_updated: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[ImportIssue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)

    @property
    def skipped_rows(self) -> list[int]:
        return sorted({row for s in self.skipped for row in s.rows})

    def raise_for_errors(self) -> None:
        """Raise :class:`InvalidDirectoryError` when any issue is an error."""
        if self.has_errors:
            raise InvalidDirectoryError(self.errors, self)

    def summary(self) -> str:
        name = Path(self.path).name
        problems = _plural(len(self.errors), "error") + ", " + _plural(len(self.warnings),
                                                                      "warning")
        counts = (
            f"services {self.services_added} new, {self.services_updated} updated; "
            f"organisations {self.organisations_added} new, {self.organisations_updated} "
            f"updated; locations {self.locations_added} new, {self.locations_updated} updated"
        )
        if self.checked_only:
            verdict = "has errors" if self.has_errors else "is valid"
            return f"{name} ({self.format}) {verdict}: {problems}. If imported: {counts}."
        if not self.written:
            return f"Nothing imported from {name} ({self.format}): {problems}."
        text = f"Imported {name} ({self.format}): {counts}"
        if self.replaced:
            text += f"; replaced the directory ({_plural(self.services_removed, 'service')} " \
                    "removed first)"
        if self.skipped:
            text += f"; skipped {_plural(len(self.skipped), 'service')} with errors"
            if self.skipped_rows:
                text += f" (rows {', '.join(map(str, self.skipped_rows))})"
        return f"{text}. {problems[0].upper()}{problems[1:]}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- Errors ------------------------------------------------------------------------------


class DirectoryImportError(Exception):
    """Anything that stops an import. ``issues`` says where; ``report`` may hold the rest."""

    def __init__(self, issues: Sequence[ImportIssue] | str, report: ImportReport | None = None):
        if isinstance(issues, str):
            issues = [ImportIssue("", None, None, issues)]
        self.issues = list(issues)
        self.report = report
        super().__init__(self._text())

    def _text(self) -> str:
        lines = [str(i) if i.file else i.message for i in self.issues[:20]]
        if len(self.issues) > 20:
            lines.append(f"... and {len(self.issues) - 20} more")
        return "\n".join(lines)


#: The name the CLI uses. It shadows the builtin only where it is imported by this name.
ImportError = DirectoryImportError


class UnknownFormatError(DirectoryImportError):
    """The format of the file cannot be told, or is not one of FORMATS."""


class UnreadableFileError(DirectoryImportError):
    """The file is missing, is not valid JSON or CSV, or lacks required columns."""


class InvalidDirectoryError(DirectoryImportError):
    """Records failed the checks, so nothing was written."""


# --- Records -----------------------------------------------------------------------------


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
    """A schedule as given (raw text): checked and expanded by :func:`read_schedule`."""

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

    def add_organisation(self, org: OrganisationRecord) -> None:
        """Keep the first record for each id (nested formats repeat organisations)."""
        self.organisations.setdefault(org.id, org)

    def add_term(self, term: TermRecord) -> None:
        self.terms.setdefault(term.id, term)


# --- Helpers for parsers -----------------------------------------------------------------


def text(value: Any) -> str:
    """A JSON or CSV value as stripped text (None is empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def default_source(file_name: str) -> str:
    return f"imported from {file_name} on {dt.date.today().isoformat()}"


def clean_phone(raw: Any) -> str:
    """A phone number without the stray quotes some exports wrap it in."""
    return text(raw).strip("\"' ").strip()


def join_address(*parts: Any) -> str:
    """Address lines and town joined with ", "; a town already at the end is not repeated."""
    out: list[str] = []
    for part in (text(p) for p in parts):
        if part and not (out and out[-1].lower().endswith(part.lower())):
            out.append(part)
    return ", ".join(out)


def split_address(address: str) -> tuple[str, str]:
    """The inverse of :func:`join_address` for export: (address_1, city)."""
    head, sep, tail = address.rpartition(", ")
    return (head, tail) if sep else (address, "")


def split_list(value: str, separators: str = ",;") -> list[str]:
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", value) if part.strip()]


def parse_bool(value: Any) -> bool | None:
    """true/false/yes/no/1/0 (any case) or None when blank; ValueError otherwise."""
    if value is None or isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in ("", "null", "unknown"):
        return None
    if raw in ("true", "yes", "y", "1"):
        return True
    if raw in ("false", "no", "n", "0"):
        return False
    raise ValueError(raw)


def parse_date(raw: str) -> dt.date | None:
    """An ISO date (a timestamp's date part is accepted); None when blank; ValueError if bad."""
    raw = raw.strip()
    if not raw:
        return None
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", raw)
    if not match:
        raise ValueError(raw)
    return dt.date.fromisoformat(match.group(1))


_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def parse_time(raw: str) -> dt.time:
    """HH:MM or HH:MM:SS (a time-zone suffix is ignored: times are local); ValueError if bad."""
    match = _TIME_RE.fullmatch(raw.strip())
    if not match:
        raise ValueError(raw)
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    return dt.time(hour, minute, second)  # raises ValueError when out of range


def format_time(value: dt.time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def slugify(value: str) -> str:
    """``Example Café & Pantry`` -> ``example-cafe-pantry``."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def need_for_term(term_id: str, name: str, taxonomy: str) -> str:
    """Our need slug for a taxonomy term: our own terms by name or id, others by keyword."""
    prefix = need_term_id("")
    if taxonomy == NEED_TAXONOMY or term_id.startswith(prefix):
        for candidate in (name, term_id.removeprefix(prefix)):
            if is_need(candidate):
                return candidate
        return ""
    lowered = name.lower()
    for slug, pattern in _NEED_PATTERNS:
        if pattern.search(lowered):
            return slug
    return ""


def term_record(term_id: str, name: str, taxonomy: str = "", term_uri: str = "") -> TermRecord:
    name = name or term_id
    return TermRecord(term_id, name, taxonomy, term_uri, need_for_term(term_id, name, taxonomy))


def guess_cost_kind(description: str) -> str:
    """free / pay-as-you-feel / fee from free text such as ORUK ``fees``; "" when blank."""
    lowered = description.lower()
    if not lowered:
        return ""
    if re.search(r"pay[- ]?as[- ]?you[- ]?feel|donation", lowered):
        return CostKind.PAY_AS_YOU_FEEL.value
    if re.match(r"(free|no charge|no cost)\b", lowered):
        return CostKind.FREE.value
    return CostKind.FEE.value


def cost_kind_word(option: str) -> str | None:
    """free / pay-as-you-feel / fee when ``option`` is one of those words (or a synonym)."""
    word = re.sub(r"[\s_]+", "-", option.strip().lower())
    if word == "free":
        return CostKind.FREE.value
    if word in ("pay-as-you-feel", "payasyoufeel", "pay-what-you-can", "donation"):
        return CostKind.PAY_AS_YOU_FEEL.value
    if word in ("fee", "fees", "paid", "charge"):
        return CostKind.FEE.value
    return None


def _money(amount: str, currency: str) -> str:
    try:
        value = float(amount)
    except ValueError:
        return amount
    symbol = "£" if currency.lower() in ("", "gbp") else f"{currency.upper()} "
    return f"{symbol}{value:.0f}" if value.is_integer() else f"{symbol}{value:.2f}"


def cost_from_options(options: Iterable[dict[str, Any]], fees: str = "") -> tuple[str, str]:
    """(cost_kind, cost_text) from ORUK ``cost_options`` and, failing those, ``fees``."""
    kinds: list[str] = []
    texts: list[str] = []
    for option in options:
        label = text(option.get("option"))
        amount = text(option.get("amount"))
        described = text(option.get("amount_description"))
        kind = cost_kind_word(label)
        if kind is not None:
            parts = [_money(amount, text(option.get("currency"))) if amount else "", described]
        else:
            if amount:
                try:
                    kind = CostKind.FREE.value if float(amount) == 0 else CostKind.FEE.value
                except ValueError:
                    kind = CostKind.FEE.value
            else:
                kind = guess_cost_kind(f"{label} {described}".strip()) or CostKind.FEE.value
            price = " ".join(p for p in (_money(amount, text(option.get("currency")))
                                         if amount else "", described) if p)
            parts = [": ".join(p for p in (label, price) if p)]
        kinds.append(kind)
        texts.append(" ".join(p for p in parts if p))
    if kinds:
        for kind in (CostKind.FEE.value, CostKind.PAY_AS_YOU_FEEL.value, CostKind.FREE.value):
            if kind in kinds:
                return kind, "; ".join(t for t in texts if t)
    fees = fees.strip()
    kind = guess_cost_kind(fees)
    return kind, "" if cost_kind_word(fees) else fees


def read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], str | None]:
    """Header, (row number, values) pairs and a warning: UTF-8 (with or without BOM), else
    Windows-1252 as Excel saves it. Row numbers are spreadsheet rows (header = row 1)."""
    raw = path.read_bytes()
    warning = None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252", errors="replace")
        warning = "the file is not UTF-8: read as Windows-1252 (save as CSV UTF-8 to be sure)"
    content = content.replace("\r\r\n", "\r\n")  # some exports double the carriage return
    try:
        reader = csv.reader(io.StringIO(content, newline=""))
        header = [h.strip() for h in next(reader, [])]
        rows = []
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            rows.append((number, {h: (values[i].strip() if i < len(values) else "")
                                  for i, h in enumerate(header) if h}))
    except csv.Error as exc:
        raise UnreadableFileError([ImportIssue(path.name, None, None,
                                               f"not a readable CSV file: {exc}")]) from exc
    return header, rows, warning


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UnreadableFileError([ImportIssue(path.name, None, None,
                                               "not a UTF-8 text file")]) from exc
    except json.JSONDecodeError as exc:
        issue = ImportIssue(path.name, None, None,
                            f"not valid JSON: {exc.msg} (column {exc.colno})",
                            record=f"line {exc.lineno}")
        raise UnreadableFileError([issue]) from exc


# --- The geography, for checks -----------------------------------------------------------


def _ward_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace("&", " and ")).strip()


class Geography:
    """Cached look-ups of the Leeds geography used to check and place locations."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.wards: dict[str, str] = dict(session.execute(select(Ward.code, Ward.name)).all())
        self._ward_keys = {_ward_key(name): code for code, name in self.wards.items()}
        self.leeds_outcodes = set(session.scalars(
            select(PostcodeArea.code).where(PostcodeArea.kind == "outcode",
                                            PostcodeArea.leeds_share > 0)))
        self._postcodes: dict[str, tuple[float, float, str, bool] | None] = {}
        self._sectors: dict[str, float | None] = {}

    def preload(self, postcodes: Iterable[str]) -> None:
        """Look up many postcodes at once (as typed; the bad ones are skipped)."""
        wanted = {c for c in map(normalise_postcode, postcodes) if c} - set(self._postcodes)
        for code in wanted:
            self._postcodes[code] = None
        for chunk in _chunks(wanted):
            for row in self.session.execute(
                    select(Postcode.postcode, Postcode.latitude, Postcode.longitude,
                           Postcode.ward_code, Postcode.live).where(
                        Postcode.postcode.in_(chunk))):
                self._postcodes[row[0]] = (row[1], row[2], row[3], row[4])

    def postcode(self, code: str) -> tuple[float, float, str, bool] | None:
        """(latitude, longitude, ward code, live) of a Leeds postcode, live or terminated."""
        if code not in self._postcodes:
            row = self.session.execute(
                select(Postcode.latitude, Postcode.longitude, Postcode.ward_code, Postcode.live)
                .where(Postcode.postcode == code)).first()
            self._postcodes[code] = tuple(row) if row else None  # type: ignore[assignment]
        return self._postcodes[code]

    def should_be_listed(self, code: str) -> bool:
        """True when a postcode missing from the Leeds list lies in an all-Leeds area.

        Its outcode has some Leeds postcodes, and its sector is unknown (so the postcode does
        not exist) or wholly in Leeds. Sectors shared with a neighbour (LS24 9, Tadcaster) are
        left alone: their other postcodes are real addresses outside Leeds.
        """
        outcode, inward = code.split()
        if outcode not in self.leeds_outcodes:
            return False
        sector = f"{outcode} {inward[0]}"
        if sector not in self._sectors:
            self._sectors[sector] = self.session.scalar(
                select(PostcodeArea.leeds_share).where(PostcodeArea.code == sector,
                                                       PostcodeArea.kind == "sector"))
        share = self._sectors[sector]
        return share is None or share >= 1.0

    def ward_code(self, name_or_code: str) -> str | None:
        value = name_or_code.strip()
        if value.upper() in self.wards:
            return value.upper()
        return self._ward_keys.get(_ward_key(value))

    def ward_suggestion(self, name: str) -> str | None:
        hit = process.extractOne(name, list(self.wards.values()), scorer=fuzz.WRatio,
                                 score_cutoff=70)
        return hit[0] if hit else None

    def ward_near(self, latitude: float, longitude: float) -> str:
        """The ward of the nearest live Leeds postcode, if one is close enough; else ""."""
        box = 0.02
        rows = self.session.execute(
            select(Postcode.latitude, Postcode.longitude, Postcode.ward_code).where(
                Postcode.latitude.between(latitude - box, latitude + box),
                Postcode.longitude.between(longitude - box * 1.7, longitude + box * 1.7),
                Postcode.live.is_(True))).all()
        if not rows:
            return ""
        lat, lon, ward = min(rows, key=lambda r: haversine_km(latitude, longitude, r[0], r[1]))
        return ward if haversine_km(latitude, longitude, lat, lon) <= MAX_NEAREST_POSTCODE_KM \
            else ""


# --- Reading records: interpretation shared by the checks and the writer ------------------


@dataclass(frozen=True)
class LocationReading:
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    ward_code: str


@dataclass(frozen=True)
class ScheduleReading:
    sessions: tuple[tuple[int, dt.time, dt.time], ...] = ()
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
    """Check a location and work out its point and ward (see the module's postcode rules)."""
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
    return LocationReading(address, postcode, lat, lon, ward), issues


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
    if not rec.opens_at.strip() and not rec.closes_at.strip():
        issues.append(origin.issue("opens_at", "schedule has no opening or closing time: "
                                   "left out", WARNING))
        return ScheduleReading(), issues
    times: dict[str, dt.time | None] = {}
    for name, raw in (("opens_at", rec.opens_at), ("closes_at", rec.closes_at)):
        times[name] = None
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
    if opens is None or closes is None or any(i.is_error for i in issues):
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


# --- The checks --------------------------------------------------------------------------


@dataclass
class _Plan:
    """The outcome of the checks: issues, and everything the writer needs."""

    issues: list[ImportIssue] = field(default_factory=list)
    services: list[ServiceRecord] = field(default_factory=list)  # the ones to write
    skipped: list[SkippedRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    locations: dict[str, tuple[LocationRecord, LocationReading]] = field(default_factory=dict)
    schedules: dict[int, ScheduleReading] = field(default_factory=dict)  # id(record) -> reading
    areas: dict[int, tuple[str, list[str]]] = field(default_factory=dict)  # id(service) -> area
    anchor_wards: dict[str, list[str]] = field(default_factory=dict)  # organisation id -> codes


def _date_issue(origin: Origin, raw: str, name: str = "last_checked") -> list[ImportIssue]:
    try:
        parse_date(raw)
    except ValueError:
        return [origin.issue(name, f"{name} '{raw}' is not a date (YYYY-MM-DD)")]
    return []


def _check_organisation(geo: Geography,
                        org: OrganisationRecord) -> tuple[list[ImportIssue], list[str]]:
    """Issues, and the organisation's anchor ward codes."""
    issues = list(org.issues)
    if not org.id:
        issues.append(org.origin.issue("id", "organisation id is required"))
    if not org.name:
        issues.append(org.origin.issue("name", "organisation name is required"))
    codes: list[str] = []
    for ward in org.anchor_wards or []:
        code = geo.ward_code(ward)
        if code is None:
            issues.append(org.origin.issue("anchor_wards",
                                           f"anchor ward '{ward}' is not a Leeds ward"))
        elif code not in codes:
            codes.append(code)
    return issues + _date_issue(org.origin, org.last_checked), codes


def _check_service(svc: ServiceRecord) -> list[ImportIssue]:
    issues = list(svc.issues)
    origin = svc.origin
    if not svc.id:
        issues.append(origin.issue("id", "service id is required"))
    if not svc.name:
        issues.append(origin.issue("name", "service name is required"))
    if svc.status.strip().lower() not in STATUSES:
        issues.append(origin.issue("status", f"status '{svc.status}' is not one of "
                                   f"{', '.join(STATUSES)}"))
    if svc.cost_kind and svc.cost_kind not in COST_KINDS:
        issues.append(origin.issue("cost", f"cost '{svc.cost_kind}' is not one of "
                                   f"{', '.join(COST_KINDS)}"))
    if not svc.organisation_id:
        issues.append(origin.issue("organisation", "organisation is required"))
    for sal in svc.locations:
        if not sal.location.id:
            issues.append(origin.issue("location", "location id is required"))
    return issues + _date_issue(origin, svc.last_checked)


def check_directory(session: Session, parsed: ParsedDirectory) -> _Plan:
    """Check every record; decide which services can be written."""
    geo = Geography(session)
    plan = _Plan(issues=list(parsed.issues))
    bad_orgs: set[str] = set()
    for org in parsed.organisations.values():
        found, plan.anchor_wards[org.id] = _check_organisation(geo, org)
        plan.issues.extend(found)
        if any(i.is_error for i in found):
            bad_orgs.add(org.id)
        else:
            plan.organisations.append(org)

    bad_locations: set[str] = set()
    geo.preload(loc.postcode for svc in parsed.services for loc in (
        sal.location for sal in svc.locations))
    for svc in parsed.services:
        for sal in svc.locations:
            loc = sal.location
            if loc.id in plan.locations or loc.id in bad_locations or not loc.id:
                continue
            reading, found = read_location(geo, loc)
            found = loc.issues + found + _date_issue(loc.origin, loc.last_checked)
            plan.issues.extend(found)
            if any(i.is_error for i in found):
                bad_locations.add(loc.id)
            else:
                plan.locations[loc.id] = (loc, reading)

    missing_orgs = _missing_organisations(session, parsed)
    seen_services: dict[str, ServiceRecord] = {}
    seen_sals: dict[str, str] = {}
    bad_services: set[int] = set()
    for svc in parsed.services:
        found = _check_service(svc)
        if svc.organisation_id in missing_orgs:
            found.append(svc.origin.issue("organisation", f"organisation '{svc.organisation_id}' "
                                          "is not in the file or the directory"))
        if svc.id and svc.id in seen_services:
            first = seen_services[svc.id].origin
            where = f" (first at row {first.row})" if first.row else ""
            found.append(svc.origin.issue("id", f"service id '{svc.id}' is used twice{where}"))
            bad_services.add(id(seen_services[svc.id]))
        seen_services.setdefault(svc.id, svc)
        for sal in svc.locations:
            owner = seen_sals.setdefault(sal.id, svc.id)
            if owner != svc.id:
                found.append(svc.origin.issue("service_at_location", f"service_at_location id "
                                              f"'{sal.id}' is also used by service '{owner}'"))
        kind, wards, area_issues = read_area(geo, svc)
        found.extend(area_issues)
        plan.areas[id(svc)] = (kind, wards)
        for sched in svc.all_schedules():
            reading, sched_issues = read_schedule(sched)
            plan.schedules[id(sched)] = reading
            found.extend(sched_issues)
        plan.issues.extend(found)
        if any(i.is_error for i in found):
            bad_services.add(id(svc))

    for svc in parsed.services:
        bad = (id(svc) in bad_services or svc.organisation_id in bad_orgs
               or any(sal.location.id in bad_locations for sal in svc.locations))
        if bad:
            rows = tuple(svc.rows or ([svc.origin.row] if svc.origin.row else []))
            label = f"service '{svc.id}'" if svc.id else f"service '{svc.name}'"
            plan.skipped.append(SkippedRecord(svc.origin.file, rows, label))
        else:
            plan.services.append(svc)
    used_locations = {sal.location.id for svc in plan.services for sal in svc.locations}
    # A shared record can report twice; readers want the issues file by file, row by row.
    plan.issues = sorted(dict.fromkeys(plan.issues), key=lambda i: (
        i.file, i.row is None, i.row or 0))
    plan.locations = {k: v for k, v in plan.locations.items() if k in used_locations}
    return plan


def _missing_organisations(session: Session, parsed: ParsedDirectory) -> set[str]:
    wanted = {s.organisation_id for s in parsed.services if s.organisation_id} - set(
        parsed.organisations)
    return wanted - _existing_ids(session, Organisation, wanted)


def _existing_ids(session: Session, model: Any, ids: Iterable[str]) -> set[str]:
    """Which of these ids the table already has."""
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(session.scalars(select(model.id).where(model.id.in_(chunk))))
    return found


# --- Writing -----------------------------------------------------------------------------


def _delete_directory(session: Session) -> int:
    """Delete every directory record (never the geography); return how many services went."""
    removed = session.scalar(select(func.count()).select_from(Service)) or 0
    for model in (ServiceTerm, Schedule, Phone, ServiceAtLocation, Service, Location,
                  Organisation, TaxonomyTerm):
        session.execute(delete(model))
    return removed


def _chunks(ids: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _upsert_all(session: Session, model: Any, rows: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """Update the records with these ids and insert the others; return (added, updated)."""
    existing = _existing_ids(session, model, rows)
    updates = [{"id": key, **values} for key, values in rows.items() if key in existing]
    inserts = [{"id": key, **values} for key, values in rows.items() if key not in existing]
    if updates:
        session.execute(update(model), updates)
    if inserts:
        session.execute(insert(model), inserts)
    return len(inserts), len(updates)


def _delete_phones(session: Session, owner: Any, ids: Iterable[str], *others: Any) -> None:
    """Delete the phones that belong to these owners only (not also to another record)."""
    for chunk in _chunks(ids):
        session.execute(delete(Phone).where(owner.in_(chunk), *(o.is_(None) for o in others)))


def _delete_services(session: Session, ids: Iterable[str]) -> None:
    for chunk in _chunks(ids):
        for statement in (delete(ServiceTerm).where(ServiceTerm.service_id.in_(chunk)),
                          delete(Schedule).where(Schedule.service_id.in_(chunk)),
                          delete(Phone).where(Phone.service_id.in_(chunk)),
                          delete(ServiceAtLocation).where(ServiceAtLocation.service_id.in_(chunk)),
                          delete(Service).where(Service.id.in_(chunk))):
            session.execute(statement)


def _phone_rows(records: Iterable[PhoneRecord], **owner: str) -> list[dict[str, Any]]:
    return [{"number": p.number, "description": p.description, "service_id": None,
             "location_id": None, "organisation_id": None, **owner}
            for p in records if p.number]


def _organisation_values(parsed: ParsedDirectory, plan: _Plan,
                         org: OrganisationRecord) -> dict[str, Any]:
    values: dict[str, Any] = {"name": org.name, "last_checked": parse_date(org.last_checked),
                              "source": org.source or default_source(parsed.file)}
    for name in ("description", "website", "email"):
        if getattr(org, name) is not None:  # None: the format does not carry it; keep it
            values[name] = getattr(org, name)
    if org.anchor_wards is not None:
        values["anchor_wards"] = ",".join(plan.anchor_wards[org.id])
    return values


def _location_values(parsed: ParsedDirectory, loc: LocationRecord,
                     reading: LocationReading) -> dict[str, Any]:
    return {"name": loc.name, "address": reading.address, "postcode": reading.postcode,
            "latitude": reading.latitude, "longitude": reading.longitude,
            "ward_code": reading.ward_code, "source": loc.source or default_source(parsed.file),
            "last_checked": parse_date(loc.last_checked)}


@dataclass
class _Rows:
    """Rows waiting to be inserted, table by table, in foreign-key order."""

    services: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)

    def insert(self, session: Session) -> None:
        for model, rows in ((Service, self.services), (ServiceAtLocation, self.links),
                            (Schedule, self.schedules), (Phone, self.phones),
                            (ServiceTerm, self.terms)):
            if rows:
                session.execute(insert(model), rows)
                rows.clear()


def _write(session: Session, parsed: ParsedDirectory, plan: _Plan, report: ImportReport,
           replace: bool, progress: Progress | None) -> None:
    """Write the planned records with bulk statements (fast for thousands of services).

    Objects already loaded in the session are expired afterwards, so they read the new values.
    """
    session.flush()
    if replace:
        report.services_removed = _delete_directory(session)
        report.replaced = True
    service_ids = [svc.id for svc in plan.services]
    _delete_phones(session, Phone.organisation_id, [o.id for o in plan.organisations],
                   Phone.service_id, Phone.location_id)
    _delete_phones(session, Phone.location_id, plan.locations, Phone.service_id,
                   Phone.organisation_id)
    existing_services = _existing_ids(session, Service, service_ids)
    _delete_services(session, existing_services)
    report.services_updated = len(existing_services)
    report.services_added = len(service_ids) - len(existing_services)

    _upsert_all(session, TaxonomyTerm, {
        t.id: {"name": t.name, "taxonomy": t.taxonomy, "term_uri": t.term_uri,
               "need_slug": t.need_slug} for t in parsed.terms.values()})
    report.organisations_added, report.organisations_updated = _upsert_all(
        session, Organisation, {o.id: _organisation_values(parsed, plan, o)
                                for o in plan.organisations})
    report.locations_added, report.locations_updated = _upsert_all(
        session, Location, {loc_id: _location_values(parsed, loc, reading)
                            for loc_id, (loc, reading) in plan.locations.items()})
    rows = _Rows()
    for org in plan.organisations:
        rows.phones += _phone_rows(org.phones, organisation_id=org.id)
    for loc_id, (loc, _reading) in plan.locations.items():
        rows.phones += _phone_rows(loc.phones, location_id=loc_id)
    rows.insert(session)

    total = len(plan.services)
    if progress:
        progress(0, total)
    for done, svc in enumerate(plan.services, start=1):
        _service_rows(parsed, plan, svc, rows)
        if done % 500 == 0:
            rows.insert(session)
        if progress:
            progress(done, total)
    rows.insert(session)
    session.expire_all()


def _service_rows(parsed: ParsedDirectory, plan: _Plan, svc: ServiceRecord,
                  rows: _Rows) -> None:
    """Add one service's rows (and its links, sessions, phones and terms) to ``rows``."""
    kind, wards = plan.areas[id(svc)]
    notes = [svc.notes.strip()]
    notes += [plan.schedules[id(s)].service_note for s in svc.all_schedules()]
    rows.services.append({
        "id": svc.id, "organisation_id": svc.organisation_id, "name": svc.name,
        "description": svc.description, "url": svc.url, "email": svc.email,
        "status": svc.status.strip().lower(), "cost_kind": svc.cost_kind,
        "cost_text": svc.cost_text, "referral_required": svc.referral_required,
        "referral_how": svc.referral_how, "area_kind": kind, "area_wards": ",".join(wards),
        "languages": ",".join(svc.languages), "notes": " ".join(n for n in notes if n),
        "source": svc.source or default_source(parsed.file),
        "last_checked": parse_date(svc.last_checked),
    })
    rows.phones += _phone_rows(svc.phones, service_id=svc.id)
    rows.terms += [{"service_id": svc.id, "term_id": t} for t in dict.fromkeys(svc.term_ids)]
    _schedule_rows(plan, svc.id, None, svc.schedules, rows)
    for sal in svc.locations:
        rows.links.append({"id": sal.id, "service_id": svc.id, "location_id": sal.location.id})
        _schedule_rows(plan, svc.id, sal.id, sal.schedules, rows)


def _schedule_rows(plan: _Plan, service_id: str, link_id: str | None,
                   records: Iterable[ScheduleRecord], rows: _Rows) -> None:
    seen: set[tuple] = set()
    for rec in records:
        reading = plan.schedules[id(rec)]
        for weekday, opens, closes in reading.sessions:
            key = (weekday, opens, closes, reading.valid_from, reading.valid_to, reading.note)
            if key in seen:
                continue
            seen.add(key)
            rows.schedules.append({
                "service_id": service_id, "service_at_location_id": link_id,
                "weekday": weekday, "opens_at": opens, "closes_at": closes,
                "valid_from": reading.valid_from, "valid_to": reading.valid_to,
                "note": reading.note})


# --- Formats and the entry points --------------------------------------------------------


def _json_format(data: Any) -> str | None:
    """oruk-json or oruk-v1 for parsed JSON, or None when it is neither."""
    if isinstance(data, dict):
        if "contents" in data:
            return "oruk-json"
        if "content" in data:
            return "oruk-v1"
        items = [data] if ("id" in data or "name" in data) else []
    elif isinstance(data, list):
        items = [item for item in data[:20] if isinstance(item, dict)]
    else:
        return None
    if not items:
        return "oruk-json" if isinstance(data, list) else None
    from directory.oruk_v1 import looks_like_v1

    return "oruk-v1" if any(looks_like_v1(item) for item in items) else "oruk-json"


def detect_format(path: Path) -> str:
    """The format of a file or folder (see the module docstring); UnknownFormatError if none."""
    path = Path(path)
    if path.is_dir() or path.name == "datapackage.json" or path.suffix.lower() == ".zip":
        return "oruk-csv"
    if not path.exists():
        raise UnreadableFileError([ImportIssue(path.name, None, None, "no such file")])
    suffix = path.suffix.lower()
    if suffix == ".json":
        found = _json_format(load_json(path))
        if found is None:
            raise UnknownFormatError([ImportIssue(
                path.name, None, None, "not an ORUK services page: expected 'contents' (ORUK "
                "3.0), 'content' (ORUK v1), a list of services or one service")])
        return found
    if suffix == ".csv":
        from directory.spreadsheet import looks_like_spreadsheet

        header, _rows, _warning = read_csv_rows(path)
        if looks_like_spreadsheet(header):
            return "spreadsheet"
        if path.parent.joinpath("services.csv").exists():
            return "oruk-csv"
        raise UnknownFormatError([ImportIssue(
            path.name, 1, None, "not a directory spreadsheet: the header needs organisation, "
            "service and last_checked columns (see SPREADSHEET.md)")])
    raise UnknownFormatError([ImportIssue(path.name, None, None,
                                          "unknown file type: use .json, .csv, .zip or a folder")])


def _parse(session: Session, path: Path, fmt: str) -> ParsedDirectory:
    if fmt == "oruk-json":
        from directory.oruk_json import parse_oruk_json

        return parse_oruk_json(path, load_json(path))
    if fmt == "oruk-v1":
        from directory.oruk_v1 import parse_oruk_v1

        return parse_oruk_v1(path, load_json(path))
    if fmt == "oruk-csv":
        from directory.oruk_csv import parse_oruk_csv

        if path.suffix.lower() == ".zip":
            with tempfile.TemporaryDirectory() as folder:
                try:
                    with zipfile.ZipFile(path) as archive:
                        archive.extractall(folder)
                except zipfile.BadZipFile as exc:
                    raise UnreadableFileError([ImportIssue(path.name, None, None,
                                                           "not a readable zip file")]) from exc
                found = sorted(Path(folder).rglob("services.csv"))
                return parse_oruk_csv(found[0].parent if found else Path(folder))
        if path.is_file():
            path = path.parent
        return parse_oruk_csv(path)
    if fmt == "spreadsheet":
        from directory.spreadsheet import parse_spreadsheet

        return parse_spreadsheet(path, session)
    raise UnknownFormatError([ImportIssue(path.name, None, None, f"unknown format '{fmt}': use "
                                          f"one of {', '.join(FORMATS)}")])


def _read(session: Session, path: Path, fmt: str | None) -> tuple[ParsedDirectory, _Plan]:
    path = Path(path)
    if not path.exists():
        raise UnreadableFileError([ImportIssue(path.name, None, None, "no such file or folder")])
    parsed = _parse(session, path, fmt or detect_format(path))
    return parsed, check_directory(session, parsed)


def import_path(session: Session, path: Path | str, fmt: str | None = None,
                replace: bool = False, skip_invalid: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Import a directory file into the session's transaction (the caller commits).

    Nothing is written when any record has an error, unless ``skip_invalid`` (then the valid
    services are written and the rest listed in ``report.skipped``). ``replace`` deletes the
    whole directory first (never the geography); otherwise records are upserted by id.
    """
    path = Path(path)
    parsed, plan = _read(session, path, fmt)
    report = ImportReport(str(path), parsed.format, issues=plan.issues)
    if report.has_errors and not skip_invalid:
        return report
    report.skipped = plan.skipped
    _write(session, parsed, plan, report, replace, progress)
    report.written = True
    return report


def validate_path(session: Session, path: Path | str, fmt: str | None = None) -> ImportReport:
    """Run the import's parsing and checks without writing; every problem is in the report."""
    path = Path(path)
    try:
        parsed, plan = _read(session, path, fmt)
    except DirectoryImportError as exc:
        return ImportReport(str(path), fmt or "unknown", checked_only=True, issues=exc.issues)
    report = ImportReport(str(path), parsed.format, checked_only=True, issues=plan.issues,
                          skipped=plan.skipped)
    ids = {s.id for s in plan.services}
    report.services_updated = len(_existing_ids(session, Service, ids))
    report.services_added = len(ids) - report.services_updated
    org_ids = {o.id for o in plan.organisations}
    report.organisations_updated = len(_existing_ids(session, Organisation, org_ids))
    report.organisations_added = len(org_ids) - report.organisations_updated
    report.locations_updated = len(_existing_ids(session, Location, plan.locations))
    report.locations_added = len(plan.locations) - report.locations_updated
    return report


# --- Export: shared loading and the entry points -----------------------------------------


def load_services(session: Session) -> list[Service]:
    """Every service with everything the exporters need, in id order."""
    return list(session.scalars(
        select(Service).order_by(Service.id).options(
            selectinload(Service.organisation).selectinload(Organisation.phones),
            selectinload(Service.phones),
            selectinload(Service.terms).selectinload(ServiceTerm.term),
            selectinload(Service.schedules),
            selectinload(Service.locations).selectinload(ServiceAtLocation.location)
            .selectinload(Location.phones),
            selectinload(Service.locations).selectinload(ServiceAtLocation.schedules),
        )))


def export_oruk_json(session: Session, path: Path | str) -> int:
    """Write the whole directory as ORUK 3.0 JSON (FORMAT.md); return the number of services."""
    from directory.oruk_json import export_oruk_json as export

    return export(session, Path(path))


def export_oruk_csv(session: Session, dir_path: Path | str) -> int:
    """Write the whole directory as an ORUK 3.0 CSV data package into a folder."""
    from directory.oruk_csv import export_oruk_csv as export

    return export(session, Path(dir_path))


def export_spreadsheet(session: Session, path: Path | str) -> int:
    """Write the whole directory as the volunteer spreadsheet (SPREADSHEET.md)."""
    from directory.spreadsheet import export_spreadsheet as export

    return export(session, Path(path))
