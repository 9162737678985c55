"""Persons named in an article and the posts the article gives them.

A *personal name* is 2–4 capitalised syllables starting with a known family name
(``mappings/person_name_parts.yaml``). A name only becomes a person when the text gives a cue:

* a chain of titles right before it: "Bí thư Đảng ủy, Bộ trưởng Bộ Công Thương Nguyễn Văn A";
* a form of address right before it: "đồng chí Nguyễn Văn A", "ông …", "bà …";
* a chain of titles in apposition after it: "Nguyễn Văn A - Phó Vụ trưởng Vụ …, Ban …",
  "Nguyễn Văn A, Bí thư Đảng ủy Khối …".

A name without a listed family name (names of Central Highlands peoples: "Siu H'Nin", "Y Ngông
Niê Kdăm") is read only right after a strong cue: a form of address ("đồng chí", "ông", "bà"),
or a title when the name opens with a listed lead word or holds an apostrophe; it may not hold a
family name further on, a place, a body or a head word ("Thủ tướng Campuchia Hun Manet" gives no
person).

Once a name is a person, its other occurrences in the article are mentions of the same person.
Names inside the byline, inside organisation mentions, and in doctrine terms, places, buildings,
awards and addresses (``mappings/not_persons.yaml``) are never persons.

A title (``mappings/titles.yaml``) takes the organisation named right after it: an
:class:`~vietgov.model.OrganisationMention` found by the organisation extractor if one starts
there, else a curated body (:func:`vietgov.gazetteer.match_body`), else the words after an
organisation head word ("Vụ Tổ chức cán bộ"). A body written after a comma ("Vụ trưởng Vụ Tổ chức
cán bộ, Bộ Công Thương") is the superior body. A short title with no body ("Bộ trưởng Nguyễn Văn A")
takes the body of an earlier full mention of the same person with the same title; otherwise the
body stays empty. Special cases of the body:

* a title whose last words open the body's name ("Chánh Thanh tra Bộ Y tế") is in that unit
  (Thanh tra Bộ Y tế), which belongs to the body written after those words (Bộ Y tế);
* "Bộ trưởng Tài chính": a ministry written by its field alone (``domain_head``);
* "Tỉnh ủy viên": the committee is named inside the title (``committee_forms``);
* "Trung ương Hội": the central committee of the one association the article names;
* a body of the province written without the province ("Tỉnh ủy", "UBND tỉnh") is that body of
  the one province the article's organisations belong to, when the article names it in full;
  else it stays unidentified;
* a title is never a body: "Ủy viên Bộ Chính trị, Thủ tướng Chính phủ" holds two posts.

A post conferred right after the person's phrase ("…, giữ chức Giám đốc Sở Nội vụ"; "được bầu
làm …"; ``conferral`` in ``mappings/titles.yaml``) is a role of the person, reported as held
(``conferred``); words of a proposal or an end between them ("giới thiệu để … cử giữ chức",
"thôi giữ chức") block it.

Matching runs on ``article.folded``; every span comes from ``article.span``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from vietgov.gazetteer import (
    Province,
    bodies,
    body_named,
    heads,
    match_body,
    match_head,
    match_province,
    name_key,
    provinces,
    words,
)
from vietgov.mappings import load_yaml
from vietgov.model import Article, Extraction, OrganisationMention, Span
from vietgov.rdf.iris import slug
from vietgov.reading.normalize import fold_text

# ---------------------------------------------------------------- reference data


@dataclass(frozen=True)
class Title:
    """A title of office (or an honorific) from ``mappings/titles.yaml``."""

    id: str
    kind: str  # post | honorific
    vi: str
    en: str
    source: str
    forms: tuple[str, ...] = ()
    implied_org: str | None = None
    standalone: bool = False
    org_tail: str | None = None
    domain_head: str | None = None  # "Bộ": "Bộ trưởng Tài chính" is the minister of Bộ Tài chính
    committee_forms: tuple[str, ...] = ()  # lower case: "tỉnh ủy viên" names its committee

    @property
    def is_post(self) -> bool:
        return self.kind == "post"


@dataclass(frozen=True)
class _Lexicon:
    titles: dict[str, Title]  # lower-cased folded form → title
    title_re: re.Pattern[str]
    modifiers: dict[str, bool]  # word → the holder still holds the post
    modifier_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]
    org_head_re: re.Pattern[str]
    org_joiners: frozenset[str]
    joiner_re: re.Pattern[str]
    term_word_re: re.Pattern[str]
    phrase_end_re: re.Pattern[str]
    family: frozenset[str]
    address_re: re.Pattern[str]
    not_person_terms: tuple[str, ...]  # folded, lower case
    not_person_term_re: re.Pattern[str]
    not_person_before: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, what stands before)
    minority_leads: tuple[str, ...]  # folded, lower case: "siu", "rơ châm", "h'"
    central_of: tuple[tuple[re.Pattern[str], str], ...]  # ("Trung ương Hội", head "Hội")
    conferral_re: re.Pattern[str]
    conferral_block_re: re.Pattern[str]
    levels: frozenset[str]  # province-level words: "tỉnh", "thành phố"
    provincial_levels: frozenset[str]  # level words only ever followed by a province: "tỉnh"
    place_heads: tuple[str, ...]  # heads that take a province directly: "tỉnh ủy", "thành ủy"


def _alternation(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole-word alternation of folded phrases, longest first; a phrase's inner spaces match one
    or more spaces."""
    forms = sorted({fold_text(w) for w in words}, key=len, reverse=True)
    parts = [r"\s+".join(map(re.escape, f.split())) for f in forms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags)


@cache
def titles() -> dict[str, Title]:
    """Every title and honorific by id."""
    out: dict[str, Title] = {}
    for row in load_yaml("titles.yaml"):
        if row["kind"] not in ("post", "honorific"):
            continue
        title = Title(
            id=row["id"], kind=row["kind"], vi=fold_text(row["vi"]), en=row["en"],
            source=row["source"], forms=tuple(fold_text(f) for f in row.get("forms") or ()),
            implied_org=row.get("implied_org"), standalone=bool(row.get("standalone")),
            org_tail=fold_text(row["org_tail"]) if row.get("org_tail") else None,
            domain_head=fold_text(row["domain_head"]) if row.get("domain_head") else None,
            committee_forms=tuple(fold_text(f).lower() for f in row.get("committee_forms") or ()),
        )
        if title.id in out:
            raise ValueError(f"titles.yaml: duplicate id {title.id}")
        if title.implied_org and title.implied_org not in bodies():
            raise ValueError(f"titles.yaml: {title.id} implies unknown body {title.implied_org}")
        out[title.id] = title
    return out


@cache
def _lexicon() -> _Lexicon:
    rows = load_yaml("titles.yaml")

    def of_kind(kind: str) -> list[dict]:
        return [r for r in rows if r["kind"] == kind]

    by_form: dict[str, Title] = {}
    for title in titles().values():
        for form in (title.vi, *title.forms, *title.committee_forms):
            key = form.lower()
            if by_form.get(key, title) is not title:
                raise ValueError(f"titles.yaml: form {form!r} is given to two titles")
            by_form[key] = title
    phrase_ends = [w for r in of_kind("phrase-end") for w in r["words"]]
    names = load_yaml("person_name_parts.yaml")
    terms_rows = load_yaml("not_persons.yaml")
    terms = tuple(fold_text(r["term"]).lower() for r in terms_rows if r.get("term"))
    return _Lexicon(
        titles=by_form,
        title_re=_title_pattern(by_form),
        modifiers={fold_text(r["vi"]).lower(): bool(r["holds"]) for r in of_kind("modifier")},
        modifier_re=_alternation(r["vi"] for r in of_kind("modifier")),
        # Lower-case words: a capitalised one ("Theo dõi", "Thường trực") belongs to a name.
        qualifier_re=_alternation((r["vi"] for r in of_kind("qualifier")), flags=0),
        # Body names are written with a capital: the head word is matched case-sensitively.
        # The head words are the organisation extractor's (mappings/organisation_heads.yaml).
        org_head_re=_alternation((f for h in heads() for f in h.forms), flags=0),
        org_joiners=frozenset(fold_text(r["vi"]) for r in of_kind("org-joiner")),
        joiner_re=_alternation(r["vi"] for r in of_kind("joiner")),
        term_word_re=_alternation((r["vi"] for r in of_kind("term-word")), flags=0),
        phrase_end_re=_alternation(phrase_ends, flags=0),
        family=frozenset(fold_text(r["name"]) for r in names if r["part"] == "family"),
        address_re=_alternation(r["name"] for r in names if r["part"] == "address"),
        not_person_terms=terms,
        not_person_term_re=_alternation(terms),
        not_person_before=tuple(
            (r["kind"], re.compile(r"(?<!\w)(?:" + r["before"] + ")"))
            for r in terms_rows if r.get("before")
        ),
        minority_leads=tuple(sorted((fold_text(r["name"]).lower() for r in names
                                     if r["part"] == "minority-lead"), key=len, reverse=True)),
        central_of=tuple(
            (re.compile(r"\s+".join(map(re.escape, fold_text(r["vi"]).split())) + r"(?!\w)"),
             fold_text(r["head"])) for r in of_kind("central-of")),
        # Lower case: "giữ chức Vụ trưởng" is not "giữ chức vụ" + "trưởng".
        conferral_re=_alternation((w for r in of_kind("conferral") for w in r["words"]),
                                  flags=0),
        conferral_block_re=_alternation(w for r in of_kind("conferral-block")
                                        for w in r["words"]),
        levels=frozenset(w.lower() for w in words("level")),
        provincial_levels=frozenset(fold_text(r["vi"]).lower() for r in of_kind("province-level")),
        place_heads=tuple(f.lower() for h in heads() if h.place for f in h.forms),
    )


def _title_pattern(by_form: dict[str, Title]) -> re.Pattern[str]:
    """Titles match case-insensitively; forms ending in a dot ("TS.") need no word end."""
    parts = []
    for form in sorted(by_form, key=len, reverse=True):
        body = r"\s+".join(map(re.escape, form.split()))
        parts.append(body if form.endswith(".") else body + r"(?!\w)")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class RoleMention:
    """One title a person is given, with the body it belongs to.

    ``span`` is the role phrase as written: title, body and qualifier ("Phó Bí thư Đảng ủy
    chuyên trách"); ``phrase`` is the whole mention it occurs in, name included, which is what
    justifies that the person holds it. ``organisation_source`` says where the body came from:
    ``stated`` (written after the title), ``earlier`` (an earlier full mention of the same person
    with the same title), ``title`` (implied by the title: Tổng Bí thư → the Party) or ``None``.
    ``organisation_key`` is set only when the body is identified (organisation extractor,
    gazetteer, or a name qualified by a curated body); a bare head word ("Đảng ủy") keeps only its
    name. ``parent_*`` is the superior body written after a comma (or, for "Trung ương Hội", the
    association). ``unit_of_*`` is the body a unit named by the title's last words belongs to
    ("Chánh Thanh tra Bộ Y tế": Bộ Y tế). ``conferred`` marks a post given by the reported act
    ("…, giữ chức …"); it is reported as held.
    """

    span: Span
    title_id: str
    title_text: str
    phrase: Span
    organisation_key: str | None = None
    organisation_name: str | None = None
    organisation_span: Span | None = None
    organisation_source: str | None = None
    parent_key: str | None = None
    parent_name: str | None = None
    parent_span: Span | None = None
    qualifier: str | None = None
    holds: bool = True  # False for "nguyên …" (former) and "cố …" (late)
    unit_of_key: str | None = None
    unit_of_name: str | None = None
    conferred: bool = False

    @property
    def main_key(self) -> str | None:
        """The top body of this role: the superior body when one is written, else its own."""
        return self.parent_key if self.parent_name else self.organisation_key

    @property
    def main_name(self) -> str | None:
        return self.parent_name or self.organisation_name


@dataclass(frozen=True)
class PersonMention:
    """One naming of a person: ``span`` is the name, ``phrase`` the name with its titles."""

    span: Span
    name: str  # folded
    phrase: Span
    cue: str  # title | address | apposition | repeat
    roles: tuple[RoleMention, ...] = ()


@dataclass(frozen=True)
class Person:
    """A distinct person of one article: every mention of the same full name.

    ``span`` is the first mention's name. ``roles`` are the distinct posts over all mentions, in
    text order (a short title whose body was taken from an earlier mention is merged into it).
    ``organisation_key``/``organisation_name`` is the main body that identifies the person (see
    :func:`main_organisation`); the key is ``None`` when that body is not identified.
    """

    span: Span
    name: str
    mentions: tuple[PersonMention, ...]
    roles: tuple[RoleMention, ...]
    organisation_key: str | None
    organisation_name: str | None


# ---------------------------------------------------------------- extraction


def extract(article: Article, found: Extraction) -> list[Person]:
    """The persons of one article, each with its mentions and posts."""
    reader = _Reader(article, found)
    mentions = reader.mentions()
    return _group(mentions, found)


@dataclass(frozen=True)
class _Org:
    start: int  # folded offsets
    end: int
    key: str | None
    name: str
    bare: bool = False  # only a head word ("Đảng ủy"): an unresolved short form


@dataclass
class _Role:
    title: Title
    title_start: int
    title_end: int
    holds: bool = True
    org: _Org | None = None
    org_source: str | None = None
    parent: _Org | None = None
    qualifier: tuple[int, int] | None = None
    unit_of: _Org | None = None
    conferred: bool = False

    @property
    def end(self) -> int:
        if self.qualifier is not None:
            return self.qualifier[1]
        return self.org.end if self.org and self.org_source == "stated" else self.title_end


@dataclass
class _Chain:
    start: int
    end: int
    roles: list[_Role] = field(default_factory=list)


_WORD = re.compile(r"\w+")
_SEGMENT_END = re.compile(r"[^\w\s]|\n")  # punctuation or a line end closes a comma segment
_APPOSITION = re.compile(r" ?(?:-|,|\() ?")  # "Tên - chức danh", "Tên, chức danh", "Tên (…)"
_TERM_VALUE = re.compile(r"\s+(?:[IVXLC]+|\d{1,2}|\d{4}\s*-\s*\d{4})(?!\w)")  # XIII, 2020 - 2025
_MAX_ORG_WORDS = 16
_MAX_COMMA_SEGMENT = 6
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]*)*")  # a syllable, apostrophes inside: "H'Nin"
_MAX_LOOSE_WORDS = 5  # "Y Ngông Niê Kdăm"
_MAX_CONFERRAL_GAP = 10  # words between the person's phrase and "và giữ chức …"


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


def _spelled_out(name: str) -> str:
    """A body's name with its head words in their canonical form ("UBND tỉnh" → "Ủy ban nhân
    dân tỉnh"), for comparing a short form with the names the article writes in full."""
    out, pos = [], 0
    for word in re.finditer(r"\w+", name):
        if word.start() < pos:
            continue
        hit = match_head(name, word.start())
        if hit is not None:
            out += [name[pos:word.start()], hit[0].head]
            pos = hit[1]
    return "".join([*out, name[pos:]])


def _is_name_token(token: str) -> bool:
    """A capitalised syllable, each part after an apostrophe too ("H'Nin", "K'Bôt", "H'")."""
    first, *rest = token.split("'")
    return bool(first) and _is_capitalised(first) and all(not p or _is_capitalised(p)
                                                          for p in rest)


class _Reader:
    """Finds person mentions in one article's folded text."""

    def __init__(self, article: Article, found: Extraction) -> None:
        self.article = article
        self.found = found
        self.text = article.folded
        self.lex = _lexicon()
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(self.text)]
        self.starts = [start for start, _ in self.words]
        self.word_at = {start: i for i, start in enumerate(self.starts)}
        to_folded: dict[int, int] = {}
        for i, offset in enumerate(article.folded_to_text):
            to_folded.setdefault(offset, i)
        self.org_mentions: dict[int, list[tuple[int, OrganisationMention]]] = {}
        for mention in found.organisations:
            start = to_folded.get(mention.span.start)
            end = to_folded.get(mention.span.end)
            if start is not None and end is not None:
                self.org_mentions.setdefault(start, []).append((end, mention))
        self.org_ranges = [(s, e) for s, ms in self.org_mentions.items() for e, _ in ms]
        self.blocked = [(m.start(), m.end())
                        for m in self.lex.not_person_term_re.finditer(self.text)]
        author = article.author
        self.byline = (to_folded.get(author.start), to_folded.get(author.end)) if author else None
        places = {m.province for m in found.organisations if m.province}
        self.province: Province | None = (provinces().get(places.pop()) if len(places) == 1
                                          else None)
        self.loose_names: set[str] = set()

    # ---- words and names

    def words_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The words lying entirely in the folded range ``[start, end)``."""
        out = []
        for i in range(bisect_left(self.starts, start), len(self.words)):
            if self.words[i][1] > end:
                break
            out.append(self.words[i])
        return out

    def word(self, pos: int) -> str | None:
        i = self.word_at.get(pos)
        return self.text[pos:self.words[i][1]] if i is not None else None

    def next_word_start(self, pos: int) -> int | None:
        """Start of the word after exactly one space at ``pos``."""
        if self.text.startswith(" ", pos) and pos + 1 in self.word_at:
            return pos + 1
        return None

    def name_at(self, pos: int) -> int | None:
        """End of the personal name starting at ``pos``, or None.

        2–4 capitalised words, single-spaced, the first a family name, not continued by another
        capitalised word (a run of five is not a name), not starting with a place or other
        not-person term, and cut before a title.
        """
        first = self.word(pos)
        if not first or first not in self.lex.family:
            return None
        end = pos + len(first)
        count = 1
        while (nxt := self.next_word_start(end)) is not None:
            word = self.word(nxt)
            assert word is not None
            if not _is_capitalised(word):
                break
            if count >= 2 and self.lex.title_re.match(self.text, nxt):
                break
            end = nxt + len(word)
            count += 1
            if count > 4:
                return None
        if count < 2:
            return None
        lowered = self.text[pos:end].lower()
        if any(lowered.startswith(term) for term in self.lex.not_person_terms):
            return None
        return end

    def loose_name_at(self, pos: int, lead_only: bool) -> int | None:
        """End of a name without a listed family name starting at ``pos``, or None.

        2–5 capitalised syllables (apostrophes inside), single-spaced, not continued by another
        capitalised word, cut before a title. None of its words may open a name with a family
        name, a place, a body or a head word, or be a form of address. With ``lead_only`` (after
        a title) it must open with a listed lead word ("Siu", "Y", "H'…") or hold an apostrophe.
        """
        if self.word(pos) in self.lex.family:
            return None  # a listed family name: the ordinary rule decides ("Nguyễn Văn …")
        tokens: list[tuple[int, int]] = []
        cur = pos
        while (m := _TOKEN.match(self.text, cur)) and _is_name_token(m.group()):
            if tokens and self.lex.title_re.match(self.text, cur):
                break
            tokens.append((m.start(), m.end()))
            if len(tokens) > _MAX_LOOSE_WORDS:
                return None
            if self.text[m.end():m.end() + 1] != " ":
                break
            cur = m.end() + 1
        if not 2 <= len(tokens) <= _MAX_LOOSE_WORDS:
            return None
        end = tokens[-1][1]
        if self.text[end:end + 1].isalnum():
            return None
        lowered = self.text[pos:end].lower()
        if any(lowered.startswith(term) for term in self.lex.not_person_terms):
            return None
        for i, (start, _) in enumerate(tokens):
            if (i and self.name_at(start) is not None) or self._names_a_place_or_body(start):
                return None
        if lead_only and "'" not in lowered and not any(
                lowered.startswith(lead) and (lead.endswith("'") or not lowered[len(lead):][:1]
                                              .isalpha()) for lead in self.lex.minority_leads):
            return None
        return end

    def _names_a_place_or_body(self, pos: int) -> bool:
        return bool(match_province(self.text, pos) or match_body(self.text, pos)
                    or self.lex.org_head_re.match(self.text, pos)
                    or self.lex.address_re.match(self.text, pos))

    def not_a_person(self, name_start: int, name_end: int,
                     phrase_start: int | None = None) -> str | None:
        """Why a name at this place is not a person, or None.

        ``phrase_start`` is where the titles before a name begin: a province-level word inside
        them ("Chủ tịch UBND tỉnh Trần Văn A") belongs to the body, not to a place named by the
        name, unless the name is a province."""
        if self.byline and self.byline[0] is not None and self.byline[1] is not None \
                and self.byline[0] <= name_start and name_end <= self.byline[1]:
            return "name in the byline: an author, not an office holder"
        if any(s <= name_start and name_end <= e for s, e in self.blocked):
            return "name inside a doctrine, place or organisation term"
        if any(s <= name_start < e or s < name_end <= e for s, e in self.org_ranges):
            return "name inside an organisation mention"
        offset = max(0, name_start - 40)
        before = self.text[offset:name_start]
        for kind, pattern in self.lex.not_person_before:
            m = pattern.search(before)
            if m is None:
                continue
            if kind == "place" and phrase_start is not None and phrase_start < offset + m.start() \
                    and " ".join(m.group().split()).lower() in self.lex.levels \
                    and match_province(self.text, name_start) is None:
                continue  # "UBND tỉnh" without the province: a short form of the body
            return "name after a doctrine, place, building, award or address word"
        return None

    # ---- organisations

    def org_at(self, pos: int) -> _Org | None:
        """The body named at ``pos``: organisation mention, curated body, or head word + words.

        A title is never a body ("Thủ tướng Chính phủ" after a comma is the next post)."""
        if self.lex.title_re.match(self.text, pos):
            return None
        mentions = self.org_mentions.get(pos)
        if mentions:
            end, mention = max(mentions, key=lambda m: m[0])
            if not self._swallows_name(pos, end):
                return _Org(pos, end, mention.key, mention.name)
        if not self.text[pos:pos + 1].isupper():
            return None
        if self.name_at(pos) is not None or self.lex.title_re.match(self.text, pos):
            return None
        body = match_body(self.text, pos)
        if body:
            return _Org(pos, body[1], body[0].id, body[0].name)
        head = self.lex.org_head_re.match(self.text, pos)
        if not head:
            return None
        end, count, curated = self._continue_name(head.end())
        name = self.text[pos:end]
        key = slug(name) if curated else None
        return self.in_province(_Org(pos, end, key, name, bare=count == 0))

    def in_province(self, org: _Org) -> _Org:
        """A body of the province written without the province ("Tỉnh ủy", "UBND tỉnh"): the body
        of the article's one province that the article names in full (or the gazetteer knows)."""
        lowered = org.name.lower()
        short = any(lowered.endswith(" " + level) for level in self.lex.levels) or any(
            lowered == head or lowered.endswith(" " + head) for head in self.lex.place_heads)
        if org.key is not None or not short or self.province is None:
            return org
        full = _spelled_out(f"{org.name} {self.province.name}")
        for mention in self.found.organisations:
            if name_key(_spelled_out(mention.name)) == name_key(full):
                return _Org(org.start, org.end, mention.key, mention.name)
        body = body_named(full)
        return _Org(org.start, org.end, body.id, body.name) if body else org

    def _swallows_name(self, start: int, end: int) -> bool:
        return any(self.name_at(s) is not None for s, _ in self.words_within(start + 1, end))

    def _stops_name(self, pos: int) -> bool:
        """A word at ``pos`` that cannot continue a body's name."""
        return bool(self.name_at(pos) is not None
                    or self.lex.title_re.match(self.text, pos)
                    or self.lex.phrase_end_re.match(self.text, pos)
                    or self.lex.qualifier_re.match(self.text, pos)
                    or self.lex.term_word_re.match(self.text, pos)
                    or self.lex.joiner_re.match(self.text, pos)
                    or self.title_after_modifier(pos) is not None)

    def _continue_name(self, pos: int) -> tuple[int, int, bool]:
        """Extend a body's name after its head word.

        Returns the end, the number of words after the head and whether a curated body's name is
        part of it (then the name identifies the body: "Đảng ủy Bộ Công Thương").
        """
        end, words, curated = pos, 0, False
        while words < _MAX_ORG_WORDS:
            nxt = self.next_word_start(end)
            if nxt is None:
                if words and self.text.startswith(", ", end) and self._comma_continues(end + 2):
                    end, words = self._comma_segment_end(end + 2), words + 1
                    continue
                break
            if self._stops_name(nxt):
                break
            province = match_province(self.text, nxt)
            if province is not None and self._after_level_or_place_head(nxt):
                end, words = province[1], words + 1
                break  # "… tỉnh Gia Lai": the province ends the body's name
            if province is None and self._after_level_or_place_head(nxt, provincial_only=True):
                break  # "UBND tỉnh Y Kông Mlô": "tỉnh" names no province here, a name follows
            body = match_body(self.text, nxt)
            if body:
                end, words, curated = body[1], words + 1, True
                continue
            word = self.word(nxt)
            assert word is not None
            if word in self.lex.org_joiners:
                after = self.next_word_start(nxt + len(word))
                if after is None or not self._joins(after):
                    break
            end, words = nxt + len(word), words + 1
        return end, words, curated

    def _after_level_or_place_head(self, pos: int, provincial_only: bool = False) -> bool:
        """A level word ("tỉnh") or a head that takes a province ("Tỉnh ủy") ends before ``pos``;
        with ``provincial_only``, only those never followed by anything but a province ("tỉnh",
        not "thành phố", which also opens the names of cities under a province)."""
        before = self.text[max(0, pos - 20):pos].lower().rstrip()
        words_before = self.lex.provincial_levels if provincial_only else (
            *self.lex.levels, *self.lex.place_heads)
        return any(before == w or before.endswith(" " + w) for w in words_before)

    def _joins(self, pos: int) -> bool:
        """After "và": another capitalised field of the same name, not a new title or body."""
        word = self.word(pos)
        return bool(word and word[0].isupper() and not self._stops_name(pos)
                    and not self.lex.org_head_re.match(self.text, pos)
                    and not match_body(self.text, pos))

    def _comma_segment(self, pos: int) -> list[tuple[int, int]]:
        m = _SEGMENT_END.search(self.text, pos)
        return self.words_within(pos, m.start() if m else len(self.text))

    def _comma_segment_end(self, pos: int) -> int:
        return self._comma_segment(pos)[-1][1]

    def _comma_continues(self, pos: int) -> bool:
        """After a comma inside a body's name: more of the same name ("Vụ Theo dõi phòng, chống
        tham nhũng, tiêu cực"), not a new title, body, person or clause."""
        segment = self._comma_segment(pos)
        if not segment or segment[0][0] != pos or len(segment) > _MAX_COMMA_SEGMENT:
            return False
        if self.lex.org_head_re.match(self.text, pos) or match_body(self.text, pos):
            return False
        return not any(self._stops_name(s) for s, _ in segment)

    # ---- titles and chains

    def title_after_modifier(self, pos: int) -> tuple[bool, int] | None:
        """``(holds, title start)`` when a modifier at ``pos`` is followed by a title."""
        m = self.lex.modifier_re.match(self.text, pos)
        if not m:
            return None
        nxt = self.next_word_start(m.end())
        if nxt is None or not self.lex.title_re.match(self.text, nxt):
            return None
        return self.lex.modifiers[m.group().lower()], nxt

    def chain_at(self, pos: int) -> _Chain | None:
        """Titles from ``pos`` joined by commas or "kiêm": "Giáo sư, Tiến sĩ, Tổng Bí thư",
        "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Ủy ban nhân dân tỉnh"."""
        chain = _Chain(pos, pos)
        cursor = pos
        while True:
            holds = True
            modified = self.title_after_modifier(cursor)
            if modified:
                holds, cursor = modified
            m = self.lex.title_re.match(self.text, cursor)
            if not m:
                break
            title = self.lex.titles[re.sub(r"\s+", " ", m.group()).lower()]
            end = m.end()
            if title.is_post:
                role = self._role(title, cursor, end, holds)
                chain.roles.append(role)
                end = role.end
                if role.parent:
                    end = role.parent.end
                end = self._skip_term(end)
            chain.end = end
            nxt = self._next_title(end)
            if nxt is None:
                break
            cursor = nxt
        return chain if chain.end > pos else None

    def _skip_term(self, end: int) -> int:
        """Skip "khóa XIII" / "nhiệm kỳ 2020 - 2025" written after a body."""
        nxt = self.next_word_start(end)
        if nxt is None:
            return end
        m = self.lex.term_word_re.match(self.text, nxt)
        if not m:
            return end
        term = _TERM_VALUE.match(self.text, m.end())
        return term.end() if term else end

    def _next_title(self, end: int) -> int | None:
        """Start of the next title of the chain after ``end`` (", " or " kiêm "), or None."""
        for sep in (re.compile(r", "), re.compile(r" ")):
            m = sep.match(self.text, end)
            if not m:
                continue
            pos = m.end()
            if sep.pattern == " ":
                joiner = self.lex.joiner_re.match(self.text, pos)
                if not joiner or not self.text.startswith(" ", joiner.end()):
                    continue
                pos = joiner.end() + 1
            if self.lex.title_re.match(self.text, pos) or self.title_after_modifier(pos):
                return pos
        return None

    def _role(self, title: Title, start: int, end: int, holds: bool) -> _Role:
        role = _Role(title, start, end, holds)
        if " ".join(self.text[start:end].split()).lower() in title.committee_forms:
            # "Tỉnh ủy viên": a member of the committee the title names
            committee = " ".join(self.text[start:end].split()[:-1])
            role.org = self.in_province(_Org(start, start + len(committee), None, committee,
                                             bare=True))
            role.org_source = "title"
            return role
        nxt = self.next_word_start(end)
        org = self._tail_org(title, start, end, role) if title.org_tail else None
        if org is None and nxt is not None:
            org = self.org_at(nxt) or self._domain_org(title, nxt) or self._central_of(nxt, role)
        if org is not None:
            role.org, role.org_source = org, "stated"
            after = org.end
        else:
            after = end
            if title.implied_org:
                body = bodies()[title.implied_org]
                role.org, role.org_source = _Org(start, end, body.id, body.name), "title"
        qualifier = self.lex.qualifier_re.match(self.text, after + 1) \
            if self.text.startswith(" ", after) else None
        if qualifier:
            role.qualifier = (qualifier.start(), qualifier.end())
            after = qualifier.end()
        if role.org_source == "stated" and role.parent is None and not role.org.bare \
                and self.text.startswith(", ", after):
            parent = self.org_at(after + 2)
            if parent is not None and not parent.bare:
                role.parent = parent
        return role

    def _tail_org(self, title: Title, start: int, end: int, role: _Role) -> _Org | None:
        """"Chánh Thanh tra Bộ Y tế", "Trưởng Ban Tổ chức Trung ương": the title's last words open
        the name of the unit the post is in; the body named after them is the unit's body."""
        assert title.org_tail is not None
        tail_start = end - len(title.org_tail)
        if self.text[tail_start:end].lower() != title.org_tail.lower() \
                or not self.text[tail_start].isupper():
            return None
        nxt = self.next_word_start(end)
        unit = None
        mentions = self.org_mentions.get(tail_start)
        if mentions:
            mention_end, mention = max(mentions, key=lambda m: m[0])
            if mention_end > end and not self._swallows_name(tail_start, mention_end):
                unit = _Org(tail_start, mention_end, mention.key, mention.name)
        if unit is None and (body := match_body(self.text, tail_start)) and body[1] > end:
            unit = _Org(tail_start, body[1], body[0].id, body[0].name)
        if unit is None:
            org_end, count, curated = self._continue_name(end)
            if not count:
                return None
            name = self.text[tail_start:org_end]
            unit = self.in_province(_Org(tail_start, org_end, slug(name) if curated else None,
                                         name))
        owner = self.org_at(nxt) if nxt is not None else None
        if owner is not None and owner.end <= unit.end and not owner.bare:
            role.unit_of = owner
        return unit

    def _domain_org(self, title: Title, pos: int) -> _Org | None:
        """"Bộ trưởng Tài chính": a body whose name is the title's head word and these words."""
        if title.domain_head is None or not self.text[pos:pos + 1].isupper():
            return None
        head = title.domain_head + " "
        hit = match_body(head + self.text[pos:pos + 120], 0)
        if hit is None or not hit[0].name.startswith(head) or hit[1] <= len(head):
            return None
        return _Org(pos, pos + hit[1] - len(head), hit[0].id, hit[0].name)

    def _central_of(self, pos: int, role: _Role) -> _Org | None:
        """"Phó Chủ tịch Trung ương Hội": the central committee of the association the article
        names ("Hội Cựu chiến binh Việt Nam", written right after or as the one association
        named in the article); the association is the committee's superior body."""
        for pattern, head in self.lex.central_of:
            m = pattern.match(self.text, pos)
            if m is None:
                continue
            head_start = m.end() - len(head)
            mentions = self.org_mentions.get(head_start)
            if mentions:
                assoc_end, mention = max(mentions, key=lambda x: x[0])
                association = _Org(head_start, assoc_end, mention.key, mention.name)
            elif (nxt := self.next_word_start(m.end())) is not None \
                    and self.text[nxt].isupper():
                return None  # the association's own name follows but is not recognised
            else:
                association = self._one_association(head, head_start, m.end())
            if association is None or association.key is None:
                self.found.skip("post", self.article.span(pos, m.end()),
                                "association of the central committee not named in the article")
                return _Org(pos, m.end(), None, " ".join(self.text[pos:m.end()].split()),
                            bare=True)
            name = f"{' '.join(self.text[pos:head_start].split())} {association.name}"
            role.parent = association
            return _Org(pos, association.end, slug(name), name)
        return None

    def _one_association(self, head: str, start: int, end: int) -> _Org | None:
        """The one body of the article whose name is ``head`` and a proper name ("Hội Nông dân
        Việt Nam"); a shorter name that another one continues ("Hội Cựu chiến binh") is the
        same body."""
        named = {m.key: m for m in self.found.organisations if m.name.startswith(head + " ")
                 and m.name[len(head) + 1:][:1].isupper()}  # not "Hội đồng …", "Đoàn đại biểu …"
        names = {key: name_key(m.name) for key, m in named.items()}
        longest = [key for key, name in names.items()
                   if not any(other.startswith(name + " ") for other in names.values())]
        if len(longest) != 1:
            return None
        mention = named[longest[0]]
        return _Org(start, end, mention.key, mention.name)

    # ---- mentions

    def mentions(self) -> list[PersonMention]:
        out: list[PersonMention] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in taken)

        # 1. chains of titles before a name
        for m in self.lex.title_re.finditer(self.text):
            start = self._modifier_start(m.start())
            if not free(start, m.end()):
                continue
            chain = self.chain_at(start)  # honorifics alone ("Tiến sĩ …") are a cue too
            if chain is None:
                continue
            name_start = self.next_word_start(chain.end)
            if name_start is None:
                continue
            name_end = self.name_at(name_start)
            if name_end is None and chain.roles:  # a title, not an honorific alone
                name_end = self.loose_name_at(name_start, lead_only=True)
            if name_end is None:
                continue
            found = self._mention(chain.start, name_start, name_end, chain.roles, "title")
            if found:
                out.append(found.mention)
                taken.append((found.phrase_start, found.phrase_end))
        # 2. names after a form of address or followed by titles in apposition
        for start, _ in self.words:
            if not free(start, start + 1):
                continue
            end = self.name_at(start)
            if end is None and self._strong_address(start):
                end = self.loose_name_at(start, lead_only=False)
            if end is None or not free(start, end):
                continue
            addressed = self._addressed_or_apposed(start, end)
            if addressed:
                out.append(addressed.mention)
                taken.append((addressed.phrase_start, addressed.phrase_end))
        # 3. other occurrences of the full names found
        names = {m.name for m in out}
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", self.text):
                here = (self.loose_name_at(m.start(), lead_only=False) if name in self.loose_names
                        else self.name_at(m.start()))
                if not free(m.start(), m.end()) or here != m.end():
                    continue
                if self._run_starts_before(m.start()):
                    continue
                reason = self.not_a_person(m.start(), m.end())
                if reason:
                    continue
                span = self.article.span(m.start(), m.end())
                out.append(PersonMention(span, name, span, "repeat"))
                taken.append((m.start(), m.end()))
        return sorted(out, key=lambda p: p.span.start)

    def _modifier_start(self, title_start: int) -> int:
        """Start of "nguyên"/"cố"/"quyền" right before a title, else the title's start."""
        before = self.text[max(0, title_start - 12):title_start]
        for m in self.lex.modifier_re.finditer(before):
            if m.end() == len(before) - 1 and before.endswith(" "):
                return title_start - len(before) + m.start()
        return title_start

    def _run_starts_before(self, pos: int) -> bool:
        """The capitalised run holding a name starts earlier (and not just at a sentence start)."""
        if pos < 2 or self.text[pos - 1] != " ":
            return False
        i = bisect_left(self.starts, pos) - 1
        if i < 0 or self.words[i][1] != pos - 1:
            return False
        prev = self.words[i]
        if not _is_capitalised(self.text[prev[0]:prev[1]]):
            return False
        head = self.text[:prev[0]].rstrip(" ")
        return not (head == "" or head.endswith(("\n", ".", ":", "!", "?", '"', "(")))

    def _address(self, start: int) -> re.Match[str] | None:
        """A form of address ("đồng chí", "ông", "bà") right before ``start``."""
        before = self.text[max(0, start - 12):start]
        return next((m for m in self.lex.address_re.finditer(before)
                     if m.end() == len(before) - 1 and before.endswith(" ")), None)

    def _strong_address(self, start: int) -> bool:
        """A form of address right before ``start``, in lower case or opening a sentence (a
        capitalised "Bà" inside a sentence is a place: "tỉnh Bà Rịa")."""
        address = self._address(start)
        if address is None:
            return False
        if address.group()[0].islower():
            return True
        head = self.text[:max(0, start - 12) + address.start()].rstrip(" ")
        return head == "" or head.endswith(("\n", ".", ":", "!", "?", '"', "("))

    def _addressed_or_apposed(self, start: int, end: int) -> _Found | None:
        before = self.text[max(0, start - 12):start]
        address = self._address(start)
        loose = self.name_at(start) is None
        if loose and not self._strong_address(start):
            return None
        if address is None and self._run_starts_before(start):
            return None
        chain = None
        apposition = _APPOSITION.match(self.text, end)
        if apposition:
            chain = self.chain_at(apposition.end())
            if chain is not None and not chain.roles:
                chain = None
        if address is None and chain is None:
            return None
        phrase_start = start - len(before) + address.start() if address else start
        phrase_end = chain.end if chain else end
        roles = chain.roles if chain else []
        return self._mention(phrase_start, start, end, roles,
                             "apposition" if chain else "address", phrase_end, loose)

    def _mention(self, phrase_start: int, start: int, end: int, roles: list[_Role], cue: str,
                 phrase_end: int | None = None, loose: bool = False) -> _Found | None:
        """The mention of a name with its titles (and a post conferred right after them)."""
        reason = self.not_a_person(start, end, phrase_start if cue == "title" else None)
        if reason:
            self.found.skip("person", self.article.span(start, end), reason)
            return None
        if loose or self.name_at(start) is None:
            self.loose_names.add(self.text[start:end])
        phrase_end = end if phrase_end is None else phrase_end
        phrase = self.article.span(phrase_start, phrase_end)
        role_mentions = [self._role_mention(r, phrase) for r in roles]
        conferred = self._conferred(phrase_end)
        if conferred is not None:
            phrase_end = conferred.end
            phrase = self.article.span(phrase_start, phrase_end)
            role_mentions += [self._role_mention(r, phrase) for r in conferred.roles]
        name = self.text[start:end]
        mention = PersonMention(self.article.span(start, end), name, phrase, cue,
                                tuple(role_mentions))
        return _Found(mention, phrase_start, phrase_end)

    def _conferred(self, pos: int) -> _Chain | None:
        """A post conferred on the person whose phrase ends at ``pos``: ", giữ chức <titles>",
        " được bầu làm <titles>", or after a coordinated predicate of the same act ("… tham gia
        Ban Chấp hành và giữ chức …"); not after words of a proposal or an end."""
        cue = self.lex.conferral_re.search(self.text, pos, min(len(self.text), pos + 200))
        if cue is None or not self._conferral_gap(pos, cue.start()):
            return None
        if not self.text.startswith(" ", cue.end()):
            return None
        chain = self.chain_at(cue.end() + 1)
        if chain is None or not any(r.title.is_post for r in chain.roles):
            return None
        for role in chain.roles:
            role.conferred = True
        return chain

    def _conferral_gap(self, start: int, end: int) -> bool:
        gap = self.text[start:end]
        if gap.strip() in ("", ","):
            return True
        words_between = gap.split()
        return (len(words_between) <= _MAX_CONFERRAL_GAP
                and words_between[-1] in self.lex.org_joiners
                and not re.search(r"[.;:!?()\n\"]", gap)
                and not self.lex.conferral_block_re.search(gap)
                and not any(self.name_at(s) is not None or self._address(s) is not None
                            for s, _ in self.words_within(start, end)))

    def _role_mention(self, role: _Role, phrase: Span) -> RoleMention:
        org, parent = role.org, role.parent
        return RoleMention(
            span=self.article.span(role.title_start, role.end),
            title_id=role.title.id,
            title_text=self.article.span(role.title_start, role.title_end).text,
            phrase=phrase,
            organisation_key=org.key if org else None,
            organisation_name=org.name if org else None,
            organisation_span=self.article.span(org.start, org.end)
            if org and role.org_source == "stated" else None,
            organisation_source=role.org_source,
            parent_key=parent.key if parent else None,
            parent_name=parent.name if parent else None,
            parent_span=self.article.span(parent.start, parent.end) if parent else None,
            qualifier=self.text[role.qualifier[0]:role.qualifier[1]] if role.qualifier else None,
            holds=role.holds,
            unit_of_key=role.unit_of.key if role.unit_of else None,
            unit_of_name=role.unit_of.name if role.unit_of else None,
            conferred=role.conferred,
        )


@dataclass(frozen=True)
class _Found:
    mention: PersonMention
    phrase_start: int
    phrase_end: int


# ---------------------------------------------------------------- grouping


def _group(mentions: list[PersonMention], found: Extraction) -> list[Person]:
    """One :class:`Person` per distinct full name, with short roles resolved and deduplicated."""
    by_name: dict[str, list[PersonMention]] = {}
    for mention in mentions:
        by_name.setdefault(mention.name, []).append(mention)
    persons = []
    for name, group in by_name.items():
        if all(m.cue == "repeat" for m in group):
            continue
        group = _resolve_short_roles(group)
        roles = _distinct_roles(group)
        key, org_name = main_organisation(group, roles)
        for role in roles:
            if not role.holds:
                found.skip("post", role.span, "former holder (nguyên/cố): no holding published")
            elif role.organisation_key is None and not titles()[role.title_id].standalone:
                found.skip("post", role.span,
                           "organisation of the post not identified; no post or holding published")
        persons.append(Person(group[0].span, name, tuple(group), roles, key, org_name))
    return sorted(persons, key=lambda p: p.span.start)


def _resolve_short_roles(group: list[PersonMention]) -> list[PersonMention]:
    """A title with no body takes the body of an earlier role of the same person and title."""
    seen: dict[str, RoleMention] = {}
    out = []
    for mention in group:
        roles = []
        for role in mention.roles:
            earlier = seen.get(role.title_id)
            if role.organisation_name is None and earlier is not None:
                role = replace(role, organisation_key=earlier.organisation_key,
                               organisation_name=earlier.organisation_name,
                               organisation_span=earlier.organisation_span,
                               organisation_source="earlier",
                               parent_key=earlier.parent_key, parent_name=earlier.parent_name,
                               parent_span=earlier.parent_span)
            elif role.organisation_name is not None and role.title_id not in seen:
                seen[role.title_id] = role
            roles.append(role)
        out.append(replace(mention, roles=tuple(roles)))
    return out


def _distinct_roles(group: list[PersonMention]) -> tuple[RoleMention, ...]:
    """Distinct (title, body, holds) in text order, keeping the first (fullest) mention of each.

    A role with no body, or with an unresolved short body ("Bí thư Đảng ủy"), is dropped when
    the same person has the same title with an identified body that the short one abbreviates
    ("Bí thư Đảng ủy Bộ Công Thương").
    """
    out: dict[tuple, RoleMention] = {}
    for mention in group:
        for role in mention.roles:
            key = (role.title_id, role.organisation_key or (role.organisation_name or "").lower(),
                   role.holds)
            if key not in out:
                out[key] = role
    roles = list(out.values())
    with_body = {r.title_id for r in roles if r.organisation_name}
    keyed = [(r.title_id, r.holds, (r.organisation_name or "").lower())
             for r in roles if r.organisation_key]

    def covered(role: RoleMention) -> bool:
        if role.organisation_name is None:
            return role.title_id in with_body
        short = role.organisation_name.lower()
        return role.organisation_key is None and any(
            (t, h) == (role.title_id, role.holds) and name.startswith(short)
            for t, h, name in keyed)

    return tuple(r for r in roles if not covered(r))


def main_organisation(group: list[PersonMention],
                      roles: tuple[RoleMention, ...]) -> tuple[str | None, str | None]:
    """The body that identifies a person: in the mention with most titles, the last title with a
    named body (not a bare head word), taken at the top of its chain (the superior body when one
    is written). Vietnamese news lists Party posts first and the post of the person's own body
    last ("Bí thư Đảng ủy, Bộ trưởng Bộ …"). Held posts come before former ones. A unit named by
    the title ("Chủ nhiệm Ủy ban Kiểm tra Đảng ủy X") gives way to its body when another post of
    the same mention is in that body ("Phó Bí thư Đảng ủy, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy X":
    Đảng ủy X)."""
    richest = max(group, key=lambda m: len(m.roles))
    ordered = [r for r in richest.roles] + [r for r in roles if r not in richest.roles]
    for holds in (True, False):
        named = [r for r in ordered if r.holds == holds and r.main_name and _named(r)]
        if named:
            role = next((r for r in reversed(named) if r in richest.roles), named[-1])
            if role.unit_of_name and not role.parent_name and any(
                    _in_body(other, role.unit_of_key, role.unit_of_name)
                    for other in richest.roles if other is not role):
                return role.unit_of_key, role.unit_of_name
            return role.main_key, role.main_name
    return None, None


def _in_body(role: RoleMention, key: str | None, name: str) -> bool:
    """The role is in that body, or in a short form of its name ("Đảng ủy" of "Đảng ủy X")."""
    if role.organisation_key is not None:
        return role.organisation_key == key
    short = (role.organisation_name or "").lower()
    return bool(short) and (name.lower() == short or name.lower().startswith(short + " "))


def _named(role: RoleMention) -> bool:
    """A role whose body is more than a bare head word ("Đảng ủy")."""
    if role.parent_name or role.organisation_key:
        return True
    name = role.organisation_name or ""
    lex = _lexicon()
    return lex.org_head_re.fullmatch(name) is None and not any(
        pattern.fullmatch(name) for pattern, _ in lex.central_of)
