"""Write generated files into docs/: all or nothing, and only what changed."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The parts of docs/ the generator owns. Everything else there is hand-written.
MANAGED = ("index.md", "bulletins", "agencies", "api")
_SAFE_PATH = re.compile(r"^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$")


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_site(docs: Path, files: dict[str, str]) -> WriteStats:
    for rel in files:
        if not _SAFE_PATH.match(rel) or ".." in rel or rel.split("/")[0] not in MANAGED:
            raise ValueError(f"refusing to write {rel!r}: not a generated path under docs/")
    docs.mkdir(parents=True, exist_ok=True)
    existing = _existing(docs)
    # Stage every file first: a failure here leaves docs/ exactly as it was.
    staging = tempfile.mkdtemp(prefix=".generate-", dir=docs.parent)
    try:
        changed = []
        made: set[str] = set()  # folders known to exist: one makedirs per folder, not per file
        for rel, content in sorted(files.items()):
            data = content.encode("utf-8")
            target = os.path.join(docs, rel)
            if existing.get(rel) == len(data) and _read(target) == data:
                continue
            staged = os.path.join(staging, rel)
            _make_folder(os.path.dirname(staged), made)
            with open(staged, "wb") as out:
                out.write(data)
            changed.append(rel)
        for rel in changed:
            target = os.path.join(docs, rel)
            _make_folder(os.path.dirname(target), made)
            os.replace(os.path.join(staging, rel), target)
        stale = sorted(set(existing) - set(files))
        for rel in stale:
            os.remove(os.path.join(docs, rel))
        _remove_empty_folders(docs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return WriteStats(written=len(changed), unchanged=len(files) - len(changed), removed=len(stale))


def _existing(docs: Path) -> dict[str, int]:
    """Generated files already in docs/: relative path -> size."""
    found = {}
    for root in MANAGED:
        top = os.path.join(docs, root)
        if os.path.isfile(top):
            found[root] = os.path.getsize(top)
        for folder, _, names in os.walk(top):
            rel_folder = os.path.relpath(folder, docs).replace(os.sep, "/")
            for name in names:
                found[f"{rel_folder}/{name}"] = os.path.getsize(os.path.join(folder, name))
    return found


def _make_folder(folder: str, made: set[str]) -> None:
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _remove_empty_folders(docs: Path) -> None:
    for root in MANAGED:
        for folder, _, names in os.walk(os.path.join(docs, root), topdown=False):
            if not names and not os.listdir(folder):
                os.rmdir(folder)
