"""The search suite (tests/data/search_queries.yml): what each query must return on a built site, and
how to put it to Material's search box in Chromium (benchmarks/search_suite.py, tests/browser).

Expected pages are derived, not written by hand: every agency page (api/pages.json) whose agency
name, or one of whose activities (the page's `<li id="a-N">` items), contains the query once both
are normalised as search normalises them (generator/search/text.py). The first result must be one
of the query's `top1` pages if the YAML gives them, else a page whose agency name contains the query
if there is one, else any expected page; a query with no expected page must show no result.
Recall counts a query as found when every expected page is among its first k = expected + 2 results.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml
from playwright.sync_api import Page

from benchmarks.search_query import TIME_QUERY
from generator.search.text import normalise

QUERIES = Path(__file__).parent / "data" / "search_queries.yml"
SLACK = 2  # results allowed beyond the expected pages before one counts as missed
TARGET_MS = 100  # issue 14: first results within this, every query, at the seeds' size
_ACTIVITY = re.compile(r'<li id="?a-\d+"?>(.*?)</li>', re.S)  # quoted or not: post-build minifies
_TAG = re.compile(r"<[^>]+>")
SETTLE_MS = 150  # a later answer (Pagefind's older shard) comes within this of the first
_LINKS = ".md-search-result__item > a.md-search-result__link"


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    expected: frozenset[str]  # page URLs, site-relative
    top1: frozenset[str]  # acceptable first results (empty: no result at all)

    @property
    def k(self) -> int:
        return len(self.expected) + SLACK


@dataclass(frozen=True)
class Outcome:
    query: Query
    results: list[str]  # the result pages, in order, once each
    ms: float  # time to first results

    @property
    def found(self) -> bool:
        if not self.query.expected:
            return not self.results
        return self.query.expected <= set(self.results[: self.query.k])

    @property
    def top1(self) -> bool:
        if not self.query.top1:
            return not self.results
        return bool(self.results) and self.results[0] in self.query.top1


@dataclass(frozen=True)
class AgencyPage:
    url: str
    agency: str
    activities: tuple[str, ...]


def agency_pages(site: Path) -> list[AgencyPage]:
    """Every agency page of the built site, with its agency name and activities as text."""
    pages = []
    for entry in json.loads((site / "api" / "pages.json").read_text(encoding="utf-8")):
        page = (site / entry["url"] / "index.html").read_text(encoding="utf-8")
        activities = tuple(html.unescape(_TAG.sub("", item)) for item in _ACTIVITY.findall(page))
        pages.append(AgencyPage(entry["url"], entry["agency"], activities))
    return pages


def load_queries(site: Path, path: Path = QUERIES) -> list[Query]:
    pages = agency_pages(site)
    queries = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]:
        text = str(item["q"])
        wanted = normalise(text)
        expected = frozenset(
            page.url
            for page in pages
            if wanted in normalise(page.agency) or any(wanted in normalise(a) for a in page.activities)
        )
        named = frozenset(page.url for page in pages if page.url in expected and wanted in normalise(page.agency))
        top1 = frozenset(item["top1"]) if "top1" in item else named or expected
        queries.append(Query(text, item["kind"], expected, top1))
    return queries


def clear(page: Page) -> None:
    """An empty box, and the placeholder in the result list (so the next answer is seen to arrive)."""
    page.evaluate(
        """() => {
          const input = document.querySelector("input.md-search__input");
          input.value = "";
          input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }));
        }"""
    )
    page.locator(".md-search-result__meta", has_text="键入").wait_for()


def shown(page: Page) -> list[str]:
    hrefs = page.locator(_LINKS).evaluate_all("links => links.map(a => a.href)")
    return list(dict.fromkeys(urlparse(href).path.lstrip("/") for href in hrefs))


def results(page: Page, wanted: int) -> list[str]:
    """The result pages, scrolling Material's lazily rendered list until `wanted` are shown or no
    more come."""
    paths = shown(page)
    wrap = page.locator(".md-search__scrollwrap")
    while len(paths) < wanted:
        # Material renders 4 more each time the list's end comes into view: leave it, then reach it.
        wrap.evaluate("wrap => { wrap.scrollTop = 0; }")
        page.wait_for_timeout(30)
        wrap.evaluate("wrap => { wrap.scrollTop = wrap.scrollHeight; }")
        page.wait_for_timeout(60)
        more = shown(page)
        if len(more) == len(paths):
            break
        paths = more
    return paths


def run_query(page: Page, query: Query) -> Outcome:
    clear(page)
    timing = page.evaluate(TIME_QUERY, query.text)
    page.wait_for_timeout(SETTLE_MS)
    return Outcome(query, results(page, query.k), timing["ms"])


def open_search(page: Page, base: str) -> None:
    page.goto(base)
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    page.locator(".md-search-result__meta", has_text="键入").wait_for()  # the worker is ready
