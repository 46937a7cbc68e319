import os
from pathlib import Path

import pytest

from generator import writer
from generator.errors import Interrupted
from generator.writer import write_site


def test_writes_only_what_changed_and_removes_stale_files(tmp_path: Path):
    docs = tmp_path / "docs"
    first = write_site(docs, {"index.md": "home\n", "bulletins/a/index.md": "a\n", "bulletins/b/index.md": "b\n"})
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    page = docs / "bulletins/a/index.md"
    os.utime(page, ns=(1, 1))
    second = write_site(docs, {"index.md": "home 2\n", "bulletins/a/index.md": "a\n"})
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert page.stat().st_mtime_ns == 1  # unchanged file not rewritten
    assert not (docs / "bulletins/b").exists()  # stale folder gone


def test_bytes_are_written_as_they_are_and_compared_like_text(tmp_path: Path):
    docs = tmp_path / "docs"
    original = b"PK\x03\x04\x00\xff binary attachment"
    first = write_site(docs, {"bulletins/a/source.docx": original, "bulletins/a/source.txt": "正文\n"})
    assert (docs / "bulletins/a/source.docx").read_bytes() == original
    assert (docs / "bulletins/a/source.txt").read_bytes() == "正文\n".encode()
    assert first.written == 2
    again = write_site(docs, {"bulletins/a/source.docx": original, "bulletins/a/source.txt": "正文\n"})
    assert (again.written, again.unchanged) == (0, 2)


def test_a_kept_file_is_left_unread_and_counted_and_one_missing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "home\n", "bulletins/a.md": "a\n"})
    monkeypatch.setattr(writer, "_read", lambda path: pytest.fail(f"{path} read"))
    stats = write_site(docs, [("index.md", writer.KEPT), ("bulletins/a.md", writer.KEPT)])
    assert (stats.written, stats.unchanged, stats.removed) == (0, 2, 0)
    assert (docs / "bulletins/a.md").read_text(encoding="utf-8") == "a\n"
    with pytest.raises(ValueError, match=r"bulletins/b\.md"):
        write_site(docs, [("index.md", "home 2\n"), ("bulletins/b.md", writer.KEPT)])
    assert (docs / "index.md").read_text(encoding="utf-8") == "home\n"  # nothing changed


def test_hand_written_pages_are_never_touched(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "stylesheets").mkdir(parents=True)
    (docs / "about.md").write_text("about\n", encoding="utf-8")
    (docs / "stylesheets/extra.css").write_text("x\n", encoding="utf-8")
    write_site(docs, {"index.md": "home\n"})
    assert (docs / "about.md").read_text(encoding="utf-8") == "about\n"
    assert (docs / "stylesheets/extra.css").exists()
    assert not list(tmp_path.glob(".generate-*"))  # staging cleaned up


@pytest.mark.parametrize("path", ["../x.md", "about.md", "bulletins/../../x.md", "/etc/x", "bulletins/A.md"])
def test_refuses_paths_outside_the_generated_part(tmp_path: Path, path: str):
    with pytest.raises(ValueError, match="refusing"):
        write_site(tmp_path / "docs", {path: "x"})
    assert not (tmp_path / "x.md").exists()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"/" for p in folder.rglob("*")}


def test_a_failed_write_takes_back_what_it_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "home\n", "bulletins/a/index.md": "a\n"})
    before = _tree(docs)
    real_write, calls = writer._Created.write, []

    def disk_full_at_the_third(self, path: str, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_write(self, path, data)

    monkeypatch.setattr(writer._Created, "write", disk_full_at_the_third)
    new = {"index.md": "home 2\n", "bulletins/a/index.md": "a\n", "bulletins/b/c/d.md": "d\n"}
    new |= {f"bulletins/z{n}.md": "z" for n in range(9)}  # every thread has files to write
    with pytest.raises(OSError, match="No space"):
        write_site(docs, new)
    assert len(calls) >= 3  # the first two writes made files (threads: in any order), the third failed
    assert _tree(docs) == before
    assert not list(tmp_path.glob(".generate-*"))


def test_new_files_are_written_in_place_and_counted(tmp_path: Path):
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "home\n"})
    stats = write_site(docs, {"index.md": "home 2\n", "api/pages.json": "[]", "bulletins/x/y/z.md": "z"})
    assert (stats.written, stats.unchanged, stats.removed) == (3, 0, 0)
    assert (docs / "bulletins/x/y/z.md").read_text(encoding="utf-8") == "z"


def test_a_rename_refused_mid_commit_puts_every_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "home\n", "bulletins/a.md": "a\n", "bulletins/b.md": "b\n", "api/x.json": "[]"})
    before = _tree(docs)
    real_replace, calls = os.replace, []

    def read_only_at_the_second(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 2:  # a folder of docs/ that cannot be written
            raise PermissionError(13, "Permission denied", target)
        real_replace(source, target)

    monkeypatch.setattr(writer.os, "replace", read_only_at_the_second)
    with pytest.raises(PermissionError) as refused:
        write_site(docs, {"index.md": "home 2\n", "bulletins/a.md": "a 2\n", "bulletins/new.md": "n\n"})
    assert refused.value.filename == str(docs / "index.md")
    assert _tree(docs) == before  # bulletins/a.md, renamed first, is back; the new file gone; api/x.json kept
    assert not list(tmp_path.glob(".generate-*"))


def test_a_full_disk_names_the_file_in_docs_not_its_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "home\n"})
    before = _tree(docs)

    class Full:
        def __init__(self, path: str, mode: str) -> None:
            self.path = path

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            pass

        def write(self, data: bytes) -> None:
            raise OSError(28, "No space left on device")  # as write() raises it: no file name

    monkeypatch.setattr(writer, "open", Full, raising=False)
    with pytest.raises(OSError) as full:
        write_site(docs, {"index.md": "home 2\n"})  # a changed file: written to the staging folder first
    assert (full.value.strerror, full.value.filename) == ("No space left on device", str(docs / "index.md"))
    assert _tree(docs) == before


def test_a_folder_that_cannot_be_made_takes_back_the_folders_made(tmp_path: Path):
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "home\n"})
    (docs / "bulletins").mkdir()
    (docs / "bulletins/zz").write_text("a file where a folder must go", encoding="utf-8")
    before = _tree(docs)
    with pytest.raises(FileExistsError):
        write_site(docs, {"index.md": "home 2\n", "bulletins/a/b/x.md": "x\n", "bulletins/zz/y.md": "y\n"})
    assert _tree(docs) == before  # bulletins/a/ and a/b/ made, then taken back; index.md not replaced
    assert not list(tmp_path.glob(".generate-*"))


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_signal_at_a_folders_making_takes_back_every_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
):
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "home\n"})
    before = _tree(docs)
    real_mkdir, made = os.mkdir, []

    def interrupted_at_the_second(path, *args) -> None:  # Python runs a handler between two steps
        if "bulletins" not in str(path):  # docs/ itself, the staging folder
            return real_mkdir(path, *args)
        made.append(path)
        if len(made) == 2 and moment == "before":
            raise Interrupted(2)
        real_mkdir(path, *args)
        if len(made) == 2:
            raise Interrupted(2)

    monkeypatch.setattr(writer.os, "mkdir", interrupted_at_the_second)
    with pytest.raises(Interrupted):
        write_site(docs, {"index.md": "home\n", "bulletins/a/b/x.md": "x\n"})
    assert len(made) == 2
    assert _tree(docs) == before and not (docs / "bulletins").exists()
    assert not list(tmp_path.glob(".generate-*"))
