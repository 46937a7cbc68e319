"""Comparing a family's entries: an agency page links the family's previous and next year; a family
page offers any two entries side by side (docs/javascripts/compare.js, from the family's download)."""

from __future__ import annotations

from generator import render, urls
from generator.indexes import by_year
from generator.model import Entry
from generator.urls import link


def year_neighbours(own: dict[str, list[Entry]]) -> dict[str, tuple[Entry | None, Entry | None]]:
    """Entry path -> the family's entry in the nearest earlier and later year, the same region's if
    it has one that year. `own`: family id -> its own entries, newest first."""
    result: dict[str, tuple[Entry | None, Entry | None]] = {}
    for entries in own.values():
        per_year = by_year(entries)
        firsts = {year: found[0] for year, found in per_year.items()}
        by_region = {(e.year, e.bulletin.region): e for e in reversed(entries)}  # the first of each
        years = sorted(per_year)
        for at, year in enumerate(years):
            for entry in per_year[year]:
                region = entry.bulletin.region
                near = [years[at - 1] if at else None, years[at + 1] if at + 1 < len(years) else None]
                before, after = (by_region.get((y, region), firsts.get(y)) if y else None for y in near)
                result[entry.path] = (before, after)
    return result


def year_links(here: str, before: Entry | None, after: Entry | None) -> list[str]:
    """The agency page's lines linking them."""
    lines = []
    for label, other in (("上一年同类部门", before), ("下一年同类部门", after)):
        if other:
            text = f"{other.item.agency} · {other.year} 年{other.bulletin.region}"
            lines.append(f"- {label}：[{render.md(text)}]({link(here, other.path)})")
    return lines


def compare_box(here: str, family_id: str) -> list[str]:
    """The family page's comparison, filled in by compare.js (hidden without JavaScript)."""
    rows = urls.html_link(here, urls.download(urls.listing("family", family_id), "json"))
    return [
        f'<section class="compare" data-rows="{rows}" data-family="{family_id}" {render.NOT_SEARCHED} hidden>',
        '<h2 id="compare">对比两份记录</h2>',
        '<p><label>左：<select class="compare-a"></select></label>',
        '<label>右：<select class="compare-b"></select></label></p>',
        '<div class="compare-view"></div>',
        "</section>",
        "",
    ]
