import pytest

from generator.errors import InputError, Warnings
from generator.match import build_archive
from generator.parse import parse_bulletin
from generator.registry import load_registry
from tests.helpers import doc, seed_bulletins

REGISTRY = load_registry()


def parse(text: str, name: str = "x.txt"):
    return parse_bulletin(doc(text, name), REGISTRY, Warnings())


def test_newest_bulletin_first_and_entry_urls():
    archive = build_archive(list(seed_bulletins().values()), REGISTRY, Warnings())
    assert [b.id for b in archive.bulletins] == ["2024-national", "2023-putian"]
    assert archive.entries[0].url == "bulletins/2024-national/market-regulation/"
    assert archive.entries[0].path == "bulletins/2024-national/market-regulation.md"
    assert len({e.url for e in archive.entries}) == 47


def test_an_agency_twice_in_one_bulletin_gets_two_distinct_stable_urls():
    bulletin = parse("2025 年全国“质量月”\n\n一、公安部开展甲。\n\n二、民政部开展乙。\n\n三、公安部开展丙。")
    slugs = [e.slug for e in build_archive([bulletin], REGISTRY, Warnings()).entries]
    assert slugs == ["public-security", "civil-affairs", "public-security-2"]


def test_the_same_bulletin_twice_is_refused_naming_both_files():
    a = parse("2025 年全国“质量月”\n\n一、公安部开展甲。", "a.txt")
    b = parse("2025年 全国“质量月”\n\n一、民政部开展乙。", "b.txt")
    with pytest.raises(InputError) as error:
        build_archive([a, b], REGISTRY, Warnings())
    assert str(error.value) == ("b.txt:1: error: same bulletin as a.txt (2025 全国): remove one of the two files")
