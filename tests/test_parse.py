from dataclasses import replace
from pathlib import Path

import pytest

from generator.errors import InputError, Warnings
from generator.parse import campaigns, parse_bulletin, split_activities
from generator.readers import read_document
from generator.registry import load_registry
from generator.text import chinese_number
from tests.helpers import MESSY, SEEDS, doc, seed_bulletins

REGISTRY = load_registry()

PUTIAN_2023 = [
    "市市场监管局", "市委宣传部", "市中级人民法院", "市检察院", "市工业和信息化局", "科技局", "市公安局",
    "市民政局", "市自然资源局", "市生态环境局", "市住建局", "市交通运输局", "市水利局", "市农业农村局",
    "市商务局", "市文化和旅游局", "市卫健委", "人行莆田市分行", "市国资委", "莆田海关", "市总工会", "市供销社",
]  # fmt: skip
NATIONAL_2024 = [
    "市场监管总局", "中央宣传部", "最高人民法院", "最高人民检察院", "工业和信息化部", "公安部", "民政部",
    "自然资源部", "生态环境部", "住房城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部",
    "文化和旅游部", "国家卫生健康委", "应急管理部", "中国人民银行", "国务院国资委", "海关总署",
    "国家知识产权局", "国家国际发展合作署", "供销合作总社", "全国总工会", "全国工商联",
]  # fmt: skip


def test_titles_give_year_region_level_and_label():
    putian, national = seed_bulletins()["2023-putian"], seed_bulletins()["2024-national"]
    assert (putian.year, putian.region, putian.level, putian.campaign) == (2023, "莆田", "city", "质量月")
    assert (national.year, national.region, national.level) == (2024, "全国", "national")
    assert putian.label == national.label == "附件 1"
    assert national.title == "2024 年全国“质量月”联合主办单位 开展的主要活动"


@pytest.mark.parametrize(("bulletin", "agencies"), [("2023-putian", PUTIAN_2023), ("2024-national", NATIONAL_2024)])
def test_golden_agency_names_for_all_47_items(bulletin, agencies):
    items = seed_bulletins()[bulletin].items
    assert [item.agency for item in items] == agencies
    assert [item.order for item in items] == list(range(1, len(agencies) + 1))


@pytest.mark.parametrize(
    ("bulletin", "order", "whole"),
    [
        ("2023-putian", 3, "促进食品药品安全领域行政处罚"),
        ("2023-putian", 10, "联合市市场监管局、技术专家对全市注册的环境监测社会机构"),
        ("2023-putian", 16, "利用互联网推广、手机公众号等进行的违法违规行爲摸排检查"),
        ("2024-national", 19, "中央企业全面质量管理知识竞赛和第七届中央企业 QC 小组成果发表赛。"),
    ],
)
def test_the_four_page_break_splits_are_repaired(bulletin, order, whole):
    item = seed_bulletins()[bulletin].items[order - 1]
    assert whole in item.text
    assert "\n" not in item.text
    assert any(whole[:6] in a.text and whole[-6:] in a.text for a in item.activities)


def test_bold_markers_are_formatting_not_text():
    putian = seed_bulletins()["2023-putian"]
    assert all("*" not in item.agency + item.text for item in putian.items)
    last = putian.items[-1]  # wholly bold: the agency still comes from the registry
    assert (last.agency, last.text) == ("市供销社", "组织开展农资质量宣传和技术服务活动，加强供销系统农产品质量管控。")


def test_text_is_kept_verbatim_after_the_agency():
    item = seed_bulletins()["2024-national"].items[3]
    assert item.text.startswith("结合“检护民生”专项工作,依法惩治假冒伪劣商品犯罪,")  # half-width commas kept


def test_activities_are_the_sentences_of_an_item():
    first = seed_bulletins()["2024-national"].items[0]
    assert len(first.activities) == 13
    assert first.activities[0].text == "举办第五届中国质量奖颁奖仪式暨国家质量强国专家论坛。"
    assert [a.number for a in first.activities[:2]] == [1, 2]
    assert "".join(a.text for a in first.activities) == first.text
    agriculture = seed_bulletins()["2023-putian"].items[13]  # split on ； too
    assert agriculture.activities[0].text == "组织开展农业农村标准宣贯；"


def test_split_activities_keeps_unfinished_tail():
    assert [a.text for a in split_activities("甲。乙；丙")] == ["甲。", "乙；", "丙"]


def test_campaigns_are_quoted_names():
    national = seed_bulletins()["2024-national"]
    assert "电梯安全宣传周" in national.items[0].campaigns
    assert national.items[5].campaigns == ("昆仑 2024",)
    assert seed_bulletins()["2023-putian"].items[6].campaigns == ("昆仑 2023",)
    assert campaigns('开展"双随机"与“双随机”和“质量月”') == ("双随机",)


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十五", 25), ("九十九", 99)])
def test_chinese_numbers(numeral, value):
    assert chinese_number(numeral) == value


def test_chinese_numbers_past_ninety_nine():
    assert [chinese_number(n) for n in ("一百", "一百零三", "一百一十", "二百二十二")] == [100, 103, 110, 222]


def test_unknown_agency_is_cut_before_its_first_verb():
    bulletin = parse_bulletin(
        doc("2025 年福建省“质量月”活动\n\n一、省体育局组织开展全民健身活动。"), REGISTRY, Warnings()
    )
    assert (bulletin.id, bulletin.items[0].agency) == ("2025-fujian", "省体育局")


def test_numbering_that_skips_or_repeats_is_a_warning():
    warnings = Warnings()
    text = "2025 年全国“质量月”\n\n一、公安部开展甲。\n\n三、民政部开展乙。\n\n三、水利部开展丙。"
    parse_bulletin(doc(text), REGISTRY, warnings)
    assert [str(w) for w in warnings.items] == [
        "x.txt:5: warning: numbering skips: item 三、 where 2 was expected",
        "x.txt:7: warning: numbering repeats: item 三、 where 4 was expected",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("附件 1\n\n一、公安部开展甲。", "x.txt:1: error: no title with a year and 质量月"),
        ("2024 年全国“质量月”\n\n说明文字。", "x.txt:1: error: no numbered items"),
    ],
)
def test_refusals_name_file_and_line(text, message):
    with pytest.raises(InputError) as error:
        parse_bulletin(doc(text), REGISTRY, Warnings())
    assert str(error.value).startswith(message)


def test_seed_file_names_carry_no_meaning(tmp_path: Path):
    renamed = tmp_path / "anything.txt"
    renamed.write_bytes((SEEDS / "004_390caa016548901d.txt").read_bytes())
    bulletin = parse_bulletin(read_document(renamed, "anything.txt", Warnings()), REGISTRY, Warnings())
    assert bulletin.id == "2024-national"


def test_a_messy_conversion_reads_faithfully():
    from generator.clean import remove_artefacts

    warnings = Warnings()
    bulletin = parse_bulletin(remove_artefacts(doc(MESSY))[0], REGISTRY, warnings)
    assert (bulletin.title, bulletin.label, bulletin.id) == (
        "2025 年福建省“质量月”联合主办单位开展的主要活动",
        "附件1：",
        "2025-fujian",
    )
    assert [(i.numeral, i.agency, i.partners) for i in bulletin.items] == [
        ("一", "省市场监管局", ("省教育厅",)),
        ("二", "省公安厅", ("省市场监管局",)),
        ("三", "省民政厅", ()),
        ("四", "省市场监管局", ()),
    ]
    first, second, third, _ = bulletin.items
    assert first.text == "、省教育厅联合开展“电梯安全宣传周”活动。"  # split inside a quoted name
    assert first.campaigns == ("电梯安全宣传周",)
    assert [a.text for a in second.activities] == [
        "会同省市场监管局开展打击侵权假冒行动：", "（一）开展“昆仑 2025”专项行动；", "（二）公布典型案例。"
    ]  # fmt: skip
    assert third.text == "组织开展养老服务质量提升、标准宣贯活动。"  # split after 、
    assert warnings.items == []


def test_a_title_split_over_two_paragraphs():
    bulletin = parse_bulletin(
        doc("2025 年全国“质量月”联合主办单位\n\n开展的主要活动\n\n一、公安部开展甲。"), REGISTRY, Warnings()
    )
    assert bulletin.title == "2025 年全国“质量月”联合主办单位开展的主要活动"
    split_before = parse_bulletin(doc("2025 年全国\n\n“质量月”活动\n\n一、公安部开展甲。"), REGISTRY, Warnings())
    assert (split_before.title, split_before.year) == ("2025 年全国“质量月”活动", 2025)


def test_no_label_and_a_preamble_paragraph_kept_with_a_warning():
    warnings = Warnings()
    text = "2025 年全国“质量月”活动\n\n各单位要认真组织实施。\n\n一、公安部开展甲。"
    bulletin = parse_bulletin(doc(text), REGISTRY, warnings)
    assert (bulletin.label, bulletin.preamble) == ("", ("各单位要认真组织实施。",))
    assert [str(w) for w in warnings.items] == [
        "x.txt:3: warning: text before the first item is kept as preamble: 各单位要认真组织实施。"
    ]


@pytest.mark.parametrize("separator", ["、", "．", ".", "，", ",", " 、"])
def test_numbering_separators_full_and_half_width(separator):
    bulletin = parse_bulletin(doc(f"2025 年全国“质量月”\n\n一{separator}公安部开展甲。"), REGISTRY, Warnings())
    assert (bulletin.items[0].agency, bulletin.items[0].text) == ("公安部", "开展甲。")


def test_partners_from_the_seeds():
    partners = {i.agency: i.partners for b in seed_bulletins().values() for i in b.items if i.partners}
    assert partners == {
        "市自然资源局": ("市市场监管局",),
        "市生态环境局": ("市市场监管局",),
        "市总工会": ("国网莆田供电公司",),
        "生态环境部": ("市场监管总局",),
    }


def test_metadata_overrides_what_the_title_says():
    meta = {"year": 2026, "region": "福建省", "level": "province", "source_url": "https://example.gov.cn/a"}
    base = doc("2025 年全国“质量月”\n\n一、公安部开展甲。")
    bulletin = parse_bulletin(replace(base, meta=meta), REGISTRY, Warnings())
    assert (bulletin.id, bulletin.year, bulletin.region, bulletin.level) == ("2026-fujian", 2026, "福建", "province")


def test_a_bulletin_numbered_in_digits_has_its_items_found():
    text = (
        "2025 年长兴县“质量月”联合主办单位开展的主要活动\n\n1. 县市场监管局开展甲。\n\n"
        "2、县公安局开展乙，增长 3.5 倍。\n\n10．县教育局开展丙。"
    )
    bulletin = parse_bulletin(doc(text), REGISTRY, Warnings())
    assert [(i.numeral, i.order, i.agency) for i in bulletin.items] == [
        ("1", 1, "县市场监管局"),
        ("2", 2, "县公安局"),
        ("10", 10, "县教育局"),
    ]
    assert bulletin.items[1].text == "开展乙，增长 3.5 倍。"


def test_digits_inside_a_bulletin_numbered_一_are_sub_items():
    text = "2025 年全国“质量月”\n\n一、公安部开展：\n\n1. 昆仑行动；\n\n2. 公布案例。\n\n二、民政部开展甲。"
    bulletin = parse_bulletin(doc(text), REGISTRY, Warnings())
    assert [i.agency for i in bulletin.items] == ["公安部", "民政部"]
    assert [a.text for a in bulletin.items[0].activities] == ["开展：", "1. 昆仑行动；", "2. 公布案例。"]
