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
    # Stage every file first: a failure here leaves docs/ exactly as it was.
    staging = Path(tempfile.mkdtemp(prefix=".generate-", dir=docs.parent))
    try:
        changed = []
        for rel, content in sorted(files.items()):
            data = content.encode("utf-8")
            target = docs / rel
            if target.is_file() and target.read_bytes() == data:
                continue
            staged = staging / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
            changed.append(rel)
        for rel in changed:
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, docs / rel)
        removed = _remove_stale(docs, set(files))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return WriteStats(written=len(changed), unchanged=len(files) - len(changed), removed=removed)


def _remove_stale(docs: Path, keep: set[str]) -> int:
    removed = 0
    for root in MANAGED:
        path = docs / root
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in candidates:
            if file.relative_to(docs).as_posix() not in keep:
                file.unlink()
                removed += 1
        if path.is_dir():
            for folder in sorted((p for p in path.rglob("*") if p.is_dir()), reverse=True):
                if not any(folder.iterdir()):
                    folder.rmdir()
    return removed
