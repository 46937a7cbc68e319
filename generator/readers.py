"""Readers turn a seed file into a Document: its lines in reading order, each with its position.

As in Pelican, each reader declares the file suffixes it takes and whether it can run here (its
library installed); a file whose suffix no reader takes is refused, never guessed at. The parser
and the check see only Documents, whatever the format.
"""

from __future__ import annotations

import codecs
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.errors import InputError, Warnings
from generator.formats import Extracted, Line, Refused, office
from generator.meta import checked_meta
from generator.model import TEXT_LINE, Document, Position, SourceLine

# Encodings Chinese government files come in besides UTF-8. GB18030 is a superset of
# GBK and GB2312, so a file detected as either is decoded as GB18030.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}


def read_text(path: Path, shown: str, warnings: Warnings) -> Document:
    data = path.read_bytes()
    if not data.strip():
        raise InputError(shown, 1, "file is empty")
    text, encoding = _decode(data, shown)
    if encoding != "utf-8":
        warnings.add(shown, 1, f"decoded as {encoding.upper()}", "note")
    # CRLF and lone CR (old Mac exports) both end a line.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    meta, first = _front_matter(lines, shown)
    numbered = tuple(SourceLine(n, line) for n, line in enumerate(lines[first:], start=first + 1))
    return Document(path=shown, lines=numbered, encoding=encoding, text=text, meta=meta)


def _decode(data: bytes, shown: str) -> tuple[str, str]:
    if b"\x00" in data:
        raise InputError(shown, 1, "not a text file (it contains NUL bytes)")
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    import charset_normalizer  # only for a file that is not UTF-8: it is slow to import

    guess = charset_normalizer.from_bytes(data).best()
    encoding = "gb18030" if guess and guess.encoding.replace("_", "") in _GB_FAMILY else None
    if encoding is None:
        line = _line_at(data, bom + utf8_error.start)
        raise InputError(shown, line, "not a text file: neither UTF-8 nor GB18030")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise InputError(shown, _line_at(data, exc.start), f"invalid {encoding.upper()} byte sequence") from exc


def _line_at(data: bytes, offset: int) -> int:
    """The line number of a byte offset, with CRLF, CR and LF all ending a line."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _front_matter(lines: list[str], shown: str) -> tuple[dict, int]:
    """A seed may start with YAML front matter: metadata the maintainer adds."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InputError(shown, 1, "front matter opened with --- is never closed") from None
    return _meta_yaml("\n".join(lines[1:end]), shown, 2), end + 1


def _meta_yaml(text: str, shown: str, first: int) -> dict:
    """Seed metadata written in YAML (front matter, or a sidecar file), checked; `first` is the line
    of `shown` where `text` starts."""
    try:
        meta = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first + (mark.line if mark else 0)
        raise InputError(shown, line, f"front matter is not valid YAML: {exc}") from None
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        # YAML that parses but cannot become a value: hour 25, a 5,000-digit int, !!int abc …
        message = f"front matter has a value YAML cannot read: {type(exc).__name__}: {exc}"
        raise InputError(shown, first, message) from None
    if not isinstance(meta, dict):
        raise InputError(shown, first, "front matter must be a mapping of key: value")
    return checked_meta(meta, shown, first)


def read_word(path: Path, shown: str, warnings: Warnings) -> Document:
    from generator.formats.docx import read_docx  # python-docx and lxml load only for a Word seed

    return _extracted(read_docx, path, shown, warnings)


def read_pdf(path: Path, shown: str, warnings: Warnings) -> Document:
    from generator.formats.pdf import read_pdf as extract  # pdfplumber loads only for a PDF seed

    return _extracted(extract, path, shown, warnings)


def read_office(path: Path, shown: str, warnings: Warnings) -> Document:
    return _extracted(office.read_office, path, shown, warnings)


def _extracted(extract: Callable[[Path], Extracted], path: Path, shown: str, warnings: Warnings) -> Document:
    """A Word or PDF seed's Document: its lines with the format's positions, its notes reported, and
    the date the file says it was made as `published` (a sidecar NAME.yml may say otherwise)."""
    try:
        extracted = extract(path)
    except Refused as exc:
        raise InputError(shown, 1, str(exc)) from None
    lines = tuple(SourceLine(line.number, line.text, _position(line)) for line in extracted.lines)
    positions = {line.number: line.position for line in lines}
    for note in extracted.notes:
        warnings.add(shown, note.number, note.message, note.severity, positions.get(note.number, TEXT_LINE))
    text = "".join(line.text + "\n" for line in extracted.lines)
    meta = {"published": extracted.created.isoformat()} if extracted.created else {}
    return Document(path=shown, lines=lines, encoding="utf-8", text=text, meta=meta)


def _position(line: Line) -> Position:
    return Position("line", line.page, line.on_page) if line.page else Position("paragraph")


def _importable(module: str) -> Callable[[], bool]:
    return lambda: importlib.util.find_spec(module) is not None


@dataclass(frozen=True)
class Reader:
    suffixes: tuple[str, ...]  # lowercase, with the dot
    read: Callable[[Path, str, Warnings], Document]
    available: Callable[[], bool] = lambda: True  # its library or program is installed here
    missing: str = ""  # what to do when it is not


_LOCKED = "is not installed: .venv/bin/pip install -r requirements.lock"
# A file without a suffix is read as text: the text reader refuses what is not text.
TEXT_SUFFIXES = (".txt", ".md", "")
READERS = (
    Reader(TEXT_SUFFIXES, read_text),
    Reader((".docx",), read_word, _importable("docx"), f"python-docx {_LOCKED}"),
    Reader((".pdf",), read_pdf, _importable("pdfplumber"), f"pdfplumber {_LOCKED}"),
    Reader((".doc", ".wps"), read_office, lambda: office.soffice() is not None, office.INSTALL),
)
# Seed metadata for any format, in a file beside it: 2024.docx and 2024.yml.
SIDECAR = ".yml"


def seed_name(path: Path) -> str:
    """How a seed is named in pages and messages: seeds/x.txt, wherever the folder is."""
    return f"{path.parent.name}/{path.name}"


def read_document(path: Path, shown: str, warnings: Warnings) -> Document:
    suffix = path.suffix.lower()
    reader = next((r for r in READERS if suffix in r.suffixes), None)
    if reader is None:
        supported = ", ".join(sorted(s for r in READERS for s in r.suffixes if s))
        raise InputError(shown, 1, f"unsupported file type {suffix} (supported: {supported})")
    if not reader.available():
        raise InputError(shown, 1, reader.missing)
    doc = reader.read(path, shown, warnings)
    sidecar = path.with_suffix(SIDECAR)
    if not sidecar.is_file():
        return doc
    sidecar_shown = seed_name(sidecar)
    if reader.suffixes == TEXT_SUFFIXES and doc.meta:
        raise InputError(sidecar_shown, 1, f"{shown} has front matter already: keep the metadata in one place")
    try:
        text = sidecar.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(sidecar_shown, 1, "metadata file is not UTF-8") from None
    meta = _meta_yaml(text, sidecar_shown, 1)
    return replace(doc, meta={**doc.meta, **meta})
