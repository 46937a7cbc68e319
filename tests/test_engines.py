from pathlib import Path

import pytest

from generator.engines import ENGINES, build_command


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
@pytest.mark.parametrize("full", [False, True])
def test_mkdocs_and_properdocs_build_under_our_driver_into_the_build_folder(tmp_path: Path, engine: str, full: bool):
    config, build, site, cache = (tmp_path / name for name in ("mkdocs.yml", ".site-build", "site", ".site-cache"))
    with build_command(engine, config, build, site, cache, full) as (module, arguments, reports):
        assert (module, reports) == ("generator.sitebuild", True)  # its report: in the cache
        assert arguments[:3] == [engine, str(config), str(build)]
        assert arguments[3:] == ["--site", str(site), "--cache", str(cache)] + (["--full"] if full else [])


@pytest.mark.parametrize("settings", ["site_name: x\nsite_dir: site\ntheme: {}\n", "site_name: x\n"])
def test_zensical_gets_a_copy_of_the_config_that_builds_into_the_build_folder(tmp_path: Path, settings: str):
    config = tmp_path / "mkdocs.yml"
    config.write_text(settings, encoding="utf-8")
    build = tmp_path / ".site-build"
    with build_command("zensical", config, build, tmp_path / "site", tmp_path / "cache") as command:
        module, arguments, reports = command
        copy = Path(arguments[-1])
        assert (module, arguments[:2], reports) == ("zensical", ["build", "--strict"], False)
        assert copy.parent == tmp_path  # beside mkdocs.yml: its relative paths still resolve
        text = copy.read_text(encoding="utf-8")
        assert text.count("site_dir:") == 1 and f"site_dir: {build}" in text
    assert not copy.exists()
    assert config.read_text(encoding="utf-8") == settings


def test_an_unknown_engine_is_refused(tmp_path: Path):
    assert ENGINES == ("mkdocs", "properdocs", "zensical")
    unknown = build_command("hugo", tmp_path / "m.yml", tmp_path, tmp_path, tmp_path)
    with pytest.raises(ValueError, match="unknown engine 'hugo'"), unknown:
        pass
