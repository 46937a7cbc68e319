"""Regions: the place a bulletin's title names, its level of government, and its URL slug.

The data (generator/data/regions.yml, schema regions.schema.json beside it) lists the national
names and the province-level regions with their slugs; slugs are public URLs.
"""

from __future__ import annotations

from functools import cache

from generator.data_files import DATA, load_yaml
from generator.slugs import pinyin_slug

REGIONS_PATH = DATA / "regions.yml"
# Suffixes that say what kind of region a name is, not which: 莆田市 -> 莆田, 广西壮族自治区 -> 广西.
_KIND_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")
_COUNTY_SUFFIXES = ("县", "区", "旗")


@cache
def _regions() -> dict:
    return load_yaml(REGIONS_PATH, DATA / "regions.schema.json")


def region_level(region: str) -> tuple[str, str]:
    """The canonical region name (莆田市 -> 莆田) and its level of government."""
    regions = _regions()
    if region in ("", *regions["national"]):
        return "全国", "national"
    for suffix in _KIND_SUFFIXES:
        if region.endswith(suffix) and len(region) - len(suffix) >= 2:
            region = region[: -len(suffix)]
            break
    if region in regions["provinces"]:
        return region, "province"
    if region.endswith(_COUNTY_SUFFIXES):
        return region, "county"
    return region, "city"


def region_slug(region: str, level: str) -> str:
    if level == "national":
        return "national"
    return _regions()["provinces"].get(region) or pinyin_slug(region)
