"""A Word (.docx) file as lines in the text reader's conventions.

Each paragraph of the body, in order, is a line (numbered by its ordinal, table cells counted),
paragraphs separated by blank lines; bold runs are wrapped in ** (the parser reads them as the
agency's extent); automatic numbering (w:numPr) is written out as Word shows it (一、); a table
row of number, agency and activities becomes one item. Headers, footers, footnotes and comments
live in other parts of the package and are never read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from generator.formats import Extracted, Line, Note, Refused, check_size
from generator.formats.numerals import FORMATS, chinese
from generator.text import chinese_number, item_start

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNPACKED = 200_000_000  # a zip bomb unpacks to far more than it weighs
# Office's older container: a .doc under a .docx name, or a .docx encrypted with a password.
_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE = "a password-protected Word file, or a .doc named .docx: save it as .docx without a password"
_BREAK = "\n"  # a soft line or page break inside a paragraph: the line ends there
_STYLE_DEPTH = 20  # basedOn chains are short; a longer one is a loop
# A table cell that only numbers its row: 1  1.  一、  (一)
_NUMBER_CELL = re.compile(r"^[(（]?(?P<n>\d{1,4}|[一二三四五六七八九十百零〇两]+)[)）]?[、.．,，]?$")
_HEADER_CELL_MAX = 12  # a table's header row: short labels such as 序号, 主办单位, 主要活动


def read_docx(path: Path) -> Extracted:
    document = _open(path)
    reader = _Reader(_Styles(document), _Numbering(document))
    for element in _blocks(document.element.body):
        if element.tag == W + "p":
            reader.paragraph(element)
        else:
            reader.table(element)
    created = document.core_properties.created
    return Extracted(reader.lines, created.date() if created else None, reader.notes)


def _open(path: Path) -> docx.document.Document:
    check_size(path)
    with path.open("rb") as file:
        if file.read(len(_COMPOUND)) == _COMPOUND:
            raise Refused(_OLE)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise Refused(f"not a readable Word file: damaged or truncated ({exc})") from None
    if unpacked > MAX_UNPACKED:
        raise Refused(f"not a Word file: unpacks to {unpacked // 1_000_000} MB (limit {MAX_UNPACKED // 1_000_000} MB)")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise Refused(f"not a Word file: the zip holds no Word document ({exc})") from None
    except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise Refused(f"not a readable Word file: damaged ({exc})") from None


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in reading order; content controls and custom XML are looked into."""
    for child in parent:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "customXml":
            yield from _blocks(child)
        elif child.tag == W + "sdt" and (content := child.find(W + "sdtContent")) is not None:
            yield from _blocks(content)


def _cell_paragraphs(cell: etree._Element) -> Iterator[etree._Element]:
    """A cell's paragraphs in order, a nested table's read row by row into it (text boxes left out)."""
    for element in _blocks(cell):
        if element.tag == W + "p":
            yield element
        else:
            for inner in element.iterfind(f"{W}tr/{W}tc"):
                yield from _cell_paragraphs(inner)


def _on(element: etree._Element | None, name: str) -> bool | None:
    """A toggle property (w:b …): None when not set here, else whether it is on."""
    found = None if element is None else element.find(W + name)
    if found is None:
        return None
    return found.get(W + "val", "true") not in ("0", "false", "off", "none")


class _Styles:
    def __init__(self, document: docx.document.Document) -> None:
        root = document.styles.element
        self.by_id = {s.get(W + "styleId"): s for s in root.findall(W + "style")}
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_bold = bool(_on(defaults, "b"))
        self.default_paragraph = next(
            (s.get(W + "styleId") for s in self.by_id.values() if s.get(W + "default") in ("1", "true")
             and s.get(W + "type") == "paragraph"),
            None,
        )  # fmt: skip

    def chain(self, style_id: str | None) -> Iterator[etree._Element]:
        for _ in range(_STYLE_DEPTH):
            style = self.by_id.get(style_id) if style_id else None
            if style is None:
                return
            yield style
            based = style.find(W + "basedOn")
            style_id = None if based is None else based.get(W + "val")

    def bold(self, run: etree._Element, paragraph_style: str | None) -> bool:
        props = run.find(W + "rPr")
        own = _on(props, "b")
        if own is not None:
            return own
        char_style = None if props is None else props.find(W + "rStyle")
        for style_id in (None if char_style is None else char_style.get(W + "val"), paragraph_style):
            for style in self.chain(style_id):
                value = _on(style.find(W + "rPr"), "b")
                if value is not None:
                    return value
        return self.default_bold

    def num_pr(self, style_id: str | None) -> etree._Element | None:
        for style in self.chain(style_id):
            found = style.find(f"{W}pPr/{W}numPr")
            if found is not None:
                return found
        return None


@dataclass
class _Level:
    format: str
    text: str  # %1、
    start: int


class _Numbering:
    """Word's list counters, replayed: one set per abstract list, a w:num's startOverride restarting it."""

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.restarted: set[str] = set()
        try:  # the main document's own numbering part (not a glossary's), parsed by python-docx
            root = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return
        for abstract in root.findall(W + "abstractNum"):
            levels = {}
            for lvl in abstract.findall(W + "lvl"):
                levels[int(lvl.get(W + "ilvl", "0"))] = _Level(
                    _val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""), int(_val(lvl, "start", "1"))
                )
            self.levels.setdefault(abstract.get(W + "abstractNumId"), levels)  # the first, as LibreOffice
        for num in root.findall(W + "num"):
            overrides = {
                int(o.get(W + "ilvl", "0")): int(_val(o, "startOverride", "1"))
                for o in num.findall(W + "lvlOverride")
                if o.find(W + "startOverride") is not None
            }
            self.nums.setdefault(num.get(W + "numId"), (_val(num, "abstractNumId", ""), overrides))

    def label(self, num_id: str, level: int) -> tuple[str, str | None]:
        """The text Word shows before the paragraph, and a note when a format had to be guessed."""
        if num_id not in self.nums:
            return "", f"list {num_id} has no definition; its numbering is not shown"
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return "", f"list {num_id} has no level {level}; its numbering is not shown"
        counters = self.counters.setdefault(abstract, [None] * 9)
        if num_id not in self.restarted and overrides:
            self.restarted.add(num_id)
            for ilvl, start in overrides.items():
                counters[ilvl] = start - 1 if 0 <= ilvl < 9 else None
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, 9):
            counters[deeper] = None
        if levels[level].format == "bullet":
            return "", None  # a bullet is decoration, not text
        note = None

        def number(match: re.Match) -> str:
            nonlocal note
            ilvl = int(match[1]) - 1
            lvl = levels.get(ilvl, _Level("decimal", "", 1))
            value = counters[ilvl] if counters[ilvl] is not None else lvl.start
            if lvl.format not in FORMATS:
                note = f"numbering format {lvl.format} written as digits"
            return FORMATS.get(lvl.format, str)(value)

        return re.sub(r"%([1-9])", number, levels[level].text), note


def _val(element: etree._Element, name: str, default: str) -> str:
    found = element.find(W + name)
    return default if found is None else found.get(W + "val", default)


@dataclass
class _Paragraph:
    number: int
    lines: list[str]  # split at soft breaks; bold wrapped in **


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles, self.numbering = styles, numbering
        self.lines: list[Line] = []
        self.notes: list[Note] = []
        self.count = 0

    def paragraph(self, element: etree._Element) -> None:
        self.block(self.read(element))

    def block(self, paragraph: _Paragraph) -> None:
        """Emit a paragraph's lines, a blank line before it unless one is already there."""
        if not any(text.strip() for text in paragraph.lines):
            return
        if self.lines and self.lines[-1].text:
            self.lines.append(Line(self.lines[-1].number, ""))
        for text in paragraph.lines:
            self.lines.append(Line(paragraph.number, text))

    def read(self, p: etree._Element) -> _Paragraph:
        self.count += 1
        props = p.find(W + "pPr")
        style_el = None if props is None else props.find(W + "pStyle")
        style = style_el.get(W + "val") if style_el is not None else self.styles.default_paragraph
        pieces: list[tuple[str, bool]] = []
        num_pr = None if props is None else props.find(W + "numPr")
        if num_pr is None:
            num_pr = self.styles.num_pr(style)
        if num_pr is not None and _val(num_pr, "numId", "0") != "0":
            label, note = self.numbering.label(_val(num_pr, "numId", "0"), int(_val(num_pr, "ilvl", "0")))
            if note:
                self.notes.append(Note(self.count, note, "warning"))
            pieces.append((label, False))
        boxes = 0
        for run in p.iter(W + "r"):
            owner = _owner(run, p)
            if owner == "box":
                boxes += 1
            elif owner == "here":
                bold = self.styles.bold(run, style)
                pieces.extend((text, bold) for text in _run_text(run))
        if boxes:
            self.notes.append(Note(self.count, "a text box in this paragraph is not read", "warning"))
        return _Paragraph(self.count, _with_bold(pieces).split(_BREAK))

    def table(self, tbl: etree._Element) -> None:
        rows = [
            [[self.read(p) for p in _cell_paragraphs(tc)] for tc in tr.findall(W + "tc")]
            for tr in tbl.findall(W + "tr")
        ]
        items = [_row_item(cells) for cells in rows]
        numbered, counted = any(items), 0
        for index, (cells, item) in enumerate(zip(rows, items, strict=True)):
            filled = [cell for cell in cells if _cell_text(cell)]
            if item is None and not numbered and len(filled) >= 2 and not (index == 0 and _header_row(filled)):
                counted += 1
                item = (counted, _cell_text(filled[0]), filled[1:])
                self.notes.append(Note(filled[0][0].number, "the table has no number column: rows numbered in order"))
            first = next((cell[0].number for cell in cells if cell), self.count)
            texts = [" ".join(line for p in cell for line in p.lines if line.strip()) for cell in filled]
            if item is None and index == 0 and filled and _header_row(filled):
                # The columns' names (序号 | 单位 | 主要活动) label the items; they are no text of the bulletin.
                self.notes.append(Note(first, "table header row read as column names: " + " | ".join(texts)))
            elif item is None:  # a note across the table: its cells as one paragraph
                self.block(_Paragraph(first, [" ".join(texts)]))
            else:
                self.item_row(first, *item)

    def item_row(self, number: int, order: int, agency: str, cells: list[list[_Paragraph]]) -> None:
        """一、 then the agency, whose cell is its extent as bold would be, then the activities."""
        paragraphs = [p for cell in cells for p in cell if any(line.strip() for line in p.lines)]
        first, *more = paragraphs
        head = f"{chinese(order)}、" + (f"**{agency}**" if agency else "")
        self.block(_Paragraph(number, [head + first.lines[0], *first.lines[1:]]))
        for paragraph in more:
            self.block(paragraph)


def _owner(run: etree._Element, p: etree._Element) -> str:
    """here: the run is this paragraph's text; box: inside a text box; deleted: a tracked deletion."""
    node = run.getparent()
    while node is not None and node is not p:
        if node.tag in (W + "del", W + "moveFrom"):
            return "deleted"
        if node.tag == W + "txbxContent":
            return "box"
        node = node.getparent()
    return "here"


def _run_text(run: etree._Element) -> Iterator[str]:
    for child in run:
        if child.tag == W + "t":
            yield child.text or ""
        elif child.tag == W + "tab":
            yield "\t"
        elif child.tag in (W + "br", W + "cr"):
            yield _BREAK
        elif child.tag == W + "noBreakHyphen":
            yield "-"


def _with_bold(pieces: list[tuple[str, bool]]) -> str:
    """Bold stretches wrapped in **; whitespace takes the boldness of what precedes it, so two bold
    runs with a space between make one stretch."""
    groups: list[list] = []
    for text, bold in pieces:
        if not text:
            continue
        if not text.strip() and groups and _BREAK not in text:
            bold = groups[-1][1]
        if groups and groups[-1][1] == bold:
            groups[-1][0] += text
        else:
            groups.append([text, bold])
    out = []
    for text, bold in groups:
        if bold and text.strip():
            for part in text.split(_BREAK):
                stripped = part.strip()
                out.append(part.replace(stripped, f"**{stripped}**", 1) if stripped else part)
                out.append(_BREAK)
            out.pop()
        else:
            out.append(text)
    return "".join(out)


def _cell_text(cell: list[_Paragraph]) -> str:
    return "".join(line for p in cell for line in p.lines).replace("**", "").strip()


def _row_item(cells: list[list[_Paragraph]]) -> tuple[int, str, list[list[_Paragraph]]] | None:
    """(order, agency, activity cells) of a row numbered by its first cell: 1 | agency | activities,
    1 | agency and activities, or 一、agency | activities (Word's numbering in the agency's cell)."""
    filled = [cell for cell in cells if _cell_text(cell)]
    if len(filled) < 2:
        return None
    head = _cell_text(filled[0])
    if number := _NUMBER_CELL.match(head):
        order = int(number["n"]) if number["n"].isdigit() else chinese_number(number["n"])
        if len(filled) == 2:
            return order, "", filled[1:]
        return order, _cell_text(filled[1]), filled[2:]
    if start := item_start(head):
        return chinese_number(start["numeral"]), head[start.end() :].strip(), filled[1:]
    return None


def _header_row(cells: list[list[_Paragraph]]) -> bool:
    return all(len(_cell_text(c)) <= _HEADER_CELL_MAX and "。" not in _cell_text(c) for c in cells)
