"""Seed metadata: the keys a maintainer may add to a seed, in one table.

Each key says what YAML must give for it, how it is checked, where it shows (a label on the
bulletin page, the public api/bulletins.json) and whether it overrides what the title says.
Adding a key is one line in FIELDS (and its test).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.errors import InputError
from generator.model import LEVELS


def _any(value: object) -> str | None:
    return None


def _url(value: str) -> str | None:
    return None if re.match(r"^https?://[^\s<>\"]+$", value) else f"must be an http(s) URL, not {value!r}"


def _year(value: int) -> str | None:
    return None if 1900 <= value <= 2999 else f"{value} is not a plausible year"


def _level(value: str) -> str | None:
    return None if value in LEVELS else f"must be one of {', '.join(LEVELS)}, not {value!r}"


@dataclass(frozen=True)
class Field:
    key: str
    kind: type | None  # what YAML must give; None: any scalar, kept as text (2024-08-30, 2024年8月)
    label: str = ""  # shown on the bulletin page under this label; "" = not shown there
    public: bool = False  # in api/bulletins.json, as text
    check: Callable = _any  # the value -> a message saying what is wrong, or None


# In the order the bulletin page shows them.
FIELDS = (
    Field("notice", str, label="所附通知", public=True),
    Field("doc_number", str, label="发文字号", public=True),  # 市监质发〔2024〕81号
    Field("issuer", str, label="发布单位", public=True),
    Field("written", None, label="成文日期", public=True),
    Field("published", None, label="发布日期", public=True),
    Field("source_url", str, public=True, check=_url),
    Field("year", int, check=_year),  # overrides the title's
    Field("region", str),  # overrides the title's
    Field("level", str, check=_level),  # overrides what the region says
)
KEYS = {f.key: f for f in FIELDS}


def checked_meta(raw: dict, path: str, line: int) -> dict:
    """The seed's metadata, each value of its kind and checked; InputError at `path`:`line` if not."""
    unknown = sorted(str(key) for key in raw if key not in KEYS)
    if unknown:
        allowed = ", ".join(sorted(KEYS))
        raise InputError(path, line, f"unknown front matter key {unknown[0]!r} (allowed: {allowed})")
    meta = {}
    for key, value in raw.items():
        field = KEYS[key]
        if field.kind is None:
            value = str(value)
        elif not isinstance(value, field.kind) or isinstance(value, bool):
            raise InputError(path, line, f"front matter {key} must be {field.kind.__name__}, not {value!r}")
        if problem := field.check(value):
            raise InputError(path, line, f"front matter {key} {problem}")
        meta[key] = value
    return meta


def shown(meta: dict) -> list[tuple[str, str]]:
    """(label, value) of the keys the bulletin page shows, in FIELDS order."""
    return [(f.label, str(meta[f.key])) for f in FIELDS if f.label and f.key in meta]


def public(meta: dict) -> dict[str, str]:
    """The keys api/bulletins.json carries, as text."""
    return {key: str(meta[key]) for key in sorted(meta) if KEYS[key].public}
