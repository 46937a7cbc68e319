"""Fault injection: `make site` interrupted at random moments keeps its promise (tests/faults.py).

30 trials, SIGINT, SIGTERM and SIGKILL of the parent in turn, at a random moment of a run, in
three scratch projects at once; FAULT_SEED=… (in the failure message) replays the same moments.
"""

import os
import signal
import time
from pathlib import Path

from tests.faults import FAULTS, trials

STOPPED_WITHIN = 2.0  # seconds from the signal to the last process gone


def test_make_site_interrupted_at_random_moments_keeps_its_promise(tmp_path: Path):
    seed = int(os.environ.get("FAULT_SEED", time.time_ns()))
    outcomes = trials(tmp_path, 30, 3, seed, report=lambda _: None)
    where = f"FAULT_SEED={seed}"
    assert len(outcomes) == 30
    for outcome in outcomes:
        assert outcome.held, (where, outcome)
        assert outcome.gone <= STOPPED_WITHIN, (where, outcome)
        signum = signal.Signals[outcome.fault]
        if outcome.fault == "SIGKILL" or outcome.status in (0, -signum):
            continue  # killed, ended before the signal, or signalled before Python set its handlers
        assert outcome.status == 128 + signum, (where, outcome)
        assert f": error: interrupted by {outcome.fault}; " in outcome.last_line, (where, outcome)
    # Every kind of fault hit a run under way, not only before or after it.
    assert {o.fault for o in outcomes if o.status} == {f.name for f in FAULTS}, where
