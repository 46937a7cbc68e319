"""Word, PDF and old Office attachments give the bulletin the .txt gives (generator/formats/)."""

from __future__ import annotations

import os
import re
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from generator.errors import Warnings
from generator.formats import Note, Refused
from generator.formats.docx import W, read_docx
from generator.formats.numerals import FORMATS, chinese
from generator.formats.office import read_office
from generator.formats.pdf import SCANNED, LayoutLine, lines_of, read_pdf, unified
from generator.load import read_seed
from generator.model import Document
from generator.parse import parse_bulletin
from generator.registry import load_registry
from generator.text import chinese_number
from tests.formats_fixtures import (
    FORMATS_2024,
    HEADER,
    blank_pdf,
    converted,
    encrypted_pdf,
    national_2024,
    needs_soffice,
    write_docx,
)


def document(path: Path, warnings: Warnings | None = None) -> Document:
    """What the parser gets from the file: read through the reader seam and cleaned, as a build does."""
    return read_seed(path, warnings or Warnings(), named=lambda p: p.name)


@pytest.mark.parametrize("kind", FORMATS_2024)
def test_each_format_gives_the_agencies_and_text_of_the_txt(files: dict[str, Path], kind: str):
    expected = national_2024()
    warnings = Warnings()
    bulletin = parse_bulletin(document(files[kind], warnings), load_registry(), warnings)
    assert bulletin.id == expected.id == "2024-national"
    assert [item.agency for item in bulletin.items] == [item.agency for item in expected.items]
    assert [(item.numeral, item.text) for item in bulletin.items] == [(i.numeral, i.text) for i in expected.items]
    assert bulletin.title == expected.title
    assert [d.message for d in warnings.warnings] == []  # a table's header row is a note: --strict passes
    header = "table header row read as column names: 序号 | 联合主办单位 | 主要活动"
    assert (header in [d.message for d in warnings.items]) == kind.startswith("table")


def test_word_numbering_is_written_out_from_the_numbering_part(files: dict[str, Path]):
    body = zipfile.ZipFile(files["docx"]).read("word/document.xml").decode()
    assert "<w:numPr>" in body and "一、" not in body and "二十五、" not in body  # Word numbers, not typed
    lines = [line.text for line in read_docx(files["docx"]).lines if line.text]
    assert lines[2].startswith("一、**市场监管总局**举办第五届中国质量奖颁奖仪式暨国家质量强国专家论坛。")
    assert lines[-1].startswith("二十五、**全国工商联**开展“民营经济标准创新周”活动。")


def test_headers_and_footers_are_kept_out_and_paragraphs_are_numbered(files: dict[str, Path]):
    extracted = read_docx(files["docx"])
    assert not any(HEADER in line.text or "—" in line.text for line in extracted.lines)
    texts = [line for line in extracted.lines if line.text]
    assert [line.number for line in texts] == list(range(1, 28))  # 附件, title, 25 items
    assert all(line.text == "" for line in extracted.lines[1::2])  # blank between paragraphs
    assert extracted.created is not None and extracted.created.isoformat() == "2024-08-30"


def test_a_table_row_becomes_one_item_numbered_from_its_first_cell(files: dict[str, Path]):
    extracted = read_docx(files["table"])
    texts = [line for line in extracted.lines if line.text]
    assert texts[2].text.startswith("一、**市场监管总局**举办第五届")
    assert texts[2].number == 6  # the row's first paragraph: 附件, title, three header cells before it
    header = "table header row read as column names: 序号 | 联合主办单位 | 主要活动"
    assert [(n.number, n.message, n.severity) for n in extracted.notes][:1] == [(3, header, "note")]


@needs_soffice
def test_pdf_lines_carry_page_and_line_and_page_furniture_is_left_to_clean(files: dict[str, Path]):
    extracted = read_pdf(files["pdf"])
    first = next(line for line in extracted.lines if line.text.startswith("一、"))
    assert (first.page, first.on_page) == (1, 4)  # header, 附件 1, title, then the first item
    warnings = Warnings()
    document(files["pdf"], warnings)
    pages = max(line.page for line in extracted.lines)
    removed = [d for d in warnings.items if d.message.startswith("removed ")]
    assert len(removed) == len(warnings.items) == 2 * pages and not warnings.warnings  # notes: a PDF has pages
    assert {d.message for d in removed} == {f"removed running header: {HEADER}"} | {
        f"removed page number: — {n} —" for n in range(1, pages + 1)
    }
    assert str(removed[0]) == f"2024.pdf:1: note: page 1, line 1: removed running header: {HEADER}"
    # A page break cut item 四: its second half opens page 2 and is glued back by the parser.
    second = next(line for line in extracted.lines if line.page == 2 and line.on_page == 2)
    assert not second.text.startswith("五、")
    assert extracted.notes == []


def test_layout_lines_become_paragraphs_by_margin_indent_gap_and_numbering():
    def at(text: str, top: float, x0: float = 90, x1: float = 522) -> LayoutLine:
        return LayoutLine(text, x0, x1, top, 16)

    page = [
        at("附件 1", 70, x1=136),  # short: ends its paragraph
        at("一、甲开展质量提升行动。第一行写到", 100),
        at("右边距。第二行也写满了到右边距。", 126),  # a sentence end at the margin: still the paragraph
        at("短行结束。", 152, x1=200),
        at("二、乙开展活动，", 178),  # an item opens a paragraph
        at("首行缩进的新段落。", 204, x0=122),
        at("隔得远的新段落。", 290),
        at("— 1 —", 330, x0=280, x1=332),
    ]
    lines, notes = lines_of([page, [at("第二页", 70)]])
    blocks = "\n".join(line.text for line in lines).split("\n\n")
    assert blocks == [
        "附件 1",
        "一、甲开展质量提升行动。第一行写到\n右边距。第二行也写满了到右边距。\n短行结束。",
        "二、乙开展活动，",
        "首行缩进的新段落。",
        "隔得远的新段落。",
        "— 1 —",
        "第二页",
    ]
    assert [(line.number, line.page, line.on_page) for line in lines if line.text][-2:] == [(8, 1, 8), (9, 2, 1)]
    assert notes == []


_COMPAT = [(0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]


def _unified_ideograph(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH-")


@pytest.mark.parametrize(("low", "high"), _COMPAT, ids=["kangxi", "compatibility", "compatibility-supplement"])
def test_every_radical_and_compatibility_ideograph_becomes_its_unified_ideograph(low: int, high: int):
    assigned = [chr(cp) for cp in range(low, high + 1) if unicodedata.name(chr(cp), "")]
    assert len(assigned) > 200
    for char in assigned:
        result = unified(char)
        # Twelve characters of the compatibility block are unified ideographs themselves (﨎 …).
        if unicodedata.decomposition(char) == "":
            assert result == char and unicodedata.category(char) == "Lo"
        else:
            assert len(result) == 1 and _unified_ideograph(result), (char, result)


def test_unifying_touches_nothing_else():
    text = "⼀、市场监管总局开展“质量⽉”活动，推进 2024 年全角（括号）与半角,标点。Ａ１"
    assert unified(text) == "一、市场监管总局开展“质量月”活动，推进 2024 年全角（括号）与半角,标点。Ａ１"
    lines, notes = lines_of([[LayoutLine("⼀、⺠政部开展活动。", 90, 300, 70, 16)]])
    assert lines[0].text == "一、⺠政部开展活动。"
    assert notes == [
        Note(1, "compatibility characters unified: ⼀→一"),
        Note(1, "radical ⺠ (U+2EA0) kept as it is: check the text", "warning"),
    ]


def test_chinese_numerals_read_back_as_the_parser_reads_them():
    assert [chinese(n) for n in (1, 10, 11, 20, 25, 100, 103, 110, 1000)] == [
        "一", "十", "十一", "二十", "二十五", "一百", "一百零三", "一百一十", "一千",
    ]  # fmt: skip
    assert all(chinese_number(chinese(n)) == n for n in range(1, 10000))
    assert [FORMATS[f](12) for f in ("decimal", "chineseLegalSimplified", "upperRoman", "lowerLetter")] == [
        "12", "壹拾贰", "XII", "l",
    ]  # fmt: skip


def _paragraphs(path: Path, build) -> list[str]:
    document = docx.Document()
    build(document)
    document.save(path)
    return [line.text for line in read_docx(path).lines if line.text]


def test_bold_runs_merge_and_style_bold_counts(tmp_path: Path):
    def build(document):
        paragraph = document.add_paragraph("一、")
        paragraph.add_run("市场").bold = True
        paragraph.add_run(" ").bold = False
        paragraph.add_run("监管总局").bold = True
        paragraph.add_run("开展活动。")
        styled = document.add_paragraph("二、")
        styled.add_run("公安部", style="Strong")
        styled.add_run("开展行动。")
        document.add_paragraph("三、民政部开展活动。", style="Heading 1").runs[0].bold = False

    assert _paragraphs(tmp_path / "b.docx", build) == [
        "一、**市场 监管总局**开展活动。",
        "二、**公安部**开展行动。",
        "三、民政部开展活动。",
    ]


def test_soft_breaks_end_lines_and_deleted_text_is_not_read(tmp_path: Path):
    def build(document):
        paragraph = document.add_paragraph("一、公安部开展甲。")
        paragraph.add_run().add_break()
        paragraph.add_run("二、民政部开展乙。")
        deleted = docx.oxml.parse_xml(
            f'<w:del {docx.oxml.ns.nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>'
        )
        paragraph._p.append(deleted)

    assert _paragraphs(tmp_path / "s.docx", build) == ["一、公安部开展甲。", "二、民政部开展乙。"]


def test_nested_list_levels(tmp_path: Path):
    w = docx.oxml.ns.nsdecls("w")
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{text}"/></w:lvl>'
        for n, text in enumerate(("%1、", "（%2）"))
    )

    def build(document):
        numbering = document.part.numbering_part.element
        numbering.insert(0, docx.oxml.parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>'))
        numbering.append(docx.oxml.parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for level, text in ((0, "甲"), (1, "子"), (1, "丑"), (0, "乙"), (1, "寅")):
            paragraph = document.add_paragraph(text)
            number = f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            paragraph._p.get_or_add_pPr().append(docx.oxml.parse_xml(number))

    assert _paragraphs(tmp_path / "n.docx", build) == ["一、甲", "（一）子", "（二）丑", "二、乙", "（一）寅"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, d: p.write_bytes(d.read_bytes()[: d.stat().st_size // 2]), "not a readable Word file: damaged"),
        (lambda p, d: _zip(p, {"hello.txt": "hi"}), "not a Word file: the zip holds no Word document"),
        (lambda p, d: p.write_bytes(b"%PDF-1.4 a PDF renamed"), "not a readable Word file: damaged"),
        (lambda p, d: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)), "a password-protected Word"),
        (lambda p, d: _sparse(p, 60_000_000), "too large for a bulletin: 60 MB (limit 50 MB)"),
    ],
    ids=["truncated", "zip-of-something-else", "not-a-zip", "encrypted-or-doc", "huge"],
)
def test_bad_word_files_are_refused_in_one_line(tmp_path: Path, files: dict[str, Path], make, message: str):
    bad = tmp_path / "bad.docx"
    make(bad, files["docx"])
    with pytest.raises(Refused) as error:
        read_docx(bad)
    assert str(error.value).startswith(message) and "\n" not in str(error.value)


def _zip(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, f: blank_pdf(p, 2), SCANNED),
        (lambda p, f: blank_pdf(p, 201), "too long for a bulletin: 201 pages (limit 200)"),
        (lambda p, f: _sparse(p, 60_000_000), "too large for a bulletin: 60 MB (limit 50 MB)"),
        (lambda p, f: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<<"), "not a readable PDF: damaged or truncated"),
        pytest.param(
            lambda p, f: p.write_bytes(encrypted_pdf(f["docx"], p.parent / "enc").read_bytes()),
            "encrypted PDF: it needs a password; use the Word file or an unencrypted PDF",
            marks=needs_soffice,
        ),
    ],
    ids=["scanned", "too-many-pages", "huge", "truncated", "encrypted"],
)
def test_bad_pdfs_are_refused_in_one_line(tmp_path: Path, files: dict[str, Path], make, message: str):
    bad = tmp_path / "bad.pdf"
    make(bad, files)
    with pytest.raises(Refused) as error:
        read_pdf(bad)
    assert str(error.value).startswith(message) and "\n" not in str(error.value)


def test_without_libreoffice_a_doc_is_refused_with_how_to_install_it(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    seed = tmp_path / "2024.doc"
    seed.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(Refused) as error:
        read_office(seed)
    assert str(error.value) == (
        "LibreOffice is needed for .doc and .wps: apt-get install libreoffice-writer-nogui, or save the file as .docx"
    )


def test_a_conversion_that_hangs_is_stopped_at_the_time_limit(tmp_path: Path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")  # a child too: the whole group must end
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("generator.formats.office.TIMEOUT", 1)
    seed = tmp_path / "2024.doc"
    seed.write_bytes(b"\xd0\xcf\x11\xe0")
    started = time.monotonic()
    with pytest.raises(Refused) as error:
        read_office(seed)
    assert str(error.value) == "LibreOffice did not convert it within 1 s"
    assert time.monotonic() - started < 10


@needs_soffice
def test_a_file_libreoffice_cannot_read_is_refused(tmp_path: Path):
    seed = tmp_path / "2024.doc"
    seed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(Refused) as error:
        read_office(seed)
    assert "LibreOffice could not convert it" in str(error.value) or "not a Word file" in str(error.value)


def _table(path: Path, rows: list[list[str]], numbered_first_cell: bool = False) -> tuple[list[str], list]:
    def build(document):
        table = document.add_table(rows=0, cols=len(rows[0]))
        for index, row in enumerate(rows):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
            if numbered_first_cell and index:  # Word numbers the agency cells, the header row aside
                cells[0].paragraphs[0].style = document.styles["List Number"]
        if numbered_first_cell:  # python-docx's List Number: decimal "%1."; make it 一、 as offices do
            _chinese_style_list(document)

    texts = _paragraphs(path, build)
    return texts, read_docx(path).notes


def _chinese_style_list(document) -> None:
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
    num = next(n for n in numbering.findall(f"{W}num") if n.get(f"{W}numId") == style_num)
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = next(a for a in numbering.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id)
    level = abstract.find(f"{W}lvl")
    level.find(f"{W}numFmt").set(f"{W}val", "chineseCounting")
    level.find(f"{W}lvlText").set(f"{W}val", "%1、")


@pytest.mark.parametrize(
    ("rows", "numbered", "expected", "counted"),
    [
        (
            [["1", "公安部开展甲。"], ["2", "民政部开展乙。"]],
            False,
            ["一、公安部开展甲。", "二、民政部开展乙。"],
            False,
        ),
        (
            [["单位", "活动"], ["公安部", "开展甲。"], ["民政部", "开展乙。"]],
            False,
            ["一、**公安部**开展甲。", "二、**民政部**开展乙。"],
            True,
        ),
        (
            [["单位", "活动"], ["公安部", "开展甲。"], ["民政部", "开展乙。"]],
            True,
            ["一、**公安部**开展甲。", "二、**民政部**开展乙。"],
            False,
        ),
    ],
    ids=["number-and-one-cell", "no-number-column", "word-numbering-in-the-agency-cell"],
)
def test_table_shapes(tmp_path: Path, rows, numbered: bool, expected: list[str], counted: bool):
    texts, notes = _table(tmp_path / "t.docx", rows, numbered)
    assert texts == expected
    header = ["table header row read as column names: 单位 | 活动"] if rows[0][0] == "单位" else []
    count = ["the table has no number column: rows numbered in order"] * 2 * counted
    assert sorted(note.message for note in notes) == sorted(header + count)


def test_a_cell_of_several_paragraphs_gives_the_item_several_paragraphs(tmp_path: Path):
    def build(document):
        number, agency, activities = document.add_table(rows=1, cols=3).rows[0].cells
        number.text, agency.text, activities.text = "一", "公安部", "开展甲。"
        activities.add_paragraph("开展乙。")

    assert _paragraphs(tmp_path / "c.docx", build) == ["一、**公安部**开展甲。", "开展乙。"]


FLAT_ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"
  office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:p>2024 年全国“质量月”活动</text:p>
<text:p>一、公安部开展甲<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation>
<text:note-body><text:p>脚注不是活动。</text:p></text:note-body></text:note>。</text:p>
</office:text></office:body></office:document>"""


@needs_soffice
def test_footnotes_are_kept_out(tmp_path: Path):
    source = tmp_path / "note.fodt"
    source.write_text(FLAT_ODT, encoding="utf-8")
    word = converted(source, "docx:MS Word 2007 XML", tmp_path / "out")
    assert "脚注不是活动" in zipfile.ZipFile(word).read("word/footnotes.xml").decode()
    assert [line.text for line in read_docx(word).lines if line.text] == [
        "2024 年全国“质量月”活动",
        "一、公安部开展甲。",
    ]


@needs_soffice
def test_a_pdf_whose_font_maps_to_kangxi_radicals_reads_as_unified_ideographs(tmp_path: Path):
    radicals = {unified(chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}
    word = write_docx(tmp_path / "radicals.docx", translate=str.maketrans(radicals))
    assert "⼀" in zipfile.ZipFile(word).read("word/document.xml").decode()
    pdf = converted(word, "pdf", tmp_path / "pdf")
    extracted = read_pdf(pdf)
    assert any("compatibility characters unified" in note.message for note in extracted.notes)
    bulletin = parse_bulletin(document(pdf), load_registry(), Warnings())
    expected = national_2024()
    assert [(i.agency, i.text) for i in bulletin.items] == [(i.agency, i.text) for i in expected.items]


@needs_soffice
def test_a_damaged_pdf_never_changes_the_text_silently(files: dict[str, Path], tmp_path: Path, capfd):
    """Each of the first streams overwritten in turn: the text is the same, or a warning says the PDF is
    damaged, or it is refused; pdfminer's complaints never reach stderr as lines of their own."""
    data = files["pdf"].read_bytes()
    whole = [line.text for line in read_pdf(files["pdf"]).lines]
    outcomes = set()
    for start in [m.end() for m in re.finditer(rb"stream\r?\n", data)][:8]:
        damaged = tmp_path / "damaged.pdf"
        damaged.write_bytes(data[: start + 20] + b"A" * 20 + data[start + 40 :])
        try:
            extracted = read_pdf(damaged)
        except Refused:
            outcomes.add("refused")
            continue
        if any(note.message.startswith("damaged PDF: the text may be incomplete") for note in extracted.notes):
            outcomes.add("warned")
        else:
            assert [line.text for line in extracted.lines] == whole
            outcomes.add("same")
    assert "warned" in outcomes
    assert capfd.readouterr().err == ""


def test_a_line_numbered_in_digits_opens_a_paragraph_too():
    page = [
        LayoutLine(text, 90, 522, top, 16)
        for text, top in (("1.公安部开展甲活动，推进", 70), ("2.民政部开展乙活动。", 96))
    ]
    assert [line.text for line in lines_of([page])[0]] == ["1.公安部开展甲活动，推进", "", "2.民政部开展乙活动。"]
