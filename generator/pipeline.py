"""The steps in order: `generate` turns seeds/ into docs/; `make_site` then builds site/ from it.

make_site runs the conservation check while `mkdocs build` renders, so on a machine of two cores
or more the check costs no wall time. site/ is replaced only when every step succeeded; after a
failure the previous site/ is as it was (docs/ holds the new pages: they are what failed).
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import runs
from generator.check import check
from generator.data_files import line_of
from generator.errors import InputError, Interrupted, StepFailed, Warnings
from generator.load import read_seed, seed_files
from generator.match import build_archive
from generator.model import Bulletin, Document
from generator.parse import parse_bulletin
from generator.readers import TEXT_SUFFIXES, seed_name
from generator.registry import Registry, load_registry
from generator.render import render_site
from generator.writer import remove_staging, write_site


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
    paths = seed_files(seeds, warnings)
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


def slim(site: Path) -> str:
    """The post-build step (generator/postbuild.py), the same whichever engine built the site."""
    from generator.postbuild import postbuild

    stats = postbuild(site)
    return (
        f"postbuild: {stats.pages:,} pages, {stats.bytes_before:,} -> {stats.bytes_after:,} bytes, "
        f"{stats.icons} icons, {stats.addresses:,} addresses in the sitemap"
    )


def verify(seeds: Path, docs: Path) -> str:
    """The conservation check (generator/check.py); raises StepFailed with its problems."""
    files = seed_files(seeds)
    problems = check(files, docs)
    if problems:
        raise StepFailed([str(problem) for problem in problems])
    return f"check: every item of {len(files)} seed files is on its page, character for character"


def make_site(seeds: Path, config: Path, site: Path, registry: Path, strict: bool, engine: str = "mkdocs") -> list[str]:
    """Generate docs/, build it into a folder beside site/ while checking it, then swap that in.

    `engine` is one of generator/engines.py's ENGINES. Returns a summary line per step; raises
    InputError (bad seeds), StepFailed (the check or the build failed) or Interrupted (a signal),
    with site/ untouched and the build stopped.
    """
    from generator.engines import build_command

    settings = site_config(config)
    docs = settings.docs_dir
    try:
        generated = generate(seeds, docs, registry, strict, settings.site_name)
    except Interrupted as stop:  # whatever docs/ then holds, site/ is as it was
        raise Interrupted(stop.signum) from None
    build = _beside(site, "build")
    shutil.rmtree(build, ignore_errors=True)
    # Not --quiet: it silences the warnings that --strict turns into a failed build. A session of its
    # own (generator/runs.py), so that a failed check or a signal stops the build and whatever
    # it started at once, and so that they end with this process however it ends.
    with build_command(engine, config, build.resolve()) as (module, arguments):
        builder = runs.start(module, arguments, cwd=config.parent)
        try:
            checked = verify(seeds, docs)
            if status := builder.wait():
                raise StepFailed([f"{config}:1: error: {engine} build failed (exit {status}); {site} kept"])
            slimmed = slim(build)
            _swap(build, site)
        except BaseException:
            builder.stop()
            shutil.rmtree(build, ignore_errors=True)  # the new site, or after a swap the old one
            raise
    return [generated, checked, slimmed, f"site: built in {site}"]


def remove_leftovers(docs: Path, site: Path | None) -> list[str]:
    """Undo what a run that was killed left: the writer's staging folders, a build or an old site
    beside site/, a swap cut between its two renames. A note for each. Only under the checkout's
    lock (generator/runs.py): then no other run is using them."""
    notes = [f"{folder}: note: removed, left by an interrupted run" for folder in remove_staging(docs)]
    if site is None:
        return notes
    old = _beside(site, "old")
    if old.is_dir() and not site.exists():
        old.rename(site)
        notes.append(f"{site}: note: restored from {old}, where an interrupted run had moved it")
    for folder in (_beside(site, "build"), old):
        if folder.exists():
            shutil.rmtree(folder)
            notes.append(f"{folder}: note: removed, left by an interrupted run")
    return notes


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
        line = line_of(config, ["docs_dir"], get_yaml_loader())
        raise InputError(str(config), line, "docs_dir must be a folder name")
    return SiteConfig(config.parent / folder, settings["site_name"])


def _beside(site: Path, role: str) -> Path:
    """The folders beside site/ that a build uses: .site-build (the new site), .site-old."""
    return site.with_name(f".{site.name}-{role}")


def _swap(build: Path, site: Path) -> None:
    """site/ becomes the new build, in one step where the system can (then a process killed at any
    moment leaves the old site or the new one, never neither); the old one is removed after."""
    old = _beside(site, "old")
    done = "the new site is in place"
    with runs.deferred_signals(done):
        if site.exists() and _exchange(build, site):
            old = build  # the exchange left the old site there
        else:
            shutil.rmtree(old, ignore_errors=True)
            if site.exists():
                site.rename(old)
            try:
                build.rename(site)
            except OSError:
                if old.exists():
                    old.rename(site)
                raise
    try:
        shutil.rmtree(old, ignore_errors=True)
    except Interrupted as stop:  # the new site is in place: the next run removes the rest of the old
        raise Interrupted(stop.signum, done) from None


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names of two folders atomically (Linux renameat2 RENAME_EXCHANGE); False where the
    system or the file system cannot."""
    import ctypes

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(b))
