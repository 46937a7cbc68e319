"""The post-build step: slimmer pages that say and link exactly what MkDocs wrote."""

from __future__ import annotations

import json
import re
import shutil
import statistics
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.postbuild import CONFIG, SPRITE, postbuild, slim_page
from tests.helpers import build_site, generate_docs, make_project, tree

ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([^"]+)">(.*?)</svg>', re.DOTALL)
USE = re.compile(r'<use href="?([^" >]+)#(i-[0-9a-f]+)"?>')
SKIPPED = {"svg", "use", "path"}  # the icons: compared through the sprite below


class Reading(HTMLParser):
    """What a page says and links: its text (whitespace runs as one space), its elements with their
    attributes, and the theme's __config as JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self.config = None
        self._in: str | None = None
        self._config = ""

    def handle_starttag(self, tag, attrs):
        if tag not in SKIPPED:
            self.elements.append((tag, dict(attrs)))
        self._in = dict(attrs).get("id") if tag == "script" else None

    def handle_endtag(self, tag):
        if tag == "script" and self._in == "__config":
            self.config = json.loads(self._config)
        self._in = None

    def handle_data(self, data):
        if self._in == "__config":
            self._config += data
        elif self._in is None and data.strip():
            self.text.append(" ".join(data.split()))


def read(html: str, site: Path | None = None) -> Reading:
    """`site`: where the page is, to read the config a slim page loads (assets/javascripts/config.js)
    as the page's own: that script's element stands where the `__config` element stood."""
    reading = Reading()
    reading.feed(html)
    for index, (tag, attrs) in enumerate(reading.elements):
        if site is not None and tag == "script" and (attrs.get("src") or "").endswith(CONFIG):
            prefix = attrs["src"].removesuffix(CONFIG)
            shared = re.search(r"const config = (\{.*\});\n", (site / CONFIG).read_text(encoding="utf-8"))
            reading.config = json.loads(shared.group(1))
            reading.config["base"] = prefix.removesuffix("/") or "."
            if prefix:  # the home page's search worker, from below the root
                reading.config["search"] = prefix + reading.config["search"].removeprefix("./")
            reading.elements[index] = ("script", {"id": "__config", "type": "application/json"})
    return reading


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The seeds' site as MkDocs wrote it, and the same site after the post-build step."""
    work = make_project(tmp_path_factory.mktemp("raw"))
    generate_docs(work)
    raw = build_site(work, slim=False)
    slim = tmp_path_factory.mktemp("slim") / "site"
    shutil.copytree(raw, slim)
    postbuild(slim)
    return raw, slim


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_says_and_links_what_mkdocs_wrote_but_its_generator_tag(built):
    raw, slim = built
    assert len(pages(raw)) > 50
    for page in pages(raw):
        before = read((raw / page).read_text(encoding="utf-8"))
        after = read((slim / page).read_text(encoding="utf-8"), slim)
        assert after.text == before.text, page
        generator = [
            (tag, attrs) for tag, attrs in before.elements if tag == "meta" and attrs.get("name") == "generator"
        ]
        assert len(generator) == 1, page  # the one element the post-build step drops
        assert after.elements == [element for element in before.elements if element not in generator], page
        assert after.config == before.config, page


def test_every_icon_is_the_one_mkdocs_inlined(built):
    raw, slim = built
    symbols = {s.get("id"): s for s in ET.parse(slim / SPRITE).getroot()}  # well-formed SVG
    for page in pages(raw):
        html = (raw / page).read_text(encoding="utf-8")
        inline = ICON.findall(html)
        used = USE.findall((slim / page).read_text(encoding="utf-8"))
        assert len(used) == len(inline), page
        assets = "/" if page == "404.html" else "../" * page.count("/")  # 404.html: any address, so from the root
        assert f'<link rel="stylesheet" href="{assets}assets/stylesheets/' in html
        for (view_box, body), (href, icon) in zip(inline, used, strict=True):
            assert href == assets + SPRITE, page
            symbol = symbols[icon]
            assert symbol.get("viewBox") == view_box
            assert "".join(ET.tostring(child, encoding="unicode") for child in symbol).replace(
                ' xmlns:ns0="http://www.w3.org/2000/svg"', ""
            ).replace("ns0:", "") == re.sub(r"\s*/>", " />", body)


def test_only_pages_and_the_sitemap_change_and_the_search_index_is_untouched(built):
    raw, slim = built
    before, after = tree(raw), tree(slim)
    assert after.keys() - before.keys() == {SPRITE, CONFIG}
    changed = {path for path in before if before[path] != after[path]}
    assert changed and all(path.endswith(".html") for path in changed - {"sitemap.xml", "sitemap.xml.gz"})
    assert {"sitemap.xml", "sitemap.xml.gz"} <= changed  # generator/sitemap.py, tests/test_sitemap.py
    assert before["search/search_index.json"] == after["search/search_index.json"]


def test_slimming_twice_changes_nothing(built):
    _, slim = built
    for page in pages(slim)[:20]:
        text = (slim / page).read_text(encoding="utf-8")
        assert slim_page(text)[0] == text


def test_a_page_that_does_not_say_where_assets_are_keeps_its_icons():
    page = '<p>x</p><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0h24"/></svg>'
    slim, icons = slim_page(page)
    assert icons == set()
    assert '<path d="M0 0h24"/>' in slim


def test_agency_pages_are_under_7_kb(site: Path):
    urls = [page["url"] for page in json.loads((site / "api/pages.json").read_text(encoding="utf-8"))]
    sizes = [(site / url / "index.html").stat().st_size for url in urls]
    assert statistics.median(sizes) <= 7_000
    assert max(sizes) < 9_000


def test_escaped_text_stays_escaped():
    page = '<title>&quot;&lt;/title&gt;&lt;script&gt;x</title><p title="&lt;b&gt;">&lt;i&gt; &amp;lt;</p>'
    slim, _ = slim_page(page)
    assert "<script>" not in slim and "<b>" not in slim and "<i>" not in slim
    assert read(slim).text == read(page).text
    stand_in = page + "<p>\ue000</p>"
    assert slim_page(stand_in)[0] == stand_in  # the stand-in character in a page: left as it is
