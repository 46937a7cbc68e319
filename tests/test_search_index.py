import json
from pathlib import Path

from generator.search_index import INDEX, compact


def test_compacting_keeps_the_index_and_shrinks_it(tmp_path: Path):
    index = {"config": {"lang": ["zh"]}, "docs": [{"location": "a/", "title": "公安部", "text": "昆仑\u200b2024"}]}
    (tmp_path / "search").mkdir()
    (tmp_path / INDEX).write_text(json.dumps(index), encoding="utf-8")  # as Material writes it: \\u escapes
    before, after = compact(tmp_path)
    assert after < before
    assert json.loads((tmp_path / INDEX).read_bytes()) == index
    assert "公安部" in (tmp_path / INDEX).read_text(encoding="utf-8")


def test_a_site_without_an_index_is_left_alone(tmp_path: Path):
    assert compact(tmp_path) is None


def test_the_built_index_holds_agency_pages_in_under_a_kilobyte_each(site: Path):
    raw = (site / INDEX).read_bytes()
    docs = json.loads(raw)["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    assert len(raw) / len(pages) < 1024
    assert not any(doc["location"].endswith(("#links", "#campaigns")) for doc in docs)
    assert any("昆仑" in doc["text"] for doc in docs)
