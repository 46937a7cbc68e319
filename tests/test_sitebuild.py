"""The site build (generator/sitebuild.py): an incremental build gives a full build's site, file for
file; what forces a full one does; a failed build leaves site/ and its cache as they were; and the
full build, one page at a time, gives what the engine's own `build` does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks.synth import write_archive
from generator.buildcache import MANIFEST, REPORT, SEARCH, BuildCache
from generator.sitebuild import inputs_hash, plan
from tests.helpers import ROOT, build_site, generate_docs, make_project, tree

BULLETINS = 6  # the synthetic archive: a national bulletin and five provinces'


def site_command(work: Path, *options: str, **env: str) -> subprocess.CompletedProcess:
    """`make site` in `work`: generate, build (incremental unless told), check, swap."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "site", "--strict", *options],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def built(work: Path, *options: str, **env: str) -> str:
    """The report line of a `make site` that must succeed: `site: full build …` or `site: incremental …`."""
    result = site_command(work, *options, **env)
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith(("site: full", "site: incremental")))


def full_site(work: Path, tmp_path: Path, **env: str) -> dict[str, str]:
    """The site a full build makes of `work`'s seeds, in a copy of it."""
    copy = tmp_path / "full"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(work, copy, symlinks=True, ignore=shutil.ignore_patterns("site", ".site-*"))
    assert built(copy, "--full", **env).startswith("site: full build (FULL=1")
    return tree(copy / "site")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("archive")
    write_archive(BULLETINS, seeds)
    return seeds


def project(tmp_path: Path, archive: Path, bulletins: int, **env: str) -> Path:
    """A project whose seeds/ holds the archive's first `bulletins`, built once (a full build)."""
    (tmp_path / "none").mkdir()
    work = tmp_path / "work"
    work.mkdir()
    make_project(work, seeds=tmp_path / "none")
    for path in sorted(archive.iterdir())[:bulletins]:
        shutil.copy(path, work / "seeds")
    assert built(work, **env).startswith("site: full build (no site/ to build on)")
    return work


@pytest.mark.parametrize("backend", ["lunr", "pagefind"])
def test_adding_a_bulletin_renders_its_pages_and_gives_a_full_builds_site(tmp_path: Path, archive: Path, backend: str):
    env = {"SEARCH_BACKEND": backend}
    work = project(tmp_path, archive, BULLETINS - 1, **env)
    shutil.copy(sorted(archive.iterdir())[-1], work / "seeds")
    report = built(work, **env)
    rendered, total = (int(n.replace(",", "")) for n in report.split(": ")[2].split(" pages")[0].split(" of "))
    assert report.startswith("site: incremental build") and 0 < rendered < total / 2
    assert tree(work / "site") == full_site(work, tmp_path, **env)


def test_removing_a_bulletin_removes_its_pages_as_a_full_build_does(tmp_path: Path, archive: Path):
    work = project(tmp_path, archive, BULLETINS)
    before = set(tree(work / "site"))
    (work / "seeds" / sorted(os.listdir(work / "seeds"))[2]).unlink()
    assert built(work).startswith("site: incremental build")
    after = tree(work / "site")
    assert before - set(after)  # its agency and bulletin pages are gone
    assert after == full_site(work, tmp_path)


def test_a_hand_written_page_changed_is_rendered_again(tmp_path: Path, archive: Path):
    work = project(tmp_path, archive, 1)
    about = work / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n新增的一段说明。\n", encoding="utf-8")
    assert built(work).startswith("site: incremental build: 2 of")  # the home page and about
    assert "新增的一段说明" in (work / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert tree(work / "site") == full_site(work, tmp_path)


def test_a_changed_input_or_full_forces_a_full_build(tmp_path: Path, archive: Path):
    work = project(tmp_path, archive, 1)
    assert built(work).startswith("site: incremental build: 1 of")  # nothing changed: the home page
    assert built(work, "--full").startswith("site: full build (FULL=1 asked for one)")
    assert built(work, SITE_URL="https://example.org/archive/").startswith("site: full build (the inputs changed")
    config = work / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_description: ", "site_description: 新"))
    assert built(work, SITE_URL="https://example.org/archive/").startswith("site: full build (the inputs changed")
    shutil.rmtree(work / ".site-cache" / "current")  # a run killed between swap and commit leaves none
    assert built(work, SITE_URL="https://example.org/archive/").startswith("site: full build (no cache")


def test_inputs_hash_covers_the_config_values_the_generator_and_the_packages(tmp_path: Path, monkeypatch):
    work = make_project(tmp_path)
    first = inputs_hash(work / "mkdocs.yml")
    assert inputs_hash(work / "mkdocs.yml") == first
    monkeypatch.setenv("SEARCH_BACKEND", "pagefind")  # an !ENV value of mkdocs.yml
    assert inputs_hash(work / "mkdocs.yml") != first
    monkeypatch.delenv("SEARCH_BACKEND")
    hook = tmp_path / "extra_hook.py"
    hook.write_text("x = 1\n", encoding="utf-8")
    config = work / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - extra_hook.py\n"))
    with_hook = inputs_hash(config)
    hook.write_text("x = 2\n", encoding="utf-8")  # a hook outside the generator package
    assert len({first, with_hook, inputs_hash(config)}) == 3


def test_a_failed_incremental_build_keeps_the_site_and_its_cache(tmp_path: Path, archive: Path):
    work = project(tmp_path, archive, 1)
    site, cache = tree(work / "site"), tree(work / ".site-cache" / "current")
    about = work / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text + "\n[无处](nowhere.md)\n", encoding="utf-8")  # a broken link: --strict fails
    shutil.copy(sorted(archive.iterdir())[1], work / "seeds")
    result = site_command(work)
    assert result.returncode == 1 and "nowhere.md" in result.stderr
    assert tree(work / "site") == site and tree(work / ".site-cache" / "current") == cache
    assert not (work / ".site-cache" / "next").exists() and not (work / ".site-build").exists()
    about.write_text(text, encoding="utf-8")
    assert built(work).startswith("site: incremental build")
    assert tree(work / "site") == full_site(work, tmp_path)


def test_the_cache_describes_the_site_in_place(tmp_path: Path, archive: Path):
    work = project(tmp_path, archive, 1)
    cache = BuildCache(work / ".site-cache")
    manifest, search = cache.read(MANIFEST), cache.read(SEARCH)
    docs = {p.relative_to(work / "docs").as_posix() for p in (work / "docs").rglob("*") if p.is_file()}
    assert set(manifest["files"]) == docs
    assert set(manifest["icons"]) == {p.relative_to(work / "site").as_posix() for p in (work / "site").rglob("*.html")}
    index = json.loads((work / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [page["location"] for page in search.values()] == [page["location"] for page in index["docs"]]
    assert cache.read(REPORT)[1].startswith("site: full build")
    assert plan(work / "mkdocs.yml", work / "site", cache, full=False).full is None


def test_one_page_at_a_time_gives_what_mkdocs_build_gives(tmp_path: Path):
    """The driver's full build against `mkdocs build --strict` and the post-build step, on the seeds."""
    stock, ours = tmp_path / "stock", tmp_path / "ours"
    stock.mkdir(), ours.mkdir()
    make_project(stock), make_project(ours)
    generate_docs(stock)
    build_site(stock)
    assert built(ours).startswith("site: full build")
    assert tree(ours / "site") == tree(stock / "site")


def test_a_build_started_early_waits_for_docs_and_builds_nothing_if_they_never_come(tmp_path: Path):
    """make_site starts the build while it generates docs/ (--after FD): the end of FD with no byte
    (the generate step failed or was stopped) ends it with nothing built and no cache touched."""
    (tmp_path / "work").mkdir()
    work = make_project(tmp_path / "work")
    read, write = os.pipe()
    build, cache = work / ".site-build", work / ".site-cache"
    command = ["mkdocs", str(work / "mkdocs.yml"), str(build), "--site", str(work / "site"), "--cache", str(cache)]
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.sitebuild", *command, "--after", str(read)],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        pass_fds=(read,),
    )
    os.close(read)
    os.close(write)
    assert process.wait(timeout=60) == 0
    assert not build.exists() and not (cache / "next").exists()


@pytest.mark.parametrize(
    "base", ["https://example.github.io/zly/", "https://example.org", "http://127.0.0.1:8000/", "https://x.org/a/./b/"]
)
def test_a_canonical_url_joined_as_text_is_the_one_urljoin_gives(base: str):
    from mkdocs.structure.pages import Page

    from generator.sitebuild import Plan, engine_patched

    urls = ["", "bulletins/2024-national/market-regulation/", "index.html", "a b/", "../x/", "./", "%E4%B8%AD/", "x/#f"]
    made = []
    for patched in (False, True):
        with engine_patched("mkdocs", Plan(Path("site"), "", "full"), Path("templates")) if patched else nullcontext():
            pages = [SimpleNamespace(url=url) for url in urls]
            for page in pages:
                Page._set_canonical_url(page, base)
        made.append([(page.canonical_url, page.abs_url) for page in pages])
    assert made[1] == made[0]
