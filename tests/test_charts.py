import re
from xml.etree import ElementTree

from generator.charts import family_chart, home_chart
from tests.test_render import ARCHIVE, FILES
from tests.test_scale import synthetic_archive


def svg(lines: list[str]) -> ElementTree.Element:
    block = "\n".join(lines)
    return ElementTree.fromstring(re.search(r"<svg.*</svg>", block, re.S)[0])


def test_the_home_chart_has_a_bar_per_bulletin_level_and_year():
    chart = svg(home_chart(ARCHIVE))
    titles = [r.findtext("title") for r in chart.iter("rect")]
    assert titles == ["2023 年 市级：22 个单位", "2024 年 国家级：25 个单位"]
    assert chart.get("role") == "img" and "2023–2024" in chart.get("aria-label")
    assert "\n".join(home_chart(ARCHIVE)) in FILES["index.md"]


def test_the_family_chart_stacks_levels_by_year():
    entries = [e for e in ARCHIVE.entries if e.family.id == "market-regulation"]
    chart = svg(family_chart(entries))
    bars = {r.findtext("title"): float(r.get("height")) for r in chart.iter("rect")}
    assert bars == {"2023 年 市级：1 条记录": 190.0, "2024 年 国家级：1 条记录": 190.0}  # full height
    assert '<figure class="chart">' in FILES["agencies/market-regulation.md"]


def test_a_chart_grows_with_years_only():
    big = synthetic_archive(50, 100)
    lines = home_chart(big)
    assert len(list(svg(lines).iter("rect"))) == 50
    assert len("\n".join(lines)) < 12_000
