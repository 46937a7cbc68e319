"""The README's URL table is the public contract: every row must be what generator/urls.py makes."""

import re

import pytest

from generator import urls
from tests.helpers import ROOT

EXAMPLES = {
    "home": "/" + urls.url(urls.HOME),
    "all bulletins": urls.url(urls.BULLETINS),
    "a bulletin": urls.url(urls.bulletin("2024-national")),
    "an agency in a bulletin": urls.url(urls.entry("2024-national", "market-regulation")),
    "its n-th activity": "…/market-regulation/#" + urls.activity(3),
    "the family's second item in one bulletin": urls.url(urls.entry("…", "market-regulation-2"))[len("bulletins/") :],
    "an agency family across years": urls.url(urls.family("market-regulation")),
    "agencies overview": urls.url(urls.AGENCIES),
    "campaigns overview": urls.url(urls.CAMPAIGNS),
    "a campaign series": urls.url(urls.campaign("kunlun")),
    "bulletins by level and region": urls.url(urls.REGIONS),
    "a region's bulletins": urls.url(urls.region("putian")),
    "families × years, a decade": urls.url(urls.decade(2020)),
    "the bulletin's source text": urls.url(urls.source("<year>-<region>")),
}


def readme_table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## URL scheme", 1)[1].split("\n\n")[2]
    rows = [line.split("|")[1:3] for line in table.splitlines()[2:]]
    return {page.strip(): url.strip() for page, url in rows}


def test_the_readme_table_has_every_page_kind():
    assert readme_table().keys() == EXAMPLES.keys()


@pytest.mark.parametrize("page", EXAMPLES)
def test_each_row_of_the_readme_is_the_scheme(page: str):
    written = re.findall(r"`([^`]+)`", readme_table()[page])
    assert EXAMPLES[page] in written, f"README says {written} for {page}; generator/urls.py makes {EXAMPLES[page]}"


@pytest.mark.parametrize(
    ("src", "dst", "expected"),
    [
        ("bulletins/2024-national/a.md", "agencies/a.md", "../../agencies/a.md"),
        ("bulletins/2024-national/a.md", "bulletins/2024-national/b.md", "b.md"),
        ("agencies/a.md", "agencies/a/2024.md", "a/2024.md"),
        ("agencies/a/2024.md", "agencies/a.md", "../a.md"),
        ("agencies/a/2024/2.md", "bulletins/x/a.md", "../../../bulletins/x/a.md"),
        ("index.md", "bulletins/x/index.md", "bulletins/x/index.md"),
    ],
)
def test_links_are_relative_as_mkdocs_resolves_them(src: str, dst: str, expected: str):
    assert urls.link(src, dst) == expected


def test_raw_html_links_start_from_the_built_page():
    assert urls.html_link("agencies/a.md", "downloads/a.json") == "../../downloads/a.json"
    assert urls.html_link("bulletins/index.md", "downloads/a.json") == "../downloads/a.json"
    assert urls.html_link("index.md", "feed.xml") == "feed.xml"
