from generator.clean import remove_artefacts
from tests.test_parse import doc

MESSY = """国家市场监督管理总局文件
附件1：

2025 年福建省“质量月”联合主办单位
开展的主要活动

一．省市场监管局、省教育厅联合开展“电梯安全

— 1 —

国家市场监督管理总局文件

宣传周”活动。

二，省公安厅会同省市场监管局开展打击侵权假冒行动：

（一）开展“昆仑 2025”专项行动；

（二）公布典型案例。

三、省民政厅组织开展养老服务质量提升、

第 2 页

标准宣贯活动。

四、省市场监管局开展质量帮扶活动。

- 3 -
"""


def test_page_numbers_and_running_headers_are_removed_and_reported():
    cleaned, removed = remove_artefacts(doc(MESSY))
    assert [(r.line, r.text, r.reason) for r in removed] == [
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
    assert [r.line for r in removed] == [7, 9]
    assert cleaned.lines[0].text == "附件 1"


def test_ordinary_text_is_never_removed():
    text = "2025 年全国“质量月”\n\n一、公安部开展甲。\n\n二、民政部开展甲。\n\n三、水利部开展 2025 年活动。"
    assert remove_artefacts(doc(text))[1] == []
