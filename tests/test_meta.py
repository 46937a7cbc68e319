import pytest

from generator import meta
from generator.errors import InputError

GOOD = {
    "source_url": "https://www.samr.gov.cn/x",
    "published": "2024-08-30",
    "notice": "关于开展2024年全国“质量月”活动的通知",
    "issuer": "市场监管总局",
    "doc_number": "市监质发〔2024〕81号",
    "written": "2024-08-26",
    "year": 2024,
    "region": "全国",
    "level": "national",
}


def test_every_key_is_checked_and_kept():
    assert meta.checked_meta(GOOD, "seeds/a.txt", 2) == GOOD


def test_a_date_or_free_text_is_kept_as_text():
    from datetime import date

    assert meta.checked_meta({"published": date(2024, 8, 30)}, "a", 2) == {"published": "2024-08-30"}
    assert meta.checked_meta({"published": "2024年8月"}, "a", 2) == {"published": "2024年8月"}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            {"colour": "red"},
            r"unknown front matter key 'colour' \(allowed: doc_number, issuer, level, notice, published",
        ),
        ({"level": "planet"}, "front matter level must be one of national, province, city, county"),
        ({"year": "soon"}, "front matter year must be int"),
        ({"year": True}, "front matter year must be int"),
        ({"year": 3000}, "front matter year 3000 is not a plausible year"),
        ({"source_url": "javascript:alert(1)"}, r"front matter source_url must be an http\(s\) URL"),
        ({"notice": ["a", "b"]}, "front matter notice must be str"),
        ({"doc_number": 81}, "front matter doc_number must be str"),
    ],
)
def test_bad_values_name_file_and_line(bad: dict, message: str):
    with pytest.raises(InputError, match=message) as error:
        meta.checked_meta(bad, "seeds/a.txt", 2)
    assert str(error.value).startswith("seeds/a.txt:2: error: ")


def test_the_page_shows_labelled_keys_in_order_and_the_api_the_public_ones():
    assert meta.shown(GOOD) == [
        ("所附通知", GOOD["notice"]),
        ("发文字号", "市监质发〔2024〕81号"),
        ("发布单位", "市场监管总局"),
        ("成文日期", "2024-08-26"),
        ("发布日期", "2024-08-30"),
    ]
    public = ("doc_number", "issuer", "notice", "published", "source_url", "written")
    assert meta.public(GOOD) == {key: GOOD[key] for key in public}
