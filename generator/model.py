"""The archive's model: plain data, no behaviour beyond small derived values."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import urls

LEVELS = ("national", "province", "city", "county")
LEVEL_NAMES = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级"}


@dataclass(frozen=True)
class Position:
    """Where a line of a seed is, as its format can say it: line 12 of a text file, paragraph 5 of a
    Word file, line 7 of page 3 of a PDF."""

    unit: str = "line"  # line | paragraph
    page: int = 0  # for formats with pages (PDF): the page, and `number` counts lines on it
    number: int = 0  # 0: the SourceLine's own number says it all (a text line)

    @property
    def plain(self) -> bool:
        """A text file's line: FILE:LINE says it all."""
        return self.unit == "line" and not self.page

    def english(self, number: int) -> str:
        return f"page {self.page}, {self.unit} {self.number}" if self.page else f"{self.unit} {number}"

    def chinese(self, number: int) -> str:
        unit = _CHINESE_UNITS[self.unit]
        return f"第 {self.page} 页第 {self.number} {unit}" if self.page else f"第 {number} {unit}"


_CHINESE_UNITS = {"line": "行", "paragraph": "段"}


TEXT_LINE = Position()


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based, in reading order: the line of a text file (any front matter counted), the
    # paragraph of a Word file, the line of a PDF counted through the file; a page's `source` key
    text: str
    position: Position = TEXT_LINE  # how the format names the place (Position.english / .chinese)


@dataclass(frozen=True)
class Document:
    """What a reader produces from one seed file, whatever its format."""

    path: str  # as shown in messages, e.g. seeds/2024.txt
    lines: tuple[SourceLine, ...]  # after any front matter, numbered as in the file
    encoding: str
    text: str  # the text as read, line ends made \n: the bulletin's source.txt
    meta: dict = field(default_factory=dict)  # the seed's metadata, checked (generator/meta.py)
    removed: tuple[int, ...] = ()  # numbers of the lines clean.py removed as conversion artefacts


@dataclass(frozen=True)
class Activity:
    number: int
    text: str


@dataclass(frozen=True)
class Item:
    order: int  # the item's number, 一、 = 1
    numeral: str  # as written: 一
    agency: str  # verbatim, e.g. 人行莆田市分行
    text: str  # the rest of the item, verbatim; paragraphs separated by \n
    activities: tuple[Activity, ...]
    campaigns: tuple[str, ...]
    line: int  # where the item starts in the seed (SourceLine.number)
    partners: tuple[str, ...] = ()
    position: Position = TEXT_LINE  # the same place, as the seed's format names it


@dataclass(frozen=True, eq=False)  # identity: two bulletins are never "equal"
class Bulletin:
    id: str  # URL slug, e.g. 2024-national
    title: str
    year: int
    region: str  # 全国, 莆田 …
    level: str  # one of LEVELS
    campaign: str  # 质量月
    label: str  # 附件 1, or "" when the seed has none
    source: str  # seed path
    items: tuple[Item, ...]
    preamble: tuple[str, ...] = ()  # text between the title and the first item
    meta: dict = field(default_factory=dict)
    removed: tuple[int, ...] = ()  # the seed's lines removed as artefacts: the bulletin page records them


@dataclass(frozen=True)
class Family:
    """One line of agencies across years and levels, e.g. market-regulation."""

    id: str
    name: str
    name_en: str
    names: dict[str, tuple[str, ...]]  # level -> names used at that level
    known: bool = True  # False: made up for an agency the registry lacks


@dataclass(frozen=True)
class Entry:
    """One item placed in the archive: its page and its family."""

    bulletin: Bulletin
    item: Item
    family: Family
    slug: str  # page slug within the bulletin, usually the family id

    @property
    def year(self) -> int:
        return self.bulletin.year

    @property
    def path(self) -> str:
        """Its page in docs/ (generator/urls.py)."""
        return urls.entry(self.bulletin.id, self.slug)

    @property
    def url(self) -> str:
        return urls.url(self.path)


@dataclass(frozen=True)
class Archive:
    bulletins: tuple[Bulletin, ...]  # newest first
    families: tuple[Family, ...]  # registry order (those with pages), then unknown ones by id
    entries: tuple[Entry, ...]  # bulletin order, then item order
    partners: dict[str, tuple[Entry, ...]] = field(default_factory=dict)  # family id -> items it joins
