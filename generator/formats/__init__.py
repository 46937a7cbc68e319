"""Extraction of Word, PDF and old Office files into lines in the text reader's conventions.

Each extractor returns Lines: one per Word paragraph or PDF layout line, bold runs wrapped in
**, automatic numbering written out (一、), blank lines between paragraphs, so the parser,
clean.py and the conservation check treat every format alike.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 50_000_000  # an attachment is a few hundred KB; past this it is not a bulletin


@dataclass(frozen=True)
class Line:
    number: int  # in reading order: the Word paragraph, or the PDF line counted through the file
    text: str
    page: int = 0  # PDF: the page, and `on_page` the line on it
    on_page: int = 0


@dataclass(frozen=True)
class Note:
    number: int  # the Line it is about
    message: str
    severity: str = "note"  # "warning" when text may be missing or wrong


@dataclass
class Extracted:
    lines: list[Line]
    created: datetime.date | None  # the file's own creation date (core properties, document info)
    notes: list[Note] = field(default_factory=list)


class Refused(Exception):
    """The file cannot be read as its format: one line saying why (and what to do instead)."""


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise Refused(f"too large for a bulletin: {size // 1_000_000} MB (limit {MAX_BYTES // 1_000_000} MB)")
