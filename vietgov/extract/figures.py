"""Figures: the quantities an article reports for a body and a period.

A figure is a number (:mod:`vietgov.extract.numbers`) followed by a counted noun or a percent
sign (``mappings/figure_units.yaml``) that is not a reference, a date or a duration
(``mappings/figure_exclusions.yaml``). Around it, cue words (``mappings/figure_measures.yaml``)
say what is measured, whether it is a goal, and when; the subject is the organisation the
sentence reports about:

1. the body named right after the figures with *thuộc* ("4 chi bộ thuộc Đảng bộ X");
2. for national measures (economic growth) nobody, unless "như <body> đã đề ra" names who set
   it; such figures are kept only when they are goals (growth targets, not statistics);
3. the body in subject position of the clause: before *đã*, *được*, *có* … or after a passive
   *được*/*do*; a collective subject ("toàn Đảng bộ", "cấp ủy các cấp") stands for the article's
   main Party organisation;
4. the subject of the previous sentence of the same paragraph.

Step 4 applies only to a sentence that continues the one before ("Trong đó, …", "Kết quả, …",
or an opening measure verb). Figures without a subject (other than national ones) are left
out and recorded as skipped. Organisations come from ``found.organisations``; where it names
nothing, a conservative reading of Party body names and the gazetteer fills in.
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
from vietgov.gazetteer import find_bodies
from vietgov.mappings import load_yaml
from vietgov.model import Article, Extraction, Span
from vietgov.rdf.iris import slug
from vietgov.reading.normalize import fold_text

KIND = "figure"
_MAX_GAP = 80  # characters of a coordinated subject between a body and its verb


@dataclass(frozen=True)
class Figure:
    """One quantity reported in an article.

    ``span`` covers the comparator, the number and its unit ("khoảng 12%", "250 đảng viên").
    ``unit_ids`` are ids of ``mappings/figure_units.yaml`` (two for a classifier compound such
    as ``("luot", "dang-vien")``); ``unit`` is its Vietnamese text, or ``"percent"``.
    ``subject`` is the full (folded) name of the organisation the figure describes and
    ``subject_key`` its key; both are ``None`` for national figures (``national``).
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
                              bool(row.get("classifier")), row["source"])
    return out


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
    """A body named in the text, or a collective phrase standing for the main Party body."""

    start: int
    end: int
    name: str | None
    key: str | None
    listed: bool = False
    collective: bool = False


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
    when the extractor knows the same name elsewhere in the article).
    """
    listed = [_Body(*_folded_range(article, m.span), m.name, m.key, listed=True)
              for m in found.organisations]
    keys = {b.name.lower(): b.key for b in listed if b.name}
    bodies = _outermost(listed)
    for body in _fallback_bodies(article.folded):
        if not _overlaps(body, bodies):
            key = keys.get(body.name.lower()) if body.name else None
            bodies.append(_Body(body.start, body.end, body.name, key or body.key,
                                listed=key is not None))
    for m in _pattern("collective").finditer(article.folded):
        collective = _Body(m.start(), m.end(), None, None, collective=True)
        if not _overlaps(collective, bodies):
            bodies.append(collective)
    return sorted(bodies, key=lambda b: (b.start, -b.end))


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
    candidates = [c for q in find_quantities(folded)
                  if (c := _candidate(folded, q, sentences[bisect.bisect_right(starts, q.start)
                                                          - 1])) is not None]
    bodies = _bodies(article, found)
    cited = [_folded_range(article, d.span) for d in found.documents]
    context = _Context(article, sentences, bodies, _main_party_body(bodies), candidates, cited)
    figures: list[Figure] = []
    seen: dict[tuple[Any, ...], list[tuple[_Sentence, Figure]]] = {}
    for candidate in candidates:
        figure = context.figure(candidate)
        if figure is None:
            found.skip(KIND, article.span(candidate.quantity.start, candidate.end),
                       "no organisation found as the subject of this figure (nor a national goal)")
            continue
        key = (figure.value, figure.value_max, figure.unit_ids, figure.measure_id,
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
    return _party_unit(a.subject) == _party_unit(b.subject)


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
        unit_ids, end = ("percent",), q.end
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


def _fuller_unit(folded: str, start: int, end: int, unit_ids: tuple[str, ...]) -> tuple[str, ...]:
    """A bare noun ("tổ chức") stands for the fuller unit named earlier in the sentence
    ("tổ chức đảng")."""
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

    def __init__(self, article: Article, sentences: list[_Sentence], bodies: list[_Body],
                 main: _Body | None, candidates: list[_Candidate],
                 cited: list[tuple[int, int]]) -> None:
        self.article = article
        self.folded = article.folded
        self.sentences = sentences
        self.bodies = bodies
        self.main = main
        self.candidates = candidates
        self.cited = cited  # document citations: their dates are not the figures' periods
        self.taken = [(c.quantity.start, c.end) for c in candidates] + [
            (b.start, b.end) for b in bodies if not b.collective]

    def figure(self, c: _Candidate) -> Figure | None:
        q = c.quantity
        measure_id, cue = self._measure(c)
        measure = measures()[measure_id]
        target, target_span = self._target(c)
        subject = self._subject(c, measure)
        if subject is None and not (measure.national and target):
            return None  # national figures are kept only as goals (growth targets)
        period, period_span = self._period(c)
        span = self.article.span
        return Figure(
            span=span(q.start, c.end), value=q.value, unit=c.unit, unit_ids=c.unit_ids,
            measure=measure.en, measure_id=measure_id, value_max=q.value_max,
            comparator=c.comparator, target=target,
            subject=subject.name if subject else None,
            subject_key=(subject.key or slug(subject.name)) if subject and subject.name else None,
            subject_span=span(subject.start, subject.end) if subject and subject.start >= 0
            else None,
            subject_listed=bool(subject and subject.listed), national=subject is None,
            period=period, period_span=period_span,
            cue_span=span(*cue) if cue else None, target_span=target_span,
        )

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

    def _resolve(self, body: _Body | None) -> _Body | None:
        """A collective phrase stands for the main Party body (and is where it is named)."""
        if body is None or not body.collective:
            return body
        if self.main is None:
            return None
        return _Body(body.start, body.end, self.main.name, self.main.key, self.main.listed)

    def _subject(self, c: _Candidate, measure: Measure) -> _Body | None:
        if (owner := self._attached_owner(c)) is not None:
            return owner
        if measure.national:
            return self._setter(c)
        s = c.sentence
        if (body := self._clause_subject(s.start, c.quantity.start)) is not None:
            return body
        scope = next((b for b in self.bodies if b.collective and s.start <= b.start
                      and b.end <= c.quantity.start), None)
        if (body := self._resolve(scope)) is not None:
            return body  # "số đảng viên trong toàn Đảng bộ tăng …"
        if not self._continues(s):
            return None
        index = self.sentences.index(s)
        for previous in reversed(self.sentences[:index]):
            if previous.paragraph != s.paragraph:
                break
            if (body := self._clause_subject(previous.start, previous.end)) is not None:
                return body
        return None

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

    def _attached_owner(self, c: _Candidate) -> _Body | None:
        """"… 5 đảng viên và 2 chi bộ thuộc Đảng bộ X": the owner of the counted things."""
        end = c.end
        following = [o for o in self.candidates if o.quantity.start >= end]
        for other in following:
            if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", self.folded[end:other.quantity.start]):
                end = other.end
            else:
                break
        m = _lead("attachment").match(self.folded, end)
        if m is None:
            return None
        return self._resolve(self._body_at(m.end()))

    def _setter(self, c: _Candidate) -> _Body | None:
        """"mục tiêu 7% như Quốc hội đã đề ra": the body that set a national target."""
        m = _lead("setter").match(self.folded, c.end)
        if m is None or (body := self._body_at(m.end())) is None or body.collective:
            return None
        return body if _setter_verb().match(self.folded, body.end) else None

    def _clause_subject(self, start: int, end: int) -> _Body | None:
        """The body in subject position nearest before ``end``: followed by a marker (đã,
        được …) or a measure verb, or introduced by a passive agent marker (được, do)."""
        markers, agents = _subject_markers()
        found = [(m.start(), m.end(), m.group().lower() in agents)
                 for m in markers.finditer(self.folded, start, end)]
        found += [(s, e, False) for s, e, _ in self._cues(start, end)]
        for m_start, m_end, agent in sorted(found, reverse=True):
            if agent:  # "được Bộ X tham mưu": the agent follows; else "X được": passive
                after = re.compile(r"\s+").match(self.folded, m_end)
                body = self._body_at(after.end()) if after else None
                if body is not None:
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
