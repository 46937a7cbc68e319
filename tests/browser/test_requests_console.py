import pytest

from tests.browser.conftest import search
from tests.browser.test_search import MARKET

PAGE_TYPES = {
    "home": "",
    "bulletins": "bulletins/",
    "bulletin": "bulletins/2024-national/",
    "agency": "bulletins/2024-national/market-regulation/",
    "family": "agencies/market-regulation/",
    "overview": "agencies/",
    "campaigns": "campaigns/",
    "campaign": "campaigns/kunlun/",
    "regions": "browse/regions/",
    "region": "browse/regions/putian/",
    "decade": "browse/decades/2020/",
    "about": "about/",
}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_third_party_request_and_no_console_error(visit, kind):
    page = visit.open(PAGE_TYPES[kind])
    page.reload()  # a second load too: nothing deferred goes out either
    page.wait_for_load_state("networkidle")
    assert visit.requests, "nothing recorded"
    assert visit.foreign_requests() == []
    assert visit.errors == []


def test_search_requests_stay_local(visit):
    page = visit.open("bulletins/")
    assert [url for url in visit.requests if url.endswith("search/search_index.json")] != []  # loaded with the page
    visit.requests.clear()
    results = search(page, "电梯")
    assert set(results[:2]) == MARKET, results  # the search itself answered, from that index
    assert not any(url.endswith("search/search_index.json") for url in visit.requests)  # not fetched again
    assert visit.foreign_requests() == []
    assert visit.errors == []


def test_404_page_requests_stay_local(visit):
    visit.open("no/such/page/", status=404)
    assert visit.foreign_requests() == []
    # The browser logs the 404 of the document itself; nothing else may fail.
    assert [e for e in visit.errors if "status of 404" not in e] == []
