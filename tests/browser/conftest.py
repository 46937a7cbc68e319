"""One Chromium for the whole browser suite, and pages that record what they request and log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NODE_MODULES = Path(__file__).parent / "node_modules"
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A browser tab with a record of every request and every console error."""

    page: Page
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str, status: int = 200) -> Page:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == status, (path, response and response.status)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def foreign_requests(self) -> list[str]:
        local = urlparse(self.base).netloc
        return [
            url
            for url in self.requests
            if urlparse(url).scheme not in ("data", "blob") and urlparse(url).netloc != local
        ]


@pytest.fixture
def visit(browser: Browser, site_url: str) -> Iterator[Visit]:
    yield from open_tab(browser, site_url)


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Visit]:
    yield from open_tab(browser, site_url, viewport=PHONE, is_mobile=True, has_touch=True)


def open_tab(browser: Browser, base: str, **options) -> Iterator[Visit]:
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()
    visit = Visit(page, base)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.errors.append(message.text))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    yield visit
    context.close()


# Material's search meta line: "正在初始化搜索引擎" while its index loads, then this placeholder for an
# empty box, then the answer to a query: 没有找到符合条件的结果, 找到 1 个…, 12 个符合条件的结果.
READY = "键入以开始搜索"
ANSWERED = re.compile("符合条件的结果")


def search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box once its index is ready; return the result pages'
    paths, in order, once each."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    meta = page.locator(".md-search-result__meta")
    box.fill("")  # a query typed before leaves its answer in the meta line: start from the placeholder
    expect(meta).to_have_text(READY, timeout=20_000)
    box.fill(query)
    box.press("End")  # Chinese typed by fill() needs a key event before results appear
    expect(meta).to_have_text(ANSWERED)
    return result_paths(page)


def result_paths(page: Page) -> list[str]:
    """The pages in the search result list now, in order, once each."""
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    return list(dict.fromkeys(urlparse(href).path.lstrip("/") for href in hrefs))
