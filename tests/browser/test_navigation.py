import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, search
from tests.browser.test_requests_console import PAGE_TYPES


def click(page, text: str, within: str = "article") -> None:
    page.locator(within).get_by_role("link", name=text, exact=True).first.click()
    page.wait_for_load_state("networkidle")


def heading(page) -> str:
    return page.locator("article h1").inner_text().removesuffix("¶")  # the heading's permalink


def test_home_to_bulletin_to_agency_to_family_to_other_year_and_back(visit):
    page = visit.open("")
    click(page, "2024 年全国“质量月”联合主办单位 开展的主要活动")
    assert page.url.endswith("/bulletins/2024-national/")
    click(page, "市场监管总局")
    assert page.url.endswith("/bulletins/2024-national/market-regulation/")
    assert page.locator("ol.activities > li").count() == 13
    click(page, "市场监管部门")
    assert page.url.endswith("/agencies/market-regulation/")
    click(page, "市市场监管局")
    assert page.url.endswith("/bulletins/2023-putian/market-regulation/")
    assert heading(page) == "市市场监管局"
    click(page, "市场监管部门")
    click(page, "市场监管总局")
    assert page.url.endswith("/bulletins/2024-national/market-regulation/")
    page.go_back()
    page.go_back()
    assert page.url.endswith("/bulletins/2023-putian/market-regulation/")


def test_previous_and_next_agency_links(visit):
    page = visit.open("bulletins/2023-putian/publicity/")
    click(page, "市中级人民法院")
    assert heading(page) == "市中级人民法院"
    click(page, "市委宣传部")
    assert heading(page) == "市委宣传部"


def test_tabs_reach_the_indexes(visit):
    page = visit.open("")
    for tab, title in (("公告", "公告"), ("部门", "部门"), ("关于", "关于本档案"), ("首页", "质量月公告档案")):
        click(page, tab, within="nav.md-tabs")
        assert heading(page) == title


def test_phone_menu_opens_and_search_works(phone):
    page = phone.open("bulletins/2024-national/market-regulation/")
    link = page.locator("nav.md-nav--primary").get_by_role("link", name="部门", exact=True)
    expect(link).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(link).to_be_in_viewport()
    # Tap the dimmed page beside the drawer, as a reader does (the overlay's centre is under the drawer
    # once it has slid in: clicking there only worked while the drawer was still moving).
    page.locator("label.md-overlay").click(position={"x": PHONE["width"] - 20, "y": PHONE["height"] // 2})
    expect(link).not_to_be_in_viewport()
    results = search(page, "电梯")
    assert set(results[:2]) == {
        "bulletins/2024-national/market-regulation/",
        "bulletins/2023-putian/market-regulation/",
    }


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_page_is_wider_than_the_phone(phone, kind):
    page = phone.open(PAGE_TYPES[kind])
    width, scroll = page.evaluate("[window.innerWidth, document.documentElement.scrollWidth]")
    # A phone widens its layout viewport to fit a page that is too wide (innerWidth grows past the
    # screen); else the page would scroll sideways (scrollWidth past it). Neither may happen.
    assert width == PHONE["width"], f"{kind}: laid out {width} px wide on a {PHONE['width']} px screen"
    assert scroll <= width, f"{kind}: {scroll} px wide on a {width} px screen: it scrolls sideways"


def test_the_404_page(visit):
    page = visit.open("bulletins/2099-nowhere/", status=404)
    assert heading(page) == "404：页面不存在"
    assert page.locator("nav.md-tabs, label[for='__drawer']").count() >= 1  # the site around it, to go on from
