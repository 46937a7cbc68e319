"""A family page compares two records side by side (stacked on a phone), shared campaigns marked."""


def columns(page):
    page.locator(".compare-view .compare-column").nth(1).wait_for()
    return page.locator(".compare-view .compare-column")


def test_two_records_side_by_side_with_shared_campaigns_marked(visit):
    page = visit.open("agencies/market-regulation/")
    found = columns(page)
    assert found.nth(0).locator("h3").inner_text() == "2024 年全国 · 市场监管总局"
    assert found.nth(1).locator("h3").inner_text() == "2023 年莆田 · 市市场监管局"
    assert found.nth(0).locator("ol > li").count() == 13
    marked = found.nth(0).locator("mark").all_inner_texts()
    assert sorted(marked) == sorted(found.nth(1).locator("mark").all_inner_texts())
    assert {"计量服务中小企业行", "电梯安全宣传周"} == set(marked)
    first, second = (found.nth(n).bounding_box() for n in (0, 1))
    assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"] - 1  # side by side
    page.locator(".compare-b").select_option(index=0)
    assert columns(page).nth(1).locator("h3").inner_text() == "2024 年全国 · 市场监管总局"
    page.locator(".compare-view a").first.click()
    assert page.url.endswith("/bulletins/2024-national/market-regulation/")
    assert visit.errors == []


def test_stacked_on_a_phone(phone):
    page = phone.open("agencies/market-regulation/")
    found = columns(page)
    first, second = (found.nth(n).bounding_box() for n in (0, 1))
    assert second["y"] >= first["y"] + first["height"] - 1
    assert first["width"] <= 390


def test_agency_pages_link_the_familys_neighbouring_years(visit):
    page = visit.open("bulletins/2023-putian/market-regulation/")
    page.get_by_role("link", name="市场监管总局 · 2024 年全国").click()
    assert page.url.endswith("/bulletins/2024-national/market-regulation/")
    page.get_by_role("link", name="市市场监管局 · 2023 年莆田").click()
    assert page.url.endswith("/bulletins/2023-putian/market-regulation/")
