"""Printed, a page is its text: no header, navigation, footer or buttons."""


def test_print_hides_navigation(visit):
    page = visit.open("bulletins/2024-national/market-regulation/")
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-footer", ".md-sidebar--primary", "button.copy-link", ".breadcrumbs"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("ol.activities").is_visible()
