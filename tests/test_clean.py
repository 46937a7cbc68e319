from generator.clean import remove_artefacts
from tests.helpers import MESSY, doc


def test_page_numbers_and_running_headers_are_removed_and_reported():
    cleaned, removed = remove_artefacts(doc(MESSY))
    assert [(r.number, r.text, r.reason) for r in removed] == [
        (1, "国家市场监督管理总局文件", "running header"),
        (9, "— 1 —", "page number"),
        (11, "国家市场监督管理总局文件", "running header"),
        (23, "第 2 页", "page number"),
        (29, "- 3 -", "page number"),
    ]
    assert len(cleaned.lines) == len(doc(MESSY).lines) - 5


def test_a_repeated_title_keeps_its_first_occurrence():
    text = "附件 1\n\n2025 年全国“质量月”活动\n\n一、公安部开展甲\n\n附件 1\n\n2025 年全国“质量月”活动\n\n乙。"
    cleaned, removed = remove_artefacts(doc(text))
    assert [r.number for r in removed] == [7, 9]
    assert cleaned.lines[0].text == "附件 1"


def test_ordinary_text_is_never_removed():
    text = "2025 年全国“质量月”\n\n一、公安部开展甲。\n\n二、民政部开展甲。\n\n三、水利部开展 2025 年活动。"
    assert remove_artefacts(doc(text))[1] == []


def test_a_title_like_running_header_beside_the_real_title_is_removed_everywhere():
    text = (
        "2024年全国“质量月”活动\n附件 1\n2024 年全国“质量月”联合主办单位开展的主要活动\n一、公安部开展甲，\n"
        "2024年全国“质量月”活动\n乙。\n二、民政部开展丙。\n2024年全国“质量月”活动\n三、水利部开展丁。"
    )
    cleaned, removed = remove_artefacts(doc(text))
    assert [(r.number, r.reason) for r in removed] == [
        (1, "running header"),
        (5, "running header"),
        (8, "running header"),
    ]
    assert cleaned.lines[1].text == "2024 年全国“质量月”联合主办单位开展的主要活动"


def test_a_title_repeated_on_every_page_keeps_its_first_occurrence():
    text = "2024 年全国“质量月”活动安排\n一、公安部开展甲。\n2024 年全国“质量月”活动安排\n二、民政部开展丙。"
    cleaned, removed = remove_artefacts(doc(text))
    assert [r.number for r in removed] == [3]
    assert cleaned.lines[0].text == "2024 年全国“质量月”活动安排"
