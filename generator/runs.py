"""A command's run in a checkout, however it ends.

- One run at a time: `one_run` takes a lock file beside mkdocs.yml (filelock: an flock, which the
  kernel releases when the holder dies, even by SIGKILL) and writes its holder into it, so a second
  `make site`, `build` or `serve` refuses at once, naming the first.
- SIGINT, SIGTERM and SIGHUP raise `Interrupted` (after `on_signals`, which also takes the ones
  that came while Python started, as the Makefile starts it with them blocked); the steps' own cleanup
  stops what they started and the command exits 128 + the signal with one line. A step that must
  not stop halfway (renames that swap site/ in, the writer's commit) runs under `deferred_signals`.
- The processes the generator starts (mkdocs build, mkdocs serve) end with it: `start` runs each
  in a session of its own under a guard (`python -m generator.runs FD MODULE ARGS…`, this file)
  that waits on the read end of a pipe whose only write end the generator holds. However the
  generator ends (an exception, a signal, SIGKILL, a crash), the kernel closes that end; the guard
  reads end-of-file and kills its whole process group: MkDocs and whatever it started.
  PR_SET_PDEATHSIG would be Linux only, fires when the starting *thread* ends rather than the
  process, leaves a window before prctl runs, and reaches only the direct child; the pipe has none
  of these gaps.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import runpy
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, Interrupted

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# How the Makefile starts the generator (its GENERATOR; tests/test_runs.py holds it to this): with
# SIGNALS blocked until on_signals, so that one sent while Python itself starts waits for our handlers.
BLOCKED_START = ("env", "--block-signal=" + ",".join(s.name.removeprefix("SIG") for s in SIGNALS))
LOCK = ".generator.lock"
STOP_GRACE = 1.0  # seconds a stopped process group gets to end on SIGTERM before SIGKILL
_ROOT = str(Path(__file__).resolve().parents[1])  # the folder holding the generator package

# The signal that ends this run, once one came; and how many steps are deferring it.
_signal = {"received": 0, "deferring": 0}


def on_signals() -> None:
    """From now on SIGINT, SIGTERM and SIGHUP raise Interrupted in the main thread.

    `make` starts the generator with them blocked (`env --block-signal`): one sent while Python
    itself starts, before any handler of ours, waits, and arrives here once they are unblocked.
    """
    for signum in SIGNALS:
        signal.signal(signum, _on_signal)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _on_signal(signum: int, _frame: object) -> None:
    if _signal["received"]:  # the first one is ending the run: let its cleanup finish
        return
    _signal["received"] = signum
    if not _signal["deferring"]:
        raise Interrupted(signum)


@contextlib.contextmanager
def deferred_signals(done: str) -> Iterator[None]:
    """A signal received inside the block ends the run only once the block is over; `done` says
    what the block had then finished (Interrupted.done)."""
    _signal["deferring"] += 1
    try:
        yield
    finally:
        _signal["deferring"] -= 1
    if _signal["received"] and not _signal["deferring"]:
        raise Interrupted(_signal["received"], done)


@dataclass
class Child:
    """A process started by `start`, and the write end of its guard's pipe."""

    process: subprocess.Popen
    lifeline: int

    def wait(self) -> int:
        status = self.process.wait()
        self._release()
        return status

    def stop(self) -> None:
        """End the process and everything it started: SIGTERM to its group, SIGKILL if still there."""
        if self.process.returncode is not None:  # ended and reaped: its group id may be another's now
            self._release()
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(STOP_GRACE)
                break
        self._release()

    def _release(self) -> None:
        if self.lifeline >= 0:
            os.close(self.lifeline)  # a guard still running takes this as the end and kills its group
            self.lifeline = -1


def start(module: str, args: list[str], cwd: Path, pass_fds: tuple[int, ...] = ()) -> Child:
    """`python -m MODULE ARGS` in cwd, in a session of its own, ending when this process ends;
    `pass_fds` are open in it too."""
    read, write = os.pipe()  # neither end is inherited by other children
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.runs", str(read), module, *args],
            cwd=cwd,
            env=env,
            pass_fds=(read, *pass_fds),
            start_new_session=True,
        )
    except BaseException:
        os.close(write)
        raise
    finally:
        os.close(read)
    return Child(process, write)


def release_memory() -> None:
    """Give the system back what this process freed: glibc keeps freed memory for reuse unless
    asked, and a process that starts beside this one would add to it (after generate at 10^5 pages,
    330 MB held, 200 MB after)."""
    gc.collect()
    with contextlib.suppress(AttributeError):  # not glibc: nothing to ask
        ctypes.CDLL(None).malloc_trim(0)


@contextlib.contextmanager
def one_run(checkout: Path, command: str) -> Iterator[None]:
    """Hold the checkout's lock for the block; InputError naming the holder if another run has it."""
    from filelock import FileLock, Timeout  # only for the commands that write: it takes 60 ms to import

    path = checkout / LOCK
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        holder = path.read_text(encoding="utf-8", errors="replace").strip() or "a run that is starting"
        message = f"another run is using this checkout ({holder}): wait for it or stop it"
        raise InputError(str(path), 1, message) from None
    try:
        since = time.strftime("%Y-%m-%d %H:%M:%S %Z")
        path.write_text(f"pid {os.getpid()}, `{command}`, since {since}\n", encoding="utf-8")
        yield
    finally:
        with contextlib.suppress(OSError):
            path.write_text("", encoding="utf-8")
        lock.release()


def _guard(argv: list[str]) -> None:
    """Run `python -m MODULE ARGS` here; kill this process group when the lifeline pipe closes."""
    lifeline, module, args = int(argv[0]), argv[1], argv[2:]

    def watch() -> None:
        os.read(lifeline, 1)  # nothing is ever written: this returns when the generator has ended
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _guard(sys.argv[1:])
