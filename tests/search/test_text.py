import pytest

from generator.search.text import normalise, table_for


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("２０２４", "2024"),  # full width
        ("QC 小组", "QC小组"),  # spaces
        ("ＱＣ小组", "qc小组"),  # full width and case
        ("强县（区、镇）", "强县(区、镇)"),  # full- and half-width punctuation
        ("双随机一公开", "“双随机、一公开”"),  # punctuation left out
        ("質量強國", "质量强国"),  # traditional
        ("崑崙 2024", "昆仑2024"),
        ("宣傳週", "宣传周"),
    ],
)
def test_what_a_reader_types_normalises_as_the_page_text_does(typed: str, stored: str):
    assert normalise(typed) == normalise(stored)


def test_normalising_keeps_one_character_for_one_so_matches_map_back():
    text = "开展“电梯安全宣传周”活动；ＱＣ小组。質量"
    assert all(len(normalise(char)) <= 1 for char in text)
    assert normalise(text) == "开展电梯安全宣传周活动qc小组质量"


def test_the_table_for_an_index_holds_the_characters_its_text_needs():
    table = table_for("质量月")
    assert table["質"] == "质"  # a query's traditional form of a character in the text
    assert "電" not in table  # 电 is not in the text: no query with 電 can match
    assert table_for("質") == {"質": "质"}  # a traditional character in the text itself
