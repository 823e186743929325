"""One exception base for the project; each subclass carries where the problem is."""
from __future__ import annotations


class AupError(Exception):
    """Base of every error the project reports to a user (never a traceback)."""

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path)
        self.line = line

    def __str__(self) -> str:
        where = self.path
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class ReadError(AupError):
    """A source file cannot be read: wrong format, damaged, encrypted, empty, unreadable."""


class CorpusError(AupError):
    """A corpus file is missing, malformed or fails its schema."""


class ConfigError(AupError):
    """A project, taxonomy, overrides or recipe file is invalid."""
