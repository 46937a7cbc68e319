import json

import pytest

from generator import browse
from generator.data_files import DATA, load_yaml
from generator.errors import DataError
from generator.model import Family
from generator.registry import load_registry
from tests.test_render import FILES


def test_fields_name_only_registry_families_each_once():
    known = {f.id for f in load_registry().families}
    listed = [fid for _, ids in browse.fields() for fid in ids]
    assert len(listed) == len(set(listed)), "a family in two fields"
    assert set(listed) <= known, set(listed) - known


def test_the_fields_file_is_checked_by_its_schema(tmp_path):
    bad = tmp_path / "fields.yml"
    bad.write_text("fields:\n  - id: Market\n    name: x\n    families: []\n", encoding="utf-8")
    with pytest.raises(DataError, match="fields/0/id"):
        load_yaml(bad, DATA / "fields.schema.json")


def test_a_family_no_field_lists_goes_under_other():
    stray = Family("new-family", "新部门", "", {})
    grouped = browse.by_field([*load_registry().families[:1], stray])
    assert grouped == {"市场与质量": [load_registry().families[0]], browse.OTHER_FIELD: [stray]}


def test_the_overview_groups_families_by_field_with_english_names():
    page = FILES["agencies/index.md"]
    assert (
        page.index("## 市场与质量") < page.index("[市场监管部门](market-regulation.md)") < page.index("## 法治与安全")
    )
    assert '<span class="name-en" lang="en">Market regulation</span>' in page
    assert "[2020 年代](../browse/decades/2020.md)" in page


def test_decade_tables_count_each_family_per_year():
    page = FILES["browse/decades/2020.md"]
    assert "| 部门系统 | 2024 | 2023 |" in page
    assert "| [科技部门](../../agencies/science-technology.md) | · | 1 |" in page


def test_bulletins_by_level_and_region():
    page = FILES["browse/regions/index.md"]
    assert page.index("## 国家级") < page.index("[全国](national.md)") < page.index("## 市级")
    assert "[莆田](putian.md)：1 份公告" in page
    assert (
        "[2023 年莆田“质量月”联合主办单位 开展的主要活动](../../bulletins/2023-putian/index.md)"
        in FILES["browse/regions/putian.md"]
    )
    rows = json.loads(FILES["downloads/regions/putian.json"])
    assert [r["id"] for r in rows] == ["2023-putian"]
