"""Building and serving a site from a set of seeds, for tests that need the real output."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from generator.errors import Warnings
from generator.load import seed_files
from generator.model import Bulletin, Document, SourceLine
from generator.pipeline import generate, load_bulletins, site_config
from generator.postbuild import postbuild
from generator.registry import REGISTRY_PATH, load_registry
from generator.writer import MANAGED

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SITE_NAME = site_config(ROOT / "mkdocs.yml").site_name

MESSY = """国家市场监督管理总局文件
附件1：

2025 年福建省“质量月”联合主办单位
开展的主要活动

一．省市场监管局、省教育厅联合开展“电梯安全

— 1 —

国家市场监督管理总局文件

宣传周”活动。

二，省公安厅会同省市场监管局开展打击侵权假冒行动：

（一）开展“昆仑 2025”专项行动；

（二）公布典型案例。

三、省民政厅组织开展养老服务质量提升、

第 2 页

标准宣贯活动。

四、省市场监管局开展质量帮扶活动。

- 3 -
"""


def doc(text: str, name: str = "x.txt") -> Document:
    """A Document of `text` as the text reader would give it (no front matter)."""
    lines = tuple(SourceLine(n, line) for n, line in enumerate(text.split("\n"), start=1))
    return Document(path=name, lines=lines, encoding="utf-8", text=text)


@cache
def seed_bulletins() -> dict[str, Bulletin]:
    """The seeds' bulletins by id, loaded as `make site` loads them (they must give no warning), each
    named by its file name alone, as the golden pages show it."""
    warnings = Warnings()
    loaded = load_bulletins(seed_files(SEEDS), load_registry(), warnings, named=lambda path: path.name)
    assert warnings.items == []
    return {bulletin.id: bulletin for _, bulletin in loaded}


def tree(folder: Path) -> dict[str, str]:
    """Every file below `folder`, relative path -> SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` in `cwd`, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": ROOT}
    )


def make_project(work: Path, seeds: Path = SEEDS) -> Path:
    """A copy of the project's site sources in `work`: mkdocs.yml and the hand-written docs."""
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns(*MANAGED))
    shutil.copytree(seeds, work / "seeds")
    (work / "generator").symlink_to(ROOT / "generator")  # mkdocs.yml's hook: generator/search/hook.py
    return work


def stock_material(work: Path) -> None:
    """mkdocs.yml in `work` without our theme overrides: stock Material, as before the slim pages."""
    config = work / "mkdocs.yml"
    text = re.sub(r"^  custom_dir: .*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^  static_templates:\n(?:    - .*\n)+", "", text, flags=re.M)  # they are our overrides too
    config.write_text(text, encoding="utf-8")


def generate_docs(work: Path, strict: bool = True) -> str:
    return generate(work / "seeds", work / "docs", REGISTRY_PATH, strict, SITE_NAME)


def build_site(work: Path, slim: bool = True, **env: str) -> Path:
    """What `make site` does after generating: mkdocs build --strict (not --quiet: it hides the
    warnings that --strict counts), then its post-build step (`slim=False`: the pages as MkDocs wrote them).

    `env` adds environment variables (SEARCH_BACKEND=pagefind …) for the build.
    """
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        check=True,
        cwd=work,
        env={**os.environ, **env},
    )
    if slim:
        postbuild(work / "site")
    return work / "site"


class _Handler(SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: quiet, gzip for text, and 404.html for what is missing."""

    _COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")
    delays: ClassVar[dict[str, float]] = {}  # site path prefix -> seconds to wait before answering (a slow network)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        asked = self.path.split("?")[0].lstrip("/")
        time.sleep(max((s for prefix, s in self.delays.items() if asked.startswith(prefix)), default=0))
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            super().do_GET()
            return
        if path.suffix not in self._COMPRESSIBLE:
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 stalls a browser or link checker opening many connections at once.
    request_queue_size = 128
    daemon_threads = True


@contextmanager
def serve(site: Path, delays: dict[str, float] | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port); yields the base URL ending in /. `delays`: seconds
    to wait before answering a path that starts with a key (search/search_index.json, pagefind/fragment/)."""
    handler = type("Handler", (_Handler,), {"delays": delays or {}})
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
