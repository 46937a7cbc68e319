"""Regions: the place a bulletin's title names, its level of government, and its URL slug.

The data (generator/data/regions.yml, schema regions.schema.json beside it) lists the national
names, the 34 province-level regions with their short names and slugs, the words that end the
names of lower regions, and slugs for regions whose pinyin another has; slugs are public URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator.data_files import DATA, load_yaml
from generator.slugs import pinyin_slug

REGIONS_PATH = DATA / "regions.yml"


@dataclass(frozen=True)
class Part:
    """One region a title names: 厦门市 (city) in 厦门市思明区."""

    name: str  # as written: 厦门市, 延边朝鲜族自治州, 莆田
    short: str  # without its level word: 厦门, 延边, 莆田
    level: str  # province | city | county


@dataclass(frozen=True)
class Region:
    name: str  # as shown: 全国, 福建, 莆田, 仙游县, 厦门市思明区
    level: str  # national | province | city | county
    slug: str  # national, fujian, putian, siming
    parts: tuple[Part, ...] = ()  # from the largest region to the bulletin's own

    @property
    def places(self) -> tuple[str, ...]:
        """Every way an agency name may spell these regions, longest first: 厦门市, 厦门 …"""
        return tuple(sorted({n for p in self.parts for n in (p.name, p.short)}, key=lambda n: (-len(n), n)))


@cache
def _data() -> dict:
    return load_yaml(REGIONS_PATH, DATA / "regions.schema.json")


@cache
def _autonomous() -> re.Pattern:
    """自治区/州/县/旗 with the ethnic groups before it: 壮族自治区, 朝鲜族自治州, 蒙古自治州."""
    groups = "|".join(sorted(_data()["ethnic_groups"], key=len, reverse=True))
    return re.compile(f"(?:(?:{groups})族?)*自治(?P<kind>区|州|县|旗)$")


@cache
def provinces() -> tuple[Part, ...]:
    return tuple(Part(p["name"], p["short"], "province") for p in _data()["provinces"])


@cache  # a few hundred regions, each read for every agency of every bulletin
def read_region(text: str) -> Region:
    """The region a title names (福建省, 广西壮族自治区, 莆田, 厦门市思明区, 锡林郭勒盟 …)."""
    text = text.strip()
    if text in ("", *_data()["national"]):
        return Region("全国", "national", "national")
    parts = _parts(text)
    own = parts[-1]
    slugs = _data()["slugs"]
    if own.level == "province":
        slug = next(p["slug"] for p in _data()["provinces"] if p["short"] == own.short)
        return Region(own.short, "province", slug, parts)
    slug = slugs.get(own.name) or pinyin_slug(own.name, keep=len(own.short))
    shown = own.short if len(parts) == 1 and own.name in (own.short, own.short + "市") else text
    return Region(shown, own.level, slug, parts)


def region_slug(region: str, level: str) -> str:
    """The slug of a bulletin's region as Bulletin.region shows it (福建 -> fujian)."""
    return "national" if level == "national" else read_region(region).slug


def places(region: str) -> tuple[str, ...]:
    """The spellings of a bulletin's region (as Bulletin.region shows it) in agency names."""
    return read_region(region).places


def _parts(text: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    province = _province_at(text)
    if province:
        parts.append(province)
        text = text[len(province.name) :] if text.startswith(province.name) else text[len(province.short) :]
    while text:
        part = _lower_part(text, parts[-1].level if parts else "province", named=True) or _whole(text)
        parts.append(part)
        text = text[len(part.name) :]
    return tuple(parts)


def _whole(text: str) -> Part:
    """A region with no level word (莆田: a city), or a one-character name (单县)."""
    for word, level in _level_words():
        if text.endswith(word) and len(text) > len(word):
            return Part(text, text, level)
    return Part(text, text, "city")


def _province_at(text: str) -> Part | None:
    """The province `text` starts with: by its full name, or by its short name when nothing or
    a whole region follows (not 吉林市, a city, nor 海南藏族自治州, a prefecture)."""
    for province in provinces():
        if text.startswith(province.name):
            return province
    for province in provinces():
        rest = text[len(province.short) :]
        if text.startswith(province.short) and (not rest or _lower_part(rest, "province")):
            return province
    return None


def _lower_part(text: str, above: str, named: bool = False) -> Part | None:
    """The first region below a province in `text`: the shortest start that ends in a level
    word after a name of two characters at least; None if there is none. `named`: a region
    may be named by its people alone (鄂温克族自治旗, short 鄂温克)."""
    for end in range(3, len(text) + 1):
        name = text[:end]
        autonomous = _autonomous().search(name)
        if autonomous:
            level = "city" if autonomous["kind"] == "州" else "county"
            if autonomous.start() >= 2:
                return Part(name, name[: autonomous.start()], level)
            people = name[: autonomous.end() - 3].removesuffix("族")
            return Part(name, people, level) if named and len(people) >= 2 else None  # not 海南|藏族自治州
        for word, level in _level_words():
            if name.endswith(word) and end - len(word) >= 2:
                if word == "市" and above in ("city", "county"):
                    level = "county"  # 泉州市晋江市: a county-level city
                return Part(name, name[: -len(word)], level)
    return None


@cache
def _level_words() -> tuple[tuple[str, str], ...]:
    """(word, level), longest first: 自治州 before 州."""
    levels = _data()["levels"]
    pairs = [(word, level) for level in ("city", "county") for word in levels[level]]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))
