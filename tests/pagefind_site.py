"""A site of the seeds built with the Pagefind search (SEARCH_BACKEND=pagefind)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import generate_docs, make_project


def build_pagefind_site(work: Path, recent_pages: int | None = None) -> Path:
    """Seeds -> docs -> `mkdocs build --strict` with SEARCH_BACKEND=pagefind; returns the site.

    With `recent_pages`, the index is split in two shards at that many pages (PAGEFIND_RECENT_PAGES).
    """
    shards = {} if recent_pages is None else {"PAGEFIND_RECENT_PAGES": str(recent_pages)}
    make_project(work)
    generate_docs(work)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(work / "mkdocs.yml")],
        check=True,
        cwd=work,
        env={**os.environ, "SEARCH_BACKEND": "pagefind", "NO_MKDOCS_2_WARNING": "1", **shards},
    )
    return work / "site"
