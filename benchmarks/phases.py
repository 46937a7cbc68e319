"""Where the generator's time goes (a benchmark, not a test): each phase timed in one process.

    .venv/bin/python benchmarks/phases.py [--bulletins 400] [--profile PHASE]

Synthesises an archive (benchmarks/synth.py) under /tmp, then runs what `generate` in
generator/pipeline.py runs — load (read, clean, parse), match, render, write — timing each phase, once into
an empty docs/ (every file created) and once more with nothing changed (nothing written).
`--profile render` (or load, match, write) prints the cProfile of that phase.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import write_archive  # noqa: E402
from benchmarks.tables import markdown_table  # noqa: E402
from generator.errors import Warnings  # noqa: E402
from generator.load import seed_files  # noqa: E402
from generator.match import build_archive  # noqa: E402
from generator.pipeline import load_bulletins, site_config  # noqa: E402
from generator.registry import load_registry  # noqa: E402
from generator.render import render_site  # noqa: E402
from generator.writer import write_site  # noqa: E402


def run_phases(seeds: Path, docs: Path, profile: str = "") -> dict[str, float]:
    """Seconds per phase of one generate run; the profiled phase's statistics are printed."""
    times: dict[str, float] = {}

    def phase(name: str, work: Callable[[], object]) -> object:
        profiler = cProfile.Profile() if name == profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        result = work()
        if profiler:
            profiler.disable()
        times[name] = time.perf_counter() - start
        if profiler:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return result

    os.sync()  # nothing left to flush from writing the archive or from the run before
    warnings = Warnings()
    registry = phase("registry", load_registry)
    loaded = phase("load", lambda: load_bulletins(seed_files(seeds), registry, warnings))
    archive = phase("match", lambda: build_archive([bulletin for _, bulletin in loaded], registry, warnings))
    sources = {bulletin.id: doc.text for doc, bulletin in loaded}
    site_name = site_config(ROOT / "mkdocs.yml").site_name
    files = phase("render", lambda: dict(render_site(archive, sources, site_name)))
    stats = phase("write", lambda: write_site(docs, files))
    times["pages"] = len(archive.entries)
    times["files"] = len(files)
    times["written"] = stats.written
    return times


PHASES = ("registry", "load", "match", "render", "write")


def phases_table(count: int, scratch: Path | None = None, profile: str = "") -> str:
    """Markdown: each phase's seconds into an empty docs/, then again with nothing changed."""
    with tempfile.TemporaryDirectory(prefix="zly-phases-", dir=scratch) as folder:
        work = Path(folder)
        write_archive(count, work / "seeds")
        cold = run_phases(work / "seeds", work / "docs", profile)
        warm = run_phases(work / "seeds", work / "docs")
    pages = int(cold["pages"])
    rows = [[name, f"{cold[name]:.3f}", f"{warm[name]:.3f}"] for name in PHASES]
    for label, run in (("empty docs/", cold), ("nothing changed", warm)):
        total = sum(run[name] for name in PHASES)
        rows.append(
            [
                f"total, {label}",
                f"{total:.2f} s = {pages / total:,.0f} pages/s",
                f"without write: {pages / (total - run['write']):,.0f} pages/s",
            ]
        )
    heading = f"In one process, N={count} ({pages:,} agency pages, {int(cold['files']):,} files):"
    return heading + "\n\n" + markdown_table(["phase", "empty docs/ s", "nothing changed s"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bulletins", type=int, default=400)
    parser.add_argument("--profile", choices=PHASES, default="")
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the archive (default: a /tmp folder)")
    args = parser.parse_args()
    print(phases_table(args.bulletins, args.scratch, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
