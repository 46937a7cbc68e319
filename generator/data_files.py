"""The generator's own data (generator/data/): YAML files, each checked against its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from generator.errors import DataError

DATA = Path(__file__).parent / "data"


def load_yaml(path: Path, schema_path: Path) -> object:
    """The file's data, valid by its schema; DataError naming the file and the place otherwise."""
    import jsonschema  # only when data is loaded: it takes a tenth of the command line's start

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {exc}") from None
    try:
        jsonschema.validate(data, json.loads(schema_path.read_text(encoding="utf-8")))
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise DataError(f"{path}: {where}: {exc.message}") from None
    return data
