"""Atom feeds: feedparser reads them without complaint, and they hold what RFC 4287 requires."""

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from lxml import etree

from generator.feeds import bulletins_feed, published
from tests.test_render import ARCHIVE, FILES, SITE_NAME

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
FEEDS = ["feed.xml", *sorted(p for p in FILES if p.startswith("feeds/"))]


def atom_problems(xml: str) -> list[str]:
    """What RFC 4287 requires of a feed and its entries (section 4.1), checked element by element."""
    root = etree.fromstring(xml.encode("utf-8"))
    problems = [] if root.tag == ATOM + "feed" else [f"root is {root.tag}"]
    entries = root.findall(ATOM + "entry")
    for node, where in [(root, "feed"), *((e, f"entry {n}") for n, e in enumerate(entries))]:
        for name in ("id", "title", "updated"):
            if len(node.findall(ATOM + name)) != 1:
                problems.append(f"{where}: needs exactly one {name}")
        if not re.match(r"^[a-z][a-z0-9+.-]*:", node.findtext(ATOM + "id") or ""):
            problems.append(f"{where}: id is not an absolute IRI")
        for date in ("updated", "published"):
            value = node.findtext(ATOM + date)
            if value is not None and not RFC3339.match(value):
                problems.append(f"{where}: {date} {value!r} is not RFC 3339")
        if where != "feed" and not node.findall(ATOM + "link") and node.find(ATOM + "content") is None:
            problems.append(f"{where}: no link and no content")
    if root.find(ATOM + "author") is None and any(e.find(ATOM + "author") is None for e in entries):
        problems.append("no author for the feed or an entry")
    return problems


@pytest.mark.parametrize("path", FEEDS[:3])
def test_feeds_parse_and_are_valid_atom(path: str):
    parsed = feedparser.parse(FILES[path])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries
    assert atom_problems(FILES[path]) == []


def test_every_family_has_a_feed():
    assert len(FEEDS) == 1 + len({e.family.id for e in ARCHIVE.entries})
    assert all(atom_problems(FILES[path]) == [] for path in FEEDS)


def test_the_bulletins_feed_is_newest_first_dated_from_metadata_else_the_year():
    parsed = feedparser.parse(FILES["feed.xml"])
    assert [e.link for e in parsed.entries] == ["bulletins/2024-national/", "bulletins/2023-putian/"]
    assert parsed.entries[0].updated == "2024-01-01T00:00:00+08:00"
    older = ARCHIVE.bulletins[1]
    dated = replace(older, meta={"published": "2025年3月2日"})
    parsed = feedparser.parse(bulletins_feed(replace(ARCHIVE, bulletins=(ARCHIVE.bulletins[0], dated)), SITE_NAME))
    assert parsed.entries[0].link == "bulletins/2023-putian/"
    assert parsed.entries[0].updated == "2025-03-02T00:00:00+08:00"
    assert parsed.feed.updated == "2025-03-02T00:00:00+08:00"
    assert published(replace(older, meta={"published": "2024-13-40"})).year == older.year


def test_a_broken_feed_is_caught():
    """The checks can fail: a feed without ids and with a bad date."""
    bad = FILES["feed.xml"].replace("<id>", "<x>").replace("</id>", "</x>").replace("2024-01-01T", "2024-01-01 ")
    assert len(atom_problems(bad)) >= 3


def test_feeds_on_the_built_site_link_to_its_pages(site: Path):
    for path in ["feed.xml", "feeds/market-regulation.xml"]:
        parsed = feedparser.parse((site / path).read_bytes())
        assert not parsed.bozo and parsed.entries
        for entry in parsed.entries:
            target = urljoin("http://x/" + path, entry.link).removeprefix("http://x/")
            assert (site / target / "index.html").is_file(), entry.link
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home
    family = (site / "agencies/market-regulation/index.html").read_text(encoding="utf-8")
    assert 'href="../../feeds/market-regulation.xml"' in family
