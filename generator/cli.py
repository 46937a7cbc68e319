"""Command line: `python -m generator build|check|site|serve|inputs|agencies`.

The steps are imported by the command that runs them, so `--help` starts at once.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from generator.engines import ENGINES
from generator.errors import DataError, InputError, Interrupted, StepFailed
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
    site.add_argument(
        "--engine", choices=ENGINES, default="mkdocs", help="site builder (default: mkdocs; generator/engines.py)"
    )
    site.add_argument(
        "--full", action="store_true", help="render every page, not only those changed since site/ was built"
    )
    serve = add("serve", _serve, "build, then serve on 127.0.0.1:8000, rebuilding when a seed changes")
    generating(docs(serve))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    add("inputs", _inputs, "print the hash of what every page depends on (CI keys its build cache on it)")
    agencies = add("agencies", _agencies, "list every agency in seeds/ with its family and how it joined it")
    agencies.add_argument("--registry", type=Path, default=REGISTRY_PATH, help="agency registry (YAML)")
    return parser


def _build(args: argparse.Namespace) -> int:
    return _reporting(args, lambda: [_generate(args)], args.docs or Path("docs"))


def _generate(args: argparse.Namespace) -> str:
    from generator.pipeline import generate, site_config

    config = site_config(args.config)
    return generate(args.seeds, args.docs or config.docs_dir, args.registry, args.strict, config.site_name)


def _site(args: argparse.Namespace) -> int:
    from generator.pipeline import make_site

    def run() -> list[str]:
        return make_site(args.seeds, args.config, args.site, args.registry, args.strict, args.engine, args.full)

    return _reporting(args, run, args.site)


def _check(args: argparse.Namespace) -> int:
    from generator.pipeline import site_config, verify

    def run() -> list[str]:
        return [verify(args.seeds, args.docs or site_config(args.config).docs_dir)]

    return _reporting(args, run, args.docs, locked=False)


def _inputs(args: argparse.Namespace) -> int:
    from generator.sitebuild import inputs_hash

    return _reporting(args, lambda: [inputs_hash(args.config)], None, locked=False)


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

    return _reporting(args, run, None, locked=False)


def _reporting(args: argparse.Namespace, run: Callable[[], list[str]], output: Path | None, locked: bool = True) -> int:
    """Run a command, under the checkout's lock if it writes (generator/runs.py); exit status 0, 1
    on a failure, 128 + the signal that stopped it, each said in one line."""
    from generator.runs import one_run

    def in_turn() -> list[str]:
        with one_run(args.config.parent, _command_line()):
            _remove_leftovers(args)
            return run()

    try:
        return _report(in_turn if locked else run, output)
    except Interrupted as stop:
        outcome = stop.done or "kept as it was"
        print(f"{output}: error: interrupted by {stop.name}; {outcome}", file=sys.stderr)
        return stop.status


def _report(run: Callable[[], list[str]], output: Path | None) -> int:
    """Print what `run` says it did; any failure as one line per problem and exit status 1."""
    try:
        lines = run()
    except (InputError, DataError) as exc:
        lines, failed = [str(exc.diagnostic)], True
    except StepFailed as exc:
        lines, failed = exc.lines, True
    except OSError as exc:  # an unwritable docs/, a full disk: the writer has taken back what it wrote
        lines, failed = [f"{exc.filename or output}: error: {exc.strerror or exc}"], True
    else:
        failed = False
    for line in lines:
        print(line, file=sys.stderr if failed else sys.stdout)
    return int(failed)


def _remove_leftovers(args: argparse.Namespace) -> None:
    """Say what a killed run left and the lock now lets us remove (pipeline.remove_leftovers)."""
    from generator.pipeline import remove_leftovers, site_config

    try:
        docs = getattr(args, "docs", None) or site_config(args.config).docs_dir
    except InputError:
        return  # the command reports the config itself
    for note in remove_leftovers(docs, getattr(args, "site", None)):
        print(note, file=sys.stderr)


def _command_line() -> str:
    """This command as typed, for the lock file: `python -m generator site --strict`."""
    return " ".join(["python -m generator", *sys.argv[1:]])


def _serve(args: argparse.Namespace) -> int:
    return _reporting(args, lambda: _serving(args), args.docs or Path("docs"))


def _serving(args: argparse.Namespace) -> list[str]:
    """Build, then `mkdocs serve` (stopped with this process, however it ends), rebuilding when a
    seed or the registry changes, until the server ends or a signal stops both."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from generator import runs

    print(_generate(args))  # bad input: the command fails, with nothing to serve
    changed = threading.Event()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if not event.is_directory and event.event_type != "opened" and event.event_type != "closed_no_write":
                changed.set()

    observer = Observer()
    observer.schedule(Changed(), str(args.seeds))
    observer.schedule(Changed(), str(args.registry.parent))
    observer.start()
    arguments = ["serve", "-f", str(args.config.resolve()), "--dev-addr", args.dev_addr]
    server = runs.start("mkdocs", arguments, cwd=args.config.parent)
    try:
        while server.process.poll() is None:
            if changed.wait(timeout=1):
                changed.clear()
                _rebuild(args)  # mkdocs serve sees the changed pages and reloads
    finally:
        server.stop()
        observer.stop()
        observer.join()
    if server.process.returncode:
        raise StepFailed([f"{args.config}:1: error: mkdocs serve failed (exit {server.process.returncode})"])
    return ["serve: mkdocs serve ended"]


def _rebuild(args: argparse.Namespace) -> None:
    """One rebuild while serving: bad input is reported and the server keeps the pages it has."""
    _report(lambda: [_generate(args)], args.docs or Path("docs"))
