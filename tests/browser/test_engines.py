"""Parity: `make site --engine mkdocs|properdocs|zensical` over the same docs/ and mkdocs.yml
(generator/engines.py), each site checked by the browser suite's core."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.engines import ENGINES
from generator.pipeline import make_site
from generator.registry import REGISTRY_PATH
from tests.browser.conftest import open_tab, search
from tests.browser.test_accessibility import serious_violations
from tests.helpers import make_project, serve

AGENCY = "bulletins/2024-national/market-regulation/"
MARKET = {AGENCY, "bulletins/2023-putian/market-regulation/"}
# Median agency page, HTML bytes: Material's pages carry the slim overrides (generator/theme), Zensical's
# its own templates (the overrides step aside there), minified by the same post-build step.
PAGE_BUDGET = {"mkdocs": 7_000, "properdocs": 7_000, "zensical": 10_000}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    work = make_project(tmp_path_factory.mktemp("engines"))
    built = {}
    for engine in ENGINES:
        site = work / f"site-{engine}"
        make_site(work / "seeds", work / "mkdocs.yml", site, REGISTRY_PATH, True, engine)
        built[engine] = site
    return built


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_builds_every_page_type(sites, engine):
    site = sites[engine]
    for path in ("index.html", "bulletins/2024-national/index.html", f"{AGENCY}index.html", "agencies/index.html"):
        assert (site / path).is_file(), path
    assert "<li id=a-13>开展反食品浪费等系列宣传活动。</li>" in (site / AGENCY / "index.html").read_text("utf-8")
    urls = [page["url"] for page in json.loads((site / "api/pages.json").read_text(encoding="utf-8"))]
    median = statistics.median((site / url / "index.html").stat().st_size for url in urls)
    assert median <= PAGE_BUDGET[engine], median


def test_properdocs_writes_what_mkdocs_writes(sites):
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    files = sorted(p.relative_to(mkdocs) for p in mkdocs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs) for p in properdocs.rglob("*") if p.is_file())
    for path in files:
        # The post-build step drops the one difference, the generator tag (generator/postbuild.py).
        assert (mkdocs / path).read_bytes() == (properdocs / path).read_bytes(), path


def zensical_search(page, query: str) -> set[str]:
    page.locator(".md-search__button").first.click()
    box = page.get_by_role("combobox", name="Search")  # Zensical's search lives in a shadow root
    box.fill(query)
    box.press("End")
    page.locator("a[href*='/market-regulation/']").first.wait_for()  # results, not the home page's links
    hrefs = page.locator("a[href*='bulletins/']").evaluate_all("links => links.map(a => a.href)")
    return {urlparse(href).path.lstrip("/") for href in hrefs}


@pytest.mark.parametrize("engine", ENGINES)
def test_search_local_requests_and_axe_on_every_engine(browser, sites, engine):
    with serve(sites[engine]) as url:
        visit = next(open_tab(browser, url))
        page = visit.open("")
        found = zensical_search(page, "电梯") if engine == "zensical" else set(search(page, "电梯")[:2])
        assert found >= MARKET, found
        page = visit.open(AGENCY)
        heading = page.locator("article h1")  # its text, then its permalink (toc: permalink)
        assert heading.evaluate("h => h.firstChild.textContent") == "市场监管总局"
        assert serious_violations(page) == []
        assert visit.foreign_requests() == []
        assert visit.errors == []
        page.context.close()
