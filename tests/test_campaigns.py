import json

from generator.campaigns import _slugs, campaign_files, campaigns, series_of
from generator.render import md
from tests.test_render import ARCHIVE, FILES


def test_names_differing_only_by_a_year_form_one_series():
    assert series_of("昆仑 2024") == series_of("昆仑2023") == "昆仑"
    assert series_of("2024年剑网") == "剑网"
    assert series_of("电梯安全宣传周") == "电梯安全宣传周"
    kunlun = next(c for c in campaigns(ARCHIVE) if c.series == "昆仑")
    assert kunlun.names == ("昆仑 2023", "昆仑 2024") and kunlun.slug == "kunlun"


def test_a_campaign_page_lists_every_page_naming_it_by_year():
    page = FILES["campaigns/kunlun.md"]
    assert page.index('<h2 id="y2024">2024 年</h2>') < page.index('<h2 id="y2023">')
    assert "[公安部](../bulletins/2024-national/public-security.md)" in page
    assert "[市公安局](../bulletins/2023-putian/public-security.md)" in page


def test_the_overview_lists_campaigns_by_bulletins_naming_them():
    found = campaigns(ARCHIVE)
    counts = [c.bulletins for c in found]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    overview = FILES["campaigns/index.md"]
    assert all(f"]({c.slug}.md)" in overview for c in found)
    assert overview.index("[昆仑](kunlun.md)") < overview.index("[铁拳](tiequan.md)")


def test_agency_pages_link_their_campaigns():
    page = FILES["bulletins/2024-national/market-regulation.md"]
    assert "- [电梯安全宣传周](../../campaigns/diantianquanxuanchuanzhou.md)" in page
    for entry in ARCHIVE.entries:
        for name in entry.item.campaigns:
            assert f"[{md(name)}](../../campaigns/" in FILES[entry.path], (entry.path, name)


def test_api_campaigns():
    data = json.loads(FILES["api/campaigns.json"])
    kunlun = [c for c in data if c["series"] == "昆仑"]
    assert kunlun == [
        {
            "name": "昆仑 2023",
            "series": "昆仑",
            "url": "campaigns/kunlun/",
            "pages": ["bulletins/2023-putian/public-security/"],
        },
        {
            "name": "昆仑 2024",
            "series": "昆仑",
            "url": "campaigns/kunlun/",
            "pages": ["bulletins/2024-national/public-security/"],
        },
    ]
    named = {name for e in ARCHIVE.entries for name in e.item.campaigns}
    assert {c["name"] for c in data} == named


def test_no_series_takes_the_overview_s_file_names():
    slugs = _slugs(["index", "pages", "昆仑"])
    assert slugs["昆仑"] == "kunlun"
    assert slugs["index"].startswith("index-") and slugs["pages"].startswith("pages-")
    assert len({slugs["index"], slugs["pages"]}) == 2


def test_the_overview_is_paged(monkeypatch):
    monkeypatch.setattr("generator.campaigns.OVERVIEW_LIMIT", 10)
    files = campaign_files(campaigns(ARCHIVE))
    assert [p for p in files if p.startswith("campaigns/pages/")] == [
        "campaigns/pages/2.md",
        "campaigns/pages/3.md",
        "campaigns/pages/4.md",
    ]
    assert "[下一页](pages/2.md)" in files["campaigns/index.md"]
    assert "[上一页](2.md) · [下一页](4.md)" in files["campaigns/pages/3.md"]
    assert "[上一页](../index.md)" in files["campaigns/pages/2.md"]
