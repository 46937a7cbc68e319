import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import runs
from generator.errors import Interrupted
from generator.pipeline import remove_leftovers
from tests.faults import processes_of
from tests.helpers import ROOT, make_project, run, tree


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_a_second_run_in_the_checkout_refuses_at_once_naming_the_first(work: Path):
    with runs.one_run(work, "python -m generator serve"):
        docs = tree(work / "docs")
        for command in ("site", "build", "serve"):
            started = time.monotonic()
            result = run(command, cwd=work)
            assert time.monotonic() - started < 10  # no waiting for the lock: refused at once
            assert result.returncode == 1
            assert result.stderr.startswith(
                f".generator.lock:1: error: another run is using this checkout (pid {os.getpid()}, "
                "`python -m generator serve`, since "
            ), result.stderr
            assert result.stderr.endswith("): wait for it or stop it\n")
        assert tree(work / "docs") == docs  # nothing written
    assert run("build", cwd=work).returncode == 0  # the lock is free again


def test_the_next_run_removes_what_a_killed_run_left_and_says_so(work: Path):
    for folder in (".site-build", ".site-old", ".generate-x1"):
        (work / folder / "a").mkdir(parents=True)
    (work / "site").mkdir()
    notes = remove_leftovers(work / "docs", work / "site")
    assert notes == [
        f"{work / '.generate-x1'}: note: removed, left by an interrupted run",
        f"{work / '.site-build'}: note: removed, left by an interrupted run",
        f"{work / '.site-old'}: note: removed, left by an interrupted run",
    ]
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".")) == []


def test_a_swap_cut_between_its_renames_gets_the_old_site_back(work: Path):
    (work / ".site-old").mkdir()
    (work / ".site-old" / "index.html").write_text("old", encoding="utf-8")
    assert remove_leftovers(work / "docs", work / "site") == [
        f"{work / 'site'}: note: restored from {work / '.site-old'}, where an interrupted run had moved it"
    ]
    assert (work / "site" / "index.html").read_text(encoding="utf-8") == "old"


def test_a_run_says_what_it_cleaned(work: Path):
    (work / ".generate-x1").mkdir()
    result = run("build", cwd=work)
    assert result.returncode == 0
    assert result.stderr == ".generate-x1: note: removed, left by an interrupted run\n"


def test_a_signal_inside_a_deferred_step_ends_the_run_after_it():
    previous = {signum: signal.getsignal(signum) for signum in runs.SIGNALS}
    runs.on_signals()
    try:
        finished = False
        with pytest.raises(Interrupted) as stopped, runs.deferred_signals("the step is done"):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler has run by now
            finished = True
        assert finished
        assert (stopped.value.status, stopped.value.done) == (143, "the step is done")
    finally:
        runs._signal.update(received=0, deferring=0)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# Python starting with the signals blocked, as the Makefile starts the generator, and a signal sent
# before any code of the generator runs (here by the process itself, so the moment is certain).
EARLY = "import os, runpy, signal, sys; os.kill(os.getpid(), signal.{}); sys.argv = ['generator', '--help']; "
EARLY += "runpy.run_module('generator', run_name='__main__')"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_sent_while_python_starts_waits_for_the_handlers(signum: signal.Signals):
    command = [*runs.BLOCKED_START, sys.executable, "-c", EARLY.format(signum.name)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 128 + signum
    assert result.stderr == f"python -m generator: error: interrupted by {signum.name}; nothing changed\n"
    assert result.stdout == ""  # the command (--help) never began


def test_the_makefile_starts_the_generator_with_the_signals_blocked():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"GENERATOR := {' '.join(runs.BLOCKED_START)} $(BIN)/python -m generator\n" in makefile
    assert "\t$(GENERATOR) site " in makefile and "\t$(GENERATOR) serve " in makefile


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_serve_stops_its_server_on_a_signal(work: Path, signum: int):
    command = [
        sys.executable,
        "-m",
        "generator",
        "serve",
        "--config",
        str(work / "mkdocs.yml"),
        "--dev-addr",
        "127.0.0.1:0",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    serve = subprocess.Popen(command, cwd=work, env=env, start_new_session=True, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any("mkdocs serve" in p for p in processes_of(work)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert serve.poll() is None, serve.communicate()[1]
    os.kill(serve.pid, signum)  # the generator only, as `kill` sends it: it must stop the server itself
    sent = time.monotonic()
    while processes_of(work) and time.monotonic() - sent < 10:
        time.sleep(0.01)
    assert time.monotonic() - sent < 2, processes_of(work)
    assert serve.wait() == 128 + signum
    name = signal.Signals(signum).name
    assert serve.stderr.read().splitlines()[-1] == f"docs: error: interrupted by {name}; kept as it was"
