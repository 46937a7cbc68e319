"""Fuzzing: generated bulletins round-trip; arbitrary and mutated seeds build or are refused cleanly.

Run `pytest tests/test_fuzz.py -s` to see how many inputs each part ran.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import random
import re
import shutil
import tempfile
from collections import Counter
from html import unescape
from pathlib import Path

import frontmatter
import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check
from generator.cli import generate
from generator.errors import InputError, Warnings
from generator.match import build_archive
from generator.parse import chinese_number, parse_bulletin
from generator.registry import REGISTRY_PATH
from generator.render import render_site
from tests.fuzz_strategies import (
    FRAGMENTS,
    MUTATIONS,
    REGISTRY,
    GeneratedBulletin,
    bulletin,
    doc,
    item,
    mutant,
    numeral,
    rubbish,
    rubbish_line,
)
from tests.helpers import SEEDS

ACTIVITY = re.compile(r'<li id="a-\d+">(.*?)</li>')
ONE_LINE_ERROR = re.compile(r"^(?P<path>[^\n]+):(?P<line>\d+): error: [^\n]+$")
DIAGNOSTIC = re.compile(r"^[^\n]+:\d+: (?:warning|note): [^\n]+$")
# What markup in an attachment must never turn into on a page.
FORBIDDEN = re.compile(r"<script|<img|<iframe|<em>|<strong>|<code>|<h[1-6] id=\"h|href=\"javascript:|\{\{|\{%", re.I)
# Inputs run, by part: printed at the end of the module, and checked against what was planned.
RUNS: Counter[str] = Counter()
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def squash(text: str) -> str:
    return "".join(text.split())


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def quietly_generate(seeds: Path, docs: Path, strict: bool) -> tuple[str, list[str]]:
    """generate(), its diagnostics on stderr collected as lines."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        summary = generate(seeds, docs, REGISTRY_PATH, strict=strict)
    return summary, stderr.getvalue().splitlines()


def assert_clean_refusal(refusal: InputError, data: bytes) -> None:
    message = str(refusal)
    match = ONE_LINE_ERROR.match(message)
    assert match, f"not a one-line FILE:LINE: error: {message!r}"
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    assert 1 <= int(match["line"]) <= lines, f"line {match['line']} of a {lines}-line file: {message}"


# --- 1. generated bulletins -------------------------------------------------------------------


def test_numerals_agree_with_the_parser():
    assert [numeral(n) for n in (1, 10, 11, 20, 99, 100, 103, 110, 222)] == [
        "一", "十", "十一", "二十", "九十九", "一百", "一百零三", "一百一十", "二百二十二"
    ]  # fmt: skip
    assert all(chinese_number(numeral(n)) == n for n in range(1, 1000))


def round_trip(generated: GeneratedBulletin) -> dict[str, str]:
    """Parse, match and render the bulletin; check every item's page against what was drawn."""
    parsed = parse_bulletin(doc(generated.text), REGISTRY, Warnings())
    assert [i.agency for i in parsed.items] == [i.agency for i in generated.items]
    archive = build_archive([parsed], REGISTRY, Warnings())
    files = render_site(archive, {parsed.id: generated.text})
    folder = f"bulletins/{parsed.id}/"
    pages = [p for p in files if p.startswith(folder) and p.count("/") == 2 and p.endswith(".md")]
    assert len(pages) == len(generated.items) + 1  # and the bulletin's index.md
    assert len(archive.entries) == len(generated.items)
    for number, (entry, drawn) in enumerate(zip(archive.entries, generated.items, strict=True), start=1):
        post = frontmatter.loads(files[entry.path])
        assert (post["agency"], post["order"], post["year"]) == (drawn.agency, number, generated.year)
        shown = "".join(unescape(a) for a in ACTIVITY.findall(post.content))
        assert squash(shown) == squash(drawn.text)
    return files


def assert_markup_stayed_data(files: dict[str, str]) -> None:
    for path, content in files.items():
        if path.endswith(".json"):
            json.loads(content)
        if not path.endswith(".md"):
            continue
        post = frontmatter.loads(content)  # the front matter is valid YAML
        shown = markdown.markdown(post.content, extensions=["attr_list", "tables", "toc"])
        found = FORBIDDEN.search(shown)
        assert found is None, f"{path}: {found[0]!r} in {shown[max(0, found.start() - 80) : found.end() + 80]!r}"


@settings(FAST, max_examples=150)
@given(bulletin)
def test_generated_bulletins_round_trip(generated: GeneratedBulletin):
    RUNS["generated bulletins, parse → render → re-read"] += 1
    assert_markup_stayed_data(round_trip(generated))


@settings(FAST, max_examples=8)
@given(st.lists(item, min_size=1, max_size=3), st.integers(99, 125), st.integers(2000, 2099))
def test_numbering_past_ninety_nine(items, count, year):
    RUNS["generated bulletins of 99-125 items"] += 1
    generated = GeneratedBulletin(year, "全国", True, "", tuple(items[n % len(items)] for n in range(count)))
    assert f"\n\n{numeral(count)}、" in generated.text
    round_trip(generated)


@settings(FAST, max_examples=40)
@given(bulletin)
def test_generated_bulletins_build_and_pass_the_conservation_check(generated: GeneratedBulletin):
    """Through the command's path (reader, clean-up, writer): the build passes `check`."""
    RUNS["generated bulletins, generate() + check()"] += 1
    with tempfile.TemporaryDirectory() as scratch:
        seeds, docs = Path(scratch, "seeds"), Path(scratch, "docs")
        seeds.mkdir()
        (seeds / "generated.txt").write_text(generated.text, encoding="utf-8")
        _, diagnostics = quietly_generate(seeds, docs, strict=False)
        assert all(DIAGNOSTIC.match(line) for line in diagnostics), diagnostics
        assert [str(problem) for problem in check(sorted(seeds.iterdir()), docs)] == []


# --- 2. arbitrary text ------------------------------------------------------------------------


def _sprinkled(text: str, extra: list[str], where: list[int]) -> str:
    lines = text.split("\n")
    for line, at in zip(extra, where, strict=False):
        lines.insert(at % (len(lines) + 1), line)
    return "\n".join(lines)


anything = st.one_of(
    rubbish,
    st.builds(
        _sprinkled,
        bulletin.map(lambda b: b.text),
        st.lists(rubbish_line, max_size=4),
        st.lists(st.integers(0, 10_000), min_size=4, max_size=4),
    ),
    st.builds(lambda head, rest: head + "\n\n" + rest, st.sampled_from(FRAGMENTS[:2]), rubbish),
)


@settings(FAST, max_examples=150)
@given(anything, st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]), st.booleans())
def test_arbitrary_text_builds_or_is_refused_cleanly(text: str, encoding: str, strict: bool):
    RUNS["arbitrary text, generate()"] += 1
    data = text.encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as scratch:
        seeds, docs = Path(scratch, "seeds"), Path(scratch, "docs")
        seeds.mkdir()
        (seeds / "any.txt").write_bytes(data)
        try:
            _, diagnostics = quietly_generate(seeds, docs, strict)
        except InputError as refusal:
            assert_clean_refusal(refusal, data)
            assert not docs.exists() or tree(docs) == {}
            return
        assert all(DIAGNOSTIC.match(line) for line in diagnostics), diagnostics
        assert [str(problem) for problem in check(sorted(seeds.iterdir()), docs)] == []


# --- 3. mutated seeds -------------------------------------------------------------------------

RUNS_PER_KIND = 140
UTF8_ONLY = {"delete", "duplicate", "split", "join", "truncate", "bytes", "chars", "bom"}
ORIGINALS = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in ORIGINALS}


@pytest.fixture(scope="module")
def good_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/ generated from the two unchanged seeds."""
    docs = tmp_path_factory.mktemp("good") / "docs"
    quietly_generate(SEEDS, docs, strict=True)
    return docs


@pytest.mark.parametrize("kind", MUTATIONS)
def test_mutated_seeds_build_or_are_refused_cleanly(tmp_path: Path, good_docs: Path, kind: str):
    rng = random.Random(f"zhiliangyue-fuzz-{kind}")
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    shutil.copytree(good_docs, docs)
    state = tree(docs)
    outcomes: Counter[str] = Counter()
    for run in range(RUNS_PER_KIND):
        target, other = ORIGINALS[run % 2], ORIGINALS[(run + 1) % 2]
        for old in seeds.iterdir():
            old.unlink()
        if run % 3:  # mostly beside the other, unchanged seed; alone every third run
            shutil.copy(other, seeds / other.name)
        data = mutant(TEXTS[target.name], rng, kind)
        (seeds / target.name).write_bytes(data)
        strict = run % 4 == 0
        case = f"{kind} run {run} ({target.name}, strict={strict})"
        try:
            _, diagnostics = quietly_generate(seeds, docs, strict)
        except InputError as refusal:
            assert_clean_refusal(refusal, data)
            assert tree(docs) == state, f"{case}: refused, but docs/ changed"
            outcomes["refused"] += 1
        else:
            assert all(DIAGNOSTIC.match(line) for line in diagnostics), (case, diagnostics)
            if kind in UTF8_ONLY:  # corrupted UTF-8 is refused, never read as GB18030 mojibake
                assert not [line for line in diagnostics if "decoded as" in line], (case, diagnostics)
            state = tree(docs)
            problems = check(sorted(seeds.iterdir()), docs)
            assert [str(p) for p in problems] == [], case
            outcomes["built"] += 1
        RUNS[f"mutants: {kind}"] += 1
    assert outcomes.total() == RUNS_PER_KIND
    print(f"\n{kind}: {RUNS_PER_KIND} mutants, {outcomes['built']} built, {outcomes['refused']} refused")


def test_every_planned_input_ran():
    """Last in the module: totals of the parts above (run the whole module to get them)."""
    if not all(RUNS[f"mutants: {kind}"] for kind in MUTATIONS):
        pytest.skip("the mutation tests did not all run")
    mutants = sum(RUNS[f"mutants: {kind}"] for kind in MUTATIONS)
    assert mutants >= RUNS_PER_KIND * len(MUTATIONS)
    print("\ninputs run:")
    for part, count in RUNS.items():
        print(f"  {count:5d}  {part}")
    print(f"  {sum(RUNS.values()):5d}  in all ({mutants} mutants of the seeds)")
