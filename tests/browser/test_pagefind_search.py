"""The Pagefind search (extra.search_backend: pagefind) in Material's search box, on the seeds."""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Visit, open_tab, result_paths, search
from tests.browser.test_search import DOUBLE_RANDOM, MARKET, SECURITY
from tests.helpers import serve
from tests.pagefind_site import build_pagefind_site


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pagefind_site(tmp_path_factory.mktemp("pagefind-browser"))


@pytest.fixture(scope="module")
def pagefind_url(pagefind_site: Path) -> Iterator[str]:
    with serve(pagefind_site) as url:
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
    loaded = list(tab.requests)  # the page load and the worker's set-up (pagefind.js, its metadata …)
    tab.requests.clear()  # … are not the query's
    results = search(home, "昆仑")
    assert set(results[:2]) == SECURITY, results
    first = home.locator(".md-search-result__item").first
    assert " · " in first.locator("h1").inner_text()  # the page's title: agency · year region
    assert first.locator("mark").count() >= 1  # the excerpt marks the match
    assert not tab.errors
    assert not tab.foreign_requests()
    # Answered from Pagefind's chunks: the index chunk holding the word (at the seeds' size the one
    # chunk, already fetched by the worker's warm-up search at set-up), and the fragments (a
    # bulletin's record each) the results were read from, fetched for this query.
    chunks = loaded + tab.requests
    assert any(re.search(r"/pagefind/index/[^/]+\.pf_index$", url) for url in chunks), chunks
    assert any(re.search(r"/pagefind/fragment/[^/]+\.pf_fragment$", url) for url in tab.requests), tab.requests


def test_pagefind_without_match_says_so(home):
    assert search(home, "火星") == []
    assert home.locator(".md-search-result__meta").inner_text() == "没有找到符合条件的结果"


def test_a_result_opens_its_page(home):
    search(home, "昆仑")
    home.locator(".md-search-result__item > a.md-search-result__link").first.click()
    home.wait_for_load_state("networkidle")
    assert urlparse(home.url).path.lstrip("/") in SECURITY


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2024 bulletin in the recent shard, the 2023 one in the older shard."""
    return build_pagefind_site(tmp_path_factory.mktemp("pagefind-shards"), recent_pages=10)


@pytest.fixture
def sharded(browser: Browser, sharded_site: Path) -> Iterator[Visit]:
    with serve(sharded_site) as url:
        yield from open_tab(browser, url)


def without(site: Path, tmp_path: Path, part: str) -> Path:
    """A copy of `site` with the folder `part` gone."""
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    shutil.rmtree(broken / part)
    return broken


@pytest.fixture
def older_shard_missing(browser: Browser, sharded_site: Path, tmp_path: Path) -> Iterator[Visit]:
    with serve(without(sharded_site, tmp_path, "pagefind-older")) as url:
        yield from open_tab(browser, url)


def test_two_shards_show_the_recent_results_first_then_the_older_ones(sharded: Visit):
    page = sharded.open("")
    search(page, "电梯")
    page.locator(".md-search-result__item a[href*='2023-putian']").first.wait_for()  # the older shard's
    results = result_paths(page)
    years = [path.split("/")[1][:4] for path in results]
    assert set(results) >= MARKET, results
    assert years == sorted(years, reverse=True), results  # 2024's results, then 2023's
    assert not sharded.errors
    assert any("/pagefind-older/index/" in url for url in sharded.requests)
    assert not any("/pagefind-older/wasm" in url for url in sharded.requests)  # one WebAssembly download


def test_a_shard_that_does_not_load_leaves_the_others_searching(older_shard_missing: Visit):
    page = older_shard_missing.open("")
    results = search(page, "电梯")
    assert "bulletins/2024-national/market-regulation/" in results, results
    assert all(path.startswith("bulletins/2024-") for path in results), results
    box = page.locator("input.md-search__input")
    box.fill("火星")  # a later query is answered too (search() would read the list still shown)
    box.press("End")
    page.locator(".md-search-result__meta", has_text="没有找到符合条件的结果").wait_for()
    assert page.locator(".md-search-result__item").count() == 0


@pytest.fixture
def recent_chunks_missing(browser: Browser, sharded_site: Path, tmp_path: Path) -> Iterator[Visit]:
    """The recent shard loads (its pagefind.js, metadata, WebAssembly) and finds the word, but the
    fragments its results are read from are gone: it fails at query time, not at set-up."""
    with serve(without(sharded_site, tmp_path, "pagefind/fragment")) as url:
        yield from open_tab(browser, url)


def test_a_shard_that_fails_at_query_time_leaves_the_others_answering(recent_chunks_missing: Visit):
    results = search(recent_chunks_missing.open(""), "电梯")
    assert "bulletins/2023-putian/market-regulation/" in results, results
    assert all(path.startswith("bulletins/2023-") for path in results), results


@pytest.fixture
def shard_list_unreadable(browser: Browser, sharded_site: Path, tmp_path: Path) -> Iterator[Visit]:
    broken = tmp_path / "site"
    shutil.copytree(sharded_site, broken)
    (broken / "pagefind/shards.json").write_text("{not json", encoding="utf-8")
    with serve(broken) as url:
        yield from open_tab(browser, url)


def test_an_unreadable_shard_list_leaves_the_first_shard_searching(shard_list_unreadable: Visit):
    results = search(shard_list_unreadable.open(""), "电梯")
    assert "bulletins/2024-national/market-regulation/" in results, results
    assert all(path.startswith("bulletins/2024-") for path in results), results


def test_an_answer_to_a_query_typed_past_is_dropped(browser: Browser, pagefind_site: Path):
    """电梯 waits 4 s for its fragments; 火星 (no match: no fragment) is answered at once. The
    answer to 电梯, when it comes, must not replace the answer to what the box now says."""
    with serve(pagefind_site, delays={"pagefind/fragment/": 4}) as url:
        for tab in open_tab(browser, url):
            page = tab.open("")
            search(page, "火星")  # the index ready and 火星's chunk fetched
            box, meta = page.locator("input.md-search__input"), page.locator(".md-search-result__meta")
            with page.expect_request(lambda request: "/pagefind/fragment/" in request.url):
                box.fill("电梯")
                box.press("End")
            box.fill("火星")
            box.press("End")
            expect(meta).to_have_text("没有找到符合条件的结果")
            page.wait_for_timeout(6_000)  # 电梯's fragments have come by now
            expect(meta).to_have_text("没有找到符合条件的结果")
            assert page.locator(".md-search-result__item").count() == 0
