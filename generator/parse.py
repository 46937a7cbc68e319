"""Parse a Document into a Bulletin: title, numbered items, agencies, activities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.errors import InputError, Warnings
from generator.model import TEXT_LINE, Activity, Bulletin, Document, Item, Position
from generator.names import find_agency, partners
from generator.regions import read_region
from generator.registry import Registry
from generator.text import BOLD, LABEL, TITLE, ends_sentence, item_number, item_start, numbered_in_digits

_YEAR = re.compile(r"(?:19|20)\d\d\s*年")
# How a complete title ends (…开展的主要活动); one that does not may go on in the next paragraph.
_TITLE_ENDS = ("活动", "安排", "计划", "方案")
ACTIVITY_END = re.compile(r"(?<=[。；;！!？?])")
CAMPAIGN = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")


@dataclass
class Paragraph:
    line: int
    text: str  # the lines of the paragraph joined, with page-break splits repaired
    position: Position = TEXT_LINE  # of its first line


def paragraphs(doc: Document) -> list[Paragraph]:
    """Blank-line separated blocks. Lines inside a block are joined without a space (CJK)."""
    result: list[Paragraph] = []
    current: Paragraph | None = None
    for line in doc.lines:
        text = line.text.strip(" \t")
        if not text.strip():
            current = None
            continue
        if current is None:
            current = Paragraph(line.number, text, line.position)
            result.append(current)
        else:
            current.text += text
    return result


@dataclass
class _Header:
    label: str = ""
    title: str = ""
    line: int = 0
    match: re.Match | None = None
    preamble: list[str] = field(default_factory=list)

    def read(self, block: Paragraph, plain: str, path: str, warnings: Warnings) -> None:
        """One paragraph before the first item: the label, the title (in parts), or preamble."""
        if LABEL.match(plain) and not self.label:
            self.label = plain
        elif not self.title and (TITLE.search(plain) or _YEAR.search(plain)):
            self.title, self.line, self.match = plain, block.line, TITLE.search(plain)
        elif self.title and (self.match is None or not self.title.endswith(_TITLE_ENDS)) and _title_part(plain):
            self.title += plain  # a title split over two paragraphs
            self.match = TITLE.search(self.title)
        else:
            self.preamble.append(plain)
            message = f"text before the first item is kept as preamble: {plain[:40]}"
            warnings.add(path, block.line, message, position=block.position)


def _title_part(text: str) -> bool:
    return len(text) <= 40 and not ends_sentence(text) and not LABEL.match(text)


def parse_bulletin(doc: Document, registry: Registry, warnings: Warnings) -> Bulletin:
    header = _Header()
    raw_items: list[Paragraph] = []
    blocks = paragraphs(doc)
    digits = numbered_in_digits(block.text for block in blocks)
    for block in blocks:
        if item_start(block.text, digits):
            raw_items.append(block)
        elif raw_items:
            _continue_item(raw_items[-1], block)
        else:
            header.read(block, block.text.replace(BOLD, "").lstrip("#").strip(), doc.path, warnings)
    if header.match is None:
        line = header.line or (doc.lines[0].number if doc.lines else 1)
        raise InputError(doc.path, line, "no title with a year and 质量月 (e.g. 2024 年全国“质量月”…)")
    if not raw_items:
        raise InputError(doc.path, header.line, "no numbered items (一、 二、 …) after the title")

    meta = doc.meta
    year = meta.get("year") or int(header.match["year"])
    region = read_region(str(meta.get("region") or header.match["region"]))
    items = tuple(_item(block, doc.path, registry, digits, warnings) for block in raw_items)
    _check_numbering(items, doc.path, warnings)
    return Bulletin(
        id=f"{year}-{region.slug}",
        title=header.title,
        year=year,
        region=region.name,
        level=meta.get("level") or region.level,
        campaign=header.match["campaign"],
        label=header.label,
        source=doc.path,
        items=items,
        preamble=tuple(header.preamble),
        meta=meta,
        removed=doc.removed,
    )


def _continue_item(item: Paragraph, block: Paragraph) -> None:
    """A paragraph after an item belongs to it: glued on if a page break cut the item."""
    item.text += ("\n" if ends_sentence(item.text) else "") + block.text


def _item(block: Paragraph, path: str, registry: Registry, digits: bool, warnings: Warnings) -> Item:
    text, bold = _strip_bold(block.text)
    start = item_start(text, digits)
    assert start is not None
    numeral, order = item_number(start)
    body_start = start.end()
    while body_start < len(text) and text[body_start] in " \u3000":
        body_start += 1
    body = text[body_start:]
    agency = _bold_agency(bold, body_start, len(text), text)
    if not agency:
        found = find_agency(body, registry)
        if not found:
            message = f"item {numeral}、 does not start with an agency name"
            raise InputError(path, block.line, message, block.position)
        agency = found.name
        if found.rule == "verb cut":
            message = (
                f"item {numeral}、: no agency name by its grammar (a kind such as 局/厅/委/办/中心 followed by "
                f"what it does) nor in the registry; took {agency} (cut before a verb or punctuation): if the "
                "name is longer, add it to generator/data/agencies.yml or mark it bold (**…**) in the seed"
            )
            warnings.add(path, block.line, message, position=block.position)
    rest = body[len(agency) :]
    if not rest.strip():
        message = f"item {numeral}、 names {agency} but says nothing it will do"
        raise InputError(path, block.line, message, block.position)
    return Item(
        order=order,
        numeral=numeral,
        agency=agency.strip(),
        text=rest,
        activities=split_activities(rest),
        campaigns=campaigns(rest),
        line=block.line,
        partners=partners(rest, registry),
        position=block.position,
    )


def _strip_bold(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove ** markers (source formatting); return the spans they made bold."""
    parts = text.split(BOLD)
    plain, spans, pos = "", [], 0
    for index, part in enumerate(parts):
        if index % 2 == 1:
            spans.append((pos, pos + len(part)))
        plain += part
        pos += len(part)
    return plain, spans


def _bold_agency(spans: list[tuple[int, int]], body_start: int, end: int, text: str) -> str | None:
    """A bold span covering the start of the item, but not all of it, is the agency name."""
    for start, stop in spans:
        if start <= body_start < stop < end:
            name = text[body_start:stop].strip()
            if name and not any(c in name for c in "，,。；;：:"):
                return text[body_start:stop]
    return None


def split_activities(text: str) -> tuple[Activity, ...]:
    """Sentences ending in 。 or ； (and paragraph ends) are the item's activities."""
    pieces = [p.strip() for para in text.split("\n") for p in ACTIVITY_END.split(para)]
    return tuple(Activity(n, p) for n, p in enumerate((p for p in pieces if p), start=1))


def campaigns(text: str) -> tuple[str, ...]:
    """Quoted names (“电梯安全宣传周”, "昆仑 2024"), in order, once each; 质量月 itself excluded."""
    found = [m[1] or m[2] for m in CAMPAIGN.finditer(text)]
    return tuple(dict.fromkeys(name.strip() for name in found if name.strip() and name.strip() != "质量月"))


def _check_numbering(items: tuple[Item, ...], path: str, warnings: Warnings) -> None:
    expected = 1
    for item in items:
        if item.order != expected:
            kind = "repeats" if item.order < expected else "skips"
            message = f"numbering {kind}: item {item.numeral}、 where {expected} was expected"
            warnings.add(path, item.line, message, position=item.position)
        expected = item.order + 1
