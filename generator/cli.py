"""Command line: `python -m generator build|check|site|serve|agencies`.

The steps are imported by the command that runs them, so `--help` starts at once.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from generator.errors import DataError, InputError, StepFailed
from generator.registry import REGISTRY_PATH

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

    def add(name: str, run: Command, help: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=help)
        command.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of attachments (default: seeds)")
        command.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config (site name, docs)")
        command.set_defaults(run=run)
        return command

    def docs(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument("--docs", type=Path, help="MkDocs docs folder (default: the config's docs_dir)")
        return command

    def generating(command: argparse.ArgumentParser) -> None:
        command.add_argument("--registry", type=Path, default=REGISTRY_PATH, help="agency registry (YAML)")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")

    generating(docs(add("build", _build, "generate the pages; docs/ is left untouched on any error")))
    docs(add("check", _check, "prove every item's text in seeds/ reached its page in docs/ unchanged"))
    site = add(
        "site", _site, "build, then mkdocs build (check meanwhile) and swap the new site in; site/ is kept on any error"
    )
    generating(site)
    site.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    generating(docs(add("serve", _serve, "build, then serve on 127.0.0.1:8000, rebuilding when a seed changes")))
    agencies = add("agencies", _agencies, "list every agency in seeds/ with its family and how it joined it")
    agencies.add_argument("--registry", type=Path, default=REGISTRY_PATH, help="agency registry (YAML)")
    return parser


def _build(args: argparse.Namespace) -> int:
    from generator.pipeline import generate, site_config

    def run() -> list[str]:
        config = site_config(args.config)
        return [generate(args.seeds, args.docs or config.docs_dir, args.registry, args.strict, config.site_name)]

    return _reporting(run, args.docs or Path("docs"))


def _site(args: argparse.Namespace) -> int:
    from generator.pipeline import make_site

    return _reporting(lambda: make_site(args.seeds, args.config, args.site, args.registry, args.strict), args.site)


def _check(args: argparse.Namespace) -> int:
    from generator.pipeline import site_config, verify

    return _reporting(lambda: [verify(args.seeds, args.docs or site_config(args.config).docs_dir)], args.docs)


def _agencies(args: argparse.Namespace) -> int:
    from generator.errors import Warnings
    from generator.load import seed_files
    from generator.match import join_report
    from generator.pipeline import load_bulletins
    from generator.registry import load_registry

    def run() -> list[str]:
        registry = load_registry(args.registry)
        warnings = Warnings()
        bulletins = [bulletin for _, bulletin in load_bulletins(seed_files(args.seeds), registry, warnings)]
        for diagnostic in warnings.items:
            print(diagnostic, file=sys.stderr)
        return join_report(bulletins, registry)

    return _reporting(run, None)


def _reporting(run: Callable[[], list[str]], output: Path | None) -> int:
    """Print what `run` says it did; any failure as one line per problem and exit status 1."""
    try:
        lines = run()
    except InputError as exc:
        lines, failed = [str(exc.diagnostic)], True
    except StepFailed as exc:
        lines, failed = exc.lines, True
    except DataError as exc:
        lines, failed = [f"error: {exc}"], True
    except OSError as exc:  # an unwritable docs/, a full disk: the writer has taken back what it wrote
        lines, failed = [f"{exc.filename or output}: error: {exc.strerror or exc}"], True
    else:
        failed = False
    for line in lines:
        print(line, file=sys.stderr if failed else sys.stdout)
    return int(failed)


def _serve(args: argparse.Namespace) -> int:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    if _build(args):
        return 1
    changed = threading.Event()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if not event.is_directory and event.event_type != "opened" and event.event_type != "closed_no_write":
                changed.set()

    observer = Observer()
    observer.schedule(Changed(), str(args.seeds))
    observer.schedule(Changed(), str(args.registry.parent))
    observer.start()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(args.config), "--dev-addr", "127.0.0.1:8000"]
    )
    try:
        while server.poll() is None:
            if changed.wait(timeout=1):
                changed.clear()
                _build(args)  # mkdocs serve sees the changed pages and reloads
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.terminate()
        server.wait()
        observer.join()
    return 0
