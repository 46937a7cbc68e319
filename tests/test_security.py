"""Input is data, never markup: hostile attachment text renders literally in the built site."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import build_site, generate_docs, make_project

HOSTILE = """---
notice: "<script>alert('notice')</script>"
issuer: "{{ config.site_name }} {% if true %}T{% endif %}"
---
附件 1

2025 年全国“质量月”<b>联合</b>主办单位开展的主要活动

一、<img src=x onerror=alert(1)>局组织开展<script>alert(2)</script>活动。开展[x](javascript:alert(3))。

二、公安部开展*emphasis*、# heading、{{ config.site_name }}、{% if true %}x{% endif %}、`code`。

---
title: hacked
key: "value"

三、民政部开展“<iframe src=//evil.example>”活动。<a href="https://evil.example">link</a>

四、"</title><script>alert(4)</script>"局开展 'single' 活动。

五、水利部开展<style>body{display:none}</style>![x](https://evil.example/x.png)和 | 表格 | 活动。
"""


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.script = ""
        self.text = ""
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        if self._in and self._in[-1] in ("script", "style"):
            self.script += data
        else:
            self.text += data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    work = make_project(tmp_path_factory.mktemp("hostile"))
    for seed in (work / "seeds").iterdir():
        seed.unlink()
    (work / "seeds" / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    generate_docs(work, strict=False)
    return build_site(work)


def pages(site: Path) -> dict[str, Elements]:
    result = {}
    for path in site.rglob("*.html"):
        parser = Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        result[path.relative_to(site).as_posix()] = parser
    return result


def test_no_element_attribute_or_link_comes_from_the_text(hostile_site: Path):
    for name, page in pages(hostile_site).items():
        for tag, attrs in page.tags:
            assert tag not in ("iframe", "b", "em", "style"), (name, tag, attrs)
            assert tag != "img" or attrs.get("src", "").endswith("assets/favicon.svg"), (name, attrs)
            for key, value in attrs.items():
                assert not key.startswith("on"), (name, tag, key)
                preview = (attrs.get("property") or "").startswith("og:")  # Open Graph: title, description
                if tag == "meta" and (attrs.get("name") == "description" or preview):
                    continue  # the page's own summary and preview: the text as an attribute value, escaped (below)
                assert not any(bad in (value or "") for bad in ("alert(", "evil.example", "javascript:")), (name, tag)
        assert "alert" not in page.script, name
        assert "display:none" not in page.script, name
    raw = (hostile_site / "bulletins/2025-national/civil-affairs/index.html").read_text(encoding="utf-8")
    for name in ('name="?description"?', 'property="?og:description"?'):  # minified: quotes where needed
        assert re.search(f'<meta {name} content="开展“&lt;iframe src=//evil.example(&gt;|>)”活动。"', raw), name


def test_the_text_is_shown_literally(hostile_site: Path):
    by_name = pages(hostile_site)
    agency = next(p for n, p in by_name.items() if n.startswith("bulletins/2025-national/img"))
    assert "<img src=x onerror=alert(1)>局" in agency.text
    assert "组织开展<script>alert(2)</script>活动。" in agency.text
    assert "开展[x](javascript:alert(3))。" in agency.text
    security = by_name["bulletins/2025-national/public-security/index.html"].text
    assert "*emphasis*、# heading、{{ config.site_name }}、{% if true %}x{% endif %}、`code`" in security
    assert "---title: hacked" in security
    bulletin = by_name["bulletins/2025-national/index.html"].text
    assert "<script>alert('notice')</script>" in bulletin
    assert "{{ config.site_name }} {% if true %}T{% endif %}" in bulletin


def test_titles_with_markup_stay_text(hostile_site: Path):
    page = next(p for n, p in pages(hostile_site).items() if n.startswith("bulletins/2025-national/title"))
    # The name ends where the parser cut it (at the bracket); </title> did not end the title.
    assert '"</title><script>alert · 2025 年全国 - 质量月公告档案' in page.text


def test_slugs_from_hostile_names_are_plain(hostile_site: Path):
    for path in (hostile_site / "bulletins").rglob("*"):
        assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-./_" for c in path.name), path
