"""A command's wall time and the peak of the summed resident memory of it and every process under
it, sampled from /proc five times a second: `make site` runs the build and the check at once (and
the build runs Pagefind and the post-build step's workers), and GNU time reports only the largest."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sampled:
    seconds: float
    peak_mb: int
    stdout: str


def _memory() -> tuple[dict[int, int], dict[int, int]]:
    """Every process's parent and resident kilobytes."""
    parent, rss = {}, {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue  # the process ended while being read
        parent[int(status.parent.name)] = int(fields["PPid"])
        rss[int(status.parent.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    return parent, rss


def sampled(command: list[str], cwd: Path, env: dict[str, str]) -> Sampled:
    """Run `command` (it must succeed), sampling its processes' memory together."""
    # Its output goes to files: a pipe could fill while nobody reads it, and block the command.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        peak = 0
        while process.poll() is None:
            parent, rss = _memory()
            tree, added = {process.pid}, True
            while added:
                below = {pid for pid, ppid in parent.items() if ppid in tree} - tree
                tree |= below
                added = bool(below)
            peak = max(peak, sum(rss.get(pid, 0) for pid in tree))
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.2)  # not sleep: the end is timed as it comes
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return Sampled(seconds, peak // 1024, stdout)
