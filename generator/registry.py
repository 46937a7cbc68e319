"""The agency registry: joins agency names to families across years and levels."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from generator.data_files import DATA, line_of, load_yaml
from generator.errors import DataError
from generator.model import LEVELS, Family
from generator.regions import places, provinces
from generator.slugs import pinyin_slug
from generator.text import KINDS, fold

REGISTRY_PATH = DATA / "agencies.yml"
SCHEMA_PATH = DATA / "agencies.schema.json"

# Words that say which level of government an agency sits at, or its party layer, not what it
# does. Stripped repeatedly from the front, longest first, so 市市场监管局 and 市场监管总局
# both come down to the same key.
_LEVEL_PREFIXES = sorted(
    ["中华人民共和国", "中华全国", "中共", "国务院", "中央", "全国", "国家", "中国", "最高", "高级",
     "中级", "省委", "市委", "县委", "区委", "州委", "盟委", "旗委", "地委", "党委", "自治区", "自治州",
     "地区", "省", "市", "县", "区", "州", "盟", "旗"],
    key=len, reverse=True,
)  # fmt: skip
# Words that start with a level word but are a body: 市场 (市场监管), not 市 + 场.
_NOT_LEVEL = ("市场",)
# The kind of organisation, which changes with the level (局 in a city, 部 nationally).
_SUFFIXES = sorted(
    ["委员会", "办公室", "总局", "总署", "总社", "总会", "总队", "支队", "大队", "分局", "分行", "支行",
     "局", "部", "厅", "委", "署", "院", "社", "会", "办", "行"],
    key=len, reverse=True,
)  # fmt: skip
# A name's second sign in brackets, which does not change its family: 省烟草专卖局（公司）.
_BRACKETS = re.compile(r"\([^()]*\)$")
# Kinds of an administrative body, whose unknown family is named 体育部门 after 省体育局.
_ADMINISTRATIVE = tuple("局厅委办部署")


def core_key(name: str, places: tuple[str, ...] = ()) -> str:
    """What an agency does, without level, region or organisation kind: 市市场监管局 -> 市场监管.
    `places`: the spellings of the bulletin's region (福建省, 福建), removed wherever they are."""
    key = _BRACKETS.sub("", fold(name).replace(" ", "").replace("\u3000", ""))
    for place in places:
        if place:
            key = re.sub(f"{re.escape(place)}(?!委)", "", key)  # 浙江省|市场监管局, 浙江|省委
    key = _strip_levels(key).replace("和", "")  # 住房和城乡建设部 = 住房城乡建设部
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def _strip_levels(key: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for prefix in _LEVEL_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) and not key.startswith(_NOT_LEVEL):
                key, stripped = key[len(prefix) :], True
                break
    return key


def spellings(name: str, places: tuple[str, ...]) -> tuple[str, ...]:
    """Other spellings of a (folded) name that the registry may list: without its second sign in
    brackets, 中共, and the names of regions it starts with (the bulletin's, or any province's):
    中共浙江省委宣传部 -> 浙江省委宣传部 -> 省委宣传部; 厦门市市场监督管理局 -> 市市场监督管理局."""
    forms = [name]
    form = _BRACKETS.sub("", name)
    form = form.removeprefix("中共") if len(form) > 4 else form
    names = {*places, *(n for p in provinces() for n in (p.name, p.short))} - {""}
    regions = sorted(names, key=lambda n: (-len(n), n))
    changed = True
    while changed:
        forms.append(form)
        changed = False
        for place in regions:
            if form.startswith(place) and len(form) - len(place) >= 2 and form[len(place)] != "委":
                form, changed = form[len(place) :], True
                break
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Join:
    family: Family
    how: str  # exact | alias | key


@dataclass(frozen=True)
class Registry:
    families: tuple[Family, ...]
    by_name: dict[str, str]  # folded exact name -> family id
    by_key: dict[str, str]  # core key -> family id
    names: tuple[str, ...]  # every folded name, longest first, for prefix matching
    # Each agency name is joined once per spelling of its region, however many bulletins name it.
    _joins: dict[tuple[str, tuple[str, ...], bool], Join | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def family(self, family_id: str) -> Family:
        return next(f for f in self.families if f.id == family_id)

    def match(self, agency: str, region: str = "") -> Family | None:
        """The family of an agency name as written in a bulletin, or None if unknown."""
        found = self.join(agency, places(region))
        return found.family if found else None

    def join(self, agency: str, places: tuple[str, ...] = (), nested: bool = True) -> Join | None:
        """How an agency name joins a family: exact (listed), alias (listed once the regions,
        中共 and brackets are off, or its parent agency is: 国家税务总局|福建省税务局), key
        (the core key of a listed name), or None. `places`: the bulletin's region as agency
        names spell it (厦门市, 厦门)."""
        key = (agency, places, nested)
        if key not in self._joins:
            self._joins[key] = self._join(agency, places, nested)
        return self._joins[key]

    def _join(self, agency: str, places: tuple[str, ...], nested: bool) -> Join | None:
        name = fold(agency).replace(" ", "").replace("\u3000", "")
        if name in self.by_name:
            return Join(self.family(self.by_name[name]), "exact")
        forms = spellings(name, places)
        for form in forms[1:]:
            if form in self.by_name:
                return Join(self.family(self.by_name[form]), "alias")
        for form in forms:
            if core_key(form, places) in self.by_key:
                return Join(self.family(self.by_key[core_key(form, places)]), "key")
        for start in range(2, 5):  # an unlisted place: 福州海关, 拱北海关, 上海铁路监督管理局
            if forms[-1][start:] in self.by_name and len(forms[-1]) - start >= 2:
                return Join(self.family(self.by_name[forms[-1][start:]]), "alias")
        for end in range(len(name) - 1, 1, -1) if nested else ():  # the longest parent agency
            if name[end - 1] in KINDS:  # 国家税务总局|福建省税务局
                parent = self.join(name[:end], places, nested=False)
                if parent:
                    return Join(parent.family, "alias")
        return None

    def prefix(self, text: str) -> str | None:
        """The longest registry name that `text` starts with, as written in `text`."""
        folded = fold(text[: len(self.names[0])])
        for length in self._lengths:
            if folded[:length] in self.by_name:
                return text[:length]
        return None

    @cached_property
    def _lengths(self) -> tuple[int, ...]:
        """The lengths of the names, longest first: a prefix of each is one lookup."""
        return tuple(sorted({len(name) for name in self.names}, reverse=True))

    def unknown_family(self, agency: str, places: tuple[str, ...] = ()) -> Family:
        """A family of its own for an agency the registry lacks, after the body of its name:
        省体育局 -> 体育部门 (tiyu); a body of one character is too short to name it."""
        plain = spellings(fold(agency), places)[-1]
        body = core_key(plain)
        if len(body) < 2:
            body = _strip_levels(plain)
        name = body + "部门" if fold(agency).endswith(_ADMINISTRATIVE) else _strip_levels(plain)
        return Family(id=pinyin_slug(body) or "agency", name=name, name_en="", names={}, known=False)


def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    data = load_yaml(path, SCHEMA_PATH)
    return build_registry(
        tuple(
            Family(
                id=entry["id"],
                name=entry["name"],
                name_en=entry["name_en"],
                names={level: tuple(entry["names"][level]) for level in LEVELS if level in entry["names"]},
            )
            for entry in data["families"]
        ),
        str(path),
        partial(line_of, path),
    )


def build_registry(
    families: tuple[Family, ...], shown: str = "registry", line: Callable[[list], int] = lambda keys: 1
) -> Registry:
    """`line` gives the line of a value in the registry file (data_files.line_of) for errors."""
    by_name: dict[str, str] = {}
    by_key: dict[str, str] = {}
    seen_ids: set[str] = set()
    for n, family in enumerate(families):
        if family.id in seen_ids:
            raise DataError(shown, line(["families", n, "id"]), f"family id {family.id!r} is used twice")
        seen_ids.add(family.id)
        for level, names in family.names.items():
            for k, name in enumerate(names):
                core = core_key(name)
                for table, key, what in ((by_name, fold(name), ""), (by_key, core, f" (key {core})")):
                    owner = table.setdefault(key, family.id)
                    if owner != family.id:
                        message = f"name {name}{what} of {family.id!r} already belongs to {owner!r}"
                        raise DataError(shown, line(["families", n, "names", level, k]), message)
    names = tuple(sorted(by_name, key=lambda n: (-len(n), n)))
    return Registry(families=families, by_name=by_name, by_key=by_key, names=names)
