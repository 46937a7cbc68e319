import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import MESSY, generate_docs, make_project, run, tree


@pytest.fixture
def work(tmp_path: Path) -> Path:
    work = make_project(tmp_path)
    generate_docs(work)
    return work


COMMANDS = ("build", "check", "site", "serve", "inputs", "agencies")


def _help(capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as exit:
        main([*args, "--help"])
    assert exit.value.code == 0, args
    return capsys.readouterr().out


def test_help_documents_the_commands(capsys):
    listed = re.findall(r"^ {4}(\w+) +\S", _help(capsys), re.M)
    assert tuple(listed) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_its_help(capsys, command: str):
    out = _help(capsys, command)
    assert out.startswith(f"usage: python -m generator {command} ")
    assert "--seeds SEEDS" in out


def test_build_succeeds_and_says_what_it_did(work: Path):
    result = run("build", "--seeds", "seeds", "--docs", "docs", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "2 bulletins, 47 agency pages, 26 families: 0 files written" in result.stdout


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", "bad.txt:1: error: file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "bad.txt:1: error: not a text file"),
        ("附件 1\n\n一、公安部开展甲。\n".encode(), "bad.txt:1: error: no title with a year and 质量月"),
        ("2030 年全国“质量月”\n\n说明。\n".encode(), "bad.txt:1: error: no numbered items"),
    ],
)
def test_bad_input_is_one_line_nonzero_and_leaves_docs_alone(work: Path, content: bytes, error: str):
    before = tree(work / "docs")
    (work / "seeds" / "bad.txt").write_bytes(content)
    result = run("build", "--seeds", "seeds", "--docs", "docs", cwd=work)
    assert result.returncode == 1
    assert result.stderr.startswith("seeds/" + error)
    assert result.stderr.count("\n") == 1
    assert tree(work / "docs") == before


def test_strict_turns_warnings_into_errors(work: Path):
    (work / "seeds" / "new.txt").write_text("2030 年全国“质量月”\n\n一、国家数据局组织赛事。\n", encoding="utf-8")
    before = tree(work / "docs")
    strict = run("build", "--strict", cwd=work)
    assert strict.returncode == 1
    assert "seeds/new.txt:3: error: 1 warning(s) with --strict" in strict.stderr
    assert tree(work / "docs") == before
    relaxed = run("build", cwd=work)
    assert relaxed.returncode == 0
    assert "seeds/new.txt:3: warning: agency 国家数据局 is not in the registry" in relaxed.stderr


def test_check_proves_conservation_and_catches_a_tampered_page(work: Path):
    assert run("check", cwd=work).returncode == 0
    page = work / "docs/bulletins/2024-national/public-security.md"
    page.write_text(page.read_text(encoding="utf-8").replace("依法严厉打击", "依法打击"), encoding="utf-8")
    result = run("check", cwd=work)
    assert result.returncode == 1
    assert "seeds/004_390caa016548901d.txt:17: error: docs/bulletins/2024-national/public-security.md differs" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("before", "after", "problem"),
    [
        ('agency: "公安部"', 'agency: "公安厅"', "public-security.md differs from the source"),
        (':17"', ':18"', "item has no generated page"),
        (':17"', ':x"', 'public-security.md:1: error: front matter needs `agency: "…"` and `source: "FILE:LINE"`'),
    ],
)
def test_check_reads_agency_and_source_from_the_front_matter(work: Path, before: str, after: str, problem: str):
    page = work / "docs/bulletins/2024-national/public-security.md"
    text = page.read_text(encoding="utf-8")
    assert before in text
    page.write_text(text.replace(before, after, 1), encoding="utf-8")
    result = run("check", cwd=work)
    assert result.returncode == 1 and problem in result.stderr, result.stderr


def test_a_messy_seed_in_any_encoding_gives_the_same_pages(tmp_path: Path):
    outputs = []
    for name, data in [("utf8", MESSY.encode()), ("gb", MESSY.replace("\n", "\r\n").encode("gb18030"))]:
        work = tmp_path / name
        work.mkdir()
        make_project(work)
        (work / "seeds" / "messy.txt").write_bytes(data)
        result = run("build", cwd=work)
        assert result.returncode == 0, result.stderr
        assert "seeds/messy.txt:9: warning: removed page number: — 1 —" in result.stderr
        assert "seeds/messy.txt:11: warning: removed running header: 国家市场监督管理总局文件" in result.stderr
        assert run("check", cwd=work).returncode == 0  # conservation, with exactly the reported lines removed
        assert run("build", "--strict", cwd=work).returncode == 1
        outputs.append(tree(work / "docs/bulletins/2025-fujian"))
    assert outputs[0].keys() >= {"market-regulation.md", "market-regulation-2.md", "public-security.md"}
    assert outputs[0] == outputs[1]


def test_seed_metadata_reaches_the_bulletin_page_and_api(work: Path):
    seed = work / "seeds" / "004_390caa016548901d.txt"
    meta = (
        "---\nsource_url: https://www.samr.gov.cn/x\npublished: 2024-08-30\n"
        "notice: 关于开展2024年全国“质量月”活动的通知\nissuer: 市场监管总局\n---\n"
    )
    seed.write_text(meta + seed.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("build", "--strict", cwd=work).returncode == 0
    page = (work / "docs/bulletins/2024-national/index.md").read_text(encoding="utf-8")
    assert "发布日期：2024&#45;08&#45;30" in page
    assert '原始发布：<a href="https://www.samr.gov.cn/x" rel="nofollow noopener">' in page
    bulletins = json.loads((work / "docs/api/bulletins.json").read_text(encoding="utf-8"))
    national = next(b for b in bulletins if b["id"] == "2024-national")
    assert (national["published"], national["issuer"]) == ("2024-08-30", "市场监管总局")
    assert run("check", cwd=work).returncode == 0  # item lines moved down by the front matter


def test_a_docs_folder_that_cannot_be_written_is_one_line(work: Path):
    (work / "not-a-folder").write_text("x", encoding="utf-8")
    result = run("build", "--docs", "not-a-folder", cwd=work)
    assert result.returncode == 1
    assert result.stderr.strip() == "not-a-folder: error: File exists", result.stderr


@pytest.mark.parametrize(
    ("registry", "error"),
    [
        (
            "families: [\n",
            "reg.yml:2: error: not valid YAML: expected the node content, but found '<stream end>'",
        ),
        (
            "families:\n  - {id: Bad, name: 甲, name_en: A, names: {city: [市甲局]}}\n",
            "reg.yml:2: error: families/0/id: ",
        ),
        (
            "families:\n  - {id: a, name: 甲, name_en: A, names: {city: [市甲局]}}\n"
            "  - {id: a, name: 乙, name_en: B, names: {city: [市乙局]}}\n",
            "reg.yml:3: error: family id 'a' is used twice",
        ),
        (
            "families:\n  - {id: a, name: 甲, name_en: A, names: {city: [市甲局]}}\n"
            "  - {id: b, name: 乙, name_en: B, names: {county: [县甲局]}}\n",
            "reg.yml:3: error: name 县甲局 (key 甲) of 'b' already belongs to 'a'",
        ),
        (None, "reg.yml:1: error: cannot be read: No such file or directory"),
    ],
)
def test_a_bad_registry_is_one_line_nonzero_and_leaves_docs_alone(work: Path, registry: str | None, error: str):
    if registry is not None:
        (work / "reg.yml").write_text(registry, encoding="utf-8")
    before = tree(work / "docs")
    result = run("build", "--registry", "reg.yml", cwd=work)
    assert result.returncode == 1
    assert result.stderr.startswith(error), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert tree(work / "docs") == before


@pytest.mark.parametrize(
    ("seeds", "error"),
    [
        ("nowhere", "nowhere:1: error: seeds folder does not exist"),
        ("empty", "empty:1: error: no attachments in the seeds folder"),
        ("hidden", "hidden:1: error: no attachments in the seeds folder"),  # dotfiles are not attachments
    ],
)
def test_a_missing_or_empty_seeds_folder_is_refused(work: Path, seeds: str, error: str):
    (work / "empty").mkdir()
    (work / "hidden").mkdir()
    (work / "hidden" / ".DS_Store").write_bytes(b"\0")
    before = tree(work / "docs")
    for command in ("build", "check"):
        result = run(command, "--seeds", seeds, cwd=work)
        assert (result.returncode, result.stderr) == (1, error + "\n"), command
    assert tree(work / "docs") == before


def test_a_bulletin_numbered_in_digits_builds_and_checks(work: Path):
    title = "2025 年长兴县“质量月”联合主办单位开展的主要活动"
    seed = f"附件1\n\n{title}\n\n1. 县市场监管局开展甲：\n\n（1）乙；\n\n2．县公安局开展丙。\n"
    (work / "seeds" / "digits.txt").write_text(seed, encoding="utf-8")
    assert run("build", "--strict", cwd=work).returncode == 0
    assert len(list((work / "docs/bulletins").glob("2025-*/public-security.md"))) == 1
    assert run("check", cwd=work).returncode == 0


def test_agencies_lists_every_agency_with_its_family_and_how_it_joined(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "2025 年福建省“质量月”活动\n\n一、福建省市场监管厅、省教育厅联合开展甲。\n\n"
        "二、国家税务总局福建省税务局开展乙。\n\n三、省数据管理局开展丙。\n",
        encoding="utf-8",
    )
    result = run("agencies", "--seeds", str(seeds), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{seeds.name}/a.txt:3\t福建省市场监管厅\tmarket-regulation\tkey",
        f"{seeds.name}/a.txt:3\tpartner 省教育厅\teducation\texact",
        f"{seeds.name}/a.txt:5\t国家税务总局福建省税务局\ttaxation\talias",
        f"{seeds.name}/a.txt:7\t省数据管理局\tshujuguanli\tunknown",
        "4 agencies and partners: 1 exact, 1 alias, 1 key, 1 unknown",
    ]


def test_inputs_prints_the_hash_the_site_build_keys_its_cache_on(capsys):
    from generator.sitebuild import inputs_hash

    assert main(["inputs"]) == 0
    assert capsys.readouterr().out.strip() == inputs_hash(Path("mkdocs.yml"))
