import io
import json
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchPlugin
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink

from generator.search import hook
from generator.search.indexer import build_index
from tests.helpers import build_site, generate_docs, make_project

INDEX = Path("search") / "search_index.json"
HOOK = "hooks:\n  - generator/search/hook.py\n"


def test_the_index_is_materials_own_in_utf8_and_the_pages_are_unchanged(site: Path, tmp_path: Path):
    plain = make_project(tmp_path)  # the same site built by Material alone: no hook
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    assert HOOK in config
    (plain / "mkdocs.yml").write_text(config.replace(HOOK, ""), encoding="utf-8")
    generate_docs(plain)
    build_site(plain)
    ours, materials = (site / INDEX).read_bytes(), (plain / "site" / INDEX).read_bytes()
    assert json.loads(ours) == json.loads(materials)
    assert "公安部" in ours.decode("utf-8") and "公安部" not in materials.decode("utf-8")  # Material: \\u516c…
    assert len(ours) < 0.6 * len(materials)
    pages = sorted(p.relative_to(plain / "site") for p in (plain / "site").rglob("*.html"))
    assert len(pages) > 50
    assert all((site / page).read_bytes() == (plain / "site" / page).read_bytes() for page in pages)


def test_the_built_index_holds_agency_pages_in_under_a_kilobyte_each(site: Path):
    raw = (site / INDEX).read_bytes()
    docs = json.loads(raw)["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    assert len(raw) / len(pages) < 1024
    assert not any(doc["location"].endswith(("#links", "#campaigns")) for doc in docs)
    assert any("昆仑" in doc["text"] for doc in docs)


def pickled(*messages: dict) -> io.BytesIO:
    return io.BytesIO(b"".join(pickle.dumps(message) for message in messages))


def test_the_indexer_indexes_sections_as_material_does():
    settings = {"lang": ["zh"], "separator": r"[\s]+", "pipeline": [], "fields": {}, "jieba_dict": None}
    top = AnchorLink("公安部", "top", 1)
    top.children = [AnchorLink("活动", "activities", 2), AnchorLink("链接", "links", 2)]
    page = {
        "url": "a/",
        "title": "公安部",
        "content": '<h1 id="top">公安部</h1><p>昆仑行动</p><h2 id="activities">活动</h2><p>打假</p>'
        '<h2 id="links" data-search-exclude="true">链接</h2><p>x</p>',
        "toc": [top],
        "meta": {"search": {"boost": 2}, "tags": ["质量", date(2024, 9, 1)]},  # Material drops the date
    }
    index = json.loads(build_index(pickled({"config": settings}, page, {"end": True})))
    assert index["config"] == {key: settings[key] for key in ("lang", "separator", "pipeline", "fields")}
    entry = {"tags": ["质量"], "boost": 2}
    assert index["docs"] == [
        {"location": "a/", "title": "公安部", "text": "<p>\u200b昆仑\u200b行动\u200b</p>", **entry},
        {"location": "a/#activities", "title": "活动", "text": "<p>\u200b打假\u200b</p>", **entry},
    ]


def test_an_indexer_whose_build_failed_writes_nothing_and_says_nothing():
    # Input that stops before its end message: mkdocs died mid-build.
    page = {"url": "a/", "title": "A", "content": "<p>甲</p>", "toc": [], "meta": {}}
    data = pickled({"config": {"lang": ["zh"]}}, page).getvalue()
    result = subprocess.run([sys.executable, *hook.Indexer.COMMAND], input=data, capture_output=True)
    assert (result.returncode, result.stdout, result.stderr) == (1, b"", b"")


def test_pages_reach_the_indexer_whole_and_in_order_however_slowly_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # This indexer reads nothing until the flag file exists (it gives up after 10 s), then echoes
    # its input. Every send below must return while it waits: the pipe holds far less than them.
    flag = tmp_path / "go"
    echo = (
        "import os, sys, time\n"
        f"for _ in range(1000):\n    if os.path.exists({str(flag)!r}): break\n    time.sleep(0.01)\n"
        "else:\n    sys.exit(9)\n"
        "sys.stdout.buffer.write(sys.stdin.buffer.read())\n"
    )
    monkeypatch.setattr(hook.Indexer, "COMMAND", ("-c", echo))
    indexer = hook.Indexer({"lang": ["zh"]})
    pages = [{"url": f"p{n}/", "content": "质量" * (n % 5000)} for n in range(600)]
    for page in pages:
        indexer.send(page)
    assert indexer.process.poll() is None  # still waiting for the flag: nothing was read yet
    flag.touch()
    echoed = io.BytesIO(indexer.finish())
    received = []
    while echoed.tell() < len(echoed.getvalue()):
        received.append(pickle.load(echoed))
    assert received == [{"config": {"lang": ["zh"]}}, *pages, {"end": True}]


def test_an_indexer_that_fails_fails_the_build(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(hook.Indexer, "COMMAND", ("-c", "import sys; sys.exit(3)"))
    indexer = hook.Indexer({})
    indexer.process.wait()
    for n in range(100):
        indexer.send({"url": f"p{n}/", "content": "质量" * 1000})  # into a closed pipe: no error yet
    with pytest.raises(PluginError, match=r"indexer .* failed, exit 3"):
        indexer.finish()


def test_an_unknown_backend_is_refused():
    with pytest.raises(PluginError, match="search_backend"):
        hook.on_config(SimpleNamespace(extra={"search_backend": "elasticsearch"}))


@pytest.mark.parametrize(("command", "indexed"), [("serve", False), ("build", True), ("gh-deploy", True)])
def test_a_full_build_indexes_in_the_indexer_and_serve_leaves_it_to_material(command: str, indexed: bool):
    search = SearchPlugin()
    assert search.load_config({"lang": ["zh"]}) == ([], [])
    hook.on_startup(command=command, dirty=False)
    hook.on_config(SimpleNamespace(extra={}, plugins={"material/search": search}))
    try:
        page = SimpleNamespace(meta={"title": "A"}, file=SimpleNamespace(src_uri="a.md"), title="A", url="a/", toc=[])
        assert hook.on_page_markdown("# A", page=page) == "# A"
        assert page.meta == ({"title": "A", "search": {"exclude": True}} if indexed else {"title": "A"})
        assert hook.on_page_content("<p>A</p>", page=page) == "<p>A</p>"
        assert bool(hook._state["indexer"]) == indexed
    finally:
        hook.on_build_error(error=None)  # stops the indexer


def test_a_page_whose_search_setting_material_refuses_is_left_to_material():
    hook.on_startup(command="build", dirty=False)
    search = SearchPlugin()
    search.load_config({})
    hook.on_config(SimpleNamespace(extra={}, plugins={"material/search": search}))
    try:
        page = SimpleNamespace(meta={"search": "yes"}, file=SimpleNamespace(src_uri="a.md"), title="A", url="a/")
        hook.on_page_markdown("# A", page=page)
        assert page.meta == {"search": "yes"}
    finally:
        hook.on_build_error(error=None)
