"""Typed records shared by every stage of the pipeline.

An :class:`Article` is read from disk; extractors turn it into *mentions* (one record per
thing the text names, each with the exact :class:`Span` it came from); the RDF mappers
turn mentions into :class:`Statement` objects, one per fact, each carrying its span.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of an article: code-point offsets into the text as stored, and its words."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")


@dataclass(frozen=True)
class Article:
    """One news article as read from the corpus.

    ``text`` is the file's content as stored (decoded UTF-8, byte-order mark removed);
    every offset in the pipeline points into it. ``folded`` is the same text normalised
    for matching (see :mod:`vietgov.reading.normalize`) with one entry of
    ``folded_to_text`` per folded code point (plus one past the end) mapping back.
    """

    id: str
    path: Path
    text: str
    folded: str
    folded_to_text: tuple[int, ...]
    title: Span | None = None
    author: Span | None = None
    outlet: Span | None = None
    published: date | None = None
    published_span: Span | None = None  # the dateline that states ``published``
    warnings: tuple[str, ...] = ()

    def span(self, folded_start: int, folded_end: int) -> Span:
        """The span of the stored text behind ``folded[folded_start:folded_end]``."""
        start = self.folded_to_text[folded_start]
        end = self.folded_to_text[folded_end]
        return Span(start, end, self.text[start:end])

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset into ``text``."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class OrgRef:
    """A reference to an organisation: a gazetteer id (or a minted key) and where it was named."""

    key: str
    span: Span | None = None


@dataclass(frozen=True)
class DocumentRelation:
    """A relation the text states from one document mention to another (by mention index)."""

    kind: str  # implements | guides | amends | replaces | summarises | cites
    target: int  # index into the article's document mentions
    cue: Span


@dataclass(frozen=True)
class DocumentMention:
    """One citation of an official document in an article.

    Numbered documents have ``identifier`` (canonical symbol, e.g. ``57-NQ/TW`` or
    ``96/2022/NĐ-CP``) and its parts; named ones (Điều lệ Đảng, Luật Điện lực) have ``name``.
    ``year`` identifies the document (from the symbol, the stated date, or — for an undated
    mention — the one dated mention of the same symbol in the article); ``date`` and
    ``date_span`` are set only where this mention states the date.
    """

    span: Span  # type word through number, date and "của <issuer>" when contiguous
    doc_type: str | None  # concept id from mappings/document_types.yaml, e.g. "nghi-quyet"
    system: str | None = None  # "party" | "state"
    identifier: str | None = None
    surface_identifier: Span | None = None
    number: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    year: int | None = None
    date: date | None = None
    date_span: Span | None = None
    issuers: tuple[OrgRef, ...] = ()
    title: Span | None = None
    name: str | None = None  # canonical name of an unnumbered document
    relations: tuple[DocumentRelation, ...] = ()
    type_word: Span | None = None  # the type word as written ("Nghị quyết", "kết luận")
    article_scoped: bool = False  # named document whose identity is incomplete (no term …)
    term: str | None = None  # Party term stated with the citation, Roman numeral ("XIII")
    plenum: int | None = None  # plenum number of a Central Committee resolution ("Trung ương 4")


@dataclass(frozen=True)
class OrganisationMention:
    """One naming of an organisation in an article.

    ``key`` identifies the entity: a gazetteer id when the body is curated, otherwise the
    slug of its canonical full name. ``name`` is that canonical full name (folded text), so a
    short form such as "Đảng ủy Bộ" carries the full name of the body it was resolved to.
    """

    span: Span
    key: str
    name: str
    kind: str | None = None  # party | state | mass | enterprise | public-service
    in_gazetteer: bool = False
    parent_key: str | None = None  # superior body as the text (or the gazetteer) states it
    province: str | None = None  # id in mappings/provinces.yaml of a local body's province
    short_form: bool = False  # the span is a short form ("Đảng ủy Bộ") resolved in context


@dataclass
class Extraction:
    """Everything found in one article, plus what the rules declined to assert.

    Each extractor fills its own list; later extractors may read earlier lists
    (order: organisations, documents, persons, events, figures).
    """

    article: Article
    organisations: list[OrganisationMention] = field(default_factory=list)
    documents: list[DocumentMention] = field(default_factory=list)
    persons: list[Any] = field(default_factory=list)  # vietgov.extract.persons records
    events: list[Any] = field(default_factory=list)  # vietgov.extract.events records
    figures: list[Any] = field(default_factory=list)  # vietgov.extract.figures records
    relations: list[Any] = field(default_factory=list)  # org structure/changes (organisations)
    skipped: list[str] = field(default_factory=list)  # unsure facts left out, with the reason

    def skip(self, kind: str, span: Span | None, reason: str) -> None:
        """Record a fact a rule was unsure of; it is counted in the build summary."""
        where = f" at {span.start}-{span.end} {span.text[:60]!r}" if span else ""
        self.skipped.append(f"{kind}{where}: {reason}")


@dataclass(frozen=True)
class Statement:
    """One published fact: a triple plus the article span that justifies it.

    ``subject``/``predicate`` are IRIs; ``obj`` is an IRI (``is_iri``) or a literal with
    optional ``datatype`` IRI or ``lang`` tag. ``span`` is ``None`` only for curated
    reference data, whose ``source`` then names where it comes from.
    """

    subject: str
    predicate: str
    obj: str
    is_iri: bool = False
    datatype: str | None = None
    lang: str | None = None
    article: str | None = None  # article IRI
    span: Span | None = None
    source: str | None = None


def stated_in(article: str) -> Callable[..., Statement]:
    """A maker of statements justified by spans of ``article`` (an article IRI)::

        fact = stated_in(article_iri)
        fact(subject, predicate, obj, span, iri=True)   # or lang= / datatype=
    """

    def fact(subject: str, predicate: str, obj: str, span: Span, *, iri: bool = False,
             lang: str | None = None, datatype: str | None = None) -> Statement:
        return Statement(subject, predicate, obj, is_iri=iri, lang=lang, datatype=datatype,
                         article=article, span=span)

    return fact
