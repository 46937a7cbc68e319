"""`make site`'s own step over the built HTML, after any engine's build and before the swap.

Every page of the archive repeats the theme's chrome; at 10^5 pages that chrome, not the
archive's text, is what would outgrow GitHub Pages' 1 GB. Per page, in this order:

- icons: each inline icon `<svg xmlns=… viewBox=…>…</svg>` becomes a reference,
  `<svg><use href="…/assets/icons.svg#i-…"></use></svg>`; `assets/icons.svg` holds each icon once
  (its id is a hash of its markup, so a page never points at the wrong icon). A page with no
  theme stylesheet link (nothing to tell where assets/ is) keeps its icons inline.
- the theme's `__config` JSON, the same on every page but for where the site's root is (`base`, and
  the search worker under it): once in `assets/javascripts/config.js`, which puts the page's own
  `<script id="__config">` back in place before Material's bundle reads it (the root from the
  script's own address). A page whose config differs, or whose root is not relative (404.html),
  keeps it inline, in UTF-8 instead of `\\uXXXX` escapes (`<`, `>`, `&` stay escaped).
- the engine's `<meta name="generator">` (its name and version) goes: no reader or crawler uses
  it, and at 10^5 pages it would cost 6 MB of Pages' 1 GB.
- minify-html: whitespace the browser collapses anyway, optional quotes; closing tags, text,
  attribute values and `&lt;` stay.

Then the sitemap is rewritten compact and within the protocol's limits (generator/sitemap.py).

What a reader sees and what search indexes is unchanged: the search index and Pagefind are built
from the pages' content during the build, and tests/test_postbuild.py compares every page's
text before and after. Engine-neutral (MkDocs, ProperDocs and Zensical write the same markup
for these), so it is plain code here rather than a MkDocs hook.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator import sitemap

SPRITE = "assets/icons.svg"
CONFIG = "assets/javascripts/config.js"
_RELATIVE = re.compile(r"\.|\.\.(?:/\.\.)*")  # a page's way to the root, as MkDocs writes `base`
_ICON = re.compile(
    r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9. ]+)">((?:(?!<svg)[^<]|<(?!/svg>))*)</svg>'
)
_ASSETS = re.compile(r'<link rel="stylesheet" href="([^"]*?)assets/stylesheets/')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">\s*')
_JSON_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
_LT = "\ue000"  # a private-use character stands in for `&lt;` while minify-html runs
_CHUNK = 256  # pages a worker process takes at once


@dataclass(frozen=True)
class Icon:
    view_box: str
    body: str

    @property
    def id(self) -> str:
        return "i-" + hashlib.sha256(f"{self.view_box}\n{self.body}".encode()).hexdigest()[:6]


@dataclass(frozen=True)
class Stats:
    pages: int
    bytes_before: int
    bytes_after: int
    icons: int
    addresses: int  # in the sitemap
    page_icons: dict[str, frozenset[Icon]] = field(default_factory=dict, compare=False)  # by page path

    def summary(self) -> str:
        return (
            f"postbuild: {self.pages:,} pages, {self.bytes_before:,} -> {self.bytes_after:,} bytes, "
            f"{self.icons} icons, {self.addresses:,} addresses in the sitemap"
        )


def shared_config(page: str) -> dict | None:
    """The theme's config as config.js holds it: `page`'s (the site's home page, whose root is `.`),
    without the root; None if it has none to share."""
    match = _CONFIG.search(page)
    value = json.loads(match.group(2)) if match else None
    if not isinstance(value, dict) or value.get("base") != "." or not isinstance(value.get("search"), str):
        return None
    del value["base"]
    return value


def _shares(value: dict, shared: dict) -> bool:
    """Whether config.js gives back `value`: the shared config, its root `value`'s and its search
    worker below that root (as the home page writes it, `assets/…` or `./assets/…`, at the root)."""
    base = value.get("base")
    if base == ".":
        return value == {**shared, "base": base}
    search = f"{base}/{shared['search'].removeprefix('./')}"
    return bool(_RELATIVE.fullmatch(str(base))) and value == {**shared, "base": base, "search": search}


def config_script(config: dict) -> str:
    """assets/javascripts/config.js: `config` as the page's `<script id="__config">`, its root (and
    search worker) from the address this script was loaded from."""
    data = json.dumps(config, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SAFE)
    return (
        "// generator/postbuild.py: the theme's config, the same on every page but for its root, which is\n"
        "// where this file is (base/assets/javascripts/config.js). Put back as the page's #__config.\n"
        "(() => {\n"
        "  const script = document.currentScript;\n"
        f'  const base = script.getAttribute("src").slice(0, -"{CONFIG}".length).replace(/\\/$/, "") || ".";\n'
        f"  const config = {data};\n"
        "  config.base = base;\n"
        '  if (base !== ".") config.search = `${base}/${config.search.replace(/^\\.\\//, "")}`;\n'
        '  const element = document.createElement("script");\n'
        '  element.id = "__config";\n'
        '  element.type = "application/json";\n'
        "  element.textContent = JSON.stringify(config);\n"
        "  script.after(element);\n"
        "})();\n"
    )


def slim_page(text: str, shared: dict | None = None) -> tuple[str, set[Icon]]:
    """One page, slimmed; and the icons it now refers to. `shared`: the config in config.js."""
    icons: set[Icon] = set()
    if assets := _ASSETS.search(text):
        sprite = assets.group(1) + SPRITE

        def refer(match: re.Match) -> str:
            icon = Icon(match.group(1), match.group(2))
            icons.add(icon)
            return f'<svg><use href="{sprite}#{icon.id}"></use></svg>'

        text = _ICON.sub(refer, text)
    text = _CONFIG.sub(lambda match: _compact_config(match, shared), text)
    text = _GENERATOR.sub("", text, count=1)
    return _minify(text), icons


def _compact_config(match: re.Match, shared: dict | None = None) -> str:
    value = json.loads(match.group(2))
    if shared is not None and isinstance(value, dict) and _shares(value, shared):
        root = "" if value["base"] == "." else value["base"] + "/"
        return f'<script src="{root}{CONFIG}"></script>'
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SAFE)
    return match.group(1) + compact + match.group(3)


def _minify(text: str) -> str:
    """minify-html, except that `&lt;` stays `&lt;`: minify-html would write a plain `<` wherever the
    HTML standard allows it (in <title>, attribute values, `<` before a space), which is still text
    to a browser but reads as a tag to a lenient parser. A page that already holds the stand-in
    character is left as it is."""
    import minify_html  # only where pages are slimmed: the other commands never load it

    if _LT in text:
        return text
    slim = minify_html.minify(text.replace("&lt;", _LT), keep_closing_tags=True, keep_html_and_head_opening_tags=True)
    return slim.replace(_LT, "&lt;")


def sprite(icons: Iterable[Icon]) -> str:
    """assets/icons.svg: one <symbol> per icon, in id order (the same icons give the same file)."""
    symbols = "".join(
        f'<symbol id="{icon.id}" viewBox="{icon.view_box}">{icon.body}</symbol>'
        for icon in sorted(icons, key=lambda icon: icon.id)
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'


def _slim_files(paths: list[str], shared: dict | None = None) -> tuple[int, int, dict[str, frozenset[Icon]]]:
    before = after = 0
    icons: dict[str, frozenset[Icon]] = {}
    for path in paths:
        raw = Path(path).read_bytes()
        slim, used = slim_page(raw.decode("utf-8"), shared)
        data = slim.encode("utf-8")
        if data != raw:
            Path(path).write_bytes(data)
        before, after = before + len(raw), after + len(data)
        icons[path] = frozenset(used)
    return before, after, icons


def postbuild(site: Path, kept: Iterable[Icon] = ()) -> Stats:
    """Slim every page of `site` in place and write its icon sprite; both cores when there are many.

    `kept`: the icons of pages an incremental build took from the previous site as they were
    (generator/sitebuild.py): `site` then holds only the pages it rendered, and the sprite all
    the icons of both."""
    pages = sorted(str(path) for path in site.rglob("*.html"))
    chunks = [pages[start : start + _CHUNK] for start in range(0, len(pages), _CHUNK)]
    home = site / "index.html"
    shared = shared_config(home.read_text(encoding="utf-8")) if home.is_file() else None
    if shared is not None:
        (site / CONFIG).parent.mkdir(parents=True, exist_ok=True)
        (site / CONFIG).write_text(config_script(shared), encoding="utf-8")
    if len(chunks) > 1 and (os.cpu_count() or 1) > 1:
        # Fresh workers, not forks: forked from the site build they would each carry its memory.
        with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(_slim_files, chunks, [shared] * len(chunks)))
    else:
        results = [_slim_files(chunk, shared) for chunk in chunks]
    page_icons = {
        Path(path).relative_to(site).as_posix(): used for _, _, icons in results for path, used in icons.items()
    }
    icons = set(kept).union(*page_icons.values())
    if icons:
        (site / SPRITE).parent.mkdir(parents=True, exist_ok=True)
        (site / SPRITE).write_text(sprite(icons), encoding="utf-8")
    addresses = sitemap.rewrite(site)
    before, after = sum(r[0] for r in results), sum(r[1] for r in results)
    return Stats(len(pages), before, after, len(icons), addresses, page_icons)
