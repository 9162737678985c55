"""Events an article names: congresses, conferences, sessions, signings, contests, anniversaries.

A mention opens with a head word of ``mappings/event_types.yaml`` (``Đại hội``, ``Hội nghị``,
``Lễ ký kết``, ``kỷ niệm`` …) and goes on with its name, read on folded text. A head inside an
award's name is none (``Kỷ niệm chương``, ``Huân chương`` … are awards, not anniversaries), and
a head that ``needs`` a word counts only before it (``Lễ trao`` before an award):

* congresses and meetings (``structured`` types) may carry, in any order, ``đại biểu``,
  ``toàn quốc``, an ordinal (``lần thứ III``, ``thứ 8``, a bare ``XIII``), the body that holds
  them (``Đại hội Đảng bộ tỉnh Bình Định``), ``của <body>``, ``khóa XIII``; after the name come
  ``nhiệm kỳ 2020 - 2025`` (with or without a comma or brackets);
* the rest of the name runs to the end of its clause (punctuation, a preposition or verb that
  ends a noun phrase, a verb the meeting performs such as ``bầu``, ``thông qua``, the next
  event; the words are cue rows of the mapping); past a comma only when the next clauses start
  in lower case and reach a ``năm YYYY`` (``… tổng kết năm 2023, kế hoạch năm 2024``);
  a quoted title ends it (``Chương trình nghệ thuật "…"``).

A mention counts only when something identifies one event: an ordinal, a term, a year, a
quoted or capitalised title, the body or organiser in the name, a document it studies, an
anniversary count, or a date (in lower case, a date and the body holding it). Plural or
counted mentions (``các hội nghị``, ``54 hội nghị``), series (``các cấp``), recurring ones
(``hằng năm``), campaigns without a quoted name and heads inside a body's name (``Ban Chỉ đạo
Cuộc vận động``) are left out. A bare head (``Đại hội bầu …``, ``tại Hội nghị``) refers back:
it is one more mention of the one event of its type the article named before it, and may tell
that event's chair; with several such events or none it is left out.

Date and place come from the sentence: a time phrase opening it (see
:mod:`vietgov.extract.event_dates`) and ``tại <Place>``, for the first event of the sentence
only, when the sentence reports it (not after ``trước khi``, ``sau khi`` …). A date without a
year takes the year of the article's dateline (``Article.published``; the reference's §5),
or the year before when that puts it after the publication and it falls within two months
before it; otherwise it is skipped. The date keeps the span of the day and its event, and
the record names the dateline (``Stated.year_span``). In an article without a dateline it
takes the one year its event's name states (``Hội nghị tổng kết … năm 2022``), unless the name
reviews a year and the meeting falls in the first half of the next, or plans a year and falls
in the second half of the one before: then it is skipped.
Organiser: the body in the name, ``của <body>``, or the subject of ``<bodies> tổ chức <event>``;
chair: the person right before ``chủ trì <event>`` or in ``do <person> chủ trì``. Documents: a
document in the name after ``quán triệt``/``triển khai`` … is studied; a document whose name
holds the event (``Nghị quyết Hội nghị …``) is adopted.

Mentions of one event in an article (same type and compatible ordinal, term, body or name)
become one record, spanned by its richest mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vietgov.extract.event_dates import (
    EventTime,
    anniversary_day,
    opening_time,
    year_by_publication,
)
from vietgov.extract.symbols import phrase_regex
from vietgov.gazetteer import bodies, find_bodies, match_body
from vietgov.mappings import MappingError, load_yaml
from vietgov.model import Article, Extraction, Span
from vietgov.rdf.iris import slug
from vietgov.reading.normalize import fold_text

KIND = "event"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Stated:
    """A value the text states, with the span that states it (the value and its event).

    ``year_span`` is set on a date whose day the sentence states without a year: the dateline
    that gave it its year (``span`` stays the day and its event).
    """

    value: str
    span: Span
    year_span: Span | None = None


@dataclass(frozen=True)
class Organiser:
    """A body that holds the event: its key and name, the span of its name, the span that
    states it holds the event, and ``listed`` when it is one of ``found.organisations``."""

    key: str
    name: str
    span: Span
    evidence: Span
    listed: bool


@dataclass(frozen=True)
class Chair:
    """The person who chairs the event: index into ``found.persons``, their name, and the span
    that states it."""

    person: int
    name: str
    span: Span


@dataclass(frozen=True)
class DocumentLink:
    """A document the event adopted or studied: index into ``found.documents``."""

    document: int
    span: Span


@dataclass(frozen=True)
class EventMention:
    """One distinct event of an article, spanned by its richest mention."""

    span: Span
    event_type: str  # slug of mappings/event_types.yaml, e.g. "dai-hoi"
    name: str  # folded: head and name, without what follows (term, bracketed dates)
    mentions: tuple[Span, ...]  # every mention of the event in the article, in text order
    ongoing: bool = False
    national: bool = False  # "toàn quốc": the body's national congress or conference
    ordinal: Stated | None = None  # as written: "III", "11"
    committee_term: Stated | None = None  # "XIII" of "khóa XIII"
    term: Stated | None = None  # "2020-2025" of "nhiệm kỳ 2020 - 2025"
    date: Stated | None = None  # ISO: "2024-07-04", or "2024-07" for a month
    place: Stated | None = None  # folded place name: "Hà Nội"
    body: str | None = None  # folded name of the body the event's name names (identity)
    name_year: int | None = None  # the one "năm YYYY" of the name
    organisers: tuple[Organiser, ...] = ()
    chair: Chair | None = None
    adopted: tuple[DocumentLink, ...] = ()
    studied: tuple[DocumentLink, ...] = ()

    @property
    def ordinal_number(self) -> int | None:
        return number_value(self.ordinal.value) if self.ordinal else None

    @property
    def label_vi(self) -> str:
        """The Vietnamese name of the event type (``Đại hội``, ``Ký kết`` …)."""
        return event_types()[self.event_type].label_vi


# --------------------------------------------------------------------------- reference data


@dataclass(frozen=True)
class EventType:
    """One event type (a concept of the ``event-type`` code list)."""

    slug: str
    label_vi: str
    label_en: str
    ongoing: bool
    structured: bool
    body_first: bool
    anniversary: bool


@cache
def event_types() -> dict[str, EventType]:
    """Event types by slug; rows of one type must agree on everything but their heads."""
    out: dict[str, EventType] = {}
    for row in load_yaml("event_types.yaml"):
        if "type" not in row:
            continue
        t = EventType(row["type"], fold_text(row["label_vi"]), row["label_en"],
                      bool(row.get("ongoing")), bool(row.get("structured")),
                      bool(row.get("body_first")), bool(row.get("anniversary")))
        if out.setdefault(t.slug, t) != t:
            raise MappingError(f"event_types.yaml: rows of type {t.slug} disagree")
    return out


@dataclass(frozen=True)
class _Head:
    type: str
    verb: bool
    needs: str | None  # cue role of a word that must follow the head ("Lễ trao" + award)


@cache
def _heads() -> tuple[re.Pattern[str], dict[str, _Head]]:
    table: dict[str, _Head] = {}
    for row in load_yaml("event_types.yaml"):
        for head in row.get("heads") or ():
            table[fold_text(head).lower()] = _Head(row["type"], bool(row.get("verb")),
                                                   row.get("needs"))
    return _word_regex(table, re.IGNORECASE), table


@cache
def _cue_rows() -> dict[str, tuple[dict[str, Any], ...]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in load_yaml("event_types.yaml"):
        if "cue" in row:
            out.setdefault(row["cue"], []).append(row)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _cue_words(role: str) -> frozenset[str]:
    """The folded cue words of one role (``cue`` rows of ``mappings/event_types.yaml``)."""
    return frozenset(fold_text(w) for row in _cue_rows()[role] for w in row["words"])


@cache
def _cue(role: str, case_sensitive: bool = True) -> re.Pattern[str]:
    """Cue words of one role as a word-bounded regex (function words match in lower case)."""
    return _word_regex(_cue_words(role), 0 if case_sensitive else re.IGNORECASE)


def _word_regex(words: Any, flags: int) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?![\w])", flags)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def number_value(written: str) -> int | None:
    """The value of an ordinal as written: Arabic digits or a well-formed Roman numeral."""
    if written.isdigit():
        return int(written)
    if not written or any(c not in _ROMAN for c in written):
        return None
    total = 0
    for i, c in enumerate(written):
        v = _ROMAN[c]
        total += -v if i + 1 < len(written) and _ROMAN[written[i + 1]] > v else v
    return total if _to_roman(total) == written else None


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                 (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


_NUMBER = r"(?P<v>[IVXLC]+|\d{1,3})(?![\w/-])"
_BARE_ROMAN = re.compile(r"(?P<v>[IVXLC]+)(?![\w/-])")


@cache
def _numbered() -> re.Pattern[str]:
    """``lần thứ N``, ``thứ N``, ``khóa N`` (Roman or Arabic)."""
    cues = f"{_cue('ordinal').pattern}|{_cue('committee-term').pattern}"
    return re.compile(rf"(?:{cues})\s+{_NUMBER}")


@cache
def _year() -> re.Pattern[str]:
    """``năm 2024``: a year as a name states it."""
    return re.compile(rf"(?<!\w)(?:{phrase_regex('date-year')})\s+(?P<y>(?:19|20)\d\d)(?!\d)",
                      re.IGNORECASE)


@cache
def _full_date_before() -> re.Pattern[str]:
    """``… tháng 5 `` right before a year: that year belongs to a calendar date."""
    return re.compile(rf"(?:{phrase_regex('date-month')})\s+\d{{1,2}}\s*,?\s*$", re.IGNORECASE)


@cache
def _plenum() -> re.Pattern[str]:
    return re.compile(rf"(?:{_cue('plenum-shorthand').pattern})\s+(?P<v>\d{{1,2}})(?![\w/-])")



_YEARS_AFTER = re.compile(r"\s*,\s*(?:19|20)\d\d(?!\d)")  # "các năm 2023, 2024"
_RANGE = r"(?P<a>(?:19|20)\d\d)\s*-\s*(?P<b>(?:19|20)\d\d)(?!\d)"
_STOP_CHARS = ".;:!?\n\r()[]…\"'"
_SPACE = re.compile(r"[ ]*")
_COMMA = re.compile(r"\s*,\s*")
_TOKEN = re.compile(r"[ ]*([^\s,.;:!?()\[\]…\"']+)")


def _words(folded: str, pos: int, end: int | None = None) -> Iterator[tuple[int, str]]:
    """Words from ``pos`` separated by spaces only, up to the first punctuation or line end."""
    end = len(folded) if end is None else end
    while m := _TOKEN.match(folded, pos, end):
        yield m.start(1), m.group(1)
        pos = m.end()
_SENTENCE_END = re.compile(r"[.!?](?=\s)\s*|\n+")


# --------------------------------------------------------------------------- reading


@dataclass
class _Org:
    key: str
    name: str
    start: int
    end: int
    listed: bool


@dataclass
class _Draft:
    """One mention being read; offsets are into the folded text."""

    type: str
    start: int
    head_end: int
    end: int = 0
    ordinal: tuple[str, int, int] | None = None
    committee_term: tuple[str, int, int] | None = None
    term: tuple[str, int, int] | None = None
    national: bool = False
    body: str | None = None
    organisers: list[_Org] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    quoted: bool = False
    count: int | None = None
    date: tuple[str, int, int] | None = None
    place: tuple[str, int, int] | None = None
    chair: tuple[int, str, int, int] | None = None
    adopted: list[tuple[int, int, int]] = field(default_factory=list)
    studied: list[tuple[int, int, int]] = field(default_factory=list)
    title_start: int = 0  # where the name proper starts (after head, ordinal, body)
    name_end: int = 0  # where it ends (before a term, a date in brackets …)
    anaphora: bool = False  # a bare head that refers back to an event the article names
    year_from_dateline: bool = False  # the date's year is the article's (not stated with it)

    @property
    def name_year(self) -> int | None:
        return self.years[0] if len(set(self.years)) == 1 else None


class _Reader:
    """Reads the event mentions of one article."""

    def __init__(self, article: Article, found: Extraction) -> None:
        self.article = article
        self.found = found
        self.folded = article.folded
        to_fold = article.folded_to_text

        def fold_span(span: Span) -> tuple[int, int]:
            return bisect_left(to_fold, span.start), bisect_left(to_fold, span.end)

        self.orgs = [(*fold_span(o.span), o) for o in found.organisations]
        self.docs = [(*fold_span(d.span), i) for i, d in enumerate(found.documents)]
        self.persons = sorted(  # every naming of every person: (start, end, index, name)
            (*fold_span(m.span), i, p.name)
            for i, p in enumerate(found.persons) for m in (*p.mentions, p))
        self.heads = self.find_heads()
        self.sentence_starts = [0, *(m.end() for m in _SENTENCE_END.finditer(self.folded))]
        self.claimed_sentences: set[int] = set()  # sentences whose time and place are taken

    def find_heads(self) -> list[tuple[int, int, _Head]]:
        """The head words of the text, but not inside an award's name (``Kỷ niệm chương``) nor
        before anything but the word they need (``Lễ trao`` before an award)."""
        pattern, table = _heads()
        awards = [(m.start(), m.end()) for m in _cue("award", False).finditer(self.folded)]
        out = []
        for m in pattern.finditer(self.folded):
            head = table[m.group().lower()]
            if any(s < m.end() and m.start() < e for s, e in awards):
                continue
            if head.needs and not _cue(head.needs, False).match(self.folded,
                                                                self.skip_spaces(m.end())):
                continue
            out.append((m.start(), m.end(), head))
        return out

    # ---- small readers at a position

    def skip_spaces(self, pos: int) -> int:
        return _SPACE.match(self.folded, pos).end()  # type: ignore[union-attr]

    def org_at(self, pos: int) -> _Org | None:
        """The organisation named at ``pos``: from the organisations found, the gazetteer, or a
        head word (``Đảng bộ``) and at least three capitalised words."""
        for start, end, org in self.orgs:
            if start == pos:
                return _Org(org.key, org.name, start, end, True)
        hit = match_body(self.folded, pos)
        if hit:
            body, end = hit
            return _Org(body.id, body.name, pos, end, False)
        if not self.folded[pos:pos + 1].isupper():
            return None
        head = _cue("org-head").match(self.folded, pos)
        if not head:
            return None
        end, capitals = self.name_run(head.end())
        if capitals < 3:  # fewer is too often a short form ("Đảng ủy Bộ", "Đảng ủy Khối")
            return None
        name = self.folded[pos:end]
        return _Org(slug(name), name, pos, end, False)

    def name_run(self, pos: int) -> tuple[int, int]:
        """End of a run of name words from ``pos`` and how many are capitalised.

        Lower-case words count only right after a capitalised one ("Thanh niên", "Trung ương"),
        as an administrative word before one ("tỉnh Quảng Ninh", which counts as capitalised)
        and "và" between capitalised ones; a cue word or punctuation ends the run.
        """
        folded, end, capitals, prev_cap = self.folded, pos, 0, True
        inner_end = 0
        for at, word in _words(folded, pos):
            if at < inner_end:
                continue
            if inner := _cue("name-inner").match(folded, at):
                nxt = next(_words(folded, inner.end()), None)
                if nxt is None or not nxt[1][:1].isupper():
                    break
                capitals, prev_cap, inner_end = capitals + 1, False, inner.end()
                continue
            if _boundary(folded, at):
                break
            cut = word.endswith("-")  # "Thương mại- một …": a dash glued to the name ends it
            word = word.rstrip("-")
            if word[:1].isupper():
                capitals, prev_cap, end = capitals + 1, True, at + len(word)
            elif word == "và" and end == at - 1:
                prev_cap = False
                nxt = next(_words(folded, at + len(word)), None)
                if nxt is None or not nxt[1][:1].isupper():
                    break
            elif prev_cap and word.isalpha() and word not in _cue_words("of"):
                prev_cap, end = False, at + len(word)
            else:
                break
            if cut:
                break
        return end, capitals

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence (or line) around ``pos``."""
        i = bisect_right(self.sentence_starts, pos) - 1
        following = self.sentence_starts[i + 1:i + 2]
        return self.sentence_starts[i], following[0] if following else len(self.folded)

    # ---- one mention

    def read(self, index: int) -> _Draft | None:
        start, head_end, head = self.heads[index]
        folded, kind = self.folded, event_types()[head.type]
        d = _Draft(head.type, start, head_end)
        if not head.verb and self._plural_before(start):
            return None
        if self._inside_body_name(start):
            return None
        pos = self.read_structure(d, head_end) if kind.structured else head_end
        if kind.anniversary and (m := re.compile(
                rf"\s+(\d{{1,3}})\s+(?:{_cue('anniversary-count').pattern})").match(folded, pos)):
            d.count = int(m.group(1))  # "kỷ niệm 80 năm …"
        d.title_start = self.skip_spaces(pos)
        if pos > head_end and folded[d.title_start:d.title_start + 1].islower():
            d.end = d.name_end = _trim_end(folded, start, pos)  # "… lần thứ XIII và các …"
        else:
            d.end = d.name_end = self.read_name(d, pos, index)
        if not d.organisers:
            self.read_of_body(d, pos)
        self.read_after_name(d)
        window = folded[start:self.skip_spaces(d.end) + 12]
        if _cue("series").search(window) or _cue("generic").search(window):
            return None  # a series or a recurring kind of event, not one event
        if kind.ongoing and not d.quoted:
            return None
        self.read_links(d)
        if not head.verb and self.is_bare(d):
            return self.read_anaphora(d)
        self.read_sentence(d)
        if head.verb and (not folded[d.title_start:d.name_end].strip()
                          or _year().match(folded, d.title_start)):
            return None  # a verb with no object ("… được ký kết năm 2019")
        if not self.anchored(d):
            return None
        self.claimed_sentences.add(self.sentence_bounds(start)[0])
        return d

    def is_bare(self, d: _Draft) -> bool:
        """A head with nothing that identifies one event: no name words, ordinal, term, body,
        year, quoted title, count or document (``Đại hội bầu …``, ``tại Hội nghị``)."""
        title = self.folded[d.title_start:d.name_end].strip()
        return not (title or d.ordinal or d.committee_term or d.term or d.body or d.organisers
                    or d.years or d.quoted or d.count or d.studied or d.date)

    def read_anaphora(self, d: _Draft) -> _Draft:
        """A bare head refers back to an event the article names (resolved in :func:`extract`);
        its sentence may tell who chairs it, but not its date, place or organiser."""
        self.read_subject(d, self.sentence_bounds(d.start)[0])
        d.organisers.clear()
        d.anaphora = True
        return d

    def _plural_before(self, pos: int) -> bool:
        before = self.folded[max(0, pos - 20):pos]
        return bool(re.search(rf"(?:{_cue('plural').pattern}|\d)\s+$", before, re.IGNORECASE))

    def _inside_body_name(self, pos: int) -> bool:
        if any(s < pos < e for s, e, _ in self.orgs):
            return True
        before = self.folded[max(0, pos - 30):pos]
        return bool(re.search("(?:" + _cue("container").pattern + r")\s+$", before))

    def read_structure(self, d: _Draft, pos: int) -> int:
        """Delegates, national, ordinal, khóa, plenum shorthand, body — in any order."""
        while True:
            p = self.skip_spaces(pos)
            end = (self._word_cue(d, p) or self._numbered(d, p) or self._plenum(d, p)
                   or self._body(d, p))
            if end is None:
                return pos
            pos = end

    def _word_cue(self, d: _Draft, p: int) -> int | None:
        """``đại biểu`` (skipped) and ``toàn quốc`` (national)."""
        if m := _cue("delegates").match(self.folded, p):
            return m.end()
        if m := _cue("national").match(self.folded, p):
            d.national = True
            return m.end()
        return None

    def _numbered(self, d: _Draft, p: int) -> int | None:
        """``lần thứ III``, ``thứ 8``, a Roman numeral right after the head, ``khóa XIII``."""
        m = _numbered().match(self.folded, p) or (
            _BARE_ROMAN.match(self.folded, p) if p == d.head_end + 1 else None)
        if not m:
            return None
        value = (m.group("v"), m.start("v"), m.end())
        if m.group().startswith(tuple(_cue_words("committee-term"))):
            if d.committee_term:
                return None
            d.committee_term = value
        elif d.ordinal:
            return None
        else:
            d.ordinal = value
        return m.end()

    def _plenum(self, d: _Draft, p: int) -> int | None:
        """``Hội nghị Trung ương 4``: the Central Committee's fourth plenum."""
        m = _plenum().match(self.folded, p)
        if d.organisers or d.ordinal or not m:
            return None
        body = bodies()[_cue_rows()["plenum-shorthand"][0]["organisation"]]
        d.organisers.append(_Org(body.id, body.name, m.start(), m.start("v"), False))
        d.ordinal = (m.group("v"), m.start("v"), m.end())
        return m.end()

    def _body(self, d: _Draft, p: int) -> int | None:
        """The body that holds the event, right after the head or after ``của``; for congresses
        a capitalised name that is not a known body still identifies it (``Đoàn``)."""
        if d.body is not None:
            return None
        of = _cue("of").match(self.folded, p)
        q = self.skip_spaces(of.end()) if of else p
        if org := self.org_at(q):
            d.organisers.append(org)
            d.body = org.name
            return org.end
        if event_types()[d.type].body_first and (name := self.body_text(q)):
            d.body = name
            return q + len(name)
        return None

    def body_text(self, pos: int) -> str | None:
        """A capitalised name at ``pos`` that is not an ordinal (identity only, not a body)."""
        if not self.folded[pos:pos + 1].isupper():
            return None
        end, capitals = self.name_run(pos)
        name = self.folded[pos:end]
        if not capitals or number_value(name.split()[0]) is not None:
            return None
        return name

    def read_name(self, d: _Draft, pos: int, index: int) -> int:
        """End of the name that starts at ``pos`` (see the module docstring)."""
        folded = self.folded
        next_head = self.heads[index + 1][0] if index + 1 < len(self.heads) else len(folded)
        quote = re.compile(r"(?:[ ]+[^\W\d][\w]*){0,8}?[ ]*\"([^\"\n]{1,150})\"").match(
            folded, pos)
        if quote and quote.start(1) - 1 < next_head and not _boundary_in(folded, pos,
                                                                           quote.start(1) - 1):
            d.quoted = True
            return quote.end()
        end, stop = self.clause_end(pos, next_head)
        if stop == ",":
            last_year, p = None, end + 1
            for _ in range(3):
                e2, stop2 = self.clause_end(p, next_head)
                years = [m.end() for m in _year().finditer(folded, p, e2)]
                lower = folded[self.skip_spaces(p):][:1].islower()
                if len(folded[p:e2].split()) > 16 or not (
                        lower or (years and not folded[years[-1]:e2].strip())):
                    break  # a new clause, unless a title-case name that ends with its year
                last_year = max(years, default=last_year)
                if stop2 != ",":
                    break
                p = e2 + 1
            end = last_year or end
        for s, e, _ in self.docs:  # a document in the name ends it (its title is its own)
            if pos <= s < end or (s < end <= e and s >= d.head_end):
                end = e
                break
        years = [m for m in _year().finditer(folded, d.start, end) if not any(
            s <= m.start() < e for s, e, _ in self.docs) and not _full_date_before().search(
            folded, max(0, m.start() - 12), m.start())]
        for m in years:
            d.years.append(int(m.group("y")))
            if more := _YEARS_AFTER.match(folded, m.end()):
                d.years.append(int(more.group()[-4:]))
        if years and (of := _cue("of").match(folded, self.skip_spaces(years[-1].end()))):
            org = self.org_at(self.skip_spaces(of.end()))  # "… năm 2024 của <body>"
            if org:
                d.organisers.append(org)
                end = years[-1].end()
        elif years and (org := self.org_ending_at(_trim_end(folded, pos, years[-1].start()),
                                                  pos)):
            d.organisers.append(org)  # "Hội nghị cán bộ … <body> năm 2024"
        return _trim_end(folded, d.start, end)

    def org_ending_at(self, end: int, start: int) -> _Org | None:
        """The organisation whose name ends exactly at ``end`` (and starts after ``start``)."""
        for s, e, org in self.orgs:
            if e == end and s >= start:
                return _Org(org.key, org.name, s, e, True)
        hits = [h for h in find_bodies(self.folded[start:end]) if start + h[2] == end]
        if hits:
            body, s, e = hits[-1]
            return _Org(body.id, body.name, start + s, start + e, False)
        return None

    def read_of_body(self, d: _Draft, pos: int) -> None:
        """``<head> <one to three words> của <body>``: the body holds the event."""
        m = re.compile(rf"(?P<words>(?:[ ]+[^\W\d]\w*){{1,3}}?)[ ]+(?:{_cue('of').pattern})[ ]+"
                       ).match(self.folded, pos)
        if m and m.end() < d.end and not _boundary_in(self.folded, pos, m.end("words")):
            org = self.org_at(m.end())
            if org:
                d.organisers.append(org)

    def clause_end(self, pos: int, limit: int) -> tuple[int, str]:
        """Where the clause from ``pos`` stops, and what stops it ("," or another stop)."""
        folded = self.folded
        first = self.skip_spaces(pos)
        for m in re.finditer(r"[ ]+|[^ ]", folded[pos:limit]):
            at = pos + m.start()
            ch = m.group()
            if ch in _STOP_CHARS or ch == ",":
                if ch == "." and folded[at + 1:at + 2].isalnum():
                    continue
                return at, ch
            if ch.isspace():
                continue
            if ch == "-" and folded[at + 1:at + 2] == " " and (
                    folded[at - 1:at] != " " or folded[at + 2:at + 3].isupper()):
                return at, ch
            if folded[at - 1:at] in (" ", "") and _name_stop(folded, at, first=at == first):
                return at, "cue"
        before = folded[pos:limit]
        cut = re.search(r"(?:\s+và|\s*,)?\s*$", before)
        return pos + (cut.start() if cut else len(before)), "head"

    def read_after_name(self, d: _Draft) -> None:
        """``lần thứ N``, ``khóa X`` and ``nhiệm kỳ Y1 - Y2`` right after the name."""
        folded = self.folded
        if event_types()[d.type].structured and (m := _COMMA.match(folded, d.end)):
            org = self.org_at(m.end())
            after = org and re.compile(rf"\s+(?:{_cue('committee-term').pattern})\s+{_NUMBER}"
                                       ).match(folded, org.end)
            if org and after and not d.organisers:  # "Kỳ họp thứ 8, Quốc hội khóa XV"
                d.organisers.append(org)
                d.body = d.body or org.name
                d.committee_term = d.committee_term or (after.group("v"), after.start("v"),
                                                        after.end())
                d.end = after.end()
        while (m := re.compile(r"\s*,?\s*").match(folded, d.end)) and (
                end := self._numbered(d, m.end())):
            d.end = end
        if m := re.compile(rf"\s*(?P<open>[,(])?\s*(?:{_cue('term').pattern})\s+{_RANGE}"
                           r"(?P<close>\s*\))?").match(folded, d.end):
            d.term = (f"{m.group('a')}-{m.group('b')}", m.start("a") - 0, m.end("b"))
            d.end = m.end() if m.group("open") == "(" and m.group("close") else m.end("b")
        if d.count and folded[d.end:d.end + 2].lstrip().startswith("("):
            close = folded.find(")", d.end, d.end + 80)
            if close > 0 and (day := anniversary_day(folded, d.end, close, d.count)):
                d.date = (day[0].isoformat(), day[1], day[2])
                d.end = close + 1

    def read_links(self, d: _Draft) -> None:
        """Documents studied (in the name, after a study cue) or adopted (holding the event)."""
        for s, e, i in self.docs:
            if d.head_end <= s < d.end and _cue("study", False).search(self.folded, d.head_end, s):
                d.studied.append((i, d.start, e))
            elif s < d.start < e or (e <= d.start and not self.folded[e:d.start].strip()):
                d.adopted.append((i, s, d.end))

    def read_sentence(self, d: _Draft) -> None:
        """Date, place, subject organisers and chair, from the sentence around the mention."""
        folded = self.folded
        s_start, s_end = self.sentence_bounds(d.start)
        first = s_start not in self.claimed_sentences and not any(
            s_start <= s < d.start for s, _, _ in self.docs) and not _in_brackets(
            folded, s_start, d.start) and self.is_reported(d)
        if first and d.date is None:
            self.read_date(d, opening_time(folded, s_start))
        elif d.date is None and (when := opening_time(folded, s_start)) and self.subordinate(d):
            self.found.skip(KIND, self.article.span(when.start, when.end),
                            "the time dates what the sentence reports before or after the event")
        if first and d.place is None:
            d.place = self.read_place(s_start, d.start) or self.read_place(d.end, s_end)
        self.read_subject(d, s_start)

    def is_reported(self, d: _Draft) -> bool:
        """Whether the sentence reports the event happening: it opens its clause, is a verb
        (``ký kết``), or follows a verb of holding or attending (``tổ chức``, ``dự`` …), maybe
        through one of its sittings (``khai mạc phiên trù bị Đại hội``); not when a
        conjunction places it before or after what the sentence reports (``trước khi …``)."""
        folded = self.folded
        if self.subordinate(d):
            return False
        clause = self.clause_start(d.start)
        if not folded[clause:d.start].strip() or _heads()[1][
                folded[d.start:d.head_end].lower()].verb:
            return True
        fillers = rf"(?:(?:{_cue('subject-filler').pattern})\s+)*"
        verbs = "|".join(_cue(role).pattern for role in ("organise", "chair", "attend"))
        sitting = rf"(?:(?:{_cue('sitting').pattern})\s+(?:(?:{_cue('of').pattern})\s+)?)?"
        return bool(re.compile(rf"(?:{verbs})\s+{fillers}{sitting}$").search(folded, clause,
                                                                           d.start))

    def clause_start(self, pos: int) -> int:
        return max(self.folded.rfind(c, 0, pos) for c in ",;:\n") + 1

    def subordinate(self, d: _Draft) -> bool:
        """``trước khi``, ``sau khi`` … in the clause before the event."""
        return bool(_cue("time-subordinate", False).search(self.folded,
                                                            self.clause_start(d.start), d.start))

    def read_date(self, d: _Draft, when: EventTime | None) -> None:
        if when is None:
            return
        span = self.article.span(when.start, when.end)
        if when.relative:
            self.found.skip(KIND, span, "relative time: the text does not date it")
            return
        year = when.year
        if year is None and self.article.published:
            # The day and month are stated here, the year by the dateline (the reference's §5):
            # the statement keeps the day's span, the record names the dateline's as well.
            year = year_by_publication(when, self.article.published)
            if year is None:
                self.found.skip(KIND, span, "date without a year falls after the publication "
                                            "and not just before the new year")
                return
            d.year_from_dateline = True
        elif year is None:
            year = d.name_year
            title = self.folded[d.start:d.end]
            if year is not None and when.month is not None:
                review = _cue("review", False).search(title)
                plan = _cue("plan", False).search(title)
                if (review and when.month < 7) or (plan and not review and when.month >= 7):
                    year = None
            if year is None:
                reason = ("date without a year, and the year of the name may not be the "
                          "year of the meeting" if d.name_year
                          else "date without a year the text states")
                self.found.skip(KIND, span, reason)
                return
        iso = when.iso(year)
        if iso:
            d.date = (iso, when.start, when.end)

    def read_place(self, start: int, end: int) -> tuple[str, int, int] | None:
        """``tại <Place>``: capitalised words (after a place word such as ``tỉnh``), ended by
        punctuation or a word that ends a noun phrase, and not a body or an event."""
        folded = self.folded
        for m in _cue("place-intro").finditer(folded, start, end):
            p = self.skip_spaces(m.end())
            if any(h[0] == p for h in self.heads) or self.org_at(p):
                continue
            head = _cue("place-head", False).match(folded, p)
            q = place_end = self.skip_spaces(head.end()) if head else p
            for n, (at, word) in enumerate(_words(folded, q, end)):
                if n == 5 or not word[0].isupper():
                    break
                place_end = at + len(word)
            after = folded[place_end:place_end + 1]
            if place_end == q or (after and after not in ",.;:)\n" and not (
                    after == " " and _boundary(folded, place_end + 1))):
                continue
            return folded[p:place_end], p, place_end
        return None

    def read_subject(self, d: _Draft, s_start: int) -> None:
        """``<bodies> tổ chức <event>`` → organisers; ``<person> chủ trì <event>`` → chair."""
        folded = self.folded
        before = folded[s_start:d.start]
        fillers = rf"(?:(?:{_cue('subject-filler').pattern})\s+)*"
        head = _heads()[1][folded[d.start:d.head_end].lower()]
        if head.verb:
            verb_start = d.start
        else:
            m = re.search(rf"(?:{_cue('organise').pattern}|{_cue('chair').pattern})\s+"
                          rf"{fillers}$", before)
            if not m:
                self.read_chair_after(d)
                return
            verb_start = s_start + m.start()
        clause = max(folded.rfind(c, s_start, verb_start) for c in ",;:") + 1
        clause = max(clause, s_start)
        if not d.organisers:
            orgs = self.cover(clause, verb_start)
            if orgs:
                d.organisers.extend(orgs)
        if d.chair is None and _cue("chair").search(folded, verb_start, d.start):
            for s, e, i, name in self.persons:
                if clause <= s < e <= verb_start and re.fullmatch(rf"\s*{fillers}",
                                                                     folded[e:verb_start]):
                    d.chair = (i, name, s, e)
        self.read_chair_after(d)

    def read_chair_after(self, d: _Draft) -> None:
        if d.chair is not None:
            return
        m = re.compile(rf"\s*,?\s*(?:{_cue('by').pattern})\s+").match(self.folded, d.end)
        if not m:
            return
        for s, e, i, name in self.persons:
            if s == m.end() and _cue("chair").match(self.folded, self.skip_spaces(e)):
                d.chair = (i, name, s, e)

    def cover(self, start: int, end: int) -> list[_Org]:
        """The organisations that, with filler words only, make up ``[start, end)``."""
        folded, pos, orgs = self.folded, start, []
        while True:
            pos = _SPACE.match(folded, pos).end()  # type: ignore[union-attr]
            if pos >= end:
                return orgs
            if m := _cue("subject-filler", False).match(folded, pos):
                pos = m.end()
                continue
            lead = _cue("leadership", False).match(folded, pos)  # "Lãnh đạo <body>"
            org = self.org_at(self.skip_spaces(lead.end()) if lead else pos)
            if org is None or org.end > end:
                return []
            orgs.append(org)
            pos = org.end

    def anchored(self, d: _Draft) -> bool:
        """Whether something in the mention identifies one event (see the module docstring)."""
        title = self.folded[d.title_start:d.name_end]
        named_body = any(o.start >= d.start for o in d.organisers)
        capital_body = bool(d.body) and self.folded[d.start].isupper() and len(
            d.body.split()) >= 3
        if (d.ordinal or d.term or d.committee_term or d.years or d.quoted or named_body
                or capital_body or d.studied or d.count or title[:1].isupper()):
            return True
        # A date alone identifies a capitalised mention; one in lower case ("hội nghị sơ kết
        # …") also needs the body that holds it, so a passing common noun is not an event.
        return bool(d.date) and (self.folded[d.start].isupper() or bool(d.organisers))


def _name_stop(folded: str, pos: int, first: bool = False) -> bool:
    """A lower-case word at ``pos`` that ends an event's name: a preposition or verb that ends
    a noun phrase, or what comes after a name (``lần thứ 3``, ``khóa XIII``, ``nhiệm kỳ``).

    Verbs a meeting performs (``bầu``, ``thông qua`` …) end it too, except as nouns after a
    plural marker (``các quyết định``) or in a compound (``bầu cử``); words that are verbs only
    as the predicate (``quyết định``) end it only as the ``first`` word after the head.
    """
    if _cue("name-stop").match(folded, pos) or _cue("term").match(folded, pos) or (
            _numbered().match(folded, pos)):
        return True
    verb = _cue("name-stop-verb").match(folded, pos) or (
        _cue("name-stop-predicate").match(folded, pos) if first else None)
    if not verb or _cue("name-keep").match(folded, pos):
        return False
    return not re.search(rf"(?<!\w)(?:{_cue('plural').pattern})\s+$",
                         folded[max(0, pos - 12):pos])


def _boundary(folded: str, pos: int) -> bool:
    """A word at ``pos`` that ends a body's or a place's name (also ``năm 2024``, ``của``, and
    the verb a subject body goes on with: ``tổ chức``, ``chủ trì``)."""
    return _name_stop(folded, pos) or any(
        _cue(role).match(folded, pos)
        for role in ("series", "generic", "national", "of", "organise", "chair")
    ) or bool(_year().match(folded, pos))


def _boundary_in(folded: str, start: int, end: int) -> bool:
    return any(c in folded[start:end] for c in _STOP_CHARS + ",") or any(
        _name_stop(folded, at) for at, _ in _words(folded, start, end))


def _in_brackets(folded: str, start: int, end: int) -> bool:
    text = folded[start:end]
    return text.count("(") > text.count(")")


def _trim_end(folded: str, start: int, end: int) -> int:
    while end > start and folded[end - 1] in " ,-\n":
        end -= 1
    return end


# --------------------------------------------------------------------------- merging


def _same_event(a: _Draft, b: _Draft, folded: str) -> bool:
    if a.type != b.type:
        return False
    pairs = [(_num(a.ordinal), _num(b.ordinal)),
             (_num(a.committee_term), _num(b.committee_term)),
             (a.term and a.term[0], b.term and b.term[0]),
             (a.date and a.date[0], b.date and b.date[0]),
             (a.count, b.count)]
    if any(x is not None and y is not None and x != y for x, y in pairs):
        return False
    ka, kb = _identity_body(a), _identity_body(b)
    if ka and kb and ka != kb:
        return False
    if ka and kb and event_types()[a.type].body_first:
        return True
    ha, hb = _holders(a), _holders(b)  # "đại hội … của <body>" is that body's congress
    if ha and ha == hb and event_types()[a.type].body_first:
        return True
    if any(x is not None and x == y for x, y in pairs[:3]):
        return True
    wa, wb = _title_words(a, folded), _title_words(b, folded)
    if not wa or not wb:
        return False
    short, long_ = sorted((wa, wb), key=len)
    return long_[:len(short)] == short


def _num(value: tuple[str, int, int] | None) -> int | None:
    return number_value(value[0]) if value else None


def _identity_body(d: _Draft) -> str | None:
    return d.body.lower() if d.body else None


def _holders(d: _Draft) -> frozenset[str]:
    """Keys of the bodies the mention's own name gives (not the sentence's subject)."""
    return frozenset(o.key for o in d.organisers if o.start >= d.start)


def _title_words(d: _Draft, folded: str) -> list[str]:
    return re.findall(r"\w+", folded[d.title_start:d.name_end].lower())


def _richness(d: _Draft) -> tuple[int, int]:
    filled = [d.ordinal, d.committee_term, d.term, d.date, d.place, d.body, d.chair,
              d.organisers or None, d.years or None, d.count]
    return sum(x is not None for x in filled), d.end - d.start


# --------------------------------------------------------------------------- records


def extract(article: Article, found: Extraction) -> list[EventMention]:
    """One record per distinct event the article names, in order of first mention."""
    reader = _Reader(article, found)
    clusters: list[list[_Draft]] = []
    anaphora: list[_Draft] = []
    for i in range(len(reader.heads)):
        draft = reader.read(i)
        if draft is None:
            continue
        if draft.anaphora:
            anaphora.append(draft)
            continue
        home = next((c for c in clusters if all(_same_event(draft, o, article.folded)
                                                for o in c)), None)
        if home is None:
            clusters.append([draft])
        else:
            home.append(draft)
    for draft in anaphora:
        _resolve(article, found, draft, clusters)
    return [_record(article, found, c) for c in clusters]


def _resolve(article: Article, found: Extraction, draft: _Draft,
             clusters: list[list[_Draft]]) -> None:
    """A bare head is one more mention of the one event of its type the article named before
    it; with none or several, it is left out."""
    homes = [c for c in clusters if c[0].type == draft.type]
    if len(homes) == 1 and any(d.start < draft.start for d in homes[0]):
        homes[0].append(draft)
        return
    span = article.span(draft.start, draft.end)
    if draft.chair:
        found.skip(KIND, span, "chair of an event the text does not name unambiguously")
    elif homes:
        found.skip(KIND, span, "bare head word: several events of its type, or none named before")


def _record(article: Article, found: Extraction, drafts: list[_Draft]) -> EventMention:
    named = sorted((d for d in drafts if not d.anaphora), key=_richness, reverse=True)
    ranked = named + [d for d in drafts if d.anaphora]  # a bare head never names the event
    best = ranked[0]

    def evidence(d: _Draft, start: int, end: int) -> Span:
        """The stretch that states a fact: the value and the mention it belongs to."""
        return article.span(min(start, d.start), max(end, d.end))

    def stated(attr: str) -> Stated | None:
        for d in ([best] if getattr(best, attr) else ranked):
            if value := getattr(d, attr):
                return Stated(value[0], evidence(d, value[1], value[2]))
        return None

    for d in ranked[1:]:
        if d.date and best.date and d.date[0] != best.date[0]:
            found.skip(KIND, article.span(d.date[1], d.date[2]), "a second date for one event")
    holder = next((d for d in ranked if d.organisers), None)
    organisers: dict[str, Organiser] = {}
    for o in holder.organisers if holder else ():
        organisers.setdefault(o.key, Organiser(o.key, o.name, article.span(o.start, o.end),
                                               evidence(holder, o.start, o.end), o.listed))
    chair = next(((d, d.chair) for d in named if d.chair), None)
    referred = {d.chair[0]: (d, d.chair) for d in ranked if d.anaphora and d.chair}
    if chair is None and len(referred) == 1:
        chair = next(iter(referred.values()))  # from a sentence that refers back to it
    elif chair is None and referred:
        found.skip(KIND, article.span(best.start, best.end), "several chairs for one event")
    name_years = {d.name_year for d in drafts if d.name_year}
    return EventMention(
        span=article.span(best.start, best.end),
        event_type=best.type,
        name=article.folded[best.start:best.name_end],
        mentions=tuple(sorted(article.span(d.start, d.end) for d in drafts)),
        ongoing=event_types()[best.type].ongoing,
        national=any(d.national for d in drafts),
        ordinal=stated("ordinal"),
        committee_term=stated("committee_term"),
        term=stated("term"),
        date=_dated(article, ranked, stated("date")),
        place=stated("place"),
        body=best.body or next((d.body for d in ranked if d.body), None),
        name_year=name_years.pop() if len(name_years) == 1 else None,
        organisers=tuple(organisers.values()),
        chair=Chair(chair[1][0], chair[1][1], evidence(chair[0], chair[1][2], chair[1][3]))
        if chair else None,
        adopted=_links(article, [x for d in drafts for x in d.adopted]),
        studied=_links(article, [x for d in drafts for x in d.studied]),
    )


def _dated(article: Article, ranked: list[_Draft], date: Stated | None) -> Stated | None:
    """The date, with the dateline that gave it its year when the sentence stated none."""
    source = next((d for d in ranked if d.date), None)
    if date is None or source is None or not source.year_from_dateline:
        return date
    return Stated(date.value, date.span, article.published_span)


def _links(article: Article, links: list[tuple[int, int, int]]) -> tuple[DocumentLink, ...]:
    out: dict[int, DocumentLink] = {}
    for i, s, e in links:
        out.setdefault(i, DocumentLink(i, article.span(s, e)))
    return tuple(out.values())
