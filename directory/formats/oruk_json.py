"""ORUK 3.0 JSON: read services (a paged ``/services`` response, a list, or one full service)
into records, and write the whole directory in the FORMAT.md shape.

The mapping between ORUK fields and records is shared with the other ORUK formats: reading in
:mod:`directory.formats.oruk_records`, writing in :mod:`directory.formats.oruk_objects`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.formats.errors import UnreadableFileError
from directory.formats.issues import ImportIssue
from directory.formats.oruk_objects import directory_to_oruk_json
from directory.formats.oruk_records import add_service_object
from directory.formats.records import ParsedDirectory

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
    parsed = ParsedDirectory(file=path.name, format="oruk-json")
    for number, item in enumerate(service_items(path.name, data), start=1):
        add_service_object(parsed, item, number)
    return parsed


# --- Export ------------------------------------------------------------------------------


def dumps(data: Any) -> str:
    """The JSON text style of the shipped file: sorted keys, indent 1, UTF-8, final newline."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def export_oruk_json(session: Session, path: Path) -> int:
    data = directory_to_oruk_json(session)
    path.write_text(dumps(data), encoding="utf-8")
    return int(data["total_items"])
