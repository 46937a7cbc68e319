"""Downloads: CSV (UTF-8 with BOM) and JSON of the whole dataset and of every listing."""

import csv
import io
import json
from pathlib import Path

from generator.downloads import LISTING_COLUMNS, as_csv, both, listing_row
from tests.test_findable import links
from tests.test_render import ARCHIVE, FILES


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read it as the local code page"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_dataset_has_every_page_with_its_text(site: Path):
    rows = read_csv((site / "downloads/archive.csv").read_bytes())
    data = json.loads((site / "downloads/archive.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data) == len(ARCHIVE.entries) == 47
    for row, item, entry in zip(rows, data, ARCHIVE.entries, strict=True):
        assert row["url"] == item["url"] == entry.url
        assert row["activities"].split("\n") == item["activities"] == [a.text for a in entry.item.activities]
        assert (row["campaigns"].split("\n") if row["campaigns"] else []) == item["campaigns"]
        assert int(row["year"]) == item["year"] == entry.year


def test_every_listing_links_its_rows(site: Path):
    pages = {
        "index.html": "downloads/archive.csv",
        "bulletins/index.html": "../downloads/bulletins.csv",
        "agencies/market-regulation/index.html": "../../downloads/agencies/market-regulation.csv",
        "campaigns/kunlun/index.html": "../../downloads/campaigns/kunlun.csv",
    }
    for page, href in pages.items():
        hrefs = {target for target, _ in links((site / page).read_text(encoding="utf-8"))}
        assert href in hrefs and f"{href[:-3]}json" in hrefs, page
    years = read_csv((site / "downloads/years/2023.csv").read_bytes())
    assert [r["id"] for r in years] == ["2023-putian"] and years[0]["agencies"] == "22"
    family = read_csv((site / "downloads/agencies/market-regulation.csv").read_bytes())
    urls = [r["url"] for r in family]  # the family page's timeline: its own items and those it joins
    assert urls[0] == "bulletins/2024-national/market-regulation/"
    assert "bulletins/2023-putian/market-regulation/" in urls
    kunlun = json.loads((site / "downloads/campaigns/kunlun.json").read_text(encoding="utf-8"))
    assert {r["agency"] for r in kunlun} == {"公安部", "市公安局"}
    assert "activities" not in kunlun[0] and "activities" not in family[0]  # the text is in the dataset


def test_csv_cells_keep_quotes_commas_and_line_breaks():
    rows = [{"a": 'x,"y"', "b": ["一", "二、三"]}]
    assert read_csv(as_csv(rows, ("a", "b")).encode("utf-8")) == [{"a": 'x,"y"', "b": "一\n二、三"}]


def test_every_family_and_campaign_has_both_files():
    for path in FILES:
        if path.startswith("downloads/") and path.endswith(".csv"):
            assert path[:-3] + "json" in FILES
    assert "downloads/agencies/public-security.csv" in FILES and "downloads/campaigns/tiequan.json" in FILES


def test_listings_from_rows_encoded_once_equal_the_rows_encoded_for_each():
    """A family's and a campaign's files are joined from rows encoded once (downloads._Listings)."""
    listing = {entry.path: listing_row(entry) for entry in ARCHIVE.entries}
    checked = 0
    for path, content in FILES.items():
        name = path.removeprefix("downloads/").rsplit(".", 1)[0]
        if path.startswith(("downloads/agencies/", "downloads/campaigns/")):
            entries = json.loads(FILES[f"downloads/{name}.json"])
            rows = [listing[entry_path(row["url"])] for row in entries]
            assert dict(both(name, rows, LISTING_COLUMNS))[path] == content, path
            checked += 1
    assert checked > 20


def entry_path(url: str) -> str:
    return next(entry.path for entry in ARCHIVE.entries if entry.url == url)
