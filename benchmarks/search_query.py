"""What one search costs a browser (a benchmark, not a test): bytes downloaded and time to results.

    .venv/bin/python benchmarks/search_query.py SITE [--query 电梯 昆仑 双随机] [--runs 3]

Serves the built SITE on 127.0.0.1 as GitHub Pages would (gzip for text), opens its home page in
Debian's Chromium, waits until the page and the search set-up are done, then types each query into
Material's search box. For each query, in a fresh browser context (empty cache):

- set-up bytes: what the search downloads before anything is typed (Material: search_index.json and
  its worker; Pagefind: the worker, pagefind.js, its WebAssembly, entry and metadata);
- query bytes: what typing the query downloads (Pagefind: index chunks and result fragments);
- time to first results: from the key that completes the query to the first result in the list,
  measured in the page (performance.now()), median of --runs.

Works for either search backend (see generator/search/hook.py); it tells them apart by the bundle.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.tables import markdown_table  # noqa: E402
from tests.browser.conftest import CHROMIUM, FLAGS  # noqa: E402
from tests.helpers import serve  # noqa: E402

SEARCH_PATHS = ("search/", "pagefind/", "pagefind-older/", "assets/javascripts/workers/", "assets/javascripts/lunr/")
# Runs in the page: the time from the completing keyup to the first result item.
TIME_QUERY = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (list.children.length || /没有找到/.test(meta.textContent)) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(list, { childList: true });
    observer.observe(meta, { childList: true, characterData: true, subtree: true });
  });
  input.focus();
  input.value = query;
  const start = performance.now();
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }));
  const end = await done;
  return { ms: end - start, results: list.children.length };
}"""


def quiet(page, downloads: list, wait_ms: int = 1000) -> None:
    """Wait until no search file has arrived for `wait_ms` (networkidle fires once per page load)."""
    while True:
        count = len(downloads)
        page.wait_for_timeout(wait_ms)
        if len(downloads) == count:
            return


def one_query(browser, base: str, query: str) -> dict:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    downloads: list[tuple[str, int]] = []

    def finished(request) -> None:
        path = urlparse(request.url).path.lstrip("/")
        if path.startswith(SEARCH_PATHS):
            downloads.append((path, request.sizes()["responseBodySize"]))

    page.on("requestfinished", finished)
    page.goto(base)
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # a narrow screen: the magnifier opens the box
        page.locator("label.md-header__button[for='__search']").first.click()
    box.click()
    quiet(page, downloads)
    setup = sum(size for _, size in downloads)
    seen = len(downloads)
    timing = page.evaluate(TIME_QUERY, query)
    quiet(page, downloads)  # the older shards are searched after the first results are shown
    after = downloads[seen:]
    context.close()
    return {
        "setup_bytes": setup,
        "query_bytes": sum(size for _, size in after),
        "query_requests": len(after),
        "ms": timing["ms"],
        "results": timing["results"],
        "files": downloads,
    }


def measure(site: Path, queries: list[str], runs: int) -> list[dict]:
    rows = []
    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for query in queries:
            samples = [one_query(browser, base, query) for _ in range(runs)]
            first = samples[0]
            rows.append(
                {
                    "query": query,
                    "results": first["results"],
                    "setup_kb": first["setup_bytes"] / 1000,
                    "query_kb": first["query_bytes"] / 1000,
                    "total_kb": (first["setup_bytes"] + first["query_bytes"]) / 1000,
                    "requests": first["query_requests"],
                    "ms": statistics.median(s["ms"] for s in samples),
                    "files": first["files"],
                }
            )
        browser.close()
    return rows


def table(rows: list[dict]) -> str:
    header = ["query", "results shown", "set-up KB", "query KB", "total KB", "query requests", "first results ms"]
    return markdown_table(
        header,
        [
            [
                row["query"],
                str(row["results"]),
                f"{row['setup_kb']:,.1f}",
                f"{row['query_kb']:,.1f}",
                f"{row['total_kb']:,.1f}",
                str(row["requests"]),
                f"{row['ms']:.0f}",
            ]
            for row in rows
        ],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", nargs="+", default=["电梯", "昆仑", "双随机"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", action="store_true", help="list every search file downloaded")
    args = parser.parse_args()
    backend = "pagefind" if (args.site / "pagefind").is_dir() else "Material (lunr)"
    rows = measure(args.site, args.query, args.runs)
    print(f"{args.site}: {backend} search")
    print(table(rows))
    if args.files:
        for row in rows:
            print(f"\n{row['query']}:")
            for path, size in row["files"]:
                print(f"  {size:>10,}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
