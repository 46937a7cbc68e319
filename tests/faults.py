"""Fault injection for `make site`: interrupt `python -m generator site` at a random moment and
check what make site promises (tests/test_faults.py, benchmarks/faults.py).

Each trial runs in a scratch copy of the project (helpers.make_project) whose seeds alternate
between two small archives, so that every run changes the site. The run is started in a session
of its own and the signal goes to its process group, as a terminal's Ctrl-C or CI's cancel would
send it; SIGKILL kills the parent without a chance to clean up. Then:

- site/ is the previous site or the complete new one (a hash of every file), never a mix;
- no process is left whose command line or working directory is the scratch project, and the
  time from the signal to the last one gone is measured;
- the next `generator site` succeeds and builds exactly the new site.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator import runs
from tests.helpers import ROOT, make_project, tree

FAULTS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
# Two archives: the first is a bulletin of two items, the second adds one.
_TITLE = "2024 年全国“质量月”联合主办单位开展的主要活动\n\n"
_ITEMS = ["市场监管总局开展质量提升行动。", "公安部开展打击侵权假冒行动。", "工业和信息化部开展质量标杆活动。"]
ARCHIVES = (
    {"a.txt": _TITLE + "".join(f"{n}、{item}\n\n" for n, item in zip("一二", _ITEMS, strict=False))},
    {"a.txt": _TITLE + "".join(f"{n}、{item}\n\n" for n, item in zip("一二三", _ITEMS, strict=True))},
)
GONE_WITHIN = 10.0  # seconds: a trial that takes longer has left a process behind


@dataclass(frozen=True)
class Outcome:
    fault: str
    delay: float  # seconds from the start of the run to the signal
    status: int  # the interrupted run's exit status (0: it had ended before the signal)
    last_line: str  # the last line of its stderr
    site: str  # "old", "new" or "mixed"
    gone: float  # seconds from the signal to the last process gone
    left: tuple[str, ...]  # command lines of processes still there after GONE_WITHIN
    next_status: int  # exit status of the next run
    next_site: bool  # the next run built exactly the new site
    notes: tuple[str, ...]  # what the next run said it cleaned

    @property
    def held(self) -> bool:
        return self.site != "mixed" and not self.left and self.next_status == 0 and self.next_site


class Project:
    """A scratch project whose seeds alternate between the two archives."""

    def __init__(self, work: Path) -> None:
        self.work = work
        seeds = Path(tempfile.mkdtemp(dir=work))
        self._write_seeds(seeds, 0)
        self.root = work / "project"
        self.root.mkdir()
        make_project(self.root, seeds)
        self.turn = 0
        self.durations: list[float] = []  # of the runs not interrupted
        self.sites: list[dict[str, str]] = []
        for turn in (0, 1):  # the site each archive gives, built without interruption
            self.use(turn)
            result = self.run()
            assert result.returncode == 0, result.stderr
            self.sites.append(tree(self.root / "site"))

    def _write_seeds(self, seeds: Path, turn: int) -> None:
        for old in seeds.iterdir():
            old.unlink()
        for name, text in ARCHIVES[turn].items():
            (seeds / name).write_text(text, encoding="utf-8")

    def use(self, turn: int) -> None:
        self.turn = turn
        self._write_seeds(self.root / "seeds", turn)

    def command(self) -> list[str]:
        root = self.root
        # As the Makefile's GENERATOR starts it (generator/runs.py BLOCKED_START).
        return [*runs.BLOCKED_START, sys.executable, "-m", "generator", "site", "--seeds", str(root / "seeds"),
                "--config", str(root / "mkdocs.yml"), "--site", str(root / "site")]  # fmt: skip

    def run(self) -> subprocess.CompletedProcess:
        start = time.monotonic()
        result = subprocess.run(self.command(), cwd=self.root, capture_output=True, text=True, env=_env())
        self.durations.append(time.monotonic() - start)
        return result

    def trial(self, fault: signal.Signals, delay: float) -> Outcome:
        """Switch archives, start `generator site`, send `fault` to its group after `delay` seconds."""
        old = self.sites[self.turn]
        self.use(1 - self.turn)
        new = self.sites[self.turn]
        with tempfile.TemporaryFile("w+") as err:
            process = subprocess.Popen(
                self.command(), cwd=self.root, stdout=subprocess.DEVNULL, stderr=err, env=_env(), start_new_session=True
            )
            time.sleep(delay)
            sent = time.monotonic()
            with contextlib.suppress(ProcessLookupError):  # it had ended and been reaped (rare: a zombie)
                os.killpg(process.pid, fault)
            left = processes_of(self.root)
            while left and time.monotonic() - sent < GONE_WITHIN:
                time.sleep(0.005)
                left = processes_of(self.root)
            gone = time.monotonic() - sent
            status = process.wait()
            err.seek(0)
            lines = err.read().splitlines()
        site = tree(self.root / "site") if (self.root / "site").is_dir() else {}
        following = self.run()
        return Outcome(
            fault=fault.name,
            delay=delay,
            status=status,
            last_line=lines[-1] if lines else "",
            site="old" if site == old else "new" if site == new else "mixed",
            gone=gone,
            left=tuple(left),
            next_status=following.returncode,
            next_site=tree(self.root / "site") == new,
            notes=tuple(line for line in following.stderr.splitlines() if ": note: " in line),
        )


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}


def processes_of(folder: Path) -> list[str]:
    """Command lines of the live processes whose command line names `folder` or that run in it."""
    mark = str(folder)
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(entry / "cwd") if command else ""
        except OSError:
            continue  # ended meanwhile, or a zombie (no command line, no cwd)
        if command and (mark in command or cwd == mark or cwd.startswith(mark + "/")):
            found.append(command.strip())
    return found


def trials(work: Path, count: int, projects: int, seed: int, report: Callable[[Outcome], None]) -> list[Outcome]:
    """`count` trials shared among `projects` scratch projects in `work`, run at once; SIGINT, SIGTERM
    and SIGKILL in turn, each at a random moment of a run (the swap at its end included)."""

    def share(n: int) -> list[Outcome]:
        rng = random.Random(seed + n)
        folder = work / str(n)
        folder.mkdir()
        project = Project(folder)
        span = 1.1 * statistics.mean(project.durations)  # the first, a cold start, takes longer than most
        outcomes = []
        for k in range(count // projects + (n < count % projects)):
            outcomes.append(project.trial(FAULTS[k % len(FAULTS)], rng.uniform(0, span)))
            report(outcomes[-1])
        return outcomes

    with ThreadPoolExecutor(projects) as pool:
        return [outcome for part in pool.map(share, range(projects)) for outcome in part]
