"""The formats, in one registry: import, validation and export find a format here by name, or
let :func:`detect_format` tell it from the file.

Every format module offers the same small interface, and :data:`FORMATS` lists them:

``detect(sample) -> bool``
    whether a :class:`~directory.formats.files.Sample` (a path, and its JSON or CSV header
    read at most once) is in this format. At most one format claims any file.
``read(path, session) -> ParsedDirectory``
    the file as plain records, before any checks (the session, when given, lets the
    spreadsheet keep the ids of organisations already in the directory).
``write(session, path) -> int``
    the whole stored directory written to ``path``; returns the number of services. None for
    a format that is import only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from directory.formats import oruk_csv, oruk_json, oruk_v1, spreadsheet
from directory.formats.errors import UnknownFormatError
from directory.formats.files import Sample
from directory.formats.issues import ImportIssue
from directory.formats.records import ParsedDirectory


@dataclass(frozen=True)
class Format:
    """One file format: its name, and how to detect, read and (unless import only) write it."""

    name: str
    detect: Callable[[Sample], bool]
    read: Callable[[Path, Session | None], ParsedDirectory]
    write: Callable[[Session, Path], int] | None = None


#: Every format, in the order messages list them.
FORMATS: tuple[Format, ...] = (
    Format(oruk_json.NAME, oruk_json.detect, oruk_json.read, oruk_json.write),
    Format(oruk_v1.NAME, oruk_v1.detect, oruk_v1.read),
    Format(oruk_csv.NAME, oruk_csv.detect, oruk_csv.read, oruk_csv.write),
    Format(spreadsheet.NAME, spreadsheet.detect, spreadsheet.read, spreadsheet.write),
)

#: What to say about a file no format claims, by the kind of path (see Sample.kind).
_NOT_RECOGNISED: dict[str, tuple[int | None, str]] = {
    "json": (None, "not an ORUK services page: expected 'contents' (ORUK 3.0), 'content' (ORUK "
                   "v1), a list of services or one service"),
    "csv": (1, "not a directory spreadsheet: the header needs organisation, service and "
               "last_checked columns (see 'The directory spreadsheet' in docs/directory-data.md)"),
}
_UNKNOWN_TYPE = (None, "unknown file type: use .json, .csv, .zip or a folder")


def get_format(name: str, file: str = "") -> Format:
    """The format called ``name``; UnknownFormatError (about ``file``, if given) if none is."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    names = ", ".join(f.name for f in FORMATS)
    raise UnknownFormatError([ImportIssue(file, None, None,
                                          f"unknown format '{name}': use one of {names}")])


def detect_format(path: Path | str) -> str:
    """The name of the format of a file or folder.

    UnreadableFileError when it is missing (a folder, .zip or datapackage.json is known by its
    name alone) or cannot be read; UnknownFormatError when no format claims it.
    """
    sample = Sample(path)
    for fmt in FORMATS:
        if fmt.detect(sample):
            return fmt.name
    sample.require()
    row, message = _NOT_RECOGNISED.get(sample.kind, _UNKNOWN_TYPE)
    raise UnknownFormatError([ImportIssue(sample.path.name, row, None, message)])
