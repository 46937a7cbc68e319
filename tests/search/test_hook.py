import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from generator.buildcache import ENV, SEARCH, BuildCache
from generator.search import hook
from generator.search.pages import INDEX, WORKERS, SearchPage
from tests.helpers import build_site, generate_docs, make_project

HOOK = "  - generator/search/hook.py\n"


def test_the_pages_are_those_material_alone_builds(site: Path, tmp_path: Path):
    plain = make_project(tmp_path)  # the same site built by Material alone: no hook
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    assert HOOK in config
    (plain / "mkdocs.yml").write_text(config.replace(HOOK, ""), encoding="utf-8")
    generate_docs(plain)
    build_site(plain)
    pages = sorted(p.relative_to(plain / "site") for p in (plain / "site").rglob("*.html"))
    assert len(pages) > 50
    assert all((site / page).read_bytes() == (plain / "site" / page).read_bytes() for page in pages)


def test_the_index_holds_every_agency_page_and_the_about_page_in_under_a_kilobyte_each(site: Path):
    raw = (site / INDEX).read_bytes()
    index = json.loads(raw)
    agency_pages = {page["url"] for page in json.loads((site / "api" / "pages.json").read_text(encoding="utf-8"))}
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert set(docs) == agency_pages | {"about/"}
    assert len(raw) / len(docs) < 1024
    security = docs["bulletins/2024-national/public-security/"]
    assert (security["name"], security["rank"], security["title"]) == ("公安部", 0, "公安部 · 2024 年全国")
    assert any("昆仑 2024" in item for item in security["items"])
    assert docs["about/"]["rank"] == 1
    assert not any("活动名称" in item for doc in docs.values() for item in doc["items"])  # excluded sections
    assert index["config"]["separator"] and "質质" in index["config"]["table"]


def test_the_browser_worker_is_ours(site: Path):
    (worker,) = (site / WORKERS).glob("search.*.min.js")
    source = worker.read_text(encoding="utf-8")
    assert "class SearchMatcher" in source and "SEARCH_SETUP" in source
    assert not worker.with_name(worker.name + ".map").exists()


def test_an_unknown_backend_is_refused():
    with pytest.raises(PluginError, match="search_backend"):
        hook.on_config(SimpleNamespace(extra={"search_backend": "elasticsearch"}))


def test_a_page_leaves_materials_index_for_ours_with_its_title_unescaped():
    hook.on_config(SimpleNamespace(extra={}))
    page = SimpleNamespace(
        meta={"title": "x", "agency": "公安部"}, file=SimpleNamespace(src_uri="a.md"), title="公安部 &amp; 甲", url="a/"
    )
    assert hook.on_page_markdown("# A", page=page) == "# A"
    assert page.meta["search"] == {"exclude": True}
    assert hook.on_page_content('<ol><li id="a-1">昆仑</li></ol>', page=page) == '<ol><li id="a-1">昆仑</li></ol>'
    assert hook._state["pages"] == {"a.md": SearchPage("a/", "公安部 & 甲", "公安部", ("昆仑",), 0)}


def test_an_excluded_page_is_not_indexed():
    hook.on_config(SimpleNamespace(extra={}))
    page = SimpleNamespace(
        meta={"search": {"exclude": True}}, file=SimpleNamespace(src_uri="a.md"), title="A", url="a/"
    )
    hook.on_page_markdown("# A", page=page)
    hook.on_page_content("<p>A</p>", page=page)
    assert hook._state["pages"] == {}


def test_a_page_whose_search_setting_material_refuses_is_left_to_material():
    hook.on_config(SimpleNamespace(extra={}))
    page = SimpleNamespace(meta={"search": "yes"}, file=SimpleNamespace(src_uri="a.md"), title="A", url="a/")
    hook.on_page_markdown("# A", page=page)
    assert page.meta == {"search": "yes"}


def test_a_site_without_materials_search_gets_no_index(tmp_path: Path):
    hook.on_config(SimpleNamespace(extra={}))
    hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


def test_pages_not_rendered_come_from_the_build_cache_in_the_builds_order(tmp_path: Path, monkeypatch):
    """An incremental build: b.md rendered now; a.md and d.md kept as the cache has them; c.md rendered
    but no longer searched (not taken from the cache); gone.md no longer in the build."""
    cache = BuildCache(tmp_path)
    build = ["a.md", "b.md", "c.md", "d.md"]
    kept = {uri: SearchPage(f"{uri[0]}/", uri, "", (f"old {uri}",), 1) for uri in [*build, "gone.md"]}
    (tmp_path / "current").mkdir()
    (tmp_path / "current" / SEARCH).write_text(json.dumps({uri: page.fields() for uri, page in kept.items()}), "utf-8")
    monkeypatch.setenv(ENV, str(tmp_path))
    hook.on_config(SimpleNamespace(extra={}))
    hook.on_files(SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(src_uri=uri) for uri in build]))
    for uri, meta in (("b.md", {}), ("c.md", {"search": {"exclude": True}})):
        page = SimpleNamespace(meta=meta, file=SimpleNamespace(src_uri=uri), title=uri.upper(), url=f"{uri[0]}/")
        hook.on_page_markdown("", page=page)
        hook.on_page_content("<p>new</p>", page=page)
    pages = hook._all_pages(BuildCache.from_env())
    assert pages == [kept["a.md"], SearchPage("b/", "B.MD", "", ("new",), 1), kept["d.md"]]
    assert json.loads((cache.next / SEARCH).read_text(encoding="utf-8")) == {
        uri: json.loads(json.dumps(page.fields())) for uri, page in zip(("a.md", "b.md", "d.md"), pages, strict=True)
    }
