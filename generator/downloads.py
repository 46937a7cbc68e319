"""Downloads: the whole dataset and every listing's rows, as CSV (UTF-8 with BOM, so that Excel
reads it as UTF-8) and JSON.

A row of agency pages is api/pages.json's object less its `title`; in the whole dataset it also
carries `activities`, the page's text. A listing's rows (a family, a campaign) name their pages without
the text: the text is kept once in the downloads, since an agency page sits in several listings
and repeating it in each would make the downloads outgrow the pages (benchmarks/pages.py). A row of
bulletins is api/bulletins.json's. In CSV a list is one cell, its items on lines of their own.
JSON is written compact: the downloads and the API are read by programs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from generator import meta, urls
from generator.indexes import bulletin_row, by_year, entries_of, page_row
from generator.model import Archive, Bulletin, Entry
from generator.regions import region_slug
from generator.urls import link

# api/pages.json's columns less `title` (the agency, year and region again: at 10^5 pages the
# repetition alone would be 20 MB of downloads).
LISTING_COLUMNS = (
    "url", "bulletin", "year", "region", "level", "agency", "agency_id", "order", "campaigns", "partners",
)  # fmt: skip
DATASET_COLUMNS = (*LISTING_COLUMNS, "activities")
BULLETIN_COLUMNS = (
    "id", "title", "year", "region", "level", "campaign", "url", "source", "agencies",
    *sorted(f.key for f in meta.FIELDS if f.public),
)  # fmt: skip


def listing_row(entry: Entry) -> dict:
    row = page_row(entry)
    return {column: row[column] for column in LISTING_COLUMNS}


def dataset_rows(entries: Iterable[Entry], listing: dict[str, dict]) -> list[dict]:
    """`listing`: each entry's listing_row, by its path (made once for every listing)."""
    return [listing[e.path] | {"activities": [a.text for a in e.item.activities]} for e in entries]


def bulletin_rows(bulletins: Iterable[Bulletin], counts: dict[str, list[Entry]]) -> list[dict]:
    """`counts`: indexes.entries_of the archive."""
    return [bulletin_row(b, len(counts.get(b.id, []))) for b in bulletins]


def as_csv(rows: Iterable[dict], columns: tuple[str, ...]) -> str:
    return _csv_file(_csv_lines(rows, columns), columns)


def _csv_lines(rows: Iterable[dict], columns: tuple[str, ...]) -> list[str]:
    """Each row as a line of CSV (RFC 4180: CRLF, quotes where needed); a list is one cell, its
    items on lines of their own."""
    out = io.StringIO()
    writer = csv.writer(out)
    lines = []
    for row in rows:
        writer.writerow(["\n".join(v) if isinstance(v := row.get(c, ""), list) else v for c in columns])
        lines.append(out.getvalue())
        out.seek(0)
        out.truncate()
    return lines


def _csv_file(lines: list[str], columns: tuple[str, ...]) -> str:
    return "\ufeff" + _csv_lines([dict(zip(columns, columns, strict=True))], columns)[0] + "".join(lines)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def as_json(rows: list[dict]) -> str:
    return _ENCODER.encode(rows) + "\n"


def both(name: str, rows: list[dict], columns: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """The CSV file, then the JSON: one at a time (the dataset's are 45 MB each at 10^5 pages)."""
    yield urls.download(name, "csv"), as_csv(rows, columns)
    yield urls.download(name, "json"), as_json(rows)


class _Listings:
    """Listings of agency pages, each page's row encoded once: a page sits in its family's listing
    and in each of its campaigns' (at 10^4 pages, a fifth less time for the downloads)."""

    def __init__(self, listing: dict[str, dict]) -> None:
        self.csv = dict(zip(listing, _csv_lines(listing.values(), LISTING_COLUMNS), strict=True))
        self.json = {path: _ENCODER.encode(row) for path, row in listing.items()}

    def both(self, name: str, entries: Iterable[Entry]) -> Iterator[tuple[str, str]]:
        """both(name, the entries' listing rows, LISTING_COLUMNS), from the rows as encoded."""
        paths = [entry.path for entry in entries]
        yield urls.download(name, "csv"), _csv_file([self.csv[path] for path in paths], LISTING_COLUMNS)
        # as_json of the rows: "[" + the rows joined by "," + "]".
        yield urls.download(name, "json"), "[" + ",".join(self.json[path] for path in paths) + "]\n"


def links(here: str, name: str, what: str = "下载") -> str:
    """A Markdown line linking a listing's CSV and JSON."""
    csv_link, json_link = (link(here, urls.download(name, ext)) for ext in ("csv", "json"))
    return f"{what}：[CSV]({csv_link}) · [JSON]({json_link})"


def download_files(
    archive: Archive, families: dict[str, list[Entry]], campaigns: dict[str, tuple[Entry, ...]]
) -> Iterator[tuple[str, str]]:
    """(path, content) of each download, one at a time (at 10^5 pages they are 180 MB together).
    `families`: family id -> its timeline; `campaigns`: series slug -> its entries."""
    counts = entries_of(archive)
    listing = {entry.path: listing_row(entry) for entry in archive.entries}
    yield from both(urls.DATASET, dataset_rows(archive.entries, listing), DATASET_COLUMNS)
    yield from both(urls.BULLETIN_LIST, bulletin_rows(archive.bulletins, counts), BULLETIN_COLUMNS)
    for year, bulletins in by_year(archive.bulletins).items():
        yield from both(urls.listing("year", year), bulletin_rows(bulletins, counts), BULLETIN_COLUMNS)
    listings = _Listings(listing)
    del listing  # its rows are kept encoded in `listings` now: the dicts need not stay
    for family_id, entries in families.items():
        yield from listings.both(urls.listing("family", family_id), entries)
    regions: dict[str, list[Bulletin]] = {}
    for bulletin in archive.bulletins:
        regions.setdefault(region_slug(bulletin.region, bulletin.level), []).append(bulletin)
    for slug, bulletins in regions.items():
        yield from both(urls.listing("region", slug), bulletin_rows(bulletins, counts), BULLETIN_COLUMNS)
    for slug, entries in campaigns.items():
        yield from listings.both(urls.listing("campaign", slug), entries)
