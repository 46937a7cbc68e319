from pathlib import Path

import pytest

from generator.data_files import DATA, load_yaml
from generator.errors import DataError
from generator.regions import REGIONS_PATH, region_level, region_slug

SCHEMA = DATA / "regions.schema.json"


def test_the_regions_file_matches_its_schema():
    load_yaml(REGIONS_PATH, SCHEMA)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("national: [全国]\nprovinces: {福建: Fujian}\n", "provinces/福建"),
        ("national: []\nprovinces: {福建: fujian}\n", "national"),
    ],
)
def test_a_bad_regions_file_is_refused_with_the_place(tmp_path: Path, text: str, where: str):
    bad = tmp_path / "regions.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=f"regions.yml: {where}: "):
        load_yaml(bad, SCHEMA)


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("全国", ("全国", "national", "national")),
        ("陕西省", ("陕西", "province", "shaanxi")),
        ("莆田", ("莆田", "city", "putian")),
    ],
)
def test_a_region_gives_its_level_and_slug(region: str, expected: tuple[str, str, str]):
    name, level = region_level(region)
    assert (name, level, region_slug(name, level)) == expected
