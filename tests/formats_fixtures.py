"""The 2024 national bulletin as an office would publish it: Word (numbered list or table), PDF, .doc.

Built from seeds/004_*.txt by the tests themselves: python-docx writes the Word files, LibreOffice
exports the PDF and the .doc from them.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from generator.errors import Warnings
from generator.formats.office import convert, soffice
from generator.model import Bulletin
from generator.parse import parse_bulletin
from generator.readers import read_document
from generator.registry import load_registry
from tests.helpers import SEEDS

SEED_2024 = next(SEEDS.glob("004_*.txt"))
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
needs_soffice = pytest.mark.skipif(soffice() is None, reason=NO_SOFFICE)
# The fixture `files` (conftest.py) by kind: Word with numbering, Word with a table, LibreOffice's
# PDF, .doc and .wps of the first, and its PDF of the table with its rules drawn.
FORMATS_2024 = [
    "docx",
    "table",
    pytest.param("pdf", marks=needs_soffice),
    pytest.param("doc", marks=needs_soffice),
    pytest.param("wps", marks=needs_soffice),
    pytest.param("table-pdf", marks=needs_soffice),
]
HEADER = "市场监管总局办公厅"  # the running header on every page
ABSTRACT_ID, NUM_ID = "100", "100"  # past the ids of python-docx's template


def national_2024() -> Bulletin:
    return parse_bulletin(read_document(SEED_2024, "seeds/x.txt", Warnings()), load_registry(), Warnings())


def _chinese_list(document: docx.document.Document, fmt: str, text: str) -> None:
    """A numbering definition in numbering.xml: Word's own automatic numbering, not typed numerals."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_ID}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_ID}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    numbering.append(num)


def _numbered(paragraph) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{NUM_ID}"/></w:numPr>')
    )


def _page_footer(section) -> None:
    """— 3 —: the page number as a PAGE field between dashes."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    field = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    paragraph._p.append(field)
    paragraph.add_run(" —")


def write_docx(path: Path, table: bool = False, translate: dict | None = None, rules: bool = False) -> Path:
    """The 2024 bulletin: agencies in bold, items numbered by Word (chineseCounting), or a table (its
    rules drawn with `rules`, as offices print them).
    `translate` (str.maketrans) replaces characters in the items, as a font's odd mapping would."""
    bulletin = national_2024()
    items = [(item.agency.translate(translate or {}), item.text.translate(translate or {})) for item in bulletin.items]
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.paragraph_format.widow_control = False  # so that a page break cuts an item, as in seeds/
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    _page_footer(section)
    document.add_paragraph(bulletin.label)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(bulletin.title).bold = True
    if table:
        _chinese_list(document, "decimal", "%1")
        grid = document.add_table(rows=1, cols=3)
        if rules:
            grid.style = document.styles["Table Grid"]
        for cell, text in zip(grid.rows[0].cells, ("序号", "联合主办单位", "主要活动"), strict=True):
            cell.text = text
        for name, text in items:
            number, agency, activities = grid.add_row().cells
            _numbered(number.paragraphs[0])
            agency.text, activities.text = name, text
    else:
        _chinese_list(document, "chineseCounting", "%1、")
        for name, text in items:
            paragraph = document.add_paragraph()
            _numbered(paragraph)
            paragraph.add_run(name).bold = True
            paragraph.add_run(text)
    document.core_properties.created = __import__("datetime").datetime(2024, 8, 30, 9, 0)
    document.save(path)
    return path


def converted(source: Path, target: str, folder: Path) -> Path:
    """LibreOffice's export of `source` (pdf, doc) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return convert(source, target, folder)


def blank_pdf(path: Path, pages: int) -> Path:
    """A PDF of empty pages: what a scan looks like without its images, or a huge file when long."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def encrypted_pdf(source: Path, folder: Path) -> Path:
    """LibreOffice's PDF export with a password to open it."""
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"s"}}'
    folder.mkdir(parents=True, exist_ok=True)
    return convert(source, f"pdf:writer_pdf_Export:{options}", folder)


def all_formats(folder: Path) -> dict[str, Path]:
    """The 2024 bulletin in every format, LibreOffice's conversions only where it is installed."""
    made = {"docx": write_docx(folder / "2024.docx"), "table": write_docx(folder / "2024-table.docx", table=True)}
    if soffice():
        made["pdf"] = converted(made["docx"], "pdf", folder / "pdf")
        made["doc"] = converted(made["docx"], "doc", folder / "doc")
        made["wps"] = folder / "2024.wps"  # WPS Office's .wps is a Word 97 file under another name
        made["wps"].write_bytes(made["doc"].read_bytes())
        ruled = write_docx(folder / "2024-ruled.docx", table=True, rules=True)
        made["table-pdf"] = converted(ruled, "pdf", folder / "table-pdf")
    return made
