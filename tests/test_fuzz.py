"""Fuzzing: generated bulletins round-trip; arbitrary and mutated seeds build or are refused cleanly.

Run `pytest tests/test_fuzz.py -s` to see how many inputs each part ran. Strategies and
mutations are in tests/fuzz_strategies.py. Bugs found and not yet fixed are kept at the end
as strict xfails, each with its smallest input.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import posixpath
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
    front_matter,
    item,
    mutant,
    numeral,
    rubbish,
    rubbish_line,
)
from tests.helpers import SEEDS

ACTIVITY = re.compile(r'<li id="a-\d+">(.*?)</li>')
LINK = re.compile(r"\]\(([^()\s]+)\)")
ONE_LINE_ERROR = re.compile(r"^(?P<path>[^\n]+):(?P<line>\d+): error: [^\n]+$")
DIAGNOSTIC = re.compile(r"^[^\n]+:\d+: (?:warning|note): [^\n]+$")
# What markup in an attachment must never turn into on a page.
FORBIDDEN = re.compile(r"<script|<img|<iframe|<em>|<strong>|<code>|<h[1-6] id=\"h\"|href=\"javascript:|\{\{|\{%", re.I)
BOM = b"\xef\xbb\xbf"
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


def generated_files(docs: Path) -> dict[str, str]:
    """What the generator owns in docs/, as render_site returned it."""
    return {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for top in ("index.md", "bulletins", "agencies", "api")
        for p in ([docs / top] if top.endswith(".md") else sorted((docs / top).rglob("*")))
        if p.is_file()
    }


def quietly_generate(seeds: Path, docs: Path, strict: bool) -> list[str]:
    """generate(); the diagnostics it prints on stderr, as lines."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        generate(seeds, docs, REGISTRY_PATH, strict=strict)
    return stderr.getvalue().splitlines()


def line_of(data: bytes, position: int) -> int:
    return data[:position].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def decode_error_line(data: bytes, message: str) -> int | None:
    """The line of the first byte that makes a file undecodable, for the reader's two refusals."""
    try:
        if "neither UTF-8 nor GB18030" in message:
            data[len(BOM) :].decode("utf-8") if data.startswith(BOM) else data.decode("utf-8")
        elif "invalid GB18030 byte sequence" in message:
            data.decode("gb18030")
        else:
            return None
    except UnicodeDecodeError as exc:
        return line_of(data, exc.start + (len(BOM) if data.startswith(BOM) and "UTF-8" in message else 0))
    raise AssertionError(f"refused as undecodable, but it decodes: {message}")


def wrong_line_is_a_known_bug(data: bytes) -> bool:
    """Decode refusals count only \\n before the bad byte, and after a BOM count from the wrong place."""
    return data.startswith(BOM) or b"\r" in data.replace(b"\r\n", b"")


def assert_clean_refusal(refusal: InputError, data: bytes) -> None:
    message = str(refusal)
    match = ONE_LINE_ERROR.match(message)
    assert match, f"not a one-line FILE:LINE: error: {message!r}"
    line, lines = int(match["line"]), line_of(data, len(data))
    assert 1 <= line <= lines, f"line {line} of a {lines}-line file: {message}"
    expected = decode_error_line(data, message)
    if expected is not None and not wrong_line_is_a_known_bug(data):
        assert line == expected, f"the first undecodable byte is on line {expected}: {message}"


def assert_site_consistent(files: dict[str, str]) -> None:
    """Every page's front matter is YAML, every link leads to a page, every page is where it says it is."""
    posts = {path: frontmatter.loads(content) for path, content in files.items() if path.endswith(".md")}
    for path, content in files.items():
        if path.endswith(".json"):
            json.loads(content)
    for path, post in posts.items():
        for target in LINK.findall(post.content):
            file, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file)) if file else path
            assert resolved in files, f"{path}: link {target} leads nowhere"
            if anchor:
                assert "{#" + anchor in posts[resolved].content, f"{path}: link {target}: no such heading"
        parts = path.split("/")
        if parts[0] == "bulletins" and len(parts) == 3:
            assert post["bulletin"] == parts[1], path
            if parts[2] != "index.md":  # an item's page: its family has a page of its own
                family = posts[f"agencies/{post['agency_id']}.md"]
                assert family.get("agency_id") == post["agency_id"], f"{path}: family page is {family.metadata}"
        if parts[0] == "agencies" and len(parts) == 2 and parts[1] != "index.md":
            assert post["agency_id"] == parts[1].removesuffix(".md"), path


def assert_markup_stayed_data(files: dict[str, str]) -> None:
    for path, content in files.items():
        if path.endswith(".md"):
            shown = markdown.markdown(frontmatter.loads(content).content, extensions=["attr_list", "tables", "toc"])
            found = FORBIDDEN.search(shown)
            assert found is None, f"{path}: {found[0]!r} in {shown[max(0, found.start() - 80) : found.end() + 80]!r}"


# --- 1. generated bulletins -------------------------------------------------------------------


def test_numerals_agree_with_the_parser():
    assert [numeral(n) for n in (1, 10, 11, 20, 99, 100, 103, 110, 222)] == [
        "一", "十", "十一", "二十", "九十九", "一百", "一百零三", "一百一十", "二百二十二"
    ]  # fmt: skip
    assert all(chinese_number(numeral(n)) == n for n in range(1, 1000))


def round_trip(generated: list[GeneratedBulletin]) -> dict[str, str]:
    """Parse, match and render the bulletins; check every item's page against what was drawn."""
    parsed = [parse_bulletin(doc(g.text, f"{n}.txt"), REGISTRY, Warnings()) for n, g in enumerate(generated)]
    for bulletin_, drawn in zip(parsed, generated, strict=True):
        assert [i.agency for i in bulletin_.items] == [i.agency for i in drawn.items]
    archive = build_archive(parsed, REGISTRY, Warnings())
    files = render_site(archive, {b.id: g.text for b, g in zip(parsed, generated, strict=True)})
    drawn_items = {(b.id, n): i for b, g in zip(parsed, generated, strict=True) for n, i in enumerate(g.items, 1)}
    assert len(archive.entries) == len(drawn_items)
    pages = [p for p in files if p.startswith("bulletins/") and p.count("/") == 2 and p.endswith(".md")]
    assert len(pages) == len(drawn_items) + len(parsed)  # and each bulletin's index.md
    for entry in archive.entries:
        drawn = drawn_items[entry.bulletin.id, entry.item.order]
        post = frontmatter.loads(files[entry.path])
        assert (post["agency"], post["year"]) == (drawn.agency, entry.bulletin.year)
        assert (post["campaigns"], post["partners"]) == (list(entry.item.campaigns), list(entry.item.partners))
        shown = "".join(unescape(a) for a in ACTIVITY.findall(post.content))
        assert squash(shown) == squash(drawn.text)
    assert_site_consistent(files)
    return files


@settings(FAST, max_examples=150)
@given(bulletin)
def test_generated_bulletins_round_trip(generated: GeneratedBulletin):
    RUNS["generated bulletins: parse → render → re-read"] += 1
    assert_markup_stayed_data(round_trip([generated]))


@settings(FAST, max_examples=8)
@given(st.lists(item, min_size=1, max_size=3), st.integers(99, 125), st.integers(2000, 2099))
def test_numbering_past_ninety_nine(items, count, year):
    """A family with more than 60 entries gets a page per year, too."""
    RUNS["generated bulletins of 99-125 items"] += 1
    generated = GeneratedBulletin(year, "全国", True, "", tuple(items[n % len(items)] for n in range(count)))
    assert f"\n\n{numeral(count)}、" in generated.text or f"**{numeral(count)}" in generated.text
    round_trip([generated])


DISTINCT_REGIONS = ["全国", "福建省", "莆田", "仙游县", "城厢区", "上海市", "新疆维吾尔自治区", "厦门", "内蒙古"]


@settings(FAST, max_examples=4)
@given(st.lists(item, min_size=1, max_size=3), st.integers(61, 75), st.randoms(use_true_random=False))
def test_more_bulletins_than_one_index_page_holds(items, count, rng):
    RUNS["archives of 61-75 generated bulletins"] += 1
    keys = rng.sample([(year, region) for year in range(2000, 2100) for region in DISTINCT_REGIONS], count)
    generated = [
        GeneratedBulletin(year, region, False, "", tuple(items[(n + k) % len(items)] for k in range(1 + n % 2)))
        for n, (year, region) in enumerate(keys)
    ]
    files = round_trip(generated)
    assert any(re.fullmatch(r"bulletins/\d{4}\.md", path) for path in files)


def build_in_scratch(data: bytes, strict: bool) -> tuple[dict[str, str] | None, InputError | None]:
    """generate() on one seed in a scratch folder: the files it wrote, or its refusal."""
    with tempfile.TemporaryDirectory() as scratch:
        seeds, docs = Path(scratch, "seeds"), Path(scratch, "docs")
        seeds.mkdir()
        (seeds / "any.txt").write_bytes(data)
        try:
            diagnostics = quietly_generate(seeds, docs, strict)
        except InputError as refusal:
            assert_clean_refusal(refusal, data)
            assert not docs.exists() or tree(docs) == {}
            return None, refusal
        assert all(DIAGNOSTIC.match(line) for line in diagnostics), diagnostics
        assert [str(problem) for problem in check(sorted(seeds.iterdir()), docs)] == []
        files = generated_files(docs)
    assert_site_consistent(files)
    return files, None


@settings(FAST, max_examples=40)
@given(bulletin, st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]), st.sampled_from(["\n", "\r\n", "\r"]))
def test_generated_bulletins_build_and_pass_the_conservation_check(generated, encoding, line_end):
    """Through the command's path (reader, clean-up, writer): the build passes `check`."""
    RUNS["generated bulletins: generate() + check()"] += 1
    files, refusal = build_in_scratch(generated.text.replace("\n", line_end).encode(encoding), strict=False)
    assert refusal is None
    assert_markup_stayed_data(files)


# --- 2. arbitrary text and front matter -------------------------------------------------------


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
    RUNS["arbitrary text: generate()"] += 1
    build_in_scratch(text.encode(encoding, errors="replace"), strict)


@settings(FAST, max_examples=100)
@given(front_matter, st.one_of(bulletin.map(lambda b: b.text), st.sampled_from(sorted(SEEDS.glob("*.txt")))))
def test_front_matter_builds_or_is_refused_cleanly(meta: str, rest):
    RUNS["front matter + bulletin: generate()"] += 1
    text = meta + (rest.read_text(encoding="utf-8") if isinstance(rest, Path) else rest)
    files, _ = build_in_scratch(text.encode("utf-8"), strict=False)
    if files:
        assert_markup_stayed_data(files)


# --- 3. mutated seeds -------------------------------------------------------------------------

RUNS_PER_KIND = 130
ORIGINALS = sorted(SEEDS.glob("*.txt"))
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in ORIGINALS}
UTF8_ONLY = {"delete", "duplicate", "split", "join", "truncate", "bytes", "chars", "bom"}


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
            diagnostics = quietly_generate(seeds, docs, strict)
        except InputError as refusal:
            assert_clean_refusal(refusal, data)
            assert tree(docs) == state, f"{case}: refused, but docs/ changed"
            outcomes["refused"] += 1
        else:
            assert all(DIAGNOSTIC.match(line) for line in diagnostics), (case, diagnostics)
            if kind in UTF8_ONLY:  # corrupted UTF-8 is refused, never read as GB18030 mojibake
                assert not [line for line in diagnostics if "decoded as" in line], (case, diagnostics)
            state = tree(docs)
            assert [str(p) for p in check(sorted(seeds.iterdir()), docs)] == [], case
            outcomes["built"] += 1
        RUNS[f"mutants: {kind}"] += 1
    assert outcomes.total() == RUNS_PER_KIND
    print(f"\n{kind}: {RUNS_PER_KIND} mutants, {outcomes['built']} built, {outcomes['refused']} refused")


# --- 4. bugs found, kept until fixed ----------------------------------------------------------

TITLE_AND_ITEM = "2024 年全国“质量月”\n\n一、公安部开展甲。\n"


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="bug: family id `index` overwrites agencies/index.md")
def test_an_agency_whose_family_id_is_index_keeps_its_family_page():
    text = "2025 年全国“质量月”\n\n一、index局开展甲。\n"
    parsed = parse_bulletin(doc(text), REGISTRY, Warnings())
    assert_site_consistent(render_site(build_archive([parsed], REGISTRY, Warnings()), {parsed.id: text}))


@pytest.mark.xfail(strict=True, raises=(ValueError, RecursionError, AttributeError, KeyError), reason="bug: traceback")
@pytest.mark.parametrize(
    "entry",
    [
        "published: 2024-13-45",  # ValueError: month must be in 1..12
        "published: 2024-08-30 25:00:00",  # ValueError: hour must be in 0..23
        "year: !!int abc",  # ValueError
        "year: !!float abc",  # ValueError
        "year: " + "9" * 5000,  # ValueError: Exceeds the limit (4300 digits)
        "published: !!timestamp x",  # AttributeError
        "notice: !!bool x",  # KeyError
        "notice: " + "[" * 1000,  # RecursionError
    ],
    ids=["month-13", "hour-25", "int-tag", "float-tag", "5000-digits", "timestamp-tag", "bool-tag", "deep-nesting"],
)
def test_front_matter_pyyaml_cannot_construct_is_refused(entry: str):
    data = f"---\n{entry}\n---\n{TITLE_AND_ITEM}".encode()
    files, refusal = build_in_scratch(data, strict=False)
    assert refusal is not None and refusal.diagnostic.line == 2


@pytest.mark.parametrize(
    "line_end",
    ["\n", pytest.param("\r", marks=pytest.mark.xfail(strict=True, reason="bug: lone CR not counted as a line end"))],
)
@pytest.mark.parametrize("bom", [False, pytest.param(True, marks=pytest.mark.xfail(strict=True, reason="bug: BOM"))])
def test_undecodable_byte_is_reported_on_its_line(line_end: str, bom: bool):
    data = (BOM if bom else b"") + (TITLE_AND_ITEM + "\n").replace("\n", line_end).encode() + b"\xff\xfe\n"
    _, refusal = build_in_scratch(data, strict=False)
    assert refusal is not None and "neither UTF-8 nor GB18030" in str(refusal)
    assert refusal.diagnostic.line == 5


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
