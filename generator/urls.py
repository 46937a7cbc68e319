"""The URL scheme: where every generated file lives in docs/, and so every page's public URL.

A public contract (README, "URL scheme"; tests/test_urls.py holds the table there against this
module): a URL depends only on a bulletin's year and region and an agency's family, and never
changes when another bulletin is added. Paths are docs/-relative; a page `x/y.md` is served at
`x/y/`, an `index.md` at its folder.
"""

from __future__ import annotations

import re

HOME = "index.md"
BULLETINS = "bulletins/index.md"
AGENCIES = "agencies/index.md"
CAMPAIGNS = "campaigns/index.md"
REGIONS = "browse/regions/index.md"  # bulletins by level and region
FEED = "feed.xml"  # Atom: the newest bulletins
PAGE_SLUGS_TAKEN = ("index", "source")  # file names in a bulletin's folder that no agency page may take


def bulletin(bulletin_id: str) -> str:
    return f"bulletins/{bulletin_id}/index.md"


def entry(bulletin_id: str, slug: str) -> str:
    """An agency's page in a bulletin; `slug` is its family id, -2, -3 … for a second, third item."""
    return f"bulletins/{bulletin_id}/{slug}.md"


def source(bulletin_id: str) -> str:
    """The bulletin's text as read from its seed."""
    return f"bulletins/{bulletin_id}/source.txt"


def original(bulletin_id: str, suffix: str) -> str:
    """The attachment as published (a Word or PDF seed), for download beside its text."""
    return f"bulletins/{bulletin_id}/source{suffix.lower()}"


def family(family_id: str) -> str:
    return f"agencies/{family_id}.md"


def family_year(family_id: str, year: int, page: int = 1) -> str:
    """A year of a family's timeline, once it is too long for one page; its page 2, 3 …"""
    return f"agencies/{family_id}/{year}.md" if page == 1 else f"agencies/{family_id}/{year}/{page}.md"


def bulletins_year(year: int, page: int = 1) -> str:
    """A year of the list of bulletins, once it is too long for one page; its page 2, 3 …"""
    return f"bulletins/{year}.md" if page == 1 else f"bulletins/{year}/{page}.md"


CAMPAIGN_SLUGS_TAKEN = ("index", "pages")  # file and folder names in campaigns/ that no series may take


def campaigns_page(n: int) -> str:
    """Page n of the campaigns overview."""
    return CAMPAIGNS if n == 1 else f"campaigns/pages/{n}.md"


def campaign(slug: str) -> str:
    """A campaign series: 昆仑 2023 and 昆仑 2024 share campaigns/kunlun.md."""
    return f"campaigns/{slug}.md"


def campaign_year(slug: str, year: int, page: int = 1) -> str:
    """A year of a campaign's list, once it is too long for one page; its page 2, 3 …"""
    return f"campaigns/{slug}/{year}.md" if page == 1 else f"campaigns/{slug}/{year}/{page}.md"


def region(slug: str) -> str:
    """A region's bulletins: its slug as in bulletin ids (national, fujian, putian)."""
    return f"browse/regions/{slug}.md"


def decade(start: int) -> str:
    """Families × years for the decade starting in `start` (2020 for 2020–2029)."""
    return f"browse/decades/{start}.md"


def family_feed(family_id: str) -> str:
    """Atom: the family's newest entries."""
    return f"feeds/{family_id}.xml"


DATASET = "archive"  # downloads: every agency page with its text
BULLETIN_LIST = "bulletins"


def download(name: str, ext: str) -> str:
    """A listing's rows as CSV or JSON: downloads/archive.csv, downloads/agencies/market-regulation.json …"""
    return f"downloads/{name}.{ext}"


# What a listing is called in downloads/, by the kind of listing.
_LISTINGS = {"year": "years", "family": "agencies", "region": "regions", "campaign": "campaigns"}


def listing(kind: str, key: str | int) -> str:
    """A listing's name for download(): listing("year", 2024) -> years/2024, listing("family", …) …"""
    return f"{_LISTINGS[kind]}/{key}"


def api(name: str) -> str:
    return f"api/{name}.json"


ACTIVITY_PREFIX = "a-"
# An activity as render.agency_page writes it (an <li> with its anchor): how the check and search
# find the activities again in a page.
ACTIVITY_ITEM = re.compile(rf'<li id="{ACTIVITY_PREFIX}\d+">(.*?)</li>', re.S)


def activity(number: int) -> str:
    """The anchor of an agency page's n-th activity."""
    return f"{ACTIVITY_PREFIX}{number}"


def year_anchor(year: int) -> str:
    """A year's section on an index page."""
    return f"y{year}"


def url(path: str) -> str:
    """The public, site-relative URL of a docs/ path: bulletins/2024-national/index.md -> bulletins/2024-national/."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/" if path.endswith(".md") else path


def link(src: str, dst: str) -> str:
    """A relative link from the page at docs/ path `src` to the file at `dst`, as MkDocs resolves it."""
    here, there = src.split("/")[:-1], dst.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


def html_link(src: str, dst: str) -> str:
    """A relative link in raw HTML, which MkDocs does not rewrite: from the built page of `src`
    (agencies/x.md is served at agencies/x/) to the file at `dst`."""
    return link(url(src) + "index.md", dst)
