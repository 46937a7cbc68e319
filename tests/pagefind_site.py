"""A site of the seeds built with the Pagefind search (SEARCH_BACKEND=pagefind)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_site, generate_docs, make_project


def build_pagefind_site(work: Path, recent_pages: int | None = None) -> Path:
    """Seeds -> docs -> `make site`'s build with SEARCH_BACKEND=pagefind; returns the site.

    With `recent_pages`, the index is split in two shards at that many pages (PAGEFIND_RECENT_PAGES).
    """
    shards = {} if recent_pages is None else {"PAGEFIND_RECENT_PAGES": str(recent_pages)}
    make_project(work)
    generate_docs(work)
    return build_site(work, SEARCH_BACKEND="pagefind", **shards)
