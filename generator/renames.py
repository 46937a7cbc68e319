"""Renamed families never break links: each URL made with a former id gets a redirect page.

generator/data/former_ids.yml maps a family's id to its former ids. The redirect pages are plain
HTML files in docs/, which MkDocs copies as they are: a meta refresh, and a line of script that
keeps the #fragment (a link to an activity, #a-3, still lands on it).
"""

from __future__ import annotations

from pathlib import Path

from generator import render, urls
from generator.data_files import DATA, load_yaml
from generator.errors import DataError
from generator.indexes import by_year
from generator.model import Archive, Entry

FORMER_IDS_PATH = DATA / "former_ids.yml"


def former_ids(current: set[str], path: Path | None = None) -> dict[str, list[str]]:
    """Family id -> its former ids; DataError if a former id is a family's id now (in `current`) or
    listed twice. `path`: FORMER_IDS_PATH unless given."""
    path = path or FORMER_IDS_PATH
    data: dict[str, list[str]] = load_yaml(path, DATA / "former_ids.schema.json")["former_ids"]
    seen: dict[str, str] = {}
    for family_id, old_ids in data.items():
        for old in old_ids:
            if old in current or old in data:
                raise DataError(str(path), _line(path, family_id), f"former id {old} is a family's id now")
            if seen.setdefault(old, family_id) != family_id:
                raise DataError(str(path), _line(path, family_id), f"former id {old} is also {seen[old]}'s")
    return data


def _line(path: Path, family_id: str) -> int:
    """The line of the file where `family_id`'s entry starts (1 if not found)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{family_id}:")), 1)


def redirect_files(archive: Archive, own: dict[str, list[Entry]], renamed: dict[str, list[str]]) -> dict[str, str]:
    """docs/ path of each old URL's page -> the redirect. `own`: family id -> its own entries."""
    files = {}
    for family_id, old_ids in renamed.items():
        entries = own.get(family_id, [])
        split = len(entries) > render.INDEX_LIMIT
        for old in old_ids:
            files[_page(urls.family(old))] = redirect(urls.family(old), urls.family(family_id))
            if split:
                for year in by_year(entries):
                    files[_page(urls.family_year(old, year))] = redirect(
                        urls.family_year(old, year), urls.family_year(family_id, year)
                    )
            for entry in entries:
                slug = old + entry.slug[len(family_id) :]  # market-regulation-2 -> quality-2
                old_path = urls.entry(entry.bulletin.id, slug)
                files[_page(old_path)] = redirect(old_path, entry.path)
    return files


def _page(path: str) -> str:
    """The HTML file MkDocs would have written for the page at docs/ path `path`."""
    return urls.url(path) + "index.html"


def redirect(old: str, new: str) -> str:
    """A page at `old`'s URL sending the reader to `new`'s (both docs/ paths)."""
    target = render.html(urls.url(urls.html_link(old, new)) or "./")
    return (
        '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>页面已迁移</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n'
        f'<script>location.replace("{target}" + location.hash)</script>\n'
        f'</head>\n<body>\n<p>此页已迁移到<a href="{target}">新地址</a>。</p>\n</body>\n</html>\n'
    )
