import errno
import os
import re
import signal
from pathlib import Path

import pytest

from generator import pipeline, runs, writer
from generator.cli import main
from generator.errors import Diagnostic, StepFailed
from generator.registry import REGISTRY_PATH
from tests.helpers import make_project, run, tree


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A project whose previous site/ is one marked page."""
    work = make_project(tmp_path)
    (work / "site").mkdir()
    (work / "site" / "previous.html").write_text("the site as it was", encoding="utf-8")
    return work


def test_site_generates_checks_builds_and_swaps_the_site_in(work: Path):
    result = run("site", "--strict", cwd=work)
    assert result.returncode == 0, result.stderr
    generated, checked, slimmed, how, built = result.stdout.splitlines()
    assert generated == "2 bulletins, 47 agency pages, 26 families: 273 files written, 0 unchanged, 0 removed"
    assert checked == "check: every item of 2 seed files is on its page, character for character"
    sizes = re.fullmatch(r"postbuild: [\d,]+ pages, ([\d,]+) -> ([\d,]+) bytes, \d+ icons, [\d,]+ addresses.*", slimmed)
    assert sizes and int(sizes[2].replace(",", "")) < 0.7 * int(sizes[1].replace(",", ""))
    assert how == (
        "site: full build (no cache of the build that made site/): 115 of 115 pages rendered, 0 files kept from site/"
    )
    assert built == "site: built in site"
    assert (work / "site/bulletins/2024-national/public-security/index.html").is_file()
    assert not (work / "site/previous.html").exists()
    assert "公安部" in (work / "site/search/search_index.json").read_text(encoding="utf-8")
    assert [p.name for p in work.glob(".site-*")] == [".site-cache"]  # no build or old site left behind
    assert sorted(os.listdir(work / ".site-cache")) == ["current", "pages.json", "seeds", "templates"]


def test_a_failed_mkdocs_build_keeps_the_previous_site(work: Path):
    config = work / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"), "utf-8")
    before = tree(work / "site")
    result = run("site", cwd=work)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "mkdocs.yml:1: error: mkdocs build failed (exit 1); site kept"
    assert tree(work / "site") == before
    assert not (work / ".site-build").exists()


def test_bad_seeds_stop_before_the_build_and_keep_docs_and_site(work: Path):
    assert run("site", cwd=work).returncode == 0
    docs, site = tree(work / "docs"), tree(work / "site")
    (work / "seeds" / "bad.txt").write_bytes(b"")
    result = run("site", cwd=work)
    assert result.returncode == 1
    assert result.stderr == "seeds/bad.txt:1: error: file is empty\n"
    assert (tree(work / "docs"), tree(work / "site")) == (docs, site)


def test_a_warning_from_mkdocs_fails_the_build_and_keeps_the_site(work: Path):
    about = work / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[nowhere](no-such-page.md)\n", encoding="utf-8")
    before = tree(work / "site")
    result = run("site", cwd=work)
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr
    assert result.stderr.splitlines()[-1] == "mkdocs.yml:1: error: mkdocs build failed (exit 1); site kept"
    assert tree(work / "site") == before


def test_a_failed_check_stops_the_build_and_keeps_the_site(
    work: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture
):
    builds = []
    popen = runs.subprocess.Popen
    monkeypatch.setattr(runs.subprocess, "Popen", lambda *a, **k: builds.append(popen(*a, **k)) or builds[-1])

    def failing_check(seeds: Path, docs: Path) -> list[Diagnostic]:
        assert builds, "the build had not started"  # it runs beside the check
        return [Diagnostic("seeds/a.txt", 3, "docs/x.md differs from the source", "error")]

    monkeypatch.setattr(pipeline, "check", failing_check)
    before = tree(work / "site")
    with pytest.raises(StepFailed) as failed:
        pipeline.make_site(work / "seeds", work / "mkdocs.yml", work / "site", REGISTRY_PATH, strict=True)
    assert failed.value.lines == ["seeds/a.txt:3: error: docs/x.md differs from the source"]
    assert tree(work / "site") == before
    assert not (work / ".site-build").exists()
    assert builds[0].returncode == -signal.SIGTERM  # stopped, not finished
    assert "Traceback" not in capfd.readouterr().err


def test_docs_folder_and_site_name_are_the_ones_mkdocs_yml_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 甲\nsite_url: !ENV [SITE_URL, 'x']\ndocs_dir: pages\n", encoding="utf-8")
    assert pipeline.site_config(config) == pipeline.SiteConfig(tmp_path / "pages", "甲")
    config.write_text("site_name: x\n", encoding="utf-8")
    assert pipeline.site_config(config).docs_dir == tmp_path / "docs"
    monkeypatch.setenv("DOCS", "elsewhere")
    config.write_text("site_name: x\ndocs_dir: !ENV [DOCS, docs]\n", encoding="utf-8")  # as MkDocs reads it
    assert pipeline.site_config(config).docs_dir == tmp_path / "elsewhere"
    for text, message in [
        ("site_name: [x\n", ":2: error: not valid YAML"),
        ("docs_dir: d\n", ":1: error: site_name is missing"),
        ("site_name: x\n\ndocs_dir: [a, b]\n", ":3: error: docs_dir must be a folder name"),
    ]:
        config.write_text(text, encoding="utf-8")
        with pytest.raises(pipeline.InputError, match=f"^{config}{message}"):
            pipeline.site_config(config)


def site_args(work: Path) -> list[str]:
    return ["site", "--seeds", str(work / "seeds"), "--config", str(work / "mkdocs.yml"), "--site", str(work / "site")]


class FullDisk:
    """A file whose write() fails as on a full disk: with no file name."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def write(self, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "No space left on device"),
        (errno.EACCES, "Permission denied"),  # a docs/ folder that cannot be written
        (errno.EROFS, "Read-only file system"),
    ],
)
def test_a_write_that_fails_keeps_docs_and_site_and_names_the_file(
    work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, code: int, message: str
):
    assert main(["build", "--config", str(work / "mkdocs.yml")]) == 0
    (work / "seeds" / "004_390caa016548901d.txt").unlink()  # the next build rewrites and removes pages
    docs, site = tree(work / "docs"), tree(work / "site")
    capsys.readouterr()

    def failing_open(path: str, mode: str):
        if mode != "xb":  # reading the pages there
            return open(path, mode)
        if code == errno.ENOSPC:
            return FullDisk()
        raise OSError(code, message, path)  # open() names its file

    monkeypatch.setattr(writer, "open", failing_open, raising=False)
    assert main(site_args(work)) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].endswith(f": error: {message}"), err
    named = err[0].removesuffix(f": error: {message}")
    assert named.startswith(f"{work / 'docs'}/") and ".generate-" not in named  # the page, not its stage
    assert (tree(work / "docs"), tree(work / "site")) == (docs, site)
    assert not list(work.glob(".generate-*"))


def test_a_swap_that_fails_keeps_the_site_and_says_so(
    work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
):
    def refused(a: Path, b: Path) -> bool:
        raise PermissionError(errno.EACCES, "Permission denied", str(b))

    monkeypatch.setattr(pipeline, "_exchange", refused)
    site = tree(work / "site")
    assert main(site_args(work)) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"{work / 'site'}: error: Permission denied"
    assert tree(work / "site") == site
    assert not (work / ".site-build").exists() and not (work / ".site-old").exists()


def test_a_failed_final_rename_puts_the_previous_site_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site, build = tmp_path / "site", tmp_path / ".site-build"
    site.mkdir()
    (site / "previous.html").write_text("the site as it was", encoding="utf-8")
    build.mkdir()
    (build / "index.html").write_text("the new site", encoding="utf-8")
    rename = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if self == build:
            raise OSError(18, "Invalid cross-device link")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    monkeypatch.setattr(pipeline, "_exchange", lambda a, b: False)  # a system without an atomic exchange
    with pytest.raises(OSError, match="cross-device"):
        pipeline._swap(build, site)
    assert list(tree(site)) == ["previous.html"]
    assert (site / "previous.html").read_text(encoding="utf-8") == "the site as it was"
    assert not (tmp_path / ".site-old").exists()


def test_seeds_loaded_before_come_from_the_cache_with_their_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from dataclasses import astuple

    from generator.errors import Warnings
    from generator.load import seed_files
    from generator.registry import load_registry

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    title = "附件1\n\n2024年福建省“质量月”联合主办单位开展的主要活动\n\n"
    skips = "一、省市场监管局组织开展质量宣传。\n\n三、省体育局开展群众体育活动。\n"  # no 二: a warning
    (seeds / "a.txt").write_text(title + skips, "utf-8")
    (seeds / "b.txt").write_text(title.replace("福建", "浙江") + "一、省公安厅开展打假行动。\n", "utf-8")
    cache, registry = tmp_path / "cache", load_registry()
    reads = []
    real_read = pipeline.read_seed
    monkeypatch.setattr(pipeline, "read_seed", lambda path, *args: reads.append(path.name) or real_read(path, *args))

    def load() -> tuple[list, list]:
        warnings = Warnings()
        loaded = pipeline.load_bulletins(seed_files(seeds), registry, warnings, cache=cache)
        return [astuple(bulletin) for _, bulletin in loaded], [str(item) for item in warnings.items]  # eq=False

    first = load()
    assert reads == ["a.txt", "b.txt"] and first[1]  # a's numbering skips: a warning
    assert load() == first and reads == ["a.txt", "b.txt"]  # the same bulletins and warnings, nothing read
    (seeds / "b.txt").write_text(title.replace("福建", "浙江") + "一、省公安厅开展打假行动，保障质量。\n", "utf-8")
    changed = load()
    assert reads[2:] == ["b.txt"] and changed[0][1] != first[0][1] and changed[1] == first[1]
    assert len(os.listdir(cache)) == 2  # b's old entry is gone
    for name in os.listdir(cache):
        (cache / name).write_bytes(b"not a pickle")  # entries that cannot be read: the seeds are read again
    assert load() == changed and reads[3:] == ["a.txt", "b.txt"]
    fresh = pipeline.load_bulletins(seed_files(seeds), registry, Warnings())
    kept = pipeline.load_bulletins(seed_files(seeds), registry, Warnings(), cache=cache)
    assert [(doc, astuple(bulletin)) for doc, bulletin in fresh] == [(doc, astuple(b)) for doc, b in kept]
