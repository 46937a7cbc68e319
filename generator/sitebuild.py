"""`make site`'s build of docs/ for MkDocs and ProperDocs: full, or only what changed.

    python -m generator.sitebuild ENGINE CONFIG BUILD --site SITE --cache CACHE [--full] [--after FD]

make_site (generator/pipeline.py) runs this in a process of its own, into BUILD, an empty folder
beside SITE, and swaps BUILD in once this and the check succeeded. It starts while docs/ is being
generated, readies itself (imports, the inputs hash, the plan) and waits for a byte on FD. Then it
runs the engine's own `build --strict` command, with these changes:

- **Incremental.** When the cache of the build that made SITE (generator/buildcache.py) says it
  came from the same inputs (`inputs_hash`), the build is the engine's `--dirty` one: it renders
  only the docs files whose bytes changed since (and the home page, where the post-build step
  reads the theme's shared config), and each other docs file's output is then hard-linked from
  SITE into BUILD. Nothing is written where SITE has a file, so a failed build leaves SITE as it
  was. A page's HTML depends only on its own Markdown and on what the inputs hash covers: the nav
  is bounded and titled in mkdocs.yml, and a page names another only through its own Markdown.
  What covers the whole site (sitemap, search index from the cached entries, theme assets, 404
  page, icon sprite) is built in full every time. tests/test_sitebuild.py holds the result to a
  full build's, file for file.
- **One page at a time.** Each page is rendered and written, and its Markdown, HTML, table of
  contents and metadata dropped, before the next: MkDocs renders every page before it writes any,
  so that at 100,000 pages it holds them all in memory at once.
- **A page's canonical URL joined as text** where that gives what the engine's `urljoin` gives
  (a URL of plain path segments under a plain site_url): 0.3 s of a 10,000-page build otherwise.

Then, the engine's pages let go, the post-build step (generator/postbuild.py) over the pages
rendered, the outputs kept linked in, and the next cache.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from generator.buildcache import ENV, MANIFEST, REPORT, BuildCache, code_hash, file_record, files_hash
from generator.postbuild import Icon, Stats, postbuild
from generator.runs import release_memory

HOME = "index.md"  # always rendered: the post-build step reads the theme's config from its page


def inputs_hash(config: Path) -> str:
    """One hash of what every page depends on besides its own docs file; any change forces a full
    build: mkdocs.yml as MkDocs reads it (its !ENV values resolved: SITE_URL, SEARCH_BACKEND …),
    the hooks and theme folder it names outside the generator package, and `code_hash()` (the
    generator package with its theme, hooks and registry; Python's and every package's version)."""
    from generator.pipeline import config_settings

    settings = config_settings(config)
    digest = hashlib.sha256(code_hash().encode())
    # An object a YAML tag made (!!python/name:…) by its name, not its address, which changes every run.
    digest.update(json.dumps(settings, sort_keys=True, default=_named, ensure_ascii=False).encode())
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    named = [config.parent / path for path in [*(settings.get("hooks") or []), theme.get("custom_dir")] if path]
    digest.update(files_hash(named, config.parent).encode())
    return digest.hexdigest()


def _named(value: object) -> str:
    return f"{type(value).__module__}.{getattr(value, '__qualname__', type(value).__qualname__)}"


@dataclass(frozen=True)
class DocsFile:
    src_uri: str
    dest_uri: str
    abs_src_path: str
    page: bool  # Markdown, rendered; else copied


@dataclass
class Plan:
    """What a build takes from the previous site, decided file by file as the engine asks
    (File.is_modified), and what the next build needs to know of this one."""

    site: Path
    inputs: str
    full: str | None  # why every page is rendered; None: an incremental build
    previous: dict = field(default_factory=dict)  # the manifest of the build that made `site`
    docs_dir: str = ""
    files: object = None  # the build's Files, once the engine has them
    docs: list[DocsFile] = field(default_factory=list)  # the docs files, once the engine is done
    records: dict[str, list] = field(default_factory=dict)  # docs file -> Plan.record
    kept: dict[str, str] = field(default_factory=dict)  # docs file -> its output, taken from `site`

    def start(self, config, files) -> None:
        self.docs_dir, self.files = config.docs_dir, files

    def is_docs_file(self, file) -> bool:
        return file.src_dir == self.docs_dir and not file.generated_by

    def finish(self) -> None:
        """What the rest needs of the engine's files, and not them: they hold every page."""
        self.docs = [
            DocsFile(file.src_uri, file.dest_uri, file.abs_src_path, file.is_documentation_page())
            for file in self.files
            if self.is_docs_file(file)
        ]
        self.files = None

    def record(self, file) -> list:
        """[sha256, size, mtime in ns] of a docs file: its bytes hashed unless size and mtime are those
        the last build recorded (as git's index does: the writer leaves an unchanged file as it was)."""
        uri = file.src_uri
        if uri not in self.records:
            self.records[uri] = file_record(file.abs_src_path, self.previous["files"].get(uri))
        return self.records[uri]

    def keeps(self, file) -> bool:
        """Whether `file`'s output is taken from the previous site as it is: an incremental build,
        a docs file with the bytes it had then, whose output is there; never the home page."""
        if file.src_uri in self.kept:
            return True
        if self.full or file.src_uri == HOME:
            return False
        known = self.previous["files"].get(file.src_uri)
        if known and known[0] == self.record(file)[0] and os.path.isfile(os.path.join(self.site, file.dest_uri)):
            self.kept[file.src_uri] = file.dest_uri
            return True
        return False

    def kept_icons(self) -> set[Icon]:
        symbols, pages = self.previous.get("symbols", {}), self.previous.get("icons", {})
        ids = {id for dest in self.kept.values() for id in pages.get(dest, ())}
        return {Icon(*symbols[id]) for id in ids}

    def manifest(self, stats: Stats) -> dict:
        """What the next build needs of this one: inputs, each docs file's record, each page's icons."""
        pages = {dest: self.previous["icons"][dest] for dest in self.kept.values() if dest in self.previous["icons"]}
        symbols = {id: self.previous["symbols"][id] for ids in pages.values() for id in ids}
        for dest, icons in stats.page_icons.items():
            pages[dest] = sorted(icon.id for icon in icons)
            symbols.update((icon.id, [icon.view_box, icon.body]) for icon in icons)
        files = {file.src_uri: self.record(file) for file in self.docs}
        return {"inputs": self.inputs, "files": files, "icons": pages, "symbols": symbols}


def plan(config: Path, site: Path, cache: BuildCache, full: bool) -> Plan:
    """Full or incremental, and why."""
    inputs = inputs_hash(config)
    previous = cache.read(MANIFEST)
    reason = (
        "FULL=1 asked for one"
        if full
        else f"no {site.name}/ to build on"
        if not site.is_dir()
        else f"no cache of the build that made {site.name}/"
        if not isinstance(previous, dict) or not {"inputs", "files", "icons", "symbols"} <= previous.keys()
        else "the inputs changed (mkdocs.yml, the generator, its theme or hooks, the packages)"
        if previous["inputs"] != inputs
        else None
    )
    return Plan(site, inputs, reason, previous if reason is None else {"files": {}, "icons": {}, "symbols": {}})


@contextmanager
def engine_patched(engine: str, plan: Plan, templates: Path) -> Iterator[None]:
    """The engine's build, rendering and writing one page at a time, asking `plan` which files
    changed, its compiled templates kept in `templates` (Jinja's bytecode cache: checked against
    each template's source), and without its warning that a dirty build is for development (it
    would fail --strict: this one is exact)."""
    import jinja2

    build = importlib.import_module(f"{engine}.commands.build")
    file_class = importlib.import_module(f"{engine}.structure.files").File
    theme_class = importlib.import_module(f"{engine}.theme").Theme
    page_class = importlib.import_module(f"{engine}.structure.pages").Page
    populate, render, get_env = build._populate_page, build._build_page, theme_class.get_env
    set_canonical_url = page_class._set_canonical_url

    def remember(page, config, files, dirty=False) -> None:  # the engine's first pass: render later
        if plan.files is None:
            plan.start(config, files)

    def populate_and_render(page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        if dirty and not page.file.is_modified():
            return
        populate(page, config, plan.files, dirty)
        render(page, config, doc_files, nav, env, dirty, excluded)
        # Written: later steps need only its URL and anchors (the nav's titles are in mkdocs.yml).
        page.markdown, page.content, page.toc, page.meta = None, None, [], {}

    def compiled_once(theme) -> jinja2.Environment:
        env = get_env(theme)
        templates.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(templates))
        return env

    def canonical_url(page, base: str | None) -> None:
        url, joined = page.url, _joined(base) if base else None
        if joined and _PLAIN_URL.fullmatch(url):
            page.canonical_url, page.abs_url = joined[0] + url, joined[1] + url
        else:
            set_canonical_url(page, base)

    def dirty_warning(record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()

    saved = file_class.is_modified
    build._populate_page, build._build_page, theme_class.get_env = remember, populate_and_render, compiled_once
    file_class.is_modified = lambda file: not (plan.is_docs_file(file) and plan.keeps(file))
    page_class._set_canonical_url = canonical_url
    build.log.addFilter(dirty_warning)
    try:
        yield
    finally:
        build._populate_page, build._build_page, theme_class.get_env = populate, render, get_env
        file_class.is_modified = saved
        page_class._set_canonical_url = set_canonical_url
        build.log.removeFilter(dirty_warning)


# Path segments that urljoin leaves as they are: no dot segment, query, fragment or scheme.
_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?")


@cache
def _joined(base: str) -> tuple[str, str] | None:
    """site_url with its slash, and its path: what a plain URL is appended to, for the engine's
    canonical and absolute URLs (Page._set_canonical_url); None when urljoin would change the base."""
    base = base if base.endswith("/") else base + "/"
    probe = "a/b/"
    if urljoin(base, probe) != base + probe or urlsplit(base + probe).path != urlsplit(base).path + probe:
        return None
    return base, urlsplit(base).path


def keep_outputs(plan: Plan, build: Path) -> None:
    """Hard-link into `build` the outputs of the docs files taken from the previous site."""
    for file in plan.docs:
        plan.keeps(file)  # the engine asked of each already; this makes sure
    folders = set()
    for dest in plan.kept.values():
        source, target = os.path.join(plan.site, dest), os.path.join(build, dest)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        try:
            os.link(source, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, target)


def run(engine: str, config: Path, build: Path, site: Path, cache: BuildCache, full: bool, after: int | None) -> int:
    """Build, slim, keep: exit status 0, or 1 after the engine said why. `after`: a file descriptor
    to read a byte from, once ready, before the build reads docs/; at its end (docs/ could not be
    made) nothing is built."""
    import click

    cli = importlib.import_module(f"{engine}.__main__").cli
    importlib.import_module(f"{engine}.commands.build")
    chosen = plan(config, site, cache, full)
    if after is not None and not os.read(after, 1):
        return 0
    cache.start()
    os.environ[ENV] = str(cache.folder)  # for the search hook, which MkDocs loads
    arguments = ["build", "--strict", "-f", str(config), "--site-dir", str(build)]
    with engine_patched(engine, chosen, cache.templates):
        try:
            cli.main(arguments + ([] if chosen.full else ["--dirty"]), prog_name=engine, standalone_mode=False)
        except click.ClickException as exc:  # the engine's Abort: "Aborted with 2 warnings in strict mode!"
            exc.show()
            return 1
    if chosen.files is None:
        print(f"{config}: error: {engine} built no page", file=sys.stderr)
        return 1
    chosen.finish()
    release_memory()  # the engine's pages, before the post-build step's workers start beside this process
    stats = postbuild(build, chosen.kept_icons())
    keep_outputs(chosen, build)
    cache.write(MANIFEST, chosen.manifest(stats))
    pages = len([file for file in chosen.docs if file.page])
    rendered = pages - len([uri for uri in chosen.kept if uri.endswith(".md")])
    how = f"full build ({chosen.full})" if chosen.full else "incremental build"
    cache.write(
        REPORT,
        [
            stats.summary(),
            f"site: {how}: {rendered:,} of {pages:,} pages rendered, {len(chosen.kept):,} files kept from {site.name}/",
        ],
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.sitebuild", description=__doc__.splitlines()[0])
    parser.add_argument("engine", choices=("mkdocs", "properdocs"))
    parser.add_argument("config", type=Path, help="mkdocs.yml")
    parser.add_argument("build", type=Path, help="an empty folder to build the site in")
    parser.add_argument("--site", type=Path, required=True, help="the site in place, built before")
    parser.add_argument("--cache", type=Path, required=True, help="the build cache (generator/buildcache.py)")
    parser.add_argument("--full", action="store_true", help="render every page whatever the cache says")
    parser.add_argument("--after", type=int, metavar="FD", help="ready, then wait for a byte on FD to build")
    args = parser.parse_args(argv)
    return run(args.engine, args.config, args.build, args.site, BuildCache(args.cache), args.full, args.after)


if __name__ == "__main__":
    sys.exit(main())
