"""The slim pages (generator/theme, generator/postbuild.py) look the same as stock Material's."""

import io

import pytest
from PIL import Image, ImageChops

from tests.browser.conftest import PHONE, open_tab
from tests.helpers import build_site, generate_docs, make_project, serve, stock_material

PAGES = ["", "bulletins/2024-national/", "bulletins/2024-national/market-regulation/", "agencies/market-regulation/"]
DESKTOP = {"width": 1280, "height": 900}
ANTIALIASING = 8  # grey levels of 255


@pytest.fixture(scope="module")
def stock_url(tmp_path_factory):
    """The same pages built by stock Material: no theme overrides, no post-build step."""
    work = make_project(tmp_path_factory.mktemp("stock"))
    stock_material(work)
    generate_docs(work)
    with serve(build_site(work, slim=False)) as url:
        yield url


def shots(browser, base: str, path: str, viewport: dict, drawer: bool) -> Image.Image:
    tab = next(open_tab(browser, base, viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE))
    page = tab.open(path)
    if drawer:
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(1000)  # the drawer slides in
    image = settled(page)
    page.context.close()
    return image


def settled(page) -> Image.Image:
    """A screenshot once fonts are loaded and fetches done."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    return Image.open(io.BytesIO(page.screenshot(full_page=True, animations="disabled"))).convert("RGB")


def differences(ours: Image.Image, stock: Image.Image) -> int:
    """Pixels that differ by more than anti-aliasing: Chromium's software raster shades the edge
    of a rounded corner a level or two differently from one frame to the next."""
    if ours.size != stock.size:
        return ours.width * ours.height
    delta = ImageChops.difference(ours, stock).convert("L")
    return sum(delta.point(lambda level: 255 if level > ANTIALIASING else 0).histogram()[255:])


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("viewport", "drawer"), [(DESKTOP, False), (PHONE, False), (PHONE, True)])
def test_a_slim_page_looks_like_stock_materials(browser, site_url, stock_url, path, viewport, drawer):
    ours, stock = shots(browser, site_url, path, viewport, drawer), shots(browser, stock_url, path, viewport, drawer)
    assert differences(ours, stock) == 0


def test_a_moved_line_is_a_difference():
    page = Image.new("RGB", (40, 40), "white")
    moved = page.copy()
    moved.paste((0, 0, 0), (0, 10, 40, 11))
    assert differences(page, moved) == 40
    assert differences(page, page.resize((40, 41))) > 0
