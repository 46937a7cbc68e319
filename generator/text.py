"""Text patterns shared by the steps that read an attachment: clean, parse, registry and check.

Everything here works on folded text (full- and half-width forms alike), so a rule written once
holds for 一、 and 一, alike, and for ２０２４ and 2024.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


class _FoldTable(dict):
    """str.translate table filled on first sight of each character: NFKC, where 1:1."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        self[code] = folded if len(folded) == 1 else char
        return self[code]


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Full-width and half-width forms alike, character by character (lengths kept)."""
    return text.translate(_FOLD)


BOLD = "**"  # bold markers from conversions: formatting, never text
# The last character of an organisation's kind, where an agency name may end: 局, 部, 厅,
# 委(员会), 办(公室), 院, (总工)会, 署, 社, (银)行, (中)心, (支)队, (海)关, (妇)联, (科)协, (公)司,
# (大)学, (党)校 …
KINDS = "局部厅委办院会署社行心队关联协司所站室处府学校"
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = "零〇一二两三四五六七八九十百千"
# 一、 二． 三，(folded, so full- and half-width alike). Bold markers may wrap it. Some offices (and
# Word lists saved as .doc) number 1. 2、 instead: digits not followed by another (3.5 is no item).
ITEM_START = re.compile(rf"^\s*(?:\*\*)?\s*(?:(?P<numeral>[{_NUMERAL}]+)|(?P<digits>\d{{1,3}}))\s*[、.,](?!\d)")
# Enough of a paragraph to see its numbering: spaces, **, 一百九十九 and the separator.
_ITEM_HEAD = 24
LABEL = re.compile(r"^\s*附件\s*\d*\s*[:：]?\s*$")
TITLE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<region>.*?)\s*[“\"「]?\s*(?P<campaign>质量月)")
# A paragraph that ends with one of these (perhaps inside a closing quote or bracket) is
# finished; one that does not was cut by a page break. A colon ends a lead-in to sub-items.
_STOPS = "。；;！!？?：:…"
_CLOSERS = "”’」』）)》\"'"


def item_start(text: str, digits: bool = False) -> re.Match | None:
    """The numbering that opens an item (一、 二． …), matched full- and half-width alike; in a
    bulletin numbered in digits (`digits`, see numbered_in_digits), 1. 2、 … instead."""
    match = ITEM_START.match(fold(text[:_ITEM_HEAD]))
    return match if match and (match["digits"] is not None) == digits else None


def numbered_in_digits(paragraphs: Iterable[str]) -> bool:
    """Whether a bulletin numbers its items 1. 2. …: only if no paragraph starts 一、 (in a bulletin
    that does, 1. 2. are sub-items)."""
    found = False
    for text in paragraphs:
        match = ITEM_START.match(fold(text[:_ITEM_HEAD]))
        if match and match["numeral"]:
            return False
        found = found or bool(match)
    return found


def item_number(start: re.Match) -> tuple[str, int]:
    """The numeral as written and the number it stands for: (三, 3), (12, 12)."""
    if start["digits"] is not None:
        return start["digits"], int(start["digits"])
    return start["numeral"], chinese_number(start["numeral"])


def chinese_number(numeral: str) -> int:
    """一 -> 1, 十二 -> 12, 九十九 -> 99, 一百零三 -> 103."""
    total, digit = 0, 0
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
            continue
        unit = {"十": 10, "百": 100, "千": 1000}[char]
        total += (digit or 1) * unit
        digit = 0
    return total + digit


def ends_sentence(text: str) -> bool:
    text = text.replace(BOLD, "").rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in _STOPS
