"""The steps in order: `generate` turns seeds/ into docs/; `make_site` then builds site/ from it.

make_site runs the conservation check while `mkdocs build` renders, so on a machine of two cores
or more the check costs no wall time. site/ is replaced only when every step succeeded; after a
failure the previous site/ is as it was (docs/ holds the new pages: they are what failed).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.check import check
from generator.errors import InputError, StepFailed, Warnings
from generator.load import read_seed, seed_files
from generator.match import build_archive
from generator.model import Bulletin, Document
from generator.parse import parse_bulletin
from generator.readers import TEXT_SUFFIXES, seed_name
from generator.registry import Registry, load_registry
from generator.render import render_site
from generator.writer import write_site


def load_bulletins(
    files: list[Path], registry: Registry, warnings: Warnings, named: Callable[[Path], str] = seed_name
) -> list[tuple[Document, Bulletin]]:
    """read → clean → parse, for every seed: the one way every command, test and benchmark loads them."""
    loaded = []
    for path in files:
        doc = read_seed(path, warnings, named)
        loaded.append((doc, parse_bulletin(doc, registry, warnings)))
    return loaded


def generate(seeds: Path, docs: Path, registry_path: Path, strict: bool, site_name: str) -> str:
    """Read, parse, match, render, write. Returns a summary; raises InputError on bad input."""
    warnings = Warnings()
    registry = load_registry(registry_path)
    paths = seed_files(seeds)
    loaded = load_bulletins(paths, registry, warnings)
    bulletins = [bulletin for _, bulletin in loaded]
    archive = build_archive(bulletins, registry, warnings)
    sources = {bulletin.id: doc.text for doc, bulletin in loaded}
    originals = {
        bulletin.id: (path.suffix, path.read_bytes())
        for path, (_, bulletin) in zip(paths, loaded, strict=True)
        if path.suffix.lower() not in TEXT_SUFFIXES
    }
    files = render_site(archive, sources, site_name, originals)
    for diagnostic in warnings.items:
        print(diagnostic, file=sys.stderr)
    if strict and warnings.warnings:
        first = warnings.warnings[0]
        raise InputError(
            first.path, first.line, f"{len(warnings.warnings)} warning(s) with --strict; first: {first.message}"
        )
    stats = write_site(docs, files)
    return (
        f"{len(bulletins)} bulletins, {len(archive.entries)} agency pages, {len(archive.families)} families: "
        f"{stats.written} files written, {stats.unchanged} unchanged, {stats.removed} removed"
    )


def verify(seeds: Path, docs: Path) -> str:
    """The conservation check (generator/check.py); raises StepFailed with its problems."""
    files = seed_files(seeds)
    problems = check(files, docs)
    if problems:
        raise StepFailed([str(problem) for problem in problems])
    return f"check: every item of {len(files)} seed files is on its page, character for character"


def make_site(seeds: Path, config: Path, site: Path, registry: Path, strict: bool) -> list[str]:
    """Generate docs/, build it into a folder beside site/ while checking it, then swap that in.

    Returns a summary line per step; raises InputError (bad seeds) or StepFailed (the check or the
    build failed), with site/ untouched.
    """
    settings = site_config(config)
    docs = settings.docs_dir
    generated = generate(seeds, docs, registry, strict, settings.site_name)
    build = site.with_name(f".{site.name}-build")
    shutil.rmtree(build, ignore_errors=True)
    # Not --quiet: it silences the warnings that --strict turns into a failed build.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config.resolve())]
    # A session of its own, so that a failed check can stop the build and its search worker at once.
    mkdocs = subprocess.Popen([*command, "--site-dir", str(build.resolve())], cwd=config.parent, start_new_session=True)
    try:
        checked = verify(seeds, docs)
        if mkdocs.wait():
            raise StepFailed([f"{config}:1: error: mkdocs build failed (exit {mkdocs.returncode}); {site} kept"])
    except BaseException:
        with contextlib.suppress(ProcessLookupError):  # a step failed: stop the build and its worker
            os.killpg(mkdocs.pid, signal.SIGTERM)
        mkdocs.wait()
        shutil.rmtree(build, ignore_errors=True)
        raise
    _swap(build, site)
    return [generated, checked, f"site: built in {site}"]


@dataclass(frozen=True)
class SiteConfig:
    """What the generator needs of mkdocs.yml."""

    docs_dir: Path
    site_name: str


def site_config(config: Path) -> SiteConfig:
    """docs_dir and site_name of mkdocs.yml, read with MkDocs' own YAML loader (it resolves !ENV)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader  # only where a config is read: it is slow to import

    try:
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=get_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(str(config), mark.line + 1 if mark else 1, f"not valid YAML: {exc}") from exc
    except OSError as exc:
        raise InputError(str(config), 1, f"cannot read the MkDocs config: {exc.strerror}") from exc
    if not isinstance(settings, dict) or not isinstance(settings.get("site_name"), str):
        raise InputError(str(config), 1, "site_name is missing: MkDocs needs one")
    folder = settings.get("docs_dir", "docs")
    if not isinstance(folder, str):
        raise InputError(str(config), 1, "docs_dir must be a folder name")
    return SiteConfig(config.parent / folder, settings["site_name"])


def _swap(build: Path, site: Path) -> None:
    """site/ becomes the new build; the old one is removed only once the new one is in place."""
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    try:
        build.rename(site)
    except OSError:
        if old.exists():
            old.rename(site)
        raise
    shutil.rmtree(old, ignore_errors=True)
