"""Problems found in the inputs, reported all at once with file, row and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one place of one input file.

    ``row`` is the line number in the file as a text editor shows it (the header is
    line 1), or None when the problem concerns the whole file or column. For the registry
    (a ``.toml`` file) ``column`` is the entry's key path, e.g. ``population_2020.sources``.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        metadata = self.file.endswith(".toml")
        where = self.file
        if self.row is not None:
            where += f", line {self.row}" if metadata else f", row {self.row}"
        if self.column:
            where += f", entry {self.column!r}" if metadata else f", column {self.column!r}"
        return f"{where}: {self.message}"


class ValidationFailed(Exception):
    """Raised when any input has problems; carries every problem found."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(set(issues), key=lambda i: (i.file, i.row or 0, i.column or "", i.message))
        super().__init__("\n".join(str(i) for i in self.issues))
