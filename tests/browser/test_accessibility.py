"""axe-core, injected into the real pages: no serious or critical violation."""

import pytest

from tests.browser.conftest import NODE_MODULES, search

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "bulletin": "bulletins/2024-national/",
    "agency": "bulletins/2024-national/market-regulation/",
    "family": "agencies/market-regulation/",
    "overview": "agencies/",
    "campaigns": "campaigns/",
    "campaign": "campaigns/kunlun/",
    "regions": "browse/regions/",
    "region": "browse/regions/putian/",
    "decade": "browse/decades/2020/",
}


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_serious_violation(visit, kind):
    assert serious_violations(visit.open(PAGES[kind])) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_results_have_no_serious_violation(visit, scheme):
    page = visit.open("")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    assert search(page, "电梯")
    page.wait_for_timeout(1000)  # results fade in: measure the colours they settle on
    assert serious_violations(page) == []
