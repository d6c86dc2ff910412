"""Sync the directory from another ORUK API: read it page by page, then the import's own checks
and writer.

Rules
    - Records are matched by the feed's own ids, and keep the feed's address (``feed_url``) and
      that id (``feed_id``). A record already here from another feed is left alone, with a
      warning: one feed can never overwrite another's. A record here from a file or the shipped
      data that the feed serves with exactly the same details (another Leeds Signpost serving
      the same shipped data) follows the feed from then on and counts as unchanged; with other
      details it is left alone, with a warning.
    - A record checked more recently here than upstream (``last_checked``) is kept as it is.
    - A service of this feed that the feed no longer lists is marked inactive, never deleted.
      A feed listing no services at all withdraws nothing (it is more likely broken), and
      neither does a read with any invalid item, or one that would withdraw more than a set
      share of the feed without ``allow_mass_withdrawal`` (``directory.importing.sync_rules``).
    - A keeper's edit keeps the service's link to its feed; the newer check wins, and a feed's
      later withdrawal reaches the review page.
    - A feed adds its own taxonomy terms but never changes one already here.
    - Invalid services are left out and listed, as ``import --skip-invalid`` does.
    - The summary accounts for every service the feed lists: new, updated, unchanged (kept
      ones included), left alone, or left out with errors.
    - Nothing is written when nothing changed, and nothing at all on a dry run.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session, SessionTransaction

from directory.formats import oruk_v1
from directory.formats.issues import WARNING, ImportIssue
from directory.formats.oruk_objects import service_object
from directory.formats.oruk_records import add_service_object
from directory.formats.records import ParsedDirectory, ServiceRecord
from directory.formats.stored import load_services
from directory.formats.values import parse_date
from directory.importing.checks import Plan, check_directory
from directory.importing.cleaning import clean_control_characters
from directory.importing.feeds import Fetch, Progress, read_feed, services_url
from directory.importing.report import ImportReport, SkippedRecord
from directory.importing.sync_rules import (
    CLOSED,
    before_rows,
    guard_terms,
    link_owner,
    note_closures,
    unreadable_items,
    withdrawal_cap,
)
from directory.importing.writer import write_directory
from directory.models import Location, Organisation, Service, ServiceStatus, Ward


@dataclass
class SyncReport:
    """What a sync found and did (or, on a dry run, would do)."""

    feed_url: str
    format: str = ""
    dry_run: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    #: Services the feed no longer lists but that were not withdrawn (see ``held_because``).
    held: int = 0
    held_because: str = ""
    #: Services kept as they are because they were checked more recently here.
    kept: list[str] = field(default_factory=list)
    #: Services left alone because they (or their organisation or place) belong elsewhere.
    left_alone: list[str] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)

    #: Services here from a file or the shipped data, the same upstream, now following the feed.
    adopted: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.withdrawn or self.adopted)

    def summary(self) -> str:
        """'N new, N updated, N unchanged, N withdrawn', then any left alone or left out."""
        text = (f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.withdrawn} withdrawn")
        others = [f"{len(self.left_alone)} left alone (already here from elsewhere)"
                  if self.left_alone else "",
                  f"{len(self.skipped)} left out (errors)" if self.skipped else ""]
        return "; ".join([text, *(o for o in others if o)])


LOCAL = "this directory"


def _owner(feed_url: str, record: Organisation | Service | Location) -> str | None:
    """Where a stored record belongs when that is not this feed, else None."""
    if record.feed_url == feed_url:
        return None
    return f"the feed {record.feed_url}" if record.feed_url else LOCAL


def _owners(session: Session, feed: str, svc: ServiceRecord,
            links: dict[str, str]) -> list[tuple[str, str | None]]:
    """(what, owner) for the service, its organisation, its places and its links to them, as
    stored here (``links``: the place-link ids this read has claimed so far)."""
    stored = session.get(Service, svc.id) if svc.id else None
    org = session.get(Organisation, svc.organisation_id) if svc.organisation_id else None
    owners = [(f"service '{svc.id}'", _owner(feed, stored) if stored else None),
              (f"organisation '{svc.organisation_id}'", _owner(feed, org) if org else None)]
    for sal in svc.locations:
        loc = session.get(Location, sal.location.id) if sal.location.id else None
        owners.append((f"location '{sal.location.id}'", _owner(feed, loc) if loc else None))
        owners.append((f"place link '{sal.id}'", link_owner(session, svc.id, sal.id, links)))
    return owners


def _leave_out(parsed: ParsedDirectory, ids: set[str]) -> None:
    """Take these services (and organisations no other service uses) out of ``parsed``."""
    parsed.services = [svc for svc in parsed.services if svc.id not in ids]
    used = {svc.organisation_id for svc in parsed.services}
    parsed.organisations = {k: v for k, v in parsed.organisations.items() if k in used}


def _leave_alone(session: Session, parsed: ParsedDirectory, report: SyncReport) -> list[str]:
    """Take out of ``parsed`` the services another feed owns or that are newer here; return
    the services here from a file or the shipped data (kept in, to compare once written)."""
    feed = parsed.feed_url
    out: set[str] = set()
    local: list[str] = []
    links: dict[str, str] = {}
    for svc in parsed.services:
        owners = _owners(session, feed, svc, links)
        clash = next(((what, owner) for what, owner in owners if owner), None)
        stored = session.get(Service, svc.id) if svc.id else None
        if clash and owners[0][1] == LOCAL and all(o in (None, LOCAL) for _, o in owners):
            local.append(svc.id)  # the service itself is here from a file or the shipped data
        elif clash:
            _left_alone(report, svc, f"{clash[0]} is already in the directory from {clash[1]}")
            out.add(svc.id)
        elif stored and stored.last_checked and _is_older(svc.last_checked, stored):
            report.kept.append(svc.id)
            out.add(svc.id)
    _leave_out(parsed, out)
    return local


def _left_alone(report: SyncReport, svc: ServiceRecord, why: str) -> None:
    report.left_alone.append(svc.id)
    report.issues.append(svc.origin.issue("id", f"{why}: left alone", WARNING))


def _is_older(upstream: str, stored: Service) -> bool:
    """True when the upstream record was checked before the stored one (or never)."""
    try:
        checked = parse_date(upstream)
    except ValueError:
        return True
    return checked is None or checked < stored.last_checked


def _fingerprints(session: Session, ids: list[str]) -> dict[str, str]:
    """Each service as its full ORUK object, as text: equal text, equal service."""
    wards = dict(session.execute(select(Ward.code, Ward.name)).all())
    return {s.id: json.dumps(service_object(s, wards), sort_keys=True, default=str)
            for s in load_services(session, ids)}


def _parse(feed_url: str, fmt: str, items: list) -> ParsedDirectory:
    parsed = ParsedDirectory(file=feed_url, format=fmt, feed_url=feed_url)
    for number, item in enumerate(items, start=1):
        is_v1 = fmt == oruk_v1.NAME and isinstance(item, dict)
        add_service_object(parsed, oruk_v1.to_oruk3(item) if is_v1 else item, number)
    return parsed


def _write(session: Session, parsed: ParsedDirectory) -> tuple[SessionTransaction, Plan,
                                                                dict[str, str], dict[str, str]]:
    """Check and write ``parsed`` in a savepoint: (savepoint, plan, fingerprints before and
    after) of the services written."""
    plan = check_directory(session, parsed)
    ids = [svc.id for svc in plan.services]
    before = _fingerprints(session, ids)
    savepoint = session.begin_nested()
    write_directory(session, parsed, plan, ImportReport(parsed.feed_url, parsed.format), False,
                    None)
    return savepoint, plan, before, _fingerprints(session, ids)


def _withdraw(session: Session, report: SyncReport, gone: list[str], invalid: int, cap: int,
              allow_mass: bool, now: dt.datetime) -> None:
    """Mark inactive the feed's services it no longer lists, if the read allows it."""
    if not gone:
        return
    if invalid:
        report.held_because = (f"{invalid} of the feed's items could not be read or were "
                               "invalid, so no service is withdrawn on this read")
    elif len(gone) > cap and not allow_mass:
        report.held_because = (f"{len(gone)} services would be withdrawn, over the {cap} one "
                               "run may withdraw; run again with --allow-mass-withdrawal if the "
                               "feed really dropped them")
    if report.held_because:
        report.held = len(gone)
        report.issues.append(ImportIssue(report.feed_url, None, None, "withdrawals held: "
                                         + report.held_because, WARNING))
        return
    before = before_rows(session, gone)
    session.execute(update(Service).where(Service.id.in_(gone))
                    .values(status=ServiceStatus.INACTIVE.value))
    note_closures(session, report.feed_url, before, now)
    report.withdrawn = len(gone)


def sync_feed(session: Session, feed_url: str, fetch: Fetch, now: dt.datetime,
              dry_run: bool = False, progress: Progress | None = None,
              allow_mass_withdrawal: bool = False) -> SyncReport:
    """Sync from the ORUK API at ``feed_url`` into the session's transaction (the caller
    commits). FeedError, changing nothing, when any page cannot be read. ``now`` dates the
    review page's record of services the feed closes.

    Records keep the feed's ``/services`` address, so ``https://x/oruk`` and
    ``https://x/oruk/services/`` are one feed."""
    feed_url = services_url(feed_url)
    fmt, items = read_feed(feed_url, fetch, progress)
    report = SyncReport(feed_url, fmt, dry_run)
    parsed = _parse(feed_url, fmt, items)
    listed = {svc.id for svc in parsed.services if svc.id}
    local = _leave_alone(session, parsed, report)
    parsed.issues.extend(clean_control_characters(parsed))
    parsed.issues.extend(guard_terms(session, parsed))
    closing = [svc.id for svc in parsed.services if svc.id
               and svc.status.strip().lower() in CLOSED and session.get(Service, svc.id)]
    cap = withdrawal_cap(session, feed_url)
    closing_before = before_rows(session, closing)
    savepoint, plan, before, after = _write(session, parsed)
    differ = {i for i in local if i in after and before.get(i) != after[i]}
    if differ:  # here from a file or the shipped data, with other details: leave those alone
        savepoint.rollback()
        session.expire_all()
        for svc in parsed.services:
            if svc.id in differ:
                _left_alone(report, svc, f"service '{svc.id}' is already in the directory "
                                         f"from {LOCAL}, with other details")
        _leave_out(parsed, differ)
        savepoint, plan, before, after = _write(session, parsed)
    report.issues += plan.issues
    report.skipped = plan.skipped
    ids = [svc.id for svc in plan.services]
    report.adopted = [i for i in local if i in after]
    report.new = sum(1 for i in ids if i not in before)
    report.updated = sum(1 for i in ids if i in before and before[i] != after[i])
    report.unchanged = len(ids) - report.new - report.updated + len(report.kept)
    if listed:
        gone = list(session.scalars(select(Service.id).where(
            Service.feed_url == feed_url, Service.status.not_in(CLOSED),
            Service.id.not_in(listed))).all())
        _withdraw(session, report, gone, unreadable_items(items) + len(plan.skipped), cap,
                  allow_mass_withdrawal, now)
    note_closures(session, feed_url, {k: v for k, v in closing_before.items() if k in ids}, now)
    if dry_run or not report.changed:
        savepoint.rollback()
    else:
        savepoint.commit()
    session.expire_all()
    return report
