"""Figures: the quantities an article reports for a body, a territory and a period.

A figure is a number (:mod:`vietgov.extract.numbers`) followed by a counted noun or a percent
sign (``mappings/figure_units.yaml``) that is not a reference, a date or a duration
(``mappings/figure_exclusions.yaml``); a number after *từ* and before *xuống (còn)* and another
counted number shares that number's unit ("từ 63 xuống còn 34 tỉnh"). Around it, cue words
(``mappings/figure_measures.yaml``) say what is measured, whether it is a goal, and when.

The subject is what the figure describes: an organisation, or a territory (a province, or the
nation). It is searched in this order, each step within the figure's sentence unless it says
otherwise:

1. the owner named right after the figures: "4 chi bộ thuộc Đảng bộ X", "143.000 đảng viên
   trong toàn Đảng bộ", "92% đại biểu Quốc hội" (unless the clause's subject is that owner's own
   unit: "Thanh tra Bộ … 18 bệnh viện trực thuộc Bộ" is about the inspectorate);
2. for national measures (economic growth): the body that set it ("như Quốc hội đã đề ra"),
   else the territory named before it (GRDP: the article's province); without one, the figure is
   kept only as a goal of the nation (a growth target, not a statistic);
3. what stands in subject position in the clause before the figure — before *đã*, *có*, a
   measure verb …, or after a passive *được*/*do*: a body; a collective ("toàn Đảng bộ", "các
   cấp Hội") standing for the article's main body of that kind; a territory ("cả nước", "toàn
   tỉnh", "tỉnh" opening a clause); a meeting ("kỳ họp đã thông qua …") standing for the body that
   holds the event reported before it, when its paragraph names that body;
4. a collective scope before the figure ("số đảng viên trong toàn Đảng bộ tăng …");
5. for a statistic (GRDP, thu ngân sách, kim ngạch xuất khẩu … before it in its clause), the
   territory named before it in the sentence;
6. the subject of the previous sentence of the same paragraph (its subject, else the one subject
   of its figures), when this sentence continues it ("Trong đó, …", an opening measure verb) or
   names nothing that could be a subject before the figure;
7. for the participants of a meeting (đại biểu), the body that holds the nearest event reported
   before the figure.

A name the article leaves as a short form ("Ban Thường vụ Tỉnh ủy" with no province) is never a
subject: a figure whose subject position holds one is left out. A territory is a province only
when the sentence names it ("tỉnh Đồng Nai") or the article names exactly one ("toàn tỉnh"). Figures
without a subject are left out and recorded as skipped. Organisations come from
``found.organisations``; where it names nothing, a conservative reading of Party body names and
the gazetteer fills in. Events come from ``found.events``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from vietgov.extract.numbers import (
    Quantity,
    comparator_after,
    find_quantities,
    parse_number_words,
)
from vietgov.gazetteer import body_named, find_bodies, match_head, match_province, provinces
from vietgov.mappings import load_yaml
from vietgov.model import Article, Extraction, Span
from vietgov.rdf.iris import slug
from vietgov.reading.normalize import fold_text

KIND = "figure"
NATION = "nation"  # the territory value of figures about the whole country
_MAX_GAP = 80  # characters of a coordinated subject between a body and its verb


@dataclass(frozen=True)
class Figure:
    """One quantity reported in an article.

    ``span`` covers the comparator, the number and its unit ("khoảng 12%", "250 đảng viên").
    ``unit_ids`` are ids of ``mappings/figure_units.yaml`` (two for a classifier compound such
    as ``("luot", "dang-vien")``); ``unit`` is its Vietnamese text, or ``"percent"``.
    ``subject`` is the full (folded) name of the organisation the figure describes and
    ``subject_key`` its key; both are ``None`` when the figure describes a territory: a province
    (``province``, an id of ``mappings/provinces.yaml``) or the nation (``national``).
    ``subject_span`` is where the body or the territory is named (``None`` for a national goal
    that names no territory). ``total`` is the whole of a fraction ("441/445": 445).
    """

    span: Span
    value: Decimal
    unit: str
    unit_ids: tuple[str, ...]
    measure: str  # English label of the measure concept
    measure_id: str  # id in mappings/figure_measures.yaml
    value_max: Decimal | None = None
    comparator: str | None = None  # ">=", ">", "<=", "<", "~"
    target: bool = False
    subject: str | None = None
    subject_key: str | None = None
    subject_span: Span | None = None
    subject_listed: bool = False  # the subject is one of found.organisations
    national: bool = False
    province: str | None = None
    total: Decimal | None = None
    period: str | None = None
    period_span: Span | None = None
    cue_span: Span | None = None  # the measure cue
    target_span: Span | None = None  # the goal cue


# ---------------------------------------------------------------------------------------------
#  Reference data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A counted noun (or percent) of ``mappings/figure_units.yaml``."""

    id: str
    text: str
    en: str
    classifier: bool
    source: str
    attendee: bool = False  # participants of a meeting (đại biểu)
    short: bool = False  # stands for a fuller unit named earlier in the sentence ("tổ chức")
    document: bool = False  # a kind of document: "của <body>" after it names the issuer
    vi: str | None = None  # Vietnamese label when ``text`` is not one ("percent")
    per: str | None = None  # percent units: the period word of the rate ("năm")


@dataclass(frozen=True)
class Measure:
    """What a figure measures, from ``mappings/figure_measures.yaml``."""

    id: str
    en: str
    vi: str
    adjacent: bool
    national: bool
    rate_of_change: bool
    source: str


def _rows(name: str, kind: str) -> list[dict[str, Any]]:
    return [row for row in load_yaml(name) if row["kind"] == kind]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@cache
def units() -> dict[str, Unit]:
    """Counted nouns and percent by id."""
    out = {}
    for row in [*_rows("figure_units.yaml", "unit"), *_rows("figure_units.yaml", "percent")]:
        out[row["id"]] = Unit(row["id"], fold_text(row["text"]), row["en"],
                              bool(row.get("classifier")), row["source"],
                              bool(row.get("attendee")), bool(row.get("short")),
                              bool(row.get("document")), row.get("vi"),
                              fold_text(str(row["per"])).lower() if row.get("per") else None)
    return out


def _percent_unit(per: str | None) -> str:
    """The percent unit for a rate per period ("%/năm"), or plain percent."""
    return next(u.id for u in units().values()
                if u.per == per and (per is not None or u.id == "percent"))


@cache
def _unit_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for row in _rows("figure_units.yaml", "unit"):
        for form in [row["text"], *(row.get("forms") or ())]:
            forms[fold_text(form).lower()] = row["id"]
    pattern = re.compile(rf"\s+({_alternation(forms)})(?!\w)", re.IGNORECASE)
    return pattern, forms


@cache
def measures() -> dict[str, Measure]:
    """Measure concepts by id."""
    return {row["id"]: Measure(row["id"], row["en"], row["vi"], bool(row.get("adjacent")),
                               bool(row.get("national")), bool(row.get("rate_of_change")),
                               row["source"])
            for row in _rows("figure_measures.yaml", "measure")}


@cache
def _default_measure(kind: str) -> str:
    return next(row["id"] for row in _rows("figure_measures.yaml", "measure")
                if row.get("default") == kind)


@cache
def _cue_pattern() -> tuple[re.Pattern[str], dict[str, str | None]]:
    """Measure cues → measure id; phrases that only look like cues → None."""
    table: dict[str, str | None] = {}
    for row in _rows("figure_measures.yaml", "measure"):
        for cue in row.get("cues") or ():
            table[fold_text(cue).lower()] = row["id"]
    for row in _rows("figure_measures.yaml", "ignore"):
        table[fold_text(row["text"]).lower()] = None
    return re.compile(rf"(?<!\w)({_alternation(table)})(?!\w)", re.IGNORECASE), table


@cache
def _words(kind: str, name: str = "figure_measures.yaml") -> tuple[str, ...]:
    return tuple(fold_text(row["text"]) for row in _rows(name, kind))


@cache
def _pattern(kind: str, name: str = "figure_measures.yaml") -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(_words(kind, name))})(?!\w)", re.IGNORECASE)


@cache
def _filler_run() -> re.Pattern[str]:
    return re.compile(rf"(?:\s|(?<!\w)(?:{_alternation(_words('filler'))})(?!\w))*",
                      re.IGNORECASE)


@cache
def _exclusion(kind: str) -> re.Pattern[str]:
    """Words that make a number a reference or a duration. A word listed in lower case also
    matches capitalised (at a sentence start); one listed capitalised matches only so: "Luật 64"
    is a law, "kỷ luật 4 đảng viên" is not."""
    words = sorted(_words(kind, "figure_exclusions.yaml"), key=len, reverse=True)
    alternatives = "|".join(
        (f"[{w[0]}{w[0].upper()}]" if w[0].islower() else re.escape(w[0])) + re.escape(w[1:])
        for w in words)
    if kind == "before":
        return re.compile(rf"(?<!\w)(?:{alternatives})\s*$")
    return re.compile(rf"\s*(?:{alternatives})(?!\w)")


@cache
def _lead(kind: str) -> re.Pattern[str]:
    """One of the words of ``kind`` with the spaces around it, at a position."""
    return re.compile(rf"\s*(?:{_alternation(_words(kind))})\s+", re.IGNORECASE)


@cache
def _opening() -> re.Pattern[str]:
    """A sentence opening with a connective (group 1) or a measure cue (group 2)."""
    pattern, _ = _cue_pattern()
    return re.compile(rf"\s*[\"'(-]*\s*(?:({_alternation(_words('continuation'))})(?!\w)"
                      rf"|{pattern.pattern})", re.IGNORECASE)


@cache
def _setter_verb() -> re.Pattern[str]:
    """"(đã) đề ra" after the body that set a goal."""
    return re.compile(rf"\s*(?:(?:{_alternation(_words('subject-marker'))})\s+)*"
                      rf"(?:{_alternation(_words('setter-verb'))})(?!\w)", re.IGNORECASE)


@cache
def _periods() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    return tuple((re.compile(row["pattern"], re.IGNORECASE), tuple(row["formats"]))
                 for row in _rows("figure_measures.yaml", "period"))


@cache
def _subject_markers() -> tuple[re.Pattern[str], frozenset[str]]:
    rows = _rows("figure_measures.yaml", "subject-marker")
    agents = frozenset(fold_text(r["text"]).lower() for r in rows if r.get("agent"))
    return _pattern("subject-marker"), agents


@cache
def _collectives() -> tuple[re.Pattern[str], dict[str, str | None]]:
    """Collective phrases → the head of the body they stand for (None: the Party body)."""
    table = {fold_text(r["text"]).lower(): fold_text(r["body"]) if r.get("body") else None
             for r in _rows("figure_measures.yaml", "collective")}
    return re.compile(rf"(?<!\w)(?:{_alternation(table)})(?!\w)", re.IGNORECASE), table


@cache
def _territories() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]]]:
    """Territory phrases → (scope, subject_only)."""
    table = {fold_text(r["text"]).lower(): (r["scope"], bool(r.get("subject_only")))
             for r in _rows("figure_measures.yaml", "territory")}
    return re.compile(rf"(?<!\w)(?:{_alternation(table)})(?!\w)", re.IGNORECASE), table


@cache
def _meetings() -> tuple[re.Pattern[str], dict[str, str]]:
    """Words for a meeting → the event type (mappings/event_types.yaml) they name."""
    table = {fold_text(r["text"]).lower(): r["event_type"]
             for r in _rows("figure_measures.yaml", "meeting")}
    return re.compile(rf"(?<!\w)(?:{_alternation(table)})(?!\w)", re.IGNORECASE), table


@cache
def _range_link() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"từ" right before a number, and "xuống (còn)" between it and the next number."""
    before = _words("range-from", "figure_units.yaml")
    after = _words("range-to", "figure_units.yaml")
    return (re.compile(rf"(?<!\w)(?:{_alternation(before)})\s+$", re.IGNORECASE),
            re.compile(rf"\s+(?:{_alternation(after)})\s+", re.IGNORECASE))


# ---------------------------------------------------------------------------------------------
#  Text structure: sentences and the bodies named in them (folded offsets)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class _Body:
    """Something named in the text that may be a figure's subject (folded offsets).

    ``role`` says what: a ``body`` (``name``, ``key``); a ``collective`` phrase standing for the
    main body of a kind (``value``: its head, None for the Party organisation); a ``territory``
    (``value``: nation, province, city, local, or a province id); a ``meeting`` (``value``: the
    event type). Resolved subjects are bodies, or territories whose value is nation or an id.
    """

    start: int
    end: int
    name: str | None
    key: str | None
    listed: bool = False
    role: str = "body"
    value: str | None = None
    incomplete: bool = False  # a short form the article does not resolve ("Tỉnh ủy" alone)
    weak: bool = False  # a territory read only in subject position at a clause start ("tỉnh")
    parent: str | None = None  # key of the superior body the organisation extractor states

    @property
    def collective(self) -> bool:
        return self.role == "collective"


@dataclass(frozen=True)
class _Unsure:
    """The subject position holds something that cannot be resolved: leave the figure out."""

    reason: str


_Found = _Body | _Unsure | None


def _sentences(folded: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", folded)):
        start = line.start()
        for stop in re.finditer(r"[.!?…]+[\"')\]]*\s+", line.group()):
            following = folded[line.start() + stop.end():line.start() + stop.end() + 1]
            if following and (following.isupper() or following.isdigit() or following in "\"'("):
                out.append(_Sentence(start, line.start() + stop.end(), paragraph))
                start = line.start() + stop.end()
        out.append(_Sentence(start, line.end(), paragraph))
    return out


def _bodies(article: Article, found: Extraction) -> list[_Body]:
    """Bodies named in the article, outermost names only ("Đảng bộ Bộ", not the "Bộ" in it).

    The organisation extractor's mentions come first; where it named nothing, the fallback
    reading of Party body names and the gazetteer fills in (its names take the extractor's key
    when the extractor knows the same name elsewhere in the article). Then, where no body is
    named, collective phrases, territories and meeting words.
    """
    listed = [_Body(*_folded_range(article, m.span), m.name, m.key, listed=True,
                    incomplete=_incomplete(m.name), parent=m.parent_key)
              for m in found.organisations]
    keys = {b.name.lower(): b.key for b in listed if b.name}
    bodies = _outermost(listed)
    for body in _fallback_bodies(article.folded):
        if not _overlaps(body, bodies):
            key = keys.get(body.name.lower()) if body.name else None
            bodies.append(_Body(body.start, body.end, body.name, key or body.key,
                                listed=key is not None))
    folded = article.folded
    pattern, heads = _collectives()
    for m in pattern.finditer(folded):
        head = heads[m.group().lower()]
        if head is not None and not _capitalised(m.group(), head):
            continue  # "các cấp hội nghị" is not the association at every level
        collective = _Body(m.start(), m.end(), None, None, role="collective", value=head)
        if not _overlaps(collective, bodies):
            bodies.append(collective)
    others: list[_Body] = []
    for extra in [*_named_territories(folded), *_territory_phrases(folded),
                  *_meeting_words(folded)]:
        if not _overlaps(extra, bodies) and not _overlaps(extra, others):
            others.append(extra)
    return sorted([*bodies, *others], key=lambda b: (b.start, -b.end))


def _capitalised(phrase: str, head: str) -> bool:
    """Whether ``head`` is written capitalised in ``phrase`` ("các cấp Hội", not "các cấp hội")."""
    first = head.split()[0].lower()
    return any(w[0].isupper() for w in phrase.split() if w.lower() == first)


def _incomplete(name: str) -> bool:
    """Whether a name ends with a head word that needs its body after it ("Ban Thường vụ Tỉnh
    ủy", "Thanh tra Bộ"): a short form the organisation extractor could not resolve. Curated
    names are complete."""
    if body_named(name) is not None:
        return False
    for m in re.finditer(r"(?<!\w)\w", name):
        hit = match_head(name, m.start())
        if hit is not None and hit[1] == len(name.rstrip()):
            return True
    return False


def _named_territories(folded: str) -> list[_Body]:
    """"tỉnh Đồng Nai", "thành phố Huế": a province or city named with its head word."""
    heads = {fold_text(r["text"]).lower(): r["scope"]
             for r in _rows("figure_measures.yaml", "territory-head")}
    out = []
    for m in re.finditer(rf"(?<!\w)(?:{_alternation(heads)})\s+(?=[^\W\d_])", folded,
                         re.IGNORECASE):
        hit = match_province(folded, m.end())
        if hit is None:
            continue
        unit, end = hit
        scope = heads[m.group().strip().lower()]
        if (unit.kind == "city") == (scope == "city"):
            out.append(_Body(m.start(), end, unit.name, None, role="territory", value=unit.id))
    return out


def _territory_phrases(folded: str) -> list[_Body]:
    """"cả nước", "toàn tỉnh", "trên địa bàn", "GRDP" …; a bare "tỉnh" only in lower case at the
    start of a clause."""
    pattern, table = _territories()
    out = []
    for m in pattern.finditer(folded):
        scope, subject_only = table[m.group().lower()]
        if subject_only and (not m.group()[0].islower()
                             or not re.search(r"(?:^|[,;:.(]|\n)\s*$", folded[:m.start()])):
            continue
        out.append(_Body(m.start(), m.end(), None, None, role="territory", value=scope,
                         weak=subject_only))
    return out


def _meeting_words(folded: str) -> list[_Body]:
    """"kỳ họp", "Hội nghị" …, not inside a name ("Trung tâm Hội nghị")."""
    pattern, table = _meetings()
    out = []
    for m in pattern.finditer(folded):
        previous = re.search(r"(\w+)\s+$", folded[max(0, m.start() - 30):m.start()])
        if previous is not None and (previous.group(1)[0].isupper()
                                     or previous.group(1)[0].isdigit()):
            continue  # on a name ("Trung tâm Hội nghị") or counted ("54 hội nghị")
        out.append(_Body(m.start(), m.end(), None, None, role="meeting",
                         value=table[m.group().lower()]))
    return out


def _overlaps(body: _Body, others: list[_Body]) -> bool:
    return any(o.start < body.end and body.start < o.end for o in others)


def _outermost(bodies: list[_Body]) -> list[_Body]:
    ordered = sorted(bodies, key=lambda b: (b.start, -b.end))
    out: list[_Body] = []
    for body in ordered:
        if not any(o.start <= body.start and body.end <= o.end for o in out):
            out.append(body)
    return out


def _folded_range(article: Article, span: Span) -> tuple[int, int]:
    """Folded offsets of a span of the stored text."""
    to_text = article.folded_to_text
    return bisect.bisect_left(to_text, span.start), bisect.bisect_left(to_text, span.end)


@dataclass(frozen=True)
class _Reading:
    """The words after a head word that may belong to the name, with where each one ends."""

    words: tuple[tuple[str, int], ...]
    base: int  # words up to the last capitalised one: surely part of the name
    certain: bool  # all the words are part of the name

    def text(self, n: int) -> tuple[str, ...]:
        return tuple(w for w, _ in self.words[:n])


def _fallback_bodies(folded: str) -> list[_Body]:
    """Party bodies read from their head words, plus curated gazetteer bodies.

    A short form ("Đảng ủy Bộ", "Đảng ủy Khối") takes the full name it has elsewhere in the
    article (:func:`_fullest`); a name that cannot be told is left out.
    """
    heads = sorted(_rows("figure_measures.yaml", "subject-head"),
                   key=lambda r: len(r["text"]), reverse=True)
    party_heads = {fold_text(r["text"]) for r in heads if r.get("party")}
    gazetteer = {start: (body, end) for body, start, end in find_bodies(folded)}
    found: list[tuple[int, str, _Reading]] = []
    taken: list[tuple[int, int]] = []
    for row in heads:
        head = fold_text(row["text"])
        for m in re.finditer(rf"(?<!\w){re.escape(head)}(?= [^\W\d_])", folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if (tail_start := m.end() + 1) in gazetteer:
                body, end = gazetteer[tail_start]
                words = tuple((w, end) for w in body.name.split())
                reading = _Reading(words, len(words), True)
            else:
                reading = _name_tail(folded, tail_start)
            if reading.base:
                found.append((m.start(), head, reading))
                taken.append((m.start(), reading.words[reading.base - 1][1]))
    # a head that ends with a Party head ("Ban Thường vụ Đảng ủy") names the same units
    family = {h: "party" if any(h == p or h.endswith(" " + p) for p in party_heads) else h
              for _, h, _ in found}
    bodies = []
    for start, head, reading in found:
        tail = _fullest(reading, [r for _, h, r in found if family[h] == family[head]])
        if tail is None:
            continue
        own = max(n for n in range(1, len(reading.words) + 1)
                  if reading.text(n) == tail[:n])  # how much of the name is written here
        bodies.append(_Body(start, reading.words[own - 1][1], f"{head} {' '.join(tail)}", None))
    for start, (body, end) in gazetteer.items():
        if not any(b.start <= start < b.end for b in bodies):
            bodies.append(_Body(start, end, body.name, body.id))
    return bodies


def _fullest(reading: _Reading, readings: list[_Reading]) -> tuple[str, ...] | None:
    """The full name a reading stands for, from all readings of the same kind of body.

    Candidates are the readings that start like this one and are certain, end with a
    capitalised word, or recur; a name has at least two capitalised syllables ("Bộ" or "Tập
    đoàn" alone is a short form). The candidate most mentions agree with wins, the longer one
    of two that extend each other; two different names with equal support: None (unsure).
    """
    base = reading.text(reading.base)
    support: Counter[tuple[str, ...]] = Counter()
    candidates: set[tuple[str, ...]] = set()
    for other in readings:
        if other.text(1) != base[:1]:
            continue
        for n in range(1, len(other.words) + 1):
            support[other.text(n)] += 1
        candidates.add(other.text(other.base))
        if other.certain:
            candidates.add(other.text(len(other.words)))
    candidates |= {t for t, n in support.items() if n > 1}
    # the name extends this reading, or ends inside it (a person's name may follow a body's)
    names = [t for t in candidates if (t[:len(base)] == base or base[:len(t)] == t)
             and sum(w[0].isupper() for w in t) > 1]
    if not names:
        return None
    best = max(support[t] for t in names)
    winners = sorted((t for t in names if support[t] == best), key=len)
    if any(w[:len(winners[0])] != winners[0] for w in winners):
        return None
    return winners[-1]


@cache
def _name_stop() -> re.Pattern[str]:
    """Words that end a name: markers, fillers, setters, attachments, prepositions."""
    words = [w for kind in ("subject-marker", "filler", "setter", "attachment", "name-stop")
             for w in _words(kind)]
    return re.compile(rf"(?:{_alternation(words)})(?!\w)", re.IGNORECASE)


def _name_tail(folded: str, pos: int) -> _Reading:
    """The words of a name after its head ("Tổng cục Thống kê", "Khối Doanh nghiệp Trung ương").

    Vietnamese names capitalise the first syllable of each word, so a name is capitalised
    syllables with runs of at most two lower-case ones between them, possibly followed by a
    trailing run, which may also be the start of the verb. The reading is certain when at most
    one trailing syllable is closed by punctuation or by a word that ends names (markers,
    fillers, prepositions): "Thống kê đã".
    """
    stop = _name_stop()
    words: list[tuple[str, int]] = []
    closed = True
    at = pos
    for m in re.finditer(r"[^\W_]+", folded[pos:pos + 120]):
        if words and folded[at:pos + m.start()] != " ":
            break  # punctuation closes the name
        word = m.group()
        if word[0].isdigit() or (word[0].islower() and stop.match(folded, pos + m.start())):
            break  # "Vụ Theo dõi …" keeps its capitalised "Theo"
        upper = [i for i, (w, _) in enumerate(words) if w[0].isupper()]
        run = len(words) - (upper[-1] + 1 if upper else 0)
        if not word[0].isupper() and (not words or run == 2):
            closed = False  # a third lower-case syllable: the sentence goes on
            break
        words.append((word, pos + m.end()))
        at = pos + m.end()
    base = max((i + 1 for i, (w, _) in enumerate(words) if w[0].isupper()), default=0)
    return _Reading(tuple(words), base, closed and len(words) - base <= 1)


def _main_party_body(bodies: list[_Body]) -> _Body | None:
    """The Party organisation the article is mostly about: "Đảng bộ X" for the X most often
    named with a Party head ("Đảng bộ X", "Đảng ủy X"), when one X is clearly the most frequent."""
    rows = [r for r in _rows("figure_measures.yaml", "subject-head") if r.get("party")]
    heads = [fold_text(r["text"]).lower() + " " for r in rows]
    counts: Counter[str] = Counter()
    for body in bodies:
        head = next((h for h in heads if body.name and body.name.lower().startswith(h)), None)
        if head is not None and body.name is not None:
            counts[body.name[len(head):]] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    organisation = next(fold_text(r["text"]) for r in rows if r["party"] == "organisation")
    name = f"{organisation} {ranked[0][0]}"
    named = next((b for b in bodies if b.name and b.name.lower() == name.lower()), None)
    if named is not None:
        return _Body(-1, -1, named.name, named.key, named.listed)
    return _Body(-1, -1, name, None)


def _main_body(bodies: list[_Body], head: str) -> _Body | None:
    """The body of a kind ("Hội …") the article names most often, when one clearly is."""
    counts: Counter[tuple[str, str | None]] = Counter(
        (b.name, b.key) for b in bodies
        if b.role == "body" and b.name and b.name.startswith(head + " ") and not b.incomplete)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    (name, key), _ = ranked[0]
    listed = any(b.listed and b.name == name for b in bodies)
    return _Body(-1, -1, name, key, listed)


def _article_province(found: Extraction, bodies: list[_Body]) -> str | None:
    """The one province or city the article is about: the only one it names, or the one the
    others it names were merged into (an article on a merged province names the old ones)."""
    named = {m.province for m in found.organisations if m.province}
    named |= {b.value for b in bodies if b.role == "territory" and b.value in provinces()}
    kept = {i for i in named if provinces()[i].merged_into not in named}
    return next(iter(kept)) if len(kept) == 1 else None


# ---------------------------------------------------------------------------------------------
#  Extraction
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    quantity: Quantity
    end: int  # after the unit and any comparator word
    unit_ids: tuple[str, ...]
    unit: str
    comparator: str | None
    sentence: _Sentence


def extract(article: Article, found: Extraction) -> list[Figure]:
    """Figures of one article, each fact once."""
    folded = article.folded
    sentences = _sentences(folded)
    starts = [s.start for s in sentences]
    quantities = list(find_quantities(folded))
    candidates = []
    for i, q in enumerate(quantities):
        sentence = sentences[bisect.bisect_right(starts, q.start) - 1]
        c = _candidate(folded, q, sentence)
        if c is None and i + 1 < len(quantities):
            c = _shared_unit(folded, q, quantities[i + 1], sentence)
        if c is not None:
            candidates.append(c)
    bodies = _bodies(article, found)
    cited = [_folded_range(article, d.span) for d in found.documents]
    context = _Context(article, found, sentences, bodies, candidates, cited)
    figures: list[Figure] = []
    seen: dict[tuple[Any, ...], list[tuple[_Sentence, Figure]]] = {}
    for candidate in candidates:
        figure = context.figure(candidate)
        if isinstance(figure, str):
            found.skip(KIND, article.span(candidate.quantity.start, candidate.end), figure)
            continue
        key = (figure.value, figure.value_max, figure.total, figure.unit_ids, figure.measure_id,
               figure.comparator, figure.target)
        earlier = seen.setdefault(key, [])
        if any(sentence != candidate.sentence and _same_fact(figure, other)
               for sentence, other in earlier):
            continue  # the same fact told again in another sentence (one sentence enumerates)
        earlier.append((candidate.sentence, figure))
        figures.append(figure)
    return figures


def _same_fact(a: Figure, b: Figure) -> bool:
    """Two figures with the same number, unit and measure from different sentences tell one
    fact unless their periods or their bodies differ (a Party committee and its organisation,
    "Đảng ủy X" and "Đảng bộ X", count as one body here)."""
    if a.period and b.period and a.period != b.period:
        return False
    return (_party_unit(a.subject), a.province, a.national) == \
        (_party_unit(b.subject), b.province, b.national)


def _party_unit(name: str | None) -> str | None:
    """"Bộ Y tế" for "Đảng ủy Bộ Y tế" and "Đảng bộ Bộ Y tế"; other names as they are."""
    if name is None:
        return None
    for row in _rows("figure_measures.yaml", "subject-head"):
        head = fold_text(row["text"]) + " "
        if row.get("party") and name.lower().startswith(head.lower()):
            return name[len(head):].lower()
    return name.lower()


def _candidate(folded: str, q: Quantity, sentence: _Sentence) -> _Candidate | None:
    """The quantity with its unit, or None when it is not a figure."""
    if _exclusion("before").search(folded, sentence.start, q.start):
        return None
    if q.percent:
        unit_ids, end = (_percent_unit(q.per),), q.end
    else:
        if _exclusion("after").match(folded, q.end):
            return None
        pattern, forms = _unit_forms()
        m = pattern.match(folded, q.end)
        if m is None:
            return None
        unit_ids, end = (forms[m.group(1).lower()],), m.end()
        if units()[unit_ids[0]].classifier and (more := pattern.match(folded, end)):
            unit_ids, end = (*unit_ids, forms[more.group(1).lower()]), more.end()
        unit_ids = _fuller_unit(folded, sentence.start, q.start, unit_ids)
    comparator = q.comparator
    if (after := comparator_after(folded, end)) is not None and comparator is None:
        comparator, end = after
    unit = " ".join(units()[u].text for u in unit_ids)
    return _Candidate(q, end, unit_ids, unit, comparator, sentence)


def _shared_unit(folded: str, q: Quantity, following: Quantity,
                 sentence: _Sentence) -> _Candidate | None:
    """"từ 63 xuống còn 34 tỉnh": the first number counts what the second one counts."""
    before, link = _range_link()
    if q.percent or q.total is not None or \
            _exclusion("before").search(folded, sentence.start, q.start) or \
            not before.search(folded, sentence.start, q.start):
        return None
    m = link.match(folded, q.end)
    if m is None or m.end() != following.start or following.percent:
        return None
    other = _candidate(folded, following, sentence)
    if other is None:
        return None
    return _Candidate(q, q.end, other.unit_ids, other.unit, q.comparator, sentence)


def _fuller_unit(folded: str, start: int, end: int, unit_ids: tuple[str, ...]) -> tuple[str, ...]:
    """A bare noun ("tổ chức") stands for the fuller unit named earlier in the sentence
    ("tổ chức đảng"), for the nouns marked short."""
    if not units()[unit_ids[-1]].short:
        return unit_ids
    bare = units()[unit_ids[-1]].text.lower()
    before = folded[start:end].lower()
    best: tuple[int, str] | None = None
    for unit in units().values():
        if unit.text.lower().startswith(bare + " "):
            at = before.rfind(unit.text.lower())
            if at >= 0 and (best is None or at > best[0]):
                best = (at, unit.id)
    return unit_ids if best is None else (*unit_ids[:-1], best[1])


class _Context:
    """What one article offers for reading its figures."""

    def __init__(self, article: Article, found: Extraction, sentences: list[_Sentence],
                 bodies: list[_Body], candidates: list[_Candidate],
                 cited: list[tuple[int, int]]) -> None:
        self.article = article
        self.folded = article.folded
        self.sentences = sentences
        self.bodies = bodies
        self.main = _main_party_body(bodies)
        self.province = _article_province(found, bodies)
        self.candidates = candidates
        self.cited = cited  # document citations: their dates are not the figures' periods
        self.taken = [(c.quantity.start, c.end) for c in candidates] + [
            (b.start, b.end) for b in bodies if b.role == "body"]
        self.events = [(_folded_range(article, span), event) for event in found.events
                       for span in event.mentions]
        self.subjects: dict[_Sentence, list[_Body]] = {}  # subjects of the figures read so far

    def figure(self, c: _Candidate) -> Figure | str:
        """The figure, or why it is left out."""
        q = c.quantity
        if self._threshold(c):
            return "a threshold that qualifies the things counted before it, not a figure"
        measure_id, cue = self._measure(c)
        measure = measures()[measure_id]
        target, target_span = self._target(c)
        subject = self._subject(c, measure)
        if isinstance(subject, _Unsure):
            return subject.reason
        if subject is None and not (measure.national and target):
            return ("no organisation or territory found as the subject of this figure "
                    "(nor a national goal)")
        if subject is not None:
            self.subjects.setdefault(c.sentence, []).append(subject)
        period, period_span = self._period(c)
        span = self.article.span
        body = subject if subject is not None and subject.role == "body" else None
        territory = subject.value if subject is not None and subject.role == "territory" \
            else None
        return Figure(
            span=span(q.start, c.end), value=q.value, unit=c.unit, unit_ids=c.unit_ids,
            measure=measure.en, measure_id=measure_id, value_max=q.value_max,
            comparator=c.comparator, target=target,
            subject=body.name if body else None,
            subject_key=(body.key or slug(body.name)) if body and body.name else None,
            subject_span=span(subject.start, subject.end) if subject and subject.start >= 0
            else None,
            subject_listed=bool(body and body.listed),
            national=subject is None or territory == NATION,
            province=territory if territory not in (None, NATION) else None,
            total=q.total, period=period, period_span=period_span,
            cue_span=span(*cue) if cue else None, target_span=target_span,
        )

    def _threshold(self, c: _Candidate) -> bool:
        """"12 bộ có tỷ lệ … dưới 50%": a bounded percentage after a count of its clause and a
        threshold link (có) says which things were counted, it is not a figure of its own."""
        q = c.quantity
        if not q.percent or q.comparator in (None, "~"):
            return False
        clause_start, _ = self._clause(c)
        counted = [o for o in self.candidates if clause_start <= o.quantity.start
                   and o.end <= q.start and not o.quantity.percent]
        return bool(counted) and _pattern("threshold-link").search(
            self.folded, counted[-1].end, q.start) is not None

    # -- measure ------------------------------------------------------------------------------

    def _clause(self, c: _Candidate) -> tuple[int, int]:
        s = c.sentence
        text = self.folded
        before = max(text.rfind(mark, s.start, c.quantity.start) for mark in ";:")
        after = [i for i in (text.find(mark, c.end, s.end) for mark in ";:") if i >= 0]
        return (before + 1 if before >= 0 else s.start), (min(after) if after else s.end)

    def _free(self, start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in self.taken)

    def _cues(self, start: int, end: int) -> list[tuple[int, int, str]]:
        pattern, table = _cue_pattern()
        out = []
        for m in pattern.finditer(self.folded, start, end):
            measure_id = table[m.group(1).lower()]
            written = m.group()
            if measure_id and (written[0].islower() or written.split()[0].isupper()) and \
                    self._free(m.start(), m.end()):  # not "Ủy ban Kiểm tra"; "GDP" is fine
                out.append((m.start(), m.end(), measure_id))
        return out

    def _measure(self, c: _Candidate) -> tuple[str, tuple[int, int] | None]:
        """The nearest cue before the figure in its clause (right before it, for cues with
        other senses), not across a comma except between listed figures; for a percentage
        also the first cue after it ("95% cán bộ hoàn thành …")."""
        q = c.quantity
        clause_start, clause_end = self._clause(c)
        for start, end, measure_id in reversed(self._cues(clause_start, q.start)):
            measure = measures()[measure_id]
            if measure.adjacent:
                if _filler_run().fullmatch(self.folded, end, q.start) is None:
                    continue
            elif not self._one_phrase(end, q.start, listed=not measure.national):
                break  # a national measure names one number: "GDP tăng 8%, CPI 4%"
            return measure_id, (start, end)
        if q.percent:
            for start, end, measure_id in self._cues(c.end, clause_end):
                if not self._one_phrase(c.end, start):
                    break
                if not measures()[measure_id].adjacent:
                    return measure_id, (start, end)
        return _default_measure("percent" if q.percent else "count"), None

    def _one_phrase(self, start: int, end: int, listed: bool = True) -> bool:
        """No comma between two places, once ``listed`` figures ("2.400 tổ chức, 9.100 …",
        "Ban Thường vụ (07 đồng chí), …") are taken out."""
        if not listed:
            return "," not in self.folded[start:end]
        text = list(self.folded[start:end])
        for other in self.candidates:
            for i in range(max(other.quantity.start, start), min(other.end, end)):
                text[i - start] = "§"
        plain = re.sub(r"\(?§+\)?\s*(?:,|và(?!\w))?", "", "".join(text))
        return "," not in plain

    # -- goal -----------------------------------------------------------------------------------

    def _target(self, c: _Candidate) -> tuple[bool, Span | None]:
        """A goal when a goal word comes before the figure in its sentence, unless it is met
        ("vượt chỉ tiêu") or a result follows it ("Với mục tiêu …, X đã kết nạp …")."""
        start = c.sentence.start
        blocked = [(m.start(), m.end()) for m in
                   _pattern("target-blocker").finditer(self.folded, start, c.quantity.start)]
        cues = [m for m in _pattern("target").finditer(self.folded, start, c.quantity.start)
                if not any(s <= m.start() < e for s, e in blocked)]
        if not cues or _pattern("result").search(self.folded, cues[-1].end(), c.quantity.start):
            return False, None
        return True, self.article.span(cues[-1].start(), cues[-1].end())

    # -- subject --------------------------------------------------------------------------------

    def _body_at(self, pos: int) -> _Body | None:
        return next((b for b in self.bodies if b.start == pos), None)

    def _resolve(self, body: _Body | None) -> _Found:
        """What a name in subject position stands for: the body itself, the main body a
        collective phrase stands for, the province or nation of a territory phrase, the body that
        holds a meeting. Something that cannot be resolved makes the figure unsure."""
        if body is None:
            return None
        if body.role == "body":
            if body.incomplete:
                return _Unsure(f"the subject {body.name!r} is a short form the article does not "
                               "resolve")
            return body
        if body.role == "collective":
            main = self.main if body.value is None else _main_body(self.bodies, body.value)
            if main is None:
                return _Unsure("a collective subject but no main body of its kind")
            return _Body(body.start, body.end, main.name, main.key, main.listed)
        if body.role == "territory":
            return self._territory(body)
        return self._holder(body)

    def _territory(self, body: _Body) -> _Found:
        """The nation, a named province, or the article's one province (or city) for "toàn
        tỉnh", "trên địa bàn", "GRDP"."""
        scope = body.value
        if scope == NATION or scope in provinces():
            return _Body(body.start, body.end, None, None, role="territory", value=scope)
        unit = provinces().get(self.province or "")
        if unit is None or (scope == "city" and unit.kind != "city") or \
                (scope == "province" and unit.kind == "city"):
            return _Unsure("a territory that is not the article's one province or city")
        return _Body(body.start, body.end, None, None, role="territory", value=unit.id)

    def _holder(self, meeting: _Body) -> _Found:
        """"kỳ họp đã thông qua …": the one body that holds the nearest event of that type
        reported up to here, when the paragraph names that body."""
        events = [(start, event) for (start, _), event in self.events
                  if start <= meeting.start and event.event_type == meeting.value]
        if not events:
            return _Unsure("a meeting in subject position but no such event reported before it")
        _, event = max(events, key=lambda x: x[0])
        if len(event.organisers) != 1:
            return _Unsure("a meeting in subject position whose event has no single organiser")
        organiser = event.organisers[0]
        paragraph = self._paragraph(meeting.start)
        if not any(b.key == organiser.key and paragraph[0] <= b.start < paragraph[1]
                   for b in self.bodies if b.role == "body"):
            return _Unsure("a meeting in subject position whose holder the paragraph does not name")
        return _Body(meeting.start, meeting.end, organiser.name, organiser.key, organiser.listed)

    def _paragraph(self, pos: int) -> tuple[int, int]:
        sentence = next(s for s in reversed(self.sentences) if s.start <= pos)
        same = [s for s in self.sentences if s.paragraph == sentence.paragraph]
        return same[0].start, same[-1].end

    def _subject(self, c: _Candidate, measure: Measure) -> _Found:
        """The figure's subject, searched in the order of the module docstring."""
        s = c.sentence
        q = c.quantity
        clause = self._clause_subject(s.start, q.start)
        owner = self._owner(c)
        if owner is not None and not (isinstance(clause, _Body) and _within(clause, owner)):
            return owner
        if measure.national:
            if (setter := self._setter(c)) is not None:
                return setter
            return self._territory_before(s.start, q.start)
        if clause is not None:
            return clause
        scope = next((b for b in self.bodies if b.collective and s.start <= b.start
                      and b.end <= q.start), None)
        if scope is not None:
            return self._resolve(scope)  # "số đảng viên trong toàn Đảng bộ tăng …"
        clause_start, _ = self._clause(c)
        statistic = _pattern("statistic").search(self.folded, clause_start, q.start) is not None
        if statistic and (territory := self._territory_before(s.start, q.start)) is not None:
            return territory
        if (body := self._carried(c, statistic)) is not None:
            if statistic and not (isinstance(body, _Body) and body.role == "territory"):
                return _Unsure("a statistic whose sentence names no territory")
            return body
        if units()[c.unit_ids[-1]].attendee:
            return self._meeting_holder(q.start)
        return None

    def _territory_before(self, start: int, end: int) -> _Found:
        """The territory named nearest before ``end`` (not a bare "tỉnh")."""
        named = [b for b in self.bodies if b.role == "territory" and not b.weak
                 and start <= b.start and b.end <= end]
        return self._resolve(named[-1]) if named else None

    def _carried(self, c: _Candidate, statistic: bool) -> _Found:
        """The subject of the previous sentence of the paragraph, for a sentence that goes on
        about it: one that opens with a connective or a measure verb (then the sentences before
        it too); one whose verb has no subject ("Qua kiểm tra, đã phát hiện …"); a statistic
        whose sentence names nothing that could be a subject before it ("Kim ngạch xuất khẩu đạt
        …", the territory of the sentence before)."""
        s = c.sentence
        continues = self._continues(s)
        names = any(s.start <= b.start < c.quantity.start and not b.weak for b in self.bodies)
        if not (continues or self._subjectless(s, c.quantity.start) or (statistic and not names)):
            return None
        index = self.sentences.index(s)
        for previous in reversed(self.sentences[:index]):
            if previous.paragraph != s.paragraph:
                break
            body = self._clause_subject(previous.start, previous.end)
            if body is None:
                subjects = {(b.name, b.key, b.value) for b in self.subjects.get(previous, [])}
                if len(subjects) == 1:
                    body = self.subjects[previous][-1]
            if body is not None or not continues:
                return body
        return None

    def _subjectless(self, s: _Sentence, end: int) -> bool:
        """Whether the sentence's verb has no subject: its first word, or the first word after
        an opening phrase and a comma, is a subject marker ("Qua kiểm tra, đã phát hiện …")."""
        markers, _ = _subject_markers()
        text = self.folded[s.start:end]
        comma = text.find(",")
        return any(markers.match(text, m.end()) for m in
                   (re.compile(r"\s*").match(text, 0),
                    re.compile(r",\s*").match(text, comma) if comma >= 0 else None) if m)

    def _meeting_holder(self, pos: int) -> _Found:
        """The body that holds the nearest event reported before ``pos``: the participants
        (đại biểu) counted are that meeting's."""
        events = [(start, event) for (start, _), event in self.events if start < pos]
        if not events:
            return None
        _, event = max(events, key=lambda x: x[0])
        if len(event.organisers) != 1:
            return None
        organiser = event.organisers[0]
        return _Body(-1, -1, organiser.name, organiser.key, organiser.listed)

    def _continues(self, s: _Sentence) -> bool:
        """Whether a sentence goes on about the subject of the one before: it opens with a
        connective ("Trong đó, …") or with a measure verb and no subject ("Giảm 12 đầu mối")."""
        opening = _opening().match(self.folded, s.start)
        if opening is None or opening.group(1) is not None:
            return opening is not None
        _, table = _cue_pattern()
        measure = table[opening.group(2).lower()]
        if measure is None or not measures()[measure].adjacent:
            return measure is not None
        after = _filler_run().match(self.folded, opening.end()).end()
        return self.folded[after:after + 1].isdigit()  # "Giảm 12 …", not "Tổ chức đảng …"

    def _owner(self, c: _Candidate) -> _Found:
        """The body the counted things belong to, named right after the figures: "5 đảng viên
        và 2 chi bộ thuộc Đảng bộ X", "… đảng viên trong toàn Đảng bộ", "92% đại biểu Quốc hội"."""
        end = c.end
        following = [o for o in self.candidates if o.quantity.start >= end]
        for other in following:
            if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", self.folded[end:other.quantity.start]):
                end = other.end
            else:
                break
        if units()[c.unit_ids[-1]].document:
            return None  # "3 Quyết định của Thủ tướng": the issuer, not an owner
        if (m := _lead("attachment").match(self.folded, end)) or \
                (m := _lead("owner").match(self.folded, end)):
            body = self._body_at(m.end())
            if body is not None and body.role in ("body", "collective"):
                return self._resolve(body)
            return None
        # a counted noun followed by a listed body's name: "(tổng số) đại biểu Quốc hội"
        pattern, forms = _unit_forms()
        pos = end
        if c.quantity.percent:
            pos = _filler_run().match(self.folded, pos).end()
            noun = pattern.match(self.folded, pos - 1 if self.folded[pos - 1:pos] == " " else pos)
            if noun is None or units()[forms[noun.group(1).lower()]].document:
                return None
            pos = noun.end()
        elif pos != c.end:
            return None
        space = re.compile(r" ").match(self.folded, pos)
        body = self._body_at(space.end()) if space else None
        if body is not None and body.role == "body" and body.listed:
            return self._resolve(body)
        return None

    def _setter(self, c: _Candidate) -> _Body | None:
        """"mục tiêu 7% như Quốc hội đã đề ra": the body that set a national target."""
        m = _lead("setter").match(self.folded, c.end)
        if m is None or (body := self._body_at(m.end())) is None or body.role != "body" \
                or body.incomplete:
            return None
        return body if _setter_verb().match(self.folded, body.end) else None

    def _clause_subject(self, start: int, end: int) -> _Found:
        """What stands in subject position nearest before ``end``: followed by a marker (đã,
        được …) or a measure verb, or introduced by a passive agent marker (được, do)."""
        markers, agents = _subject_markers()
        found = [(m.start(), m.end(), m.group().lower() in agents)
                 for m in markers.finditer(self.folded, start, end)]
        found += [(s, e, False) for s, e, _ in self._cues(start, end)]
        for m_start, m_end, agent in sorted(found, reverse=True):
            if agent:  # "được Bộ X tham mưu": the agent follows; else "X được": passive
                after = re.compile(r"\s+").match(self.folded, m_end)
                body = self._body_at(after.end()) if after else None
                if body is not None and not body.weak:
                    return self._resolve(body)
            before = [b for b in self.bodies if start <= b.start and b.end <= m_start]
            if not before:
                continue
            body = before[-1]
            gap = _strip_markers(self.folded[body.end:m_start])
            if not gap.strip():
                return self._resolve(body)
            if body.collective and len(gap) <= _MAX_GAP and re.match(r"\s*(?:,|và\s)", gap) \
                    and not re.search(r"[;:()]", gap):
                # "Đảng ủy X và các cấp ủy trực thuộc đã …": coordinated with the
                # committees at all levels, the subject is the whole Party organisation
                return self._resolve(body)
        return None

    # -- period -------------------------------------------------------------------

    def _period(self, c: _Candidate) -> tuple[str | None, Span | None]:
        s = c.sentence
        matches = [(m, formats) for pattern, formats in _periods()
                   for m in pattern.finditer(self.folded, s.start, s.end)
                   if not any(a < m.end() and m.start() < b for a, b in self.cited)]
        matches = [(m, f) for m, f in matches if not any(
            o.start() <= m.start() and m.end() <= o.end() and (o.end() - o.start()) >
            (m.end() - m.start()) for o, _ in matches)]
        before = [x for x in matches if x[0].end() <= c.quantity.start]
        after = [x for x in matches if x[0].start() >= c.end]
        ordered = sorted(before, key=lambda x: -x[0].end()) + sorted(after, key=lambda x:
                                                                        x[0].start())
        for m, formats in ordered:
            text = _format_period(m, formats)
            if text is not None:
                return text, self.article.span(m.start(), m.end())
        return None, None


def _within(subject: _Body, owner: _Body) -> bool:
    """Whether the owner named after a figure is the subject itself or the body it belongs
    to ("Thanh tra Bộ Y tế" … "trực thuộc Bộ" [Y tế]): then the subject is the better one."""
    if subject.role != "body" or owner.role != "body":
        return False
    if owner.key is not None and owner.key in (subject.key, subject.parent):
        return True
    return bool(subject.name and owner.name and
                subject.name.lower().endswith(" " + owner.name.lower()))


def _strip_markers(gap: str) -> str:
    markers, _ = _subject_markers()
    while True:
        trimmed = gap.rstrip()
        last = None
        for m in markers.finditer(trimmed):
            if m.end() == len(trimmed):
                last = m
        if last is None:
            return gap
        gap = trimmed[:last.start()]


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _format_period(m: re.Match[str], formats: tuple[str, ...]) -> str | None:
    values: dict[str, int] = {}
    for name, text in m.groupdict().items():
        if text is None:
            continue
        if name.startswith("q"):
            number = _ROMAN.get(text.upper()) or (int(text) if text.isdigit() else None)
        elif text.isdigit():
            number = int(text)
        else:
            number = parse_number_words(text)
        if number is None or (name in ("m", "n") and not 1 <= number <= 12):
            return None
        values[name] = number
    for fmt in formats:
        fields = set(re.findall(r"{(\w+)", fmt))
        if fields <= values.keys():
            return fmt.format(**values)
    return None
