"""The slim pages (generator/theme, generator/postbuild.py) look the same as stock Material's."""

import re

import pytest

from tests.browser.conftest import PHONE, open_tab
from tests.helpers import build_site, generate_docs, make_project, serve

PAGES = ["", "bulletins/2024-national/", "bulletins/2024-national/market-regulation/", "agencies/market-regulation/"]
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def stock_url(tmp_path_factory):
    """The same pages built by stock Material: no theme overrides, no post-build step."""
    work = make_project(tmp_path_factory.mktemp("stock"))
    config = work / "mkdocs.yml"
    config.write_text(re.sub(r"^  custom_dir: .*\n", "", config.read_text(encoding="utf-8"), flags=re.M), "utf-8")
    generate_docs(work)
    with serve(build_site(work, slim=False)) as url:
        yield url


def shots(browser, base: str, path: str, viewport: dict, drawer: bool) -> bytes:
    tab = next(open_tab(browser, base, viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE))
    page = tab.open(path)
    if drawer:
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(1000)  # the drawer slides in
    image = page.screenshot(full_page=True, animations="disabled")
    page.context.close()
    return image


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("viewport", "drawer"), [(DESKTOP, False), (PHONE, False), (PHONE, True)])
def test_a_slim_page_looks_like_stock_materials(browser, site_url, stock_url, path, viewport, drawer):
    assert shots(browser, site_url, path, viewport, drawer) == shots(browser, stock_url, path, viewport, drawer)
