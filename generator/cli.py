"""Command line: `python -m generator build|check|serve|compact-search`."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from generator.check import check
from generator.clean import remove_artefacts
from generator.errors import InputError, Warnings
from generator.match import build_archive
from generator.model import Document
from generator.parse import parse_bulletin
from generator.readers import read_document, seed_name
from generator.registry import REGISTRY_PATH, RegistryError, load_registry
from generator.render import render_site
from generator.search_index import compact
from generator.writer import write_site


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the 质量月公告档案 pages in docs/ from the attachments in seeds/.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def add(name: str, run, help: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=help)
        command.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of attachments (default: seeds)")
        command.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder (default: docs)")
        command.set_defaults(run=run)
        return command

    for name, run, help in (
        ("build", _build, "generate the pages; docs/ is left untouched on any error"),
        ("serve", _serve, "build, then serve the site on 127.0.0.1:8000, rebuilding when seeds/ changes"),
    ):
        command = add(name, run, help)
        command.add_argument("--registry", type=Path, default=REGISTRY_PATH, help="agency registry (YAML)")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    add("check", _check, "prove every item's text in seeds/ reached its page in docs/ unchanged")
    compact = commands.add_parser(
        "compact-search",
        help="re-encode a built site's search index as UTF-8 (a third of the size)",
        description="re-encode a built site's search index as UTF-8 (a third of the size)",
    )
    compact.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    compact.set_defaults(run=_compact_search)
    return parser


def seed_files(seeds: Path) -> list[Path]:
    if not seeds.is_dir():
        raise InputError(str(seeds), 1, "seeds folder does not exist")
    files = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(str(seeds), 1, "no attachments in the seeds folder")
    return files


def generate(seeds: Path, docs: Path, registry_path: Path, strict: bool) -> str:
    """Read, parse, match, render, write. Returns a summary; raises InputError on bad input."""
    warnings = Warnings()
    registry = load_registry(registry_path)
    documents = [read_document(path, seed_name(path), warnings) for path in seed_files(seeds)]
    bulletins = [parse_bulletin(cleaned(doc, warnings), registry, warnings) for doc in documents]
    archive = build_archive(bulletins, registry, warnings)
    sources = {b.id: doc.text for b, doc in zip(bulletins, documents, strict=True)}
    files = render_site(archive, sources)
    for diagnostic in warnings.items:
        print(diagnostic, file=sys.stderr)
    if strict and warnings.warnings:
        first = warnings.warnings[0]
        raise InputError(
            first.path, first.line, f"{len(warnings.warnings)} warning(s) with --strict; first: {first.message}"
        )
    stats = write_site(docs, files)
    return (
        f"{len(bulletins)} bulletins, {len(archive.entries)} agency pages, {len(archive.families)} families: "
        f"{stats.written} files written, {stats.unchanged} unchanged, {stats.removed} removed"
    )


def cleaned(doc: Document, warnings: Warnings) -> Document:
    doc, removed = remove_artefacts(doc)
    for line in removed:
        warnings.add(doc.path, line.line, f"removed {line.reason}: {line.text.strip()}")
    return doc


def _build(args: argparse.Namespace) -> int:
    try:
        print(generate(args.seeds, args.docs, args.registry, args.strict))
    except InputError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return 1
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # docs/ not writable, a full disk: the writer has taken back what it wrote
        print(f"{exc.filename or args.docs}: error: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _check(args: argparse.Namespace) -> int:
    try:
        files = seed_files(args.seeds)
    except InputError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return 1
    problems = check(files, args.docs)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"check: every item of {len(files)} seed files is on its page, character for character")
    return 0


def _compact_search(args: argparse.Namespace) -> int:
    sizes = compact(args.site)
    if sizes:
        print(f"search index: {sizes[0]:,} -> {sizes[1]:,} bytes")
    return 0


def _serve(args: argparse.Namespace) -> int:
    if _build(args):
        return 1
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000"])
    state = _snapshot(args.seeds, args.registry)
    try:
        while server.poll() is None:
            time.sleep(1)
            now = _snapshot(args.seeds, args.registry)
            if now != state:
                state = now
                _build(args)  # mkdocs serve sees the changed pages and reloads
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def _snapshot(seeds: Path, registry: Path) -> list[tuple[str, int, int]]:
    paths = [*sorted(seeds.iterdir()), registry] if seeds.is_dir() else [registry]
    return [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()]
