"""Scale benchmark (not a test): the generator and the site build at 10, 100 and 400 bulletins.

    .venv/bin/python benchmarks/run.py [--sizes 10 100 400] [--scratch DIR] [--repeat 3] [--no-write]

For each size it synthesises an archive (benchmarks/synth.py) in a scratch copy of the project
and measures, each step a child process under GNU time (wall and CPU seconds, peak memory):

- the steps of `make site` one by one: generate into an empty docs/ (every file created), check,
  mkdocs build;
- the disk's share of generate: a plain loop writing the same files (in this process), and
  generate again into a docs/ in memory (/dev/shm), which is the generator's own speed;
- a first `make site` (the real Makefile) from an empty docs/ and no site/, each time right before
  the yardstick below (`--repeat` pairs, default 3: this VM's speed drifts by a third from one
  minute to the next, so each ratio compares neighbours), and `make site` again with nothing
  changed (generate rewrites nothing), and once more to sample the memory of all its processes
  together (mkdocs builds while the check runs);
- the writer: files whose mtime changed after that second generate, and after one added bulletin;
- the yardstick: a bare Material site (stock config, search `lang: zh`) building the same pages'
  Markdown with no generator;
- the built site: size, largest and median page HTML, search index bytes (raw and gzip).

Then, in one process, where the generator's time goes at the largest size (benchmarks/phases.py).
Prints the tables and writes benchmarks/RESULTS.md (unless --no-write).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.memory import sampled  # noqa: E402
from benchmarks.phases import phases_table  # noqa: E402
from benchmarks.synth import write_archive  # noqa: E402
from benchmarks.tables import measures_table  # noqa: E402
from generator.writer import MANAGED, generated_files  # noqa: E402
from tests.helpers import make_project  # noqa: E402

PY = sys.executable
VENV = Path(PY).parents[1]
# GNU time: wall seconds, peak kilobytes, user and system CPU seconds (the process and its children)
TIME = ["/usr/bin/time", "-f", "%e %M %U %S"]
PAGE_LIMIT_KB = 40
MEMORY = "/dev/shm"  # tmpfs: the generator's own speed, without this machine's disk
BARE_CONFIG = """site_name: bare
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
validation:
  nav:
    omitted_files: ignore
nav:
  - index.md
"""


@dataclass(frozen=True)
class Step:
    seconds: float
    peak_mb: int
    cpu_seconds: float
    stdout: str
    stderr: str


def _env(**extra: str) -> dict[str, str]:
    """The environment of a measured step: this checkout's generator, no Material end-of-life banner."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **extra}


def timed(command: list[str], cwd: Path, **env: str) -> Step:
    os.sync()  # a step does not pay for flushing what the step before it wrote
    result = subprocess.run(TIME + command, cwd=cwd, capture_output=True, text=True, check=False, env=_env(**env))
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    seconds, kilobytes, user, system = result.stderr.strip().splitlines()[-1].split()
    return Step(float(seconds), int(kilobytes) // 1024, float(user) + float(system), result.stdout, result.stderr)


def peak_together_mb(command: list[str], cwd: Path) -> int:
    """Peak of the summed resident memory of `command` and every process under it (benchmarks/memory.py)."""
    return sampled(command, cwd, _env()).peak_mb


def mtimes(docs: Path) -> dict[str, int]:
    """Every generated file under docs/: relative path -> mtime in nanoseconds."""
    return {rel: (docs / rel).stat().st_mtime_ns for rel in generated_files(docs)}


def touched(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Files created, rewritten or removed between two snapshots."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def remove_generated(docs: Path) -> None:
    """docs/ as before any generate: its hand-written pages only."""
    for name in MANAGED:
        path = docs / name
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)


def plain_writes(docs: Path, out: Path) -> float:
    """Seconds a bare loop takes to create the generated files again: what the disk itself costs."""
    contents = {rel: (docs / rel).read_bytes() for rel in mtimes(docs)}
    os.sync()
    start = time.perf_counter()
    for rel, data in contents.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return time.perf_counter() - start


def kind(path: str, bulletin: str) -> str:
    """What a rewritten file is, for the +1 bulletin summary."""
    if path.startswith(f"bulletins/{bulletin}/"):
        return "its own pages"
    if path.startswith("api/"):
        return "api/*.json"
    if path.startswith("agencies/") and path != "agencies/index.md":
        return "family pages"
    if re.match(r"bulletins/\d{4}(/|\.md)", path):
        return "year lists"
    return path


def bare_site(docs: Path, work: Path) -> Path:
    """The same agency, bulletin and family pages, as plain Markdown in a stock Material site."""
    bare = work / "bare"
    (bare / "docs").mkdir(parents=True)
    (bare / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    for page in docs.rglob("*.md"):
        target = bare / "docs" / page.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.read_text(encoding="utf-8")
        target.write_text(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text, encoding="utf-8")
    return bare


def site_figures(site: Path) -> dict:
    pages = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    index = (site / "search/search_index.json").read_bytes()
    return {
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "largest_kb": pages[-1][0] / 1000,
        "largest_page": pages[-1][1],
        "median_kb": statistics.median(size for size, _ in pages) / 1000,
        "over_limit": sum(size > PAGE_LIMIT_KB * 1000 for size, _ in pages),
        "index_kb": len(index) / 1000,
        "index_gz_kb": len(gzip.compress(index, 6)) / 1000,
        "index_bytes": len(index),
    }


def measure(count: int, work: Path, repeat: int) -> dict:
    (work / "project").mkdir()
    project = make_project(work / "project")
    for name in ("Makefile", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)  # copy2: the lock file keeps its age, make installs nothing
    shutil.rmtree(project / "seeds")
    files = write_archive(count + 1, project / "seeds")
    extra = files[-1].rename(work / files[-1].name)  # held back: the bulletin added later
    docs = project / "docs"

    # The steps of `make site`, one by one.
    generate = [PY, "-m", "generator", "build", "--strict", "--seeds", "seeds", "--docs", "docs"]
    gen = timed(generate, project)
    pages = len(json.loads((docs / "api/pages.json").read_text(encoding="utf-8")))
    plain = plain_writes(docs, work / "plain")
    with tempfile.TemporaryDirectory(prefix="zly-docs-", dir=MEMORY) as memory_docs:
        memory = timed([*generate[:-1], memory_docs], project)
    check = timed([PY, "-m", "generator", "check", "--seeds", "seeds", "--docs", "docs"], project)
    mkdocs = timed([PY, "-m", "mkdocs", "build", "--strict"], project)
    figures = site_figures(project / "site")

    # The real `make site` from an empty docs/ and no site/, each time beside the yardstick.
    make_site = ["make", "--no-print-directory", "-o", str(VENV / ".installed"), "site", f"VENV={VENV}"]
    bare = bare_site(docs, work)
    pairs = []
    for _ in range(repeat):
        shutil.rmtree(project / "site", ignore_errors=True)
        remove_generated(docs)
        pairs.append((timed(make_site, project), timed([PY, "-m", "mkdocs", "build", "--quiet"], bare)))
    pairs.sort(key=lambda pair: pair[0].seconds / pair[1].seconds)
    first, yardstick = pairs[len(pairs) // 2]  # the median pair (of an even number, the higher)

    # `make site` again, nothing changed.
    before = mtimes(docs)
    again = timed(make_site, project)
    unchanged = touched(before, mtimes(docs))
    warm = timed(generate, project)  # the generate step alone, nothing changed
    together = peak_together_mb(make_site, project)

    # One more bulletin.
    before = mtimes(docs)
    shutil.copy(extra, project / "seeds" / extra.name)
    timed(generate, project)
    added = touched(before, mtimes(docs))
    bulletin = next(p.split("/")[1] for p in added if p.endswith("/source.txt"))
    kinds: dict[str, int] = {}
    for path in added:
        kinds[kind(path, bulletin)] = kinds.get(kind(path, bulletin), 0) + 1

    return {
        "bulletins": count,
        "pages": pages,
        "generate_s": gen.seconds,
        "pages_per_s": pages / gen.seconds,
        "plain_s": plain,
        "memory_s": memory.seconds,
        "pages_per_s_memory": pages / memory.seconds,
        "generate_warm_s": warm.seconds,
        "pages_per_s_warm": pages / warm.seconds,
        "generate_mb": max(gen.peak_mb, warm.peak_mb),
        "check_s": check.seconds,
        "mkdocs_s": mkdocs.seconds,
        "mkdocs_mb": mkdocs.peak_mb,
        "site_s": first.seconds,
        "site_cpu_s": first.cpu_seconds,
        "again_s": again.seconds,
        "bare_s": yardstick.seconds,
        "bare_cpu_s": yardstick.cpu_seconds,
        "bare_mb": yardstick.peak_mb,
        "ratio": first.seconds / yardstick.seconds,
        "ratios": ", ".join(f"{a.seconds / b.seconds:.2f}" for a, b in pairs),
        "ratio_again": again.seconds / yardstick.seconds,
        "ratio_cpu": first.cpu_seconds / yardstick.cpu_seconds,
        "peak_mb": max(gen.peak_mb, check.peak_mb, mkdocs.peak_mb, first.peak_mb, again.peak_mb),
        "together_mb": together,
        "touched_unchanged": len(unchanged),
        "touched_added": len(added),
        "added_kinds": kinds,
        "index_per_page": figures["index_bytes"] / pages,
        **figures,
    }


COLUMNS = [
    ("pages", "agency pages", "{:,}"),
    ("generate_s", "generate s, empty docs/", "{:.2f}"),
    ("pages_per_s", "pages/s, empty docs/", "{:,.0f}"),
    ("plain_s", "the same files, plain writes s", "{:.2f}"),
    ("memory_s", "generate s, docs/ in memory", "{:.2f}"),
    ("pages_per_s_memory", "pages/s, docs/ in memory", "{:,.0f}"),
    ("generate_warm_s", "generate s, nothing changed", "{:.2f}"),
    ("pages_per_s_warm", "pages/s, nothing changed", "{:,.0f}"),
    ("generate_mb", "generate peak MB", "{}"),
    ("check_s", "check s", "{:.2f}"),
    ("mkdocs_s", "mkdocs build s", "{:.1f}"),
    ("mkdocs_mb", "mkdocs peak MB", "{}"),
    ("site_s", "first make site s (median pair)", "{:.1f}"),
    ("bare_s", "bare Material s (median pair)", "{:.1f}"),
    ("bare_mb", "bare Material peak MB", "{}"),
    ("ratio", "first make site / bare, median pair", "{:.2f}"),
    ("ratios", "… every pair", "{}"),
    ("site_cpu_s", "first make site CPU s (median pair)", "{:.1f}"),
    ("bare_cpu_s", "bare Material CPU s (median pair)", "{:.1f}"),
    ("ratio_cpu", "CPU: first make site / bare", "{:.2f}"),
    ("again_s", "make site again s (nothing changed)", "{:.1f}"),
    ("ratio_again", "make site again / bare", "{:.2f}"),
    ("peak_mb", "peak MB, any one process", "{}"),
    ("together_mb", "peak MB, make site's processes together", "{}"),
    ("touched_unchanged", "files touched, 2nd generate", "{}"),
    ("touched_added", "files touched, +1 bulletin", "{}"),
    ("site_mb", "site MB", "{:.1f}"),
    ("largest_kb", "largest page KB", "{:.1f}"),
    ("median_kb", "median page KB", "{:.1f}"),
    ("over_limit", f"pages over {PAGE_LIMIT_KB} KB", "{}"),
    ("index_kb", "search index KB", "{:,.0f}"),
    ("index_gz_kb", "search index KB gzip", "{:,.0f}"),
    ("index_per_page", "index bytes / agency page", "{:.0f}"),
]


def table(rows: list[dict]) -> str:
    return measures_table(rows, COLUMNS)


def details(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        kinds = ", ".join(f"{name} {n}" for name, n in sorted(row["added_kinds"].items(), key=lambda kv: -kv[1]))
        lines.append(f"- N={row['bulletins']}: largest page `{row['largest_page']}`; +1 bulletin touched {kinds}")
    return "\n".join(lines)


CHOICES = "## Figures behind choices in the code\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 400])
    parser.add_argument("--scratch", type=Path, default=None, help="where to build (default: the system temp folder)")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of make site and bare Material (default: 3)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md as it is")
    args = parser.parse_args()
    rows = []
    for count in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"zly-bench-{count}-", dir=args.scratch) as scratch:
            rows.append(measure(count, Path(scratch), args.repeat))
        print(f"N={count}: done", file=sys.stderr)
    phases = phases_table(max(args.sizes), args.scratch)
    text = table(rows) + "\n\n" + details(rows) + "\n\n" + phases
    print(text)
    if args.no_write:
        return 0
    command = " ".join([".venv/bin/python benchmarks/run.py", *sys.argv[1:]])
    scratch = args.scratch or tempfile.gettempdir()
    machine = f"{os.cpu_count()} cores, Python {platform.python_version()}, scratch folder {scratch}"
    results = ROOT / "benchmarks" / "RESULTS.md"
    # The hand-written figures behind choices in the code stay as they are.
    kept = results.read_text(encoding="utf-8").partition(CHOICES)[2] if results.exists() else "\n"
    results.write_text(
        "# Scale benchmark\n\n"
        f"Measured by `{command}` on {machine}.\n\n"
        "- *first make site* = the real `make site` from an empty docs/ and no site/; *make site again* = once\n"
        "  more, nothing changed. It checks while MkDocs builds, and the build indexes search in a second\n"
        "  process (generator/search/hook.py): wall time uses both cores, CPU time counts both.\n"
        "- *bare Material* = stock Material (search `lang: zh`, one-page nav) building the same pages' Markdown,\n"
        "  front matter removed, no generator: what MkDocs itself needs for these pages.\n"
        "- *plain writes* = a bare Python loop creating the same files on the same disk: what any generator\n"
        "  pays this machine for them; *docs/ in memory* = generate into /dev/shm (tmpfs), the generator's own speed.\n"
        "- *files touched* = generated files under docs/ whose mtime changed (created, rewritten or removed).\n"
        "- Peak memory is GNU time's maximum resident set of the step's process or any child it waited for;\n"
        "  *together* = the summed resident memory of `make site` and all its processes at once, sampled\n"
        "  from /proc (a run of its own, nothing changed). CPU seconds are user + system time of the step\n"
        "  and all its children.\n\n" + text + "\n\n" + CHOICES + kept,
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
