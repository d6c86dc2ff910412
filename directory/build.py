"""Build the shipped directory from its records files: ``python -m directory.build``.

The records (``data/records/*.csv``, the volunteer spreadsheet format) are the source of truth.
They are imported with the project's own import into a fresh database with the Leeds
geography; any error stops the build. ``data/leeds_directory.json`` is the ORUK JSON export of
the result. ``--check`` says whether the committed file is what the records build.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from core.db import make_engine, session_scope
from directory.formats.oruk_json import dumps
from directory.formats.oruk_objects import directory_to_oruk_json
from directory.geo_loader import load_geography
from directory.importing import import_path
from directory.importing.report import ImportReport
from directory.models import Base
from directory.shipped import SHIPPED_DIRECTORY

RECORDS = Path(__file__).parent / "data" / "records"


def records_files(folder: Path = RECORDS) -> list[Path]:
    return sorted(folder.glob("*.csv"))


def build_directory(folder: Path = RECORDS) -> tuple[str, list[ImportReport]]:
    """(the ORUK JSON text, one import report per records file); raises on any error."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'build.db'}")
        try:
            Base.metadata.create_all(engine)
            reports = []
            with session_scope(engine) as session:
                load_geography(session)
                session.flush()
                for path in records_files(folder):
                    report = import_path(session, path, fmt="spreadsheet")
                    report.raise_for_errors()
                    reports.append(report)
                session.flush()
                return dumps(directory_to_oruk_json(session)), reports
        finally:
            engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m directory.build", description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="only say whether the committed file is up to date")
    args = parser.parse_args(argv)
    text, reports = build_directory()
    for report in reports:
        print(report.summary())
    if args.check:
        same = SHIPPED_DIRECTORY.read_text(encoding="utf-8") == text
        print("leeds_directory.json is up to date" if same else
              "leeds_directory.json differs from the records: run python -m directory.build")
        return 0 if same else 1
    SHIPPED_DIRECTORY.write_text(text, encoding="utf-8")
    print(f"Wrote {SHIPPED_DIRECTORY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
