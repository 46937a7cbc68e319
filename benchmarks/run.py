"""Scale benchmark (not a test): the generator and the site build at 10, 100 and 400 bulletins.

    .venv/bin/python benchmarks/run.py [--sizes 10 100 400]

For each size it synthesises an archive (benchmarks/synth.py), then measures what `make site`
does step by step — generate, check, mkdocs build, compact-search — and, as the yardstick, a bare
Material site with the same pages of the same text and no generator. It also checks the
incremental writer: a second generate, and one added bulletin. Prints a table and writes
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import write_archive  # noqa: E402
from tests.helpers import make_project  # noqa: E402

PY = sys.executable
TIME = ["/usr/bin/time", "-f", "%e %M"]  # GNU time: wall seconds, peak kilobytes
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


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run `command`; returns wall seconds, peak memory in MB, and its stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(TIME + command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) // 1024, result.stdout


def written(summary: str) -> int:
    return int(re.search(r"(\d+) files written", summary)[1])


def html_sizes(site: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site.rglob("*.html"))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


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


def measure(count: int, work: Path) -> dict:
    (work / "project").mkdir()
    project = make_project(work / "project")
    seeds = project / "seeds"
    shutil.rmtree(seeds)
    files = write_archive(count + 1, seeds)
    extra = files[-1].rename(work / files[-1].name)  # held back: the bulletin added later
    generate = [PY, "-m", "generator", "build", "--strict", "--seeds", "seeds", "--docs", "docs"]
    gen_s, gen_mb, _ = timed(generate, project)
    pages = json.loads((project / "docs/api/pages.json").read_text(encoding="utf-8"))
    _, _, second = timed(generate, project)
    shutil.copy(extra, seeds / extra.name)
    _, _, added = timed(generate, project)
    added_pages = len(json.loads((project / "docs/api/pages.json").read_text(encoding="utf-8"))) - len(pages)
    check_s, _, _ = timed([PY, "-m", "generator", "check", "--seeds", "seeds", "--docs", "docs"], project)
    build = [PY, "-m", "mkdocs", "build", "--strict", "--quiet"]
    mk_s, mk_mb, _ = timed(build, project)
    compact_s, _, _ = timed([PY, "-m", "generator", "compact-search", "--site", "site"], project)
    bare = bare_site(project / "docs", work)
    bare_s, bare_mb, _ = timed([PY, "-m", "mkdocs", "build", "--quiet"], bare)
    sizes = html_sizes(project / "site")
    index = (project / "site/search/search_index.json").stat().st_size
    return {
        "bulletins": count,
        "pages": len(pages),
        "generate_s": gen_s,
        "pages_per_s": len(pages) / gen_s,
        "generate_mb": gen_mb,
        "rewritten_unchanged": written(second),
        "rewritten_added": written(added),
        "added_pages": added_pages,
        "mkdocs_s": mk_s,
        "mkdocs_mb": mk_mb,
        "check_s": check_s,
        "site_s": gen_s + check_s + mk_s + compact_s,
        "bare_s": bare_s,
        "bare_mb": bare_mb,
        "ratio": (gen_s + check_s + mk_s + compact_s) / bare_s,
        "site_mb": folder_size(project / "site") / 1e6,
        "largest_kb": sizes[-1] / 1000,
        "median_kb": statistics.median(sizes) / 1000,
        "index_kb": index / 1000,
        "index_per_page": index / len(pages),
    }


COLUMNS = [
    ("bulletins", "bulletins", "{}"),
    ("pages", "agency pages", "{:,}"),
    ("generate_s", "generate s", "{:.2f}"),
    ("pages_per_s", "pages/s", "{:,.0f}"),
    ("generate_mb", "generate MB", "{}"),
    ("rewritten_unchanged", "rewritten, nothing changed", "{}"),
    ("rewritten_added", "rewritten, +1 bulletin", "{}"),
    ("added_pages", "pages of that bulletin", "{}"),
    ("check_s", "check s", "{:.2f}"),
    ("mkdocs_s", "mkdocs build s", "{:.1f}"),
    ("mkdocs_mb", "mkdocs MB", "{}"),
    ("site_s", "make site s", "{:.1f}"),
    ("bare_s", "bare Material s", "{:.1f}"),
    ("ratio", "site / bare", "{:.2f}"),
    ("site_mb", "site MB", "{:.1f}"),
    ("largest_kb", "largest page KB", "{:.1f}"),
    ("median_kb", "median page KB", "{:.1f}"),
    ("index_kb", "search index KB", "{:,.0f}"),
    ("index_per_page", "index bytes/page", "{:.0f}"),
]


def table(rows: list[dict]) -> str:
    lines = ["| measure | " + " | ".join(f"N={row['bulletins']}" for row in rows) + " |"]
    lines.append("| --- " * (len(rows) + 1) + "|")
    for key, label, fmt in COLUMNS[1:]:
        lines.append(f"| {label} | " + " | ".join(fmt.format(row[key]) for row in rows) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 400])
    args = parser.parse_args()
    rows = []
    for count in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"zly-bench-{count}-") as scratch:
            rows.append(measure(count, Path(scratch)))
        print(f"N={count}: done", file=sys.stderr)
    text = table(rows)
    print(text)
    (ROOT / "benchmarks" / "RESULTS.md").write_text(
        "# Scale benchmark\n\n"
        "Measured by `.venv/bin/python benchmarks/run.py` on the project's machine (2 cores, 24 GiB).\n"
        "`make site s` = generate + check + mkdocs build + compact-search; `bare Material` = stock Material\n"
        "(search `lang: zh`) building the same pages' Markdown with no generator. "
        "`rewritten, +1 bulletin` counts the files the writer touched after one bulletin was added\n"
        "(its own pages and source, the indexes that list it, the family pages it joins, the API).\n\n" + text + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
