"""The whole pipeline on the seeds: generated docs/, the built site/, and its public data."""

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import frontmatter

from generator.check import check, seed_items
from generator.errors import Warnings
from generator.readers import read_document, seed_name
from tests.helpers import build_site, generate_docs, make_project, tree
from tests.test_render import AGENCY_KEYS

THIRD_BULLETIN = """附件1

2025 年福建省“质量月”联合主办单位开展的主要活动

一、省市场监管局开展“电梯安全宣传周”活动。

二、省公安厅结合“昆仑 2025”专项行动，打击侵权假冒犯罪。

三、省市场监管局组织开展质量帮扶活动。
"""


def test_every_generated_page_has_its_front_matter(docs: Path):
    agency_pages = [p for p in (docs / "bulletins").glob("*/*.md") if p.name != "index.md"]
    assert len(agency_pages) == 47
    for path in agency_pages:
        meta = frontmatter.load(path).metadata
        assert meta.keys() >= AGENCY_KEYS, path
        assert re.fullmatch(r"seeds/[^:]+\.txt:\d+", meta["source"])
    for path in [*docs.glob("agencies/*.md"), *docs.glob("bulletins/*/index.md"), docs / "index.md"]:
        assert frontmatter.load(path).metadata["title"], path


class _Shown(HTMLParser):
    """The text of the page's h1 and of each activity (li id="a-N"), as a browser shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.agency, self.activities = "", []
        self._into: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._into = "h1"
        elif tag == "li" and re.fullmatch(r"a-\d+", dict(attrs).get("id") or ""):
            self._into = "li"
            self.activities.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "li"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into == "h1":
            self.agency += data
        elif self._into == "li":
            self.activities[-1] += data


def test_built_html_shows_every_seed_item_verbatim(site: Path, docs: Path):
    """Each agency page's HTML (not only its Markdown) holds its item's text from the raw seed:
    agency and activities, character for character, whitespace aside."""
    seeds = sorted((docs.parent / "seeds").iterdir())
    items = {}
    for path in seeds:
        document = read_document(path, seed_name(path), Warnings())
        items |= {f"{document.path}:{line}": text for line, text in seed_items(document)}
    shown = {}
    for page in (docs / "bulletins").glob("*/*.md"):
        source = frontmatter.load(page).metadata.get("source", "")
        if ":" in source:  # an agency page
            parser = _Shown()
            parser.feed((site / page.relative_to(docs).with_suffix("") / "index.html").read_text(encoding="utf-8"))
            shown[source] = parser.agency + "".join(parser.activities)
    assert len(shown) == len(items) == 47
    for source, text in items.items():
        assert "".join(shown[source].split()) == "".join(text.split()), source


def test_urls_are_lowercase_ascii(site: Path):
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("bulletins", "agencies", "api")):
            assert re.fullmatch(r"[a-z0-9./-]+", rel), rel


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []  # what a browser fetches by itself when it loads the page
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for key in ("href", "src"):
            if values.get(key) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(values[key])
                if tag != "a":
                    self.assets.append(values[key])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(site: Path):
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for link in parsed.links:
            url = urlparse(urljoin(base, link))
            if url.scheme in ("mailto", "data", "javascript") or url.netloc != "site":
                continue
            target = site / unquote(url.path).lstrip("/")
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif url.fragment and target.suffix == ".html" and url.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert broken == []
    # agency, family, bulletin pages; home, 2 indexes, about, 404; campaigns; regions (3), a decade
    assert len(pages) == 47 + 26 + 2 + 5 + 1 + 31 + 4


def test_no_third_party_asset_in_any_page(site: Path):
    for page in site.rglob("*.html"):
        for asset in _parse(page).assets:
            assert not asset.startswith(("http://", "https://", "//")), (page, asset)


def test_family_page_joins_the_years(site: Path):
    html = (site / "agencies/market-regulation/index.html").read_text(encoding="utf-8")
    assert html.index("市场监管总局") < html.index("市市场监管局")  # newest year first
    assert re.search(r'href="?../../bulletins/2023-putian/market-regulation/"?>', html)


def test_activities_have_stable_anchors(site: Path):
    page = _parse(site / "bulletins/2024-national/market-regulation/index.html")
    assert {"a-1", "a-13", "activities", "links"} <= page.ids


def test_public_data(site: Path):
    pages = json.loads((site / "api/pages.json").read_text(encoding="utf-8"))
    agencies = json.loads((site / "api/agencies.json").read_text(encoding="utf-8"))
    bulletins = json.loads((site / "api/bulletins.json").read_text(encoding="utf-8"))
    assert len(pages) == 47 and len(agencies) == 26 and len(bulletins) == 2
    first = pages[0]
    assert first["url"] == "bulletins/2024-national/market-regulation/"
    assert {k: first[k] for k in ("bulletin", "year", "region", "level", "agency", "agency_id", "order")} == {
        "bulletin": "2024-national", "year": 2024, "region": "全国", "level": "national",
        "agency": "市场监管总局", "agency_id": "market-regulation", "order": 1,
    }  # fmt: skip
    assert {"title", "campaigns"} <= first.keys()
    market = next(a for a in agencies if a["id"] == "market-regulation")
    assert market["url"] == "agencies/market-regulation/"
    assert market["entries"] == [
        "bulletins/2024-national/market-regulation/",
        "bulletins/2023-putian/market-regulation/",
    ]
    assert all((site / page["url"] / "index.html").is_file() for page in pages)
    assert {b["id"]: b["agencies"] for b in bulletins} == {"2024-national": 25, "2023-putian": 22}
    assert set(bulletins[0]) >= {"id", "title", "year", "region", "level", "url", "source", "agencies"}
    assert bulletins[0]["campaign"] == "质量月"


def test_search_leads_to_agency_pages(site: Path):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "bulletins/2024-national/market-regulation/" in locations
    assert not locations & {"", "agencies/", "bulletins/", "agencies/market-regulation/", "bulletins/2024-national/"}
    assert index["config"]["lang"] == ["zh"]


def test_page_html_does_not_grow_with_the_archive(site: Path):
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) < 40_000, max(sizes, key=sizes.get)


def test_same_seeds_give_byte_identical_docs(tmp_path: Path, docs: Path):
    again = make_project(tmp_path)
    generate_docs(again)
    assert tree(again / "docs") == tree(docs)


def test_a_second_build_rewrites_nothing(tmp_path: Path):
    work = make_project(tmp_path)
    generate_docs(work)
    assert "0 files written" in generate_docs(work)


def test_adding_a_bulletin_changes_no_existing_url(tmp_path: Path, docs: Path):
    work = make_project(tmp_path)
    (work / "seeds" / "fujian.txt").write_text(THIRD_BULLETIN, encoding="utf-8")
    generate_docs(work)
    for path in (docs / "bulletins").glob("*/*.md"):
        rel = path.relative_to(docs)
        before, after = frontmatter.load(path).metadata, frontmatter.load(work / "docs" / rel).metadata
        assert (after.get("agency"), after["bulletin"]) == (before.get("agency"), before["bulletin"]), rel
    new = sorted(p.name for p in (work / "docs/bulletins/2025-fujian").glob("*.md"))
    assert new == ["index.md", "market-regulation-2.md", "market-regulation.md", "public-security.md"]
    shutil.rmtree(tmp_path / "docs")


def test_index_pages_split_by_year_past_the_limit(tmp_path: Path, monkeypatch):
    """A large archive: indexes become per-year pages, and the strict build finds every link."""
    monkeypatch.setattr("generator.render.INDEX_LIMIT", 1)
    work = make_project(tmp_path)
    generate_docs(work)
    docs = work / "docs"
    assert (docs / "bulletins/2024.md").is_file() and (docs / "agencies/market-regulation/2023.md").is_file()
    assert "[2024 年](bulletins/2024.md)" in (docs / "index.md").read_text(encoding="utf-8")
    year_page = (docs / "agencies/market-regulation/2023.md").read_text(encoding="utf-8")
    assert "[市市场监管局](../../bulletins/2023-putian/market-regulation.md)" in year_page
    assert "[下一页](2023/2.md)" in year_page
    second = (docs / "agencies/market-regulation/2023/2.md").read_text(encoding="utf-8")
    assert "[市自然资源局](../../../bulletins/2023-putian/natural-resources.md)（作为联合单位）" in second
    assert check(sorted((work / "seeds").iterdir()), docs) == []  # paged lists are not agency pages
    site = build_site(work)  # --strict: every one of these relative links must resolve
    assert (site / "agencies/market-regulation/2024/index.html").is_file()
    assert (site / "bulletins/2023/index.html").is_file()
