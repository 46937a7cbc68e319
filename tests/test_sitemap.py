import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MKDOCS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.org/archive/</loc>
         <lastmod>2026-12-03</lastmod>
    </url>
    <url>
         <loc>https://example.org/archive/a?x=1&amp;y=2</loc>
         <lastmod>2026-12-03</lastmod>
    </url>
    <url>
         <loc>https://example.org/archive/bulletins/2024-national/courts/</loc>
         <lastmod>2026-12-03</lastmod>
    </url>
</urlset>
"""


def locations(text: str, tag: str) -> list[str]:
    return [loc.text for loc in ET.fromstring(text).findall(f"s:{tag}/s:loc", NS)]


def test_the_engines_sitemap_becomes_compact_without_the_build_date(tmp_path: Path):
    (tmp_path / "sitemap.xml").write_text(MKDOCS, encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"stale")
    assert sitemap.rewrite(tmp_path) == 3
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert locations(text, "url") == [
        "https://example.org/archive/",
        "https://example.org/archive/a?x=1&y=2",
        "https://example.org/archive/bulletins/2024-national/courts/",
    ]
    assert "lastmod" not in text and "\n    " not in text
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == text
    first = (tmp_path / "sitemap.xml.gz").read_bytes()
    sitemap.rewrite(tmp_path)
    assert (tmp_path / "sitemap.xml.gz").read_bytes() == first  # no timestamp in the gzip


def test_past_the_protocols_limit_the_sitemap_is_an_index_of_parts(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sitemap, "LIMIT", 2)
    pages = [f"https://example.org/archive/p{n}/" for n in range(5)]
    files = sitemap.sitemap_files(pages, "https://example.org/archive/")
    assert locations(files["sitemap.xml"], "sitemap") == [
        f"https://example.org/archive/sitemaps/{n}.xml" for n in (1, 2, 3)
    ]
    parts = [locations(files[f"sitemaps/{n}.xml"], "url") for n in (1, 2, 3)]
    assert parts == [pages[0:2], pages[2:4], pages[4:]]


def test_a_site_without_a_sitemap_is_left_alone(tmp_path: Path):
    assert sitemap.rewrite(tmp_path) == 0
    assert not list(tmp_path.iterdir())
