"""Read a CSV or JSON file, or raise UnreadableFileError saying why not; and a Sample, a path
as the formats' ``detect`` functions look at it."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cached_property
from pathlib import Path
from typing import Any

from directory.formats.errors import UnreadableFileError
from directory.formats.issues import ImportIssue

#: A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def formula_safe(value: str) -> str:
    """A cell a spreadsheet program will show, never run (OWASP's advice on CSV injection):
    a leading ``'`` before a formula character. :func:`read_csv_rows` takes it off again."""
    if value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _unescaped(value: str) -> str:
    """A cell as written before :func:`formula_safe`."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


#: The largest directory file read (a city's ORUK JSON is a few MB; the CSV is streamed).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: The longest line (or CSV field) read: no real record comes near it.
MAX_LINE_CHARS = 1024 * 1024


def _too_big(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFileError([ImportIssue(
            path.name, None, None, f"the file is {size // (1024 * 1024)} MB: files over "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB are not read (split it into several)")])


def _bounded_lines(handle: io.TextIOBase, name: str):
    """The file's lines, refusing one longer than MAX_LINE_CHARS before it fills memory."""
    number = 0
    while True:
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise UnreadableFileError([ImportIssue(
                name, number, None, f"line {number} is longer than {MAX_LINE_CHARS:,} "
                "characters: not a directory spreadsheet or CSV table")])
        yield line.replace("\r\r\n", "\r\n")  # some exports double the carriage return


def _csv_rows(path: Path, encoding: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(_bounded_lines(handle, path.name))
        header = [h.strip() for h in next(reader, [])]
        rows = []
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            rows.append((number, {h: (_unescaped(values[i].strip()) if i < len(values) else "")
                                  for i, h in enumerate(header) if h}))
    return header, rows


def read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], str | None]:
    """Header, (row number, values) pairs and a warning: UTF-8 (with or without BOM), else
    Windows-1252 as Excel saves it. Row numbers are spreadsheet rows (header = row 1).

    The file is streamed, and a line longer than MAX_LINE_CHARS stops the read, so memory stays
    bounded whatever the file holds."""
    _too_big(path)
    warning = None
    try:
        try:
            header, rows = _csv_rows(path, "utf-8-sig")
        except UnicodeDecodeError:
            header, rows = _csv_rows(path, "cp1252")
            warning = "the file is not UTF-8: read as Windows-1252 (save as CSV UTF-8 to be sure)"
    except csv.Error as exc:
        raise UnreadableFileError([ImportIssue(path.name, None, None,
                                               f"not a readable CSV file: {exc}")]) from exc
    return header, rows, warning


def load_json(path: Path) -> Any:
    """The parsed JSON, or UnreadableFileError saying why not (never a traceback)."""
    _too_big(path)
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
    except RecursionError as exc:
        raise UnreadableFileError([ImportIssue(
            path.name, None, None, "not a directory file: its JSON is nested too deeply")]) from exc
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise UnreadableFileError([ImportIssue(
            path.name, None, None, f"not a directory file: {exc}")]) from exc


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
