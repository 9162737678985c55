"""The curated gazetteer of bodies (``mappings/organisations.yaml``) and lookups into it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from vietgov.mappings import load_yaml
from vietgov.reading.normalize import fold_text


@dataclass(frozen=True)
class Body:
    """One curated organisation."""

    id: str
    name: str
    name_en: str | None
    kind: str
    parent: str | None
    codes: tuple[str, ...]
    short_forms: tuple[str, ...]
    founded: date | None
    dissolved: date | None
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short_forms)


@cache
def bodies() -> dict[str, Body]:
    """All curated bodies by id."""
    out: dict[str, Body] = {}
    for row in load_yaml("organisations.yaml"):
        body = Body(
            id=row["id"],
            name=fold_text(row["name"]),
            name_en=row.get("name_en"),
            kind=row["kind"],
            parent=row.get("parent"),
            codes=tuple(row.get("codes") or ()),
            short_forms=tuple(fold_text(s) for s in row.get("short_forms") or ()),
            founded=_date(row.get("founded")),
            dissolved=_date(row.get("dissolved")),
            source=row["source"],
        )
        if body.id in out:
            raise ValueError(f"organisations.yaml: duplicate id {body.id}")
        out[body.id] = body
    for body in out.values():
        if body.parent and body.parent not in out:
            raise ValueError(f"organisations.yaml: {body.id} has unknown parent {body.parent}")
    return out


@cache
def _name_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_name: dict[str, str] = {}
    for body in bodies().values():
        for name in body.names:
            key = name.lower()
            if by_name.get(key, body.id) != body.id:
                raise ValueError(f"organisations.yaml: name {name!r} is given to two bodies")
            by_name[key] = body.id
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)",
                         re.IGNORECASE)
    return pattern, by_name


def match_body(folded: str, pos: int) -> tuple[Body, int] | None:
    """The longest curated name starting exactly at ``pos`` of folded text, and where it ends.

    Names are matched case-insensitively except that the first letter must be upper case,
    so common words ("chính phủ điện tử") are not taken for a body's name.
    """
    pattern, by_name = _name_pattern()
    m = pattern.match(folded, pos)
    if not m or not folded[pos].isupper():
        return None
    return bodies()[by_name[m.group().lower()]], m.end()


def find_bodies(folded: str) -> list[tuple[Body, int, int]]:
    """Every curated name in folded text: (body, start, end), longest match first, no overlaps."""
    pattern, by_name = _name_pattern()
    return [(bodies()[by_name[m.group().lower()]], m.start(), m.end())
            for m in pattern.finditer(folded) if m.group()[0].isupper()]


def bodies_with_code(code: str) -> list[Body]:
    """Bodies that issue under a symbol code (``TW`` is shared by three central bodies)."""
    return [b for b in bodies().values() if code in b.codes]


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
