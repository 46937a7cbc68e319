"""Lighthouse scores of the four main page types (a benchmark, not a test).

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--no-bare]

Builds the site from seeds/ (`make site`), serves it on 127.0.0.1 the way the tests do (gzip,
404.html), and runs Lighthouse (npm, from tests/browser: `npm ci --prefix tests/browser`) in
Debian's Chromium (CHROME_PATH=/usr/bin/chromium) with its default mobile emulation and throttling.
Prints the median score of each category per page type. Target: at least 0.95 everywhere.

The yardstick is a bare Material page: the agency page's Markdown in a stock `theme: material`
site (nothing but site_name and the theme), served and scored the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tables import markdown_table  # noqa: E402
from tests.browser.conftest import CHROMIUM, FLAGS, NODE_MODULES  # noqa: E402
from tests.helpers import serve  # noqa: E402

PAGES = {
    "home": "",
    "bulletin": "bulletins/2024-national/",
    "agency": "bulletins/2024-national/market-regulation/",
    "family": "agencies/market-regulation/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 0.95
BARE_PAGE = "docs/bulletins/2024-national/market-regulation.md"


def lighthouse(url: str, out: Path) -> dict[str, float]:
    subprocess.run(
        [
            str(NODE_MODULES / ".bin" / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags=--headless=new {' '.join(FLAGS)}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    failed = [
        audit["id"]
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and (audit := report["audits"][ref["id"]])["score"] is not None and audit["score"] < 0.9
    ]
    if failed:
        print(f"  {url}: audits below 0.9: {', '.join(sorted(set(failed)))}", file=sys.stderr)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def bare_site(work: Path) -> Path:
    """A stock Material site whose only page is the agency page's Markdown (front matter dropped)."""
    (work / "docs").mkdir(parents=True)
    (work / "mkdocs.yml").write_text("site_name: 质量月公告档案\ntheme:\n  name: material\n", encoding="utf-8")
    text = (ROOT / BARE_PAGE).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    (work / "docs" / "index.md").write_text(body, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=work,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stderr=subprocess.DEVNULL,
    )
    return work / "site"


def score(base: str, path: str, runs: int, scratch: Path) -> dict[str, float]:
    results = [lighthouse(base + path, scratch / f"report-{n}.json") for n in range(runs)]
    return {name: statistics.median(run[name] for run in results) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown (default 1)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare Material yardstick")
    args = parser.parse_args()
    if not (NODE_MODULES / ".bin" / "lighthouse").exists():
        parser.error("lighthouse is missing: npm ci --prefix tests/browser")
    built = subprocess.run(["make", "site"], cwd=ROOT, capture_output=True, text=True, check=False)
    if built.returncode:
        parser.exit(1, f"make site failed:\n{built.stderr[-2000:]}")
    rows = {}
    with tempfile.TemporaryDirectory() as scratch:
        with serve(ROOT / "site") as base:
            for kind, path in PAGES.items():
                rows[kind] = score(base, path, args.runs, Path(scratch))
        if not args.no_bare:
            with serve(bare_site(Path(scratch) / "bare")) as base:
                rows["bare Material (agency page)"] = score(base, "", args.runs, Path(scratch))
    table = [[kind, *(f"{scores[name]:.2f}" for name in CATEGORIES)] for kind, scores in rows.items()]
    print(markdown_table(["page", *CATEGORIES], table))
    low = [f"{kind} {name}" for kind in PAGES for name in CATEGORIES if rows[kind][name] < TARGET]
    print(f"all scores >= {TARGET}" if not low else f"below {TARGET}: {', '.join(low)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
