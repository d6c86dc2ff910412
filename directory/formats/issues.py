"""An ImportIssue: one problem found in a file, an error or a warning."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class ImportIssue:
    """One problem found in a file: where it is, which field, and what is wrong."""

    file: str
    row: int | None
    field: str | None
    message: str
    severity: str = ERROR
    #: Names the record when there is no row number, e.g. "service 'example-pantry'".
    record: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        elif self.record:
            where += f" {self.record}"
        prefix = "" if self.is_error else "warning: "
        return f"{where}: {prefix}{self.message}"
