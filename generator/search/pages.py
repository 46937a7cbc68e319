"""What search knows of a page, for both backends, and the browser code that searches it.

Each searchable page becomes a SearchPage: its URL, title, agency name (agency pages) and items:
the activities of an agency page (`<li id="a-N">`), or the text of each section of another page
(the about page), sections whose heading has data-search-exclude left out. The browser finds a
page when its name or one of its items contains the query, both normalised alike
(generator/search/text.py here, searchNormaliser in generator/search/match.js there, with the
traditional -> simplified table written into the index).

- `lunr` (one file): search/search_index.json keeps Material's `config` (its highlighter reads
  the separator) with the table added, and its `docs` are the SearchPages; the worker
  (match.js + index_worker.js) matches them all in the browser.
- `pagefind` (chunked): generator/search/pagefind_index.py indexes the character bigrams of each page as
  words (`tokens`) and keeps the SearchPages in each record's metadata; the worker
  (match.js + pagefind_worker.js) asks Pagefind for the records holding every bigram of
  the query and matches their pages as above.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import urls
from generator.search.text import normalise, table_for

HERE = Path(__file__).parent
MATCH_SOURCE = HERE / "match.js"
WORKERS = Path("assets") / "javascripts" / "workers"
INDEX = Path("search") / "search_index.json"
_HEADING = re.compile(r"<h[1-6]\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
# Bigram words for Pagefind: each character as 4 letters (its code point in base 26, modulo 26^4:
# a rare clash only adds a candidate, which the browser's match then drops).
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CODE_LENGTH = 4
_CODES = 26**_CODE_LENGTH


@dataclass(frozen=True)
class SearchPage:
    location: str  # site-relative URL
    title: str
    name: str  # the agency's name; "" on a page that is no agency page
    items: tuple[str, ...]
    rank: int  # 0: a bulletin's agency page; 1: any other page, listed after them

    def fields(self) -> dict:
        """As the index and the build cache hold it: dataclasses.asdict without its deep copy of every
        item, 100 times faster."""
        return {
            "location": self.location,
            "title": self.title,
            "name": self.name,
            "items": self.items,
            "rank": self.rank,
        }

    @classmethod
    def from_fields(cls, fields: dict) -> SearchPage:
        return cls(fields["location"], fields["title"], fields["name"], tuple(fields["items"]), fields["rank"])


def search_page(url: str, title: str, content: str, agency: str | None) -> SearchPage:
    """The SearchPage of a page's HTML content (as MkDocs renders it, before the theme)."""
    activities = urls.ACTIVITY_ITEM.findall(content)
    items = [_text(item) for item in activities] if activities else sections(content)
    return SearchPage(url, title, agency or "", tuple(item for item in items if item), 0 if agency else 1)


def sections(content: str) -> list[str]:
    """The text of each section (from a heading to the next), without those whose heading has
    data-search-exclude, as Material's search plugin leaves them out (this site marks headings only)."""
    kept, position, excluded = [], 0, False
    for match in _HEADING.finditer(content):
        if not excluded:
            kept.append(content[position : match.start()])
        position, excluded = match.start(), "data-search-exclude" in match[0]
    if not excluded:
        kept.append(content[position:])
    return [_text(part) for part in kept]


def _text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def page_text(page: SearchPage) -> str:
    return "".join((page.title, page.name, *page.items))


def write_index(site: Path, pages: list[SearchPage], with_pages: bool) -> None:
    """search/search_index.json: Material's config plus the table for the pages' text, and the pages
    themselves `with_pages` (Pagefind keeps them in its records)."""
    target = site / INDEX
    index = json.loads(target.read_text(encoding="utf-8"))
    table = table_for("".join(page_text(page) for page in pages))
    index["config"]["table"] = "".join(t + s for t, s in table.items())
    index["docs"] = [page.fields() for page in pages] if with_pages else []
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def install_worker(site: Path, worker: Path) -> None:
    """Material's search worker, whatever its hashed name, replaced by match.js + `worker`."""
    workers = sorted((site / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker in {site / WORKERS}, found {len(workers)}")
    source = MATCH_SOURCE.read_text(encoding="utf-8") + "\n" + worker.read_text(encoding="utf-8")
    workers[0].write_text(source, encoding="utf-8")
    workers[0].with_name(workers[0].name + ".map").unlink(missing_ok=True)  # it maps Material's code


def _code(char: str) -> str:
    number, letters = ord(char) % _CODES, []
    for _ in range(_CODE_LENGTH):
        number, digit = divmod(number, 26)
        letters.append(_LETTERS[digit])
    return "".join(reversed(letters))


def is_bigram(word: str) -> bool:
    """Whether a word of `tokens` is a bigram (else a field's last character alone)."""
    return len(word) == 2 * _CODE_LENGTH


def tokens(page: SearchPage) -> list[str]:
    """The words Pagefind indexes for a page: each field's normalised character bigrams, and its last
    character alone, so that every character starts a word (a one-character query is a prefix)."""
    words = []
    for field in (page.name, *page.items):
        codes = [_code(char) for char in normalise(field)]
        words += [a + b for a, b in pairwise(codes)] + codes[-1:]
    return words
