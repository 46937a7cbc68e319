import sys

from generator.runs import on_signals

on_signals()  # first: a signal from here on ends the run with its cleanup done (generator/runs.py)

from generator.cli import main  # noqa: E402

sys.exit(main())
