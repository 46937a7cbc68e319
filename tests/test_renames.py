from pathlib import Path

import pytest

from generator import renames
from generator.errors import DataError
from generator.indexes import timelines
from tests.test_render import ARCHIVE

OWN = {fid: [e for e in es if e.family.id == fid] for fid, es in timelines(ARCHIVE).items()}
CURRENT = {f.id for f in ARCHIVE.families}


def data(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "former_ids.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_is_valid():
    assert isinstance(renames.former_ids(CURRENT), dict)


def test_every_old_url_gets_a_redirect_to_the_new_one(tmp_path: Path):
    renamed = renames.former_ids(CURRENT, data(tmp_path, "former_ids:\n  market-regulation: [quality]\n"))
    files = renames.redirect_files(ARCHIVE, OWN, renamed)
    assert sorted(files) == [
        "agencies/quality/index.html",
        "bulletins/2023-putian/quality/index.html",
        "bulletins/2024-national/quality/index.html",
    ]
    page = files["bulletins/2024-national/quality/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../market-regulation/">' in page
    assert 'location.replace("../market-regulation/" + location.hash)' in page
    assert 'href="../market-regulation/"' in files["agencies/quality/index.html"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("former_ids:\n  market-regulation: [public-security]\n", "former id public-security is a family's id now"),
        ("former_ids:\n  courts: [x]\n  customs: [x]\n", "former id x is also courts's"),
        ("former_ids:\n  courts: [Bad_Id]\n", "does not match"),
    ],
)
def test_bad_former_ids_are_refused(tmp_path: Path, text: str, message: str):
    with pytest.raises(DataError, match=message) as error:
        renames.former_ids(CURRENT, data(tmp_path, text))
    assert ".yml:2: error: " in str(error.value) or ".yml:3: error: " in str(error.value)
