"""Every external identifier in ``mappings/`` (a Wikidata item, an ISO code, a link target, any
IRI of another dataset) sits in a row whose ``source`` says where it comes from."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from vietgov.paths import MAPPINGS

# keys that hold an identifier of another dataset, whatever the value looks like
EXTERNAL_KEYS = {"wikidata", "qid", "iso_3166_2", "iso3166", "code_iso", "target", "same_as",
                 "exact_match", "close_match", "geonames", "viaf", "isni", "uri", "iri"}
# values that look like one, under any other key
EXTERNAL_VALUES = (
    re.compile(r"^Q[1-9]\d*$"),                          # a Wikidata item
    re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$"),             # an ISO 3166-2 code
    re.compile(r"^https?://(?!w3id\.org/vietgov)\S+$"),  # an IRI outside this project
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value.strip()
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), 2):
                yield n, row
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for n, row in enumerate(data if isinstance(data, list) else [], 1):
        if isinstance(row, dict):
            yield n, row


def unsourced_identifiers(folder: Path) -> tuple[int, list[str]]:
    """(rows holding an external identifier, those of them without a source)."""
    seen, missing = 0, []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.csv")]):
        for n, row in _rows(path):
            keys = [k for k, v in row.items() if k != "source" and (
                (str(k).lower() in EXTERNAL_KEYS and any(_strings(v)))
                or any(p.match(s) for s in _strings(v) for p in EXTERNAL_VALUES))]
            if not keys:
                continue
            seen += 1
            if not str(row.get("source") or "").strip():
                missing.append(f"{path.name} row {n}: {', '.join(map(str, keys))} without source")
    return seen, missing


def test_every_external_identifier_in_mappings_has_a_source() -> None:
    seen, missing = unsourced_identifiers(MAPPINGS)
    assert missing == []
    assert seen >= 64  # the ISO 3166-2 codes and the seed links at least


def test_a_row_without_source_is_reported(tmp_path: Path) -> None:
    (tmp_path / "bodies.yaml").write_text(
        "- id: a\n  wikidata: Q42\n  source: somewhere\n"
        "- id: b\n  wikidata: Q43\n"
        "- id: c\n  note: http://example.org/c\n  source: ''\n"
        "- id: d\n  name: no identifier here\n",
        encoding="utf-8")
    (tmp_path / "links.csv").write_text(
        "subject,target,source\norg/a,http://example.org/a,checked\norg/b,http://example.org/b,\n",
        encoding="utf-8")
    seen, missing = unsourced_identifiers(tmp_path)
    assert seen == 5
    assert missing == ["bodies.yaml row 2: wikidata without source",
                       "bodies.yaml row 3: note without source",
                       "links.csv row 3: target without source"]
