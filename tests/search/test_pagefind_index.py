import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from generator.search import pagefind_index as pagefind
from tests.pagefind_site import build_pagefind_site

PAGE = (
    '<h1 id="x">市场监管总局</h1><p>2024 年全国</p>'
    '<h2 id="activities">主要活动</h2><ol><li>开展“电梯安全宣传周”活动&amp;。</li></ol>'
    '<h2 id="campaigns" data-search-exclude="true">活动名称</h2><ul><li>电梯安全宣传周</li></ul>'
    '<h2 id="links" data-search-exclude="true">相关链接</h2><ul><li>上一项</li></ul>'
)


def test_searchable_text_leaves_out_excluded_sections_and_markup():
    assert pagefind.searchable_text(PAGE) == "市场监管总局 2024 年全国 主要活动 开展“电梯安全宣传周”活动&。"


def test_a_section_after_an_excluded_one_is_kept():
    content = '<h2 data-search-exclude="true">甲</h2><p>x</p><h2>乙</h2><p>y</p>'
    assert pagefind.searchable_text(content) == "乙 y"


def test_records_are_folders_and_their_sections_pages(tmp_path: Path):
    records = pagefind.Records()
    records.add("bulletins/2024-national/market-regulation/", "市场监管总局 · 2024 年全国", PAGE)
    records.add("bulletins/2024-national/public-security/", "公安部 · 2024 年全国", "<p>昆仑</p>")
    records.add("about/", "关于<本档案>", "<p>关于</p>")
    assert records.write(tmp_path) == 3
    bulletin = (tmp_path / "bulletins/2024-national/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="([^"]+)">', bulletin) == [
        "bulletins/2024-national/market-regulation/",
        "bulletins/2024-national/public-security/",
    ]
    assert "相关链接" not in bulletin
    assert '<h2 id="about/">关于&lt;本档案&gt;</h2>' in (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["many", "0", "-5", ""])
def test_a_recent_shard_size_that_is_no_number_of_pages_is_refused(value: str):
    with pytest.raises(PluginError, match="PAGEFIND_RECENT_PAGES must be a number of pages"):
        pagefind.recent_pages({pagefind.RECENT_PAGES_VARIABLE: value})


def test_the_recent_shard_size_comes_from_the_environment_or_the_default():
    assert pagefind.recent_pages({pagefind.RECENT_PAGES_VARIABLE: "40"}) == 40
    assert pagefind.recent_pages({}) == pagefind.RECENT_PAGES


def test_nothing_to_index_is_one_clear_error(tmp_path: Path):
    with pytest.raises(PluginError, match="no page to index"):
        pagefind.index_records(pagefind.Records(), tmp_path)


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pagefind_site(tmp_path_factory.mktemp("pagefind"))


def test_pagefind_indexes_each_bulletin_as_one_record(pagefind_site: Path):
    entry = json.loads((pagefind_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == 2 + 1  # two bulletins, and the about page's folder
    assert len(list((pagefind_site / "pagefind/fragment").iterdir())) == 3
    assert not list((pagefind_site / "pagefind").glob("pagefind-*ui*"))


def test_the_built_pages_are_left_as_they_are(pagefind_site: Path):
    agency = (pagefind_site / "bulletins/2024-national/market-regulation/index.html").read_text(encoding="utf-8")
    assert "pagefind" not in agency
    assert 'id="links"' in agency


def test_material_builds_no_index_and_its_worker_is_replaced(pagefind_site: Path):
    index = json.loads((pagefind_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    (worker,) = (pagefind_site / pagefind.WORKERS).glob("search.*.min.js")
    assert worker.read_text(encoding="utf-8") == pagefind.WORKER_SOURCE.read_text(encoding="utf-8")
    assert not worker.with_name(worker.name + ".map").exists()


def test_a_failing_pagefind_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    failed = SimpleNamespace(returncode=2, stdout="", stderr="Error: could not write the bundle")
    monkeypatch.setattr(pagefind.subprocess, "run", lambda *args, **kwargs: failed)
    records = pagefind.Records()
    records.add("bulletins/x/a/", "A", "<p>甲</p>")
    with pytest.raises(PluginError, match="pagefind failed \\(2\\): Error: could not write the bundle"):
        pagefind.index_records(records, tmp_path)


def test_without_one_material_worker_the_build_stops(tmp_path: Path):
    with pytest.raises(PluginError, match="expected one Material search worker"):
        pagefind.install_worker(tmp_path)


def _records(*folders: tuple[str, int]) -> pagefind.Records:
    records = pagefind.Records()
    for folder, pages in folders:
        for n in range(pages):
            records.add(f"{folder}p{n}/", f"{folder} {n}", f"<p>第 {n} 页 电梯</p>")
    return records


def test_shards_put_the_newest_bulletins_first_up_to_the_page_budget():
    records = _records(
        ("bulletins/2023-putian/", 3), ("bulletins/2024-national/", 3), ("", 1), ("bulletins/2022-x/", 2)
    )
    recent, older = pagefind.shards(records, recent_pages=4)
    assert list(recent.folders) == ["", "bulletins/2024-national/"]  # pages that are no bulletin count as newest
    assert list(older.folders) == ["bulletins/2023-putian/", "bulletins/2022-x/"]
    assert pagefind.shards(records, recent_pages=100)[0].folders == records.folders
    assert len(pagefind.shards(records, recent_pages=100)) == 1


def test_two_shards_share_one_webassembly_and_are_listed_for_the_worker(tmp_path: Path):
    (tmp_path / pagefind.WORKERS).mkdir(parents=True)
    (tmp_path / pagefind.WORKERS / "search.abc.min.js").write_text("material", encoding="utf-8")
    records = _records(("bulletins/2024-national/", 2), ("bulletins/2023-putian/", 2))
    stats = pagefind.index_records(records, tmp_path, recent_pages=2)
    listed = json.loads((tmp_path / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert listed == {"bundles": ["pagefind/", "pagefind-older/"], "shared": ["wasm.unknown.pagefind"]}
    assert list((tmp_path / "pagefind").glob("wasm.*.pagefind"))
    assert not list((tmp_path / "pagefind-older").glob("wasm.*.pagefind"))
    assert (tmp_path / "pagefind-older/pagefind.js").is_file()
    assert (stats.records, stats.pages) == (2, 4)
    again = pagefind.index_records(records, tmp_path, recent_pages=100)  # fewer shards: the stale one goes
    listed = json.loads((tmp_path / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert listed["bundles"] == ["pagefind/"]
    assert not (tmp_path / "pagefind-older").exists() and again.pages == 4
