"""Conservation check: the text on the generated pages is the text of the seeds.

It re-reads the seeds (through the same readers and artefact removal) line by line, and the pages
from docs/, independently of the parser and its model, so a parser bug that drops or invents text
shows up here.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from generator import urls
from generator.errors import Diagnostic, Warnings
from generator.load import read_seed
from generator.model import Document
from generator.text import BOLD, item_start, numbered_in_digits

_ACTIVITY = re.compile(rf'<li id="{urls.ACTIVITY_PREFIX}\d+">(.*?)</li>')
# The front matter's `agency:` and `source:` lines. render.front_matter writes a key per line, its value
# as JSON (which YAML reads alike); reading only these two keeps the check fast (the other keys are
# most of the front matter and say nothing of the text).
_FIELD = re.compile(r"^(agency|source): (.*)$", re.M)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def check(seed_files: list[Path], docs: Path) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    pages = _pages(docs, problems)
    if not pages and not problems:
        return [
            Diagnostic(docs.as_posix(), 1, "no generated agency pages: run `python -m generator build` first", "error")
        ]
    seen: set[tuple[str, int]] = set()
    for path in seed_files:
        doc = read_seed(path, Warnings())
        for line, source_text in _items(doc):
            key = (doc.path, line)
            seen.add(key)
            if key not in pages:
                problems.append(Diagnostic(doc.path, line, "item has no generated page", "error"))
                continue
            page_path, page_text = pages[key]
            if _squash(page_text) != _squash(source_text):
                where = _first_difference(_squash(source_text), _squash(page_text))
                problems.append(Diagnostic(doc.path, line, f"{page_path} differs from the source {where}", "error"))
    for key, (page_path, _) in sorted(pages.items()):
        if key not in seen:
            problems.append(Diagnostic(page_path, 1, f"page claims {key[0]}:{key[1]}, which is no item", "error"))
    return problems


def _items(doc: Document) -> list[tuple[int, str]]:
    """(first line, text without numbering and bold markers) of every numbered paragraph."""
    blocks: list[tuple[int, list[str]]] = []  # paragraphs: blank-line separated
    previous_blank = True
    for line in doc.lines:
        text = line.text.strip()
        if text and previous_blank:
            blocks.append((line.number, []))
        if text:
            blocks[-1][1].append(text)
        previous_blank = not text
    digits = numbered_in_digits(texts[0] for _, texts in blocks)
    items: list[tuple[int, list[str]]] = []
    for line, texts in blocks:
        if item_start(texts[0], digits):
            items.append((line, []))
        if items:
            items[-1][1].extend(texts)
    result = []
    for line, texts in items:
        joined = "".join(texts).replace(BOLD, "")
        start = item_start(joined, digits)
        result.append((line, joined[start.end() :] if start else joined))
    return result


def _pages(docs: Path, problems: list[Diagnostic]) -> dict[tuple[str, int], tuple[str, str]]:
    """(seed, line) -> (page path, agency + activities as shown on the page); unreadable pages go to
    `problems`."""
    result = {}
    for path in sorted((docs / urls.BULLETINS).parent.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        head = _FRONT_MATTER.match(text)
        fields = dict(_FIELD.findall(head[1] if head else ""))
        if "agency" not in fields:
            continue  # a bulletin's page, or a page of a year's list
        page_path = path.relative_to(docs.parent).as_posix()
        try:
            agency, source = json.loads(fields["agency"]), json.loads(fields.get("source", "null"))
            seed, _, line = source.rpartition(":")
            key = (seed, int(line))
            if not isinstance(agency, str):
                raise ValueError(agency)
        except (ValueError, AttributeError):
            message = 'front matter needs `agency: "…"` and `source: "FILE:LINE"`'
            problems.append(Diagnostic(page_path, 1, message, "error"))
            continue
        activities = [unescape(a) for a in _ACTIVITY.findall(text, head.end())]
        result[key] = (page_path, agency + "".join(activities))
    return result


def _squash(text: str) -> str:
    # Whitespace is layout (line wraps, the spaces HTML collapses), not content.
    return "".join(text.split())


def _first_difference(source: str, page: str) -> str:
    n = next((i for i, (a, b) in enumerate(zip(source, page, strict=False)) if a != b), min(len(source), len(page)))
    return f"at character {n}: source has {source[n : n + 12]!r}, page has {page[n : n + 12]!r}"
