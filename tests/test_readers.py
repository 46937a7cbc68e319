from pathlib import Path

import pytest

from generator.errors import InputError, Warnings
from generator.readers import read_document

TEXT = "附件 1\n\n2024 年全国“质量月”联合主办单位开展的主要活动\n\n一、公安部开展“昆仑 2024”行动。\n"


def read(tmp_path: Path, data: bytes, warnings: Warnings | None = None):
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    return read_document(path, "seeds/seed.txt", warnings or Warnings())


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        b"\xef\xbb\xbf" + TEXT.encode(),
        TEXT.replace("\n", "\r\n").encode(),
        TEXT.replace("\n", "\r").encode(),
    ],
    ids=["utf-8", "bom", "crlf", "cr"],
)
def test_utf8_with_or_without_bom_and_any_line_end(tmp_path: Path, data: bytes):
    doc = read(tmp_path, data)
    assert [line.text for line in doc.lines] == TEXT.split("\n")
    assert doc.encoding == "utf-8"


def test_gb18030_is_detected_and_said(tmp_path: Path):
    warnings = Warnings()
    doc = read(tmp_path, (TEXT * 3).encode("gb18030"), warnings)
    assert doc.lines[2].text == "2024 年全国“质量月”联合主办单位开展的主要活动"
    assert [str(d) for d in warnings.items] == ["seeds/seed.txt:1: note: decoded as GB18030"]
    assert warnings.warnings == []  # a note, not a warning: --strict accepts it


def test_full_width_spaces_are_kept(tmp_path: Path):
    doc = read(tmp_path, "　　一、公安部开展　行动。".encode())
    assert doc.lines[0].text == "　　一、公安部开展　行动。"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "seeds/seed.txt:1: error: file is empty"),
        (b"  \n\n", "seeds/seed.txt:1: error: file is empty"),
        (b"GIF89a\x00\x01", "seeds/seed.txt:1: error: not a text file (it contains NUL bytes)"),
        (b"\xff\xfe\xfa\xfb" * 8, "seeds/seed.txt:1: error: not a text file: neither UTF-8 nor GB18030"),
        (b"---\nyear: [\n---\n", "seeds/seed.txt:2: error: front matter is not valid YAML"),
        (b"---\nyear: 2024\n", "seeds/seed.txt:1: error: front matter opened with --- is never closed"),
        (b"---\ncolour: red\n---\n", "seeds/seed.txt:2: error: unknown front matter key 'colour'"),
    ],
)
def test_refusals(tmp_path: Path, data: bytes, message: str):
    with pytest.raises(InputError) as error:
        read(tmp_path, data)
    assert str(error.value).startswith(message)


def test_front_matter_is_metadata_and_lines_keep_their_numbers(tmp_path: Path):
    doc = read(tmp_path, ("---\nissuer: 市场监管总局\npublished: 2024-08-30\n---\n" + TEXT).encode())
    assert doc.meta == {"issuer": "市场监管总局", "published": "2024-08-30"}  # a date, as text
    assert (doc.lines[0].number, doc.lines[0].text) == (5, "附件 1")
    assert (doc.lines[4].number, doc.lines[4].text) == (9, "一、公安部开展“昆仑 2024”行动。")


@pytest.mark.parametrize(
    "entry",
    ["published: 2024-01-01 25:00:00", "year: " + "9" * 5000, "x: " + "[" * 3000, "x: !!int abc", "x: !!bool abc"],
    ids=["hour-25", "5000-digits", "deep-nesting", "int-tag", "bool-tag"],
)
def test_front_matter_yaml_cannot_construct_is_refused(tmp_path: Path, entry: str):
    with pytest.raises(InputError) as error:
        read(tmp_path, f"---\n{entry}\n---\n{TEXT}".encode())
    assert str(error.value).startswith("seeds/seed.txt:2: error: front matter")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_an_undecodable_byte_is_reported_on_its_line(tmp_path: Path, bom: bytes, end: bytes):
    data = bom + end.join([b"a", b"b", b"c \xff\xfe\xfd\xfc\xfb" * 4])
    with pytest.raises(InputError) as error:
        read(tmp_path, data)
    assert str(error.value).startswith("seeds/seed.txt:3: error: not a text file")


@pytest.mark.parametrize("name", ["seed.xlsx", "seed.xyz", "seed.TXT.odt"])
def test_a_file_type_no_reader_takes_is_refused_by_its_suffix(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(TEXT.encode())  # text inside: the suffix decides, not a guess
    with pytest.raises(InputError) as error:
        read_document(path, f"seeds/{name}", Warnings())
    suffix = Path(name).suffix
    supported = ".doc, .docx, .md, .pdf, .txt, .wps"
    assert str(error.value) == f"seeds/{name}:1: error: unsupported file type {suffix} (supported: {supported})"


def test_text_under_a_word_suffix_is_refused_by_the_word_reader(tmp_path: Path):
    path = tmp_path / "seed.docx"
    path.write_bytes(TEXT.encode())
    with pytest.raises(InputError) as error:
        read_document(path, "seeds/seed.docx", Warnings())
    assert str(error.value).startswith("seeds/seed.docx:1: error: not a readable Word file: damaged or truncated")


def test_a_reader_whose_library_is_missing_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from generator import readers

    missing = readers.Reader((".txt",), readers.read_text, available=lambda: False, missing="install x, or save as .md")
    monkeypatch.setattr(readers, "READERS", (missing,))
    path = tmp_path / "seed.txt"
    path.write_bytes(TEXT.encode())
    with pytest.raises(InputError, match=r"^seeds/seed.txt:1: error: install x, or save as .md$"):
        read_document(path, "seeds/seed.txt", Warnings())


def test_upper_case_suffixes_and_files_without_one_are_read_as_text(tmp_path: Path):
    for name in ("SEED.TXT", "seed"):
        path = tmp_path / name
        path.write_bytes(TEXT.encode())
        assert read_document(path, f"seeds/{name}", Warnings()).lines[0].text == "附件 1"
