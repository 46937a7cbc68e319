"""Write generated files into docs/: only what changed, and nothing if writing fails."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.runs import deferred_signals

# The parts of docs/ the generator owns. Everything else there is hand-written.
MANAGED = ("index.md", "bulletins", "agencies", "campaigns", "api", "feed.xml", "feeds", "downloads", "browse")
_THREADS = 4  # files created at once
_BATCH = 64  # files a thread takes at once (a task per file costs more than its write)
STAGING = ".generate-"  # prefix of the staging folders beside docs/
_SAFE_PATH = re.compile(r"^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$")
# Content meaning "docs/ holds this file already, as it should be": kept without being read
# (generator/pagekeys.py knows when).
KEPT = object()


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def write_site(
    docs: Path, files: Mapping[str, str | bytes | object] | Iterable[tuple[str, str | bytes | object]]
) -> WriteStats:
    """Make docs/ hold exactly `files` (path -> content, or such pairs one at a time as the renderer
    makes them), rewriting only what changed: text (written as UTF-8), bytes (an attachment as
    published, offered for download) or KEPT (the file there is left as it is).

    New files go straight to their place as they come; changed ones are staged beside docs/ and
    renamed over the old ones once every byte is written, stale ones removed last. A write that
    fails (a full disk, a folder that cannot be written) or a path refused takes everything back,
    so docs/ is as it was, and names its file: OSError with the docs/ path as filename.
    """
    docs.mkdir(parents=True, exist_ok=True)
    existing = _existing(docs)
    staging = tempfile.mkdtemp(prefix=STAGING, dir=docs.parent)
    created = _Created()
    seen: set[str] = set()
    replaced: list[str] = []
    written = 0
    try:
        pool = ThreadPoolExecutor(_THREADS)
        pending: deque[Future] = deque()
        batch: list[tuple[str, bytes]] = []
        try:
            for rel, content in files.items() if isinstance(files, Mapping) else files:
                if not _SAFE_PATH.match(rel) or ".." in rel or rel.split("/")[0] not in MANAGED or rel in seen:
                    raise ValueError(f"refusing to write {rel!r}: not a generated path under docs/, or twice")
                seen.add(rel)
                if content is KEPT:
                    if rel not in existing:
                        raise ValueError(f"refusing to keep {rel!r}: docs/ has no such file")
                    continue
                data = content if isinstance(content, bytes) else content.encode("utf-8")
                if rel not in existing:
                    target = os.path.join(docs, rel)
                elif existing[rel] != len(data) or _read(os.path.join(docs, rel)) != data:
                    target = os.path.join(staging, rel)
                    replaced.append(rel)
                else:
                    continue
                created.folder(os.path.dirname(target))
                batch.append((target, data))
                written += 1
                if len(batch) == _BATCH:
                    pending.append(pool.submit(created.write_all, batch))
                    batch = []
                    # Creating a file mostly waits for the disk: a few threads overlap the waits
                    # (benchmarks/RESULTS.md). A few batches ahead at most: the rest are not yet made.
                    while len(pending) > 2 * _THREADS:
                        pending.popleft().result()
            pending.append(pool.submit(created.write_all, batch))
            while pending:
                pending.popleft().result()
            stale = sorted(set(existing) - seen)
            with deferred_signals("the new pages are in place"):
                _commit(docs, staging, sorted(replaced), stale)
        except BaseException as exc:
            created.stopped.set()  # a signal may have come mid-write: the threads end before undo() looks
            pool.shutdown(wait=True)
            created.undo()
            if isinstance(exc, OSError) and exc.filename:
                exc.filename = exc.filename.replace(staging, str(docs), 1)  # name the file, not its stage
            raise
        pool.shutdown(wait=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if stale:
        with contextlib.suppress(OSError):  # an empty folder left is harmless; the pages are in place
            _remove_empty_folders(docs)
    return WriteStats(written=written, unchanged=len(seen) - written, removed=len(stale))


def _commit(docs: Path, staging: str, replaced: list[str], stale: list[str]) -> None:
    """Rename the staged files over the old ones and remove the stale ones: all of it, or (a rename
    refused: a read-only folder) none. Each old file is kept under a hard link in the staging folder
    until the end, so that it can be put back."""
    kept: list[tuple[str, str]] = []  # (docs path, its old file's link in staging)
    try:
        for n, rel in enumerate([*replaced, *stale]):
            target, old = os.path.join(docs, rel), os.path.join(staging, f"old-{n}")
            os.link(target, old)
            kept.append((target, old))
            if n < len(replaced):
                os.replace(os.path.join(staging, rel), target)
            else:
                os.remove(target)
    except BaseException:
        for target, old in reversed(kept):
            os.replace(old, target)
        raise


def remove_staging(docs: Path) -> list[Path]:
    """Remove the staging folders a killed run left beside docs/ (only when no run is writing)."""
    found = sorted(docs.parent.glob(f"{STAGING}*"))
    for folder in found:
        shutil.rmtree(folder)
    return found


class _Created:
    """Files and folders made so far, so that a failed write can take them back."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.folders: list[str] = []
        self._known: set[str] = set()  # folders known to exist: one check per folder, not per file
        self.stopped = threading.Event()

    def write_all(self, writes: list[tuple[str, bytes]]) -> None:
        for path, data in writes:
            if self.stopped.is_set():
                return
            self.write(path, data)

    def write(self, path: str, data: bytes) -> None:
        """Create one file (its folder made already); safe to call from several threads."""
        try:
            with open(path, "xb") as out:
                self.files.append(path)  # list.append is atomic
                out.write(data)
        except OSError as exc:
            exc.filename = exc.filename or path  # a full disk fails in write(), which names no file
            raise

    def folder(self, folder: str) -> None:
        if folder in self._known:
            return
        if not os.path.isdir(folder):
            self.folder(os.path.dirname(folder))
            self.folders.append(folder)  # first: a signal right after mkdir must not leave it unknown
            try:
                os.mkdir(folder)
            except OSError:
                self.folders.pop()
                raise
        self._known.add(folder)

    def undo(self) -> None:
        for path in self.files:
            with contextlib.suppress(FileNotFoundError):  # a staged file the commit had moved away
                os.remove(path)
        for folder in reversed(self.folders):
            with contextlib.suppress(FileNotFoundError):  # a signal came before its mkdir
                os.rmdir(folder)


def generated_files(docs: Path) -> list[str]:
    """The generated files now in docs/, as paths relative to it."""
    found = []
    for root in MANAGED:
        top = os.path.join(docs, root)
        if os.path.isfile(top):
            found.append(root)
        for folder, _, names in os.walk(top):
            rel_folder = os.path.relpath(folder, docs).replace(os.sep, "/")
            found.extend(f"{rel_folder}/{name}" for name in names)
    return found


def _existing(docs: Path) -> dict[str, int]:
    """Generated files already in docs/: relative path -> size."""
    return {rel: os.path.getsize(os.path.join(docs, rel)) for rel in generated_files(docs)}


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _remove_empty_folders(docs: Path) -> None:
    for root in MANAGED:
        for folder, _, names in os.walk(os.path.join(docs, root), topdown=False):
            if not names and not os.listdir(folder):
                os.rmdir(folder)
