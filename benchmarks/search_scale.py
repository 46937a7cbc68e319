"""Pagefind search on a large archive (a benchmark, not a test).

    .venv/bin/python benchmarks/search_scale.py [--bulletins 4000] [--scratch DIR] [--runs 3]

Synthesises N bulletins (benchmarks/synth.py; 4,000 give about 100,000 agency pages), generates
docs/, builds the site with SEARCH_BACKEND=pagefind (GNU time: wall seconds, peak memory), then
measures in Chromium what one query costs a phone: bytes downloaded and time to first results
(benchmarks/search_query.py). Targets: at most 500 KB and 300 ms per query. Prints a table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import PY, timed  # noqa: E402
from benchmarks.search_query import measure, table  # noqa: E402
from benchmarks.synth import write_archive  # noqa: E402
from tests.helpers import make_project  # noqa: E402

QUERIES = ["电梯", "昆仑", "双随机", "计量", "质量强国"]


def build(count: int, work: Path) -> tuple[Path, list[str]]:
    """The archive of `count` bulletins built with Pagefind; returns the site and figure lines."""
    (work / "project").mkdir()
    project = make_project(work / "project")
    shutil.rmtree(project / "seeds")
    write_archive(count, project / "seeds")
    generate = timed([PY, "-m", "generator", "build", "--strict", "--seeds", "seeds", "--docs", "docs"], project)
    pages = len(json.loads((project / "docs/api/pages.json").read_text(encoding="utf-8")))
    mkdocs = timed([PY, "-m", "mkdocs", "build", "--strict"], project, SEARCH_BACKEND="pagefind")
    site = project / "site"
    bundles = [
        site / name for name in json.loads((site / "pagefind/shards.json").read_text(encoding="utf-8"))["bundles"]
    ]
    records = [
        json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["zh"]["page_count"]
        for bundle in bundles
    ]
    files = [p for bundle in bundles for p in bundle.rglob("*") if p.is_file()]
    return site, [
        f"{count:,} bulletins, {pages:,} agency pages",
        f"generate: {generate.seconds:.1f} s, peak {generate.peak_mb:,} MB",
        f"mkdocs build with Pagefind: {mkdocs.seconds:.1f} s, peak {mkdocs.peak_mb:,} MB",
        f"Pagefind: shards of {' + '.join(f'{n:,}' for n in records)} records (a bulletin's folder each), "
        f"{len(files):,} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bulletins", type=int, default=4000)
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the build (default: a /tmp folder)")
    parser.add_argument("--runs", type=int, default=3, help="runs per query; the median time is shown")
    parser.add_argument("--query", nargs="+", default=QUERIES)
    parser.add_argument("--keep", action="store_true", help="keep the built project and print where it is")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zly-search-", dir=args.scratch))
    try:
        site, figures = build(args.bulletins, folder)
        print("\n".join(figures))
        print(table(measure(site, args.query, args.runs)))
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
