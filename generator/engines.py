"""The site builders `make site ENGINE=…` can run over the same docs/ and mkdocs.yml.

- `mkdocs`: MkDocs 1.x with Material, the default.
- `properdocs`: ProperDocs, the continuation of MkDocs 1.x (same CLI, same plugins and hooks).
  Both run under generator/sitebuild.py: incremental, one page at a time, the post-build step
  included, and its report in the build cache.
- `zensical`: Material's successor. It has no `--site-dir` option, so it gets a copy of mkdocs.yml
  beside it (relative paths still resolve) whose `site_dir` is the build folder; that copy is
  removed when the build ends. It ignores `hooks:`: our post-build step (generator/postbuild.py)
  runs after it (make_site), and its own search (search.json) stands in for Material's. It builds
  every page every time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENGINES = ("mkdocs", "properdocs", "zensical")
_SITE_DIR = re.compile(r"^site_dir:.*$", re.MULTILINE)


@contextmanager
def build_command(
    engine: str, config: Path, build: Path, site: Path, cache: Path, full: bool = False, after: int | None = None
) -> Iterator[tuple[str, list[str], bool]]:
    """The strict build of `config` into `build` by `engine`: the module to run (`python -m`), its
    arguments, and whether it is generator/sitebuild.py: started before docs/ is ready, it waits
    for a byte on the file descriptor `after`, and leaves its report in `cache`."""
    if engine in ("mkdocs", "properdocs"):
        arguments = [engine, str(config.resolve()), str(build), "--site", str(site), "--cache", str(cache)]
        waits = [] if after is None else ["--after", str(after)]
        yield "generator.sitebuild", arguments + (["--full"] if full else []) + waits, True
        return
    if engine != "zensical":
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    copy = config.with_name(f"{build.name}-{config.name}")
    text = config.read_text(encoding="utf-8")
    site_dir = f"site_dir: {build.resolve()}"
    copy.write_text(_SITE_DIR.sub(site_dir, text) if _SITE_DIR.search(text) else f"{text}\n{site_dir}\n", "utf-8")
    try:
        yield "zensical", ["build", "--strict", "-f", str(copy.resolve())], False
    finally:
        copy.unlink(missing_ok=True)
