"""Agency names as offices write them: the corpus in tests/data/agency_names.tsv, each row an
item's start in a bulletin of some region, with the name expected and the family it joins."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from generator.errors import Warnings
from generator.names import find_agency
from generator.parse import parse_bulletin
from generator.registry import load_registry
from tests.helpers import doc

CORPUS = Path(__file__).parent / "data" / "agency_names.tsv"
REGISTRY = load_registry()
ROWS = list(csv.DictReader(CORPUS.open(encoding="utf-8"), delimiter="\t"))


def _extracted(row: dict) -> tuple[str, str | None]:
    """The name and family the pipeline gives the row's item, in a bulletin of the row's region."""
    bulletin = parse_bulletin(doc(f"2025 年{row['region']}“质量月”活动\n\n一、{row['item']}。"), REGISTRY, Warnings())
    assert bulletin.level == row["level"], row
    agency = bulletin.items[0].agency
    family = REGISTRY.match(agency, bulletin.region)
    return agency, family.id if family else None


def test_the_corpus_covers_every_level_and_many_regions():
    levels = Counter(row["level"] for row in ROWS)
    provinces = {row["region"] for row in ROWS if row["level"] == "province"}
    assert len(ROWS) >= 300 and min(levels.values()) >= 50 and set(levels) == {"national", "province", "city", "county"}
    assert len(provinces) >= 15


def test_names_exact_and_families_joined_on_the_corpus(capsys):
    results = [(row, *_extracted(row)) for row in ROWS]
    names = [f"{row['item']} -> {name} (expected {row['name']})" for row, name, _ in results if name != row["name"]]
    families = [f"{name} -> {got} (expected {row['family']})" for row, name, got in results if got != row["family"]]
    with capsys.disabled():
        print(
            f"\nagency names: {len(ROWS) - len(names)}/{len(ROWS)} exact ({1 - len(names) / len(ROWS):.1%}), "
            f"{len(ROWS) - len(families)}/{len(ROWS)} families joined ({1 - len(families) / len(ROWS):.1%})"
        )
    assert names == [] and families == []


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("浙江省委宣传部组织全省主要媒体开展质量主题宣传", "浙江省委宣传部"),  # not cut at the verb 宣传
        ("市委宣传部组织部署全市质量宣传", "市委宣传部"),  # 组织部署: 部署 is a verb, 组织部 no name
        ("国家发展和改革委员会开展社会信用体系建设宣传", "国家发展和改革委员会"),  # 开展社会: no 社 kind
        ("国家税务总局福建省税务局开展纳税服务", "国家税务总局福建省税务局"),  # nested
        ("中国人民银行浙江省分行开展金融标准宣传", "中国人民银行浙江省分行"),
        ("省烟草专卖局（公司）组织开展卷烟质量宣传", "省烟草专卖局（公司）"),
        ("市总工会联合国网莆田供电公司举办竞赛", "市总工会"),
        ("省公安厅严厉打击侵权假冒犯罪", "省公安厅"),  # a verb the list lacks: no kind follows
        ("会同县市场监管局会同县教育局开展活动", "会同县市场监管局"),  # a place that is a verb
        ("市应急管理局宣传安全生产法律法规", "市应急管理局"),
        ("共青团中央组织开展青年质量安全示范岗创建活动", "共青团中央"),  # no kind: the registry
    ],
)
def test_a_name_ends_at_a_kind_followed_by_what_the_agency_does(body, name):
    assert find_agency(body, REGISTRY).name == name


def test_a_name_the_grammar_cannot_find_is_cut_before_a_verb_with_a_warning():
    warnings = Warnings()
    text = "2025 年福建省“质量月”活动\n\n一、省质量强省工作领导小组开展活动。"
    bulletin = parse_bulletin(doc(text), REGISTRY, warnings)
    assert bulletin.items[0].agency == "省质量强省工作领导小组"
    assert [w.message for w in warnings.items] == [
        "item 一、: no agency name by its grammar (a kind such as 局/厅/委/办/中心 followed by what it does) nor in "
        "the registry; took 省质量强省工作领导小组 (cut before a verb or punctuation): if the name is longer, add it "
        "to generator/data/agencies.yml or mark it bold (**…**) in the seed"
    ]


SYNTHETIC = Path(__file__).parent / "data" / "bulletins"
# Each synthetic bulletin's agencies, families and partners, in order (tests/data/bulletins/).
EXPECTED = {
    "2025-zhejiang": [
        ("省市场监管局", "market-regulation", ["省教育厅"]), ("浙江省委宣传部", "publicity", []),
        ("省委网信办", "cyberspace", []), ("省发展改革委", "development-reform", []),
        ("浙江省经济和信息化厅", "industry-it", []), ("省公安厅", "public-security", ["省市场监管局"]),
        ("省高级人民法院", "courts", []), ("省人民检察院", "procuratorates", []),
        ("国家税务总局浙江省税务局", "taxation", []),  # split over two paragraphs by a page break
        ("国家金融监督管理总局浙江监管局", "financial-regulation", []), ("中国人民银行浙江省分行", "central-bank", []),
        ("杭州海关", "customs", []), ("省烟草专卖局（公司）", "tobacco", []), ("团省委", "youth-league", []),
        ("省妇联", "women-federation", []), ("省科协", "science-association", []),
        ("省总工会", "trade-unions", ["省人力资源社会保障厅"]), ("浙江省消防救援总队", "fire-rescue", []),
        ("省文化和旅游厅", "culture-tourism", []), ("省质量协会", "quality-association", []),
    ],
    "2025-xiamen": [
        ("厦门市市场监督管理局", "market-regulation", []), ("中共厦门市委宣传部", "publicity", []),
        ("市委网信办", "cyberspace", []), ("市发改委", "development-reform", []), ("市工信局", "industry-it", []),
        ("市教育局", "education", ["市市场监管局"]), ("市人社局", "human-resources", []),
        ("市住房和城乡建设局", "housing-construction", []), ("市卫健委", "health", []), ("厦门海关", "customs", []),
        ("国家税务总局厦门市税务局", "taxation", []), ("中国人民银行厦门市分行", "central-bank", []),
        ("厦门金融监管局", "financial-regulation", []), ("市消防救援支队", "fire-rescue", []),
        ("团市委", "youth-league", ["市妇联"]), ("市科协", "science-association", []),
        ("市城市管理局", "urban-management", []), ("市医保局", "healthcare-security", []),
    ],
    "2025-siming": [
        ("厦门市市场监督管理局思明分局", "market-regulation", ["区教育局"]), ("区委宣传部", "publicity", []),
        ("区委网信办", "cyberspace", []), ("区发改局", "development-reform", []), ("区人民法院", "courts", []),
        ("区人民检察院", "procuratorates", []), ("厦门市公安局思明分局", "public-security", []),
        ("区卫生健康局", "health", []), ("国家税务总局厦门市思明区税务局", "taxation", []),
        ("区总工会", "trade-unions", []), ("团区委", "youth-league", []), ("区妇联", "women-federation", []),
        ("区科协", "science-association", []), ("思明区消防救援大队", "fire-rescue", []),
    ],
}  # fmt: skip


def test_three_synthetic_bulletins_go_through_the_pipeline(tmp_path: Path):
    import json

    from generator.pipeline import generate, verify
    from generator.registry import REGISTRY_PATH
    from tests.helpers import SITE_NAME

    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    for path in SYNTHETIC.iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    summary = generate(seeds, docs, REGISTRY_PATH, True, SITE_NAME)  # strict: no unknown agency, no warning
    assert summary.startswith("3 bulletins, 52 agency pages")
    verify(seeds, docs)  # every character of every item reached its page
    pages = json.loads((docs / "api" / "pages.json").read_text(encoding="utf-8"))
    found: dict[str, list] = {}
    for page in pages:
        found.setdefault(page["bulletin"], []).append((page["agency"], page["agency_id"], page["partners"]))
        assert (docs / (page["url"].rstrip("/") + ".md")).is_file()
    assert found == EXPECTED
    listed = json.loads((docs / "api" / "bulletins.json").read_text(encoding="utf-8"))
    assert {b["id"]: (b["region"], b["level"]) for b in listed} == {
        "2025-zhejiang": ("浙江", "province"),
        "2025-xiamen": ("厦门", "city"),
        "2025-siming": ("厦门市思明区", "county"),
    }
