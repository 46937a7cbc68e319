"""What an incremental site build keeps from one build to the next: `.site-cache/` beside site/.

- `current/` describes the site/ in place: `manifest.json` (generator/sitebuild.py: the hash of
  the inputs every page depends on, each docs file's hash, each page's icons) and `search.json`
  (generator/search/hook.py: each searched page's SearchPage, by its docs file).
- `templates/`: the theme's templates as Jinja compiled them (its bytecode cache, which checks
  each against its source), for any build.
- `seeds/`: each seed as read and parsed (generator/pipeline.py load_bulletins), with the warnings
  it gave, by a hash of its bytes, its name, the registry and `code_hash()`: a seed unchanged is
  not read again (a .doc not converted again by LibreOffice).
- `pages.json`: the key of each agency and bulletin page in docs/ (generator/pagekeys.py): a page
  whose key is unchanged is not rendered again. It describes docs/, not site/, so it is saved
  once generate has written docs/.
- A build writes `next/` (and its `report.json`: the lines it has to say). `make site` removes
  `current/`, swaps the new site in, then renames `next/` to `current/`: a run killed in between
  leaves no `current/`, and the next build is a full one, never one from a cache that describes
  another site.

The site build finds the folder in the environment (ENV), so that the hook, which MkDocs loads,
sees the same one; without it (a plain `mkdocs build`) nothing is read or kept.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Any

ENV = "GENERATOR_BUILD_CACHE"
MANIFEST = "manifest.json"
SEARCH = "search.json"
REPORT = "report.json"


class BuildCache:
    """The folder, and its parts (the module docstring says what each holds)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.current, self.next = folder / "current", folder / "next"
        self.templates, self.seeds = folder / "templates", folder / "seeds"
        self.pages = folder / "pages.json"

    @classmethod
    def from_env(cls) -> BuildCache | None:
        folder = os.environ.get(ENV)
        return cls(Path(folder)) if folder else None

    def read(self, name: str) -> Any:
        """current/NAME's value; None when there is none or it cannot be read (then the build is full)."""
        try:
            return json.loads((self.current / name).read_bytes())
        except (OSError, ValueError):
            return None

    def read_next(self, name: str) -> Any:
        return json.loads((self.next / name).read_bytes())

    def write(self, name: str, value: Any) -> None:
        """next/NAME, compact, in UTF-8."""
        self.next.mkdir(parents=True, exist_ok=True)
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (self.next / name).write_text(data, encoding="utf-8")

    def start(self) -> None:
        """An empty next/ for a build to fill."""
        shutil.rmtree(self.next, ignore_errors=True)
        self.next.mkdir(parents=True)

    def forget(self) -> None:
        """No current/: what it described is about to be replaced."""
        shutil.rmtree(self.current, ignore_errors=True)

    def commit(self) -> None:
        """next/ becomes current/ (after `forget`, once the site it describes is in place)."""
        if self.next.is_dir():
            self.next.rename(self.current)

    def discard(self) -> None:
        shutil.rmtree(self.next, ignore_errors=True)


@cache
def code_hash() -> str:
    """A hash of the code that turns seeds into pages: every file of the generator package (its
    code, theme overrides, hooks, agency registry, regions), Python's version and every installed
    package's (the engine, Material, Markdown's extensions, pypinyin, Pagefind …)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(files_hash([package], package).encode())
    digest.update(sys.version.encode())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def file_record(path: str, known: list | None = None) -> list:
    """[sha256, size, mtime in ns] of a file: `known` itself when size and mtime are those it records
    (as git's index does: the writer leaves an unchanged file as it was), else its bytes hashed."""
    stat = os.stat(path)
    if known and known[1:] == [stat.st_size, stat.st_mtime_ns]:
        return known
    with open(path, "rb") as file:
        return [hashlib.file_digest(file, "sha256").hexdigest(), stat.st_size, stat.st_mtime_ns]


def write_whole(path: Path, data: bytes) -> None:
    """Written whole or not at all: a run killed mid-write leaves the old file or none, never half."""
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def files_hash(paths: list[Path], root: Path) -> str:
    """A hash of each file of `paths` (files, or folders whole, compiled Python aside) by its path
    from `root` and its bytes: a file renamed, added or changed changes it."""
    digest = hashlib.sha256()
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(f"\0{os.path.relpath(file, root)}\0".encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()
