"""Page size benchmark (not a test): is the archive within GitHub Pages' limits at 10^5 pages?

    .venv/bin/python benchmarks/pages.py [--bulletins 400] [--backends lunr pagefind] [--stock]
                                         [--engines mkdocs properdocs zensical] [--scratch DIR] [--no-write]
    .venv/bin/python benchmarks/pages.py --site SITE     # measure a site already built

For each engine (generator/engines.py) and search backend it synthesises an archive
(benchmarks/synth.py) in a scratch copy of the project, runs `python -m generator site`
(generate, build, check, post-build step, swap), and measures the built site; `--stock` also
builds it the way it was before the slim pages (stock Material: no theme overrides, no
post-build step) for comparison.

- *all-in per agency page* = everything in site/ but the theme's fixed assets (assets/,
  stylesheets/, javascripts/, Pagefind's WebAssembly and scripts), divided by the agency pages:
  HTML of every page (bulletin, family and index pages included), search index or Pagefind
  chunks, source files, API JSON.
- *at 100,000 pages* = the fixed assets once plus the rest scaled to 100,000 agency pages
  (the synthetic archive keeps the ratio of bulletins, families and index pages to agency pages).
- *artifact* = the site as one gzipped tarball, as actions/upload-pages-artifact sends it.

Writes benchmarks/PAGES.md (unless --no-write).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import write_archive  # noqa: E402
from benchmarks.tables import markdown_table  # noqa: E402
from generator.engines import ENGINES  # noqa: E402
from tests.helpers import make_project, stock_material  # noqa: E402

TARGET_PAGES = 100_000
PAGES_LIMIT = 10**9  # GitHub Pages: a published site of at most 1 GB
_FIXED = re.compile(r"(assets|stylesheets|javascripts)/|pagefind[^/]*/(wasm\.|pagefind[^/]*\.(js|css)$)")
_ARTICLE = re.compile(rb"<article.*?</article>", re.DOTALL)


@dataclass(frozen=True)
class Figures:
    label: str
    agency_pages: int
    files: int
    site_bytes: int
    fixed_bytes: int
    median_page: int
    largest_page: int
    largest_url: str
    median_article: int
    artifact_bytes: int
    artifact_seconds: float
    build_seconds: float | None

    @property
    def per_page(self) -> float:
        return (self.site_bytes - self.fixed_bytes) / self.agency_pages

    @property
    def at_target(self) -> float:
        return self.fixed_bytes + self.per_page * TARGET_PAGES

    @property
    def files_at_target(self) -> float:
        return self.files * TARGET_PAGES / self.agency_pages

    @property
    def artifact_at_target(self) -> float:
        return self.artifact_bytes * TARGET_PAGES / self.agency_pages


def measure(site: Path, label: str, build_seconds: float | None = None) -> Figures:
    files = [p for p in site.rglob("*") if p.is_file()]
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in files}
    urls = [page["url"] for page in json.loads((site / "api/pages.json").read_text(encoding="utf-8"))]
    agency = {url: sizes[f"{url}index.html"] for url in urls}
    articles = [len(_ARTICLE.search((site / url / "index.html").read_bytes()).group(0)) for url in urls]
    largest = max(agency, key=agency.get)
    start = time.perf_counter()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as tar:
        tar.add(site, arcname=".")
    return Figures(
        label=label,
        agency_pages=len(urls),
        files=len(files),
        site_bytes=sum(sizes.values()),
        fixed_bytes=sum(size for path, size in sizes.items() if _FIXED.match(path)),
        median_page=int(statistics.median(agency.values())),
        largest_page=agency[largest],
        largest_url=largest,
        median_article=int(statistics.median(articles)),
        artifact_bytes=len(buffer.getvalue()),
        artifact_seconds=time.perf_counter() - start,
        build_seconds=build_seconds,
    )


def build(work: Path, bulletins: int, backend: str, stock: bool, engine: str) -> tuple[Path, float]:
    """A synthetic archive built by `python -m generator site`, or by stock Material (`stock`)."""
    project = make_project(work)
    shutil.rmtree(project / "seeds")
    write_archive(bulletins, project / "seeds")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "SEARCH_BACKEND": backend}
    start = time.perf_counter()
    if stock:
        stock_material(project)
        generate = [sys.executable, "-m", "generator", "build", "--strict", "--seeds", "seeds", "--docs", "docs"]
        subprocess.run(generate, cwd=project, env=env, check=True)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, check=True)
    else:
        command = [sys.executable, "-m", "generator", "site", "--seeds", "seeds", "--config", "mkdocs.yml", "--strict"]
        command += ["--engine", engine]
        subprocess.run(command, cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
    return project / "site", time.perf_counter() - start


def table(rows: list[Figures]) -> str:
    kb, mb = 1000, 1e6
    lines = [
        ("agency pages", lambda f: f"{f.agency_pages:,}"),
        ("files", lambda f: f"{f.files:,}"),
        ("site MB", lambda f: f"{f.site_bytes / mb:.1f}"),
        ("theme's fixed assets MB (counted once)", lambda f: f"{f.fixed_bytes / mb:.1f}"),
        ("all-in KB per agency page", lambda f: f"{f.per_page / kb:.1f}"),
        ("median agency page KB (HTML)", lambda f: f"{f.median_page / kb:.1f}"),
        ("its article KB (median)", lambda f: f"{f.median_article / kb:.1f}"),
        ("article's share of the median page", lambda f: f"{f.median_article / f.median_page:.0%}"),
        ("largest agency page KB", lambda f: f"{f.largest_page / kb:.1f}"),
        ("artifact MB (tar.gz)", lambda f: f"{f.artifact_bytes / mb:.1f}"),
        ("tar.gz s", lambda f: f"{f.artifact_seconds:.1f}"),
        ("build s (make site; machine shared)", lambda f: "–" if f.build_seconds is None else f"{f.build_seconds:.0f}"),
        ("**at 100,000 agency pages**: site MB", lambda f: f"{f.at_target / mb:,.0f}"),
        ("… share of Pages' 1 GB", lambda f: f"{f.at_target / PAGES_LIMIT:.0%}"),
        ("… files", lambda f: f"{f.files_at_target:,.0f}"),
        ("… artifact MB (tar.gz)", lambda f: f"{f.artifact_at_target / mb:,.0f}"),
    ]
    return markdown_table(
        ["measure", *(f.label for f in rows)], [[name, *(cell(f) for f in rows)] for name, cell in lines]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bulletins", type=int, default=400, help="synthetic bulletins (400: about 10,000 pages)")
    parser.add_argument("--backends", nargs="+", default=["lunr", "pagefind"], choices=["lunr", "pagefind"])
    parser.add_argument("--stock", action="store_true", help="also build with stock Material, no post-build step")
    parser.add_argument("--engines", nargs="+", default=["mkdocs"], choices=ENGINES, help="site builders to compare")
    parser.add_argument("--scratch", type=Path, default=None, help="where to build (default: the system temp folder)")
    parser.add_argument("--site", type=Path, help="measure this built site only")
    parser.add_argument("--no-write", action="store_true", help="print only; leave benchmarks/PAGES.md as it is")
    args = parser.parse_args()
    if args.site:
        print(table([measure(args.site, args.site.name)]))
        return 0
    rows = []
    for engine in args.engines:
        for backend in args.backends:
            for stock in (True, False) if args.stock else (False,):
                label = f"{backend}, {'stock Material' if stock else 'slim'}"
                label = label if args.engines == ["mkdocs"] else f"{engine}, {label}"
                with tempfile.TemporaryDirectory(prefix="zly-pages-", dir=args.scratch) as scratch:
                    site, seconds = build(Path(scratch), args.bulletins, backend, stock, engine)
                    rows.append(measure(site, label, seconds))
                print(f"{label}: done", file=sys.stderr)
    text = table(rows)
    largest = "\n".join(f"- {f.label}: largest page `{f.largest_url}`" for f in rows)
    print(text + "\n\n" + largest)
    if not args.no_write:
        command = " ".join([".venv/bin/python benchmarks/pages.py", *sys.argv[1:]])
        machine = f"{os.cpu_count()} cores, Python {platform.python_version()}"
        (ROOT / "benchmarks" / "PAGES.md").write_text(
            f"# Page size benchmark\n\nMeasured by `{command}` on {machine}.\n\n{text}\n\n{largest}\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
