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
from generator.formats.numerals import chinese
from generator.text import ends_sentence, item_start

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
_CELL_NUMBER = re.compile(r"^(?:[零〇一二两三四五六七八九十百]+|\d{1,3})[、.．]?$")  # a table's number column
_COLUMN_NAME = 8  # characters: longer cell text in an unnumbered row is content, not a column's name


@dataclass(frozen=True)
class LayoutLine:
    text: str
    x0: float
    x1: float
    top: float
    size: float  # the characters' size: the unit of indents and margins
    column_names: bool = False  # a table's header row: its columns' names, no text of the bulletin


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
            pages = [_page_lines(page) for page in pdf.pages]
            return pages, _date(pdf.metadata.get("CreationDate"))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise Refused("encrypted PDF: it needs a password; use the Word file or an unencrypted PDF") from None
        raise Refused(f"not a readable PDF: damaged or truncated ({type(cause).__name__}: {cause})") from None


def _page_lines(page: pdfplumber.page.Page) -> list[LayoutLine]:
    """The page's lines top to bottom; a ruled table (序号 | 单位 | 主要活动) gives a line per row."""
    tables = [table for table in page.find_tables() if table.rows and len(table.rows[0].cells) >= 2]
    lines = [
        _layout(line)
        for line in page.extract_text_lines(return_chars=True)
        if not any(_inside(line, table.bbox) for table in tables)
    ]
    size = statistics.median([line.size for line in lines] or [10.0])
    for table in tables:
        x0, _, x1, _ = table.bbox
        for index, row in enumerate(table.rows):
            texts = [_cell_text(page, cell) for cell in row.cells]
            if not any(texts):
                continue
            if index == 0 and _column_names(texts):
                lines.append(LayoutLine(" | ".join(t for t in texts if t), x0, x1, row.bbox[1], size, True))
            else:
                lines.append(LayoutLine(_row_text(texts), x0, x1, row.bbox[1], size))
    return sorted(lines, key=lambda line: line.top)


def _cell_text(page: pdfplumber.page.Page, bbox: tuple[float, float, float, float] | None) -> str:
    """A cell's lines joined as the parser joins lines (no space), the spaces the text has kept
    (开展 2024 年 wrapped after 开展: pdfplumber's table text would drop that space)."""
    if bbox is None:  # a cell merged into its neighbour
        return ""
    x0, top, x1, bottom = bbox
    cell = page.filter(
        lambda o: (
            o.get("object_type") == "char"
            and x0 <= (o["x0"] + o["x1"]) / 2 <= x1
            and top <= (o["top"] + o["bottom"]) / 2 <= bottom
        )  # a glyph may stand a little over a rule
    )
    return "".join(cell.extract_text(keep_blank_chars=True).split("\n")).strip()


def _inside(line: dict, bbox: tuple[float, float, float, float]) -> bool:
    """Whether the line's middle is in the box (its edges may stand a little over the rules)."""
    x0, top, x1, bottom = bbox
    return x0 <= (line["x0"] + line["x1"]) / 2 <= x1 and top <= (line["top"] + line["bottom"]) / 2 <= bottom


def _column_names(cells: list[str]) -> bool:
    return not _CELL_NUMBER.match(cells[0]) and all(len(c) <= _COLUMN_NAME and not ends_sentence(c) for c in cells)


def _row_text(cells: list[str]) -> str:
    """一、**agency**activities for a numbered row (the agency cell's extent is its name, as bold
    would say); the cells of a row with no number, which goes on with the row before (a page cut it)."""
    number, rest = cells[0].strip().rstrip("、.．"), [cell for cell in cells[1:] if cell.strip()]
    if _CELL_NUMBER.match(number) and rest:
        agency = f"**{rest[0].strip()}**" if len(rest) > 1 else ""
        numeral = chinese(int(number)) if number.isdigit() else number  # as the Word reader writes a table's
        return f"{numeral}、{agency}{''.join(rest[1:] if agency else rest)}"
    return "".join(cell for cell in cells if cell.strip())


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
            if line.column_names:
                notes.append(Note(number, f"table header row read as column names: {line.text}"))
                continue
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
