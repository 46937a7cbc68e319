"""Diagnostics in the compiler style `FILE:LINE: error: message`, so editors can jump to them."""

from __future__ import annotations

import signal
from dataclasses import dataclass

from generator.model import TEXT_LINE, Position


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int  # SourceLine.number
    message: str
    severity: str = "warning"
    position: Position = TEXT_LINE  # a Word paragraph or a PDF page and line is named in the message

    def __str__(self) -> str:
        # One line always: a message quoting input must not break the format.
        message = " ".join(self.message.split())
        where = "" if self.position.plain else f"{self.position.english(self.line)}: "
        return f"{self.path}:{self.line}: {self.severity}: {where}{message}"


class InputError(Exception):
    """Bad input: the build stops and nothing is written."""

    def __init__(self, path: str, line: int, message: str, position: Position = TEXT_LINE) -> None:
        self.diagnostic = Diagnostic(path, line, message, "error", position)
        super().__init__(str(self.diagnostic))


class Warnings:
    """Collects warnings in the order they are found."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(
        self, path: str, line: int, message: str, severity: str = "warning", position: Position = TEXT_LINE
    ) -> None:
        self.items.append(Diagnostic(path, line, message, severity, position))

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]


class DataError(Exception):
    """The generator's own data (the agency registry, the regions) or mkdocs.yml is invalid."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.diagnostic = Diagnostic(path, line, message, "error")
        super().__init__(str(self.diagnostic))


class StepFailed(Exception):
    """A step after generating failed (the check, the site build): its diagnostics, a line each."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP stopped the run (generator/runs.py). A BaseException, as
    KeyboardInterrupt: no `except Exception` may swallow it. `done` says what a step that could not
    stop halfway finished before the run ended (empty: nothing changed)."""

    def __init__(self, signum: int, done: str = "") -> None:
        self.signum = signum
        self.done = done
        super().__init__(self.name)

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def status(self) -> int:
        """The exit status a shell gives a command this signal ended: 130, 143, 129."""
        return 128 + self.signum
