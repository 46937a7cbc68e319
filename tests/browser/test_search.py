import pytest

from tests.browser.conftest import open_tab, search
from tests.helpers import serve

MARKET = {"bulletins/2024-national/market-regulation/", "bulletins/2023-putian/market-regulation/"}
SECURITY = {"bulletins/2024-national/public-security/", "bulletins/2023-putian/public-security/"}
DOUBLE_RANDOM = {
    "bulletins/2023-putian/natural-resources/",
    "bulletins/2023-putian/ecology-environment/",
    "bulletins/2023-putian/transport/",
    "bulletins/2024-national/natural-resources/",
}


@pytest.mark.parametrize(("query", "first"), [("电梯", MARKET), ("昆仑", SECURITY)])
def test_search_puts_both_years_first(visit, query, first):
    results = search(visit.open(""), query)
    assert set(results[:2]) == first, results


def test_search_finds_the_four_pages_naming_double_random(visit):
    results = search(visit.open(""), "双随机")
    assert set(results) == DOUBLE_RANDOM, results


def test_search_without_match_says_so(visit):
    page = visit.open("")
    assert search(page, "火星") == []
    assert page.locator(".md-search-result__meta").inner_text() == "没有找到符合条件的结果"


def test_search_waits_for_an_index_that_is_slow_to_arrive(browser, site):
    """While the index loads Material says 正在初始化搜索引擎: the results come only after it."""
    with serve(site, delays={"search/search_index.json": 3}) as url:
        for tab in open_tab(browser, url):
            tab.page.goto(url)  # not networkidle: the index is still on its way
            results = search(tab.page, "电梯")
    assert set(results[:2]) == MARKET, results
