"""Ready for Material's successor: Zensical builds the same docs/ from the same mkdocs.yml."""

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.helpers import serve


@pytest.fixture(scope="module")
def zensical_site(project: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("zensical")
    shutil.copy(project / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(project / "docs", work / "docs")
    (work / "generator").symlink_to(project / "generator")  # mkdocs.yml's theme overrides: generator/theme
    zensical = Path(sys.executable).with_name("zensical")
    subprocess.run([str(zensical), "build"], cwd=work, check=True, capture_output=True)
    return work / "site"


def test_zensical_builds_every_page_type(zensical_site: Path):
    for path in (
        "index.html",
        "bulletins/2024-national/index.html",
        "bulletins/2024-national/market-regulation/index.html",
        "bulletins/2023-putian/market-regulation/index.html",
        "agencies/market-regulation/index.html",
        "agencies/index.html",
        "api/pages.json",
    ):
        assert (zensical_site / path).is_file(), path
    page = (zensical_site / "bulletins/2024-national/market-regulation/index.html").read_text(encoding="utf-8")
    assert '<li id="a-13">开展反食品浪费等系列宣传活动。</li>' in page


def test_zensical_search_finds_both_market_regulation_pages(zensical_site: Path, browser):
    with serve(zensical_site) as url:
        page = browser.new_page()
        page.goto(url)
        page.locator(".md-search__button").first.click()
        box = page.get_by_role("combobox", name="Search")  # Zensical's search lives in a shadow root
        box.fill("电梯")
        box.press("End")
        page.locator("a[href*='/market-regulation/']").first.wait_for()  # results, not the home page's links
        links = page.locator("a[href*='bulletins/']")
        hrefs = links.evaluate_all("links => links.map(a => a.href)")
        page.close()
    found = {urlparse(href).path.lstrip("/") for href in hrefs}
    assert found >= {"bulletins/2024-national/market-regulation/", "bulletins/2023-putian/market-regulation/"}
