"""The curated gazetteer of bodies (``mappings/organisations.yaml``) and lookups into it.

Also the other lexical data organisation names are read with: head words
(``organisation_heads.yaml``), the words that decide where a name stops
(``organisation_words.yaml``), the abbreviations written inside names (``abbreviations.yaml``:
"MTTQ" for "Mặt trận Tổ quốc") and the provincial-level units (``provinces.yaml``).
All matching is on folded text (:func:`vietgov.reading.normalize.fold_text`); a curated name is
also found when it is written with abbreviations ("Hội CCB Việt Nam").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from vietgov.mappings import MappingError, load_yaml
from vietgov.reading.normalize import fold_text

KINDS = ("party", "state", "mass", "enterprise", "public-service")
_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Body:
    """One curated organisation.

    ``founded``/``dissolved`` are full dates only; ``start``/``end`` keep the date at the
    precision the source gives (``2025``, ``2025-02`` or ``2025-03-01``).
    """

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
    start: str | None = None
    end: str | None = None
    succeeded_by: tuple[str, ...] = ()
    office: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short_forms)


@cache
def bodies() -> dict[str, Body]:
    """All curated bodies by id."""
    out: dict[str, Body] = {}
    for row in load_yaml("organisations.yaml"):
        start, end = _partial(row.get("founded")), _partial(row.get("dissolved"))
        body = Body(
            id=row["id"],
            name=fold_text(row["name"]),
            name_en=row.get("name_en"),
            kind=row["kind"],
            parent=row.get("parent"),
            codes=tuple(row.get("codes") or ()),
            short_forms=tuple(fold_text(s) for s in row.get("short_forms") or ()),
            founded=_date(start),
            dissolved=_date(end),
            source=row["source"],
            start=start,
            end=end,
            succeeded_by=tuple(row.get("succeeded_by") or ()),
            office=bool(row.get("office")),
        )
        if body.id in out:
            raise ValueError(f"organisations.yaml: duplicate id {body.id}")
        if body.kind not in KINDS:
            raise ValueError(f"organisations.yaml: {body.id} has unknown kind {body.kind!r}")
        out[body.id] = body
    for body in out.values():
        for ref in (body.parent, *body.succeeded_by):
            if ref and ref not in out:
                raise ValueError(f"organisations.yaml: {body.id} refers to unknown body {ref}")
    return out


def name_key(text: str) -> str:
    """Comparison key of a name: folded, lower case, one space, canonical ``-`` and ``,``."""
    text = fold_text(text).lower()
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return re.sub(r"\s+", " ", text).strip()


def _name_regex(name: str) -> str:
    """A name as a regex that allows runs of spaces (and none around ``-`` and ``,``)."""
    parts = re.split(r"(\s*-\s*|\s*,\s*|\s+)", name)
    out = []
    for part in parts:
        if not part:
            continue
        if part.strip() == "-":
            out.append(r" *- *")
        elif part.strip() == ",":
            out.append(r" *, *")
        elif part.isspace():
            out.append(r" +")
        else:
            out.append(re.escape(part))
    return "".join(out)


@cache
def _name_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_name: dict[str, str] = {}
    for body in bodies().values():
        for name in body.names:
            key = name_key(name)
            if by_name.get(key, body.id) != body.id:
                raise ValueError(f"organisations.yaml: name {name!r} is given to two bodies")
            by_name[key] = body.id
    for body in bodies().values():  # the same names written with abbreviations
        for name in body.names:
            for variant in abbreviated_forms(name):
                by_name.setdefault(name_key(variant), body.id)
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(_name_regex, names)) + r")(?!\w)",
                         re.IGNORECASE)
    return pattern, by_name


def body_named(name: str) -> Body | None:
    """The curated body with this full name or short form (case-insensitive, abbreviations
    spelled out or not), if any."""
    by_name = _name_pattern()[1]
    body_id = by_name.get(name_key(name)) or by_name.get(name_key(expand_abbreviations(name)))
    return bodies()[body_id] if body_id else None


# --------------------------------------------------------------------------------------
#  Abbreviations inside names
# --------------------------------------------------------------------------------------


@cache
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(abbreviation, spelled-out words) pairs of ``abbreviations.yaml``, folded."""
    return tuple((fold_text(str(r["abbreviation"])), fold_text(str(r["expansion"])))
                 for r in load_yaml("abbreviations.yaml"))


def _word_regex(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _name_regex(text) + r"(?!\w)")


def expand_abbreviations(text: str) -> str:
    """``text`` with every abbreviation of ``abbreviations.yaml`` spelled out (whole words,
    case as written): "Ủy ban Trung ương MTTQ Việt Nam" → "… Mặt trận Tổ quốc Việt Nam"."""
    for short, full in abbreviations():
        text = _word_regex(short).sub(full, text)
    return text


def abbreviated_forms(name: str) -> set[str]:
    """Other ways of writing ``name`` with the abbreviations of ``abbreviations.yaml`` (every
    combination), not including ``name`` itself."""
    forms = {name}
    for short, full in abbreviations():
        pattern = re.compile(r"(?<!\w)" + _name_regex(full) + r"(?!\w)", re.IGNORECASE)
        forms |= {pattern.sub(short, form) for form in forms if pattern.search(form)}
    forms.discard(name)
    return forms


def match_body(folded: str, pos: int) -> tuple[Body, int] | None:
    """The longest curated name starting exactly at ``pos`` of folded text, and where it ends.

    Names are matched case-insensitively except that the first letter must be upper case,
    so common words ("chính phủ điện tử") are not taken for a body's name.
    """
    pattern, by_name = _name_pattern()
    m = pattern.match(folded, pos)
    if not m or not folded[pos].isupper():
        return None
    return bodies()[by_name[name_key(m.group())]], m.end()


def find_bodies(folded: str) -> list[tuple[Body, int, int]]:
    """Every curated name in folded text: (body, start, end), longest match first, no overlaps."""
    pattern, by_name = _name_pattern()
    return [(bodies()[by_name[name_key(m.group())]], m.start(), m.end())
            for m in pattern.finditer(folded) if m.group()[0].isupper()]


def bodies_with_code(code: str) -> list[Body]:
    """Bodies that issue under a symbol code (``TW`` is shared by three central bodies)."""
    return [b for b in bodies().values() if code in b.codes]


# --------------------------------------------------------------------------------------
#  Head words, name-boundary words, provinces
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """A head word of organisation names (a row of ``organisation_heads.yaml``)."""

    head: str
    forms: tuple[str, ...]
    kind: str | None
    links: str  # party | sub | none
    bare: bool = False
    bare_means: str | None = None
    department: bool = False
    numbered: bool = False
    committee_of: str | None = None
    same_as: tuple[str, str] | None = None  # (of, is): "<head> <of> X" is "<is> X"
    place: str | None = None
    place_levels: tuple[str, ...] = ()
    source: str = ""
    local_levels: tuple[str, ...] = ()  # levels below the province: "Đảng ủy phường X"
    organ: bool = False  # an organ of the body it names: its kind is that body's kind
    ministry_field: bool = False  # named after the field of a ministry ("Sở Tài chính")


@cache
def heads() -> tuple[Head, ...]:
    """All head words, longest written form first."""
    out = []
    for row in load_yaml("organisation_heads.yaml"):
        same = row.get("same_as")
        head = Head(
            head=fold_text(row["head"]),
            forms=tuple(fold_text(f) for f in (row["head"], *(row.get("forms") or ()))),
            kind=row.get("kind"),
            links=row.get("links") or "none",
            bare=bool(row.get("bare")),
            bare_means=_fold_opt(row.get("bare_means")),
            department=bool(row.get("department")),
            numbered=bool(row.get("numbered")),
            committee_of=_fold_opt(row.get("committee_of")),
            same_as=(fold_text(same["of"]), fold_text(same["is"])) if same else None,
            place=row.get("place"),
            place_levels=tuple(fold_text(x) for x in row.get("place_levels") or ()),
            source=row["source"],
            local_levels=tuple(fold_text(x) for x in row.get("local_levels") or ()),
            organ=bool(row.get("organ")),
            ministry_field=bool(row.get("ministry_field")),
        )
        if head.kind is not None and head.kind not in KINDS:
            raise MappingError(f"organisation_heads.yaml: {head.head} has unknown kind")
        if head.links not in ("party", "sub", "none"):
            raise MappingError(f"organisation_heads.yaml: {head.head} has unknown links")
        out.append(head)
    return tuple(out)


@cache
def _head_index() -> tuple[re.Pattern[str], dict[str, Head]]:
    by_form: dict[str, Head] = {}
    for head in heads():
        for form in head.forms:
            by_form.setdefault(name_key(form), head)
    forms = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(_name_regex, forms)) + r")(?!\w)",
                         re.IGNORECASE)
    return pattern, by_form


def head_named(text: str) -> Head | None:
    """The head row whose head or form is ``text`` (case-insensitive)."""
    return _head_index()[1].get(name_key(text))


def match_head(folded: str, pos: int) -> tuple[Head, int] | None:
    """The longest head word starting at ``pos`` (first letter upper case), and its end."""
    if pos >= len(folded) or not folded[pos].isupper():
        return None
    pattern, by_form = _head_index()
    m = pattern.match(folded, pos)
    if not m:
        return None
    return by_form[name_key(m.group())], m.end()


@cache
def words(role: str) -> tuple[str, ...]:
    """The folded words of one role in ``organisation_words.yaml``, longest first."""
    rows = load_yaml("organisation_words.yaml")
    found = {fold_text(str(r["word"])) for r in rows if r["role"] == role}
    if not found and role not in {str(r["role"]) for r in rows}:
        raise KeyError(f"organisation_words.yaml has no role {role!r}")
    return tuple(sorted(found, key=len, reverse=True))


@cache
def _word_pattern(role: str, case_sensitive: bool) -> re.Pattern[str]:
    alternatives = "|".join(map(_name_regex, words(role)))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", flags)


def match_word(folded: str, pos: int, role: str, case_sensitive: bool = False) -> int | None:
    """End of a word of ``role`` starting exactly at ``pos``, or ``None``."""
    m = _word_pattern(role, case_sensitive).match(folded, pos)
    return m.end() if m else None


@dataclass(frozen=True)
class Province:
    """A provincial-level unit (province or centrally-run city), before or after the 2025 merger."""

    id: str
    name: str
    kind: str  # province | city
    short_forms: tuple[str, ...]
    in_63: bool
    in_34: bool
    merged_into: str | None
    merged_from: tuple[str, ...]
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short_forms)


@cache
def provinces() -> dict[str, Province]:
    """All provincial-level units by id."""
    out: dict[str, Province] = {}
    for row in load_yaml("provinces.yaml"):
        unit = Province(
            id=row["id"], name=fold_text(row["name"]), kind=row["kind"],
            short_forms=tuple(fold_text(s) for s in row.get("short_forms") or ()),
            in_63=bool(row["in_63"]), in_34=bool(row["in_34"]),
            merged_into=row.get("merged_into"),
            merged_from=tuple(row.get("merged_from") or ()), source=row["source"],
        )
        if unit.id in out:
            raise ValueError(f"provinces.yaml: duplicate id {unit.id}")
        out[unit.id] = unit
    return out


@cache
def _province_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_name = {name_key(n): p.id for p in provinces().values() for n in p.names}
    names = sorted({n for p in provinces().values() for n in p.names}, key=len, reverse=True)
    return (re.compile(r"(?<!\w)(?:" + "|".join(map(_name_regex, names)) + r")(?!\w)"),
            by_name)


def match_province(folded: str, pos: int) -> tuple[Province, int] | None:
    """The province or city whose name starts at ``pos`` (case as written), and its end."""
    pattern, by_name = _province_pattern()
    m = pattern.match(folded, pos)
    if not m:
        return None
    return provinces()[by_name[name_key(m.group())]], m.end()


def _fold_opt(value: Any) -> str | None:
    return fold_text(str(value)) if value else None


def _partial(value: object) -> str | None:
    """An ISO date of any precision as text (YAML gives a date, an int or a string)."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not _ISO_PARTIAL.match(text):
        raise ValueError(f"organisations.yaml: bad date {value!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    return text


def _date(value: str | None) -> date | None:
    if value is None or len(value) != 10:
        return None
    return date.fromisoformat(value)


@cache
def name_words() -> frozenset[str]:
    """Capitalised words with lower-case syllables that curated names are made of.

    Taken from the gazetteer's names and the head words: "Trung ương", "Điện lực", "Cựu chiến
    binh" … (every capitalised syllable with the lower-case syllables after it, and the
    shorter prefixes of those). A name read from text may keep such a word whole even when a
    stop word, not punctuation, ends it.
    """
    texts = [n for b in bodies().values() for n in b.names]
    texts += [f for h in heads() for f in h.forms]
    skip = set(words("connector")) | set(words("stop"))
    out: set[str] = set()
    for text in texts:
        tokens = re.findall(r"[^\W_]+", text)
        for i, tok in enumerate(tokens):
            if not tok[0].isupper():
                continue
            j = i + 1
            while j < len(tokens) and tokens[j][0].islower() and tokens[j] not in skip:
                out.add(name_key(" ".join(tokens[i:j + 1])))
                j += 1
    return frozenset(out)
