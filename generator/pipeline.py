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
from pathlib import Path

import yaml

from generator.check import check
from generator.clean import remove_artefacts
from generator.errors import InputError, StepFailed, Warnings
from generator.match import build_archive
from generator.model import Document
from generator.parse import parse_bulletin
from generator.readers import read_document, seed_name
from generator.registry import load_registry
from generator.render import render_site
from generator.writer import write_site


def seed_files(seeds: Path) -> list[Path]:
    if not seeds.is_dir():
        raise InputError(str(seeds), 1, "seeds folder does not exist")
    files = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(str(seeds), 1, "no attachments in the seeds folder")
    return files


def generate(seeds: Path, docs: Path, registry_path: Path, strict: bool) -> str:
    """Read, parse, match, render, write. Returns a summary; raises InputError on bad input."""
    warnings = Warnings()
    registry = load_registry(registry_path)
    documents = [read_document(path, seed_name(path), warnings) for path in seed_files(seeds)]
    bulletins = [parse_bulletin(cleaned(doc, warnings), registry, warnings) for doc in documents]
    archive = build_archive(bulletins, registry, warnings)
    sources = {b.id: doc.text for b, doc in zip(bulletins, documents, strict=True)}
    files = render_site(archive, sources)
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


def cleaned(doc: Document, warnings: Warnings) -> Document:
    doc, removed = remove_artefacts(doc)
    for line in removed:
        warnings.add(doc.path, line.line, f"removed {line.reason}: {line.text.strip()}")
    return doc


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
    docs = docs_dir(config)
    generated = generate(seeds, docs, registry, strict)
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


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml only as far as docs_dir: its tags (!ENV …) read as null."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def docs_dir(config: Path) -> Path:
    """The docs folder mkdocs.yml builds from (MkDocs' default: docs beside it)."""
    try:
        settings = yaml.load(config.read_text(encoding="utf-8"), _ConfigLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(str(config), mark.line + 1 if mark else 1, f"not valid YAML: {exc}") from exc
    folder = settings.get("docs_dir", "docs") if isinstance(settings, dict) else "docs"
    if not isinstance(folder, str):
        raise InputError(str(config), 1, "docs_dir must be a plain folder name (no !ENV) to generate into")
    return config.parent / folder


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
