"""Chunked search for large archives: Pagefind's index behind Material's own search box.

Past about 10,000 pages one search/search_index.json is too big for a phone. With Pagefind the
browser downloads, for one query, an entry file, the WebAssembly, the index's metadata, the index
chunks holding the query's words and the fragments of the results shown. Pagefind's extended build
segments Chinese.

Pagefind's metadata grows by about 6 bytes (compressed) per record, so a record per agency page
would cost 600 KB at 100,000 pages before any result. Records here are folders: a bulletin's
folder is one record. Its words are the character bigrams of its pages (generator/search/pages.py:
Pagefind's own segmentation of Chinese misses parts of words, 监管局 in 市场监管局), its metadata
the pages themselves, which the worker matches and ranks as the one-file index's worker does.

A word found in every bulletin (质量) makes Pagefind read and score the whole archive's share of
it, slow at 100,000 pages (benchmarks/RESULTS.md). So the index comes in two shards: the newest bulletins (about
RECENT_PAGES pages) in site/pagefind/, the rest in site/pagefind-older/. The worker shows the
recent shard's results at once and adds the older ones below them.

With `extra.search_backend: pagefind` in mkdocs.yml, the hook (generator/search/hook.py) collects
here the SearchPages of the pages without `search: exclude`. After the build, index_records runs
Pagefind over each shard, then puts generator/search/pagefind_worker.js in place of Material's search
worker.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.search.pages import SearchPage, install_worker, is_bigram, tokens

BUNDLE = "pagefind"  # the index's folder in the site
# Pages in the recent shard (why this many: benchmarks/RESULTS.md). PAGEFIND_RECENT_PAGES sets
# another (the tests set a small one to see two shards).
RECENT_PAGES = 25_000
RECENT_PAGES_VARIABLE = "PAGEFIND_RECENT_PAGES"
_BULLETIN_FOLDER = re.compile(r"bulletins/(\d{4})-")
WORKER_SOURCE = Path(__file__).with_name("pagefind_worker.js")
# Pagefind's own search UIs and worker: Material's search box and our worker serve instead.
_UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js", "pagefind-worker.js")
# Bigrams found in at least this share of the records (质量, 开展, 20 …), the COMMON_MOST most
# frequent of them: the worker leaves them out of a query that has others (why: README, Search at
# 100,000 pages). The list is part of the search's set-up download: 2.3 KB gzipped at 10^5 pages.
COMMON_SHARE = 0.5
COMMON_MOST = 500
log = logging.getLogger("mkdocs.hooks.search")


@dataclass(frozen=True)
class PagefindStats:
    records: int
    pages: int
    seconds: float
    files: int
    bytes: int


@dataclass
class Records:
    """Searchable pages grouped by folder: folder URL -> its pages."""

    folders: dict[str, list[SearchPage]] = field(default_factory=dict)

    def add(self, page: SearchPage) -> None:
        folder = page.location.rstrip("/").rpartition("/")[0]
        self.folders.setdefault(folder + "/" if folder else "", []).append(page)

    def write(self, folder: Path, seen: Counter) -> int:
        """One HTML file per folder, its pages' bigrams as text (each once: Pagefind only finds the
        records, the worker ranks the pages; a record's fragment stores the text, downloaded for
        each result) and the pages as metadata; counts in `seen` the records holding each bigram.
        Returns the number of pages written."""
        pages = 0
        for url, sections in self.folders.items():
            record = list(dict.fromkeys(word for page in sections for word in tokens(page)))
            seen.update(word for word in record if is_bigram(word))
            words = " ".join(record)
            meta = json.dumps([page.fields() for page in sections], ensure_ascii=False, separators=(",", ":"))
            target = folder / url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(url or "/")}</title>'
                f'<meta data-pagefind-meta="pages[content]" content="{html.escape(meta, quote=True)}">'
                f"</head><body><p>{words}</p></body></html>",
                encoding="utf-8",
            )
            pages += len(sections)
        return pages


def common(seen: Counter, records: int) -> list[str]:
    """The bigrams `seen` in at least COMMON_SHARE of the records, most frequent first, at most COMMON_MOST."""
    frequent = sorted((w for w, n in seen.items() if n >= COMMON_SHARE * records), key=lambda w: (-seen[w], w))
    return frequent[:COMMON_MOST]


def shards(records: Records, recent_pages: int) -> list[Records]:
    """The records split in two by age: the newest bulletins, taken whole until they hold at least
    `recent_pages` pages, then the rest.

    The worker searches the recent shard first and shows its results at once, so the time to first
    results is bounded by the recent shard however large the archive grows. Folders that are no
    bulletin (the about page's) count as newest.
    """
    recent, older, pages = Records(), Records(), 0
    for folder in sorted(records.folders, key=lambda url: (-_year(url), url)):
        sections = records.folders[folder]
        target = recent if pages < recent_pages else older
        target.folders[folder] = sections
        pages += len(sections)
    return [shard for shard in (recent, older) if shard.folders]


def _year(folder: str) -> int:
    found = _BULLETIN_FOLDER.match(folder)
    return int(found[1]) if found else 10_000


def index_records(records: Records, site: Path, recent_pages: int = RECENT_PAGES) -> PagefindStats:
    """Run Pagefind over each shard of the records and install the search worker.

    The shards go to site/pagefind/ (recent) and site/pagefind-older/; pagefind/shards.json lists
    them for the worker, the files kept only in the first shard (the WebAssembly, the same in
    every shard, is downloaded once) and the common bigrams.
    """
    start = time.perf_counter()
    bundles = [BUNDLE, f"{BUNDLE}-older"]
    for name in bundles:
        shutil.rmtree(site / name, ignore_errors=True)
    parts = shards(records, recent_pages)
    if not parts:
        raise PluginError("pagefind: no page to index (every page has `search: exclude`)")
    pages, seen = 0, Counter()
    for shard, name in zip(parts, bundles, strict=False):
        with tempfile.TemporaryDirectory(prefix="pagefind-records-") as scratch:
            pages += shard.write(Path(scratch), seen)
            command = [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(site / name)]
            result = subprocess.run([*command, "--silent"], capture_output=True, text=True, check=False)
        if result.returncode:
            problem = result.stderr.strip() or result.stdout.strip()
            raise PluginError(f"pagefind failed ({result.returncode}): {problem}")
        for unused in _UNUSED:
            for path in (site / name).glob(unused):
                path.unlink()
    used = bundles[: len(parts)]
    shared = []
    for wasm in sorted((site / BUNDLE).glob("wasm.*.pagefind")):
        copies = [site / name / wasm.name for name in used[1:]]
        if all(copy.is_file() and copy.read_bytes() == wasm.read_bytes() for copy in copies):
            shared.append(wasm.name)
            for copy in copies:
                copy.unlink()
    listing = {"bundles": [f"{name}/" for name in used], "shared": shared, "common": common(seen, len(records.folders))}
    (site / BUNDLE / "shards.json").write_text(json.dumps(listing), encoding="utf-8")
    install_worker(site, WORKER_SOURCE)
    files = [p for name in used for p in (site / name).rglob("*") if p.is_file()]
    seconds = time.perf_counter() - start
    return PagefindStats(len(records.folders), pages, seconds, len(files), sum(p.stat().st_size for p in files))


def recent_pages(environ: Mapping[str, str]) -> int:
    """RECENT_PAGES, or the number of pages PAGEFIND_RECENT_PAGES gives."""
    recent = environ.get(RECENT_PAGES_VARIABLE, str(RECENT_PAGES))
    if not recent.isdigit() or int(recent) < 1:
        raise PluginError(f"{RECENT_PAGES_VARIABLE} must be a number of pages, not {recent!r}")
    return int(recent)
