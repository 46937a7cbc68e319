"""Pages that need not be rendered again: each page's key is a digest of what its function is called
with, and a page whose key is the one docs/ was last written with, in a file untouched since, is
not rendered, compared or written (write_site keeps it as it is: writer.KEPT).

A page function is pure: its page is a function of its arguments and of the generator's code.
The key covers both: the code by `code_hash()` (a new version forgets every key), the arguments
by value, an Entry by its bulletin's whole value, its item's place there, its family and its
slug. So a key changes whenever anything the function is given changes, whatever of it the page
shows: pass a page function what it reads, not more (a page given the whole archive would be
rendered every time).

The keys live in `.site-cache/pages.json` (generator/buildcache.py): docs path -> the key and the
file's record as written (buildcache.file_record: its digest, size and mtime), so that a file
changed or replaced since (by hand, or by a run killed before it saved its keys) is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.buildcache import code_hash, file_record, write_whole
from generator.model import Bulletin, Entry, Family
from generator.writer import KEPT


class PageKeys:
    """The keys docs/ was written with (`previous`: path -> [key, *the file's record]), this run's
    keys, and the pages kept without being rendered."""

    def __init__(self, docs: Path, previous: dict[str, list] | None = None) -> None:
        self.docs = docs
        self.previous = previous or {}
        self.keys: dict[str, str] = {}
        self._kept: set[str] = set()
        self._tokens: dict[int, str] = {}  # id() of a Bulletin, Family or Entry -> its digest
        self._places: dict[int, int] = {}  # id() of an Item -> its place in its bulletin

    @classmethod
    def load(cls, file: Path, docs: Path) -> PageKeys:
        """The keys saved in `file` for this code; none if it has none (then every page is rendered)."""
        try:
            saved = json.loads(file.read_bytes())
        except (OSError, ValueError):
            saved = {}
        fits = isinstance(saved, dict) and saved.get("code") == code_hash() and isinstance(saved.get("pages"), dict)
        return cls(docs, saved["pages"] if fits else None)

    def page(self, path: str, render: Callable[..., str], *args: Any) -> str | object:
        """render(*args), or KEPT when docs/`path` holds it already."""
        key = self.key(render, args)
        self.keys[path] = key
        if (before := self.previous.get(path)) and before[0] == key and self._holds(path, before[1:]):
            self._kept.add(path)
            return KEPT
        return render(*args)

    @property
    def kept(self) -> int:
        """How many pages were not rendered: docs/ held them already."""
        return len(self._kept)

    def save(self, file: Path) -> None:
        """This run's keys with their files' records, once write_site has put them in place."""
        pages = {}
        for path, key in sorted(self.keys.items()):
            if path in self._kept:
                pages[path] = self.previous[path]
            else:
                before = self.previous.get(path)
                pages[path] = [key, *file_record(os.path.join(self.docs, path), before[1:] if before else None)]
        file.parent.mkdir(parents=True, exist_ok=True)
        write_whole(file, json.dumps({"code": code_hash(), "pages": pages}, separators=(",", ":")).encode())

    def key(self, render: Callable[..., str], args: tuple) -> str:
        digest = hashlib.blake2b(render.__qualname__.encode(), digest_size=16)
        for arg in args:
            digest.update(self._token(arg).encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def _holds(self, path: str, record: list) -> bool:
        """Whether docs/`path` is still the file written: the same size and mtime, or (a copy
        restored from a cache may not keep the mtime) the same bytes."""
        try:
            return file_record(os.path.join(self.docs, path), record)[0] == record[0]
        except OSError:
            return False

    def _token(self, value: Any) -> str:
        """A string that differs whenever `value` differs (for the types page functions are given)."""
        if value is None or isinstance(value, (str, int)):
            return repr(value)
        if isinstance(value, (tuple, list)):
            return "(" + ",".join(self._token(v) for v in value) + ")"
        if isinstance(value, (Bulletin, Family)):
            if id(value) not in self._tokens:
                self._tokens[id(value)] = hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()
                if isinstance(value, Bulletin):
                    self._places.update((id(item), n) for n, item in enumerate(value.items))
            return self._tokens[id(value)]
        if isinstance(value, Entry):
            if id(value) not in self._tokens:
                bulletin = self._token(value.bulletin)
                place = self._places[id(value.item)]
                self._tokens[id(value)] = f"{bulletin}/{place}/{self._token(value.family)}/{value.slug!r}"
            return self._tokens[id(value)]
        raise TypeError(f"no page key for a {type(value).__name__}: give the page function plain values")
