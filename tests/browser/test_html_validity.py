"""The Nu Html Checker (vnu.jar) on every page of the built site."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import NODE_MODULES

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Errors that Material's own templates cause on every page, not our templates or content.
THEME = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        "Material's hidden checkbox toggles (drawer, search) carry autocomplete=off"
    ),
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.": (
        "Material's menu and search buttons are labels for those hidden checkboxes"
    ),
}


def vnu(*paths: Path) -> tuple[list[dict], set[Path]]:
    """vnu's messages, and the files it read (--verbose names each on stdout)."""
    if not shutil.which("java"):
        pytest.fail("java is missing: apt-get install default-jre-headless (see .ci/run)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", "--verbose", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stderr)["messages"], {Path(line).absolute() for line in result.stdout.splitlines()}


def problems(folder: Path) -> list[str]:
    """Every HTML error in `folder` not listed in THEME, every page vnu could not check (a
    non-document-error: it could not read or parse it), and every page it did not read at all."""
    messages, checked = vnu(folder)
    pages = {page.absolute() for page in folder.rglob("*.html")}
    found = [
        f"{m.get('url')}:{m.get('lastLine')}: {m['type']}: {m['message']}"
        for m in messages
        if m["type"] == "non-document-error" or (m["type"] == "error" and not m["message"].startswith(tuple(THEME)))
    ]
    return found + [f"{page}: not checked" for page in sorted(pages - checked)]


def test_no_html_error_from_our_templates_or_content(site):
    assert problems(site) == []


def test_the_checker_finds_errors_and_unread_pages(tmp_path):
    (tmp_path / "good.html").write_text("<!DOCTYPE html><html lang=zh><title>x</title><p>x", encoding="utf-8")
    (tmp_path / "bad.html").write_text("<!DOCTYPE html><html lang=zh><title>x</title><p><div></p>", encoding="utf-8")
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")  # listed, but there is nothing to read
    found = problems(tmp_path)
    assert found[-1] == f"{tmp_path / 'gone.html'}: not checked", found
    assert found[:-1] and all("/bad.html:1: error: " in problem for problem in found[:-1]), found


def test_a_non_document_error_is_a_problem(monkeypatch, tmp_path):
    """vnu says non-document-error when it cannot read or parse a page at all (an I/O error, a
    timeout): such a page was not checked, so it fails the test like an error would."""
    unread = {"type": "non-document-error", "subType": "io", "url": "file:x.html", "message": "Read timed out"}
    monkeypatch.setattr(__name__ + ".vnu", lambda *paths: ([unread], set()))
    assert problems(tmp_path) == ["file:x.html:None: non-document-error: Read timed out"]
