"""Render the archive as Markdown pages with YAML front matter: pure functions, no I/O.

Attachment text is data: every piece of it passes through md() or html() below, so no
Markdown, HTML or template syntax in a bulletin can change a page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html import escape
from typing import Any

from generator import browse, campaigns, charts, cite, compare, downloads, feeds, renames, urls
from generator import meta as seed_meta
from generator.indexes import api_agencies, api_bulletins, api_pages, by_year, entries_of, page_title, timelines
from generator.model import LEVEL_NAMES, Archive, Bulletin, Entry, Family
from generator.pagekeys import PageKeys
from generator.urls import link

# ASCII characters that mean something to Markdown, its extensions or a template engine,
# each mapped to its numeric entity (str.translate: one C pass over the text).
_MARKUP = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!<>&|~^=:\"'$%@/"}
# Sections that only repeat what the page or other pages say: left out of the search index
# (Material skips a heading's section when the heading carries this attribute).
NOT_SEARCHED = 'data-search-exclude="true"'
# An index page lists at most this many entries; past that, each year gets a page of its
# own, so that no page grows with the archive (URLs of existing pages stay as they are).
INDEX_LIMIT = 60
# An index page: not searched (it repeats other pages).
LISTING = {"search": {"exclude": True}}
# How much of an item's first activity a timeline line shows.
EXCERPT_CHARS = 28


def md(text: str) -> str:
    """Inline Markdown that shows `text` literally: markup characters become entities."""
    return " ".join(text.split()).translate(_MARKUP)


def html(text: str) -> str:
    """Text for a raw HTML block; braces too, in case a template engine ever reads the page."""
    return escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def year_heading(year: int) -> str:
    """A year's section of an index, as HTML: its anchor stays, but it is no entry of the table of
    contents, which Material repeats in the navigation (50 years: 20 KB more per page)."""
    return f'<h2 id="{urls.year_anchor(year)}">{year} 年</h2>'


def breadcrumbs(here: str, trail: list[tuple[str, str]], last: str) -> list[str]:
    """公告 › 2024 年全国 › 市场监管总局: (text, docs/ path) of the pages above, then this page's name."""
    crumbs = [f"[{md(text)}]({link(here, path)})" for text, path in trail] + [md(last)]
    return [" › ".join(crumbs), f"{{: .breadcrumbs {NOT_SEARCHED} }}", ""]


def page(meta: dict, body: str) -> str:
    """A page: YAML front matter (python-frontmatter reads it), then the Markdown body."""
    # Themes print title and description into HTML unescaped (MkDocs' Jinja does not
    # autoescape), so these two are stored HTML-escaped; all other keys are plain data.
    shown = {key: html(value) if key in ("title", "description") else value for key, value in meta.items()}
    return "---\n" + front_matter(shown) + "---\n\n" + body + "\n"


def front_matter(meta: dict) -> str:
    """`key: value` lines, keys sorted, each value as JSON: YAML reads JSON as flow scalars and
    collections, and writing it is several times faster than a YAML representer."""
    return "".join(f"{key}: {_YAML_UNSAFE.sub(_escape, _json(value))}\n" for key, value in sorted(meta.items()))


# json.dumps(value, ensure_ascii=False) without building an encoder for every value.
_json = json.JSONEncoder(ensure_ascii=False).encode
# Characters JSON leaves as they are but YAML would read differently (line breaks, BOM) or refuse.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match[0]):04x}"


def render_site(
    archive: Archive,
    sources: dict[str, str],
    site_name: str,
    originals: dict[str, tuple[str, bytes]] | None = None,
    keys: PageKeys | None = None,
) -> Iterator[tuple[str, str | bytes | object]]:
    """Every generated file under docs/, as (path, content), one at a time: the writer writes each
    as it comes, so that the archive's pages are never all in memory at once. `sources`: bulletin
    id -> seed text; `site_name`: mkdocs.yml's, for the home page; `originals`: bulletin id ->
    (suffix, bytes) of a Word or PDF seed, offered for download; `keys`: the page keys docs/ was
    written with (generator/pagekeys.py), to leave unchanged agency and bulletin pages as they are."""
    made = keys.page if keys else _call
    per_bulletin = entries_of(archive)
    found = campaigns.campaigns(archive)
    named = campaigns.slug_of(found)
    lines = timelines(archive)
    own = {fid: [e for e in found_entries if e.family.id == fid] for fid, found_entries in lines.items()}
    neighbours = compare.year_neighbours(own)
    for bulletin in archive.bulletins:
        entries = per_bulletin.get(bulletin.id, [])
        download = None
        if original := (originals or {}).get(bulletin.id):
            download = urls.original(bulletin.id, original[0])
            yield download, original[1]
        here = urls.bulletin(bulletin.id)
        yield here, made(here, bulletin_page, bulletin, entries, download)
        yield urls.source(bulletin.id), sources[bulletin.id]
        for n, entry in enumerate(entries):
            before = entries[n - 1] if n else None
            after = entries[n + 1] if n + 1 < len(entries) else None
            slugs = tuple(named[c] for c in entry.item.campaigns)
            yield entry.path, made(entry.path, agency_page, entry, before, after, slugs, neighbours[entry.path])
    for family in archive.families:
        if family.id in lines:
            yield from family_pages(family, lines[family.id]).items()
    yield urls.AGENCIES, browse.overview_page(archive, lines)
    yield from (browse.decade_pages(archive, lines) | browse.region_pages(archive)).items()
    yield from bulletins_pages(archive).items()
    yield urls.HOME, home_page(archive, site_name)
    yield from campaigns.campaign_files(found).items()
    yield from feeds.feed_files(archive, site_name, own).items()
    yield from downloads.download_files(archive, lines, {c.slug: c.entries for c in found})
    yield from renames.redirect_files(archive, own, renames.former_ids({f.id for f in archive.families})).items()
    for name, data in (("pages", api_pages), ("agencies", api_agencies), ("bulletins", api_bulletins)):
        yield urls.api(name), downloads.as_json(data(archive))
    yield urls.api("campaigns"), downloads.as_json(campaigns.api_campaigns(found))


def _call(path: str, render: Callable[..., str], *args: Any) -> str:
    """What PageKeys.page does without keys: render the page."""
    return render(*args)


def agency_page(
    entry: Entry, before: Entry | None, after: Entry | None, slugs: tuple[str, ...], years: tuple[Entry | None, ...]
) -> str:
    """`slugs`: the series slug of each of the item's campaigns (generator/campaigns.py); `years`:
    the family's entries in the previous and next year (generator/compare.py)."""
    bulletin, item, family, here = entry.bulletin, entry.item, entry.family, entry.path
    meta = {
        "title": page_title(entry),
        "description": item.activities[0].text if item.activities else item.text,
        "bulletin": bulletin.id,
        "year": bulletin.year,
        "region": bulletin.region,
        "level": bulletin.level,
        "agency": item.agency,
        "agency_id": family.id,
        "order": item.order,
        "campaigns": list(item.campaigns),
        "partners": list(item.partners),
        "source": f"{bulletin.source}:{item.line}",
    }
    lines = [
        *breadcrumbs(
            here,
            [("公告", urls.BULLETINS), (f"{bulletin.year} 年{bulletin.region}", urls.bulletin(bulletin.id))],
            item.agency,
        ),
        f"# {md(item.agency)}",
        "",
        f"[{md(bulletin.title)}]({link(here, urls.bulletin(bulletin.id))}) "
        f"第{item.numeral}项 · {md(bulletin.region)} · {bulletin.year} 年",
        "",
        "## 主要活动 {#activities}",
        "",
        '<ol class="activities">',
        *(f'<li id="{urls.activity(a.number)}">{html(a.text)}</li>' for a in item.activities),
        "</ol>",
        "",
    ]
    if item.partners:
        lines += ["联合单位：" + "、".join(md(p) for p in item.partners), ""]
    if item.campaigns:
        lines += [
            f"## 活动名称 {{#campaigns {NOT_SEARCHED}}}",
            "",
            *(f"- [{md(c)}]({link(here, urls.campaign(slug))})" for c, slug in zip(item.campaigns, slugs, strict=True)),
            "",
        ]
    lines += [
        f"## 相关链接 {{#links {NOT_SEARCHED}}}",
        "",
        f"- 历年同类部门：[{md(family.name)}]({link(here, urls.family(family.id))})"
        + (f'（<span lang="en">{html(family.name_en)}</span>）' if family.name_en else ""),
    ]
    if before:
        lines.append(f"- 上一项：[{md(before.item.agency)}]({link(here, before.path)})")
    if after:
        lines.append(f"- 下一项：[{md(after.item.agency)}]({link(here, after.path)})")
    lines += compare.year_links(here, *years)
    where = item.position.chinese(item.line)
    lines.append(f"- [原文{where}]({link(here, urls.source(bulletin.id))})")
    return page(meta, "\n".join(lines))


def bulletin_page(bulletin: Bulletin, entries: list[Entry], download: str | None = None) -> str:
    """The bulletin's page; `download`: the docs/ path of the file as published, when not text."""
    here = urls.bulletin(bulletin.id)
    meta = {
        "title": bulletin.title,
        "description": f"{bulletin.year} 年{bulletin.region}“质量月”公告：{len(entries)} 个联合主办单位的主要活动。",
        "bulletin": bulletin.id,
        "year": bulletin.year,
        "region": bulletin.region,
        "level": bulletin.level,
        "source": bulletin.source,
        "search": {"exclude": True},
    }
    if bulletin.removed:  # for the conservation check, which subtracts them from the raw seed
        meta["removed"] = list(bulletin.removed)
    facts = [bulletin.label, f"{bulletin.year} 年", bulletin.region, LEVEL_NAMES[bulletin.level]]
    lines = [
        *breadcrumbs(here, [("公告", urls.BULLETINS)], f"{bulletin.year} 年{bulletin.region}"),
        f"# {md(bulletin.title)}",
        "",
        " · ".join(md(f) for f in facts if f) + f" · {len(entries)} 个联合主办单位",
        "",
    ]
    for paragraph in bulletin.preamble:
        lines += [md(paragraph), ""]
    for label, value in seed_meta.shown(bulletin.meta):
        lines += [f"{label}：{md(value)}", ""]
    if str(bulletin.meta.get("source_url", "")).startswith(("https://", "http://")):
        url = html(str(bulletin.meta["source_url"]))
        lines += [f'原始发布：<a href="{url}" rel="nofollow noopener">{url}</a>', ""]
    lines += ["| 序号 | 联合主办单位 | 部门系统 | 活动 |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {e.item.numeral} | [{md(e.item.agency)}]({link(here, e.path)}) "
        f"| [{md(e.family.name)}]({link(here, urls.family(e.family.id))}) | {len(e.item.activities)} 项 |"
        for e in entries
    ]
    text = link(here, urls.source(bulletin.id))
    if download:
        lines += ["", f"原文：[{md(bulletin.source)}]({link(here, download)})（原件下载）· [提取的文字]({text})"]
    else:
        lines += ["", f"[原文文本]({text})"]
    lines += ["", *cite.box(bulletin)]  # after the list: on a phone the list comes first
    return page(meta, "\n".join(lines))


def family_pages(family: Family, entries: list[Entry]) -> dict[str, str]:
    """The family's timeline; past INDEX_LIMIT entries, one page per year beside it."""
    here = urls.family(family.id)
    years = by_year(entries)
    summary = f"{len(entries)} 条记录，{len(years)} 个年份"
    description = f"{family.name}在历年“质量月”公告中的 {len(entries)} 条记录。"
    meta = {"title": family.name, "description": description, "agency_id": family.id, **LISTING}
    english = f'<span lang="en">{html(family.name_en)}</span> · ' if family.name_en else ""
    lines = [
        *breadcrumbs(here, [("部门", urls.AGENCIES)], family.name),
        f"# {md(family.name)}",
        "",
        english + summary,
        "",
    ]
    if any(e.family.id == family.id for e in entries):
        lines += [f"[订阅本部门的新记录（Atom）]({link(here, urls.family_feed(family.id))})", ""]
    lines += [downloads.links(here, urls.listing("family", family.id)), ""]
    lines += charts.family_chart([e for e in entries if e.family.id == family.id])
    # Below the timeline: on a phone the two columns are long.
    comparison = compare.compare_box(here, family.id) if sum(e.family.id == family.id for e in entries) > 1 else []
    if not family.known:
        lines += ["此部门尚未收入部门名录，仅按名称归类。", ""]
    if len(entries) <= INDEX_LIMIT:
        for year, found in years.items():
            lines += [year_heading(year), "", *_timeline(here, found, family), ""]
        return {here: page(meta, "\n".join(lines + comparison).rstrip("\n"))}
    files = {}
    lines += ["| 年份 | 记录 |", "| --- | --- |"]
    for year, found in years.items():
        lines.append(f"| [{year} 年]({link(here, urls.family_year(family.id, year))}) | {len(found)} 条 |")
        files |= year_pages(
            lambda n, year=year: urls.family_year(family.id, year, n),
            f"{family.name} · {year} 年",
            (here, family.name),
            lambda path, chunk: _timeline(path, chunk, family),
            found,
        )
    files[here] = page(meta, "\n".join([*lines, "", *comparison]).rstrip("\n"))
    return files


def year_pages(path_of, title: str, parent: tuple[str, str], listing, items: list) -> dict[str, str]:
    """One year's index on pages of at most INDEX_LIMIT lines: `path_of(n)` is page n's path.

    `parent` is (the path of the page above, its link text); `listing(path, chunk)` gives the lines
    of a chunk on the page at `path`.
    """
    chunks = [items[i : i + INDEX_LIMIT] for i in range(0, len(items), INDEX_LIMIT)]
    paths = [path_of(n) for n in range(1, len(chunks) + 1)]
    files = {}
    for n, (here, chunk) in enumerate(zip(paths, chunks, strict=True)):
        heading = title if len(chunks) == 1 else f"{title}（{n + 1}/{len(chunks)}）"
        body = [f"# {md(heading)}", "", f"[{md(parent[1])}]({link(here, parent[0])})", "", *listing(here, chunk)]
        turns = [(n - 1, "上一页"), (n + 1, "下一页")]
        links = [f"[{label}]({link(here, paths[k])})" for k, label in turns if 0 <= k < len(chunks)]
        if links:
            body += ["", " · ".join(links)]
        files[here] = page({"title": heading, "description": f"{heading}。", **LISTING}, "\n".join(body))
    return files


def _timeline(here: str, entries: list[Entry], family: Family) -> list[str]:
    lines = []
    for entry in entries:
        first = _excerpt(entry.item.activities[0].text if entry.item.activities else "")
        role = "（作为联合单位）" if entry.family.id != family.id else ""
        target = link(here, entry.path)
        lines.append(f"- [{md(entry.item.agency)}]({target}){role} · {md(entry.bulletin.region)} · {md(first)}")
    return lines


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a text for an index line; the page linked beside it has all of it."""
    return text if len(text) <= limit else text[:limit].rstrip("，、；：,;: ") + "…"


def bulletins_pages(archive: Archive) -> dict[str, str]:
    """All bulletins by year; past INDEX_LIMIT bulletins, one page per year."""
    here = urls.BULLETINS
    counts = entries_of(archive)
    years = by_year(archive.bulletins)
    meta = {"title": "公告", "description": "全部质量月公告，按年份排列。", **LISTING}
    lines = [
        "# 公告",
        "",
        f"共 {len(archive.bulletins)} 份公告，按年份排列；也可[按地区浏览]({link(here, urls.REGIONS)})。",
        "",
    ]
    lines += [downloads.links(here, urls.BULLETIN_LIST), ""]

    def listing(path: str, bulletins: list[Bulletin]) -> list[str]:
        return [
            f"- [{md(b.title)}]({link(path, urls.bulletin(b.id))}) · {md(b.region)} "
            f"· {len(counts.get(b.id, []))} 个单位"
            for b in bulletins
        ]

    if len(archive.bulletins) <= INDEX_LIMIT:
        for year, bulletins in years.items():
            lines += [year_heading(year), "", *listing(here, bulletins), ""]
            lines += [downloads.links(here, urls.listing("year", year), f"{year} 年的公告"), ""]
        return {here: page(meta, "\n".join(lines).rstrip("\n"))}
    files = {}
    for year, bulletins in years.items():
        lines.append(
            f"- [{year} 年]({link(here, urls.bulletins_year(year))})：{len(bulletins)} 份公告 · "
            + downloads.links(here, urls.listing("year", year))
        )
        files |= year_pages(
            lambda n, year=year: urls.bulletins_year(year, n), f"{year} 年公告", (here, "全部公告"), listing, bulletins
        )
    files[here] = page(meta, "\n".join(lines))
    return files


def year_link(archive: Archive, year: int) -> str:
    """Where the home page sends a reader for one year's bulletins (a docs/ path, perhaps with an anchor)."""
    if len(archive.bulletins) > INDEX_LIMIT:
        return urls.bulletins_year(year)
    return f"{urls.BULLETINS}#{urls.year_anchor(year)}"


def home_page(archive: Archive, site_name: str) -> str:
    here = urls.HOME
    meta = {"title": site_name, "search": {"exclude": True}}
    newest = archive.bulletins[0]
    years = by_year(archive.bulletins)
    lines = [
        f"# {md(site_name)}",
        "",
        "每年九月的“质量月”活动中，全国和各省、市的联合主办单位各自公布将要开展的主要活动。"
        "本档案逐条收录这些公告：每个单位一页，并把不同年份、不同层级的同类部门"
        "（如莆田市市场监管局与国家市场监管总局）串联起来。",
        "",
        "## 最新公告 {#newest}",
        "",
        f"[{md(newest.title)}]({link(here, urls.bulletin(newest.id))}) · "
        f"{len(entries_of(archive)[newest.id])} 个联合主办单位",
        "",
        "## 各年份的联合主办单位 {#chart}",
        "",
        *charts.home_chart(archive),
        "## 按年份 {#years}",
        "",
        *(f"- [{year} 年]({link(here, year_link(archive, year))})：{len(bs)} 份公告" for year, bs in years.items()),
        "",
        f"也可以[按部门浏览]({link(here, urls.AGENCIES)})、[按地区浏览]({link(here, urls.REGIONS)})、"
        f"[按活动浏览]({link(here, urls.CAMPAIGNS)})，或用右上角的搜索查找活动。",
        "",
        f"[订阅新公告（Atom）]({link(here, urls.FEED)})",
        "",
        downloads.links(here, urls.DATASET, "下载全部数据（每个单位页面一行，含活动全文）"),
    ]
    return page(meta, "\n".join(lines))
