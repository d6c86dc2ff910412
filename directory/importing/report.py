"""What an import found and did: skipped services and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from directory.formats.errors import InvalidDirectoryError
from directory.formats.issues import ImportIssue


@dataclass(frozen=True)
class SkippedRecord:
    """A service left out by ``skip_invalid`` because it (or its organisation or location) had
    errors."""

    file: str
    rows: tuple[int, ...]
    record: str

    def __str__(self) -> str:
        if not self.rows:
            return f"{self.file}: {self.record}"
        label = "row" if len(self.rows) == 1 else "rows"
        return f"{self.file} {label} {', '.join(map(str, self.rows))}: {self.record}"


@dataclass
class ImportReport:
    """What an import (or a validation) found and did."""

    path: str
    format: str
    written: bool = False
    checked_only: bool = False
    replaced: bool = False
    services_removed: int = 0
    organisations_added: int = 0
    organisations_updated: int = 0
    services_added: int = 0
    services_updated: int = 0
    locations_added: int = 0
    locations_updated: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[ImportIssue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)

    @property
    def skipped_rows(self) -> list[int]:
        return sorted({row for s in self.skipped for row in s.rows})

    def raise_for_errors(self) -> None:
        """Raise :class:`InvalidDirectoryError` when any issue is an error."""
        if self.has_errors:
            raise InvalidDirectoryError(self.errors, self)

    def summary(self) -> str:
        name = Path(self.path).name
        problems = _plural(len(self.errors), "error") + ", " + _plural(len(self.warnings),
                                                                      "warning")
        counts = (
            f"services {self.services_added} new, {self.services_updated} updated; "
            f"organisations {self.organisations_added} new, {self.organisations_updated} "
            f"updated; locations {self.locations_added} new, {self.locations_updated} updated"
        )
        if self.checked_only:
            verdict = "has errors" if self.has_errors else "is valid"
            return f"{name} ({self.format}) {verdict}: {problems}. If imported: {counts}."
        if not self.written:
            return f"Nothing imported from {name} ({self.format}): {problems}."
        text = f"Imported {name} ({self.format}): {counts}"
        if self.replaced:
            text += f"; replaced the directory ({_plural(self.services_removed, 'service')} " \
                    "removed first)"
        if self.skipped:
            text += f"; skipped {_plural(len(self.skipped), 'service')} with errors"
            if self.skipped_rows:
                text += f" (rows {', '.join(map(str, self.skipped_rows))})"
        return f"{text}. {problems[0].upper()}{problems[1:]}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
