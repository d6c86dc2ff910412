"""ORUK 3.0 JSON (``oruk-json``): read services (a paged ``/services`` response, a list, or one
full service) into records, and write the whole directory in the FORMAT.md shape.

The mapping between ORUK fields and records is shared with the other ORUK formats: reading in
:mod:`directory.formats.oruk_records`, writing in :mod:`directory.formats.oruk_objects`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.formats.errors import UnreadableFileError
from directory.formats.files import Sample, load_json
from directory.formats.issues import ImportIssue
from directory.formats.oruk_objects import directory_to_oruk_json
from directory.formats.oruk_records import add_service_object
from directory.formats.oruk_v1 import is_v1_document
from directory.formats.records import ParsedDirectory

NAME = "oruk-json"


def is_services_document(data: Any) -> bool:
    """True for parsed JSON that is an ORUK 3.0 page (``contents``), or a list of services or
    one service that does not look like ORUK v1."""
    if is_v1_document(data):
        return False
    if isinstance(data, dict):
        return "contents" in data or "id" in data or "name" in data
    return isinstance(data, list)


def detect(sample: Sample) -> bool:
    """A .json file holding ORUK 3.0 services."""
    return sample.kind == "json" and is_services_document(sample.json)


# --- Import ------------------------------------------------------------------------------


def service_items(file_name: str, data: Any) -> list[Any]:
    """The service objects in parsed JSON: ``contents`` of a page, a list, or one service."""
    if isinstance(data, dict) and "contents" in data:
        items = data["contents"]
        if not isinstance(items, list):
            raise UnreadableFileError([ImportIssue(file_name, None, "contents",
                                                   "'contents' is not a list of services")])
        return items
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and ("id" in data or "name" in data):
        return [data]
    raise UnreadableFileError([ImportIssue(
        file_name, None, None, "not an ORUK services page: expected 'contents', a list of "
        "services or one service object")])


def parse_oruk_json(path: Path, data: Any) -> ParsedDirectory:
    """Records from JSON already parsed (``path`` names the file in messages)."""
    parsed = ParsedDirectory(file=path.name, format=NAME)
    for number, item in enumerate(service_items(path.name, data), start=1):
        add_service_object(parsed, item, number)
    return parsed


def read(path: Path, session: Session | None = None) -> ParsedDirectory:
    return parse_oruk_json(path, load_json(path))


# --- Export ------------------------------------------------------------------------------


def dumps(data: Any) -> str:
    """The JSON text style of the shipped file: sorted keys, indent 1, UTF-8, final newline."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write(session: Session, path: Path) -> int:
    """Write the whole directory as one ORUK 3.0 page (FORMAT.md); return the number of
    services."""
    data = directory_to_oruk_json(session)
    path.write_text(dumps(data), encoding="utf-8")
    return int(data["total_items"])
