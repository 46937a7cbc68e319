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
