"""Citations of official documents: numbered (Party and State symbols) and named ones.

One :class:`~vietgov.model.DocumentMention` per citation occurrence, in text order:

* numbered: an optional type word ("Nghị quyết", "kết luận", "Resolution") and "số", a symbol
  (:mod:`vietgov.extract.symbols`), then — when contiguous — the date
  (:mod:`vietgov.extract.dates`), "của <issuer>[, <issuer>]" or a plenum ("Hội nghị lần thứ 6
  Ban Chấp hành Trung ương Đảng"), and the subject "về …" (``title``);
* short forms ("Nghị quyết 57") only when the article cites exactly one such document in full;
* named: plenum and congress resolutions, laws, ordinances, the Constitution, statutes,
  "<Type> của <body> về …", and a plan issued by the sentence subject ("X đã ban hành Kế hoạch
  triển khai …"). A law's name may run over a comma ("Luật Phòng, chống tham nhũng") when the
  longer name then meets a boundary (a number, "năm 2022", "(sửa đổi)", punctuation, "và Luật
  …"); "Luật Cán bộ, công chức số 22/2008/QH12" is a numbered law written with its name; "Luật X
  (sửa đổi)" (the revised law) and "Luật sửa đổi, bổ sung một số điều của Luật X" (an amending
  law, which amends X) are documents of their own, scoped to the article.

Issuers come from the citing phrase, from a sentence subject that issues the document ("X đã
ban hành Quyết định số …") or, failing both, from an issuer code that names one body (BTCTW).
"… của Chủ tịch Ủy ban nhân dân tỉnh X" names the body whose head signs: the body is the issuer
when the symbol carries its code (QĐ-UBND), else the issuer is left out. A trailing issuer or
subject shared by a coordinated list goes to every item whose symbol the body can sign.

Relations follow ``mappings/document_relations.yaml`` (see :mod:`vietgov.extract.doc_relations`):
inside a subject ("về tiếp tục thực hiện B"), opening the sentence whose subject issues A
("Thực hiện B, X ban hành A"), trailing A ("A sửa đổi B", "A sửa đổi nghị định này", and after a
comma "X ban hành A …, thay thế B" when A is what the sentence is about), and in a purpose clause
after A ("… A nhằm cụ thể hóa B và thực hiện chủ trương tại C"), where A may be a type word alone
standing for the one document of that type the article's subjects issue ("Việc ban hành Nghị
định nhằm …"; a mention of it is added). :func:`distinct_documents` groups mentions into
documents (one per IRI) for the RDF mapper and for scoring.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from vietgov.extract.dates import DateMatch, match_date
from vietgov.extract.doc_relations import cue_regex, match_cue, purpose_link_regex
from vietgov.extract.symbols import (
    PARTY,
    STATE,
    RawSymbol,
    Symbol,
    SymbolError,
    document_types,
    find_symbols,
    issuer_code,
    phrase_regex,
    phrases,
    resolve,
    type_of_word,
    type_word_regex,
    type_word_table,
)
from vietgov.gazetteer import bodies, find_bodies, match_body
from vietgov.model import (
    Article,
    DocumentMention,
    DocumentRelation,
    Extraction,
    OrgRef,
    Span,
)
from vietgov.rdf.iris import Iris

CENTRAL_COMMITTEE = "ban-chap-hanh-trung-uong-dang"  # gazetteer id of the Party Central Committee
_MAX_TITLE = 400
_MAX_NAME_WORDS = 12
_MAX_NAME_SEGMENT = 8  # words after a comma inside a law's name ("công nghệ và đổi mới sáng tạo")
_ROMAN = r"(?-i:[IVXL]{1,6})(?!\w)"

# ---------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class _Patterns:
    prefix: re.Pattern[str]  # type word [số] right before a symbol
    sub_unit: re.Pattern[str]  # "Điều 19 " right before a citation
    plural: re.Pattern[str]  # "các " right before a type word
    draft: re.Pattern[str]  # "dự thảo " right before a law's name
    date_lead: re.Pattern[str]
    date_follow: re.Pattern[str]  # what may follow ", ngày …" for the date to be the document's
    issuer_link: re.Pattern[str]
    plenum: re.Pattern[str]
    term: re.Pattern[str]
    list_sep: re.Pattern[str]
    boundary: re.Pattern[str]  # what may follow the second issuer of "của A, B"
    coordinated: re.Pattern[str]  # gap between coordinated citations
    title_lead: re.Pattern[str]
    title_lead_after_issuer: re.Pattern[str]
    title_stop: re.Pattern[str]
    trailing_connector: re.Pattern[str]
    issuing_verb: re.Pattern[str]
    aux_gap: re.Pattern[str]
    aux_after: re.Pattern[str]
    verb_lead_before: re.Pattern[str]
    object_lead: re.Pattern[str]
    list_gap: re.Pattern[str]
    possessive_before: re.Pattern[str]
    nq_plenum: re.Pattern[str]
    nq_congress: re.Pattern[str]
    nq_conference: re.Pattern[str]
    law: re.Pattern[str]
    constitution: re.Pattern[str]
    statute: re.Pattern[str]
    party_name: re.Pattern[str]
    typed_of: re.Pattern[str]
    short_form: re.Pattern[str]
    word: re.Pattern[str]
    name_stop: re.Pattern[str]
    year_version: re.Pattern[str]
    trail_comma: re.Pattern[str]  # ", thay thế …": a trailing relation clause after a subject
    joined_cue: re.Pattern[str]  # " và " right before a relation cue
    trail_target: re.Pattern[str]  # "nghị định này": the document just cited
    bare_type: re.Pattern[str]  # a capitalised type word standing alone for a document
    purpose: re.Pattern[str]  # "nhằm" opening a purpose clause
    number_word: re.Pattern[str]  # "số" not followed by a number: a word ("chuyển đổi số")
    revised: re.Pattern[str]  # "(sửa đổi)" after a law's name
    law_boundary: re.Pattern[str]  # what may follow a law's name that runs over a comma


def _alt(words: Sequence[str], exact: bool = False) -> str:
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in
                    sorted(words, key=len, reverse=True))
    return f"(?-i:{body})" if exact else f"(?:{body})"


def _vi_type_words(*type_ids: str) -> list[str]:
    return [w for w, t, en in type_word_table() if not en and (not type_ids or t in type_ids)]


@cache
def _patterns() -> _Patterns:
    r = phrase_regex
    type_words = type_word_regex().pattern
    nq_words = _alt(_vi_type_words("nghi-quyet"))
    law_words = _alt([w[0].upper() + w[1:] for w in _vi_type_words("luat", "bo-luat",
                                                                      "phap-lenh")], exact=True)
    flags = re.IGNORECASE
    capitalised = _alt([w[0].upper() + w[1:] for w in _vi_type_words()], exact=True)
    return _Patterns(
        prefix=re.compile(rf"(?P<tw>{type_words})(?:\s+(?P<so>{r('number-marker')}))?"
                          r"\s*:?\s*$", flags),
        sub_unit=re.compile(rf"(?<!\w){r('sub-unit')}\s+[\w.]{{1,6}}\s*$", flags),
        plural=re.compile(rf"(?:(?<!\w){r('plural')}|\d)\s+$", flags),
        draft=re.compile(rf"(?<!\w){r('draft')}\s+$", flags),
        date_lead=re.compile(rf"\s*(?P<comma>,\s*)?(?:(?P<verb>{r('date-verb')})\s+)?", flags),
        date_follow=re.compile(
            rf"\s*(?:[,.;:()\n]|$|{r('issuer-link')}|{r('issuer-by')}|{r('title-lead')}"
            rf"|{r('coordinator')})", flags),
        issuer_link=re.compile(rf"\s*,?\s*(?P<link>{r('issuer-link')}|{r('issuer-by')})\s+",
                               flags),
        plenum=re.compile(
            rf"(?:(?P<conf>{r('conference')})\s+)?(?:{r('ordinal')}\s+(?P<n1>\d{{1,2}})\s+"
            rf"|(?P<central>{r('central')})\s+(?P<n2>\d{{1,2}})(?![\d/.,-]))", flags),
        term=re.compile(rf"\s*,?\s*(?P<paren>\(\s*)?{r('term')}\s+(?P<roman>{_ROMAN})"
                        r"(?(paren)\s*\))", flags),
        list_sep=re.compile(rf"\s*,\s*(?!{r('coordinator')})|\s+{r('coordinator')}\s+", flags),
        boundary=re.compile(
            rf"\s*(?:[,.;:()\n]|$|{r('title-lead')}|{r('date-day')}|{r('coordinator')}"
            rf"|{r('issuer-link')})", flags),
        coordinated=re.compile(rf"\s*(?:,\s*)?(?:{r('coordinator')}\s+)?(?:{r('number-marker')}"
                               r"\s*)?", flags),
        title_lead=re.compile(rf"\s*,?\s*(?P<lead>{r('title-lead', after_issuer=False)})\s+",
                              flags),
        title_lead_after_issuer=re.compile(rf"\s+(?P<lead>{r('title-lead')})\s+", flags),
        title_stop=re.compile(
            rf"[;:\n()?!…\"]|\.(?=\s|$)|,\s+(?:{r('coordinator')}|{r('clause-opener')})"
            rf"|(?P<comma>,\s+(?=\S))"
            rf"|\s+{r('coordinator')}\s+{r('plural')}\s|\s+{r('predicate-marker')}", flags),
        trailing_connector=re.compile(rf"(?:[\s,]+|\s+{r('coordinator')})+$", flags),
        issuing_verb=re.compile(rf"(?<!\w){r('issuing-verb')}", flags),
        aux_gap=re.compile(rf"\s+(?:{r('subject-aux')}\s+)*", flags),
        aux_after=re.compile(rf"\s+{r('subject-aux')}\s", flags),
        verb_lead_before=re.compile(rf"(?<!\w)(?:{r('verb-lead')}|{r('subject-aux')})\s+$",
                                    flags),
        object_lead=re.compile(rf"\s+(?:{r('object-lead')}\s*)?:?\s*(?:\(\d{{1,2}}\)\s*"
                               r"|\d{1,2}\)\s*)?", flags),
        list_gap=re.compile(rf"\s*[,;]?\s*(?:{r('coordinator')}\s+)?(?:\(\d{{1,2}}\)\s*"
                            r"|\d{1,2}\)\s*)?", flags),
        possessive_before=re.compile(rf"(?<!\w)(?:{r('issuer-link')}|{r('issuer-by')})\s+$",
                                     flags),
        nq_plenum=re.compile(
            rf"(?<!\w)(?P<tw>{nq_words})\s+(?:{r('issuer-link')}\s+)?(?:{r('conference')}\s+)?"
            rf"(?:{r('ordinal')}\s+(?P<n1>\d{{1,2}})\s+(?=\S)"
            rf"|(?P<central>{r('central')})\s+(?P<n2>\d{{1,2}})(?![\d/.,-]))", flags),
        nq_congress=re.compile(
            rf"(?<!\w)(?P<tw>{nq_words})\s+(?:{r('issuer-link')}\s+)?{r('congress')}\s+"
            rf"(?:(?P<nat>{r('national-congress')})\s+)?(?:(?P<ord>{r('ordinal')})\s+)?"
            rf"(?P<roman>{_ROMAN})(?P<party>\s+{r('of-the-party')})?", flags),
        nq_conference=re.compile(
            rf"(?<!\w)(?P<tw>(?-i:Nghị quyết))\s+(?:{r('issuer-link')}\s+)?"
            rf"(?P<conf>{r('conference')}|{r('congress')})\s+(?P<body>[^.;:\n()\"]{{3,150}}?)\s+"
            rf"(?P<when>{r('date-year')}\s+\d{{4}}|{r('term-years')}\s+\d{{4}}\s*-\s*\d{{4}})"
            r"(?!\d)", flags),
        law=re.compile(rf"(?<!\w)(?P<tw>{law_words})\s+(?=\w)"),
        constitution=re.compile(
            rf"(?<!\w)(?P<tw>{_alt(_vi_type_words('hien-phap'), exact=True)})"
            rf"(?:\s+{r('date-year')}\s+(?P<y>\d{{4}}))?(?!\w)"),
        statute=re.compile(rf"(?<!\w)(?P<tw>{_alt(_vi_type_words('dieu-le'))})\s+", flags),
        party_name=re.compile(rf"{r('party-name')}"),
        typed_of=re.compile(rf"(?<!\w)(?P<tw>{_alt(_vi_type_words())})\s+{r('issuer-link')}\s+",
                            flags),
        short_form=re.compile(
            rf"(?<!\w)(?P<tw>{_alt(_vi_type_words())})\s+(?:{r('number-marker')}\s+)?"
            r"(?P<num>\d{1,4})(?![\w/]|[.,-]\d|\s?-\s?[A-ZĐ])", flags),
        word=re.compile(r"[^\s,.;:()\"'!?…/]+"),
        name_stop=re.compile(rf"(?:{r('name-stop')})", flags),
        year_version=re.compile(rf"\s+{r('date-year')}\s+(?P<y>\d{{4}})(?!\d)", flags),
        trail_comma=re.compile(rf",\s+{cue_regex('trail')}", flags),
        joined_cue=re.compile(rf"\s+{r('coordinator')}\s+", flags),
        trail_target=re.compile(rf"(?P<tw>{type_words})\s+{r('demonstrative')}", flags),
        bare_type=re.compile(rf"(?<!\w)(?P<tw>{capitalised})\s*$"),
        purpose=re.compile(rf"(?<!\w){purpose_link_regex()}\s+", flags),
        number_word=re.compile(rf"{r('number-marker')}(?!\s*:?\s*\d)", flags),
        revised=re.compile(rf"\s*\(\s*{r('revised')}\s*\)", flags),
        law_boundary=re.compile(
            rf"\s*(?:[,.;:()\n\"]|$)|\s+{r('number-marker')}\s*\d|\s+{r('law-name-end')}\s"
            rf"|\s+{r('coordinator')}\s+{type_words}", flags),
    )


# ---------------------------------------------------------------------------- context


@dataclass(frozen=True)
class _Org:
    """An organisation named in the article, in folded offsets."""

    key: str
    start: int
    end: int
    kind: str | None
    codes: tuple[str, ...]


class _Context:
    """The article, its folded text, the organisations found in it, and sentence starts."""

    def __init__(self, article: Article, found: Extraction) -> None:
        self.article = article
        self.found = found
        self.f = article.folded
        to_folded: dict[int, int] = {}
        for i, t in enumerate(article.folded_to_text):
            to_folded.setdefault(t, i)
        by_start: dict[int, _Org] = {}
        for om in found.organisations:
            fs, fe = to_folded.get(om.span.start), to_folded.get(om.span.end)
            if fs is None or fe is None or fe <= fs:
                continue
            body = bodies().get(om.key)
            org = _Org(om.key, fs, fe, om.kind or (body.kind if body else None),
                       body.codes if body else ())
            curated = match_body(self.f, fs)
            if body is None and curated and curated[1] < fe and \
                    self.f[curated[1]:fe].strip()[:1].islower():
                # "Bộ Chính trị và …": a curated name followed by a lower-case word is
                # the curated body; the rest is not part of its name.
                org = _Org(curated[0].id, fs, curated[1], curated[0].kind, curated[0].codes)
            if fs not in by_start or by_start[fs].end < fe:
                by_start[fs] = org
        recognised = sorted(by_start.values(), key=lambda o: o.start)
        for body, s, e in find_bodies(self.f):
            if s in by_start and by_start[s].end >= e:
                continue
            if any(o.start < e and s < o.end for o in recognised if o.start != s):
                continue
            by_start[s] = _Org(body.id, s, e, body.kind, body.codes)
        self._by_start = by_start
        # Names the organisations extractor resolved somewhere in the article (folded text).
        self._known = {self.f[o.start:o.end]: o for o in by_start.values()
                       if self.f[o.start:o.start + 1].isupper()}
        self._known_names = sorted(self._known, key=len, reverse=True)
        self.orgs = _non_overlapping(sorted(by_start.values(), key=lambda o: (o.start, -o.end)))
        self._sentences = _sentence_starts(self.f)

    def org_at(self, pos: int) -> _Org | None:
        """The organisation named starting exactly at ``pos`` (the longest)."""
        org = self._by_start.get(pos)
        if org is None:
            hit = match_body(self.f, pos)
            if hit is not None:
                body, end = hit
                org = _Org(body.id, pos, end, body.kind, body.codes)
        if org is None:
            org = self._known_at(pos)
        return org

    def _known_at(self, pos: int) -> _Org | None:
        """A name written as one resolved elsewhere in the article, if the name stops there."""
        for name in self._known_names:
            end = pos + len(name)
            if not self.f.startswith(name, pos) or self.f[end:end + 1].isalnum():
                continue
            if self.f[end:end + 1] == " " and self.f[end + 1:end + 2].isupper():
                continue  # "Bộ Tài chính" is not the "Bộ" of this article
            known = self._known[name]
            return _Org(known.key, pos, end, known.kind, known.codes)
        return None

    def sentence_start(self, pos: int) -> int:
        return self._sentences[bisect_right(self._sentences, pos) - 1]

    def span(self, start: int, end: int) -> Span:
        return self.article.span(start, end)

    def skip(self, start: int, end: int, reason: str) -> None:
        self.found.skip("document", self.span(start, end), reason)


def _non_overlapping(orgs: list[_Org]) -> list[_Org]:
    out: list[_Org] = []
    for org in orgs:
        if out and org.start < out[-1].end:
            continue
        out.append(org)
    return out


def _sentence_starts(f: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n+|[.?!…]+[\"')]*\s+(?=[^\W\d_])", f):
        nxt = m.end()
        if "\n" in m.group() or f[nxt:nxt + 1].isupper():
            starts.append(nxt)
    return starts


# ---------------------------------------------------------------------------- citations


@dataclass(eq=False)
class _Cit:
    """A citation being built (folded offsets); becomes a DocumentMention."""

    start: int
    end: int  # end of the core: type word … symbol, date, issuer
    kind: str  # numbered | short | named | described
    doc_type: str | None = None
    type_span: tuple[int, int] | None = None
    raw: RawSymbol | None = None
    symbol: Symbol | None = None
    number: str | None = None  # short forms
    date: DateMatch | None = None
    issuers: list[tuple[_Org, int, int]] = field(default_factory=list)
    issuer_end: int | None = None  # core end right after the citation's own issuer phrase
    title: tuple[int, int] | None = None
    title_shared: bool = False
    name: str | None = None
    system: str | None = None
    plenum: int | None = None
    term: str | None = None
    scoped: bool = False
    sub_unit: bool = False
    year: int | None = None
    target: _Cit | None = None  # short form → the full citation
    relations: list[tuple[str, _Cit, int, int]] = field(default_factory=list)
    container: _Cit | None = None  # the amending law whose name cites this law

    @property
    def extent(self) -> int:
        return max(self.end, self.title[1] if self.title else 0)


def extract(article: Article, found: Extraction) -> list[DocumentMention]:
    """Every document citation in the article, in text order."""
    ctx = _Context(article, found)
    cits = _numbered(ctx)
    cits += _named(ctx, cits)
    cits += _short_forms(ctx, cits)
    cits.sort(key=lambda c: (c.start, -c.end))
    _titles(ctx, cits)
    cits = _name_by_subject(ctx, cits)
    _coordination(ctx, cits)
    issued = _issued_by_subject(ctx, cits)
    _issued_titles(ctx, cits, issued)
    cits.sort(key=lambda c: (c.start, -c.end))
    cits = _resolve_symbols(ctx, cits)
    _title_relations(ctx, cits)
    _bracket_guidance(ctx, cits)
    _lead_relations(ctx, cits, issued)
    _trailing_relations(ctx, cits, issued)
    cits += _purpose_relations(ctx, cits, issued)
    _join_years(cits)
    return _mentions(ctx, cits)


# --- numbered ---------------------------------------------------------------------------


def _numbered(ctx: _Context) -> list[_Cit]:
    p = _patterns()
    out: list[_Cit] = []
    for raw in find_symbols(ctx.f):
        cit = _Cit(raw.start, raw.end, "numbered", raw=raw)
        window_start = max(0, raw.start - 60)
        window = ctx.f[window_start:raw.start]
        m = p.prefix.search(window)
        named = None if m else _named_law_before(ctx, raw.start)
        if m:
            cit.type_span = (window_start + m.start("tw"), window_start + m.end("tw"))
            cit.doc_type = type_of_word(m.group("tw"))
            cit.start = cit.type_span[0]
        elif named is not None:
            cit.type_span = (named.start("tw"), named.end("tw"))
            cit.doc_type = type_of_word(named.group("tw"))
            cit.start = named.start()
        elif out and _coordinated_with(ctx, out[-1], cit):
            cit.doc_type = out[-1].doc_type
        cit.sub_unit = bool(p.sub_unit.search(ctx.f, max(0, cit.start - 40), cit.start))
        _parse_tail(ctx, cit)
        out.append(cit)
    return out


def _named_law_before(ctx: _Context, pos: int) -> re.Match[str] | None:
    """"Luật Cán bộ, công chức số 22/2008/QH12": a law's name between its type word and the
    number; the match of the type word whose name ends right before "số"."""
    p = _patterns()
    marker = re.compile(rf"\s+{phrase_regex('number-marker')}\s*$", re.IGNORECASE).search(
        ctx.f, max(0, pos - 12), pos)
    if marker is None:
        return None
    start = max(0, pos - 160)
    for m in p.law.finditer(ctx.f, start, marker.start()):
        if _law_name_end(ctx, m.end()) == marker.start():
            return m
    return None


def _coordinated_with(ctx: _Context, prev: _Cit, cit: _Cit) -> bool:
    """"Kết luận số 126-KL/TW và 127-KL/TW": the bare second symbol shares the type word."""
    if prev.raw is None or cit.raw is None or prev.doc_type is None:
        return False
    gap = ctx.f[prev.end:cit.start]
    return (bool(gap.strip()) and bool(_patterns().coordinated.fullmatch(gap))
            and prev.raw.first == cit.raw.first and prev.raw.shape == cit.raw.shape)


def _parse_tail(ctx: _Context, cit: _Cit) -> None:
    """Date and issuer (or plenum) right after the symbol, in either order."""
    pos = cit.end
    have_date = have_issuer = False
    while True:
        if not have_date:
            found = _date_after(ctx, pos)
            if found is not None:
                cit.date, pos, have_date = found, found.end, True
                continue
        if not have_issuer and _issuer_after(ctx, cit, pos):
            pos, have_issuer = cit.issuer_end or pos, True
            continue
        break
    cit.end = pos


def _date_after(ctx: _Context, pos: int) -> DateMatch | None:
    p = _patterns()
    lead = p.date_lead.match(ctx.f, pos)
    if lead is None:
        return None
    found = match_date(ctx.f, lead.end(), require_day_word=lead.group("verb") is None)
    if found is None:
        return None
    if lead.group("comma") and not p.date_follow.match(ctx.f, found.end):
        return None  # ", ngày 5/1/2025 Bộ trưởng …" opens the next clause
    if found.value is None:
        ctx.skip(found.start, found.end, "date without a year or not a calendar date")
    return found


def _issuer_after(ctx: _Context, cit: _Cit, pos: int) -> bool:
    p = _patterns()
    link = p.issuer_link.match(ctx.f, pos)
    if link is None:
        # "… ngày 5 tháng 10 năm 2023 Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng"
        ws = re.compile(r"\s+").match(ctx.f, pos)
        plenum = p.plenum.match(ctx.f, ws.end()) if ws else None
        return bool(plenum and plenum.group("conf")) and _plenum_issuer(ctx, cit, ws.end())
    start = link.end()
    if _plenum_issuer(ctx, cit, start):
        return True
    items, term, end = _org_list(ctx, start)
    if not items:
        return _head_issuer(ctx, cit, start)
    if link.group("link").lower() in phrases("issuer-by"):
        verb = re.compile(rf"\s+{phrase_regex('issuing-verb')}", re.IGNORECASE).match(ctx.f, end)
        if verb is None:
            return False
        end = verb.end()
    cit.issuers, cit.term, cit.issuer_end = items, term, end
    return True


def _head_issuer(ctx: _Context, cit: _Cit, pos: int) -> bool:
    """"… của Chủ tịch Ủy ban nhân dân tỉnh X": the head of a body signs in the body's name.

    Such a document carries the body's name in its header and the body's code in its symbol
    (Nghị định 30/2020/NĐ-CP, Phụ lục I: QĐ-UBND for a decision of the chair of a People's
    Committee), so the body is its issuing body (vg:issuedBy) — only when the symbol's issuer
    code is the body's code; otherwise the issuer is left out.
    """
    head = re.compile(rf"{phrase_regex('issuer-head')}\s+", re.IGNORECASE).match(ctx.f, pos)
    if head is None:
        return False
    items, term, end = _org_list(ctx, head.end())
    if len(items) != 1:
        return False
    org = items[0][0]
    if cit.raw is None or not _signs_with(ctx, org, _raw_issuer(cit.raw)):
        ctx.skip(pos, end, "signed by the head of a body whose code the symbol does not carry;"
                 " issuer left out")
        cit.issuer_end = end
        return True
    cit.issuers, cit.term, cit.issuer_end = items, term, end
    return True


def _signs_with(ctx: _Context, org: _Org, code: str) -> bool:
    """The body issues under this symbol code: its own code, or the code of its kind of body
    ("UBND" for every People's Committee)."""
    row = issuer_code(code)
    if row is None:
        return False
    if code in org.codes or (row.body is not None and row.body == org.key):
        return True
    if not row.relative:
        return False
    name = _org_name(ctx, org).lower()
    return any(name == kind.lower() or name.startswith(kind.lower() + " ")
               for kind in row.name.split(", "))


def _plenum_issuer(ctx: _Context, cit: _Cit, pos: int) -> bool:
    """"Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng [khóa XII]" or "Trung ương 4"."""
    m = _patterns().plenum.match(ctx.f, pos)
    if m is None:
        return False
    if m.group("n1"):
        org = ctx.org_at(m.end())
        if org is None or org.key != CENTRAL_COMMITTEE:
            return False
        issuer, end, number = (org, org.start, org.end), org.end, int(m.group("n1"))
    else:
        central = bodies().get(CENTRAL_COMMITTEE)
        end, number = m.end(), int(m.group("n2"))
        issuer = None
        if central is not None:
            issuer = (_Org(central.id, m.start("central"), m.end("central"), central.kind,
                           central.codes), m.start("central"), m.end("central"))
    term = _patterns().term.match(ctx.f, end)
    cit.plenum = number
    cit.issuers = [issuer] if issuer else []
    if term:
        cit.term, end = term.group("roman"), term.end()
    cit.issuer_end = end
    return True


def _org_list(ctx: _Context, pos: int) -> tuple[list[tuple[_Org, int, int]], str | None, int]:
    """"Bộ Chính trị, Ban Bí thư" at ``pos``: organisations, the term stated, where it ends."""
    p = _patterns()
    first = ctx.org_at(pos)
    if first is None:
        return [], None, pos
    items = [(first, first.start, first.end)]
    end = first.end
    term = None
    t = p.term.match(ctx.f, end)
    if t:
        term, end = t.group("roman"), t.end()
    while True:
        sep = p.list_sep.match(ctx.f, end)
        if sep is None:
            break
        nxt = ctx.org_at(sep.end())
        if nxt is None:
            break
        nend = nxt.end
        t = p.term.match(ctx.f, nend)
        if t:
            nend = t.end()
        if not p.boundary.match(ctx.f, nend):
            break  # "…của Ban Bí thư, Đảng ủy Bộ đã …": the second body is the next subject
        items.append((nxt, nxt.start, nxt.end))
        end = nend
    return items, term, end


# --- named --------------------------------------------------------------------------------


def _named(ctx: _Context, taken: list[_Cit]) -> list[_Cit]:
    out: list[_Cit] = []

    def free(cit: _Cit) -> bool:
        return not any(c.start < cit.extent and cit.start < c.end
                       for c in [*taken, *out] if c is not cit.container)

    for finder in (_plenum_resolutions, _congress_resolutions, _conference_resolutions,
                   _laws, _constitutions, _statutes, _typed_of_body):
        for cit in finder(ctx):
            if free(cit) and (cit.container is None or cit.container in out):
                out.append(cit)
    return out


def _plural_before(ctx: _Context, pos: int) -> bool:
    return bool(_patterns().plural.search(ctx.f, max(0, pos - 12), pos))


def _plenum_resolutions(ctx: _Context) -> list[_Cit]:
    """"Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Hội nghị lần thứ 6 BCH TW khóa XII"."""
    p = _patterns()
    out = []
    for m in p.nq_plenum.finditer(ctx.f):
        if _plural_before(ctx, m.start()):
            continue
        cit = _Cit(m.start(), m.end(), "named", doc_type="nghi-quyet",
                   type_span=(m.start("tw"), m.end("tw")), system=PARTY)
        if m.group("n1"):
            org = ctx.org_at(m.end())
            if org is None or org.key != CENTRAL_COMMITTEE:
                continue
            cit.issuers, cit.end, cit.plenum = [(org, org.start, org.end)], org.end, int(m["n1"])
        else:
            central = bodies().get(CENTRAL_COMMITTEE)
            cit.plenum = int(m.group("n2"))
            if central is not None:
                s, e = m.start("central"), m.end("central")
                cit.issuers = [(_Org(central.id, s, e, central.kind, central.codes), s, e)]
        term = p.term.match(ctx.f, cit.end)
        if term:
            cit.term, cit.end = term.group("roman"), term.end()
        words = phrases("central")
        cit.name = f"{_label('nghi-quyet')} {max(words, key=len)} {cit.plenum}"
        if cit.term:
            cit.name += f" {phrases('term')[0]} {cit.term}"
        cit.scoped = cit.term is None
        out.append(cit)
    return out


def _congress_resolutions(ctx: _Context) -> list[_Cit]:
    """"Nghị quyết Đại hội XIII", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"."""
    out = []
    for m in _patterns().nq_congress.finditer(ctx.f):
        national = m.group("nat") or m.group("party")
        if not national and m.group("ord"):
            continue  # "Đại hội lần thứ XX" may be any Party organisation's congress
        if not national and re.match(rf"\s+{phrase_regex('issuer-link')}", ctx.f[m.end():],
                                     re.IGNORECASE):
            continue
        if _plural_before(ctx, m.start()):
            continue
        roman = m.group("roman")
        name = (f"{_label('nghi-quyet')} {phrases('congress')[0]} "
                f"{phrases('national-congress')[0]} {phrases('ordinal')[0]} {roman} "
                f"{phrases('of-the-party')[0]}")
        out.append(_Cit(m.start(), m.end(), "named", doc_type="nghi-quyet",
                        type_span=(m.start("tw"), m.end("tw")), system=PARTY, name=name,
                        term=roman))
    return out


def _conference_resolutions(ctx: _Context) -> list[_Cit]:
    """"Nghị quyết Hội nghị <named conference> năm 2024": identity only within the article."""
    out = []
    for m in _patterns().nq_conference.finditer(ctx.f):
        body = m.group("body")
        if not body[:1].isupper() or _plural_before(ctx, m.start()):
            continue
        out.append(_Cit(m.start(), m.end(), "named", doc_type="nghi-quyet",
                        type_span=(m.start("tw"), m.end("tw")), name=ctx.f[m.start():m.end()],
                        scoped=True))
    return out


def _laws(ctx: _Context) -> list[_Cit]:
    """"Luật Điện lực", "Bộ luật Lao động", "Pháp lệnh …": the name runs to a stop word.

    "Luật X (sửa đổi)" is the revised law, a document of its own whose identity (its year) the
    name does not give: it is scoped to the article. "Luật sửa đổi, bổ sung một số điều của Luật
    X" is an amending law, named by the whole phrase, that amends the law X cited inside it.
    """
    p = _patterns()
    out: list[_Cit] = []
    for m in p.law.finditer(ctx.f):
        if p.draft.search(ctx.f, max(0, m.start() - 16), m.start()):
            continue
        if any(c.start <= m.start() < c.end for c in out):
            continue  # the amended law inside an amending law's name is added with it
        amending = _amending_law(ctx, m)
        if amending is not None:
            out += amending
            continue
        cit = _law(ctx, m)
        if cit is not None:
            out.append(cit)
    return out


def _law(ctx: _Context, m: re.Match[str]) -> _Cit | None:
    p = _patterns()
    end = _law_name_end(ctx, m.end())
    if end is None:
        return None
    if end < 0:
        ctx.skip(m.start(), -end, "law name of uncertain extent")
        return None
    scoped = False
    version = p.year_version.match(ctx.f, end)
    revised = p.revised.match(ctx.f, end)
    if version:
        end = version.end()
    elif revised:
        end, scoped = revised.end(), True
    name = " ".join(ctx.f[m.start():end].split())
    return _Cit(m.start(), end, "named", doc_type=type_of_word(m.group("tw")),
                type_span=(m.start("tw"), m.end("tw")), name=name, system=STATE, scoped=scoped)


def _amending_law(ctx: _Context, m: re.Match[str]) -> list[_Cit] | None:
    """"Luật sửa đổi, bổ sung một số điều của Luật X": the amending law and the law it amends."""
    f = ctx.f
    if not f[m.end():m.end() + 1].islower():
        return None
    inner = _patterns().law.search(f, m.end(), min(len(f), m.end() + 80))
    if inner is None:
        return None
    cue = match_cue(f[m.end():inner.start()], "title", type_of_word(m.group("tw")), whole=True)
    if cue is None or cue.relation != "amends":
        return None
    target = _law(ctx, inner)
    if target is None or target.scoped:
        return None
    outer = _Cit(m.start(), target.end, "named", doc_type=type_of_word(m.group("tw")),
                 type_span=(m.start("tw"), m.end("tw")),
                 name=" ".join(f[m.start():target.end].split()), system=STATE, scoped=True)
    outer.relations.append(("amends", target, m.end() + cue.start, m.end() + cue.end))
    target.container = outer
    return [outer, target]


def _law_name_end(ctx: _Context, pos: int) -> int | None:
    """End of a law's name starting at ``pos``; ``None`` if none, negative if unsure.

    The name runs over words to a stop word. A comma followed by lower-case words continues it
    ("Luật Phòng, chống tham nhũng", "Luật Cán bộ, công chức") only when the longer name then
    meets a boundary: a number ("số …"), a version ("năm 2022"), "(sửa đổi)", punctuation, the
    line end, or "và"/"cùng" before another type word. Otherwise the extent is unsure.
    """
    p = _patterns()
    f = ctx.f
    if not f[pos:pos + 1].isupper():
        return None
    end = _name_words_end(f, pos, _MAX_NAME_WORDS)
    if end is None or end < 0:
        return end
    extended, total = False, len(f[pos:end].split())
    while (comma := re.compile(r"\s*,\s*").match(f, end)) is not None:
        nxt = comma.end()
        if not f[nxt:nxt + 1].islower() or _opens_clause(f, nxt):
            break
        segment_end = _name_words_end(f, nxt, _MAX_NAME_SEGMENT)
        if segment_end is None or segment_end < 0:
            return -(abs(segment_end or nxt))
        total += len(f[nxt:segment_end].split())
        if total > _MAX_NAME_WORDS:
            return -segment_end
        end, extended = segment_end, True
    if extended and not p.law_boundary.match(f, end):
        return -end  # "Theo Luật Đầu tư, doanh nghiệp …": a name or a clause?
    after = re.match(r"\s*-\s*(\S+)", f[end:end + 40])
    if after and after.group(1)[:1].islower() and not _opens_clause(f, end + after.start(1)):
        return -(end + after.end(1))
    return end


def _opens_clause(f: str, pos: int) -> bool:
    """A stop word, a coordinator or a type word at ``pos``: the name does not go on."""
    p = _patterns()
    return bool(p.name_stop.match(f, pos) or type_word_regex().match(f, pos)
                or re.match(phrase_regex("coordinator"), f[pos:], re.IGNORECASE))


def _name_words_end(f: str, pos: int, limit: int) -> int | None:
    """End of the run of name words at ``pos`` (to a stop word, a number, punctuation or a
    coordinated type word); ``None`` if there is none, negative past ``limit`` words."""
    p = _patterns()
    coordinators = {w.lower() for w in phrases("coordinator")}
    words: list[tuple[int, int]] = []
    cur = pos
    while True:
        m = p.word.match(f, cur)
        if m is None:
            break
        word = m.group()
        if word.isdigit() or (words and p.name_stop.match(f, cur)
                              and not p.number_word.match(f, cur)):
            break
        if word.lower() in coordinators and type_word_regex().match(f, m.end() + 1):
            break
        words.append((m.start(), m.end()))
        if len(words) > limit:
            return -m.end()
        if f[m.end():m.end() + 1] == " " and p.word.match(f, m.end() + 1):
            cur = m.end() + 1
            continue
        break
    return words[-1][1] if words else None


def _constitutions(ctx: _Context) -> list[_Cit]:
    p = _patterns()
    out = []
    for m in p.constitution.finditer(ctx.f):
        if p.draft.search(ctx.f, max(0, m.start() - 16), m.start()):
            continue
        out.append(_Cit(m.start(), m.end(), "named", doc_type="hien-phap",
                        type_span=(m.start("tw"), m.end("tw")),
                        name=" ".join(ctx.f[m.start():m.end()].split()), system=STATE))
    return out


def _statutes(ctx: _Context) -> list[_Cit]:
    """"Điều lệ Đảng" (any case), "Điều lệ <body>" (capitalised)."""
    p = _patterns()
    out = []
    for m in p.statute.finditer(ctx.f):
        tw = m.group("tw")
        party = p.party_name.match(ctx.f, m.end())
        cit = _Cit(m.start(), m.end(), "named", doc_type="dieu-le",
                   type_span=(m.start("tw"), m.end("tw")))
        unit = ctx.org_at(m.end())  # "Đảng bộ X", "Đảng ủy X" are units, not the Party
        if party and unit is not None and unit.end > party.end():
            continue
        if party and not ctx.f[party.end():party.end() + 1].isalpha():
            cit.end, cit.system = party.end(), PARTY
            cit.name = f"{_label('dieu-le')} {min(phrases('party-name'), key=len)}"
        elif tw[:1].isupper() and unit is not None:
            cit.end, cit.system = unit.end, unit.kind if unit.kind in (PARTY, STATE) else None
            cit.name = f"{_label('dieu-le')} {_org_name(ctx, unit)}"
        else:
            continue
        out.append(cit)
    return out


def _typed_of_body(ctx: _Context) -> list[_Cit]:
    """"Nghị quyết của Quốc hội về …": a singular, capitalised type word, a body and a subject."""
    p = _patterns()
    out = []
    for m in p.typed_of.finditer(ctx.f):
        if not m.group("tw")[:1].isupper() or _plural_before(ctx, m.start()):
            continue
        items, term, end = _org_list(ctx, m.end())
        if not items:
            continue
        lead = re.compile(rf"\s+{phrase_regex('title-lead', after_issuer=False)}\s+",
                          re.IGNORECASE).match(ctx.f, end)
        if lead is None:
            continue
        cit = _Cit(m.start(), end, "named", doc_type=type_of_word(m.group("tw")),
                   type_span=(m.start("tw"), m.end("tw")), issuers=items, term=term,
                   issuer_end=end, scoped=True)
        kinds = {o.kind for o, _, _ in items}
        cit.system = kinds.pop() if len(kinds) == 1 and kinds <= {PARTY, STATE} else None
        out.append(cit)
    return out


def _org_name(ctx: _Context, org: _Org) -> str:
    for om in ctx.found.organisations:
        if om.key == org.key:
            return om.name
    body = bodies().get(org.key)
    return body.name if body else ctx.f[org.start:org.end]


def _label(type_id: str) -> str:
    return document_types()[type_id].label


# --- short forms ----------------------------------------------------------------------------


def _short_forms(ctx: _Context, taken: list[_Cit]) -> list[_Cit]:
    """"Nghị quyết 57" after the article cited "Nghị quyết số 57-NQ/TW" (resolved later)."""
    out = []
    for m in _patterns().short_form.finditer(ctx.f):
        if any(c.start < m.end() and m.start() < c.end for c in taken):
            continue
        out.append(_Cit(m.start(), m.end(), "short", doc_type=type_of_word(m.group("tw")),
                        type_span=(m.start("tw"), m.end("tw")), number=m.group("num")))
    return out


# --- titles -------------------------------------------------------------------------------


def _titles(ctx: _Context, cits: list[_Cit]) -> None:
    p = _patterns()
    for cit in cits:
        if cit.sub_unit or cit.title is not None:
            continue
        start = None
        lead = p.title_lead.match(ctx.f, cit.end)
        if lead:
            start = lead.start("lead")
        elif cit.issuer_end == cit.end and cit.issuers and (
                m := p.title_lead_after_issuer.match(ctx.f, cit.end)):
            start = m.start("lead")
        else:
            start = _cue_title_start(ctx, cit, cits)
        if start is None:
            continue
        end = _title_end(ctx, start, cit, cits)
        if end is None:
            ctx.skip(cit.start, min(len(ctx.f), start + 80), "subject (về …) without a clear end")
            continue
        if len(ctx.f[start:end].split()) >= 3:
            cit.title = (start, end)


def _cue_title_start(ctx: _Context, cit: _Cit, cits: list[_Cit]) -> int | None:
    """"Hướng dẫn … một số nội dung Chỉ thị …", "Kế hoạch … thực hiện Nghị quyết …"."""
    for other in cits:
        if other.start <= cit.end or other.start > cit.end + 60:
            continue
        gap = ctx.f[cit.end:other.start]
        if gap[:1].isspace() and match_cue(gap, "title", cit.doc_type, whole=True):
            return cit.end + len(gap) - len(gap.lstrip())
        break
    return None


def _title_end(ctx: _Context, start: int, cit: _Cit, cits: list[_Cit]) -> int | None:
    p = _patterns()
    f = ctx.f
    pos = start
    limit = min(len(f), start + _MAX_TITLE)
    boundary: int | None = None
    for m in p.title_stop.finditer(f, start, limit):
        if m.group("comma") and not (f[m.end():m.end() + 1].isupper()
                                     or f[m.end():m.end() + 1].isdigit()):
            continue  # "khoa học, công nghệ": a comma inside the subject
        boundary = m.start()
        break
    if boundary is None:
        boundary = limit if limit == len(f) else None
    trail = p.trail_comma.search(f, start, boundary if boundary is not None else limit)
    if trail is not None:
        boundary = trail.start()  # "…, thay thế Nghị định …": a clause about the document
    for other in cits:
        if other is cit or other.start <= pos:
            continue
        if boundary is not None and other.start >= boundary:
            break
        if boundary is None and other.start >= limit:
            break
        cue = match_cue(f[start:other.start], "title", cit.doc_type)
        if cue is None:
            boundary = other.start
            break
        joined = p.joined_cue.search(f, start, start + cue.start + 1)
        if cue.start > 0 and joined is not None and joined.end() == start + cue.start:
            boundary = joined.start()  # "về A và thực hiện B": a second aim, not the subject
            break
    if boundary is None:
        return None
    trail = p.trailing_connector.search(f, start, boundary)
    end = trail.start() if trail else boundary
    return end if end > start else None


def _name_by_subject(ctx: _Context, cits: list[_Cit]) -> list[_Cit]:
    """"Nghị quyết của Quốc hội về …" is named by its subject: without one it is dropped."""
    out = []
    for cit in cits:
        if cit.kind == "named" and cit.name is None:
            if cit.title is None:
                continue
            cit.end = cit.title[1]
            cit.name = " ".join(ctx.f[cit.start:cit.end].split())
        out.append(cit)
    return out


# --- coordination ---------------------------------------------------------------------------


def _coordination(ctx: _Context, cits: list[_Cit]) -> None:
    """Share a trailing issuer and subject across "A ngày … và B ngày … của X về …"."""
    chains: list[list[_Cit]] = []
    numbered = [c for c in cits if c.kind == "numbered" and not c.sub_unit]
    for cit in numbered:
        prev = chains[-1][-1] if chains else None
        if prev is not None and prev.title is None and _coordinated_gap(ctx, prev, cit):
            chains[-1].append(cit)
        else:
            chains.append([cit])
    for chain in chains:
        if len(chain) < 2:
            continue
        last = chain[-1]
        rest = chain[:-1]
        if last.issuers and not any(c.issuers for c in rest):
            if _can_sign(last.issuers, chain):
                for c in rest:
                    c.issuers, c.term = list(last.issuers), last.term
            else:
                ctx.skip(chain[0].start, last.end, "shared issuer cannot sign every symbol")
        if last.title and not any(c.title for c in rest):
            for c in rest:
                c.title, c.title_shared = last.title, True


def _coordinated_gap(ctx: _Context, prev: _Cit, cit: _Cit) -> bool:
    return _is_coordination(ctx.f[prev.end:cit.start])


def _is_coordination(gap: str) -> bool:
    """", " / " và " / ", và " between two citations."""
    return bool(gap.strip()) and bool(re.fullmatch(
        rf"\s*(?:,\s*)?(?:{phrase_regex('coordinator')}\s+)?", gap, re.IGNORECASE))


def _raw_issuer(raw: RawSymbol) -> str:
    """The issuer group of a symbol before it is checked (term number dropped)."""
    if raw.shape == "party":
        code = raw.rest
    elif raw.shape == "normative":
        parts = raw.rest.split("-")
        code = parts[1] if len(parts) > 1 else parts[0]
    else:
        code = raw.rest.split("-")[0] if issuer_code(raw.first) is None else raw.first
    row = issuer_code(code)
    return row.code if row is not None else code


def _can_sign(issuers: list[tuple[_Org, int, int]], chain: list[_Cit]) -> bool:
    """Every symbol's issuer code belongs to every issuing body (or they all share one code)."""
    codes = {_raw_issuer(c.raw) for c in chain if c.raw is not None}
    if any(c.raw is None for c in chain):
        return False
    for org, _, _ in issuers:
        if org.codes:
            if not codes <= set(org.codes):
                return False
        elif len(codes) != 1:
            return False
    return True


# --- sentence subject that issues -------------------------------------------------------------


@dataclass
class _Issued:
    sentence: int
    subject: _Org
    items: list[_Cit]


def _issued_by_subject(ctx: _Context, cits: list[_Cit]) -> list[_Issued]:
    """"X đã ban hành Quyết định số …" / "X … thông qua việc ban hành các văn bản: (1) …"."""
    p = _patterns()
    f = ctx.f
    out: list[_Issued] = []
    for verb in p.issuing_verb.finditer(f):
        v = verb.start()
        if any(c.start <= v < c.extent for c in cits):
            continue
        if re.match(rf"\s+{phrase_regex('date-day')}", f[verb.end():], re.IGNORECASE):
            continue
        sentence = ctx.sentence_start(v)
        subject = _subject(ctx, sentence, v)
        if subject is None:
            continue
        items = _objects(ctx, verb.end(), cits)
        if not items:
            continue
        date = _intro_date(ctx, sentence, subject.start, cits)
        for item in items:
            if item.kind == "described" and subject.kind in (PARTY, STATE):
                item.system = subject.kind
            if item.kind == "short":
                continue  # its symbol is not known yet, so the subject cannot be checked
            if not item.issuers:
                if item.raw is not None and subject.codes and \
                        _raw_issuer(item.raw) not in subject.codes:
                    ctx.skip(item.start, item.end, "sentence subject cannot sign this symbol")
                else:
                    item.issuers = [(subject, subject.start, subject.end)]
        if date is not None and len(items) == 1 and items[0].date is None:
            items[0].date = date
        out.append(_Issued(sentence, subject, items))
    return out


def _subject(ctx: _Context, sentence: int, verb: int) -> _Org | None:
    p = _patterns()
    f = ctx.f
    before = [o for o in ctx.orgs if sentence <= o.start and o.end <= verb]
    if not before:
        return None
    nearest = before[-1]
    if p.aux_gap.fullmatch(f, nearest.end, verb):
        subject = nearest
    else:
        subject = None
        for org in reversed(before):
            prefix = f[sentence:org.start].rstrip()
            if (p.aux_after.match(f, org.end) and (not prefix or prefix.endswith(","))
                    and ";" not in f[org.end:verb]):
                subject = org
                break
        if subject is None or not p.verb_lead_before.search(f, subject.end, verb):
            return None
    if p.possessive_before.search(f, max(0, subject.start - 10), subject.start):
        return None
    return subject


def _objects(ctx: _Context, pos: int, cits: list[_Cit]) -> list[_Cit]:
    """The citations issued: the one right after the verb and the list it opens."""
    p = _patterns()
    lead = p.object_lead.match(ctx.f, pos)
    if lead is None:
        return []
    start = lead.end()
    first = next((c for c in cits if c.start == start), None)
    if first is None:
        described = _described(ctx, start, cits)
        if described is None:
            return []
        cits.append(described)
        return [described]
    items = [first]
    cur = first
    while True:
        nxt = next((c for c in sorted(cits, key=lambda c: c.start)
                    if c.start >= cur.extent and c is not cur), None)
        if nxt is None or not p.list_gap.fullmatch(ctx.f, cur.extent, nxt.start):
            break
        items.append(nxt)
        cur = nxt
    return items


def _described(ctx: _Context, pos: int, cits: list[_Cit]) -> _Cit | None:
    """"ban hành Kế hoạch triển khai thực hiện …": a capitalised type word and what it does."""
    m = type_word_regex().match(ctx.f, pos)
    if m is None or not m.group()[:1].isupper():
        return None
    doc_type = type_of_word(m.group())
    if doc_type is None or document_types()[doc_type].named:
        return None
    start = m.end() + 1
    if not _starts_with_cue(ctx.f, start, doc_type):
        return None  # "Quyết định phù hợp": only "Kế hoạch triển khai/thực hiện …" is described
    cit = _Cit(pos, pos, "described", doc_type=doc_type, type_span=(m.start(), m.end()),
               scoped=True)
    end = _title_end(ctx, start, cit, cits)
    if end is None:
        return None
    # "Kế hoạch triển khai … và chỉ đạo …": the description ends before a coordinated verb.
    coordinator = re.compile(rf"\s+{phrase_regex('coordinator')}", re.IGNORECASE)
    stop = coordinator.search(ctx.f, start, end)
    end = stop.start() if stop else end
    if len(ctx.f[start:end].split()) < 3:
        return None
    cit.end, cit.title = end, (start, end)
    cit.name = " ".join(ctx.f[pos:end].split())
    return cit


def _starts_with_cue(f: str, pos: int, doc_type: str) -> bool:
    words = f[pos:pos + 40].split()
    return any(match_cue(" ".join(words[:n]), "title", doc_type, whole=True)
               for n in range(1, min(4, len(words)) + 1))


def _intro_date(ctx: _Context, sentence: int, subject: int, cits: list[_Cit]) -> DateMatch | None:
    """"Ngày 27/12/2019, X đã ban hành …": the one dated adverbial before the subject."""
    found = []
    pos = sentence
    while pos < subject:
        date = match_date(ctx.f, pos, require_day_word=True)
        if date is not None and date.end <= subject:
            inside = any(c.start <= date.start < c.extent for c in cits)
            if not inside and date.value is not None and \
                    re.match(r"\s*,", ctx.f[date.end:subject]):
                found.append(date)
            pos = date.end
            continue
        pos += 1
    return found[0] if len(found) == 1 else None


# --- symbols, years ---------------------------------------------------------------------------


def _resolve_symbols(ctx: _Context, cits: list[_Cit]) -> list[_Cit]:
    kept: list[_Cit] = []
    published = ctx.article.published
    for cit in cits:
        value = cit.date.value if cit.date else None
        if cit.date is not None and (value is None or (published and value > published)):
            if value is not None:
                ctx.skip(cit.date.start, cit.date.end, "document dated after the article")
            cit.date = None
        if cit.raw is not None:
            date_year = cit.date.value.year if cit.date and cit.date.value else None
            try:
                cit.symbol = resolve(cit.raw, cit.doc_type, date_year)
            except SymbolError as err:
                ctx.skip(cit.raw.start, cit.raw.end, f"not a document symbol: {err}")
                continue
            cit.year = cit.symbol.year or date_year
            cit.system = cit.symbol.system or (
                document_types()[cit.doc_type].system if cit.doc_type else None)
        kept.append(cit)
    full = [c for c in kept if c.symbol is not None]
    out: list[_Cit] = []
    for cit in kept:
        if cit.kind == "short":
            targets = {c.symbol.identifier: c for c in full if c.symbol and c.doc_type ==
                       cit.doc_type and c.symbol.number.lstrip("0") == cit.number.lstrip("0")}
            if len(targets) != 1:
                ctx.skip(cit.start, cit.end, f"short form matches {len(targets)} full citations")
                continue
            cit.target = next(iter(targets.values()))
        out.append(cit)
    return out


def _join_years(cits: list[_Cit]) -> None:
    """An undated mention takes the year of the one dated version of its symbol (if one)."""
    years: dict[str, set[int]] = {}
    for cit in cits:
        if cit.symbol is not None and cit.year is not None:
            years.setdefault(cit.symbol.identifier, set()).add(cit.year)
    for cit in cits:
        ident = (cit.symbol or (cit.target.symbol if cit.target else None))
        if ident is None or cit.year is not None:
            continue
        known = years.get(ident.identifier, set())
        if len(known) == 1:
            cit.year = next(iter(known))


# --- relations --------------------------------------------------------------------------------


def _title_relations(ctx: _Context, cits: list[_Cit]) -> None:
    """"A … về tiếp tục thực hiện B": the cue right before B, B inside A's subject."""
    for cit in cits:
        if cit.title is None or cit.title_shared:
            continue
        start, end = cit.title
        inner = next((c for c in cits if c is not cit and start <= c.start < end), None)
        if inner is None:
            continue
        cue = match_cue(ctx.f[start:inner.start], "title", cit.doc_type)
        if cue is not None:
            cit.relations.append((cue.relation, inner, start + cue.start, start + cue.end))


def _bracket_guidance(ctx: _Context, cits: list[_Cit]) -> None:
    """"Quy định số 126-QĐ/TW ngày … (Hướng dẫn số 19-HD/BTCTW ngày …)": B guides A."""
    for i, cit in enumerate(cits):
        if cit.doc_type != "huong-dan" or i == 0:
            continue
        prev = next((c for c in reversed(cits[:i]) if c.extent <= cit.start), None)
        if prev is None or prev.kind not in ("numbered", "named"):
            continue
        if re.fullmatch(r"\s*\(\s*", ctx.f[prev.extent:cit.start]) and \
                re.match(r"\s*\)", ctx.f[cit.extent:]):
            ts, te = cit.type_span or (cit.start, cit.end)
            cit.relations.append(("guides", prev, ts, te))


def _lead_relations(ctx: _Context, cits: list[_Cit], issued: list[_Issued]) -> None:
    """"Thực hiện B …, X đã ban hành A": A implements B (the cue opens the sentence)."""
    for clause in issued:
        first = next((c for c in cits if c.start > clause.sentence), None)
        if first is None or first.start >= clause.subject.start:
            continue
        cue = match_cue(ctx.f[clause.sentence:first.start], "lead", None, whole=True)
        if cue is None:
            continue
        sources = [first]
        for c in cits:
            if sources[-1].extent < c.start < clause.subject.start and \
                    _is_coordination(ctx.f[sources[-1].extent:c.start]):
                sources.append(c)
        for item in clause.items:
            for src in sources:
                if item is not src:
                    item.relations.append((cue.relation, src, clause.sentence + cue.start,
                                           clause.sentence + cue.end))


def _issued_titles(ctx: _Context, cits: list[_Cit], issued: list[_Issued]) -> None:
    """"Chính phủ ban hành Nghị định số … quy định về …": after a document its sentence's subject
    issues, "quy định"/"hướng dẫn" opens the document's subject, as after "của <issuer>" (the
    sentence's verb is "ban hành")."""
    p = _patterns()
    for clause in issued:
        for cit in clause.items:
            if cit.title is not None or cit.kind != "numbered" or cit.sub_unit:
                continue
            lead = p.title_lead_after_issuer.match(ctx.f, cit.end)
            if lead is None:
                continue
            end = _title_end(ctx, lead.start("lead"), cit, cits)
            if end is not None and len(ctx.f[lead.start("lead"):end].split()) >= 3:
                cit.title = (lead.start("lead"), end)


def _subjects(ctx: _Context, cits: list[_Cit], issued: list[_Issued]) -> set[int]:
    """Citations a sentence is about: those its subject issues, and those opening it."""
    ids = {id(c) for clause in issued for c in clause.items}
    ids |= {id(c) for c in cits if c.start == ctx.sentence_start(c.start)}
    return ids


def _trailing_relations(ctx: _Context, cits: list[_Cit], issued: list[_Issued]) -> None:
    """"A sửa đổi, bổ sung B", "A sửa đổi, bổ sung nghị định này" (the document just cited), and
    "X ban hành A …, thay thế B" (after a comma only when A is what the sentence is about)."""
    p = _patterns()
    f = ctx.f
    about = _subjects(ctx, cits, issued)
    ordered = sorted(cits, key=lambda c: c.start)
    for cit in ordered:
        if cit.kind not in ("numbered", "named") or cit.sub_unit:
            continue
        lead = re.compile(r"\s*(?P<comma>,\s*)?").match(f, cit.extent)
        pos = lead.end()
        if lead.group("comma") and id(cit) not in about:
            continue
        if not re.match(cue_regex("trail"), f[pos:], re.IGNORECASE):
            continue
        target = next((c for c in ordered if pos < c.start <= pos + 80), None)
        gap_end = target.start if target else None
        demonstrative = p.trail_target.search(f, pos, min(len(f), pos + 80))
        if demonstrative is not None and (gap_end is None or demonstrative.start() < gap_end):
            kind = type_of_word(demonstrative.group("tw"))
            sentence = ctx.sentence_start(cit.start)
            target = next((c for c in reversed(ordered) if c.extent <= cit.start
                           and c.start >= sentence and c.doc_type == kind), None)
            gap_end = demonstrative.start()
        if target is None or gap_end is None or target is cit:
            continue
        cue = match_cue(f[pos:gap_end], "trail", cit.doc_type, whole=True)
        if cue is None or any(t is target for _, t, _, _ in cit.relations):
            continue
        cit.relations.append((cue.relation, target, pos + cue.start, pos + cue.end))


def _purpose_relations(ctx: _Context, cits: list[_Cit], issued: list[_Issued]) -> list[_Cit]:
    """"Việc ban hành Nghị định nhằm cụ thể hóa B … và thực hiện chủ trương tại C": A implements
    B and C. A is the citation right before "nhằm", or a capitalised type word alone standing for
    the one document of that type the article's subjects issue (a mention of it is added)."""
    p = _patterns()
    f = ctx.f
    ordered = sorted(cits, key=lambda c: c.start)
    added: list[_Cit] = []
    for link in p.purpose.finditer(f):
        if any(c.start <= link.start() < c.extent for c in ordered):
            continue
        source = next((c for c in ordered if c.extent <= link.start()
                       and not f[c.extent:link.start()].strip()), None)
        if source is None:
            source = _bare_reference(ctx, link.start(), issued)
            if source is None:
                continue
        pos = link.end()
        relations = []
        prev_end, where = pos, pos
        for target in (c for c in ordered if c.start >= pos):
            gap = f[where:target.start]
            if relations and _is_coordination(gap):
                relations.append((relations[-1][0], target, relations[-1][2], relations[-1][3]))
            else:
                if relations:
                    joined = re.compile(rf"\s*,?\s*{phrase_regex('coordinator')}\s+",
                                        re.IGNORECASE).match(gap)
                    if joined is None:
                        break
                    prev_end = where + joined.end()
                    gap = f[prev_end:target.start]
                cue = match_cue(gap, "purpose", source.doc_type, whole=True)
                if cue is None:
                    break
                relations.append((cue.relation, target, prev_end + cue.start,
                                  prev_end + cue.end))
            where = target.extent
        if not relations:
            continue
        if source.kind == "short" and source not in added:
            added.append(source)
        source.relations.extend(r for r in relations if r[1] is not source.target)
    return added


def _bare_reference(ctx: _Context, pos: int, issued: list[_Issued]) -> _Cit | None:
    """"Việc ban hành Nghị định nhằm …": the type word alone, right before ``pos``, stands for the
    one document of that type that the article's sentence subjects issue."""
    m = _patterns().bare_type.search(ctx.f, ctx.sentence_start(pos), pos)
    if m is None or _plural_before(ctx, m.start()):
        return None
    kind = type_of_word(m.group("tw"))
    candidates = {c.symbol.identifier: c for clause in issued for c in clause.items
                  if c.symbol is not None and c.doc_type == kind}
    if len(candidates) != 1:
        return None
    target = next(iter(candidates.values()))
    return _Cit(m.start("tw"), m.end("tw"), "short", doc_type=kind,
                type_span=(m.start("tw"), m.end("tw")), target=target)


# --- records ----------------------------------------------------------------------------------


def _mentions(ctx: _Context, cits: list[_Cit]) -> list[DocumentMention]:
    cits = sorted(cits, key=lambda c: (c.start, -c.end))
    index = {id(c): i for i, c in enumerate(cits)}
    out = []
    for cit in cits:
        out.append(_mention(ctx, cit, index))
    return out


def _mention(ctx: _Context, cit: _Cit, index: dict[int, int]) -> DocumentMention:
    span = ctx.span(cit.start, cit.end)
    symbol = cit.symbol or (cit.target.symbol if cit.target else None)
    issuers = [OrgRef(o.key, ctx.span(s, e)) for o, s, e in cit.issuers]
    if not issuers and cit.symbol is not None and cit.symbol.issuer_code and cit.raw:
        issuers = _issuers_from_code(ctx, cit)
    relations = tuple(
        DocumentRelation(kind, index[id(target)], ctx.span(cs, ce))
        for kind, target, cs, ce in cit.relations if id(target) in index
    )
    date = cit.date.value if cit.date else None
    return DocumentMention(
        span=span,
        doc_type=cit.doc_type,
        system=cit.system or (cit.target.system if cit.target else None),
        identifier=symbol.identifier if symbol else None,
        surface_identifier=ctx.span(cit.raw.start, cit.raw.end) if cit.raw else None,
        number=symbol.number if symbol else None,
        type_code=symbol.type_code if symbol else None,
        issuer_code=symbol.issuer_code if symbol else None,
        year=cit.year,
        date=date,
        date_span=ctx.span(cit.date.start, cit.date.end) if date and cit.date else None,
        issuers=tuple(issuers),
        title=ctx.span(*cit.title) if cit.title else None,
        name=cit.name,
        relations=relations,
        type_word=ctx.span(*cit.type_span) if cit.type_span else None,
        article_scoped=cit.scoped,
        term=cit.term,
        plenum=cit.plenum,
    )


def _issuers_from_code(ctx: _Context, cit: _Cit) -> list[OrgRef]:
    """A symbol whose issuer code names one body states its issuer (26-HD/BTCTW)."""
    assert cit.symbol is not None and cit.raw is not None
    refs = []
    for code in (cit.symbol.issuer_code or "").split("-"):
        row = issuer_code(code)
        if row is None or not row.unambiguous or row.body not in bodies():
            return []
        refs.append(OrgRef(row.body, ctx.span(cit.raw.start, cit.raw.end)))
    return refs


# ---------------------------------------------------------------------------- identity


@dataclass(frozen=True)
class DistinctDocument:
    """One document of an article: its identity key and the indices of its mentions."""

    key: tuple[str, ...]
    mentions: tuple[int, ...]

    def iri(self, iris: Iris, article_id: str) -> str:
        kind = self.key[0]
        if kind == "numbered":
            _, issuer, type_part, year, number = self.key
            return iris.document(issuer, type_part, int(year) if year else None, number)
        if kind == "named":
            return iris.named_document(self.key[1])
        return iris.named_document(self.key[1], article_id)


def distinct_documents(mentions: Sequence[DocumentMention]) -> list[DistinctDocument]:
    """Group an article's mentions into documents (one per IRI), in order of first mention.

    Numbered mentions group by canonical symbol and identifying year. The IRI's issuer part is
    the issuer code, except for codes that name a kind of body (ĐUB, UBND): there it is the
    issuing body, and without one body the document is scoped to the article.
    """
    groups: dict[tuple[str, ...], list[int]] = {}
    numbered: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(mentions):
        if m.identifier is not None:
            numbered.setdefault((m.identifier, str(m.year or "")), []).append(i)
        elif m.name is not None:
            kind = "scoped" if m.article_scoped else "named"
            groups.setdefault((kind, m.name.lower()), []).append(i)
    for (identifier, year), idx in numbered.items():
        groups.setdefault(_numbered_key(mentions, idx, identifier, year), []).extend(idx)
    out = [DistinctDocument(key, tuple(sorted(idx))) for key, idx in groups.items()]
    out.sort(key=lambda d: d.mentions[0])
    return out


def _numbered_key(mentions: Sequence[DocumentMention], idx: list[int], identifier: str,
                  year: str) -> tuple[str, ...]:
    first = mentions[idx[0]]
    number = first.number or identifier
    issuer = first.issuer_code or "unknown"
    row = issuer_code(issuer.split("-")[0])
    if row is not None and row.relative:
        keys = {ref.key for i in idx for ref in mentions[i].issuers}
        if len(keys) != 1:
            return ("scoped", f"{identifier} {year}".strip().lower())
        issuer = keys.pop()
    type_part = next((mentions[i].type_code for i in idx if mentions[i].type_code), None)
    if type_part is None:
        doc_type = next((mentions[i].doc_type for i in idx if mentions[i].doc_type), None)
        if doc_type is None:
            type_part = "van-ban"
        else:
            codes = document_types()[doc_type].codes
            type_part = codes[0] if codes else doc_type
    return ("numbered", issuer, type_part, year, number)


def document_label(mentions: Sequence[DocumentMention], doc: DistinctDocument) -> str:
    """The Vietnamese label: type word and symbol ("Nghị quyết 57-NQ/TW"), or the name."""
    first = mentions[doc.mentions[0]]
    if first.identifier is None:
        return first.name or ""
    types = {mentions[i].doc_type for i in doc.mentions if mentions[i].doc_type}
    return f"{_label(types.pop())} {first.identifier}" if len(types) == 1 else first.identifier


__all__ = ["DistinctDocument", "distinct_documents", "document_label", "extract"]
