from pathlib import Path

import pytest

from generator.engines import ENGINES, build_command


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_mkdocs_and_properdocs_build_strictly_into_the_build_folder(tmp_path: Path, engine: str):
    config = tmp_path / "mkdocs.yml"
    with build_command(engine, config, tmp_path / ".site-build") as command:
        assert command[1:5] == ["-m", engine, "build", "--strict"]
        assert command[-2:] == ["--site-dir", str(tmp_path / ".site-build")]


@pytest.mark.parametrize("settings", ["site_name: x\nsite_dir: site\ntheme: {}\n", "site_name: x\n"])
def test_zensical_gets_a_copy_of_the_config_that_builds_into_the_build_folder(tmp_path: Path, settings: str):
    config = tmp_path / "mkdocs.yml"
    config.write_text(settings, encoding="utf-8")
    build = tmp_path / ".site-build"
    with build_command("zensical", config, build) as command:
        copy = Path(command[-1])
        assert command[1:5] == ["-m", "zensical", "build", "--strict"]
        assert copy.parent == tmp_path  # beside mkdocs.yml: its relative paths still resolve
        text = copy.read_text(encoding="utf-8")
        assert text.count("site_dir:") == 1 and f"site_dir: {build}" in text
    assert not copy.exists()
    assert config.read_text(encoding="utf-8") == settings


def test_an_unknown_engine_is_refused(tmp_path: Path):
    assert ENGINES == ("mkdocs", "properdocs", "zensical")
    with pytest.raises(ValueError, match="unknown engine 'hugo'"), build_command("hugo", tmp_path / "m.yml", tmp_path):
        pass
