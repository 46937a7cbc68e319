"""The steps in order: `generate` turns seeds/ into docs/; `make_site` then builds site/ from it.

make_site runs the conservation check while `mkdocs build` renders, so on a machine of two cores
or more the check costs no wall time. site/ is replaced only when every step succeeded; after a
failure the previous site/ is as it was (docs/ holds the new pages: they are what failed).
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import runs
from generator.buildcache import REPORT, BuildCache, code_hash, write_whole
from generator.check import check
from generator.data_files import line_of
from generator.errors import InputError, Interrupted, StepFailed, Warnings
from generator.load import read_seed, seed_files
from generator.match import build_archive
from generator.model import Bulletin, Document
from generator.pagekeys import PageKeys
from generator.parse import parse_bulletin
from generator.readers import TEXT_SUFFIXES, seed_name
from generator.registry import Registry, load_registry
from generator.render import render_site
from generator.writer import remove_staging, write_site


def load_bulletins(
    files: list[Path],
    registry: Registry,
    warnings: Warnings,
    named: Callable[[Path], str] = seed_name,
    cache: Path | None = None,
) -> list[tuple[Document, Bulletin]]:
    """read → clean → parse, for every seed: the one way every command, test and benchmark loads them.

    `cache`: a folder of the seeds loaded before (generator/buildcache.py `seeds/`): a seed whose
    bytes, name, registry and code are unchanged is taken from there with the warnings it gave; the
    folder keeps just this run's seeds."""
    loaded = []
    version = hashlib.sha256(f"{code_hash()}\0{registry.families!r}".encode()).hexdigest() if cache else ""
    kept = set()
    for path in files:
        key = hashlib.sha256(f"{version}\0{named(path)}\0".encode() + path.read_bytes()).hexdigest() if cache else ""
        if cache and (found := _cached(cache / key)):
            doc, bulletin, diagnostics = found
            warnings.items.extend(diagnostics)
        else:
            start = len(warnings.items)
            doc = read_seed(path, warnings, named)
            bulletin = parse_bulletin(doc, registry, warnings)
            if cache:
                cache.mkdir(parents=True, exist_ok=True)
                _store(cache / key, (doc, bulletin, warnings.items[start:]))
        kept.add(key)
        loaded.append((doc, bulletin))
    for stale in set(os.listdir(cache)) - kept if cache and cache.is_dir() else ():
        (cache / stale).unlink(missing_ok=True)
    return loaded


def _cached(path: Path) -> tuple | None:
    """What a load stored there; None if nothing (or it cannot be read: then the seed is read again)."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def _store(path: Path, value: tuple) -> None:
    write_whole(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def generate(
    seeds: Path,
    docs: Path,
    registry_path: Path,
    strict: bool,
    site_name: str,
    cache: BuildCache | None = None,
    full: bool = False,
) -> str:
    """Read, parse, match, render, write. Returns a summary; raises InputError on bad input.
    `cache`: the site build's (generator/buildcache.py), for the seeds loaded before
    (load_bulletins) and the keys of the pages docs/ holds (generator/pagekeys.py), which spare
    rendering them again unless `full`."""
    warnings = Warnings()
    registry = load_registry(registry_path)
    paths = seed_files(seeds, warnings)
    loaded = load_bulletins(paths, registry, warnings, cache=cache.seeds if cache else None)
    bulletins = [bulletin for _, bulletin in loaded]
    sources = {bulletin.id: doc.text for doc, bulletin in loaded}
    originals = {
        bulletin.id: (path.suffix, path.read_bytes())
        for path, bulletin in zip(paths, bulletins, strict=True)
        if path.suffix.lower() not in TEXT_SUFFIXES
    }
    del loaded  # the documents' lines: of them only the text is needed from here (at 10^5 pages, 100 MB)
    archive = build_archive(bulletins, registry, warnings)
    for diagnostic in warnings.items:
        print(diagnostic, file=sys.stderr)
    if strict and warnings.warnings:
        first = warnings.warnings[0]
        raise InputError(
            first.path, first.line, f"{len(warnings.warnings)} warning(s) with --strict; first: {first.message}"
        )
    keys = (PageKeys(docs) if full else PageKeys.load(cache.pages, docs)) if cache else None
    stats = write_site(docs, render_site(archive, sources, site_name, originals, keys))
    if keys:
        keys.save(cache.pages)
    return (
        f"{len(bulletins)} bulletins, {len(archive.entries)} agency pages, {len(archive.families)} families: "
        f"{stats.written} files written, {stats.unchanged} unchanged, {stats.removed} removed"
        + (f"; {keys.kept} pages kept without rendering" if keys and keys.kept else "")
    )


def slim(site: Path) -> str:
    """The post-build step (generator/postbuild.py) after an engine that runs without
    generator/sitebuild.py (Zensical), which runs it itself."""
    from generator.postbuild import postbuild

    return postbuild(site).summary()


def verify(seeds: Path, docs: Path) -> str:
    """The conservation check (generator/check.py); raises StepFailed with its problems."""
    files = seed_files(seeds)
    problems = check(files, docs)
    if problems:
        raise StepFailed([str(problem) for problem in problems])
    return f"check: every item of {len(files)} seed files is on its page, character for character"


def make_site(
    seeds: Path, config: Path, site: Path, registry: Path, strict: bool, engine: str = "mkdocs", full: bool = False
) -> list[str]:
    """Generate docs/, build it into a folder beside site/ while checking it, then swap that in.

    `engine` is one of generator/engines.py's ENGINES; MkDocs and ProperDocs render only the pages
    that changed since the site/ in place was built, unless `full` (generator/sitebuild.py).
    Returns a summary line per step; raises InputError (bad seeds), StepFailed (the check or the
    build failed) or Interrupted (a signal), with site/ untouched and the build stopped.
    """
    from generator.engines import build_command

    settings = site_config(config)
    docs = settings.docs_dir
    build, cache = _beside(site, "build"), BuildCache(_beside(site, "cache"))
    shutil.rmtree(build, ignore_errors=True)
    # MkDocs and ProperDocs start at once and ready themselves (imports, the inputs hash, the plan)
    # while docs/ is generated, then wait for a byte on `docs_ready` (generator/sitebuild.py --after);
    # Zensical starts once docs/ is ready. A session of its own (generator/runs.py), so that a
    # failed step or a signal stops the build and whatever it started at once, and so that they end
    # with this process however it ends. Not --quiet: it silences the warnings that --strict turns
    # into a failed build.
    docs_ready, go = os.pipe()
    paths = (build.resolve(), site.resolve(), cache.folder.resolve())
    try:
        with build_command(engine, config, *paths, full, docs_ready) as (module, arguments, early):
            builder = runs.start(module, arguments, config.parent, (docs_ready,)) if early else None
            try:
                generated = _generated(seeds, docs, registry, strict, settings.site_name, cache, full)
                os.write(go, b"1")
                builder = builder or runs.start(module, arguments, cwd=config.parent)
                checked = verify(seeds, docs)
                if status := builder.wait():
                    raise StepFailed([f"{config}:1: error: {engine} build failed (exit {status}); {site} kept"])
                built = cache.read_next(REPORT) if early else [slim(build), f"site: full build ({engine}: every page)"]
                cache.forget()  # from here until commit, a killed run leaves no cache: the next build is full
                _swap(build, site)
                cache.commit()
            except BaseException:
                if builder:
                    builder.stop()
                cache.discard()
                shutil.rmtree(build, ignore_errors=True)  # the new site, or after a swap the old one
                raise
    finally:
        os.close(docs_ready)
        os.close(go)
    return [generated, checked, *built, f"site: built in {site}"]


def _generated(
    seeds: Path, docs: Path, registry: Path, strict: bool, site_name: str, cache: BuildCache, full: bool
) -> str:
    """generate() for make_site: interrupted, site/ is as it was whatever docs/ then holds; then
    the memory it freed goes back to the system, before the build starts beside this process."""
    try:
        generated = generate(seeds, docs, registry, strict, site_name, cache, full)
    except Interrupted as stop:
        raise Interrupted(stop.signum) from None
    runs.release_memory()
    return generated


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
    for folder in (_beside(site, "build"), old, BuildCache(_beside(site, "cache")).next):
        if folder.exists():
            shutil.rmtree(folder)
            notes.append(f"{folder}: note: removed, left by an interrupted run")
    return notes


@dataclass(frozen=True)
class SiteConfig:
    """What the generator needs of mkdocs.yml."""

    docs_dir: Path
    site_name: str


def config_settings(config: Path) -> dict:
    """mkdocs.yml as MkDocs reads it, with its own YAML loader (it resolves !ENV)."""
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
    return settings


def site_config(config: Path) -> SiteConfig:
    """docs_dir and site_name of mkdocs.yml."""
    settings = config_settings(config)
    folder = settings.get("docs_dir", "docs")
    if not isinstance(folder, str):
        from mkdocs.utils.yaml import get_yaml_loader

        line = line_of(config, ["docs_dir"], get_yaml_loader())
        raise InputError(str(config), line, "docs_dir must be a folder name")
    return SiteConfig(config.parent / folder, settings["site_name"])


def _beside(site: Path, role: str) -> Path:
    """The folders beside site/ that a build uses: .site-build (the new site), .site-old, .site-cache
    (generator/buildcache.py)."""
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
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(b))
