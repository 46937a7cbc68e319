"""The Pagefind search (extra.search_backend: pagefind) in Material's search box, on the seeds."""

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import search
from tests.helpers import serve
from tests.pagefind_site import build_pagefind_site

pytestmark = pytest.mark.browser

MARKET = {"bulletins/2024-national/market-regulation/", "bulletins/2023-putian/market-regulation/"}
SECURITY = {"bulletins/2024-national/public-security/", "bulletins/2023-putian/public-security/"}
DOUBLE_RANDOM = {
    "bulletins/2023-putian/natural-resources/",
    "bulletins/2023-putian/ecology-environment/",
    "bulletins/2023-putian/transport/",
    "bulletins/2024-national/natural-resources/",
}


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_pagefind_site(tmp_path_factory.mktemp("pagefind-browser"))
    with serve(site) as url:
        yield url


@pytest.fixture
def home(browser: Browser, pagefind_url: str) -> Iterator[Page]:
    """The home page in a fresh tab; page.errors lists console errors, page.hosts the hosts asked."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.errors, page.hosts = [], set()
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.hosts.add(urlparse(request.url).netloc))
    page.goto(pagefind_url)
    page.wait_for_load_state("networkidle")
    yield page
    context.close()


@pytest.mark.parametrize(("query", "first"), [("电梯", MARKET), ("昆仑", SECURITY)])
def test_pagefind_puts_both_years_first(home, query, first):
    results = search(home, query)
    assert set(results[:2]) == first, results


def test_pagefind_finds_the_four_pages_naming_double_random(home):
    assert set(search(home, "双随机")) == DOUBLE_RANDOM


def test_pagefind_results_show_title_and_excerpt_without_errors(home, pagefind_url):
    search(home, "昆仑")
    first = home.locator(".md-search-result__item").first
    assert " · " in first.locator("h1").inner_text()  # the page's title: agency · year region
    assert first.locator("mark").count() >= 1  # the excerpt marks the match
    assert not home.errors
    assert home.hosts == {urlparse(pagefind_url).netloc}


def test_pagefind_without_match_says_so(home):
    assert search(home, "火星") == []
    assert home.locator(".md-search-result__meta").inner_text() == "没有找到符合条件的结果"


def test_a_result_opens_its_page(home):
    search(home, "昆仑")
    home.locator(".md-search-result__item > a.md-search-result__link").first.click()
    home.wait_for_load_state("networkidle")
    assert urlparse(home.url).path.lstrip("/") in SECURITY
