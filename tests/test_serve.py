"""`python -m generator serve`: a failed first build, rebuilds on a seed or registry change, a clean stop."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from generator.registry import REGISTRY_PATH
from tests.helpers import ROOT, make_project
from tests.test_site import THIRD_BULLETIN


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, f"no {what} after {timeout} s"
        time.sleep(0.2)


def _status(url: str) -> int | None:
    """The HTTP status of `url`, None when nothing listens."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@contextmanager
def serving(work: Path, *args: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """`python -m generator serve` in `work` on a free port, in a session of its own (it and its
    `mkdocs serve` are stopped with it); its output goes to work/serve.log."""
    port = _free_port()
    with (work / "serve.log").open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}", *args],
            cwd=work,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield server, f"http://127.0.0.1:{port}/"
        finally:
            with suppress(ProcessLookupError):  # it, or a `mkdocs serve` it left behind
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    work = make_project(tmp_path)
    (work / "registry").mkdir()
    shutil.copy(REGISTRY_PATH, work / "registry/agencies.yml")
    return work


def test_a_failed_first_build_stops_serve_before_serving(work: Path):
    (work / "seeds/bad.txt").write_bytes(b"")
    with serving(work) as (server, url):
        assert server.wait(timeout=60) == 1
        assert _status(url) is None
    assert "seeds/bad.txt:1: error: file is empty" in (work / "serve.log").read_text(encoding="utf-8")


def test_serve_rebuilds_on_a_seed_or_registry_change_and_stops_cleanly(work: Path):
    docs, registry = work / "docs", work / "registry/agencies.yml"
    with serving(work, "--registry", "registry/agencies.yml") as (server, url):
        _wait(lambda: _status(url) == 200, "site served")
        assert (docs / "bulletins/2024-national/index.md").is_file()

        (work / "seeds/fujian.txt").write_text(THIRD_BULLETIN, encoding="utf-8")  # a seed added
        _wait(lambda: (docs / "bulletins/2025-fujian/index.md").is_file(), "page of the new seed")
        _wait(lambda: _status(url + "bulletins/2025-fujian/") == 200, "new page served")

        family = docs / "agencies/market-regulation.md"
        registry.write_text(registry.read_text(encoding="utf-8").replace("市场监管部门", "市场监督管理部门"))
        _wait(lambda: "市场监督管理部门" in family.read_text(encoding="utf-8"), "family renamed by the registry")

        server.send_signal(signal.SIGINT)  # Ctrl-C
        assert server.wait(timeout=60) == 130  # as every command stopped by SIGINT
        assert _status(url) is None  # its mkdocs serve stopped with it
