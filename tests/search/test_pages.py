import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.search.pages import (
    SearchPage,
    _code,
    install_worker,
    search_page,
    sections,
    tokens,
    write_index,
)

AGENCY_PAGE = (
    '<h1 id="x">市场监管总局</h1><p>2024 年全国</p>'
    '<h2 id="activities">主要活动</h2><ol class="activities">'
    '<li id="a-1">开展“电梯安全宣传周”活动&amp;。</li><li id="a-2">举办<em>质量</em>论坛。</li></ol>'
    '<h2 id="campaigns" data-search-exclude="true">活动名称</h2><ul><li>电梯安全宣传周</li></ul>'
)


def test_an_agency_page_is_its_name_and_activities_as_text():
    page = search_page(
        "bulletins/2024-national/market-regulation/", "市场监管总局 · 2024 年全国", AGENCY_PAGE, "市场监管总局"
    )
    assert page == SearchPage(
        "bulletins/2024-national/market-regulation/",
        "市场监管总局 · 2024 年全国",
        "市场监管总局",
        ("开展“电梯安全宣传周”活动&。", "举办 质量 论坛。"),
        0,
    )


def test_another_page_is_its_sections_without_the_excluded_ones_and_comes_after_agency_pages():
    content = '<p>引言</p><h2 data-search-exclude="true">甲</h2><p>x</p><h2>乙</h2><p>y</p>'
    assert sections(content) == ["引言", "乙 y"]
    assert search_page("about/", "关于", content, None) == SearchPage("about/", "关于", "", ("引言", "乙 y"), 1)


def test_pagefind_words_are_each_fields_bigrams_and_its_last_character():
    page = SearchPage("a/", "T", "公安部", ("昆仑 2024",), 0)
    code = {char: _code(char) for char in "公安部昆仑2024"}
    assert tokens(page) == [
        code["公"] + code["安"],
        code["安"] + code["部"],
        code["部"],
        code["昆"] + code["仑"],
        code["仑"] + code["2"],
        code["2"] + code["0"],
        code["0"] + code["2"],
        code["2"] + code["4"],
        code["4"],
    ]
    assert all(len(word) == 8 and word.isalpha() and word.islower() for word in tokens(page)[:2])


def test_the_index_keeps_materials_config_and_adds_the_table_and_the_pages(tmp_path: Path):
    (tmp_path / "search").mkdir()
    config = {"lang": ["zh"], "separator": "[\\s]+", "pipeline": [], "fields": {}}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": []}))
    page = SearchPage("a/", "公安部 · 2024 年全国", "公安部", ("质量",), 0)
    write_index(tmp_path, [page], with_pages=True)
    index = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"] == {**config, "table": "國国質质"}  # 国 of the title, 质 of an item
    assert index["docs"] == [
        {"location": "a/", "title": "公安部 · 2024 年全国", "name": "公安部", "items": ["质量"], "rank": 0}
    ]
    write_index(tmp_path, [page], with_pages=False)  # Pagefind: the table only
    assert json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []


def test_the_worker_replaces_materials_with_the_matcher_in_front(tmp_path: Path):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc.min.js").write_text("material")
    (workers / "search.abc.min.js.map").write_text("{}")
    worker = tmp_path / "w.js"
    worker.write_text("// ours")
    install_worker(tmp_path, worker)
    installed = (workers / "search.abc.min.js").read_text(encoding="utf-8")
    assert "class SearchMatcher" in installed and installed.endswith("// ours")
    assert not (workers / "search.abc.min.js.map").exists()
    (workers / "search.def.min.js").write_text("another")
    with pytest.raises(PluginError, match="expected one Material search worker"):
        install_worker(tmp_path, worker)
