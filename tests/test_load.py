import os
from pathlib import Path

import pytest

from generator.errors import InputError, Warnings
from generator.load import MAX_SEED_BYTES, seed_files
from tests.helpers import make_project, run

SEED = "2024 年全国“质量月”联合主办单位开展的主要活动\n\n一、公安部开展打击侵权假冒行动。\n"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(SEED, encoding="utf-8")
    return seeds


def refusal(seeds: Path) -> str:
    with pytest.raises(InputError) as refused:
        seed_files(seeds)
    return str(refused.value.diagnostic)


def test_hidden_files_are_skipped_and_a_folder_with_a_note(seeds: Path):
    (seeds / ".a.txt.swp").write_bytes(b"\0")
    (seeds / "drafts").mkdir()
    (seeds / "drafts" / "b.txt").write_text(SEED, encoding="utf-8")
    warnings = Warnings()
    assert seed_files(seeds, warnings) == [seeds / "a.txt"]
    assert [str(d) for d in warnings.items] == [
        f"seeds/drafts:1: note: a folder: skipped (only the files directly in {seeds} are read)"
    ]
    assert warnings.warnings == []  # a note: --strict does not fail on it


def test_a_link_inside_the_folder_is_read_and_one_out_of_it_refused(seeds: Path, tmp_path: Path):
    (seeds / "b.txt").symlink_to("a.txt")
    assert seed_files(seeds) == [seeds / "a.txt", seeds / "b.txt"]
    (seeds / "b.txt").unlink()
    outside = tmp_path / "secret.txt"
    outside.write_text(SEED, encoding="utf-8")
    (seeds / "c.txt").symlink_to(outside)
    expected = f"seeds/c.txt:1: error: a link to {outside}, outside {seeds}: put the file itself in {seeds}"
    assert refusal(seeds) == expected
    (seeds / "c.txt").unlink()
    (seeds / "d.txt").symlink_to("gone.txt")
    assert refusal(seeds) == "seeds/d.txt:1: error: a link to gone.txt, which does not exist"


def test_a_file_over_the_limit_is_refused(seeds: Path):
    with open(seeds / "big.txt", "wb") as big:
        big.truncate(MAX_SEED_BYTES + 1)  # sparse: no 20 MB written
    assert refusal(seeds) == "seeds/big.txt:1: error: file is 20.0 MB, over the 20 MB a seed may have"


def test_a_named_pipe_is_refused_not_read(seeds: Path):
    os.mkfifo(seeds / "pipe.txt")  # reading it would wait for a writer for ever
    assert refusal(seeds) == "seeds/pipe.txt:1: error: not a regular file (a named pipe, socket or device)"


def test_an_unreadable_file_is_refused(seeds: Path, monkeypatch: pytest.MonkeyPatch):
    # Injected: permissions do not stop root, who runs CI's containers.
    real_open = Path.open

    def denied(self: Path, *args, **kwargs):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    assert refusal(seeds) == "seeds/a.txt:1: error: cannot be read: Permission denied"


@pytest.mark.parametrize("name", ["a\nb.txt", "a\tb.txt", "a\udcffb.txt"])
def test_a_name_that_cannot_be_printed_on_one_line_is_refused(seeds: Path, name: str):
    (seeds / name).write_text(SEED, encoding="utf-8")
    message = refusal(seeds)
    assert message.endswith(":1: error: the file name has a control character or is not UTF-8")
    assert "\n" not in message and "\t" not in message
    message.encode("utf-8")  # printable


def test_names_with_spaces_cjk_and_colons_are_seeds_like_any_other(tmp_path: Path):
    work = make_project(tmp_path)
    for seed in list((work / "seeds").iterdir()):
        seed.rename(seed.with_name({"000": "2023 莆田 附件 1.txt", "004": "全国:2024　公告.txt"}[seed.name[:3]]))
    result = run("build", "--strict", cwd=work)
    assert result.returncode == 0, result.stderr
    page = (work / "docs/bulletins/2024-national/public-security.md").read_text(encoding="utf-8")
    assert 'source: "seeds/全国:2024　公告.txt:17"' in page
    assert run("check", cwd=work).returncode == 0
