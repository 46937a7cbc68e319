"""Command line: `python -m generator build|check|site|serve`."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator.errors import InputError, StepFailed
from generator.pipeline import generate, make_site, verify
from generator.registry import REGISTRY_PATH, RegistryError

Command = Callable[[argparse.Namespace], int]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the 质量月公告档案 pages in docs/ from the attachments in seeds/.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def add(name: str, run: Command, help: str, docs: bool = True) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=help)
        command.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of attachments (default: seeds)")
        if docs:
            command.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder (default: docs)")
        command.set_defaults(run=run)
        return command

    def generating(command: argparse.ArgumentParser) -> None:
        command.add_argument("--registry", type=Path, default=REGISTRY_PATH, help="agency registry (YAML)")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")

    generating(add("build", _build, "generate the pages; docs/ is left untouched on any error"))
    add("check", _check, "prove every item's text in seeds/ reached its page in docs/ unchanged")
    site = add(
        "site",
        _site,
        "build, then mkdocs build (check meanwhile) and swap the new site in; site/ is kept on any error",
        docs=False,
    )
    generating(site)
    site.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config; its docs_dir is built")
    site.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    generating(add("serve", _serve, "build, then serve the site on 127.0.0.1:8000, rebuilding when seeds/ changes"))
    return parser


def _build(args: argparse.Namespace) -> int:
    return _reporting(lambda: [generate(args.seeds, args.docs, args.registry, args.strict)], args.docs)


def _site(args: argparse.Namespace) -> int:
    return _reporting(lambda: make_site(args.seeds, args.config, args.site, args.registry, args.strict), args.site)


def _reporting(run: Callable[[], list[str]], output: Path) -> int:
    """Print what `run` says it did; any failure as one line per problem and exit status 1."""
    try:
        lines = run()
    except InputError as exc:
        lines, failed = [exc.diagnostic], True
    except StepFailed as exc:
        lines, failed = exc.lines, True
    except RegistryError as exc:
        lines, failed = [f"error: {exc}"], True
    except OSError as exc:  # an unwritable docs/, a full disk: the writer has taken back what it wrote
        lines, failed = [f"{exc.filename or output}: error: {exc.strerror or exc}"], True
    else:
        failed = False
    for line in lines:
        print(line, file=sys.stderr if failed else sys.stdout)
    return int(failed)


def _check(args: argparse.Namespace) -> int:
    return _reporting(lambda: [verify(args.seeds, args.docs)], args.docs)


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
