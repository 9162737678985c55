"""Load the curated reference data in ``mappings/`` (YAML), checking every row names its source."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from vietgov.paths import MAPPINGS


class MappingError(ValueError):
    """A file in ``mappings/`` is malformed."""


@cache
def load_yaml(name: str) -> tuple[dict[str, Any], ...]:
    """Rows of ``mappings/<name>``: a YAML list of mappings, each with a non-empty ``source``."""
    path = MAPPINGS / name
    with path.open(encoding="utf-8") as fh:
        rows = yaml.safe_load(fh)
    if not isinstance(rows, list):
        raise MappingError(f"{path}: expected a list of rows")
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise MappingError(f"{path}: row {i} is not a mapping")
        if not str(row.get("source") or "").strip():
            raise MappingError(f"{path}: row {i} ({_label(row)}) has no source")
    return tuple(rows)


def _label(row: dict[str, Any]) -> str:
    for key in ("id", "code", "variant", "name"):
        if key in row:
            return f"{key}={row[key]!r}"
    return "?"
