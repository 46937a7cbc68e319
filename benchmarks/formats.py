"""Each attachment format read the way a build reads it (a benchmark, not a test).

    .venv/bin/python benchmarks/formats.py [--runs 5]

Writes the 2024 national bulletin as .docx (numbered list, and table), and, with LibreOffice, as
.pdf, .doc and .wps (tests/formats_fixtures.py), then times read + clean + parse of each (the median
of --runs) and counts what reached the items: agencies found, and characters of agency and text
(whitespace aside, as generator check compares them) equal to the .txt's.
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
from generator.errors import Warnings  # noqa: E402
from generator.pipeline import load_bulletins  # noqa: E402
from generator.registry import load_registry  # noqa: E402
from tests.formats_fixtures import SEED_2024, all_formats  # noqa: E402


def _squash(text: str) -> str:
    return "".join(text.split())


def measure(path: Path, runs: int) -> tuple[float, list[tuple[str, str]]]:
    """Median seconds to load the seed, and its items' (agency, text)."""
    registry = load_registry()
    times, items = [], []
    for _ in range(runs):
        started = time.perf_counter()
        [(_, bulletin)] = load_bulletins([path], registry, Warnings())
        times.append(time.perf_counter() - started)
        items = [(item.agency, item.text) for item in bulletin.items]
    return statistics.median(times), items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        seeds = {"txt": SEED_2024, **all_formats(Path(folder))}
        _, expected = measure(SEED_2024, 1)
        total = sum(len(_squash(agency + text)) for agency, text in expected)
        rows = []
        for kind, path in seeds.items():
            seconds, items = measure(path, args.runs)
            same_agencies = sum(a == b for (a, _), (b, _) in zip(items, expected, strict=False))
            conserved = sum(
                len(_squash(a + t))
                for (a, t), (ea, et) in zip(items, expected, strict=False)
                if _squash(a + t) == _squash(ea + et)
            )
            rows.append(
                [kind, f"{path.stat().st_size / 1000:.0f} KB", f"{seconds * 1000:.0f} ms",
                 f"{same_agencies}/{len(expected)}", f"{conserved}/{total}"]
            )  # fmt: skip
    print(markdown_table(["format", "size", "read + clean + parse", "agencies", "characters conserved"], rows))


if __name__ == "__main__":
    main()
