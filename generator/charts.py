"""Pictures made at build time: small inline SVG bar charts, no chart library, no request.

A chart has a bar group per year (oldest on the left) and a bar per level of government in it, or
the levels stacked; its size grows with the years only (50 years: about 10 KB).
"""

from __future__ import annotations

from statistics import mean

from generator import render
from generator.indexes import by_year, entries_of
from generator.model import LEVEL_NAMES, LEVELS, Archive, Entry

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 44, 30, 20


def home_chart(archive: Archive) -> list[str]:
    """Agencies per bulletin, each year: the mean over that year's bulletins of each level."""
    counts = entries_of(archive)
    years = by_year(archive.bulletins)
    values = {
        year: [(level, mean(len(counts.get(b.id, [])) for b in found if b.level == level)) for level in LEVELS
               if any(b.level == level for b in found)]
        for year, found in years.items()
    }  # fmt: skip
    return _figure(values, stacked=False, title="每份公告的联合主办单位数（同级公告取平均）", unit="个单位")


def family_chart(entries: list[Entry]) -> list[str]:
    """The family's records each year, stacked by level."""
    values = {
        year: [(level, n) for level in LEVELS if (n := sum(e.bulletin.level == level for e in found))]
        for year, found in by_year(entries).items()
    }
    return _figure(values, stacked=True, title="各年份、各级别的记录数", unit="条记录")


def _figure(values: dict[int, list[tuple[str, float]]], stacked: bool, title: str, unit: str) -> list[str]:
    years = sorted(values)
    if not years:
        return []
    span = list(range(years[0], years[-1] + 1))  # a year with nothing shows as a gap
    top = max((sum(v for _, v in values[y]) if stacked else max(v for _, v in values[y])) for y in years) or 1
    band = (WIDTH - LEFT) / len(span)
    plot = HEIGHT - BOTTOM - TOP
    shapes = []
    for n, year in enumerate(span):
        bars = values.get(year, [])
        x0 = LEFT + n * band + band * 0.1
        width = band * 0.8 / (1 if stacked else max(len(bars), 1))
        base = 0.0
        for k, (level, value) in enumerate(bars):
            h = value / top * plot
            x = x0 if stacked else x0 + k * width
            y = HEIGHT - BOTTOM - base - h
            label = f"{year} 年 {LEVEL_NAMES[level]}：{value:.3g} {unit}"
            shapes.append(
                f'<rect class="lv-{level}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}">'
                f"<title>{render.html(label)}</title></rect>"
            )
            if stacked:
                base += h
    step = max(1, round(len(span) / 6))  # year labels at most ~6: readable on a phone
    ticks = [
        f'<text x="{LEFT + (n + 0.5) * band:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{year}</text>'
        for n, year in enumerate(span)
        if (len(span) - 1 - n) % step == 0
    ]
    levels = sorted({level for y in years for level, _ in values[y]}, key=LEVELS.index)
    legend = "".join(f'<span class="chart-key lv-{level}">{LEVEL_NAMES[level]}</span>' for level in levels)
    summary = (
        f"{years[0]}–{years[-1]} 年；最高 {top:.3g} {unit}" if len(years) > 1 else f"{years[0]} 年：{top:.3g} {unit}"
    )
    return [
        '<figure class="chart">',
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{render.html(title)}：{render.html(summary)}">'
        f'<text x="0" y="{TOP + 6}">{top:.3g}</text><text x="0" y="{HEIGHT - BOTTOM}">0</text>'
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH}" y2="{HEIGHT - BOTTOM}"/>'
        + "".join(shapes)
        + "".join(ticks)
        + "</svg>",
        f"<figcaption>{render.html(title)} {legend}</figcaption>",
        "</figure>",
        "",
    ]
