"""A Word, PDF or .doc seed gives the site the .txt gives: same pages, agencies and text, conserved;
the file as published offered for download; metadata from a sidecar; bad files refused in one line."""

from __future__ import annotations

import datetime
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.check import _pages, check
from generator.errors import InputError, Warnings
from generator.load import seed_files
from generator.readers import read_document
from tests.formats_fixtures import FORMATS_2024, SEED_2024, blank_pdf, needs_soffice, write_docx
from tests.helpers import build_site, generate_docs, make_project, run, tree
from tests.test_findable import links

TITLE = "2030 年全国“质量月”活动\n\n"


def project(tmp_path: Path, seed: Path, name: str) -> Path:
    """A project whose only seed is `seed`, named seeds/`name`."""
    folder = tmp_path / "seeds-in"
    folder.mkdir()
    shutil.copy(seed, folder / name)
    return make_project(tmp_path, seeds=folder)


def pages(docs: Path) -> dict[str, str]:
    """Agency page -> agency and activities as shown, whatever the seed's name and positions."""
    return {page: text for page, text in _pages(docs, [])[0].values()}


@pytest.fixture(scope="module")
def txt_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = project(tmp_path_factory.mktemp("txt"), SEED_2024, "2024.txt")
    generate_docs(work)
    return pages(work / "docs")


@pytest.mark.parametrize("kind", FORMATS_2024)
def test_each_format_gives_the_pages_of_the_txt_and_conserves_every_character(
    tmp_path: Path, files: dict[str, Path], txt_pages: dict[str, str], kind: str
):
    seed = files[kind]
    name = f"2024{seed.suffix}"
    work = project(tmp_path, seed, name)
    generate_docs(work)  # strict: a table's header row is a note
    docs = work / "docs"
    assert pages(docs) == txt_pages  # same URLs, agencies and text
    assert len(txt_pages) == 25
    assert check(seed_files(work / "seeds"), docs) == []
    folder = docs / "bulletins/2024-national"
    assert (folder / f"source{seed.suffix}").read_bytes() == seed.read_bytes()
    first = "一、市场监管总局举办第五届中国质量奖颁奖仪式暨国家质量\n" if kind == "pdf" else "一、**市场监管总局**举办"
    assert first in (folder / "source.txt").read_text(encoding="utf-8")  # the text as extracted
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert f"(source{seed.suffix})（原件下载）· [提取的文字](source.txt)" in index
    unit = {"pdf": "第 1 页第 4 行", "table-pdf": "第 1 页第 5 行"}.get(kind, " 段")
    assert unit in (folder / "market-regulation.md").read_text(encoding="utf-8")


@needs_soffice
def test_the_site_builds_with_the_original_for_download(tmp_path: Path, files: dict[str, Path]):
    work = project(tmp_path, files["pdf"], "2024.pdf")
    generate_docs(work)
    site = build_site(work)
    assert (site / "bulletins/2024-national/source.pdf").read_bytes() == files["pdf"].read_bytes()
    html = (site / "bulletins/2024-national/index.html").read_text(encoding="utf-8")
    assert "source.pdf" in {href for href, _ in links(html)}


def test_a_tampered_page_of_a_word_seed_is_caught_with_its_paragraph(tmp_path: Path, files: dict[str, Path]):
    work = project(tmp_path, files["docx"], "2024.docx")
    generate_docs(work)
    page = work / "docs/bulletins/2024-national/public-security.md"
    page.write_text(page.read_text(encoding="utf-8").replace("依法严厉打击", "依法打击"), encoding="utf-8")
    result = run("check", cwd=work)
    assert result.returncode == 1
    assert "seeds/2024.docx:8: error: docs/bulletins/2024-national/public-security.md differs" in result.stderr


def test_a_warning_names_the_paragraph(tmp_path: Path):
    import docx

    document = docx.Document()
    for text in ("2030 年全国“质量月”活动", "一、国家数据局组织赛事。"):
        document.add_paragraph(text)
    document.save(tmp_path / "new.docx")
    work = project(tmp_path, tmp_path / "new.docx", "new.docx")
    result = run("build", cwd=work)
    assert "seeds/new.docx:2: warning: paragraph 2: agency 国家数据局 is not in the registry" in result.stderr


def _truncated(path: Path, files: dict[str, Path]) -> None:
    path.write_bytes(files["docx"].read_bytes()[:5000])


def _zip_of_text(path: Path, files: dict[str, Path]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")


@pytest.mark.parametrize(
    ("name", "make", "error"),
    [
        ("bad.docx", _truncated, "bad.docx:1: error: not a readable Word file: damaged or truncated"),
        ("bad.docx", _zip_of_text, "bad.docx:1: error: not a Word file: the zip holds no Word document"),
        ("bad.pdf", lambda p, f: blank_pdf(p, 1), "bad.pdf:1: error: no text layer: a scanned PDF; use the Word file"),
        ("bad.pdf", lambda p, f: blank_pdf(p, 500), "bad.pdf:1: error: too long for a bulletin: 500 pages"),
        ("bad.xlsx", lambda p, f: p.write_bytes(b"PK"), "bad.xlsx:1: error: unsupported file type .xlsx"),
    ],
    ids=["truncated-docx", "zip-of-something-else", "scanned-pdf", "huge-pdf", "unknown-suffix"],
)  # fmt: skip
def test_a_bad_file_is_one_line_nonzero_and_nothing_is_written(tmp_path: Path, files, name, make, error):
    work = make_project(tmp_path)
    generate_docs(work)
    before = tree(work / "docs")
    make(work / "seeds" / name, files)
    result = run("build", "--seeds", "seeds", "--docs", "docs", cwd=work)
    assert result.returncode == 1
    assert result.stderr.startswith("seeds/" + error), result.stderr
    assert result.stderr.count("\n") == 1
    assert tree(work / "docs") == before


def test_without_libreoffice_a_doc_seed_is_refused_saying_how_to_install_it(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    seed = tmp_path / "2024.doc"
    seed.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as error:
        read_document(seed, "seeds/2024.doc", Warnings())
    assert str(error.value) == (
        "seeds/2024.doc:1: error: LibreOffice is needed for .doc and .wps: "
        "apt-get install libreoffice-writer-nogui, or save the file as .docx"
    )


def test_a_sidecar_gives_any_seed_its_metadata_over_the_files_own_date(tmp_path: Path):
    seed = write_docx(tmp_path / "2024.docx")
    warnings = Warnings()
    assert read_document(seed, "seeds/2024.docx", warnings).meta == {"published": "2024-08-30"}
    (tmp_path / "2024.yml").write_text("published: 2024-08-28\nissuer: 市场监管总局\n", encoding="utf-8")
    meta = read_document(seed, "seeds/2024.docx", warnings).meta
    assert meta == {"published": "2024-08-28", "issuer": "市场监管总局"}
    assert warnings.items == []


@pytest.mark.parametrize(
    ("sidecar", "front_matter", "error"),
    [
        ("colour: red\n", "", "seeds/x.yml:1: error: unknown front matter key 'colour'"),
        ("year: [\n", "", "seeds/x.yml:2: error: front matter is not valid YAML"),
        ("year: 1066\n", "", "seeds/x.yml:1: error: front matter year 1066 is not a plausible year"),
        ("issuer: 甲\n", "---\nissuer: 乙\n---\n", "seeds/x.yml:1: error: seeds/x.txt has front matter already"),
    ],
)
def test_a_bad_sidecar_is_refused_at_its_own_file(tmp_path: Path, sidecar: str, front_matter: str, error: str):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "x.txt").write_text(front_matter + TITLE + "一、公安部开展甲。\n", encoding="utf-8")
    (folder / "x.yml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_document(folder / "x.txt", "seeds/x.txt", Warnings())
    assert str(raised.value).startswith(error)


def test_a_sidecar_is_not_a_seed_and_one_without_a_seed_is_refused(tmp_path: Path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(TITLE, encoding="utf-8")
    (folder / "a.yml").write_text("issuer: 甲\n", encoding="utf-8")
    assert [p.name for p in seed_files(folder)] == ["a.txt"]
    (folder / "b.yml").write_text("issuer: 乙\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        seed_files(folder)
    assert str(error.value).startswith("seeds/b.yml:1: error: metadata file for no seed")


@needs_soffice
def test_a_pdf_gives_its_creation_date(files: dict[str, Path]):
    published = read_document(files["pdf"], "seeds/2024.pdf", Warnings()).meta["published"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", published) and published <= datetime.date.today().isoformat()
