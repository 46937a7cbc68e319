"""The search suite through Material's real search box, for each search backend: recall, top-1, speed.

    .venv/bin/python benchmarks/search_suite.py [--backend lunr pagefind] [--site lunr=SITE …] [--out FILE]

For each backend it builds the seeds' site (SEARCH_BACKEND=…, as `make site` would after generating)
unless `--site BACKEND=SITE` gives a built one, serves it on 127.0.0.1 as GitHub Pages would, opens
its home page in Debian's Chromium and types every query of tests/data/search_queries.yml into
Material's search box. Per query: the result pages (scrolling the list until k = expected + 2 are
shown or the list ends), whether every expected page is among the first k (recall), whether the
first result is an acceptable one (top-1), and the time from the completing key to the first
result in the list (median of --runs, default 3). What a query must return is derived from the
built site (tests/search_suite.py). Prints a summary per backend and every failing query; `--out`
also writes them as Markdown.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.tables import markdown_table  # noqa: E402
from tests.browser.conftest import CHROMIUM, FLAGS  # noqa: E402
from tests.helpers import build_site, generate_docs, make_project, serve  # noqa: E402
from tests.search_suite import TARGET_MS, Outcome, agency_pages, load_queries, open_search, run_query  # noqa: E402

BACKENDS = ("lunr", "pagefind")


def build(backend: str, work: Path) -> Path:
    make_project(work)
    generate_docs(work)
    return build_site(work, SEARCH_BACKEND=backend)


def index_bytes(site: Path) -> int:
    """The search index's bytes: Material's one file, or Pagefind's folders less its code (pagefind.js
    and the WebAssembly, the same whatever the pages)."""
    pagefind = [
        p
        for name in ("pagefind", "pagefind-older")
        for p in (site / name).rglob("*")
        if p.is_file() and p.name != "pagefind.js" and not p.name.startswith("wasm.")
    ]
    files = pagefind or [site / "search" / "search_index.json"]
    return sum(p.stat().st_size for p in files)


def run(site: Path, runs: int) -> list[Outcome]:
    """Each query's outcome: its first run's results, the median time of `runs` (the first run of
    the first query included: it is a reader's first search)."""
    queries = load_queries(site)
    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(locale="zh-CN").new_page()
        open_search(page, base)
        outcomes = []
        for query in queries:
            tries = [run_query(page, query) for _ in range(runs)]
            outcomes.append(replace(tries[0], ms=statistics.median(o.ms for o in tries)))
        browser.close()
    return outcomes


def summary(backend: str, site: Path, outcomes: list[Outcome]) -> list[str]:
    n, ms = len(outcomes), [o.ms for o in outcomes]
    return [
        backend,
        str(n),
        f"{sum(o.found for o in outcomes) / n:.2f}",
        f"{sum(o.top1 for o in outcomes) / n:.2f}",
        f"{statistics.median(ms):.0f}",
        f"{max(ms):.0f}",
        f"{index_bytes(site) / len(agency_pages(site)) / 1000:.2f}",
    ]


def failures(outcomes: list[Outcome]) -> list[list[str]]:
    rows = []
    for o in outcomes:
        slow = o.ms > TARGET_MS
        if o.found and o.top1 and not slow:
            continue
        missing = sorted(o.query.expected - set(o.results[: o.query.k]))
        rows.append(
            [
                o.query.text,
                o.query.kind,
                " ".join(
                    problem for problem, ok in (("recall", o.found), ("top-1", o.top1), ("slow", not slow)) if not ok
                ),
                str(len(o.query.expected)),
                str(len(o.results)),
                " ".join(_short(p) for p in missing),
                _short(o.results[0]) if o.results else "–",
                f"{o.ms:.0f}",
            ]
        )
    return rows


def _short(url: str) -> str:
    return url.removeprefix("bulletins/").rstrip("/") or url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", nargs="+", choices=BACKENDS, default=list(BACKENDS))
    parser.add_argument("--site", nargs="+", default=[], metavar="BACKEND=SITE", help="a built site to use")
    parser.add_argument("--out", type=Path, help="also write the tables here, as Markdown")
    parser.add_argument("--runs", type=int, default=3, help="times each query is typed (median time)")
    args = parser.parse_args()
    given = dict(item.split("=", 1) for item in args.site)
    rows, failed = [], []
    with tempfile.TemporaryDirectory(prefix="search-suite-") as scratch:
        for backend in args.backend:
            if backend in given:
                site = Path(given[backend])
            else:
                (work := Path(scratch) / backend).mkdir()
                site = build(backend, work)
            outcomes = run(site, args.runs)
            rows.append(summary(backend, site, outcomes))
            failed += [[backend, *row] for row in failures(outcomes)]
    header = ["backend", "queries", "recall", "top-1", "median ms", "max ms", "index KB per page"]
    report = [markdown_table(header, rows)]
    if failed:
        fail_header = ["backend", "query", "kind", "fails", "expected", "results", "missing in first k", "first", "ms"]
        report.append(markdown_table(fail_header, failed))
    text = "\n\n".join(report)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
