"""Parse a Document into a Bulletin: title, numbered items, agencies, activities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import InputError, Warnings
from generator.model import LEVELS, Activity, Bulletin, Document, Item
from generator.names import agency_at, partners
from generator.registry import Registry, fold
from generator.slugs import pinyin_slug

_REGIONS = yaml.safe_load((Path(__file__).parent / "data" / "regions.yml").read_text(encoding="utf-8"))
_PROVINCES = {p["short"]: p["slug"] for p in _REGIONS["provinces"]}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = "零〇一二两三四五六七八九十百千"
# 一、 二． 三，(folded, so full- and half-width alike). Bold markers may wrap it.
ITEM_START = re.compile(rf"^\s*(?:\*\*)?\s*(?P<numeral>[{_NUMERAL}]+)\s*[、.,]")
LABEL = re.compile(r"^\s*附件\s*\d*\s*[:：]?\s*$")
TITLE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<region>.*?)\s*[“\"「]?\s*(?P<campaign>质量月)")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年")
# How a complete title ends (…开展的主要活动); one that does not may go on in the next paragraph.
_TITLE_ENDS = ("活动", "安排", "计划", "方案")
# A paragraph that ends with one of these (perhaps inside a closing quote or bracket) is
# finished; one that does not was cut by a page break. A colon ends a lead-in to sub-items.
_STOPS = "。；;！!？?：:…"
_CLOSERS = "”’」』）)》\"'"
ACTIVITY_END = re.compile(r"(?<=[。；;！!？?])")
CAMPAIGN = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
BOLD = "**"
_META_TYPES = {"source_url": str, "notice": str, "issuer": str, "region": str, "level": str, "year": int}


def item_start(text: str) -> re.Match | None:
    """The numbering that opens an item (一、 二． …), matched full- and half-width alike."""
    return ITEM_START.match(fold(text[:_ITEM_HEAD]))


# Enough of a paragraph to see its numbering: spaces, **, 一百九十九 and the separator.
_ITEM_HEAD = 24


def chinese_number(numeral: str) -> int:
    """一 -> 1, 十二 -> 12, 九十九 -> 99, 一百零三 -> 103."""
    total, digit = 0, 0
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
            continue
        unit = {"十": 10, "百": 100, "千": 1000}[char]
        total += (digit or 1) * unit
        digit = 0
    return total + digit


@dataclass
class Paragraph:
    line: int
    text: str  # the lines of the paragraph joined, with page-break splits repaired


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
            current = Paragraph(line.number, text)
            result.append(current)
        else:
            current.text += text
    return result


def region_level(region: str) -> tuple[str, str]:
    """The canonical region name (莆田市 -> 莆田) and its level of government."""
    if region in ("", *_REGIONS["national"]):
        return "全国", "national"
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"):
        if region.endswith(suffix) and len(region) - len(suffix) >= 2:
            region = region[: -len(suffix)]
            break
    if region in _PROVINCES:
        return region, "province"
    if region.endswith(("县", "区", "旗")):
        return region, "county"
    return region, "city"


def region_slug(region: str, level: str) -> str:
    if level == "national":
        return "national"
    return _PROVINCES.get(region) or pinyin_slug(region)


def ends_sentence(text: str) -> bool:
    text = text.replace(BOLD, "").rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in _STOPS


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
            warnings.add(path, block.line, f"text before the first item is kept as preamble: {plain[:40]}")


def _title_part(text: str) -> bool:
    return len(text) <= 40 and not ends_sentence(text) and not LABEL.match(text)


def parse_bulletin(doc: Document, registry: Registry, warnings: Warnings) -> Bulletin:
    header = _Header()
    raw_items: list[Paragraph] = []
    for block in paragraphs(doc):
        if item_start(block.text):
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

    meta = _checked_meta(doc)
    year = meta.get("year") or int(header.match["year"])
    region, level = region_level(str(meta.get("region") or header.match["region"]).strip())
    level = meta.get("level") or level
    items = tuple(_item(block, doc.path, registry) for block in raw_items)
    _check_numbering(items, doc.path, warnings)
    return Bulletin(
        id=f"{year}-{region_slug(region, level)}",
        title=header.title,
        year=year,
        region=region,
        level=level,
        campaign=header.match["campaign"],
        label=header.label,
        source=doc.path,
        items=items,
        preamble=tuple(header.preamble),
        meta=meta,
    )


def _checked_meta(doc: Document) -> dict:
    """The seed's front matter, each value of the type it must have."""
    meta = {}
    for key, value in doc.meta.items():
        if key == "published":
            meta[key] = str(value)  # a date or free text such as 2024年8月
            continue
        if not isinstance(value, _META_TYPES[key]) or isinstance(value, bool):
            raise InputError(doc.path, 2, f"front matter {key} must be {_META_TYPES[key].__name__}, not {value!r}")
        meta[key] = value
    if "level" in meta and meta["level"] not in LEVELS:
        raise InputError(doc.path, 2, f"front matter level must be one of {', '.join(LEVELS)}, not {meta['level']!r}")
    if "year" in meta and not 1900 <= meta["year"] <= 2999:
        raise InputError(doc.path, 2, f"front matter year {meta['year']} is not a plausible year")
    if "source_url" in meta and not re.match(r"^https?://[^\s<>\"]+$", meta["source_url"]):
        raise InputError(doc.path, 2, f"front matter source_url must be an http(s) URL, not {meta['source_url']!r}")
    return meta


def _continue_item(item: Paragraph, block: Paragraph) -> None:
    """A paragraph after an item belongs to it: glued on if a page break cut the item."""
    item.text += ("\n" if ends_sentence(item.text) else "") + block.text


def _item(block: Paragraph, path: str, registry: Registry) -> Item:
    text, bold = _strip_bold(block.text)
    start = item_start(text)
    assert start is not None
    numeral = start["numeral"]
    body_start = start.end()
    while body_start < len(text) and text[body_start] in " \u3000":
        body_start += 1
    body = text[body_start:]
    agency = _bold_agency(bold, body_start, len(text), text) or agency_at(body, registry)
    if not agency:
        raise InputError(path, block.line, f"item {numeral}、 does not start with an agency name")
    rest = body[len(agency) :]
    if not rest.strip():
        raise InputError(path, block.line, f"item {numeral}、 names {agency} but says nothing it will do")
    return Item(
        order=chinese_number(numeral),
        numeral=numeral,
        agency=agency.strip(),
        text=rest,
        activities=split_activities(rest),
        campaigns=campaigns(rest),
        line=block.line,
        partners=partners(rest, registry),
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
            warnings.add(path, item.line, f"numbering {kind}: item {item.numeral}、 where {expected} was expected")
        expected = item.order + 1
