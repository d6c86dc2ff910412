"""Control characters in imported records: cleaned before the checks, each one reported."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from directory.formats.issues import WARNING, ImportIssue
from directory.formats.records import Origin, ParsedDirectory
from directory.text_safety import LINE_BREAKS, UNSAFE, odd_characters

_SPACES = re.compile(r"[ \t]{2,}")


def _cleaned(text: str) -> str:
    return _SPACES.sub(" ", UNSAFE.sub("", LINE_BREAKS.sub(" ", text))).strip()


def clean_text(text: str) -> str:
    """Typed text as the importer would keep it: a textarea's CRLF as a plain line break,
    and any control character (NUL included) cleaned away as an import cleans it."""
    text = text.replace("\r\n", "\n")
    return _cleaned(text) if odd_characters(text) else text


def _clean(record: Any, origin: Origin | None, issues: list[ImportIssue]) -> None:
    """Clean every text field of ``record`` and of the records inside it, in place."""
    origin = getattr(record, "origin", None) or origin
    for field in dataclasses.fields(record):
        if field.name in ("origin", "issues"):
            continue
        value = getattr(record, field.name)
        if isinstance(value, str) and odd_characters(value):
            setattr(record, field.name, _cleaned(value))
            if origin is not None:
                issues.append(origin.issue(
                    field.name, f"{field.name} had control characters "
                    f"({', '.join(odd_characters(value))}): each became a space", WARNING))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    _clean(item, origin, issues)
                elif isinstance(item, str) and odd_characters(item):
                    value[i] = _cleaned(item)
        elif dataclasses.is_dataclass(value):
            _clean(value, origin, issues)


def clean_control_characters(parsed: ParsedDirectory) -> list[ImportIssue]:
    """Remove control characters from every record; a warning names each row and field."""
    issues: list[ImportIssue] = []
    for org in parsed.organisations.values():
        _clean(org, None, issues)
    for service in parsed.services:
        _clean(service, None, issues)
    for term in parsed.terms.values():
        _clean(term, Origin(parsed.file, record=f"taxonomy term {term.id}"), issues)
    return issues
