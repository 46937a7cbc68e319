from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.formats_fixtures import all_formats
from tests.helpers import build_site, generate_docs, make_project, serve


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds generated into a scratch copy of the project (docs/ filled in)."""
    work = make_project(tmp_path_factory.mktemp("project"))
    generate_docs(work)
    return work


@pytest.fixture(scope="session")
def docs(project: Path) -> Path:
    return project / "docs"


@pytest.fixture(scope="session")
def site(project: Path) -> Path:
    """The built site of the seeds (mkdocs build --strict)."""
    return build_site(project)


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1, base URL ending in /."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 2024 bulletin as Word, PDF, .doc and .wps files (tests/formats_fixtures.py)."""
    return all_formats(tmp_path_factory.mktemp("formats"))
