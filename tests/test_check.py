"""The conservation check: raw seed lines, less exactly the lines the build recorded as removed."""

from dataclasses import replace
from pathlib import Path

import pytest

from generator import clean
from generator.check import check
from generator.load import seed_files
from generator.pipeline import generate
from generator.registry import REGISTRY_PATH
from tests.helpers import MESSY, SITE_NAME, make_project

FUJIAN = "docs/bulletins/2025-fujian"


def build(work: Path) -> list[str]:
    """Generate docs/ (warnings allowed: the messy seed has artefacts), then check it."""
    generate(work / "seeds", work / "docs", REGISTRY_PATH, False, SITE_NAME)
    return [str(problem) for problem in check(seed_files(work / "seeds"), work / "docs")]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    work = make_project(tmp_path)
    (work / "seeds" / "messy.txt").write_text(MESSY, encoding="utf-8")
    return work


def test_the_removed_lines_are_recorded_and_subtracted(work: Path):
    assert build(work) == []
    page = (work / FUJIAN / "index.md").read_text(encoding="utf-8")
    assert "\nremoved: [1, 9, 11, 23, 29]\n" in page
    assert "removed:" not in (work / "docs/bulletins/2024-national/index.md").read_text(encoding="utf-8")


def test_a_content_line_the_remover_drops_unreported_is_caught(work: Path, monkeypatch):
    """clean.py drops 宣传周”活动。 (line 13, the end of item 一, cut by a page break) and reports
    only the artefacts: the page lacks the line, and the check, reading the raw seed, says so."""

    def dropping(doc):
        cleaned, removed = clean.remove_artefacts(doc)
        if not doc.path.endswith("messy.txt"):
            return cleaned, removed
        lines = tuple(line for line in cleaned.lines if line.number != 13)
        return replace(cleaned, lines=lines), removed

    monkeypatch.setattr("generator.load.remove_artefacts", dropping)
    problems = build(work)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"seeds/messy.txt:7: error: {FUJIAN}/market-regulation.md differs from the source")
    assert "source has '宣传周”活动。'" in problems[0]


def test_a_line_the_build_does_not_record_as_removed_is_content(work: Path):
    assert build(work) == []
    index = work / FUJIAN / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("removed: [1, 9, 11, 23, 29]", "removed: [1, 11, 23, 29]")
    )
    problems = [str(p) for p in check(seed_files(work / "seeds"), work / "docs")]
    assert problems == [
        f"seeds/messy.txt:7: error: {FUJIAN}/market-regulation.md differs from the source at character 20: "
        "source has '—1—宣传周”活动。', page has '宣传周”活动。'"
    ]


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        (
            lambda text: text.replace("第 2 页", "第 3 页"),
            f"{FUJIAN}/source.txt:23: error: differs from seeds/messy.txt:23",
        ),
        (lambda text: text + "x", f"{FUJIAN}/source.txt:30: error: differs from seeds/messy.txt:30"),
        (None, f"{FUJIAN}/source.txt:1: error: missing: it should hold the text of seeds/messy.txt"),
    ],
)
def test_source_txt_is_the_seed_as_read(work: Path, tamper, problem: str):
    assert build(work) == []
    source = work / FUJIAN / "source.txt"
    assert source.read_text(encoding="utf-8") == MESSY
    if tamper:
        source.write_text(tamper(MESSY), encoding="utf-8")
    else:
        source.unlink()
    assert [str(p) for p in check(seed_files(work / "seeds"), work / "docs")] == [problem]


def test_a_seed_without_its_bulletin_page_is_a_problem(work: Path):
    assert build(work) == []
    (work / FUJIAN / "index.md").unlink()
    problems = [str(p) for p in check(seed_files(work / "seeds"), work / "docs")]
    assert problems[0] == "seeds/messy.txt:1: error: no bulletin page in docs/ names this seed"
    assert len(problems) == 4  # and items 一, 三, 四: their page numbers now count as text


def test_a_bulletin_page_with_unreadable_removed_lines_is_a_problem(work: Path):
    assert build(work) == []
    index = work / FUJIAN / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("removed: [1, 9", 'removed: ["1", 9'))
    problems = [str(p) for p in check(seed_files(work / "seeds"), work / "docs")]
    assert problems[0] == (
        f'{FUJIAN}/index.md:1: error: front matter needs `source: "FILE"`, `bulletin: "ID"` and `removed: [LINE, …]`'
    )
