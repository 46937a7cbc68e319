"""Building and serving a site from a set of seeds, for tests that need the real output."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.pipeline import generate
from generator.registry import REGISTRY_PATH
from generator.writer import MANAGED

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def make_project(work: Path, seeds: Path = SEEDS) -> Path:
    """A copy of the project's site sources in `work`: mkdocs.yml and the hand-written docs."""
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns(*MANAGED))
    shutil.copytree(seeds, work / "seeds")
    (work / "generator").symlink_to(ROOT / "generator")  # mkdocs.yml's hook: generator/search_hook.py
    return work


def generate_docs(work: Path, strict: bool = True) -> str:
    return generate(work / "seeds", work / "docs", REGISTRY_PATH, strict)


def build_site(work: Path, **env: str) -> Path:
    """What `make site` does after generating: mkdocs build --strict (not --quiet: it hides the
    warnings that --strict counts).

    `env` adds environment variables (SEARCH_BACKEND=pagefind …) for the build.
    """
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        check=True,
        cwd=work,
        env={**os.environ, **env},
    )
    return work / "site"


class _Handler(SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: quiet, gzip for text, and 404.html for what is missing."""

    _COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
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
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port); yields the base URL ending in /."""
    server = _Server(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
