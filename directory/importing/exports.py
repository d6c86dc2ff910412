"""The export entry points."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session


def export_oruk_json(session: Session, path: Path | str) -> int:
    """Write the whole directory as ORUK 3.0 JSON (FORMAT.md); return the number of services."""
    from directory.formats.oruk_json import export_oruk_json as export

    return export(session, Path(path))


def export_oruk_csv(session: Session, dir_path: Path | str) -> int:
    """Write the whole directory as an ORUK 3.0 CSV data package into a folder."""
    from directory.formats.oruk_csv_export import export_oruk_csv as export

    return export(session, Path(dir_path))


def export_spreadsheet(session: Session, path: Path | str) -> int:
    """Write the whole directory as the volunteer spreadsheet (columns: the README)."""
    from directory.formats.spreadsheet_export import export_spreadsheet as export

    return export(session, Path(path))
