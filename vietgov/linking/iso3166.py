"""ISO 3166-2:VN codes of the provincial-level units (``mappings/iso_3166_2_vn.yaml``).

The organisation mapper publishes the code of a province or city it names through
:func:`province_code`. Names are compared with :func:`vietgov.gazetteer.name_key`, and any name
or short form that ``mappings/provinces.yaml`` gives a unit ("TP.HCM") finds that unit's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from vietgov.gazetteer import name_key, provinces
from vietgov.mappings import MappingError, load_yaml

FILE = "iso_3166_2_vn.yaml"
_CODE = re.compile(r"^VN-(?:\d{2}|[A-Z]{2})$")


@dataclass(frozen=True)
class SubdivisionCode:
    """One row: a unit's name, its ISO 3166-2 code and, for an ended unit, its end date
    (exclusive: the unit no longer exists from that day on)."""

    name: str
    code: str
    valid_until: date | None
    source: str


@cache
def subdivision_codes() -> dict[str, SubdivisionCode]:
    """Every row by the name key of its unit's name."""
    out: dict[str, SubdivisionCode] = {}
    codes: set[str] = set()
    for row in load_yaml(FILE):
        code = str(row.get("code") or "")
        if not _CODE.match(code):
            raise MappingError(f"{FILE}: {row.get('name')!r} has no valid code ({code!r})")
        end = row.get("valid_until")
        if end is not None and not isinstance(end, date):
            raise MappingError(f"{FILE}: {code} valid_until must be a date (YYYY-MM-DD)")
        item = SubdivisionCode(str(row["name"]), code, end, str(row["source"]))
        key = name_key(item.name)
        if key in out or code in codes:
            raise MappingError(f"{FILE}: {item.name} / {code} listed twice")
        out[key] = item
        codes.add(code)
    return out


def subdivision(name: str) -> SubdivisionCode | None:
    """The row of the unit called ``name`` (its name or one of its short forms), if any."""
    rows = subdivision_codes()
    found = rows.get(name_key(name))
    if found is not None:
        return found
    key = name_key(name)
    for unit in provinces().values():
        if any(name_key(n) == key for n in unit.names):
            return rows.get(name_key(unit.name))
    return None


def province_code(name: str, *, on: date | None = None) -> str | None:
    """The ISO 3166-2:VN code of the province or centrally-run city called ``name``.

    ``None`` when no checked code is listed for that name; with ``on``, also when the unit had
    ended by that date.
    """
    row = subdivision(name)
    if row is None:
        return None
    if on is not None and row.valid_until is not None and on >= row.valid_until:
        return None
    return row.code
