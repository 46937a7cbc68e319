import functools
import os
import re
import shutil
from pathlib import Path

import pytest

from generator import pagekeys, render
from generator.buildcache import BuildCache
from generator.pagekeys import PageKeys
from generator.pipeline import generate
from generator.registry import REGISTRY_PATH
from generator.writer import KEPT, MANAGED
from tests.helpers import SEEDS, SITE_NAME, tree

PUTIAN_2023 = "000_ceb1e29ed137ac47.txt"
NATIONAL_2024 = "004_390caa016548901d.txt"
# 47 agency pages and 2 bulletin pages: what the keys cover.
KEYED = 49


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def generated(docs: Path) -> dict[str, str]:
    return {path: digest for path, digest in tree(docs).items() if path.split("/")[0] in MANAGED}


def with_keys(project: Path, full: bool = False) -> tuple[str, dict[str, str]]:
    """generate with the build cache, as `make site` runs it; its summary and docs/."""
    summary = generate(
        project / "seeds", project / "docs", REGISTRY_PATH, True, SITE_NAME, BuildCache(project / ".cache"), full
    )
    return summary, generated(project / "docs")


def fresh(project: Path, tmp_path: Path) -> dict[str, str]:
    """The same seeds generated into an empty docs/ without any cache."""
    other = tmp_path / "fresh"
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(project / "seeds", other / "seeds")
    generate(other / "seeds", other / "docs", REGISTRY_PATH, True, SITE_NAME)
    return generated(other / "docs")


def kept(summary: str) -> int:
    found = re.search(r"(\d+) pages kept without rendering", summary)
    return int(found[1]) if found else 0


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_nothing_changed_renders_no_keyed_page_and_changes_no_file(project: Path):
    first_summary, first = with_keys(project)
    assert kept(first_summary) == 0
    summary, again = with_keys(project)
    assert kept(summary) == KEYED and "0 files written" in summary
    assert again == first


def test_each_change_renders_what_depends_on_it_and_gives_what_a_fresh_generate_gives(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    seeds = project / "seeds"
    with_keys(project)
    putian_2022 = seeds / "older.txt"  # the same city a year earlier: the 2023 pages gain a previous year
    putian_2022.write_text(
        (seeds / PUTIAN_2023).read_text(encoding="utf-8").replace("2023 年莆田", "2022 年莆田"), encoding="utf-8"
    )
    rendered: list[tuple[str, str]] = []  # (bulletin id, agency) of each agency page rendered
    real = render.agency_page

    @functools.wraps(real)  # the same name: the same keys
    def agency_page(entry, *args):
        rendered.append((entry.bulletin.id, entry.item.agency))
        return real(entry, *args)

    monkeypatch.setattr(render, "agency_page", agency_page)
    changes = [
        lambda: None,
        lambda: edit(seeds / NATIONAL_2024, "典型案例。", "典型案例，开展宣传。"),
        # Another year's agency renamed: its page and its neighbours' links show it.
        lambda: edit(putian_2022, "二、市委宣传部", "二、中共莆田市委宣传部"),
        lambda: putian_2022.unlink(),
    ]
    runs = []
    for change in changes:
        change()
        rendered.clear()
        summary, docs = with_keys(project)
        runs.append(sorted(rendered))
        assert docs == fresh(project, tmp_path), summary
    added, text_edited, renamed, removed = runs
    # The new bulletin's 22 pages, and 2023's 22, which gain a previous year (it is their copy); not 2024's.
    assert {b for b, _ in added} == {"2022-putian", "2023-putian"} and len(added) == 2 * 22
    # An entry's key holds its whole bulletin: one item edited renders its bulletin's 25 pages
    # again, and the 2023 pages that link one of them as their next year; no 2022 page.
    assert sum(b == "2024-national" for b, _ in text_edited) == 25
    assert {b for b, _ in text_edited} == {"2024-national", "2023-putian"}
    assert {b for b, _ in renamed} == {"2022-putian", "2023-putian"}  # and the same for 2022
    assert ("2022-putian", "中共莆田市委宣传部") in renamed
    assert {b for b, _ in removed} == {"2023-putian"}  # those that had a previous year


def test_a_file_changed_since_is_rendered_again_and_one_only_touched_is_kept(project: Path, tmp_path: Path):
    _, first = with_keys(project)
    docs = project / "docs"
    page = next((docs / "bulletins").glob("2024-*/market-regulation.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("市场监管总局", "市场监管总署", 1), encoding="utf-8")  # the same size
    other = next((docs / "bulletins").glob("2023-*/market-regulation.md"))
    os.utime(other, ns=(0, 0))  # as a copy restored without its mtime: the same bytes
    (docs / "bulletins").joinpath(next((docs / "bulletins").glob("2024-*")).name, "index.md").unlink()
    summary, docs_now = with_keys(project)
    assert docs_now == first == fresh(project, tmp_path)
    assert kept(summary) == KEYED - 2


def test_a_run_killed_before_it_saved_its_keys_leaves_none_that_lie(project: Path, monkeypatch: pytest.MonkeyPatch):
    national = project / "seeds" / NATIONAL_2024
    original = national.read_text(encoding="utf-8")
    _, first = with_keys(project)
    edit(national, "典型案例。", "典型案例，开展宣传。")
    monkeypatch.setattr(PageKeys, "save", lambda self, file: None)  # killed after the writes
    with_keys(project)
    monkeypatch.undo()
    national.write_text(original, encoding="utf-8")  # the keys saved say this page's key: its file is newer
    summary, docs = with_keys(project)
    assert docs == first and kept(summary) == KEYED - 3  # the three pages with "典型案例。" were rewritten


def test_other_code_or_full_renders_every_page(project: Path, monkeypatch: pytest.MonkeyPatch):
    with_keys(project)
    assert kept(with_keys(project, full=True)[0]) == 0
    monkeypatch.setattr(pagekeys, "code_hash", lambda: "another version")
    assert kept(with_keys(project)[0]) == 0
    assert kept(with_keys(project)[0]) == KEYED


def test_a_key_covers_every_argument_and_refuses_what_it_cannot_tell_apart(tmp_path: Path):
    keys = PageKeys(tmp_path)
    calls = []

    def page(*args: object) -> str:
        calls.append(args)
        return "page"

    assert keys.key(page, ("a", 1, None)) != keys.key(page, ("a", 1, "")) != keys.key(page, (("a", 1), None))
    with pytest.raises(TypeError, match="dict"):
        keys.page("bulletins/x.md", page, {"a": 1})
    keys.previous = {"bulletins/x.md": [keys.key(page, ("a",)), "", 0, 0]}  # no such file: rendered
    assert keys.page("bulletins/x.md", page, "a") == "page" and calls == [("a",)]
    (tmp_path / "bulletins").mkdir()
    (tmp_path / "bulletins" / "x.md").write_text("page", encoding="utf-8")
    keys.save(tmp_path / "keys.json")
    again = PageKeys.load(tmp_path / "keys.json", tmp_path)
    assert again.page("bulletins/x.md", page, "a") is KEPT and len(calls) == 1
    assert again.page("bulletins/x.md", page, "b") == "page"
