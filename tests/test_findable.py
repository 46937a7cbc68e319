"""Findable, printable, Chinese throughout: checked on the built site."""

import re
from html import unescape
from pathlib import Path

REDIRECT = "页面已迁移"


def head(html: str, pattern: str) -> str | None:
    found = re.search(pattern, html)
    return unescape(found[1]) if found else None


def test_every_page_has_description_canonical_and_open_graph(site: Path):
    descriptions = {}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(site).as_posix()
        if REDIRECT in html:
            continue
        description = head(html, r'<meta name="description" content="([^"]*)"')
        assert description, rel
        descriptions[rel] = description
        if rel == "404.html":
            continue  # no page of its own: no canonical URL nor preview
        assert head(html, r'<link rel="canonical" href="([^"]+)"').endswith(rel.removesuffix("index.html")), rel
        assert head(html, r'<meta property="og:title" content="([^"]+)"'), rel
        assert head(html, r'<meta property="og:description" content="([^"]+)"'), rel
        assert head(html, r'<meta property="og:locale" content="([^"]+)"') == "zh_CN", rel
    assert (
        descriptions["bulletins/2024-national/index.html"] == "2024 年全国“质量月”公告：25 个联合主办单位的主要活动。"
    )
    assert descriptions["agencies/market-regulation/index.html"].startswith("市场监管部门在历年")
    assert descriptions["campaigns/kunlun/index.html"] == "提到“昆仑”的质量月公告单位页面，按年份排列。"
    own = [d for rel, d in descriptions.items() if rel not in ("index.html", "404.html", "about/index.html")]
    assert len(set(own)) > 0.9 * len(own), "descriptions repeat"


def test_the_sitemap_lists_the_new_page_types(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("campaigns/kunlun/", "browse/regions/putian/", "browse/decades/2020/", "agencies/market-regulation/"):
        assert f"{path}</loc>" in sitemap, path


def test_every_ui_string_is_chinese(site: Path):
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>404：页面不存在</h1>" in missing and "Not found" not in missing
    for page in site.rglob("*.html"):
        assert "Made with" not in page.read_text(encoding="utf-8"), page
    agency = (site / "bulletins/2024-national/market-regulation/index.html").read_text(encoding="utf-8")
    assert '<a href="../source.txt">原文第 7 行</a>' in agency
    assert "004_390caa016548901d" not in agency.split('<div class="md-content"')[1]  # no hash shown as a name
    assert '（<span lang="en">Market regulation</span>）' in agency


def test_breadcrumbs_lead_up(site: Path):
    agency = (site / "bulletins/2024-national/market-regulation/index.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<p class="breadcrumbs"[^>]*>(.*?)</p>', agency)[1]
    assert re.sub(r"<[^>]+>", "", crumbs) == "公告 › 2024 年全国 › 市场监管总局"
    assert 'href="../../"' in crumbs and 'href="../"' in crumbs
    for page, text in [
        ("bulletins/2024-national/index.html", "公告 › 2024 年全国"),
        ("agencies/market-regulation/index.html", "部门 › 市场监管部门"),
        ("campaigns/kunlun/index.html", "活动 › 昆仑"),
        ("browse/regions/putian/index.html", "按地区 › 莆田"),
    ]:
        html = (site / page).read_text(encoding="utf-8")
        assert re.sub(r"<[^>]+>", "", re.search(r'<p class="breadcrumbs"[^>]*>(.*?)</p>', html)[1]) == text, page
