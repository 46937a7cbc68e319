"""Bounded pages: at 50 years × 100 families every index-type page stays under 40 KB of HTML."""

import subprocess
import sys
from pathlib import Path

import yaml

from generator.model import Activity, Archive, Bulletin, Entry, Family, Item
from generator.render import render_site
from tests.helpers import ROOT, SITE_NAME

LIMIT = 40_000
YEARS, FAMILIES = 50, 100


DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """1..199 as written in items: 一, 十二, 四十, 一百零三."""
    if n >= 100:
        rest = n - 100
        return "一百" + ("" if not rest else ("零" + DIGITS[rest] if rest < 10 else numeral(rest)))
    tens, ones = divmod(n, 10)
    return (DIGITS[tens] if tens > 1 else "") + ("十" if tens else "") + (DIGITS[ones] if ones else "")


def synthetic_archive(years: int = YEARS, families: int = FAMILIES) -> Archive:
    """A national bulletin a year, each with an item of every family, each naming two campaigns."""
    found = tuple(
        Family(f"family-{n:03d}", f"第{numeral(n + 1)}部门系统", f"Agency family number {n + 1}", {})
        for n in range(families)
    )
    bulletins, entries = [], []
    for year in range(2025 - years, 2025)[::-1]:
        items = tuple(
            Item(
                order=k + 1,
                numeral=numeral(k + 1),
                agency=f"国家第{numeral(k + 1)}管理局",
                text="开展质量提升活动。",
                activities=(
                    Activity(1, f"组织开展“质量提升行动{k % 40} {year}”活动，发布一批典型案例，推动质量强国建设。"),
                ),
                campaigns=(f"质量提升行动{k % 40} {year}", f"专项{k}"),
                line=k + 3,
            )
            for k in range(families)
        )
        title = f"{year} 年全国“质量月”联合主办单位开展的主要活动"
        bulletin = Bulletin(
            f"{year}-national", title, year, "全国", "national", "质量月", "附件 1", f"{year}.txt", items
        )
        bulletins.append(bulletin)
        entries += [Entry(bulletin, item, found[k], found[k].id) for k, item in enumerate(items)]
    return Archive(tuple(bulletins), found, tuple(entries), {})


def test_every_page_stays_under_the_limit_at_50_years_and_100_families(tmp_path: Path):
    archive = synthetic_archive()
    files = dict(render_site(archive, {b.id: "" for b in archive.bulletins}, SITE_NAME))
    # Every kind of page once (each family's, year's … alike): the 5,000 agency pages need not be built.
    one_of_each = (
        "agencies/family-000.md",
        "bulletins/2024-national/index.md",
        "bulletins/2024-national/family-000.md",
        "campaigns/zhuanxiang0.md",  # a campaign in one bulletin
        "campaigns/zhiliangtishengxingdong0",  # one in every year, three times: split by year
    )
    kinds = [
        p
        for p in files
        if p.endswith(".md")
        and (
            p in ("index.md", "bulletins/index.md", "agencies/index.md")
            or p.startswith(("browse/", "campaigns/pages/", *one_of_each))
        )
    ]
    assert {"campaigns/pages/2.md", "campaigns/zhiliangtishengxingdong0/2024.md", "browse/decades/1980.md"} <= set(
        kinds
    )
    docs = tmp_path / "docs"
    for rel in kinds:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(files[rel], encoding="utf-8")
    for static in ("stylesheets", "javascripts", "assets", "about.md"):
        subprocess.run(["cp", "-r", str(ROOT / "docs" / static), str(docs)], check=True)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    # Links to the pages left out are expected here; the search index is not a page.
    config.update(strict=False, hooks=[h for h in config["hooks"] if "search" not in h])
    (tmp_path / "generator").symlink_to(ROOT / "generator")  # the theme overrides and the hook
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")], check=True)
    sizes = {p.relative_to(tmp_path / "site").as_posix(): p.stat().st_size for p in (tmp_path / "site").rglob("*.html")}
    largest = max(sizes, key=sizes.get)
    print(f"largest page at {YEARS} years × {FAMILIES} families: {largest} {sizes[largest]} bytes")
    assert len(sizes) >= len(kinds)
    assert sizes[largest] <= LIMIT, sorted(sizes.items(), key=lambda kv: -kv[1])[:5]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's !ENV tags, read as their default."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
