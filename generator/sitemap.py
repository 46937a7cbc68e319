"""The site's sitemap, rewritten after the build from the one the engine wrote.

MkDocs writes every page into one sitemap.xml, indented, each with a `<lastmod>` of the build's
date: past 50,000 pages that file breaks the sitemap protocol's limit (search engines drop it),
and the date, the same on every page and new on every build, tells a crawler nothing (and makes
two builds of the same seeds differ). Here the pages' addresses, in the engine's order, become
compact files of at most LIMIT addresses; past one file sitemap.xml is their index. sitemap.xml.gz
is the same sitemap.xml, gzipped without a timestamp.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from xml.sax.saxutils import escape, unescape

SITEMAP = "sitemap.xml"
PARTS = "sitemaps"  # sitemaps/1.xml, 2.xml …: the parts an index lists
LIMIT = 50_000  # addresses a sitemap may hold (sitemaps.org)
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_LOC = re.compile(r"<loc>\s*([^<]*?)\s*</loc>")


def urlset(locations: list[str]) -> str:
    urls = "".join(f"<url><loc>{escape(loc)}</loc></url>" for loc in locations)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_NAMESPACE}">{urls}</urlset>\n'


def sitemap_files(locations: list[str], base: str) -> dict[str, str]:
    """Site path -> text: sitemap.xml alone, or an index of parts under `base` (the site's URL)."""
    if len(locations) <= LIMIT:
        return {SITEMAP: urlset(locations)}
    starts = range(0, len(locations), LIMIT)
    parts = {f"{PARTS}/{n + 1}.xml": urlset(locations[start : start + LIMIT]) for n, start in enumerate(starts)}
    entries = "".join(f"<sitemap><loc>{escape(base + path)}</loc></sitemap>" for path in parts)
    index = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_NAMESPACE}">{entries}</sitemapindex>\n'
    return parts | {SITEMAP: index}


def rewrite(site: Path) -> int:
    """Rewrite site/sitemap.xml (and .gz) as above; returns the addresses, 0 if the site has none."""
    source = site / SITEMAP
    if not source.is_file():
        return 0
    locations = _LOC.findall(source.read_text(encoding="utf-8"))
    if not locations:
        return 0
    locations = [unescape(loc) for loc in locations]
    base = min(locations, key=len)  # the home page's address: every other page is below it
    for path, text in sitemap_files(locations, base).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    gzipped = site / (SITEMAP + ".gz")
    if gzipped.exists():
        gzipped.write_bytes(gzip.compress((site / SITEMAP).read_bytes(), mtime=0))
    return len(locations)
