from generator.compare import year_neighbours
from generator.indexes import timelines
from tests.test_render import ARCHIVE, FILES

OWN = {fid: [e for e in es if e.family.id == fid] for fid, es in timelines(ARCHIVE).items()}


def test_neighbouring_years_prefer_the_same_region():
    found = year_neighbours(OWN)
    before, after = found["bulletins/2023-putian/market-regulation.md"]
    assert before is None and after.path == "bulletins/2024-national/market-regulation.md"
    before, after = found["bulletins/2024-national/market-regulation.md"]
    assert before.path == "bulletins/2023-putian/market-regulation.md" and after is None
    assert (
        "- 下一年同类部门：[市场监管总局 · 2024 年全国](../2024-national/market-regulation.md)"
        in FILES["bulletins/2023-putian/market-regulation.md"]
    )


def test_a_family_page_with_two_records_offers_the_comparison():
    assert 'data-rows="../../downloads/agencies/market-regulation.json"' in FILES["agencies/market-regulation.md"]
    single = next(fid for fid, es in OWN.items() if len(es) == 1)
    assert 'class="compare"' not in FILES[f"agencies/{single}.md"]
