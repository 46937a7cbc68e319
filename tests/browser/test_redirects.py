"""A renamed family's old URLs lead to the new ones in a real browser, #fragment kept."""

from collections.abc import Iterator

import pytest

from tests.browser.conftest import open_tab
from tests.helpers import build_site, generate_docs, make_project, serve


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = make_project(tmp_path_factory.mktemp("renamed"))
    former = work / "former_ids.yml"
    former.write_text("former_ids:\n  market-regulation: [quality-inspection]\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("generator.renames.FORMER_IDS_PATH", former)
        generate_docs(work)
    with serve(build_site(work)) as url:
        yield url


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("agencies/quality-inspection/", "agencies/market-regulation/"),
        ("bulletins/2024-national/quality-inspection/#a-3", "bulletins/2024-national/market-regulation/#a-3"),
        ("bulletins/2023-putian/quality-inspection/", "bulletins/2023-putian/market-regulation/"),
    ],
)
def test_old_urls_redirect(browser, renamed_site: str, old: str, new: str):
    for visit in open_tab(browser, renamed_site):
        visit.page.goto(renamed_site + old)
        visit.page.wait_for_url(renamed_site + new)
        assert visit.page.locator("h1").count() == 1
        assert visit.foreign_requests() == []
