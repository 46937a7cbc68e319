from dataclasses import replace

from generator.cite import box, citation
from generator.render import bulletin_page
from tests.test_meta import GOOD
from tests.test_render import ARCHIVE, FILES

NATIONAL = ARCHIVE.bulletins[0]
TITLE = "2024 年全国“质量月”联合主办单位 开展的主要活动"


def test_the_citation_names_notice_number_and_dates():
    dated = replace(NATIONAL, meta=GOOD)
    assert citation(dated) == (
        "市场监管总局《关于开展2024年全国“质量月”活动的通知》（市监质发〔2024〕81号），"
        f"2024-08-26 成文，2024-08-30 发布。附件：{TITLE}。"
    )
    assert citation(replace(NATIONAL, meta={"doc_number": "国市监〔2024〕1号"})) == f"（国市监〔2024〕1号）。{TITLE}。"
    assert citation(NATIONAL) == f"{TITLE}。"


def test_the_bulletin_page_shows_the_box_with_a_copy_button_and_the_new_keys():
    assert "\n".join(box(NATIONAL)) in FILES["bulletins/2024-national/index.md"]
    page = bulletin_page(replace(NATIONAL, meta=GOOD), [])
    assert "发文字号：市监质发〔2024〕81号" in page and "成文日期：2024&#45;08&#45;26" in page
    assert '<p class="citation-text">市场监管总局《关于开展2024年全国“质量月”活动的通知》（市监质发' in page


def test_citation_text_is_escaped():
    hostile = replace(NATIONAL, meta={"notice": '<script>"x"</script>'})
    assert "<script>" not in "\n".join(box(hostile))
