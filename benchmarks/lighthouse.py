"""Lighthouse scores of the four main page types (a benchmark, not a test).

    .venv/bin/python benchmarks/lighthouse.py [--runs 3]

Builds the site from seeds/ (make site), serves it on 127.0.0.1, runs Lighthouse (npm, from
tests/browser) against Debian's Chromium with its default mobile emulation, and prints the
median score of each category per page type. Target: at least 0.95 everywhere.
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

from tests.browser.conftest import CHROMIUM, FLAGS, NODE_MODULES  # noqa: E402
from tests.helpers import serve  # noqa: E402

PAGES = {
    "home": "",
    "bulletin": "bulletins/2024-national/",
    "agency": "bulletins/2024-national/market-regulation/",
    "family": "agencies/market-regulation/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


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
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown (default 1)")
    args = parser.parse_args()
    subprocess.run(["make", "site"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    rows = {}
    with serve(ROOT / "site") as base, tempfile.TemporaryDirectory() as scratch:
        for kind, path in PAGES.items():
            runs = [lighthouse(base + path, Path(scratch) / f"{kind}-{n}.json") for n in range(args.runs)]
            rows[kind] = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
    print(f"| page | {' | '.join(CATEGORIES)} |")
    print("| --- " * (len(CATEGORIES) + 1) + "|")
    for kind, scores in rows.items():
        print(f"| {kind} | " + " | ".join(f"{scores[name]:.2f}" for name in CATEGORIES) + " |")
    low = [f"{kind} {name}" for kind, scores in rows.items() for name in CATEGORIES if scores[name] < 0.95]
    print("all scores >= 0.95" if not low else f"below 0.95: {', '.join(low)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
