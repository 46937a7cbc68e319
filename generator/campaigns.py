"""Campaigns: the quoted names in items (电梯安全宣传周, 昆仑 2024), one series per name less its year.

A series gets a page listing every agency page that names it, by year; campaigns/ lists the
series by how many bulletins name them; api/campaigns.json has one object per name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from generator import downloads, render, urls
from generator.indexes import by_year
from generator.model import Archive, Entry
from generator.slugs import pinyin_slug
from generator.urls import link

# A year inside a name (昆仑 2024, 2023年剑网): names that differ only by it form one series.
# Series on a page of the overview (most bulletins first): past it, pages 2, 3 …
OVERVIEW_LIMIT = 100
_YEAR = re.compile(r"\s*(?:19|20)\d{2}\s*年?\s*")


@dataclass(frozen=True)
class Campaign:
    """A series of campaign names: 昆仑 for 昆仑 2023 and 昆仑 2024."""

    series: str
    slug: str
    names: tuple[str, ...]  # as written, sorted
    entries: tuple[Entry, ...]  # pages naming any of them, archive order (newest first)

    @property
    def bulletins(self) -> int:
        return len({e.bulletin.id for e in self.entries})


def series_of(name: str) -> str:
    """昆仑 2024 -> 昆仑; a name that is only a year stays as it is."""
    return _YEAR.sub("", name).strip() or name


def campaigns(archive: Archive) -> list[Campaign]:
    """Every series, most bulletins first, then by name."""
    found: dict[str, dict[str, list[Entry]]] = {}
    for entry in archive.entries:
        for name in dict.fromkeys(entry.item.campaigns):
            found.setdefault(series_of(name), {}).setdefault(name, []).append(entry)
    slugs = _slugs(sorted(found))
    order = {id(e): n for n, e in enumerate(archive.entries)}
    result = []
    for series, names in found.items():
        pages = {id(e): e for found_entries in names.values() for e in found_entries}
        entries = tuple(sorted(pages.values(), key=lambda e: order[id(e)]))
        result.append(Campaign(series, slugs[series], tuple(sorted(names)), entries))
    return sorted(result, key=lambda c: (-c.bulletins, -len(c.entries), c.series))


def _slugs(series: list[str]) -> dict[str, str]:
    """Series -> URL slug: its pinyin; a series whose pinyin an earlier one (in code point order)
    took adds a hash of its name, so that neither URL depends on which bulletin came first."""
    result: dict[str, str] = {}
    taken: set[str] = set(urls.CAMPAIGN_SLUGS_TAKEN)
    for name in series:
        slug = pinyin_slug(name) or "campaign"
        if slug in taken:
            slug += "-" + hashlib.sha256(name.encode()).hexdigest()[:6]
        taken.add(slug)
        result[name] = slug
    return result


def slug_of(found: list[Campaign]) -> dict[str, str]:
    """Each campaign name as written -> its series' slug."""
    return {name: c.slug for c in found for name in c.names}


def campaign_files(found: list[Campaign]) -> dict[str, str]:
    chunks = [found[i : i + OVERVIEW_LIMIT] for i in range(0, len(found), OVERVIEW_LIMIT)] or [[]]
    files = {}
    for n, chunk in enumerate(chunks, start=1):
        files[urls.campaigns_page(n)] = overview_page(chunk, n, len(chunks), len(found))
    for campaign in found:
        files.update(campaign_pages(campaign))
    return files


def overview_page(chunk: list[Campaign], n: int, pages: int, total: int) -> str:
    """Page n of the campaigns, OVERVIEW_LIMIT a page, most bulletins first."""
    here = urls.campaigns_page(n)
    title = "活动" if pages == 1 else f"活动（{n}/{pages}）"
    lines = [
        f"# {title}",
        "",
        f"公告中用引号标出的活动名称：共 {total} 个（同名而年份不同的合为一个系列），按提到它的公告数排列。",
        "",
        "| 活动 | 公告 | 页面 | 年份 |",
        "| --- | --- | --- | --- |",
    ]
    for c in chunk:
        years = sorted({e.year for e in c.entries})
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        target = link(here, urls.campaign(c.slug))
        lines.append(f"| [{render.md(c.series)}]({target}) | {c.bulletins} | {len(c.entries)} | {span} |")
    turns = [(n - 1, "上一页"), (n + 1, "下一页")]
    nav = [f"[{label}]({link(here, urls.campaigns_page(k))})" for k, label in turns if 1 <= k <= pages]
    if nav:
        lines += ["", " · ".join(nav)]
    meta = {"title": title, "description": "质量月公告中提到的活动名称，按公告数排列。", **render.LISTING}
    return render.page(meta, "\n".join(lines))


def campaign_pages(campaign: Campaign) -> dict[str, str]:
    """The series' page, by year; past render.INDEX_LIMIT pages, one page per year beside it."""
    here = urls.campaign(campaign.slug)
    years = by_year(campaign.entries)
    also = "、".join(render.md(n) for n in campaign.names)
    lines = [
        *render.breadcrumbs(here, [("活动", urls.CAMPAIGNS)], campaign.series),
        f"# {render.md(campaign.series)}",
        "",
        f"名称：{also} · {campaign.bulletins} 份公告，{len(campaign.entries)} 个单位页面",
        "",
        downloads.links(here, urls.listing("campaign", campaign.slug)),
        "",
    ]
    meta = {
        "title": campaign.series,
        "description": f"提到“{campaign.series}”的质量月公告单位页面，按年份排列。",
        **render.LISTING,
    }
    if len(campaign.entries) <= render.INDEX_LIMIT:
        for year, found in years.items():
            lines += [render.year_heading(year), "", *_listing(here, found), ""]
        return {here: render.page(meta, "\n".join(lines).rstrip("\n"))}
    files = {}
    lines += ["| 年份 | 页面 |", "| --- | --- |"]
    for year, found in years.items():
        lines.append(f"| [{year} 年]({link(here, urls.campaign_year(campaign.slug, year))}) | {len(found)} 个 |")
        files |= render.year_pages(
            lambda n, year=year: urls.campaign_year(campaign.slug, year, n),
            f"{campaign.series} · {year} 年",
            (here, campaign.series),
            _listing,
            found,
        )
    files[here] = render.page(meta, "\n".join(lines))
    return files


def _listing(here: str, entries: list[Entry]) -> list[str]:
    return [
        f"- [{render.md(e.item.agency)}]({link(here, e.path)}) · "
        f"[{render.md(f'{e.year} 年{e.bulletin.region}公告')}]({link(here, urls.bulletin(e.bulletin.id))})"
        for e in entries
    ]


def api_campaigns(found: list[Campaign]) -> list[dict]:
    """One object per name as written: name, series, url (its series' page), pages (agency page URLs)."""
    return [
        {
            "name": name,
            "series": c.series,
            "url": urls.url(urls.campaign(c.slug)),
            "pages": [e.url for e in c.entries if name in e.item.campaigns],
        }
        for c in found
        for name in c.names
    ]
