"""The Nu Html Checker (vnu.jar) on every page of the built site."""

import json
import shutil
import subprocess

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


def vnu(paths) -> list[dict]:
    if not shutil.which("java"):
        pytest.fail("java is missing: apt-get install default-jre-headless (see .ci/run)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stderr)["messages"]


def test_no_html_error_from_our_templates_or_content(site):
    messages = vnu([site])
    errors = [m for m in messages if m["type"] == "error"]
    ours = [
        f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors if not m["message"].startswith(tuple(THEME))
    ]
    assert ours == []


def test_the_checker_finds_errors_when_there_are_some(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=zh><title>x</title><p><div></p>", encoding="utf-8")
    assert any(m["type"] == "error" for m in vnu([page]))
