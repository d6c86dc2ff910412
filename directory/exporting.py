"""Export the whole directory in a format that can be written (see directory.formats.registry).

``export_directory(session, "oruk-csv", path)`` is the entry point; the helpers below name the
format for callers that know it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from directory.formats.errors import UnknownFormatError
from directory.formats.registry import FORMATS, get_format


def export_directory(session: Session, fmt: str, path: Path | str) -> int:
    """Write the whole directory to ``path`` as format ``fmt``; return the number of services.

    UnknownFormatError when ``fmt`` is not a format, or is one that is import only.
    """
    found = get_format(fmt)
    if found.write is None:
        names = ", ".join(f.name for f in FORMATS if f.write is not None)
        raise UnknownFormatError(f"format '{fmt}' is import only: export as one of {names}")
    return found.write(session, Path(path))


def export_oruk_json(session: Session, path: Path | str) -> int:
    """Write the whole directory as ORUK 3.0 JSON (FORMAT.md); return the number of services."""
    return export_directory(session, "oruk-json", path)


def export_oruk_csv(session: Session, dir_path: Path | str) -> int:
    """Write the whole directory as an ORUK 3.0 CSV data package into a folder."""
    return export_directory(session, "oruk-csv", dir_path)


def export_spreadsheet(session: Session, path: Path | str) -> int:
    """Write the whole directory as the volunteer spreadsheet (columns: docs/directory-data.md)."""
    return export_directory(session, "spreadsheet", path)
