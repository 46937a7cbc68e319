"""A PDF as lines in the text reader's conventions: its text layer, page by page, line by line.

pdfplumber (pdfminer.six) gives each layout line with its place on the page, which says where a
paragraph ends: a short line, a gap, an indent. Lines of one paragraph form one block (the parser
joins them without a space); paragraphs are blank-line separated, and so are pages, so a sentence a
page break cut is glued back by the parser's rule. Page numbers and running headers stay in: they
are clean.py's to remove and report, as for text.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import logging
import re
import statistics
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer import pdftypes
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from generator.formats import Extracted, Line, Note, Refused, check_size
from generator.text import item_start

MAX_PAGES = 200  # a bulletin's attachment is a few pages
SCANNED = "no text layer: a scanned PDF; use the Word file or a PDF with text"
# Fonts whose ToUnicode maps ideographs to their radical or compatibility forms (⼀ for 一) make
# text that looks right and matches nothing; NFKC gives each its unified ideograph.
_COMPAT_RANGES = (
    (0x2E80, 0x2EFF),  # CJK Radicals Supplement (two of them decompose: ⺟ ⻳)
    (0x2F00, 0x2FDF),  # Kangxi Radicals
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
)
UNIFIED = str.maketrans(
    {
        chr(cp): unicodedata.normalize("NFKC", chr(cp))
        for low, high in _COMPAT_RANGES
        for cp in range(low, high + 1)
        if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
    }
)
_RADICAL = re.compile("[\u2e80-\u2eff]")  # left as they are: no standard mapping says which ideograph
_INDENT = 1.0  # in characters: a first line indented this much opens a paragraph
_SHORT = 1.5  # a line ending this many characters before the right margin ends its paragraph
_GAP = 1.4  # a gap this many times the usual line distance separates paragraphs
_PDF_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)")


@dataclass(frozen=True)
class LayoutLine:
    text: str
    x0: float
    x1: float
    top: float
    size: float  # the characters' size: the unit of indents and margins


def unified(text: str) -> str:
    return text.translate(UNIFIED)


class _Complaints(logging.Handler):
    """What pdfminer logs about a damaged file (a stream cut short, a bad number), kept for one
    warning instead of lines on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _complaints() -> Iterator[list[str]]:
    logger, handler = logging.getLogger("pdfminer"), _Complaints()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    # pdfminer reads a stream that zlib refuses as far as it can, or as nothing, without a word
    # when the damage is before the end: say it, so that lost text is never silent.
    salvage = pdftypes.decompress_corrupted

    def noticed(data: bytes) -> bytes:
        handler.messages.append("a compressed stream is damaged")
        return salvage(data)

    pdftypes.decompress_corrupted = noticed
    try:
        yield handler.messages
    finally:
        pdftypes.decompress_corrupted = salvage
        logger.removeHandler(handler)
        logger.propagate = propagate


def read_pdf(path: Path) -> Extracted:
    check_size(path)
    with _complaints() as complaints:
        pages, created = _read(path)
    if not any(pages):
        raise Refused(SCANNED)
    lines, notes = lines_of(pages)
    if complaints:
        first = " ".join(complaints[0].split())[:120]
        message = f"damaged PDF: the text may be incomplete ({len(complaints)} problem(s); first: {first})"
        notes.insert(0, Note(lines[0].number if lines else 1, message, "warning"))
    return Extracted(lines, created, notes)


def _read(path: Path) -> tuple[list[list[LayoutLine]], datetime.date | None]:
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise Refused(f"too long for a bulletin: {len(pdf.pages)} pages (limit {MAX_PAGES})")
            pages = [[_layout(line) for line in page.extract_text_lines(return_chars=True)] for page in pdf.pages]
            return pages, _date(pdf.metadata.get("CreationDate"))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise Refused("encrypted PDF: it needs a password; use the Word file or an unencrypted PDF") from None
        raise Refused(f"not a readable PDF: damaged or truncated ({type(cause).__name__}: {cause})") from None


def _layout(line: dict) -> LayoutLine:
    sizes = [c["size"] for c in line["chars"] if not c["text"].isspace()] or [10.0]
    return LayoutLine(line["text"], line["x0"], line["x1"], line["top"], statistics.median(sizes))


def _date(value: object) -> datetime.date | None:
    match = _PDF_DATE.match(value.decode("latin-1") if isinstance(value, bytes) else str(value or ""))
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None


def lines_of(pages: list[list[LayoutLine]]) -> tuple[list[Line], list[Note]]:
    """Numbered lines, blank between paragraphs and pages, compatibility characters unified."""
    lines: list[Line] = []
    notes: list[Note] = []
    number = 0
    for page_number, page in enumerate(pages, start=1):
        if not page:
            continue
        left, right = min(line.x0 for line in page), max(line.x1 for line in page)
        pitches = [b.top - a.top for a, b in itertools.pairwise(page) if b.top > a.top]
        pitch = statistics.median(pitches) if pitches else 0.0
        for on_page, line in enumerate(page, start=1):
            number += 1
            previous = page[on_page - 2] if on_page > 1 else None
            if lines and lines[-1].text and (previous is None or _opens(line, previous, left, right, pitch)):
                lines.append(Line(lines[-1].number, "", lines[-1].page, lines[-1].on_page))
            text = unified(line.text)
            if text != line.text:
                changed = " ".join(f"{c}→{unified(c)}" for c in sorted({c for c in line.text if ord(c) in UNIFIED}))
                notes.append(Note(number, f"compatibility characters unified: {changed}"))
            for radical in sorted(set(_RADICAL.findall(text))):
                message = f"radical {radical} (U+{ord(radical):04X}) kept as it is: check the text"
                notes.append(Note(number, message, "warning"))
            lines.append(Line(number, text, page_number, on_page))
    return lines, notes


def _opens(line: LayoutLine, previous: LayoutLine, left: float, right: float, pitch: float) -> bool:
    """Whether `line` starts a new paragraph rather than continuing `previous`."""
    return bool(
        item_start(line.text)
        or item_start(line.text, digits=True)
        or previous.x1 < right - _SHORT * previous.size
        or line.x0 > left + _INDENT * line.size
        or (pitch and line.top - previous.top > _GAP * pitch)
    )
