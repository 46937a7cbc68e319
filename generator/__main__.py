import sys

from generator.errors import Interrupted
from generator.runs import on_signals

try:
    on_signals()  # first: a signal from here on ends the run with its cleanup done (generator/runs.py)
    from generator.cli import main

    status = main()
except Interrupted as stop:  # before a command began (imports, the command line): nothing changed
    print(f"python -m generator: error: interrupted by {stop.name}; nothing changed", file=sys.stderr)
    status = stop.status
sys.exit(status)
