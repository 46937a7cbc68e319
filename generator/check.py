"""Conservation check: the text on the generated pages is the text of the seeds.

It re-reads each seed raw (its reader only: no artefact removal, no parser) and subtracts exactly
the lines the build recorded as removed (the bulletin page's `removed:`), so a content line that
clean.py drops without reporting it, or a parser bug that drops or invents text, shows up here.
The bulletin's source.txt must be the seed's text as read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from generator import urls
from generator.errors import Diagnostic, Warnings
from generator.model import Document
from generator.readers import read_document, seed_name
from generator.text import BOLD, item_start, numbered_in_digits

# The front matter keys the check needs. render.front_matter writes a key per line, its value as
# JSON (which YAML reads alike); reading only these keeps the check fast (the other keys are most
# of the front matter and say nothing of the text).
_FIELD = re.compile(r"^(agency|source|bulletin|removed): (.*)$", re.M)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


@dataclass(frozen=True)
class _BulletinPage:
    id: str
    removed: frozenset[int]  # seed lines the build removed as conversion artefacts


def check(seed_files: list[Path], docs: Path) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    pages, bulletins = _pages(docs, problems)
    if not pages and not problems:
        return [
            Diagnostic(docs.as_posix(), 1, "no generated agency pages: run `python -m generator build` first", "error")
        ]
    seen: set[tuple[str, int]] = set()
    for path in seed_files:
        doc = read_document(path, seed_name(path), Warnings())
        bulletin = bulletins.get(doc.path)
        if bulletin:
            problems += _source_text(doc, docs, bulletin)
        else:  # nor its removed lines: every line of the seed counts
            problems.append(Diagnostic(doc.path, 1, "no bulletin page in docs/ names this seed", "error"))
        for line, source_text in seed_items(doc, bulletin.removed if bulletin else frozenset()):
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


def _source_text(doc: Document, docs: Path, bulletin: _BulletinPage) -> list[Diagnostic]:
    """The bulletin's source.txt is the seed as read: every line, artefacts and front matter too."""
    path = docs / urls.source(bulletin.id)
    shown = path.relative_to(docs.parent).as_posix()
    if not path.is_file():
        return [Diagnostic(shown, 1, f"missing: it should hold the text of {doc.path}", "error")]
    text = path.read_bytes().decode("utf-8", errors="replace")
    if text == doc.text:
        return []
    ours, theirs = text.split("\n"), doc.text.split("\n")
    line = next((n for n, (a, b) in enumerate(zip(ours, theirs, strict=False), start=1) if a != b), None)
    line = line or min(len(ours), len(theirs)) + 1
    return [Diagnostic(shown, line, f"differs from {doc.path}:{line}", "error")]


def seed_items(doc: Document, removed: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """(first line, text without numbering and bold markers) of every numbered paragraph, the
    `removed` lines left out."""
    blocks: list[tuple[int, list[str]]] = []  # paragraphs: blank-line separated
    previous_blank = True
    for line in doc.lines:
        if line.number in removed:
            continue
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


def _pages(
    docs: Path, problems: list[Diagnostic]
) -> tuple[dict[tuple[str, int], tuple[str, str]], dict[str, _BulletinPage]]:
    """(seed, line) -> (page path, agency + activities as shown on the page), and seed -> its
    bulletin page; unreadable pages go to `problems`."""
    result, bulletins = {}, {}
    for path in sorted((docs / urls.BULLETINS).parent.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        head = _FRONT_MATTER.match(text)
        fields = dict(_FIELD.findall(head[1] if head else ""))
        page_path = path.relative_to(docs.parent).as_posix()
        if "agency" not in fields:
            if path.name == "index.md" and "source" in fields:  # a bulletin's page
                try:
                    seed, bulletin = json.loads(fields["source"]), json.loads(fields["bulletin"])
                    removed = frozenset(json.loads(fields.get("removed", "[]")))
                    if not (isinstance(seed, str) and isinstance(bulletin, str)):
                        raise ValueError(seed)
                    if not all(isinstance(n, int) for n in removed):
                        raise ValueError(removed)
                except (ValueError, KeyError, TypeError):
                    message = 'front matter needs `source: "FILE"`, `bulletin: "ID"` and `removed: [LINE, …]`'
                    problems.append(Diagnostic(page_path, 1, message, "error"))
                    continue
                bulletins[seed] = _BulletinPage(bulletin, removed)
            continue  # else a page of a year's list
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
        activities = [unescape(a) for a in urls.ACTIVITY_ITEM.findall(text, head.end())]
        result[key] = (page_path, agency + "".join(activities))
    return result, bulletins


def _squash(text: str) -> str:
    # Whitespace is layout (line wraps, the spaces HTML collapses), not content.
    return "".join(text.split())


def _first_difference(source: str, page: str) -> str:
    n = next((i for i, (a, b) in enumerate(zip(source, page, strict=False)) if a != b), min(len(source), len(page)))
    return f"at character {n}: source has {source[n : n + 12]!r}, page has {page[n : n + 12]!r}"
