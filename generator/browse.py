"""Browsing: families grouped by field (the agencies overview), families × years a decade per page,
and bulletins by level and region.

Every page here stays small however large the archive: the overview has a line per family, a
decade's table ten year columns of plain counts, a region's page a line per bulletin.
"""

from __future__ import annotations

from functools import cache

from generator import downloads, render, urls
from generator.data_files import DATA, load_yaml
from generator.indexes import by_year
from generator.model import LEVEL_NAMES, LEVELS, Archive, Bulletin, Entry, Family
from generator.regions import region_slug
from generator.urls import link

FIELDS_PATH = DATA / "fields.yml"
OTHER_FIELD = "其他部门"


@cache
def fields() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(field name, its family ids) in the order the overview shows them (generator/data/fields.yml)."""
    data = load_yaml(FIELDS_PATH, DATA / "fields.schema.json")
    return tuple((f["name"], tuple(f["families"])) for f in data["fields"])


def by_field(families: list[Family]) -> dict[str, list[Family]]:
    """Field name -> its families (registry order); families no field lists go under OTHER_FIELD."""
    field_of = {fid: name for name, ids in fields() for fid in ids}
    result: dict[str, list[Family]] = {name: [] for name, _ in fields()}
    for family in families:
        result.setdefault(field_of.get(family.id, OTHER_FIELD), []).append(family)
    return {name: found for name, found in result.items() if found}


def decades(archive: Archive) -> list[int]:
    """The decades the archive spans, newest first: 2020 for 2020–2029."""
    return sorted({b.year // 10 * 10 for b in archive.bulletins}, reverse=True)


def overview_page(archive: Archive, lines: dict[str, list[Entry]]) -> str:
    """The families, grouped by field: a line each with its years and records."""
    here = urls.AGENCIES
    shown = [f for f in archive.families if f.id in lines]
    body = [
        "# 部门",
        "",
        f"同一类部门在各年份、各级公告中的记录：共 {len(shown)} 个部门系统，{len(archive.bulletins)} 份公告。"
        "按年份对照：" + " · ".join(f"[{d} 年代]({link(here, urls.decade(d))})" for d in decades(archive)),
        "",
    ]
    for field, families in by_field(shown).items():
        body += [f"## {render.md(field)}", "", "| 部门系统 | 年份 | 记录 |", "| --- | --- | --- |"]
        for family in families:
            own = [e for e in lines[family.id] if e.family.id == family.id]
            years = sorted({e.year for e in own})
            span = (f"{years[0]}–{years[-1]}（{len(years)} 年）" if len(years) > 1 else f"{years[0]}") if years else "—"
            name = f"[{render.md(family.name)}]({link(here, urls.family(family.id))})"
            if family.name_en:
                name += f'<br><span class="name-en" lang="en">{render.html(family.name_en)}</span>'
            body.append(f"| {name} | {span} | {len(own)} |")
        body.append("")
    meta = {
        "title": "部门",
        "description": "按领域分组的部门系统，以及它们在各年份公告中的记录。",
        "search": {"exclude": True},
    }
    return render.page(meta, "\n".join(body).rstrip("\n"))


def decade_pages(archive: Archive, lines: dict[str, list[Entry]]) -> dict[str, str]:
    """Families × years, a decade per page: a cell counts the family's agency pages that year."""
    files = {}
    all_years = set(by_year(archive.bulletins))
    spans = decades(archive)
    for n, decade in enumerate(spans):
        here = urls.decade(decade)
        years = [y for y in range(decade + 9, decade - 1, -1) if y in all_years]
        turns = [(n + 1, "更早"), (n - 1, "更晚")]
        nav = " · ".join(
            f"[{label}：{spans[k]} 年代]({link(here, urls.decade(spans[k]))})"
            for k, label in turns
            if 0 <= k < len(spans)
        )
        body = [
            f"# 部门 · {decade} 年代",
            "",
            f"[全部部门]({link(here, urls.AGENCIES)})" + (f" · {nav}" if nav else ""),
            "",
            "每格为该部门系统当年的记录数。",
            "",
            "| 部门系统 | " + " | ".join(str(y) for y in years) + " |",
            "| --- " * (len(years) + 1) + "|",
        ]
        for family in archive.families:
            if family.id not in lines:
                continue
            counts = {y: len(es) for y, es in by_year(e for e in lines[family.id] if e.family.id == family.id).items()}
            if not any(counts.get(y) for y in years):
                continue
            cells = " | ".join(str(counts[y]) if counts.get(y) else "·" for y in years)
            body.append(f"| [{render.md(family.name)}]({link(here, urls.family(family.id))}) | {cells} |")
        meta = {
            "title": f"部门 · {decade} 年代",
            "description": f"{decade} 年代各部门系统每年的记录数。",
            **render.LISTING,
        }
        files[here] = render.page(meta, "\n".join(body))
    return files


def region_pages(archive: Archive) -> dict[str, str]:
    """The regions by level, and a page per region listing its bulletins by year."""
    here = urls.REGIONS
    regions: dict[str, dict[str, list[Bulletin]]] = {level: {} for level in LEVELS}
    for bulletin in archive.bulletins:
        regions[bulletin.level].setdefault(bulletin.region, []).append(bulletin)
    body = ["# 按地区浏览", "", "按级别（国家、省、市、县）列出发布公告的地区。", ""]
    files = {}
    for level, found in regions.items():
        if not found:
            continue
        body += [f"## {LEVEL_NAMES[level]} {{#{level}}}", ""]
        for region, bulletins in sorted(found.items(), key=lambda kv: region_slug(kv[0], level)):
            path = urls.region(region_slug(region, level))
            body.append(f"- [{render.md(region)}]({link(here, path)})：{len(bulletins)} 份公告")
            files[path] = _region_page(path, region, level, bulletins)
        body.append("")
    meta = {
        "title": "按地区浏览",
        "description": "按国家、省、市、县级列出发布质量月公告的地区。",
        "search": {"exclude": True},
    }
    files[here] = render.page(meta, "\n".join(body).rstrip("\n"))
    return files


def _region_page(here: str, region: str, level: str, bulletins: list[Bulletin]) -> str:
    body = [
        *render.breadcrumbs(here, [("按地区", urls.REGIONS)], region),
        f"# {render.md(region)}",
        "",
        f"{LEVEL_NAMES[level]} · {len(bulletins)} 份公告",
        "",
        downloads.links(here, urls.listing("region", region_slug(region, level))),
        "",
    ]
    body += [f"- [{render.md(b.title)}]({link(here, urls.bulletin(b.id))})" for b in bulletins]
    meta = {"title": region, "description": f"{region}历年的质量月公告。", "search": {"exclude": True}}
    return render.page(meta, "\n".join(body))
