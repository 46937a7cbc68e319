"""The agency registry: joins agency names to families across years and levels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.data_files import DATA, load_yaml
from generator.errors import DataError
from generator.model import LEVELS, Family
from generator.slugs import pinyin_slug
from generator.text import fold

REGISTRY_PATH = DATA / "agencies.yml"
SCHEMA_PATH = DATA / "agencies.schema.json"

# Words that say which level of government an agency sits at, not what it does.
# Stripped repeatedly from the front, longest first, so 市市场监管局 and
# 市场监管总局 both come down to the same key.
_LEVEL_PREFIXES = sorted(
    ["中华人民共和国", "中华全国", "国务院", "中央", "全国", "国家", "中国", "最高", "高级", "中级",
     "省委", "市委", "县委", "区委", "自治区", "自治州", "省", "市", "县", "区", "州", "旗"],
    key=len, reverse=True,
)  # fmt: skip
# The kind of organisation, which changes with the level (局 in a city, 部 nationally).
_SUFFIXES = sorted(
    ["委员会", "总局", "总署", "总社", "总会", "分局", "分行", "支行", "局", "部", "厅", "委", "署",
     "院", "社", "会", "办", "行"],
    key=len, reverse=True,
)  # fmt: skip


def core_key(name: str, region: str = "") -> str:
    """What an agency does, without level, region or organisation kind: 市市场监管局 -> 场监管."""
    key = fold(name).replace(" ", "").replace("\u3000", "")
    if region and region not in ("全国",):
        key = key.replace(region, "")
    key = key.replace("和", "")  # 住房和城乡建设部 = 住房城乡建设部
    stripped = True
    while stripped:
        stripped = False
        for prefix in _LEVEL_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key, stripped = key[len(prefix) :], True
                break
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@dataclass(frozen=True)
class Registry:
    families: tuple[Family, ...]
    by_name: dict[str, str]  # folded exact name -> family id
    by_key: dict[str, str]  # core key -> family id
    names: tuple[str, ...]  # every folded name, longest first, for prefix matching

    def family(self, family_id: str) -> Family:
        return next(f for f in self.families if f.id == family_id)

    def match(self, agency: str, region: str = "") -> Family | None:
        """The family of an agency name as written in a bulletin, or None if unknown."""
        family_id = self.by_name.get(fold(agency)) or self.by_key.get(core_key(agency, region))
        return self.family(family_id) if family_id else None

    def prefix(self, text: str) -> str | None:
        """The longest registry name that `text` starts with, as written in `text`."""
        folded = fold(text[: len(self.names[0])])
        for name in self.names:
            if folded.startswith(name):
                return text[: len(name)]
        return None

    def unknown_family(self, agency: str, region: str) -> Family:
        """A family of its own for an agency the registry lacks; its id is pinyin."""
        key = core_key(agency, region)
        family_id = pinyin_slug(key) or pinyin_slug(agency) or "agency"
        return Family(id=family_id, name=agency, name_en="", names={}, known=False)


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
    )


def build_registry(families: tuple[Family, ...], shown: str = "registry") -> Registry:
    by_name: dict[str, str] = {}
    by_key: dict[str, str] = {}
    seen_ids: set[str] = set()
    for family in families:
        if family.id in seen_ids:
            raise DataError(f"{shown}: family id {family.id!r} is used twice")
        seen_ids.add(family.id)
        for names in family.names.values():
            for name in names:
                _claim(by_name, fold(name), family.id, f"name {name}", shown)
                _claim(by_key, core_key(name), family.id, f"name {name} (key {core_key(name)})", shown)
    names = tuple(sorted(by_name, key=lambda n: (-len(n), n)))
    return Registry(families=families, by_name=by_name, by_key=by_key, names=names)


def _claim(table: dict[str, str], key: str, family_id: str, what: str, shown: str) -> None:
    owner = table.setdefault(key, family_id)
    if owner != family_id:
        raise DataError(f"{shown}: {what} of {family_id!r} already belongs to {owner!r}")
