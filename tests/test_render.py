import os
from collections.abc import Mapping
from pathlib import Path

import frontmatter
import pytest

from generator.errors import Warnings
from generator.match import build_archive
from generator.registry import load_registry
from generator.render import html, md, render_site
from tests.helpers import SITE_NAME, seed_bulletins

GOLDEN = Path(__file__).parent / "golden"
ARCHIVE = build_archive(list(seed_bulletins().values()), load_registry(), Warnings())
FILES = dict(render_site(ARCHIVE, {b.id: f"source of {b.id}\n" for b in ARCHIVE.bulletins}, SITE_NAME))
AGENCY_KEYS = {"title", "bulletin", "year", "region", "level", "agency", "agency_id", "order", "campaigns", "source"}


@pytest.mark.parametrize(
    "path",
    [
        "bulletins/2024-national/market-regulation.md",
        "bulletins/2023-putian/market-regulation.md",
        "bulletins/2023-putian/central-bank.md",
        "bulletins/2024-national/index.md",
        "agencies/market-regulation.md",
        "agencies/emergency-management.md",
        "agencies/index.md",
        "bulletins/index.md",
        "index.md",
        "campaigns/index.md",
        "campaigns/kunlun.md",
    ],
)
def test_golden_pages(path):
    """Whole pages against reviewed copies. UPDATE_GOLDEN=1 rewrites them; review the diff."""
    golden = GOLDEN / path
    if updating_golden(os.environ):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(FILES[path], encoding="utf-8")
    assert FILES[path] == golden.read_text(encoding="utf-8")


def updating_golden(environ: Mapping[str, str]) -> bool:
    """UPDATE_GOLDEN=1 rewrites the golden pages; any other value is a mistake, and in CI (where
    nobody reviews the diff) so is rewriting them at all."""
    value = environ.get("UPDATE_GOLDEN", "")
    if value not in ("", "1"):
        raise ValueError(f"UPDATE_GOLDEN={value!r}: set it to 1 to rewrite the golden pages, or unset it")
    if value and environ.get("CI"):
        raise ValueError("UPDATE_GOLDEN=1 with CI set: golden pages are rewritten locally and reviewed")
    return bool(value)


@pytest.mark.parametrize(
    ("environ", "updating"),
    [({}, False), ({"UPDATE_GOLDEN": ""}, False), ({"UPDATE_GOLDEN": "1"}, True), ({"CI": "true"}, False)],
)
def test_update_golden_is_on_only_for_1(environ, updating):
    assert updating_golden(environ) is updating


@pytest.mark.parametrize(
    "environ",
    [{"UPDATE_GOLDEN": "0"}, {"UPDATE_GOLDEN": "false"}, {"UPDATE_GOLDEN": "yes"}, {"UPDATE_GOLDEN": "1", "CI": "1"}],
)
def test_update_golden_refuses_other_values_and_ci(environ):
    with pytest.raises(ValueError, match="UPDATE_GOLDEN"):
        updating_golden(environ)


def test_one_page_per_agency_per_bulletin_with_front_matter():
    pages = [p for p in FILES if p.startswith("bulletins/") and p.endswith(".md") and not p.endswith("index.md")]
    assert len(pages) == 47
    for path in pages:
        meta = frontmatter.loads(FILES[path]).metadata
        assert meta.keys() >= AGENCY_KEYS, path
        assert path == f"bulletins/{meta['bulletin']}/{meta['agency_id']}.md"


def test_every_family_has_a_page_and_the_overview_links_it():
    families = [p for p in FILES if p.startswith("agencies/") and p != "agencies/index.md"]
    assert len(families) == 26
    for path in families:
        assert f"]({path.removeprefix('agencies/')})" in FILES["agencies/index.md"]


def test_family_timeline_is_newest_year_first():
    page = FILES["agencies/public-security.md"]
    assert page.index('<h2 id="y2024">2024 年</h2>') < page.index('<h2 id="y2023">')
    assert "[公安部](../bulletins/2024-national/public-security.md)" in page


def test_markup_in_text_is_escaped():
    hostile = "<script>alert(1)</script> *em* [x](javascript:alert(1)) {{ x }} {% y %} # h"
    for fragment in ("<script", "*em*", "[x](", "{{", "{%", "# h"):
        assert fragment not in md(hostile)
    # Raw HTML blocks are not read as Markdown: only HTML and template syntax matter there.
    for fragment in ("<script", "{{", "{%"):
        assert fragment not in html(hostile)
    assert md("市场监管总局") == "市场监管总局"
