"""Load the directory that ships with the app (``data/leeds_directory.json``, FORMAT.md), and
load it again when the file changes (``signpost db init``), keeping keepers' edits."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.importing import import_path
from directory.importing.batches import existing_ids
from directory.importing.report import ImportReport
from directory.importing.sync_rules import FEED_ROLE
from directory.importing.writer import remove_services
from directory.keepers.models import DirectoryChange
from directory.models import Service, ShippedDirectory

log = logging.getLogger(__name__)

SHIPPED_DIRECTORY = Path(__file__).parent / "data" / "leeds_directory.json"
_ROW = 1


def load_shipped_directory(session: Session, path: Path = SHIPPED_DIRECTORY,
                           leave: frozenset[str] = frozenset()) -> ImportReport:
    """Import the shipped directory (upserting by id) in the session's transaction; the
    services in ``leave`` are left as they are.

    Raises :class:`~directory.formats.errors.InvalidDirectoryError` if any record has an error: the
    shipped data must be clean. Warnings are logged.
    """
    report = import_path(session, path, fmt="oruk-json", leave=leave)
    report.raise_for_errors()
    for issue in report.warnings:
        log.warning("Shipped directory: %s", issue)
    log.info(report.summary())
    return report


def _service_ids(text: bytes) -> list[str]:
    return [str(item["id"]) for item in json.loads(text).get("contents", [])
            if isinstance(item, dict) and item.get("id")]


def _edited_by_keepers(session: Session) -> frozenset[str]:
    """Services a keeper has changed here (a feed's changes do not count): theirs stand."""
    return frozenset(session.scalars(select(DirectoryChange.service_id).where(
        DirectoryChange.made_by_role != FEED_ROLE).distinct()))


def refresh_shipped_directory(session: Session, path: Path | None = None) -> ImportReport | None:
    """Load the shipped directory if this database does not hold this version of it: on an
    empty directory, or over the one loaded before when the file has changed. Services a keeper
    has edited are left as the keeper left them; services an earlier version shipped and this
    one does not are taken out. A database whose directory came from elsewhere (none of the
    shipped services in it, and no shipped version noted) is left alone. Running it again
    changes nothing. Returns the import's report, or None when nothing was loaded."""
    path = path or SHIPPED_DIRECTORY
    text = path.read_bytes()
    fingerprint = hashlib.sha256(text).hexdigest()
    row = session.get(ShippedDirectory, _ROW)
    if row is not None and row.fingerprint == fingerprint:
        return None
    ids = _service_ids(text)
    if row is None and session.scalar(select(func.count()).select_from(Service)) and \
            not existing_ids(session, Service, ids):
        log.info("The directory here is not the shipped one: left as it is")
        return None
    kept = _edited_by_keepers(session)
    log.info("Loading the shipped Leeds directory" if row is None else
             "The shipped Leeds directory has changed: loading it again")
    report = load_shipped_directory(session, path, kept & set(ids))
    dropped = set(json.loads(row.service_ids)) - set(ids) - kept if row is not None else set()
    present = existing_ids(session, Service, sorted(dropped))
    if present:
        remove_services(session, sorted(present))
        report.services_removed = len(present)
        log.info("Taken out (no longer shipped): %s", ", ".join(sorted(present)))
    if kept & set(ids):
        log.info("Left as keepers edited them: %s", ", ".join(sorted(kept & set(ids))))
    if row is None:
        row = ShippedDirectory(id=_ROW, fingerprint=fingerprint)
        session.add(row)
    row.fingerprint, row.service_ids = fingerprint, json.dumps(ids)
    session.flush()
    return report
