"""Organisations named in an article, and the structure the text states between them.

Three ways a name is found, all on ``article.folded``:

* **curated** bodies of the gazetteer (``mappings/organisations.yaml``) by full name or short form;
* **recognised** names: a head word (``mappings/organisation_heads.yaml``: Bộ, Cục, Đảng ủy …)
  followed by a proper-name part: another organisation ("Đảng bộ Cục X"), a province ("Tỉnh ủy
  Nghệ An"), a level below the province and a unit's name ("Đảng ủy phường X"), a number for
  numbered heads ("Ban Chỉ đạo 35"), or capitalised words. The name runs over capitalised words
  and the connectors and fixed phrases of ``mappings/organisation_words.yaml``; a lower-case
  stretch after a capitalised word is kept only where Vietnamese names have one (the function
  word of a unit: "Vụ Tổ chức cán bộ") and only when punctuation, a connector, a place or a
  capital that starts no other body closes it. A lower-case word after a whole name part (a
  province, a unit's name, a ministry's field after "Sở") ends the name; after any other name
  it makes the end unsure unless it is a stop word, and the name is skipped with the reason.
  A name followed by a quantifier ("Hội Nông dân các tỉnh") means a kind of body: skipped;
* **short forms** resolved in context: a bare head ("Bộ", "Đảng ủy", "Trung tâm") or a head
  with a generic word ("Đảng ủy Khối") means the compatible body named earlier in the article:
  the only one, or else the nearest one when it is in the same paragraph; a place head without
  its place ("Tỉnh ủy", "UBND tỉnh") means the one such body the article names in full, or else
  that body of the one province the article names; otherwise skipped.

Abbreviations inside names (``mappings/abbreviations.yaml``: "MTTQ", "CCB", "TW") are spelled
out in canonical names, so "Hội CCB Việt Nam" and "Hội Cựu chiến binh Việt Nam" are one body.
An office named with its superior ("Thủ tướng Chính phủ") also names that superior.

Names nest: "Ban Thường vụ Đảng ủy Bộ" gives three mentions (the standing board, the ministry's
Party committee, the ministry), each with its span. Structure facts go to ``found.relations``
as :class:`OrganisationRelation` (sub-organisation, Party organisation of a body) and
:class:`OrganisationChange` (mergers, dissolutions, foundings, renamings, transfers).

For consumers (documents, persons, events, figures): :func:`organisation_at` gives the mention
that starts at a folded position, :func:`organisations_within` those inside a folded range.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from itertools import pairwise

from vietgov.extract.dates import find_dates
from vietgov.gazetteer import (
    Body,
    Head,
    Province,
    bodies,
    body_named,
    expand_abbreviations,
    heads,
    match_body,
    match_head,
    match_province,
    match_word,
    name_key,
    name_words,
    provinces,
    words,
)
from vietgov.mappings import load_yaml
from vietgov.model import Article, Extraction, OrganisationMention, Span
from vietgov.rdf.iris import slug
from vietgov.reading.normalize import fold_text

KIND = "organisation"
_TOKEN = re.compile(r"[^\W_]+")
_TAIL_MAX = 3  # lower-case syllables (or fixed phrases) after the capital of a function word
_PLACE_MAX = 4  # capitalised syllables of the name of a unit below the province
_PROVINCIAL = ("province", "city")  # values of ``place`` that take a provincial-level unit


# --------------------------------------------------------------------------------------
#  Records
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationRelation:
    """A structural link the text states between two organisations of the article.

    ``kind`` is ``sub-organisation`` (``child`` is an organ, unit or committee of ``parent``:
    org:subOrganizationOf) or ``party-organisation`` (``child`` is the Party organisation of
    ``parent``: vg:partyOrganizationOf). ``basis`` says how the text states it: ``name``
    ("Đảng bộ Bộ Công Thương"), ``committee`` (Đảng ủy X leads Đảng bộ X, both named),
    ``apposition`` ("Vụ X, Bộ Y"), ``cue`` ("X trực thuộc Y", "Ban X của Y") or ``list``
    (units listed together with one whose superior the text gives: "Văn phòng Bộ, Vụ X").
    ``span`` is the stretch of text that states it.
    """

    kind: str
    child: str
    parent: str
    span: Span
    basis: str


@dataclass(frozen=True)
class OrganisationChange:
    """A change the text reports (W3C ORG ``org:ChangeEvent``).

    ``kind``: merger | dissolution | founding | renaming | transfer. ``original`` and
    ``resulting`` are organisation keys; a transfer moves ``original`` under
    ``transferred_to``. ``date`` is set only when the sentence states exactly one full date.
    """

    kind: str
    original: tuple[str, ...]
    resulting: tuple[str, ...]
    span: Span
    cue: Span
    date: date | None = None
    date_span: Span | None = None
    transferred_to: str | None = None


# --------------------------------------------------------------------------------------
#  Public helpers for other extractors
# --------------------------------------------------------------------------------------


def organisation_at(found: Extraction, fold_start: int) -> OrganisationMention | None:
    """The (longest) organisation mention that starts at folded offset ``fold_start``.

    Mentions carry stored-text spans; a folded offset maps to the stored text through
    ``article.folded_to_text[fold_start]``, which is what this compares with ``span.start``.
    """
    start = found.article.folded_to_text[fold_start]
    hits = [m for m in found.organisations if m.span.start == start]
    return max(hits, key=lambda m: m.span.end) if hits else None


def organisations_within(found: Extraction, fold_start: int,
                         fold_end: int) -> list[OrganisationMention]:
    """The outermost organisation mentions inside the folded range ``[fold_start, fold_end)``."""
    start = found.article.folded_to_text[fold_start]
    end = found.article.folded_to_text[fold_end]
    inside = [m for m in found.organisations if start <= m.span.start and m.span.end <= end]
    return [m for m in inside
            if not any(o is not m and o.span.start <= m.span.start and m.span.end <= o.span.end
                       and (o.span.end - o.span.start) > (m.span.end - m.span.start)
                       for o in inside)]


# --------------------------------------------------------------------------------------
#  Extraction
# --------------------------------------------------------------------------------------


def extract(article: Article, found: Extraction) -> list[OrganisationMention]:
    """Every organisation mention of the article; structure facts go to ``found.relations``."""
    text = _Text(article)
    parser = _Parser(text)
    roots: list[_Node] = []
    i = 0
    while i < len(text.tokens):
        node = parser.parse(i)
        if node is None:
            i += 1
            continue
        if node.uncertain:
            found.skip(KIND, article.span(node.start, node.end), node.uncertain)
            i += 1
            continue
        roots.append(node)
        i = text.index_after(node.end)
    resolver = _Resolver(text, found, roots)
    for root in roots:
        resolver.resolve(root)
    resolver.merge_swapped_names()
    mentions = resolver.mentions()
    relations = _relations(text, resolver, roots)
    changes = _changes(text, resolver, found)
    found.relations.extend(relations)
    found.relations.extend(changes)
    parents = {}
    for rel in relations:
        if rel.kind == "sub-organisation":
            parents.setdefault(rel.child, rel.parent)
    return [replace(m, parent_key=m.parent_key or parents.get(m.key)) for m in mentions]


# --------------------------------------------------------------------------------------
#  Tokens
# --------------------------------------------------------------------------------------


class _Text:
    """The folded text as tokens (runs of letters and digits) with the gaps between them."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.s = article.folded
        self.tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(self.s)]
        self.starts = {start: i for i, (start, _) in enumerate(self.tokens)}
        self.ends = {end: i for i, (_, end) in enumerate(self.tokens)}

    def word(self, i: int) -> str:
        start, end = self.tokens[i]
        return self.s[start:end]

    def is_cap(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.word(i)[0].isupper()

    def is_lower(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.word(i)[0].islower()

    def is_digit(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.word(i).isdigit()

    def gap_before(self, i: int) -> str:
        """Text between token ``i - 1`` and token ``i``."""
        start = self.tokens[i - 1][1] if i > 0 else 0
        return self.s[start:self.tokens[i][0]]

    def plain(self, i: int) -> bool:
        """Token ``i`` exists and only spaces separate it from the token before it."""
        return 0 < i < len(self.tokens) and self.gap_before(i).strip(" ") == "" \
            and self.gap_before(i) != ""

    def index_after(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid][0] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def match(self, i: int, role: str, case_sensitive: bool = False) -> int | None:
        """Index of the token after a word of ``role`` starting at token ``i``, or ``None``."""
        if not 0 <= i < len(self.tokens):
            return None
        end = match_word(self.s, self.tokens[i][0], role, case_sensitive)
        return self.index_after(end) if end is not None else None

    def paragraph(self, pos: int) -> int:
        return self.s.count("\n", 0, pos)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """Folded ``[start, end)`` of the sentence around ``pos`` (split at . ! ? ; and lines)."""
        start = max(self.s.rfind("\n", 0, pos), *(self.s.rfind(p, 0, pos) for p in ".!?;")) + 1
        ends = [e for e in (self.s.find(p, pos) for p in ".!?;\n") if e != -1]
        return start, min(ends) if ends else len(self.s)


# --------------------------------------------------------------------------------------
#  Parsing names
# --------------------------------------------------------------------------------------


@dataclass
class _Node:
    """One organisation name found in the text (folded offsets), before resolution."""

    start: int
    end: int
    body: Body | None = None  # a curated name
    head: Head | None = None  # a recognised name's head word
    words: str | None = None  # its proper-name part, when that is words
    inner: _Node | None = None  # the organisation its name part names
    trailing: _Node | None = None  # a body named right after the words ("Vụ X Bộ Y")
    generic: str | None = None  # "Khối" in "Đảng ủy Khối": a short form
    bare: bool = False  # the head alone: a short form
    province: Province | None = None
    level: str | None = None
    local: bool = False  # a place head without its place ("Tỉnh ủy", "UBND tỉnh"): a short form
    complete: bool = False  # the name part is whole ("phường X"): a lower-case word ends it
    uncertain: str | None = None  # why the right boundary is unsure
    resolved: _Resolved | None = field(default=None, repr=False)

    def children(self) -> list[_Node]:
        return [n for n in (self.inner, self.trailing) if n is not None]


class _Parser:
    """Reads organisation names at token positions (memoised per position)."""

    def __init__(self, text: _Text) -> None:
        self.t = text
        self.memo: dict[int, _Node | None] = {}

    def parse(self, i: int) -> _Node | None:
        """The organisation name that starts at token ``i``: curated or recognised, longest."""
        if i not in self.memo:
            self.memo[i] = None  # guards against re-entry at the same token
            self.memo[i] = self._parse(i)
        return self.memo[i]

    def _parse(self, i: int) -> _Node | None:
        t = self.t
        if not t.is_cap(i):
            return None
        curated = self._curated(i)
        headed = self._headed(i)
        if headed is None:
            return curated
        if curated is None:
            return headed
        # a recognised name wins only where it goes on with capitalised words ("Bộ Công
        # Thương và …" is the ministry followed by a coordination, not a longer name)
        rest = t.s[curated.end:headed.end]
        if headed.end > curated.end and re.match(r" +[^\W\d_]", rest) \
                and (rest.strip()[:1].isupper() or headed.province is not None):
            return headed  # "… Việt Nam tỉnh Bình Dương" is the provincial branch
        return curated

    def _curated(self, i: int) -> _Node | None:
        t = self.t
        hit = match_body(t.s, t.tokens[i][0])
        if hit is None:
            return None
        body, end = hit
        after = t.index_after(end)
        if body.office and t.plain(after) and self._person_at(after):
            return None  # a title before a person's name ("Thủ tướng Chính phủ Phạm …")
        node = _Node(t.tokens[i][0], end, body=body)
        if body.office:
            node.inner = self._parent_inside(body, i, end)
            return node
        head_hit = match_head(t.s, t.tokens[i][0])
        if head_hit and head_hit[0].links == "party":
            j = t.index_after(head_hit[1])
            inner = self.parse(j) if t.plain(j) else None
            if inner is not None and inner.end == end and not inner.uncertain:
                node.inner = inner  # "Đảng ủy Chính phủ" names the Party body of the Government
        return node

    def _parent_inside(self, body: Body, i: int, end: int) -> _Node | None:
        """The superior body named at the end of an office's name ("Thủ tướng Chính phủ")."""
        t = self.t
        k = i + 1
        while k < len(t.tokens) and t.tokens[k][0] < end:
            hit = match_body(t.s, t.tokens[k][0])
            if hit is not None and hit[1] == end and hit[0].id == body.parent:
                return _Node(t.tokens[k][0], end, body=hit[0])
            k += 1
        return None

    def _headed(self, i: int) -> _Node | None:
        t = self.t
        hit = match_head(t.s, t.tokens[i][0])
        if hit is None:
            return None
        head, head_end = hit
        start = t.tokens[i][0]
        j = t.index_after(head_end)
        if t.plain(j):
            node = self._name_part(head, start, j)
            if node is not None:
                return node
        local = self._local_short(head, i, head_end)
        if local is not None:
            return local
        if head.bare and self._bare_boundary(j) and not self._plural_before(i):
            return _Node(start, head_end, head=head, bare=True)
        return None

    def _name_part(self, head: Head, start: int, j: int) -> _Node | None:
        t = self.t
        if head.place in _PROVINCIAL:
            unit = match_province(t.s, t.tokens[j][0])
            return _Node(start, unit[1], head=head, province=unit[0]) if unit else None
        if head.place_levels:
            after_level = t.match(j, "level")
            if after_level is not None and t.plain(after_level):
                level = name_key(t.s[t.tokens[j][0]:t.tokens[after_level - 1][1]])
                unit = match_province(t.s, t.tokens[after_level][0])
                if level in head.place_levels and unit:
                    return _Node(start, unit[1], head=head, province=unit[0], level=level)
        if head.local_levels:
            local_unit = self._local_unit(head, start, j)
            if local_unit is not None:
                return local_unit
        if head.numbered and t.is_digit(j):
            return self._checked(_Node(start, t.tokens[j][1], head=head, words=t.word(j)))
        inner = self.parse(j)
        if inner is not None:
            if inner.uncertain:
                return _Node(start, inner.end, head=head, inner=inner, uncertain=inner.uncertain)
            return _Node(start, inner.end, head=head, inner=inner)
        words_node = self._proper_words(head, start, j)
        after_generic = t.match(j, "generic", case_sensitive=True)
        if after_generic is not None and self._bare_boundary(after_generic) and (
                words_node is None or words_node.uncertain
                or words_node.end <= t.tokens[j][1]):
            return _Node(start, t.tokens[j][1], head=head, generic=t.word(j))
        return words_node

    def _local_short(self, head: Head, i: int, head_end: int) -> _Node | None:
        """A place head written without its place: "Tỉnh ủy", "UBND tỉnh", "Đảng bộ tỉnh".

        The name ends at the head (or its level word) when punctuation, a lower-case word or a
        person's name follows; not before a capitalised word that is no place ("unsure"), not
        after a quantifier ("các Tỉnh ủy"), nor in "Tỉnh ủy viên" (a member's title) or
        "UBND tỉnh, thành phố" (the bodies of every province).
        """
        t = self.t
        j = t.index_after(head_end)
        level: str | None = None
        end = head_end
        if head.place_levels and t.plain(j):
            after = t.match(j, "level")
            if after is None:
                return None
            level = name_key(t.s[t.tokens[j][0]:t.tokens[after - 1][1]])
            if level not in head.place_levels:
                return None
            end, j = t.tokens[after - 1][1], after
        elif not head.place:
            return None
        if self._plural_before(i):
            return None
        if j < len(t.tokens):
            gap = t.gap_before(j)
            if t.plain(j) and t.is_lower(j):
                if t.match(j, "member_suffix") is not None:
                    return None
                connector = t.match(j, "connector")
                if level and connector is not None and t.match(connector, "level") is not None:
                    return None  # "UBND tỉnh và thành phố"
            elif t.plain(j):
                if not self._person_at(j):
                    return None
            elif level and gap.strip() in (",", "/") and "\n" not in gap \
                    and t.match(j, "level") is not None:
                return None  # "UBND tỉnh, thành phố"
        return _Node(t.tokens[i][0], end, head=head, level=level, local=True)

    def _local_unit(self, head: Head, start: int, j: int) -> _Node | None:
        """A head with a level below the province and the unit's name: "Đảng ủy phường X",
        "UBND xã Y", "Đảng bộ huyện Z" (a number names a ward too: "phường 12")."""
        t = self.t
        after = t.match(j, "local_level")
        if after is None or not t.plain(after):
            return None
        level = name_key(t.s[t.tokens[j][0]:t.tokens[after - 1][1]])
        if level not in head.local_levels or match_province(t.s, t.tokens[after][0]):
            return None
        k = after
        if t.is_digit(k):
            k += 1
        else:
            while k < len(t.tokens) and k - after < _PLACE_MAX and t.is_cap(k) and (
                    k == after or (t.plain(k) and match_head(t.s, t.tokens[k][0]) is None
                                   and not self._person_at(k))):
                k += 1
        if k == after:
            return None
        end = t.tokens[k - 1][1]
        return _Node(start, end, head=head, words=_clean(t.s[t.tokens[j][0]:end]), complete=True)

    def _proper_words(self, head: Head, start: int, j: int) -> _Node | None:
        """A proper-name part made of words, from token ``j`` (capitalised)."""
        t = self.t
        if not t.is_cap(j) or self._person_at(j):
            return None
        k = j  # next token to read
        descriptor = True  # the first word of a part may carry a lower-case stretch
        while True:
            name_end = t.match(k, "name", case_sensitive=True)
            k = name_end if name_end is not None \
                else self._component(k, descriptor, k == j and head.ministry_field)
            nxt = self._join(k)
            if nxt is None:
                break
            k, descriptor = nxt
        end = t.tokens[k - 1][1]
        node = _Node(start, end, head=head, words=_clean(t.s[t.tokens[j][0]:end]))
        place_at = k
        connector_end = t.match(k, "connector")
        if t.plain(k) and connector_end is not None and t.plain(connector_end):
            place_at = connector_end  # "Khối các cơ quan tỉnh X"
        level_end = t.match(place_at, "level")
        if t.plain(place_at) and level_end is not None and t.plain(level_end):
            unit = match_province(t.s, t.tokens[level_end][0])
            if unit:  # "Sở Công Thương tỉnh Nghệ An"
                node.end, node.province = unit[1], unit[0]
                node.words = _clean(t.s[t.tokens[j][0]:node.end])
                return self._checked(node)
        node.complete = head.ministry_field and name_key(node.words or "") in _fields()
        if t.plain(k):
            trailing = self.parse(k)
            if trailing is not None and not trailing.uncertain and not trailing.bare \
                    and trailing.generic is None:
                node.trailing, node.end = trailing, trailing.end
                return node
        return self._checked(node)

    def _component(self, k: int, descriptor: bool, field_first: bool = False) -> int:
        """Read one capitalised word at ``k`` and the lower-case syllables that belong to it.

        A head word written with lower-case syllables ("Tỉnh ủy", "Ủy ban nhân dân") is read
        whole and nothing after it. One lower-case syllable is kept when anything but another
        lower-case word follows it (a stop word only after the function word that opens a
        name: "Vụ Pháp chế phối hợp"). A longer stretch (up to :data:`_TAIL_MAX`) is kept only
        after a function word that opens a name or follows a connector, and only when a comma,
        a connector, a level word with its place ("… dự phòng tỉnh Gia Lai"), a curated body
        ("… cán bộ Bộ Y tế") or a capital that starts no head word ("… quốc tế Trần Văn A")
        closes it: at the end of a sentence, or before a head word that names no curated body,
        it may as well be a verb and its object ("… tham gia Ban Chấp hành,"). After a head
        named by a ministry's field (``field_first``: "Sở") it is never read past that field
        ("Sở Tài chính tham gia, …"). Otherwise only as much of it as makes a word of curated
        names ("Trung ương", "Cựu chiến binh") is kept.
        """
        t = self.t
        cap = k
        head_hit = match_head(t.s, t.tokens[k][0])
        if head_hit is not None and head_hit[1] > t.tokens[k][1]:
            return t.index_after(head_hit[1])
        k += 1
        ends: list[int] = []  # token index after each lower-case syllable or phrase taken
        m = k
        while t.is_lower(m) and (t.plain(m) or (ends and self._in_collocation(m))):
            if t.match(m, "stop") is not None or t.match(m, "connector") is not None \
                    or t.match(m, "level") is not None or self._place_at(m):
                break
            coll = t.match(m, "collocation")
            m = coll if coll is not None else m + 1
            ends.append(m)
        if not ends:
            return k
        closure = self._closure(m)
        if descriptor and len(ends) <= _TAIL_MAX and closure == "place":
            return ends[-1]  # "Trung tâm Y tế dự phòng tỉnh Gia Lai"
        if field_first and len(ends) > 1:
            fields = _fields()
            for end in ends[:-1]:
                if name_key(t.s[t.tokens[cap][0]:t.tokens[end - 1][1]]) in fields:
                    return end  # "Sở Tài chính tham gia, …"
        if len(ends) == 1 and (closure in ("punct", "end", "cap", "connector", "place")
                               or (closure == "stop" and descriptor)):
            return ends[0]  # "Điện lực,", "Vụ Pháp chế phối hợp …"
        if descriptor and len(ends) <= _TAIL_MAX and (
                closure in ("punct", "connector")
                or (closure == "cap" and (match_head(t.s, t.tokens[m][0]) is None
                                          or match_body(t.s, t.tokens[m][0]) is not None))):
            return ends[-1]  # "Vụ Tổ chức cán bộ, Bộ Y tế", "Vụ Hợp tác quốc tế Trần Văn A"
        known = name_words()
        for end in reversed(ends):
            if name_key(t.s[t.tokens[cap][0]:t.tokens[end - 1][1]]) in known:
                return end
        return k

    def _in_collocation(self, m: int) -> bool:
        """Token ``m`` follows a comma that sits inside a collocation starting before it."""
        t = self.t
        for back in (1, 2, 3):
            start = m - back
            if start < 0:
                break
            end = t.match(start, "collocation")
            if end is not None and end > m:
                return True
        return False

    def _closure(self, m: int) -> str:
        """What follows a lower-case stretch that ends before token ``m``: ``end`` (the end
        of a sentence or line), ``punct`` (other punctuation), ``cap``, ``place`` (a level word
        and a place: "tỉnh Gia Lai", "huyện Đông Anh"), ``stop``, ``connector`` or ``lower``."""
        t = self.t
        if m >= len(t.tokens):
            return "end"
        if not t.plain(m):
            gap = t.gap_before(m)
            return "end" if "\n" in gap or gap.strip()[:1] in (".", "!", "?", ";") else "punct"
        if t.is_cap(m) or t.is_digit(m):
            return "cap"
        if self._place_at(m):
            return "place"
        if t.match(m, "stop") is not None:
            return "stop"
        if t.match(m, "connector") is not None:
            return "connector"
        return "lower"

    def _connector_join(self, m: int) -> int | None:
        """Token after a connector at ``m`` that goes on with a capital, not a new body."""
        t = self.t
        after = t.match(m, "connector")
        if after is None or not t.plain(m) or not t.plain(after) or not t.is_cap(after):
            return None
        if self._new_body_at(after):
            return None
        return after

    def _new_body_at(self, k: int) -> bool:
        """Token ``k`` starts another body (or a head word, or a person): a name stops there."""
        t = self.t
        return self.parse(k) is not None or self._person_at(k) \
            or match_head(t.s, t.tokens[k][0]) is not None

    def _join(self, k: int) -> tuple[int, bool] | None:
        """Where the name goes on after a part ending before token ``k`` (and whether the
        next part is in descriptor position), or ``None`` when it stops."""
        t = self.t
        if k >= len(t.tokens):
            return None
        if t.plain(k):
            if t.is_cap(k) and self.parse(k) is None and not self._person_at(k) \
                    and t.match(k, "level") is None:
                return k, False
            after = self._connector_join(k)
            return (after, True) if after is not None else None
        if t.gap_before(k).strip() == "," and "\n" not in t.gap_before(k) and t.is_cap(k) \
                and not self._new_body_at(k) and self._enumeration_ahead(k):
            return k, True
        return None

    def _enumeration_ahead(self, k: int) -> bool:
        """From ``k`` on, a "và" + capital closes the list before any other punctuation."""
        t = self.t
        m = k
        while m < len(t.tokens) and (m == k or t.plain(m)):
            if t.is_lower(m) and self._connector_join(m) is not None:
                return True
            m += 1
        return False

    def _checked(self, node: _Node) -> _Node:
        """Mark the node unsure when a lower-case non-stop word follows its end, unless the
        name part is whole (it ends with a province or a unit's name, or it is the field of a
        ministry after a head named so): then the word ends the name ("Sở Nội vụ tỉnh Hà Tĩnh
        điều hành …", "Sở Y tế đánh giá …").
        A quantifier after it ("Hội Nông dân các tỉnh") makes it a kind of body, not one body.
        """
        t = self.t
        k = t.index_after(node.end)
        if k >= len(t.tokens) or not t.plain(k) or not t.is_lower(k) \
                or t.match(k, "connector") is not None:
            return node
        if t.match(k, "plural_after") is not None and node.province is None:
            node.uncertain = f"a kind of body, not one: followed by {t.word(k)!r}"
        elif node.province is not None or (node.complete and t.match(k, "level") is None
                                           and t.match(k, "local_level") is None):
            return node
        elif t.match(k, "stop") is None:
            node.uncertain = f"name boundary unsure: followed by lower-case {t.word(k)!r}"
        return node

    def _bare_boundary(self, k: int) -> bool:
        """A short form may end before token ``k``: punctuation, a stop word or "và" follows."""
        t = self.t
        if k >= len(t.tokens) or not t.plain(k):
            return True
        return t.is_lower(k) and (t.match(k, "stop") is not None
                                  or t.match(k, "connector") is not None)

    def _place_at(self, m: int) -> bool:
        """Token ``m`` is a level word followed by a place: a province after "tỉnh" / "thành
        phố", a capitalised name or a number after a lower level ("huyện Đông Anh")."""
        t = self.t
        after = t.match(m, "level")
        if after is not None and t.plain(after) and match_province(t.s, t.tokens[after][0]):
            return True
        after = t.match(m, "local_level")
        return after is not None and t.plain(after) and (t.is_cap(after) or t.is_digit(after))

    def _plural_before(self, i: int) -> bool:
        """A quantifier (or a number) comes before the head at ``i`` ("các Đảng ủy"), also
        across a list of heads ("các Tỉnh ủy, Thành ủy")."""
        t = self.t
        if i == 0 or not t.plain(i):
            return self._listed_after_plural(i)
        for back in (1, 2):
            k = i - back
            if k >= 0 and t.match(k, "plural") == i:
                return True
        return t.is_digit(i - 1) or self._listed_after_plural(i)

    def _listed_after_plural(self, i: int) -> bool:
        """The head at ``i`` ends a list of heads ("Tỉnh ủy, Thành ủy và …") that opens with a
        quantifier: the plural covers every item."""
        t = self.t
        for p in range(i - 1, max(-1, i - 16), -1):
            gap = t.gap_before(p + 1) if p + 1 < len(t.tokens) else ""
            if "\n" in gap or gap.strip()[:1] in (".", ";", "!", "?", ":"):
                return False
            q = t.match(p, "plural")
            if q is None or not t.plain(q):
                continue
            while q < i:  # items: a head, maybe a level word, then "," or "và"
                hit = match_head(t.s, t.tokens[q][0])
                if hit is None:
                    break
                q = t.index_after(hit[1])
                after_level = t.match(q, "level")
                if after_level is not None and after_level <= i:
                    q = after_level
                connector = t.match(q, "connector")
                if t.gap_before(q).strip() == ",":
                    continue
                if connector is not None and t.plain(q):
                    q = connector
                    continue
                break
            if q == i:
                return True
        return False

    def _person_at(self, k: int) -> bool:
        """A person's name starts at ``k``: a family name and one to three capitalised words."""
        t = self.t
        if t.match(k, "name", case_sensitive=True) is not None:
            return False
        after = t.match(k, "surname", case_sensitive=True)
        if after is None:
            return False
        n = 0
        while n < 3 and t.plain(after + n) and t.is_cap(after + n):
            n += 1
        return n >= 1


def _clean(text: str) -> str:
    text = re.sub(r"\s*,\s*", ", ", text)
    text = re.sub(r"\s*-\s*", " - ", text)
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------------------
#  Resolution: keys, canonical names, short forms
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Resolved:
    key: str
    name: str
    kind: str | None
    in_gazetteer: bool
    province: str | None = None
    short: bool = False


class _Resolver:
    """Gives every node a key and canonical name, in text order (short forms look back;
    a place head without its place looks at the whole article)."""

    def __init__(self, text: _Text, found: Extraction, roots: list[_Node]) -> None:
        self.t = text
        self.found = found
        self.done: list[tuple[_Node, _Resolved]] = []
        self.alias: dict[str, tuple[str, str]] = {}
        self.local_bodies: dict[tuple[str, str | None], set[tuple[str, str]]] = {}
        stack = list(roots)
        while stack:
            node = stack.pop()
            stack.extend(node.children())
            if node.head is not None and node.province is not None and node.words is None:
                self.local_bodies.setdefault((node.head.head, node.level), set()).add(
                    (_local_name(node.head, node.level, node.province), node.province.id))
            elif node.head is not None and node.head.place and node.words is not None \
                    and node.trailing is None and not node.uncertain:
                self.local_bodies.setdefault((node.head.head, None), set()).add(
                    (f"{node.head.head} {node.words}", ""))
        self.provinces = _provinces_named(text)

    def resolve(self, node: _Node) -> _Resolved | None:
        for child in node.children():
            self.resolve(child)
        resolved = self._resolve(node)
        if resolved is None:
            return None
        node.resolved = resolved
        self.done.append((node, resolved))
        return resolved

    def _resolve(self, node: _Node) -> _Resolved | None:
        if node.body is not None:
            return _Resolved(node.body.id, node.body.name, node.body.kind, True)
        head = node.head
        assert head is not None
        if node.province is not None and node.words is None:
            return self._named(_local_name(head, node.level, node.province), head.kind,
                               province=node.province.id)
        if node.local:
            return self._local_short(node, head)
        if node.words is not None:
            name = f"{head.head} {node.words}"
            owner = _kind_in_words(node.words)
            if node.trailing is not None:
                if node.trailing.resolved is None:
                    return self._skip(node, "the body named after it is not known")
                name = f"{name} {node.trailing.resolved.name}"
                owner = node.trailing.resolved.kind or owner
            return self._named(name, _owned_kind(head, owner),
                               province=node.province.id if node.province else None)
        if node.inner is not None:
            inner = node.inner.resolved
            if inner is None:
                return self._skip(node, "the body its name contains is not resolved")
            name = f"{head.head} {inner.name}"
            if head.same_as and name_key(inner.name).startswith(name_key(head.same_as[0]) + " "):
                name = _committee_name(inner.name)
            return self._named(name, _owned_kind(head, inner.kind), short=inner.short)
        return self._short_form(node, head)

    def _local_short(self, node: _Node, head: Head) -> _Resolved | None:
        """"Tỉnh ủy", "UBND tỉnh": the one such body the article names in full, or else that
        body of the one province (or city, as the head or level word says) the article names."""
        written = head.head if node.level is None else f"{head.head} {node.level}"
        named = self.local_bodies.get((head.head, node.level), set())
        if len(named) > 1:
            return self._skip(node, f"short form {written!r} is ambiguous: {sorted(named)}")
        if named:
            name, province = next(iter(named))
            return self._named(name, head.kind, province=province or None, short=True)
        wanted = {"tỉnh": "province", "thành phố": "city"}.get(node.level or "", head.place)
        if wanted not in _PROVINCIAL:
            return self._skip(node, f"short form {written!r}: no such body named in full")
        if len(self.provinces) != 1:
            return self._skip(node, f"short form {written!r}: no single province in the article")
        unit = provinces()[next(iter(self.provinces))]
        if unit.kind != wanted:
            return self._skip(node, f"short form {written!r}: the article's {unit.name} is no "
                                    f"{wanted}")
        return self._named(_local_name(head, node.level, unit), head.kind, province=unit.id,
                           short=True)

    def _named(self, name: str, kind: str | None, province: str | None = None,
               short: bool = False) -> _Resolved:
        name = expand_abbreviations(name)
        body = body_named(name)
        if body is not None:
            return _Resolved(body.id, body.name, body.kind, True, short=short)
        name = _clean(fold_text(name))
        return _Resolved(slug(name), name, kind, False, province, short)

    def _short_form(self, node: _Node, head: Head) -> _Resolved | None:
        """A bare head or "<head> <generic word>": the compatible body named earlier."""
        prefix = head.head if node.generic is None else f"{head.head} {node.generic}"
        wanted = name_key(prefix) + " "
        swaps = _swaps(head)
        options: dict[str, tuple[int, _Resolved]] = {}
        for earlier, res in self.done:
            if earlier.start >= node.start:
                continue
            key = name_key(res.name)
            name: str | None = None
            if key.startswith(wanted) and (head.kind is None or res.kind == head.kind):
                name = res.name
            for other, mine in swaps:
                other_prefix = name_key(other if node.generic is None
                                        else f"{other} {node.generic}") + " "
                if key.startswith(other_prefix):
                    name = f"{mine}{res.name[len(other):]}"
            if head.bare_means and node.generic is None \
                    and key.startswith(name_key(head.bare_means) + " ") and res.kind == "state":
                name = f"{head.head} {res.name}"
            if name is not None:
                result = self._named(name, head.kind, short=True)
                options[result.key] = (earlier.start, result)
        if not options:
            return self._skip(node, f"short form {prefix!r}: no compatible body named before it")
        if len(options) == 1:
            return next(iter(options.values()))[1]
        nearest_start, nearest = max(options.values(), key=lambda o: o[0])
        if self.t.paragraph(nearest_start) == self.t.paragraph(node.start):
            return nearest
        names = sorted(r.name for _, r in options.values())
        return self._skip(node, f"short form {prefix!r} is ambiguous: {names}")

    def _skip(self, node: _Node, reason: str) -> None:
        self.found.skip(KIND, self.t.article.span(node.start, node.end), reason)
        return None

    def merge_swapped_names(self) -> None:
        """Two recognised names of one article that differ only in the order of words around
        "và" ("Công nghiệp và Thương mại" / "Thương mại và Công nghiệp") are one body."""
        first: dict[tuple[str, ...], _Resolved] = {}
        for _, res in self.done:
            if res.in_gazetteer or " và " not in res.name:
                continue
            signature = tuple(sorted(name_key(res.name).split()))
            kept = first.setdefault(signature, res)
            if kept.key != res.key:
                self.alias[res.key] = (kept.key, kept.name)

    def final(self, res: _Resolved) -> _Resolved:
        if res.key in self.alias:
            key, name = self.alias[res.key]
            return replace(res, key=key, name=name)
        return res

    def mentions(self) -> list[OrganisationMention]:
        out = []
        for node, res in self.done:
            res = self.final(res)
            parent = node.body.parent if node.body is not None else None
            out.append(OrganisationMention(
                span=self.t.article.span(node.start, node.end), key=res.key, name=res.name,
                kind=res.kind, in_gazetteer=res.in_gazetteer, parent_key=parent,
                province=res.province, short_form=res.short or node.bare
                or node.generic is not None))
        out.sort(key=lambda m: (m.span.start, -m.span.end))
        return out

    def resolved_of(self, node: _Node | None) -> _Resolved | None:
        if node is None or node.resolved is None:
            return None
        return self.final(node.resolved)


def _local_name(head: Head, level: str | None, unit: Province) -> str:
    """ "Ủy ban nhân dân tỉnh Gia Lai", "Tỉnh ủy Gia Lai"."""
    return " ".join(p for p in (head.head, level, unit.name) if p)


def _provinces_named(text: _Text) -> set[str]:
    """Ids of the provincial-level units whose names the article writes (capitalised)."""
    found: set[str] = set()
    for i, (start, _) in enumerate(text.tokens):
        if text.is_cap(i):
            hit = match_province(text.s, start)
            if hit is not None:
                found.add(hit[0].id)
    return found


def _committee_name(party_organisation: str) -> str:
    """The committee that leads a Party organisation, by the head its name begins with:
    "Đảng bộ tỉnh X" → "Tỉnh ủy X", "Đảng bộ Y" → "Đảng ủy Y"."""
    key = name_key(party_organisation)
    for led, committee in sorted(_committee_pairs(), key=lambda p: -len(p[0])):
        if key.startswith(name_key(led) + " "):
            return f"{committee}{party_organisation[len(led):]}"
    return party_organisation


def _kind_in_words(text: str) -> str | None:
    """The kind of the last head word with a kind that names a body inside a name part: at
    its end or before a capital ("Trung ương Hội"; not "Hội" in "Hội nghị")."""
    kind = None
    for m in _TOKEN.finditer(text):
        if m.group()[0].isupper():
            hit = match_head(text, m.start())
            rest = text[hit[1]:].strip() if hit is not None else ""
            if hit is not None and hit[0].kind is not None and (
                    not rest or rest[0].isupper() or match_word(rest, 0, "level") is not None
                    or match_word(rest, 0, "local_level") is not None):
                kind = hit[0].kind
    return kind


def _owned_kind(head: Head, owner: str | None) -> str | None:
    """An organ takes the kind of the body it belongs to; a unit head without a kind too."""
    if owner is not None and (head.organ or (head.kind is None and head.links == "sub")):
        return owner
    return head.kind


@cache
def _fields() -> frozenset[str]:
    """The proper parts of curated State bodies' names after their head word ("Tài chính" of
    Bộ Tài chính, "Dân tộc" of Ủy ban Dân tộc): after a head named by them ("Sở Tài chính")
    such a name part is whole."""
    out = set()
    for body in bodies().values():
        hit = match_head(body.name, 0)
        if hit is not None and body.kind == "state" and body.name[hit[1]:].strip():
            out.add(name_key(body.name[hit[1]:]))
    return frozenset(out)


def _swaps(head: Head) -> list[tuple[str, str]]:
    """(other head, this head) pairs: a committee and the organisation it leads name each
    other ("Đảng ủy X" ↔ "Đảng bộ X")."""
    out = []
    if head.committee_of:
        out.append((head.committee_of, head.head))
    out.extend((h.head, head.head) for h in heads() if h.committee_of == head.head)
    return out


# --------------------------------------------------------------------------------------
#  Structure the text states
# --------------------------------------------------------------------------------------


def _relations(text: _Text, res: _Resolver, roots: list[_Node]) -> list[OrganisationRelation]:
    art = text.article
    out: list[OrganisationRelation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(kind: str, child: _Resolved, parent: _Resolved, start: int, end: int,
            basis: str) -> None:
        if child.key == parent.key or (kind, child.key, parent.key) in seen:
            return
        seen.add((kind, child.key, parent.key))
        out.append(OrganisationRelation(kind, child.key, parent.key, art.span(start, end), basis))

    # 1. names that contain another body
    for node, _ in res.done:
        outer = res.resolved_of(node)
        if outer is None:
            continue
        link = node.head.links if node.head is not None else None
        inner = res.resolved_of(node.inner)
        if node.body is not None and inner is not None:
            link = None if node.body.office else "party"
        if inner is not None and link in ("party", "sub") and not _same_as_applied(node):
            kind = "party-organisation" if link == "party" else "sub-organisation"
            add(kind, outer, inner, node.start, node.end, "name")
        trailing = res.resolved_of(node.trailing)
        if trailing is not None:
            add("sub-organisation", outer, trailing, node.start, node.end, "name")
    # 2. a committee and the organisation it leads, both named
    by_name = {name_key(r.name): (n, res.final(r)) for n, r in res.done}
    for node, r in res.done:
        for other, mine in _committee_pairs():
            key = name_key(r.name)
            if key.startswith(name_key(mine) + " "):
                led = by_name.get(name_key(other) + key[len(name_key(mine)):])
                if led is not None:
                    add("sub-organisation", res.final(r), led[1], node.start, node.end,
                        "committee")
    # 3. apposition, cues, and departments named with their ministry
    outer_nodes = sorted((n for n in roots if n.resolved is not None), key=lambda n: n.start)
    for a, b in pairwise(outer_nodes):
        ra, rb = res.resolved_of(a), res.resolved_of(b)
        if ra is None or rb is None:
            continue
        gap = text.s[a.end:b.start]
        if _is_unit(a) and gap.strip() == "," and "\n" not in gap and _can_lead(b) \
                and not _listed_after(text, b, outer_nodes):
            add("sub-organisation", ra, rb, a.start, b.end, "apposition")
        cue = gap.strip()
        if " " + cue + " " == gap and cue:
            role = _cue_role(cue)
            if role == "under" or (role == "of" and _is_unit(a)):
                add("sub-organisation", ra, rb, a.start, b.end, "cue")
    _list_siblings(text, res, outer_nodes, add, out)
    return out


def _same_as_applied(node: _Node) -> bool:
    head = node.head
    inner = node.inner.resolved if node.inner is not None else None
    return bool(head and head.same_as and inner
                and name_key(inner.name).startswith(name_key(head.same_as[0]) + " "))


@cache
def _committee_pairs() -> tuple[tuple[str, str], ...]:
    """(organisation head, committee head): ("Đảng bộ", "Đảng ủy"), ("Đảng bộ tỉnh", "Tỉnh ủy")."""
    return tuple((h.committee_of, h.head) for h in heads() if h.committee_of)


def _is_unit(node: _Node) -> bool:
    """A recognised organ or unit that can belong to a body (Vụ, Cục, Ban …)."""
    return node.body is None and node.head is not None and (
        node.head.department or node.head.links == "sub") and node.trailing is None


def _can_lead(node: _Node) -> bool:
    """A body that units belong to: curated, or a recognised body that is not itself a unit."""
    if node.body is not None:
        return not node.body.office
    return node.head is not None and not node.head.department and node.head.links != "sub"


def _listed_after(text: _Text, node: _Node, nodes: list[_Node]) -> bool:
    """The body is followed by ", <body>" or " và <body>": it is one item of a list."""
    for other in nodes:
        if other.start > node.end:
            gap = text.s[node.end:other.start].strip()
            return gap in (",", "và")
    return False


def _cue_role(cue: str) -> str | None:
    for role in ("under", "of"):
        if name_key(cue) in {name_key(w) for w in words(role)}:
            return role
    return None


def _list_siblings(text: _Text, res: _Resolver, nodes: list[_Node],
                   add: Callable[[str, _Resolved, _Resolved, int, int, str], None],
                   out: list[OrganisationRelation]) -> None:
    """Units listed together ("Văn phòng Bộ, Vụ X và Vụ Y") share the superior the text gives
    one of them, when the list gives exactly one superior."""
    groups: list[list[_Node]] = []
    for node in nodes:
        gap = text.s[groups[-1][-1].end:node.start] if groups else ""
        if groups and _is_unit(node) and _is_unit(groups[-1][-1]) and "\n" not in gap \
                and re.fullmatch(r"\s*,\s*|\s*(?:,\s*)?và\s+", gap):
            groups[-1].append(node)
        else:
            groups.append([node])
    for group in groups:
        if len(group) < 2:
            continue
        keys = {r.key for n in group if (r := res.resolved_of(n)) is not None}
        parents = {rel.parent for rel in out if rel.child in keys
                   and rel.kind == "sub-organisation"}
        if len(parents) != 1:
            continue
        parent_key = next(iter(parents))
        parent = next((r for _, r in res.done if res.final(r).key == parent_key), None)
        if parent is None:
            continue
        for node in group:
            child = res.resolved_of(node)
            if child is not None and not any(rel.child == child.key for rel in out):
                add("sub-organisation", child, res.final(parent), group[0].start,
                    group[-1].end, "list")


# --------------------------------------------------------------------------------------
#  Reported changes (mergers, dissolutions, foundings, renamings, transfers)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    cue: str
    kind: str
    into: tuple[str, ...]


@cache
def _cues() -> tuple[_Cue, ...]:
    rows = load_yaml("organisation_changes.yaml")
    cues = [_Cue(fold_text(r["cue"]), r["kind"], tuple(fold_text(x) for x in r.get("into") or ()))
            for r in rows]
    return tuple(sorted(cues, key=lambda c: len(c.cue), reverse=True))


def _changes(text: _Text, res: _Resolver, found: Extraction) -> list[OrganisationChange]:
    art = text.article
    outer = sorted(((n, res.resolved_of(n)) for n, _ in res.done), key=lambda x: x[0].start)
    tops = [(n, r) for n, r in outer if r is not None
            and not any(o is not n and o.start <= n.start and n.end <= o.end for o, _ in outer)]
    starts = {n.start: (n, r) for n, r in tops}
    ends = {n.end: (n, r) for n, r in tops}
    out: list[OrganisationChange] = []
    for cue in _cues():
        for m in re.finditer(r"(?<!\w)" + re.escape(cue.cue) + r"(?!\w)", text.s):
            if any(c.cue.start <= art.folded_to_text[m.start()] < c.cue.end for c in out):
                continue
            change = _change_at(text, cue, m.start(), m.end(), starts, ends)
            if change is not None:
                out.append(change)
    first: dict[tuple[object, ...], OrganisationChange] = {}
    for change in sorted(out, key=lambda c: (c.date is None, c.span.start)):
        first.setdefault((change.kind, change.original, change.resulting,
                          change.transferred_to), change)
    return sorted(first.values(), key=lambda c: c.span.start)


def _change_at(text: _Text, cue: _Cue, c_start: int, c_end: int,
               starts: dict[int, tuple[_Node, _Resolved]],
               ends: dict[int, tuple[_Node, _Resolved]]) -> OrganisationChange | None:
    s = text.s
    after = _bodies_from(s, c_end, starts)  # "hợp nhất A và B …", "giải thể A"
    if after[0]:
        subjects, pos = after
    elif _clause_ends(s, c_end, cue):  # "A và B hợp nhất thành C", "A bị giải thể."
        subjects, pos = _bodies_before(s, c_start, ends)[0], c_end
    else:  # "A giải thể 05 tổ chức": A is the actor, not what changed
        return None
    if not subjects:
        return None
    target: tuple[_Node, _Resolved] | None = None
    for word in cue.into:
        m = re.compile(r"\s+" + re.escape(word) + r"\s+").match(s, pos)
        if m and m.end() in starts:
            target = starts[m.end()]
            break
    if cue.into and cue.kind in ("renaming", "transfer") and target is None:
        return None
    nodes = [n for n, _ in subjects] + ([target[0]] if target else [])
    start = min(c_start, *(n.start for n in nodes))
    end = max(c_end, *(n.end for n in nodes))
    keys = tuple(r.key for _, r in subjects)
    art = text.article
    original: tuple[str, ...] = ()
    resulting: tuple[str, ...] = ()
    moved_to = None
    if cue.kind == "founding":
        resulting = keys
    elif cue.kind == "dissolution":
        original = keys
    elif cue.kind == "transfer":
        original, moved_to = keys, target[1].key if target else None
    else:
        original = keys
        resulting = (target[1].key,) if target else ()
    when, when_span = _sentence_date(text, c_start)
    return OrganisationChange(cue.kind, original, resulting, art.span(start, end),
                              art.span(c_start, c_end), when, when_span, moved_to)


def _clause_ends(s: str, pos: int, cue: _Cue) -> bool:
    """After the cue comes punctuation, the end of the line, or the word that introduces the
    resulting body: the bodies before the cue are what changed."""
    rest = s[pos:pos + 40]
    if re.match(r"\s*(?:[.,;:!?)]|\n|$)", rest):
        return True
    return any(re.match(r"\s+" + re.escape(word) + r"(?!\w)", rest) for word in cue.into)


def _bodies_from(s: str, pos: int,
                 starts: dict[int, tuple[_Node, _Resolved]]) -> tuple[list, int]:
    """Bodies right after ``pos``: "A", "A và B", "A, B và C"; and where the list ends."""
    found = []
    m = re.compile(r"\s+").match(s, pos)
    while m and m.end() in starts:
        node, r = starts[m.end()]
        found.append((node, r))
        pos = node.end
        m = re.compile(r"(?:\s*,\s*|\s+và\s+)").match(s, pos)
    return found, pos


def _bodies_before(s: str, pos: int,
                   ends: dict[int, tuple[_Node, _Resolved]]) -> tuple[list, int]:
    """Bodies right before ``pos`` ("A và B hợp nhất"), in text order."""
    found = []
    m = re.search(r"\s+(?:đã\s+|được\s+|bị\s+)?$", s[:pos])
    end = m.start() if m else pos
    while end in ends:
        node, r = ends[end]
        found.insert(0, (node, r))
        m = re.search(r"(?:\s*,\s*|\s+và\s+)$", s[:node.start])
        if not m:
            break
        end = m.start()
    return found, pos


def _sentence_date(text: _Text, pos: int) -> tuple[date | None, Span | None]:
    """The one full date stated in the sentence around ``pos``, if exactly one."""
    s_start, s_end = text.sentence_bounds(pos)
    hits = [d for d in find_dates(text.s[s_start:s_end]) if d.value is not None]
    if len(hits) != 1:
        return None, None
    hit = hits[0]
    return hit.value, text.article.span(s_start + hit.start, s_start + hit.end)
