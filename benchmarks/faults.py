"""Interrupt `make site` at random moments and check its promise after each (tests/faults.py).

    .venv/bin/python benchmarks/faults.py [--trials 90] [--projects 3] [--seed N]

Prints a line per trial, then per fault (SIGINT and SIGTERM to the run's process group, SIGKILL
of the parent): trials, how many hit the run while it was under way, the invariant held (site/ old
or new, no process left, the next run succeeds with the new site), and the time from the signal
to the last process gone (median and maximum).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tables import markdown_table  # noqa: E402
from tests.faults import FAULTS, Outcome, trials  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=90)
    parser.add_argument("--projects", type=int, default=3, help="scratch projects interrupted at once")
    parser.add_argument("--seed", type=int, default=time.time_ns())
    args = parser.parse_args()
    print(f"seed {args.seed}: {args.trials} trials in {args.projects} scratch projects")
    with tempfile.TemporaryDirectory() as work:
        outcomes = trials(Path(work), args.trials, args.projects, args.seed, _print)
    rows = []
    for fault in FAULTS:
        mine = [o for o in outcomes if o.fault == fault.name]
        gone = [o.gone for o in mine]
        held, hit = sum(o.held for o in mine), sum(1 for o in mine if o.status)
        median, most = statistics.median(gone), max(gone)
        rows.append([fault.name, str(len(mine)), str(hit), f"{held}/{len(mine)}", f"{median:.3f}", f"{most:.3f}"])
    header = ["fault", "trials", "hit a running build", "invariant held", "signal → all gone, median s", "max s"]
    print(markdown_table(header, rows))
    sys.exit(0 if all(o.held for o in outcomes) else 1)


def _print(outcome: Outcome) -> None:
    print(
        f"{outcome.fault:8} at {outcome.delay:5.2f} s: exit {outcome.status:4}, site {outcome.site}, "
        f"gone in {outcome.gone:.3f} s, next run {outcome.next_status}, held {outcome.held}"
        + (f"; {outcome.last_line}" if outcome.status > 0 else "")
        + "".join(f"; {note}" for note in outcome.notes),
        flush=True,
    )


if __name__ == "__main__":
    main()
