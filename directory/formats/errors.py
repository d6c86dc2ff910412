"""The exceptions that stop an import, drawn as a tree::

    DirectoryImportError (also importable as ``ImportError``)   .issues, .report
    |-- UnknownFormatError       the format cannot be told, or is not one of registry.FORMATS
    |-- UnreadableFileError      missing file, broken JSON or CSV, missing columns
    `-- InvalidDirectoryError    records failed the checks (ImportReport.raise_for_errors)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.errors import BadInput
from directory.formats.issues import ImportIssue


class DirectoryImportError(BadInput):
    """Anything that stops an import. ``issues`` says where; ``report`` may hold the rest."""

    def __init__(self, issues: Sequence[ImportIssue] | str, report: Any = None):
        if isinstance(issues, str):
            issues = [ImportIssue("", None, None, issues)]
        self.issues = list(issues)
        #: The ImportReport, when there is one (the report module raises these errors, so this
        #: one does not name its class).
        self.report = report
        super().__init__(self._text())

    def _text(self) -> str:
        lines = [str(i) if i.file else i.message for i in self.issues[:20]]
        if len(self.issues) > 20:
            lines.append(f"... and {len(self.issues) - 20} more")
        return "\n".join(lines)


#: The name the CLI uses. It shadows the builtin only where it is imported by this name.
ImportError = DirectoryImportError


class UnknownFormatError(DirectoryImportError):
    """The format of the file cannot be told, or is not one of FORMATS."""


class UnreadableFileError(DirectoryImportError):
    """The file is missing, is not valid JSON or CSV, or lacks required columns."""


class InvalidDirectoryError(DirectoryImportError):
    """Records failed the checks, so nothing was written."""
