"""The generator's own data (generator/data/): YAML files, each checked against its JSON Schema.

Every error names the file and the line: `agencies.yml:12: error: families/3/id: …`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import yaml

from generator.errors import DataError

DATA = Path(__file__).parent / "data"
# libyaml's safe loader where PyYAML has it (the same data, a twentieth of the time), else PyYAML's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, schema_path: Path) -> object:
    """The file's data, valid by its schema; DataError naming the file, the line and the place otherwise."""
    import jsonschema  # only when data is loaded: it takes a tenth of the command line's start

    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        exc = _python_error(text) or exc
        mark = getattr(exc, "problem_mark", None)
        raise DataError(str(path), mark.line + 1 if mark else 1, f"not valid YAML: {_one_line(exc)}") from None
    except OSError as exc:
        raise DataError(str(path), 1, f"cannot be read: {exc.strerror}") from None
    try:
        jsonschema.validate(data, json.loads(schema_path.read_text(encoding="utf-8")))
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise DataError(str(path), line_of(path, list(exc.absolute_path)), f"{where}: {exc.message}") from None
    return data


def _python_error(text: str) -> yaml.YAMLError | None:
    """PyYAML's own parser's error for the text libyaml refused: it says what it expected and found
    ("expected the node content, but found '<stream end>'"), libyaml less."""
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return exc
    return None


def line_of(path: Path, keys: Sequence[str | int], loader: type = yaml.SafeLoader) -> int:
    """The line where the value at `keys` (mapping keys, list indexes) starts in a YAML file; where
    the path ends early, the line of the deepest value found. Read again from the file: errors only."""
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=loader)
    if node is None:
        return 1
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            found = next((value for name, value in node.value if name.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            found = node.value[key]
        else:
            found = None
        if found is None:
            break
        node = found
    return node.start_mark.line + 1


def _one_line(exc: yaml.YAMLError) -> str:
    """PyYAML's message without its excerpt of the file: the line number says where."""
    problem = getattr(exc, "problem", None)
    return f"{problem}" if problem else " ".join(str(exc).split())
