"""The MkDocs hook behind the site's search, chosen by one setting in mkdocs.yml:

    hooks:
      - generator/search/hook.py
    extra:
      search_backend: !ENV [SEARCH_BACKEND, lunr]   # lunr: one index file; pagefind: chunked

The hook keeps the pages out of Material's search plugin (which would segment their Chinese into
jieba words, so that 监管局 does not find 市场监管局) and takes, for each searchable page, what
search needs of it: a SearchPage (generator/search/pages.py: its title, agency name and
activities), from the page's HTML at on_page_content. After the build:

- `lunr`: the pages go into search/search_index.json, and Material's search worker is replaced
  by ours (generator/search/match.js + index_worker.js), which matches substrings of the
  normalised text in the browser. (The setting keeps its name: one file, in Material's place.)
- `pagefind`: generator/search/pagefind_index.py indexes them with Pagefind and installs its worker.

Pages whose `search` front matter is neither absent nor a mapping are left to Material, which
refuses them as it always has. The built pages themselves are not changed.

An incremental build (generator/sitebuild.py) renders only the pages that changed: the others'
SearchPages come from the build cache (generator/buildcache.py, search.json), and every page's
goes into the next one, so that the index always holds every page, in the order a full build
gives. MkDocs loads this file
by path (mkdocs.yml's `hooks:`), not as part of its package: the folder above is put on sys.path
to import the rest.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.buildcache import SEARCH, BuildCache  # noqa: E402
from generator.search import pagefind_index  # noqa: E402
from generator.search.pages import INDEX, SearchPage, install_worker, search_page, write_index  # noqa: E402

SETTING = "search_backend"
BACKENDS = ("lunr", "pagefind")
INDEX_WORKER = Path(__file__).with_name("index_worker.js")

# Between events: the backend, the docs pages in the build's order, the pages rendered and those
# of them to index (source path -> agency name or None), and their SearchPages (by source path).
_state: dict = {"backend": None, "order": [], "rendered": set(), "searched": {}, "pages": {}}


def _clear() -> None:
    _state.update(order=[], rendered=set(), searched={}, pages={})


def on_config(config, **_):
    backend = (config.extra or {}).get(SETTING, "lunr") or "lunr"
    if backend not in BACKENDS:
        raise PluginError(f"extra.{SETTING} must be one of {', '.join(BACKENDS)}, not {backend!r}")
    _state["backend"] = backend
    _clear()
    if backend == "pagefind":
        _state["recent_pages"] = pagefind_index.recent_pages(os.environ)
    return config


def on_files(files, **_):
    _state["order"] = [file.src_uri for file in files.documentation_pages()]
    return files


def on_page_markdown(markdown, page, **_):
    _state["rendered"].add(page.file.src_uri)
    search = page.meta.get("search") or {}
    if isinstance(search, dict):
        if not search.get("exclude"):
            _state["searched"][page.file.src_uri] = page.meta.get("agency")
        page.meta["search"] = {**search, "exclude": True}  # Material's plugin skips the page
    return markdown


def on_page_content(content, page, **_):
    if page.file.src_uri in _state["searched"]:
        agency = _state["searched"][page.file.src_uri]
        title = html.unescape(page.title or page.url)  # titles come escaped
        _state["pages"][page.file.src_uri] = search_page(page.url, title, content, agency)
    return content


def on_post_build(config, **_):
    site = Path(config.site_dir)
    pages = _all_pages(BuildCache.from_env())
    if not (site / INDEX).is_file():
        return  # Material's search plugin is off: the site has no search box
    if _state["backend"] == "pagefind":
        records = pagefind_index.Records()
        for page in pages:
            records.add(page)
        stats = pagefind_index.index_records(records, site, _state["recent_pages"])
        pagefind_index.log.info(
            f"Pagefind: {stats.pages:,} pages in {stats.records:,} records, "
            f"{stats.files:,} files, {stats.bytes:,} bytes, {stats.seconds:.1f} s"
        )
        write_index(site, pages, with_pages=False)
    else:
        write_index(site, pages, with_pages=True)
        install_worker(site, INDEX_WORKER)
    _clear()  # a page's worth each, 10^5 pages


def _all_pages(cache: BuildCache | None) -> list[SearchPage]:
    """Every searched page in the build's order: rendered now, or else as the cache kept it; and the
    cache's next search.json holds them all."""
    rendered, fresh = _state["rendered"], _state["pages"]
    kept = (cache.read(SEARCH) or {}) if cache else {}
    pages = {}
    for uri in _state["order"]:
        if uri in fresh:
            pages[uri] = fresh[uri]
        elif uri not in rendered and uri in kept:
            pages[uri] = SearchPage.from_fields(kept[uri])
    if cache:
        cache.write(SEARCH, {uri: page.fields() for uri, page in pages.items()})
    return list(pages.values())
