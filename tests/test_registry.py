import json
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.errors import DataError, Warnings
from generator.match import build_archive
from generator.model import Family
from generator.registry import REGISTRY_PATH, SCHEMA_PATH, build_registry, core_key, load_registry
from tests.helpers import doc, seed_bulletins

REGISTRY = load_registry()


def test_registry_file_matches_its_schema():
    data = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_schema_rejects_a_bad_id_with_its_line(tmp_path: Path):
    bad = tmp_path / "agencies.yml"
    bad.write_text("families:\n  - {id: Bad_Id, name: 甲, name_en: A, names: {city: [市甲局]}}\n", encoding="utf-8")
    with pytest.raises(DataError, match=f"^{bad}:2: error: families/0/id: 'Bad_Id' does not match"):
        load_registry(bad)


def test_a_name_two_families_share_is_refused_at_its_line(tmp_path: Path):
    bad = tmp_path / "agencies.yml"
    family = "  - id: {}\n    name: 甲\n    name_en: A\n    names:\n      city:\n        - 市甲局\n        - {}\n"
    bad.write_text("families:\n" + family.format("a", "市乙局") + family.format("b", "市丙局"), encoding="utf-8")
    with pytest.raises(DataError, match=f"^{bad}:14: error: name 市甲局 of 'b' already belongs to 'a'$"):
        load_registry(bad)


def test_no_name_or_key_belongs_to_two_families():
    families = (
        Family("a", "甲", "A", {"city": ("市公安局",)}),
        Family("b", "乙", "B", {"national": ("公安部",)}),  # same key 公安 as 市公安局
    )
    with pytest.raises(DataError, match="already belongs to 'a'"):
        build_registry(families)


def families_of_seeds() -> dict[str, list[str]]:
    archive = build_archive(list(seed_bulletins().values()), REGISTRY, Warnings())
    result = defaultdict(list)
    for entry in archive.entries:
        result[entry.family.id].append(entry.item.agency)
    return dict(result)


def test_the_seeds_make_26_families_21_pairs_and_5_singles():
    families = families_of_seeds()
    assert len(families) == 26
    pairs = {fid: names for fid, names in families.items() if len(names) == 2}
    singles = {names[0] for names in families.values() if len(names) == 1}
    assert len(pairs) == 21
    assert singles == {"科技局", "应急管理部", "国家知识产权局", "国家国际发展合作署", "全国工商联"}


@pytest.mark.parametrize(
    "pair",
    [
        ("市场监管总局", "市市场监管局"),
        ("中国人民银行", "人行莆田市分行"),
        ("海关总署", "莆田海关"),
        ("住房城乡建设部", "市住建局"),
        ("国家卫生健康委", "市卫健委"),
        ("供销合作总社", "市供销社"),
        ("最高人民检察院", "市检察院"),
        ("中央宣传部", "市委宣传部"),
    ],
)
def test_families_join_an_agency_across_years_and_levels(pair):
    assert pair in {tuple(names) for names in families_of_seeds().values()}


@pytest.mark.parametrize(
    ("name", "region", "family"),
    [("省市场监管局", "福建", "market-regulation"), ("县公安局", "仙游县", "public-security"),
     ("区市场监督管理局", "城厢区", "market-regulation"), ("福建省公安厅", "福建", "public-security"),
     ("厦门海关", "厦门", "customs"), ("ＸＸ", "", None)],
)  # fmt: skip
def test_level_words_are_normalised_without_a_registry_edit(name, region, family):
    match = REGISTRY.match(name, region)
    assert (match.id if match else None) == family


def test_core_key_ignores_level_region_and_kind():
    assert core_key("市市场监管局") == core_key("市场监管总局")
    assert core_key("莆田海关", ("莆田",)) == core_key("海关总署")
    assert core_key("文化和旅游部") == core_key("市文化旅游局")


def test_an_unknown_agency_gets_a_pinyin_family_and_a_warning():
    from generator.parse import parse_bulletin

    warnings = Warnings()
    bulletin = parse_bulletin(doc("2025 年全国“质量月”\n\n\n一、国家数据局组织开展赛事。"), REGISTRY, warnings)
    archive = build_archive([bulletin], REGISTRY, warnings)
    family = archive.entries[0].family
    assert (family.id, family.name, family.known) == ("shuju", "数据部门", False)
    assert [str(w) for w in warnings.items] == [
        "x.txt:4: warning: agency 国家数据局 is not in the registry: no family lists it, and none has its key "
        "数据; it gets a family of its own, shuju (数据部门): add 国家数据局 to a family's national names in "
        "generator/data/agencies.yml, or add a family"
    ]


@pytest.mark.parametrize(
    ("name", "region", "family", "how"),
    [
        ("市市场监管局", "莆田", "market-regulation", "exact"),
        ("中共浙江省委宣传部", "浙江", "publicity", "alias"),  # 中共 and the region off: 省委宣传部
        ("广西壮族自治区市场监督管理局", "广西", "market-regulation", "alias"),
        ("省烟草专卖局（公司）", "浙江", "tobacco", "alias"),  # a second sign in brackets
        ("福州海关", "福建", "customs", "alias"),  # a place the title does not name
        ("国家税务总局福建省税务局", "福建", "taxation", "alias"),  # nested under its parent
        ("厦门市市场监督管理局思明分局", "厦门市思明区", "market-regulation", "alias"),
        ("延边州市场监督管理局", "延边朝鲜族自治州", "market-regulation", "key"),
        ("自治区党委网信办", "新疆", "cyberspace", "exact"),
        ("省数据管理局", "福建", None, None),
    ],
)
def test_how_a_name_joins_its_family(name, region, family, how):
    from generator.regions import places

    found = REGISTRY.join(name, places(region))
    assert ((found.family.id, found.how) if found else (None, None)) == (family, how)


@pytest.mark.parametrize(
    ("name", "region", "family"),
    [
        ("省数据管理局", "福建", ("shujuguanli", "数据管理部门")),
        ("市港航管理中心", "宁波", ("ganghangguanlizhongxin", "港航管理中心")),
        ("国网莆田供电公司", "莆田", ("guowangputiangongdiangongsi", "国网莆田供电公司")),
    ],
)
def test_an_unknown_family_is_named_after_the_body_of_the_name(name, region, family):
    from generator.regions import places

    unknown = REGISTRY.unknown_family(name, places(region))
    assert (unknown.id, unknown.name) == family
