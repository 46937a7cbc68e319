import html
import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from generator.search import pagefind_index as pagefind
from generator.search.pages import MATCH_SOURCE, WORKERS, SearchPage, is_bigram, tokens
from tests.pagefind_site import build_pagefind_site


def test_records_are_folders_with_their_pages_bigrams_as_words_and_the_pages_as_metadata(tmp_path: Path):
    records = pagefind.Records()
    market = SearchPage(
        "bulletins/2024-national/market-regulation/",
        "市场监管总局 · 2024 年全国",
        "市场监管总局",
        ("开展“电梯”<周>",),
        0,
    )
    security = SearchPage(
        "bulletins/2024-national/public-security/", "公安部 · 2024 年全国", "公安部", ("开展昆仑",), 0
    )
    records.add(market)
    records.add(security)
    records.add(SearchPage("about/", "关于", "", ("关于",), 1))
    assert records.write(tmp_path, Counter()) == 3
    bulletin = (tmp_path / "bulletins/2024-national/index.html").read_text(encoding="utf-8")
    words = re.search(r"<body><p>([a-z ]+)</p></body>", bulletin)[1].split()
    assert words == list(dict.fromkeys(tokens(market) + tokens(security)))  # each once
    assert len(words) < len(tokens(market) + tokens(security))  # 开展 in both
    meta = re.search(r'<meta data-pagefind-meta="pages\[content\]" content="([^"]+)">', bulletin)[1]
    assert [page["location"] for page in json.loads(html.unescape(meta))] == [market.location, security.location]
    assert "<周>" not in bulletin  # the metadata is escaped
    assert (tmp_path / "index.html").is_file()  # the about page's folder


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
    assert re.search(r'id="?links"?>', agency)  # quotes are optional: make site minifies the pages


def test_materials_index_holds_only_the_table_and_its_worker_is_replaced(pagefind_site: Path):
    index = json.loads((pagefind_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and "質质" in index["config"]["table"]
    (worker,) = (pagefind_site / WORKERS).glob("search.*.min.js")
    source = worker.read_text(encoding="utf-8")
    assert source.startswith(MATCH_SOURCE.read_text(encoding="utf-8"))
    assert source.endswith(pagefind.WORKER_SOURCE.read_text(encoding="utf-8"))
    assert not worker.with_name(worker.name + ".map").exists()


def test_a_failing_pagefind_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    failed = SimpleNamespace(returncode=2, stdout="", stderr="Error: could not write the bundle")
    monkeypatch.setattr(pagefind.subprocess, "run", lambda *args, **kwargs: failed)
    records = pagefind.Records()
    records.add(SearchPage("bulletins/x/a/", "A", "甲", (), 0))
    with pytest.raises(PluginError, match="pagefind failed \\(2\\): Error: could not write the bundle"):
        pagefind.index_records(records, tmp_path)


def _records(*folders: tuple[str, int]) -> pagefind.Records:
    records = pagefind.Records()
    for folder, pages in folders:
        for n in range(pages):
            records.add(SearchPage(f"{folder}p{n}/", f"{folder} {n}", "", (f"第 {n} 页 电梯",), 0))
    return records


def test_common_bigrams_are_those_in_half_the_records_or_more_most_frequent_first(monkeypatch: pytest.MonkeyPatch):
    seen = Counter({"aaaaaaaa": 4, "bbbbbbbb": 10, "cccccccc": 5, "dddddddd": 6})
    assert pagefind.common(seen, records=10) == ["bbbbbbbb", "dddddddd", "cccccccc"]
    monkeypatch.setattr(pagefind, "COMMON_MOST", 2)
    assert pagefind.common(seen, records=10) == ["bbbbbbbb", "dddddddd"]


def test_writing_the_records_counts_the_records_holding_each_bigram(tmp_path: Path):
    records = _records(("bulletins/2024-national/", 2), ("bulletins/2023-putian/", 1))
    seen = Counter()
    records.write(tmp_path, seen)
    everywhere = {word for word in tokens(records.folders["bulletins/2023-putian/"][0]) if is_bigram(word)}
    assert everywhere and all(seen[word] == 2 for word in everywhere)  # once per record, not per page
    assert all(is_bigram(word) for word in seen)  # not a field's last character alone


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
    (tmp_path / WORKERS).mkdir(parents=True)
    (tmp_path / WORKERS / "search.abc.min.js").write_text("material", encoding="utf-8")
    records = _records(("bulletins/2024-national/", 2), ("bulletins/2023-putian/", 2))
    stats = pagefind.index_records(records, tmp_path, recent_pages=2)
    listed = json.loads((tmp_path / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert listed["bundles"] == ["pagefind/", "pagefind-older/"]
    assert listed["shared"] == ["wasm.unknown.pagefind"]
    assert listed["common"]  # the records' pages are alike: their bigrams are in every record
    assert list((tmp_path / "pagefind").glob("wasm.*.pagefind"))
    assert not list((tmp_path / "pagefind-older").glob("wasm.*.pagefind"))
    assert (tmp_path / "pagefind-older/pagefind.js").is_file()
    assert (stats.records, stats.pages) == (2, 4)
    again = pagefind.index_records(records, tmp_path, recent_pages=100)  # fewer shards: the stale one goes
    listed = json.loads((tmp_path / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert listed["bundles"] == ["pagefind/"]
    assert not (tmp_path / "pagefind-older").exists() and again.pages == 4
