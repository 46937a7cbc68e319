"""URL slugs: lowercase ASCII [a-z0-9-] only, whatever the input."""

from __future__ import annotations

import re
from functools import cache

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


@cache  # the same agency and region names come back in every bulletin
def pinyin_slug(text: str, keep: int | None = None) -> str:
    """莆田 -> putian. Syllables run together, as in place names; other text is kept ASCII.
    `keep`: only the first characters' syllables, read in the context of the whole text
    (朝阳区, 2 -> chaoyang, where 朝阳 alone reads zhaoyang)."""
    from pypinyin import lazy_pinyin  # only when a slug is made: its dictionaries take a while to load

    syllables = lazy_pinyin(text, errors=lambda chars: [slugify(chars) or "-"])
    if keep is not None and len(syllables) == len(text):
        syllables = syllables[:keep]
    return slugify("".join(s if s.isascii() else "-" for s in syllables))
