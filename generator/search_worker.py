"""Material's search index, built in a process of its own while `mkdocs build` renders the pages.

Material's search plugin parses each page's HTML and segments its Chinese with jieba, page by page
on the build's one core: about a fifth of the build. The hook (generator/search_hook.py) keeps the
pages out of the plugin's own index and streams them here instead, so a second core does that
work. This process runs Material's own SearchIndex over them: the index is the one Material would
write, entry for entry, only written as UTF-8 instead of \\uXXXX escapes (a third of the bytes).

    python -m generator.search_worker < pages > search_index.json

Input: a JSON object a line, first {"config": the search plugin's settings}, then per page, in the
order of the build, {"url", "title", "content", "toc", "meta"}; `toc` as [[id, [children]], …] and
`meta` holding what Material reads of it (title, tags, search). Output, at the end of the input:
the search_index.json.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass

import jieba
from material.plugins.search.plugin import SearchIndex


@dataclass
class Anchor:
    """What Material reads of a table-of-contents entry."""

    id: str
    children: list[Anchor]

    @property
    def url(self) -> str:
        return "#" + self.id


@dataclass
class Page:
    """What Material's SearchIndex reads of a page."""

    url: str
    title: str
    content: str
    toc: list[Anchor]
    meta: dict


def anchors(toc: list) -> list[Anchor]:
    return [Anchor(id, anchors(children)) for id, children in toc]


def build_index(lines) -> str:
    """search_index.json for the JSON lines read from `lines`."""
    lines = iter(lines)
    settings = json.loads(next(lines))["config"]
    for setting, load in (("jieba_dict", jieba.set_dictionary), ("jieba_dict_user", jieba.load_userdict)):
        if settings.get(setting):  # as Material's on_config (which warns about a missing file)
            path = os.path.normpath(settings[setting])
            if os.path.isfile(path):
                load(path)
    index = SearchIndex(**settings)
    for line in lines:
        page = json.loads(line)
        index.add_entry_from_context(
            Page(page["url"], page["title"], page["content"], anchors(page["toc"]), page["meta"])
        )
    # What SearchIndex.generate_search_index writes for a full build, without the escapes.
    data = {
        "config": {key: settings[key] for key in ("lang", "separator", "pipeline", "fields")},
        "docs": index.entries,
    }
    return json.dumps(data, separators=(",", ":"), default=str, ensure_ascii=False)


def main() -> int:
    jieba.setLogLevel(logging.WARNING)  # not its "Building prefix dict …" in the build's output
    jieba.initialize()  # the dictionary loads while MkDocs reads the pages
    sys.stdout.buffer.write(build_index(sys.stdin.buffer).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
