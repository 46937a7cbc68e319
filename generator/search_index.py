"""Shrink Material's search index after the build: the same index, a third of the bytes.

Material writes search/search_index.json with every CJK character as a \\uXXXX escape (6 bytes);
as UTF-8 it is 3. Entries and their fields are kept as they are, so search works unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX = Path("search") / "search_index.json"


def compact(site: Path) -> tuple[int, int] | None:
    """Rewrite the index in place; returns (bytes before, bytes after), or None if there is none."""
    path = site / INDEX
    if not path.is_file():
        return None  # another builder (Zensical) or search turned off
    before = path.read_bytes()
    data = json.loads(before)
    after = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(after)
    return len(before), len(after)
