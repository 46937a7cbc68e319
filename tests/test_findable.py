"""Findable, printable, Chinese throughout: checked on the built site."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REDIRECT = "页面已迁移"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # its text and its descendants', as a browser shows it
    hrefs: list[str] = field(default_factory=list)  # the links inside it, in order

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs})
        self.found.append(element)
        if tag == "a" and "href" in element.attrs:
            for parent in self._open:
                parent.hrefs.append(element.attrs["href"])
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self._open) - 1, -1, -1):
            if self._open[n].tag == tag:
                del self._open[n:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def elements(html: str) -> list[Element]:
    """Every element of the page in document order, its attribute values unescaped and unquoted
    (the minified HTML drops quotes where it may and orders attributes its own way)."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def attribute(found: list[Element], tag: str, key: str, value: str, wanted: str) -> str | None:
    """`wanted` of the first `tag` whose `key` is `value`, e.g. the content of meta name=description."""
    return next((e.attrs.get(wanted) for e in found if e.tag == tag and e.attrs.get(key) == value), None)


def links(html: str) -> list[tuple[str, str]]:
    """Each <a href>'s target and text."""
    return [(e.attrs["href"], e.text) for e in elements(html) if e.tag == "a" and "href" in e.attrs]


def breadcrumbs(html: str) -> Element:
    found = [e for e in elements(html) if e.tag == "p" and e.has_class("breadcrumbs")]
    assert len(found) == 1, found
    return found[0]


def test_every_page_has_description_canonical_and_open_graph(site: Path):
    descriptions = {}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(site).as_posix()
        if REDIRECT in html:
            continue
        found = elements(html)
        description = attribute(found, "meta", "name", "description", "content")
        assert description, rel
        descriptions[rel] = description
        if rel == "404.html":
            continue  # no page of its own: no canonical URL nor preview
        assert (attribute(found, "link", "rel", "canonical", "href") or "").endswith(rel.removesuffix("index.html")), (
            rel
        )
        assert attribute(found, "meta", "property", "og:title", "content"), rel
        assert attribute(found, "meta", "property", "og:description", "content"), rel
        assert attribute(found, "meta", "property", "og:locale", "content") == "zh_CN", rel
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
    assert [e.text for e in elements(missing) if e.tag == "h1"] == ["404：页面不存在"]
    assert "Not found" not in missing
    for page in site.rglob("*.html"):
        assert "Made with" not in page.read_text(encoding="utf-8"), page
    agency = (site / "bulletins/2024-national/market-regulation/index.html").read_text(encoding="utf-8")
    assert ("../source.txt", "原文第 7 行") in links(agency)
    content = re.search(r"<div [^>]*\bclass=\"?md-content[\s\">]", agency)
    assert content, "no md-content"
    assert "004_390caa016548901d" not in agency[content.start() :]  # no hash shown as a name
    assert re.search(r"（<span lang=\"?en\"?>Market regulation</span>）", agency)


def test_breadcrumbs_lead_up(site: Path):
    agency = (site / "bulletins/2024-national/market-regulation/index.html").read_text(encoding="utf-8")
    crumbs = breadcrumbs(agency)
    assert crumbs.text == "公告 › 2024 年全国 › 市场监管总局"
    assert crumbs.hrefs == ["../../", "../"]
    for page, text in [
        ("bulletins/2024-national/index.html", "公告 › 2024 年全国"),
        ("agencies/market-regulation/index.html", "部门 › 市场监管部门"),
        ("campaigns/kunlun/index.html", "活动 › 昆仑"),
        ("browse/regions/putian/index.html", "按地区 › 莆田"),
    ]:
        assert breadcrumbs((site / page).read_text(encoding="utf-8")).text == text, page
