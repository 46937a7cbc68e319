from pathlib import Path

import pytest

from generator.data_files import DATA, load_yaml
from generator.errors import DataError
from generator.regions import REGIONS_PATH, provinces, read_region

SCHEMA = DATA / "regions.schema.json"
_REST = "levels: {city: [市], county: [县]}\nethnic_groups: [壮]\nslugs: {}\n"  # the rest of a valid file


def test_the_regions_file_matches_its_schema():
    load_yaml(REGIONS_PATH, SCHEMA)


def test_all_34_province_level_regions_with_the_published_slugs():
    data = load_yaml(REGIONS_PATH, SCHEMA)
    slugs = {p["short"]: p["slug"] for p in data["provinces"]}
    assert len(provinces()) == 34 == len(set(slugs.values()))
    published = {"北京": "beijing", "福建": "fujian", "陕西": "shaanxi", "山西": "shanxi", "内蒙古": "neimenggu",
                 "香港": "hongkong", "澳门": "macao", "西藏": "xizang", "广西": "guangxi"}  # fmt: skip
    assert published.items() <= slugs.items()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "national: [全国]\nprovinces:\n  - {name: 福建省, short: 福建, slug: Fujian}\n" + _REST,
            "3: error: provinces/0/slug",
        ),
        ("national: []\nprovinces: [{name: 福建省, short: 福建, slug: fujian}]\n" + _REST, "1: error: national"),
        ("national: [全国]\nprovinces: [{name: 福建省\n", "3: error: not valid YAML"),
    ],
)
def test_a_bad_regions_file_is_refused_with_its_line_and_the_place(tmp_path: Path, text: str, where: str):
    bad = tmp_path / "regions.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load_yaml(bad, SCHEMA)
    assert str(refused.value).startswith(f"{bad}:{where}"), str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("全国", ("全国", "national", "national")),
        ("", ("全国", "national", "national")),
        ("福建省", ("福建", "province", "fujian")),
        ("陕西省", ("陕西", "province", "shaanxi")),
        ("上海市", ("上海", "province", "shanghai")),
        ("广西壮族自治区", ("广西", "province", "guangxi")),
        ("广西", ("广西", "province", "guangxi")),
        ("新疆维吾尔自治区", ("新疆", "province", "xinjiang")),
        ("香港特别行政区", ("香港", "province", "hongkong")),
        ("莆田", ("莆田", "city", "putian")),
        ("莆田市", ("莆田", "city", "putian")),
        ("吉林市", ("吉林", "city", "jilinshi")),
        ("延边朝鲜族自治州", ("延边朝鲜族自治州", "city", "yanbian")),
        ("海南藏族自治州", ("海南藏族自治州", "city", "hainanzhou")),
        ("锡林郭勒盟", ("锡林郭勒盟", "city", "xilinguole")),
        ("阿克苏地区", ("阿克苏地区", "city", "akesu")),
        ("仙游县", ("仙游县", "county", "xianyou")),
        ("厦门市思明区", ("厦门市思明区", "county", "siming")),
        ("北京市朝阳区", ("北京市朝阳区", "county", "chaoyang")),
        ("上海市浦东新区", ("上海市浦东新区", "county", "pudong")),
        ("泉州市晋江市", ("泉州市晋江市", "county", "jinjiang")),
        ("浙江省湖州市长兴县", ("浙江省湖州市长兴县", "county", "changxing")),
        ("鄂温克族自治旗", ("鄂温克族自治旗", "county", "ewenke")),
        ("景宁畲族自治县", ("景宁畲族自治县", "county", "jingning")),
        ("单县", ("单县", "county", "danxian")),
    ],
)
def test_a_title_gives_region_level_and_slug(title: str, expected: tuple[str, str, str]):
    region = read_region(title)
    assert (region.name, region.level, region.slug) == expected


def test_the_places_an_agency_name_may_spell():
    assert read_region("厦门市思明区").places == ("厦门市", "思明区", "厦门", "思明")
    assert read_region("广西壮族自治区").places == ("广西壮族自治区", "广西")
    assert read_region(read_region("福建省").name).places == ("福建省", "福建")  # from Bulletin.region
    assert read_region("全国").places == ()
