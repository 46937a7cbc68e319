"""Chunked search for large archives: Pagefind's index behind Material's own search box.

Past about 10,000 pages one search/search_index.json is too big for a phone. With Pagefind the
browser downloads, for one query, an entry file, the WebAssembly, the index's metadata, the index
chunks holding the query's words and the fragments of the results shown. Pagefind's extended build
segments Chinese.

Pagefind's metadata grows by about 6 bytes (compressed) per record, so a record per agency page
would cost 600 KB at 100,000 pages before any result. Records here are folders: a bulletin's
folder is one record and each of its searchable pages a section of it (a heading whose id is the
page's URL). The search worker turns each matching section back into its own result, so results
look as Material's own: one per page, its title, an excerpt with the match marked.

A word found in every bulletin (质量) makes Pagefind read and score the whole archive's share of
it, slow at 100,000 pages (benchmarks/RESULTS.md). So the index comes in two shards: the newest bulletins (about
RECENT_PAGES pages) in site/pagefind/, the rest in site/pagefind-older/. The worker shows the
recent shard's results at once and adds the older ones below them.

With `extra.search_backend: pagefind` in mkdocs.yml, the hook (generator/search/hook.py) keeps
every page out of Material's index (jieba does not run at build time; search_index.json stays
empty) and collects here the text Material would have indexed: pages without `search: exclude`,
minus their `data-search-exclude` sections. After the build, index_records runs Pagefind over each
shard, then puts generator/search/pagefind_worker.js in place of Material's search worker.
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
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

BUNDLE = "pagefind"  # the index's folder in the site
# Pages in the recent shard (why this many: benchmarks/RESULTS.md). PAGEFIND_RECENT_PAGES sets
# another (the tests set a small one to see two shards).
RECENT_PAGES = 25_000
RECENT_PAGES_VARIABLE = "PAGEFIND_RECENT_PAGES"
_BULLETIN_FOLDER = re.compile(r"bulletins/(\d{4})-")
WORKER_SOURCE = Path(__file__).with_name("pagefind_worker.js")
WORKERS = Path("assets") / "javascripts" / "workers"
# Pagefind's own search UIs and worker: Material's search box and our worker serve instead.
_UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js", "pagefind-worker.js")
_HEADING = re.compile(r"<h[1-6]\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
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
    """Searchable pages grouped by folder: folder URL -> [(page URL, title, text)]."""

    folders: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    def add(self, url: str, title: str, content: str) -> None:
        folder = url.rstrip("/").rpartition("/")[0]
        self.folders.setdefault(folder + "/" if folder else "", []).append((url, title, searchable_text(content)))

    def write(self, folder: Path) -> int:
        """One HTML file per folder, a section per page; returns the number of pages written."""
        pages = 0
        for url, sections in self.folders.items():
            body = "".join(
                f'<h2 id="{html.escape(page, quote=True)}">{html.escape(title)}</h2><p>{html.escape(text)}</p>'
                for page, title, text in sections
            )
            target = folder / url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(url or "/")}</title>'
                f"</head><body>{body}</body></html>",
                encoding="utf-8",
            )
            pages += len(sections)
        return pages


def searchable_text(content: str) -> str:
    """A page's HTML as plain text, without the sections whose heading has data-search-exclude.

    A section runs from its heading to the next heading, as in Material's search plugin. (Material
    also honours the attribute on other elements; this site puts it on headings only.)
    """
    kept, position, excluded = [], 0, False
    for match in _HEADING.finditer(content):
        if not excluded:
            kept.append(content[position : match.start()])
        position, excluded = match.start(), "data-search-exclude" in match[0]
    if not excluded:
        kept.append(content[position:])
    return " ".join(html.unescape(_TAG.sub(" ", "".join(kept))).split())


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
    them for the worker, and the files kept only in the first shard: the WebAssembly, the same in
    every shard, is downloaded once.
    """
    start = time.perf_counter()
    bundles = [BUNDLE, f"{BUNDLE}-older"]
    for name in bundles:
        shutil.rmtree(site / name, ignore_errors=True)
    parts = shards(records, recent_pages)
    if not parts:
        raise PluginError("pagefind: no page to index (every page has `search: exclude`)")
    pages = 0
    for shard, name in zip(parts, bundles, strict=False):
        with tempfile.TemporaryDirectory(prefix="pagefind-records-") as scratch:
            pages += shard.write(Path(scratch))
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
    listing = {"bundles": [f"{name}/" for name in used], "shared": shared}
    (site / BUNDLE / "shards.json").write_text(json.dumps(listing), encoding="utf-8")
    install_worker(site)
    files = [p for name in used for p in (site / name).rglob("*") if p.is_file()]
    seconds = time.perf_counter() - start
    return PagefindStats(len(records.folders), pages, seconds, len(files), sum(p.stat().st_size for p in files))


def install_worker(site: Path) -> None:
    """Material's search worker, whatever its hashed name, replaced by the Pagefind one."""
    workers = sorted((site / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker in {site / WORKERS}, found {len(workers)}")
    workers[0].write_text(WORKER_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    workers[0].with_name(workers[0].name + ".map").unlink(missing_ok=True)  # it maps Material's code


def recent_pages(environ: Mapping[str, str]) -> int:
    """RECENT_PAGES, or the number of pages PAGEFIND_RECENT_PAGES gives."""
    recent = environ.get(RECENT_PAGES_VARIABLE, str(RECENT_PAGES))
    if not recent.isdigit() or int(recent) < 1:
        raise PluginError(f"{RECENT_PAGES_VARIABLE} must be a number of pages, not {recent!r}")
    return int(recent)
