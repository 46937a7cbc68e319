"""The MkDocs hook behind the site's search, chosen by one setting in mkdocs.yml:

    hooks:
      - generator/search/hook.py
    extra:
      search_backend: !ENV [SEARCH_BACKEND, lunr]   # lunr: Material's index; pagefind: chunked

The hook keeps the pages out of Material's search plugin, which would otherwise parse each page's
HTML and segment its Chinese with jieba on the build's one core, and hands each page's HTML, as
the plugin would have seen it, to another process:

- `lunr`: generator/search/indexer.py, which runs Material's own SearchIndex over the pages while
  the build goes on, on a second core. After the build its index replaces the empty one Material
  wrote: the same entries, as UTF-8. This is for full builds (`mkdocs build`, `gh-deploy`,
  `serve --clean`); a plain `mkdocs serve` may rebuild a page at a time, so there Material indexes
  the pages itself, as usual.
- `pagefind`: generator/search/pagefind_index.py, which indexes the text after the build with Pagefind and
  installs its search worker.

A page's HTML is taken at on_page_content; Material reads it at on_page_context, which comes
next (no plugin of this site changes a page in between). Pages whose `search` front matter is
neither absent nor a mapping are left to Material, which refuses them as it always has. The
built pages themselves are not changed. MkDocs loads this file by path (mkdocs.yml's `hooks:`),
not as part of its package: the folder above is put on sys.path to import the rest.
"""

from __future__ import annotations

import html
import os
import pickle
import subprocess
import sys
from collections import deque
from pathlib import Path

from material.plugins.search.plugin import SearchPlugin
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.search import pagefind_index  # noqa: E402

SETTING = "search_backend"
BACKENDS = ("lunr", "pagefind")
FULL_BUILDS = ("build", "gh-deploy")  # what MkDocs tells on_startup (`serve --clean` says build)


class Indexer:
    """generator/search/indexer.py, fed page by page without ever making the build wait.

    Pages are written to the indexer's pipe as far as it takes them; the rest waits in memory until
    the next page or the end of the build (a thread would have to win the build's GIL for each page).
    """

    COMMAND = ("-I", str(Path(__file__).with_name("indexer.py")))

    def __init__(self, settings: dict) -> None:
        self.process = subprocess.Popen([sys.executable, *self.COMMAND], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pipe = self.process.stdin.fileno()
        os.set_blocking(self.pipe, False)
        self.pending: deque[memoryview] = deque()
        self.send({"config": settings})

    def send(self, message: dict) -> None:
        self.pending.append(memoryview(pickle.dumps(message, pickle.HIGHEST_PROTOCOL)))
        self._write()

    def _write(self) -> None:
        while self.pending:
            try:
                written = os.write(self.pipe, self.pending[0])
            except BlockingIOError:
                return  # the pipe is full: the rest goes with the next page
            except BrokenPipeError:
                self.pending.clear()  # the indexer is gone: finish() reports how it ended
                return
            self.pending[0] = self.pending[0][written:]
            if not self.pending[0]:
                self.pending.popleft()

    def finish(self) -> bytes:
        """The index, once the indexer has read every page; PluginError if it failed."""
        self.send({"end": True})
        os.set_blocking(self.pipe, True)
        self._write()
        self.process.stdin.close()
        index = self.process.stdout.read()
        if status := self.process.wait():
            raise PluginError(f"search: the indexer ({self.COMMAND[-1]}) failed, exit {status}")
        return index

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


_MATERIAL_READS = ("title", "tags", "search")  # of a page's front matter, in SearchIndex
# What the hook knows between events: the MkDocs command, the pages to index (source path -> their
# front matter as Material reads it), and the indexer or the Pagefind records they go to.
_state: dict = {"command": None, "searched": {}, "indexer": None, "records": None}


def on_startup(command, **_):
    _state["command"] = command


def on_config(config, **_):
    backend = (config.extra or {}).get(SETTING, "lunr") or "lunr"
    if backend not in BACKENDS:
        raise PluginError(f"extra.{SETTING} must be one of {', '.join(BACKENDS)}, not {backend!r}")
    _stop_indexer()
    _state.update(searched={}, records=None)
    if backend == "pagefind":
        _state["records"] = pagefind_index.Records()
        _state["recent_pages"] = pagefind_index.recent_pages(os.environ)
    elif _state["command"] in FULL_BUILDS:
        search = next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
        if search and search.config.enabled:
            _state["indexer"] = Indexer(dict(search.config))
    return config


def on_page_markdown(markdown, page, **_):
    search = page.meta.get("search") or {}
    if (_state["records"] is not None or _state["indexer"]) and isinstance(search, dict):
        if not search.get("exclude"):  # what Material reads of the front matter, as it was
            _state["searched"][page.file.src_uri] = {key: page.meta[key] for key in _MATERIAL_READS if key in page.meta}
        page.meta["search"] = {**search, "exclude": True}  # Material's plugin skips the page
    return markdown


def on_page_content(content, page, **_):
    meta = _state["searched"].get(page.file.src_uri)
    if meta is None:
        return content
    if _state["records"] is not None:
        _state["records"].add(page.url, html.unescape(page.title or page.url), content)  # titles come escaped
    else:
        message = {"url": page.url, "title": page.title, "content": content, "toc": page.toc, "meta": meta}
        _state["indexer"].send(message)
    return content


def on_post_build(config, **_):
    site = Path(config.site_dir)
    if _state["records"] is not None:
        stats = pagefind_index.index_records(_state["records"], site, _state["recent_pages"])
        pagefind_index.log.info(
            f"Pagefind: {stats.pages:,} pages in {stats.records:,} records, "
            f"{stats.files:,} files, {stats.bytes:,} bytes, {stats.seconds:.1f} s"
        )
    elif _state["indexer"]:
        indexer, _state["indexer"] = _state["indexer"], None
        (site / "search" / "search_index.json").write_bytes(indexer.finish())


def on_build_error(error, **_):
    _stop_indexer()


def _stop_indexer() -> None:
    if _state["indexer"]:
        _state["indexer"].stop()
        _state["indexer"] = None
