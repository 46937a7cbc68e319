"""Material's search index, built in a process of its own while `mkdocs build` renders the pages.

Material's search plugin parses each page's HTML and segments its Chinese with jieba, page by page
on the build's one core (its share of the build: benchmarks/RESULTS.md). The hook (generator/search/hook.py) keeps the
pages out of the plugin's own index and streams them here instead, so a second core does that
work. This process runs Material's own SearchIndex over them: the index is the one Material would
write, entry for entry, only written as UTF-8 instead of \\uXXXX escapes (fewer bytes).

    python -I generator/search/indexer.py < pickled messages > search_index.json

Input: pickled messages, one after another: {"config": the search plugin's settings}, then per
page, in the order of the build, {"url", "title", "content", "toc", "meta"} (the page's own
objects: the toc's AnchorLinks, its front matter's title, tags and search), then {"end": True}.
Pickle keeps every value's type, so Material sees what it would have seen. Output, after the end:
the search_index.json. Input that stops before the end (the build failed) writes nothing and
exits with 1.

It imports nothing from the generator package, so it runs isolated (`-I`): no folder of the
current directory can stand in for a module it needs.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import jieba
from material.plugins.search.plugin import SearchIndex


@dataclass
class Page:
    """What Material's SearchIndex reads of a page."""

    url: str
    title: str
    content: str
    toc: list
    meta: dict


class EndedEarly(Exception):
    """The input stopped before its end message: the build that sent it failed."""


def messages(stream: BinaryIO) -> Iterator[dict]:
    while True:
        try:
            message = pickle.load(stream)
        except EOFError:
            raise EndedEarly from None
        if message.get("end"):
            return
        yield message


def build_index(stream: BinaryIO) -> str:
    """search_index.json for the messages read from `stream`."""
    incoming = messages(stream)
    settings = next(incoming)["config"]
    for setting, load in (("jieba_dict", jieba.set_dictionary), ("jieba_dict_user", jieba.load_userdict)):
        if settings.get(setting):  # as Material's on_config (which warns about a missing file)
            path = os.path.normpath(settings[setting])
            if os.path.isfile(path):
                load(path)
    jieba.initialize()  # the dictionary loads while MkDocs reads the pages
    index = SearchIndex(**settings)
    for page in incoming:
        index.add_entry_from_context(Page(**page))
    # What SearchIndex.generate_search_index writes for a full build, without the escapes.
    config = {key: settings[key] for key in ("lang", "separator", "pipeline", "fields")}
    data = {"config": config, "docs": index.entries}
    return json.dumps(data, separators=(",", ":"), default=str, ensure_ascii=False)


def main() -> int:
    jieba.setLogLevel(logging.WARNING)  # not its "Building prefix dict …" in the build's output
    try:
        index = build_index(sys.stdin.buffer)
    except EndedEarly:
        return 1
    sys.stdout.buffer.write(index.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
