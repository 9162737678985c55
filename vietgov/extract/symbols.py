"""Document symbols ("số, ký hiệu") and the citation vocabulary they are read with.

Three shapes are found in folded text (reference §6 "matcher recipe"):

* Party ``N-TYPE/ISSUER`` (57-NQ/TW, 748-CV/ĐUB),
* State normative ``N/YYYY/TYPE-ISSUER`` or ``N/YYYY/QH15`` (96/2022/NĐ-CP, 64/2025/QH15),
* State individual ``N/TYPE-ISSUER[-UNIT]`` (3255/QĐ-BCT) and official letters ``N/ISSUER-UNIT``
  (5036/VPCP-KTTH).

A symbol written in the other system's shape is re-routed by its issuer code: 60/NQ-TW is the
Party 60-NQ/TW; 40-NĐ/CP is the decree 40/YYYY/NĐ-CP with the year of its stated date. Codes
without Đ ("ND-CP", "243-QD/TW") are read as Đ only when a type word vouches for the code.
Type words, codes and phrases are data: ``mappings/document_types.yaml``,
``mappings/issuer_codes.yaml`` and ``mappings/issuer_phrases.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vietgov.mappings import load_yaml
from vietgov.reading.normalize import ascii_key, fold_text

PARTY = "party"
STATE = "state"

# ---------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class DocType:
    """One row of ``mappings/document_types.yaml``."""

    id: str
    words: tuple[str, ...]
    words_en: tuple[str, ...]
    party_codes: tuple[str, ...]
    state_codes: tuple[str, ...]
    label_en: str
    state_form: str | None
    named: bool
    system: str | None

    @property
    def label(self) -> str:
        """The Vietnamese type word used in labels ("Nghị quyết")."""
        return self.words[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return self.party_codes + self.state_codes


@dataclass(frozen=True)
class IssuerCode:
    """One row of ``mappings/issuer_codes.yaml``."""

    code: str
    system: str
    name: str
    body: str | None
    unambiguous: bool
    relative: bool
    term_suffix: bool


@cache
def document_types() -> dict[str, DocType]:
    """Document types by id."""
    out: dict[str, DocType] = {}
    for row in load_yaml("document_types.yaml"):
        doc_type = DocType(
            id=row["id"],
            words=tuple(fold_text(w) for w in row["words"]),
            words_en=tuple(row.get("words_en") or ()),
            party_codes=tuple(fold_text(c) for c in row.get("party_codes") or ()),
            state_codes=tuple(fold_text(c) for c in row.get("state_codes") or ()),
            label_en=row["label_en"],
            state_form=row.get("state_form"),
            named=bool(row.get("named")),
            system=row.get("system"),
        )
        if doc_type.id in out:
            raise ValueError(f"document_types.yaml: duplicate id {doc_type.id}")
        out[doc_type.id] = doc_type
    return out


@cache
def issuer_codes() -> dict[str, IssuerCode]:
    """Issuer codes by code as printed."""
    out: dict[str, IssuerCode] = {}
    for row in load_yaml("issuer_codes.yaml"):
        code = IssuerCode(
            code=fold_text(row["code"]),
            system=row["system"],
            name=fold_text(row["name"]),
            body=row.get("body"),
            unambiguous=bool(row.get("unambiguous")),
            relative=bool(row.get("relative")),
            term_suffix=bool(row.get("term_suffix")),
        )
        if code.code in out:
            raise ValueError(f"issuer_codes.yaml: duplicate code {code.code}")
        out[code.code] = code
    return out


def issuer_code(code: str) -> IssuerCode | None:
    """The row for a printed issuer code; ``QH15`` finds ``QH`` (a code with a term suffix)."""
    table = issuer_codes()
    if code in table:
        return table[code]
    m = re.fullmatch(r"(.*?)(\d{1,2})", code)
    if m and m.group(1) in table and table[m.group(1)].term_suffix:
        return table[m.group(1)]
    return None


@cache
def _type_codes() -> dict[str, set[str]]:
    """Type code → the systems it is used in."""
    out: dict[str, set[str]] = {}
    for doc_type in document_types().values():
        for code in doc_type.party_codes:
            out.setdefault(code, set()).add(PARTY)
        for code in doc_type.state_codes:
            out.setdefault(code, set()).add(STATE)
    return out


@cache
def _normative_codes() -> frozenset[str]:
    """State type codes whose every symbol carries the year (decree, circular)."""
    return frozenset(c for t in document_types().values() if t.state_form == "normative"
                     for c in t.state_codes)


@cache
def _phrase_rows() -> tuple[dict[str, object], ...]:
    return load_yaml("issuer_phrases.yaml")


@cache
def phrases(role: str) -> tuple[str, ...]:
    """The folded phrases of one role in ``mappings/issuer_phrases.yaml``, longest first."""
    found = {fold_text(str(r["phrase"])) for r in _phrase_rows() if r["role"] == role}
    if not found:
        raise KeyError(f"issuer_phrases.yaml has no phrase with role {role!r}")
    return tuple(sorted(found, key=len, reverse=True))


@cache
def phrase_regex(role: str, after_issuer: bool | None = None) -> str:
    """A regex alternation of one role's phrases (case-insensitive unless the row says exact).

    ``after_issuer`` filters title leads: ``False`` keeps those allowed anywhere.
    """
    parts: list[tuple[str, str]] = []
    for row in _phrase_rows():
        if row["role"] != role:
            continue
        if after_issuer is False and row.get("after_issuer"):
            continue
        phrase = fold_text(str(row["phrase"]))
        body = r"\s+".join(map(re.escape, phrase.split()))
        if row.get("case") == "exact":
            body = f"(?-i:{body})"
        parts.append((phrase, body))
    if not parts:
        raise KeyError(f"issuer_phrases.yaml has no phrase with role {role!r}")
    parts.sort(key=lambda p: len(p[0]), reverse=True)
    return "(?:" + "|".join(b for _, b in parts) + r")(?!\w)"


@cache
def type_word_table() -> tuple[tuple[str, str, bool], ...]:
    """(folded type word, type id, English?) for every type word, longest first."""
    rows: list[tuple[str, str, bool]] = []
    for doc_type in document_types().values():
        rows += [(w, doc_type.id, False) for w in doc_type.words]
        rows += [(w, doc_type.id, True) for w in doc_type.words_en]
    rows.sort(key=lambda r: len(r[0]), reverse=True)
    return tuple(rows)


@cache
def type_word_regex() -> re.Pattern[str]:
    """Type words: Vietnamese case-insensitive, English with the capital as written."""
    parts = []
    for word, _, english in type_word_table():
        body = r"\s+".join(map(re.escape, word.split()))
        parts.append(f"(?-i:{body})" if english else body)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def type_of_word(word: str) -> str | None:
    """The type id of a type word as found in folded text."""
    normal = " ".join(word.split())
    for known, type_id, english in type_word_table():
        if (normal == known) if english else (normal.lower() == known.lower()):
            return type_id
    return None


# ---------------------------------------------------------------------------- symbols

_CODE = r"[A-ZĐ][A-Za-zĐđ]{0,5}"
_ISSUER = r"[A-ZĐ][A-Za-zĐđ0-9]{0,11}"
_NUMBER = r"(?P<num>\d{1,5}(?:\.\d{1,3})?)"
_EDGE = r"(?<![\w./-])"
_SYMBOL = re.compile(
    rf"{_EDGE}{_NUMBER}(?:"
    # State normative: 96/2022/NĐ-CP, 64/2025/QH15
    rf"(?P<n>[ ]?/[ ]?(?P<year>\d{{4}})[ ]?/[ ]?(?P<nrest>{_ISSUER}(?:-{_ISSUER})*))"
    # State individual or official letter: 3255/QĐ-BCT, 5036/VPCP-KTTH, 60/NQ-TW
    rf"|(?P<i>[ ]?/[ ]?(?P<ifirst>[A-ZĐ][A-Za-zĐđ]{{0,7}})-(?P<irest>{_ISSUER}(?:-{_ISSUER})*))"
    # Party: 57-NQ/TW, 18- NQ/TW, 84 QĐ/TWĐTN
    rf"|(?P<p>(?P<psep>[ ]?-[ ]?|[ ])(?P<ptype>{_CODE})[ ]?/[ ]?(?P<piss>{_ISSUER}))"
    r")(?![\w/])"
)


@dataclass(frozen=True)
class RawSymbol:
    """A symbol-shaped string in folded text, before its codes are checked."""

    start: int
    end: int
    shape: str  # party | normative | individual
    number: str
    first: str  # type code (party, normative) or first group (individual)
    rest: str  # issuer group(s)
    year: int | None = None
    loose: bool = False  # the number and type are separated by a space only


@dataclass(frozen=True)
class Symbol:
    """A checked symbol: canonical identifier and its parts."""

    identifier: str
    system: str | None
    number: str
    type_code: str | None
    issuer_code: str | None
    year: int | None  # written in the symbol, or completed from the date (re-routed decrees)
    year_from_date: bool = False


def find_symbols(folded: str) -> list[RawSymbol]:
    """Every symbol-shaped string in folded text."""
    out: list[RawSymbol] = []
    for m in _SYMBOL.finditer(folded):
        if m.group("n"):
            out.append(RawSymbol(m.start(), m.end(), "normative", m.group("num"), "",
                                 m.group("nrest"), int(m.group("year"))))
        elif m.group("i"):
            out.append(RawSymbol(m.start(), m.end(), "individual", m.group("num"),
                                 m.group("ifirst"), m.group("irest")))
        else:
            out.append(RawSymbol(m.start(), m.end(), "party", m.group("num"), m.group("ptype"),
                                 m.group("piss"), loose="-" not in m.group("psep")))
    return out


class SymbolError(ValueError):
    """A symbol-shaped string that is not read as a document symbol (with the reason)."""


def _type_code(code: str, doc_type: str | None) -> str | None:
    """A known type code; an ASCII spelling ("ND") only when the type word has that code."""
    if code in _type_codes():
        return code
    if doc_type is not None:
        for known in document_types()[doc_type].codes:
            if ascii_key(known) == ascii_key(code):
                return known
    return None


def _issuer(code: str, typed: bool) -> tuple[str, IssuerCode | None]:
    """The issuer code as canonical text and its row; ASCII spellings only with a type word."""
    row = issuer_code(code)
    if row is not None:
        return code, row
    if typed and "Đ" not in code:
        for known, known_row in issuer_codes().items():
            suffix = code[len(known):] if known_row.term_suffix else ""
            if "Đ" in known and ascii_key(known) == ascii_key(code[:len(code) - len(suffix)]):
                return known + suffix, known_row
    return code, None


def resolve(raw: RawSymbol, doc_type: str | None, date_year: int | None) -> Symbol:
    """Check a raw symbol's codes and build the canonical identifier (raises SymbolError)."""
    typed = doc_type is not None
    if raw.number.strip("0.") == "":
        raise SymbolError("number zero")
    if raw.shape == "normative":
        return _resolve_normative(raw, doc_type, typed)
    if raw.shape == "party":
        return _resolve_party(raw, doc_type, typed, date_year)
    return _resolve_individual(raw, doc_type, typed, date_year)


def _resolve_normative(raw: RawSymbol, doc_type: str | None, typed: bool) -> Symbol:
    year = raw.year or 0
    if not 1945 <= year <= 2100:
        raise SymbolError(f"year {year} out of range")
    parts = raw.rest.split("-")
    if len(parts) == 1:
        code, row = _issuer(parts[0], typed)
        if row is None or not row.term_suffix:
            raise SymbolError(f"unknown issuer {parts[0]!r} in a symbol without type code")
        if not typed:
            raise SymbolError("uncoded symbol (law or resolution?) without a type word")
        return Symbol(f"{raw.number}/{year}/{code}", STATE, raw.number, None, code, year)
    type_code = _type_code(parts[0], doc_type)
    if type_code is None or STATE not in _type_codes()[type_code]:
        raise SymbolError(f"unknown State type code {parts[0]!r}")
    issuers = [_issuer(p, typed) for p in parts[1:]]
    if any(row is not None and row.system == PARTY for _, row in issuers):
        raise SymbolError("Party issuer in a State normative symbol")
    issuer = "-".join(code for code, _ in issuers)
    return Symbol(f"{raw.number}/{year}/{type_code}-{issuer}", STATE, raw.number, type_code,
                  issuer, year)


def _state_symbol(number: str, type_code: str, issuer: str, date_year: int | None) -> Symbol:
    if type_code in _normative_codes():
        if date_year is None:
            raise SymbolError(f"{type_code} symbol written without its year and no date stated")
        return Symbol(f"{number}/{date_year}/{type_code}-{issuer}", STATE, number, type_code,
                      issuer, date_year, year_from_date=True)
    return Symbol(f"{number}/{type_code}-{issuer}", STATE, number, type_code, issuer, None)


def _resolve_party(raw: RawSymbol, doc_type: str | None, typed: bool,
                   date_year: int | None) -> Symbol:
    type_code = _type_code(raw.first, doc_type)
    if type_code is None:
        raise SymbolError(f"unknown type code {raw.first!r}")
    if raw.loose and not typed:
        raise SymbolError("number and code separated by a space, without a type word")
    issuer, row = _issuer(raw.rest, typed)
    if row is not None and row.system == STATE:
        if STATE not in _type_codes()[type_code]:
            raise SymbolError(f"Party type {type_code} with State issuer {issuer}")
        return _state_symbol(raw.number, type_code, issuer, date_year)
    if row is None and not typed:
        raise SymbolError(f"unknown issuer code {raw.rest!r} without a type word")
    if PARTY not in _type_codes()[type_code] and row is not None:
        raise SymbolError(f"State type {type_code} with Party issuer {issuer}")
    if "." in raw.number or not re.fullmatch(r"[A-ZĐ][A-ZĐ0-9]{1,11}", issuer):
        raise SymbolError(f"{raw.number}-{type_code}/{issuer} is not a Party symbol")
    system = row.system if row else None
    return Symbol(f"{raw.number}-{type_code}/{issuer}", system, raw.number, type_code, issuer,
                  None)


def _resolve_individual(raw: RawSymbol, doc_type: str | None, typed: bool,
                        date_year: int | None) -> Symbol:
    parts = raw.rest.split("-")
    type_code = _type_code(raw.first, doc_type)
    if type_code is not None:
        issuer, row = _issuer(parts[0], typed)
        if row is not None and row.system == PARTY:
            if len(parts) > 1 or PARTY not in _type_codes()[type_code]:
                raise SymbolError(f"State-shaped symbol with Party issuer {issuer}")
            return Symbol(f"{raw.number}-{type_code}/{issuer}", PARTY, raw.number, type_code,
                          issuer, None)
        if STATE not in _type_codes()[type_code]:
            raise SymbolError(f"Party type {type_code} in a State-shaped symbol")
        if row is None and not typed:
            raise SymbolError(f"unknown issuer code {parts[0]!r} without a type word")
        full_issuer = "-".join([issuer, *parts[1:]])
        symbol = _state_symbol(raw.number, type_code, full_issuer, date_year)
        return Symbol(symbol.identifier, row.system if row else None, symbol.number,
                      symbol.type_code, full_issuer, symbol.year, symbol.year_from_date)
    issuer, row = _issuer(raw.first, typed)
    if row is not None and row.system == STATE:
        # Official letter: N/ISSUER-UNIT has no type code.
        return Symbol(f"{raw.number}/{issuer}-{raw.rest}", STATE, raw.number, None, issuer, None)
    if doc_type == "cong-van" and row is None:
        return Symbol(f"{raw.number}/{raw.first}-{raw.rest}", None, raw.number, None, raw.first,
                      None)
    raise SymbolError(f"{raw.first!r} is neither a type code nor a State issuer code")
