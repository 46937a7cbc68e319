"""Remove what PDF and Word conversions add to an attachment: page numbers, running headers.

Every removed line is reported (file, line, why) and recorded in the Document; the bulletin page
lists their numbers, and the conservation check subtracts exactly these from the raw seed, so
nothing else can disappear.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from generator.model import Document, SourceLine
from generator.text import LABEL, TITLE, fold, item_start, numbered_in_digits

_DASH = "-—–－―‐"
PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASH}]+\s*\d{{1,4}}\s*[{_DASH}]+"  # — 3 —, - 3 -
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页, 第 3 页 共 10 页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/10
    r"|\d{1,4}"  # a lone page number
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
# A line repeated this often, short and not a sentence, is a header the PDF put on each page.
_HEADER_MAX_CHARS = 40


@dataclass(frozen=True)
class Removed(SourceLine):
    reason: str = ""  # "page number" or "running header"


def remove_artefacts(doc: Document) -> tuple[Document, list[Removed]]:
    keys = [_key(line.text) for line in doc.lines]
    counts = Counter(k for k in keys if k)
    digits = numbered_in_digits(line.text for line in doc.lines)
    first_item = next((n for n, line in enumerate(doc.lines) if item_start(line.text, digits)), len(doc.lines))
    # A title found once before the first item is the title; a title-like line repeated on every page
    # beside it (2024年全国“质量月”活动) is then a running header, its first occurrence too.
    titled = any(counts[k] == 1 and TITLE.search(k) for k in keys[:first_item] if k)
    seen: set[str] = set()
    kept: list[SourceLine] = []
    removed: list[Removed] = []
    for n, (line, key) in enumerate(zip(doc.lines, keys, strict=True)):
        if key and PAGE_NUMBER.match(key):
            removed.append(Removed(line.number, line.text, line.position, "page number"))
        elif (
            key
            and counts[key] > 1
            and _looks_like_header(key, digits)
            and (key in seen or n > first_item or not _heading(key) or (titled and TITLE.search(key)))
        ):
            removed.append(Removed(line.number, line.text, line.position, "running header"))
        else:
            kept.append(line)
        seen.add(key)
    return replace(doc, lines=tuple(kept), removed=tuple(line.number for line in removed)), removed


def _key(text: str) -> str:
    return "".join(fold(text).replace("**", "").lstrip("#").split())


def _heading(key: str) -> bool:
    """The attachment's own label or title, which a PDF may repeat on every page."""
    return bool(LABEL.match(key) or TITLE.search(key))


def _looks_like_header(key: str, digits: bool) -> bool:
    return len(key) <= _HEADER_MAX_CHARS and not item_start(key, digits) and not key.endswith(("。", ";", "；"))
