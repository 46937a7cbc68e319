"""The archive's model: plain data, no behaviour beyond small derived values."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("national", "province", "city", "county")
LEVEL_NAMES = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级"}


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line number in the seed file
    text: str


@dataclass(frozen=True)
class Document:
    """What a reader produces from one seed file, whatever its format."""

    path: str  # as shown in messages, e.g. seeds/2024.txt
    lines: tuple[SourceLine, ...]  # after any front matter, numbered as in the file
    encoding: str
    text: str  # the whole file decoded, line ends made \n
    meta: dict = field(default_factory=dict)  # the seed's own front matter


@dataclass(frozen=True)
class Activity:
    number: int
    text: str

    @property
    def anchor(self) -> str:
        return f"a-{self.number}"


@dataclass(frozen=True)
class Item:
    order: int  # the item's number, 一、 = 1
    numeral: str  # as written: 一
    agency: str  # verbatim, e.g. 人行莆田市分行
    text: str  # the rest of the item, verbatim; paragraphs separated by \n
    activities: tuple[Activity, ...]
    campaigns: tuple[str, ...]
    line: int  # where the item starts in the seed
    partners: tuple[str, ...] = ()


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
    def url(self) -> str:
        return f"bulletins/{self.bulletin.id}/{self.slug}/"

    @property
    def path(self) -> str:
        return f"bulletins/{self.bulletin.id}/{self.slug}.md"


@dataclass(frozen=True)
class Archive:
    bulletins: tuple[Bulletin, ...]  # newest first
    families: tuple[Family, ...]  # registry order (those with pages), then unknown ones by id
    entries: tuple[Entry, ...]  # bulletin order, then item order
    partners: dict[str, tuple[Entry, ...]] = field(default_factory=dict)  # family id -> items it joins
