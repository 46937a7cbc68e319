"""Copy controls put the right text on the clipboard; headings link to themselves."""

import pytest

from tests.browser.conftest import open_tab


@pytest.fixture
def clip(browser, site_url):
    for visit in open_tab(browser, site_url):
        visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        yield visit


def test_each_activity_copies_its_own_link(clip):
    page = clip.open("bulletins/2024-national/market-regulation/")
    buttons = page.locator("ol.activities > li > button.copy-link")
    assert buttons.count() == 13
    buttons.nth(2).click()
    canonical = page.locator("link[rel=canonical]").get_attribute("href")  # the public address (site_url)
    assert canonical.endswith("/bulletins/2024-national/market-regulation/")
    assert page.evaluate("navigator.clipboard.readText()") == canonical + "#a-3"
    assert buttons.nth(2).inner_text() == "已复制"


def test_the_citation_button_copies_the_citation_and_permanent_url(clip):
    page = clip.open("bulletins/2024-national/")
    button = page.locator(".citation button.copy-button")
    assert button.is_visible()
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert copied == f"2024 年全国“质量月”联合主办单位 开展的主要活动。 {canonical}"
    assert canonical.endswith("/bulletins/2024-national/")  # mkdocs.yml's site_url, not the test server's
    assert page.locator(".citation .cite-url").inner_text().strip() == canonical


def test_headings_have_permalinks(clip):
    page = clip.open("bulletins/2024-national/market-regulation/")
    assert page.locator("h2#activities a.headerlink").get_attribute("href") == "#activities"
