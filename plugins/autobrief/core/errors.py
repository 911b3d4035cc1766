"""The one shape of every error a writer sees: ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class BriefingError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        # One line, whatever the file holds: a value echoed in a message cannot start a forged line.
        return f"{one_line(self.path)}:{self.line}: {one_line(self.field)}: {one_line(self.message)}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message}


class BriefingFileError(Exception):
    """Raised while reading one file; carries the line and field it concerns."""

    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


def one_line(text: str) -> str:
    """Control and line-breaking characters shown as escapes (\\n, \\x00); other text as it is."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
