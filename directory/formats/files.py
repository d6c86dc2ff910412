"""Read a CSV or JSON file, or raise UnreadableFileError saying why not; and a Sample, a path
as the formats' ``detect`` functions look at it."""

from __future__ import annotations

import csv
import io
import json
from functools import cached_property
from pathlib import Path
from typing import Any

from directory.formats.errors import UnreadableFileError
from directory.formats.issues import ImportIssue


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


#: The file name of a data package descriptor (Frictionless Data), e.g. an ORUK CSV package's.
PACKAGE_DESCRIPTOR = "datapackage.json"


class Sample:
    """A file or folder offered for import, as each format's ``detect`` looks at it.

    ``kind`` comes from the path alone: ``folder``, ``datapackage`` (a data package
    descriptor), ``zip``, ``json``, ``csv`` or ``other``. The JSON, or the CSV header, is read
    at most once however many formats look; reading a missing file raises UnreadableFileError.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    @cached_property
    def kind(self) -> str:
        suffix = self.path.suffix.lower()
        if self.path.is_dir():
            return "folder"
        if self.path.name == PACKAGE_DESCRIPTOR:
            return "datapackage"
        if suffix == ".zip":
            return "zip"
        return {".json": "json", ".csv": "csv"}.get(suffix, "other")

    def require(self) -> None:
        """Raise UnreadableFileError when the path does not exist."""
        if not self.path.exists():
            raise UnreadableFileError([ImportIssue(self.path.name, None, None, "no such file")])

    @cached_property
    def json(self) -> Any:
        """The parsed JSON (UnreadableFileError when it is missing or not JSON)."""
        self.require()
        return load_json(self.path)

    @cached_property
    def csv_header(self) -> list[str]:
        """The CSV header row (UnreadableFileError when it is missing or not CSV)."""
        self.require()
        return read_csv_rows(self.path)[0]
