"""Incremental site build benchmark (not a test): a bulletin added to a built archive, against a
full build of the same archive (issue 17).

    .venv/bin/python benchmarks/incremental.py [--bulletins 400 4000] [--scratch DIR] [--no-write]

For each size it synthesises N + 1 bulletins (benchmarks/synth.py) in a scratch copy of the project
and runs `python -m generator site --strict` (what `make site` runs), each time sampling the summed
memory of all its processes (benchmarks/memory.py):

- full: from an empty docs/ and no site/; again with nothing changed; then with the held-back
  bulletin added (an incremental build: three trials, each on a copy of the built archive, the
  median counts), and that site compared file for file with a full build of the same N + 1
  bulletins in a copy of the project (`--full`); the share is the incremental median over the
  mean of the two full builds;
- generate alone into an empty docs/, against a plain Python loop writing the same files on the
  same disk (benchmarks/run.py plain_writes), each until its files are on the disk (os.sync): in
  the scratch folder, and when that is another file system (`--scratch /dev/shm`), three times
  more on the project's own disk; and the generator's startup (`--help`, best of five).

Prints the table and writes benchmarks/INCREMENTAL.md (unless --no-write).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.memory import Sampled, sampled  # noqa: E402
from benchmarks.run import _env, plain_writes, remove_generated  # noqa: E402
from benchmarks.synth import write_archive  # noqa: E402
from benchmarks.tables import measures_table  # noqa: E402
from tests.helpers import make_project  # noqa: E402

PY = sys.executable
TRIALS = 3  # runs of a measure whose median counts (the VM's speed drifts): +1 builds, generate on disk
SITE = [PY, "-m", "generator", "site", "--strict"]


def report(stdout: str) -> str:
    """The build's own line: `site: incremental build: 61 of 10,051 pages rendered …`."""
    return next(line for line in stdout.splitlines() if line.startswith(("site: full", "site: incremental")))


def same_sites(a: Path, b: Path) -> tuple[int, list[str]]:
    """How many files the two sites hold, and those that differ or are in one only."""
    names = {
        os.path.relpath(os.path.join(folder, name), root)
        for root in (a, b)
        for folder, _, files in os.walk(root)
        for name in files
    }
    differ = [name for name in sorted(names) if not (a / name).is_file() or not (b / name).is_file()]
    both = sorted(names - set(differ))
    _, mismatch, errors = filecmp.cmpfiles(a, b, both, shallow=False)
    return len(names), differ + mismatch + errors


def startup_s() -> float:
    """`python -m generator --help`, best of five: the interpreter and the generator's imports."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([PY, "-m", "generator", "--help"], check=True, capture_output=True, env=_env())
        times.append(time.perf_counter() - start)
    return min(times)


def measure(count: int, work: Path) -> dict:
    (work / "project").mkdir()
    project = make_project(work / "project")
    shutil.rmtree(project / "seeds")
    files = write_archive(count + 1, project / "seeds")
    extra = files[-1].rename(work / files[-1].name)  # held back: the bulletin added later
    env = _env()

    gen, plain = generate_and_plain(project, work / "plain")
    on_disk = None
    if os.stat(work).st_dev != os.stat(ROOT).st_dev:  # the scratch is elsewhere (tmpfs): the project's disk too
        with tempfile.TemporaryDirectory(prefix="zly-generate-", dir=ROOT.parent) as folder:
            (Path(folder) / "project").mkdir()
            disk = make_project(Path(folder) / "project", seeds=project / "seeds")
            on_disk = [generate_and_plain(disk, Path(folder) / "plain", remove=True) for _ in range(TRIALS)]

    full = sampled(SITE, project, env)
    again = sampled(SITE, project, env)
    built = work / "built"  # the archive as built: each trial adds the bulletin to a copy of it
    shutil.copytree(project, built, symlinks=True)  # copy2: mtimes kept, as the caches record them
    trials = []
    for _ in range(TRIALS):
        shutil.rmtree(project)
        shutil.copytree(built, project, symlinks=True)
        shutil.copy(extra, project / "seeds" / extra.name)
        trials.append(sampled(SITE, project, env))
    added = sorted(trials, key=lambda trial: trial.seconds)[TRIALS // 2]

    copy = work / "copy"
    shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns("site", ".site-*"))
    reference = sampled([*SITE, "--full"], copy, env)
    total, differ = same_sites(project / "site", copy / "site")
    return {
        "bulletins": count,
        "full_s": full.seconds,
        "full_mb": full.peak_mb,
        "again_s": again.seconds,
        "trials": ", ".join(f"{trial.seconds:.1f}" for trial in trials),
        "added_s": added.seconds,
        "added_mb": max(trial.peak_mb for trial in trials),
        "share": added.seconds / ((full.seconds + reference.seconds) / 2),
        "reference_s": reference.seconds,
        "reference_mb": reference.peak_mb,
        "added_report": report(added.stdout),
        "files": total,
        "differ": len(differ),
        "generate_s": gen.seconds,
        "generate_mb": gen.peak_mb,
        "plain_s": plain,
        "generate_ratio": gen.seconds / plain,
        **(medians(on_disk) if on_disk else {}),
    }


def generate_and_plain(project: Path, plain: Path, remove: bool = False) -> tuple[Sampled, float]:
    """`generator build` into an empty docs/, then a plain loop writing the same files: each timed
    until its files are on the disk (os.sync), as neither is done before. `remove`: docs/'s
    generated files first."""
    if remove:
        remove_generated(project / "docs")
    os.sync()
    gen = sampled([PY, "-m", "generator", "build", "--strict"], project, _env())
    start = time.perf_counter()
    os.sync()
    gen = Sampled(gen.seconds + time.perf_counter() - start, gen.peak_mb, gen.stdout)
    seconds = plain_writes(project / "docs", plain)
    start = time.perf_counter()
    os.sync()
    seconds += time.perf_counter() - start
    shutil.rmtree(plain)
    return gen, seconds


def medians(runs: list[tuple[Sampled, float]]) -> dict:
    generate, plain = statistics.median(g.seconds for g, _ in runs), statistics.median(p for _, p in runs)
    return {"disk_generate_s": generate, "disk_plain_s": plain, "disk_ratio": generate / plain}


ROWS = [
    ("full_s", "full make site s (empty docs/, no site/)", "{:.1f}"),
    ("full_mb", "… peak MB, all processes together", "{:,}"),
    ("again_s", "make site again s (nothing changed)", "{:.1f}"),
    ("trials", "make site s, one bulletin added (incremental), each trial", "{}"),
    ("added_s", "… their median", "{:.1f}"),
    ("added_mb", "… peak MB, all processes together", "{:,}"),
    ("added_report", "… the build's report", "{}"),
    ("reference_s", "the same N + 1 bulletins, `--full` s", "{:.1f}"),
    ("reference_mb", "… peak MB, all processes together", "{:,}"),
    ("share", "incremental (median) / full (mean of the two full builds)", "{:.1%}"),
    ("files", "site files", "{:,}"),
    ("differ", "files that differ, incremental vs full", "{:,}"),
    ("generate_s", "generate s, empty docs/ (its own process)", "{:.2f}"),
    ("generate_mb", "… peak MB", "{:,}"),
    ("plain_s", "the same files, plain writes s", "{:.2f}"),
    ("generate_ratio", "generate / plain writes", "{:.2f}"),
    ("disk_generate_s", f"generate s on the project's disk, median of {TRIALS}", "{:.2f}"),
    ("disk_plain_s", f"the same files, plain writes s, median of {TRIALS}", "{:.2f}"),
    ("disk_ratio", "generate / plain writes on the project's disk", "{:.2f}"),
]


def table(rows: list[dict]) -> str:
    return measures_table(rows, ROWS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulletins", type=int, nargs="+", default=[400, 4000])
    parser.add_argument("--scratch", type=Path, help="folder for the scratch projects (default: system temp)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave INCREMENTAL.md as it is")
    args = parser.parse_args()
    rows = []
    for count in args.bulletins:
        with tempfile.TemporaryDirectory(prefix="zly-incremental-", dir=args.scratch) as work:
            rows.append(measure(count, Path(work)))
        print(table(rows), flush=True)
    startup = startup_s()
    text = (
        "# Incremental site build\n\n"
        f"Measured by `.venv/bin/python benchmarks/incremental.py --bulletins {' '.join(map(str, args.bulletins))}"
        f"{f' --scratch {args.scratch}' if args.scratch else ''}` on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.\n\n"
        "Each `make site` is `python -m generator site --strict`: generate, then build (beside site/, "
        "checked meanwhile) and swap. Memory: the summed resident memory of all its processes, "
        "sampled five times a second.\n\n"
        f"{table(rows)}\n\n"
        f"Startup (`python -m generator --help`, best of five): {startup:.2f} s.\n"
    )
    print(text)
    if not args.no_write:
        (ROOT / "benchmarks" / "INCREMENTAL.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
