"""Load the directory that ships with the app (``data/leeds_directory.json``, FORMAT.md)."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.orm import Session

from directory.importing import import_path
from directory.importing.report import ImportReport

log = logging.getLogger(__name__)

SHIPPED_DIRECTORY = Path(__file__).parent / "data" / "leeds_directory.json"


def load_shipped_directory(session: Session, path: Path = SHIPPED_DIRECTORY) -> ImportReport:
    """Import the shipped directory (upserting by id) in the session's transaction.

    Raises :class:`~directory.formats.errors.InvalidDirectoryError` if any record has an error: the
    shipped data must be clean. Warnings are logged.
    """
    report = import_path(session, path, fmt="oruk-json")
    report.raise_for_errors()
    for issue in report.warnings:
        log.warning("Shipped directory: %s", issue)
    log.info(report.summary())
    return report
