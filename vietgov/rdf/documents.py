"""Statements for cited documents (docs/design.md "Documents").

Mentions are grouped into documents with :func:`vietgov.extract.documents.distinct_documents`
(one IRI each). Every fact is stated once per mention that states it, with the narrowest span:
the symbol for identifier, number and codes; the type word for the document type; the date for
the date (and a year taken from it); the issuer's name for the issuer; the subject for the
title; the whole mention for class, label, term and plenum; the stretch from one citation to the
other for a relation. A value on which the article's mentions disagree (two dates for one
document, Quy định and Quyết định for one QĐ symbol) is left out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence

from vietgov.extract.documents import DistinctDocument, distinct_documents, document_label
from vietgov.extract.symbols import PARTY, STATE, document_types
from vietgov.gazetteer import bodies
from vietgov.model import DocumentMention, Extraction, Span, Statement
from vietgov.rdf.iris import Iris, code
from vietgov.rdf.namespaces import DCTERMS, ELI, RDF_TYPE, RDFS_LABEL, VG, XSD
from vietgov.rdf.organisations import reference_statements

_CLASS = {PARTY: VG + "PartyDocument", STATE: VG + "StateDocument"}
_OFFICIAL = VG + "OfficialDocument"


def statements(found: Extraction, iris: Iris) -> Iterator[Statement]:
    """One statement per fact about each document the article cites."""
    mentions = found.documents
    article_id = found.article.id
    docs = distinct_documents(mentions)
    iri_of: dict[int, str] = {}
    for doc in docs:
        iri = doc.iri(iris, article_id)
        for i in doc.mentions:
            iri_of[i] = iri
    for doc in docs:
        yield from _document(found, iris, doc, iri_of)
    yield from _curated_issuers(found, iris)


def _curated_issuers(found: Extraction, iris: Iris) -> Iterator[Statement]:
    """Reference facts of curated issuers the organisations extractor did not name here.

    An issuer may come from a symbol's code (19-HD/BTCTW) or a plenum ("Trung ương 4"), so
    its body (with the bodies it points to) must be in the graph for ``vg:issuedBy`` to
    reach a ``vg:Organization``.
    """
    catalogue = bodies()
    named = {m.key for m in found.organisations if m.in_gazetteer}
    issuers = {ref.key for m in found.documents for ref in m.issuers
               if ref.key in catalogue and ref.key not in named}
    if issuers:
        yield from reference_statements(iris, issuers)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _agreed(values: Sequence[object]) -> object | None:
    """The one value all mentions that give one agree on, else ``None``."""
    distinct = {v for v in values if v is not None}
    return distinct.pop() if len(distinct) == 1 else None


def _document(found: Extraction, iris: Iris, doc: DistinctDocument,
              iri_of: dict[int, str]) -> Iterator[Statement]:
    mentions = found.documents
    group = [mentions[i] for i in doc.mentions]
    subject = iri_of[doc.mentions[0]]
    article = iris.article(found.article.id)
    doc_type = _agreed([m.doc_type for m in group])
    date = _agreed([m.date for m in group])
    term = _agreed([m.term for m in group])
    plenum = _agreed([m.plenum for m in group])
    title = next((_nfc(m.title.text) for m in group if m.title), None)
    system = _agreed([m.system for m in group]) or (
        document_types()[doc_type].system if doc_type else None)
    cls = _CLASS.get(str(system), _OFFICIAL)
    label = document_label(mentions, doc)

    def fact(predicate: str, obj: str, span: Span, *, is_iri: bool = False,
             datatype: str | None = None, lang: str | None = None) -> Statement:
        return Statement(subject, predicate, obj, is_iri=is_iri, datatype=datatype, lang=lang,
                         article=article, span=span)

    for m in group:
        yield fact(RDF_TYPE, cls, m.span, is_iri=True)
        if label:
            yield fact(RDFS_LABEL, _nfc(label), m.span, lang="vi")
        if doc_type and m.doc_type == doc_type:
            yield fact(VG + "documentType", code("document-type", doc_type),
                       m.type_word or m.span, is_iri=True)
        yield from _symbol_facts(m, fact)
        if m.date is not None and m.date == date and m.date_span is not None:
            yield fact(VG + "issuedOn", m.date.isoformat(), m.date_span, datatype=XSD + "date")
        for ref in m.issuers:
            yield fact(VG + "issuedBy", iris.organisation(ref.key), ref.span or m.span,
                       is_iri=True)
        if m.title is not None and _nfc(m.title.text) == title:
            yield fact(VG + "title", title, m.title, lang="vi")
        if m.term is not None and m.term == term:
            yield fact(VG + "term", m.term, m.span)
        if m.plenum is not None and m.plenum == plenum:
            yield fact(VG + "plenum", str(m.plenum), m.span, datatype=XSD + "integer")
        for relation in m.relations:
            target = iri_of.get(relation.target)
            if target is None or target == subject:
                continue
            span = _cover(found, (m.span, mentions[relation.target].span, relation.cue))
            yield fact(VG + relation.kind, target, span, is_iri=True)


def _symbol_facts(m: DocumentMention, fact: Callable[..., Statement]) -> Iterator[Statement]:
    """Identifier, number, codes, surface form and year, where this mention states them."""
    surface = m.surface_identifier
    if m.identifier is None or surface is None:
        return
    yield fact(DCTERMS + "identifier", m.identifier, surface)
    yield fact(ELI + "id_local", m.identifier, surface)
    if m.number:
        yield fact(VG + "documentNumber", m.number, surface)
    if m.type_code:
        yield fact(VG + "typeCode", m.type_code, surface)
    if m.issuer_code:
        yield fact(VG + "issuerCode", m.issuer_code, surface)
    written = _nfc(surface.text)
    if written != m.identifier:
        yield fact(VG + "surfaceForm", written, surface)
    if m.year is None:
        return
    if m.date is not None and m.date_span is not None and m.date.year == m.year:
        yield fact(VG + "year", str(m.year), m.date_span, datatype=XSD + "gYear")
    elif f"/{m.year}/" in written:
        yield fact(VG + "year", str(m.year), surface, datatype=XSD + "gYear")


def _cover(found: Extraction, spans: Sequence[Span]) -> Span:
    """The stretch of text from the first to the last of some spans."""
    start = min(s.start for s in spans)
    end = max(s.end for s in spans)
    return Span(start, end, found.article.text[start:end])
