"""The Pagefind search (extra.search_backend: pagefind) in Material's search box, on the seeds."""

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Visit, open_tab, search
from tests.browser.test_search import DOUBLE_RANDOM, MARKET, SECURITY
from tests.helpers import serve
from tests.pagefind_site import build_pagefind_site


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_pagefind_site(tmp_path_factory.mktemp("pagefind-browser"))
    with serve(site) as url:
        yield url


@pytest.fixture
def tab(browser: Browser, pagefind_url: str) -> Iterator[Visit]:
    yield from open_tab(browser, pagefind_url)


@pytest.fixture
def home(tab: Visit) -> Page:
    return tab.open("")


@pytest.mark.parametrize(("query", "first"), [("电梯", MARKET), ("昆仑", SECURITY)])
def test_pagefind_puts_both_years_first(home, query, first):
    results = search(home, query)
    assert set(results[:2]) == first, results


def test_pagefind_finds_the_four_pages_naming_double_random(home):
    assert set(search(home, "双随机")) == DOUBLE_RANDOM


def test_pagefind_results_show_title_and_excerpt_without_errors(tab, home):
    search(home, "昆仑")
    first = home.locator(".md-search-result__item").first
    assert " · " in first.locator("h1").inner_text()  # the page's title: agency · year region
    assert first.locator("mark").count() >= 1  # the excerpt marks the match
    assert not tab.errors
    assert not tab.foreign_requests()
    assert any("/pagefind/" in url for url in tab.requests)  # answered from Pagefind's chunks


def test_pagefind_without_match_says_so(home):
    assert search(home, "火星") == []
    assert home.locator(".md-search-result__meta").inner_text() == "没有找到符合条件的结果"


def test_a_result_opens_its_page(home):
    search(home, "昆仑")
    home.locator(".md-search-result__item > a.md-search-result__link").first.click()
    home.wait_for_load_state("networkidle")
    assert urlparse(home.url).path.lstrip("/") in SECURITY


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The 2024 bulletin in the recent shard, the 2023 one in the older shard."""
    site = build_pagefind_site(tmp_path_factory.mktemp("pagefind-shards"), recent_pages=10)
    with serve(site) as url:
        yield url


def test_two_shards_show_the_recent_results_first_then_the_older_ones(browser: Browser, sharded_url: str):
    for tab in open_tab(browser, sharded_url):
        page = tab.open("")
        search(page, "电梯")
        page.locator(".md-search-result__item a[href*='2023-putian']").first.wait_for()  # the older shard's
        hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
            "links => links.map(a => a.href)"
        )
        results = [urlparse(href).path.lstrip("/") for href in hrefs]
        years = [path.split("/")[1][:4] for path in results]
        assert set(results) >= MARKET, results
        assert years == sorted(years, reverse=True), results  # 2024's results, then 2023's
        assert not tab.errors
        assert any("/pagefind-older/index/" in url for url in tab.requests)
        assert not any("/pagefind-older/wasm" in url for url in tab.requests)  # one WebAssembly download
