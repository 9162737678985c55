"""Statements for the events an article names (see ``ontology/events.ttl``)::

    <event/{holder}/{type}/{identifying parts}> a vg:Event ;
        rdfs:label "Đại hội đại biểu Đảng bộ tỉnh Bình Định lần thứ XX, nhiệm kỳ 2020 - 2025"@vi ;
        vg:eventType <https://w3id.org/vietgov/code/event-type/dai-hoi> ;
        vg:ordinal "XX" ; vg:ordinalNumber 20 ; vg:committeeTerm "XIII" ;
        vg:termOfOffice "2020-2025" ;
        vg:date "2024-07-04"^^xsd:date ;            # or "2024-07"^^xsd:gYearMonth
        schema:location "Hà Nội"@vi ;
        schema:organizer <org/…> ; vg:chair <person/…> ;
        vg:adopted <document/…> ; vg:studied <document/…> .

The type of event is a concept of the ``event-type`` code list (one class, ``vg:Event``, and a
``vg:eventType``), like the document types: the list lives in ``ontology/events.ttl`` and its
slugs are those of ``mappings/event_types.yaml``.

**IRI** (:func:`event_iri`): ``event/{holder}/{type}/{parts}``, where the holder is the
organisers' keys (or, for a national congress or conference with no organisation named, the
body its name gives, "Đảng", "Đoàn") and the parts are, in order, ``khoa-{n}`` and ``lan-{n}``
(Party committee term and ordinal), else ``nhiem-ky-{Y1-Y2}``, else the date or the year of the
name followed by the name. So two articles on the same congress (same organiser, ordinal or
term) give the same IRI. An event with no holder, or with nothing but its name to tell it from
another, is scoped to the article: ``article/{id}/event/{type}/{name}``; two articles never
merge such events. Anniversaries are identified by their count and name (``kỷ niệm 94 năm
Ngày thành lập …``) whoever holds them.

Each fact carries the span that states it: the mention for class, label and type (every
mention of the event also states its class, so each becomes an annotation of it), the stretch
from the value to the mention for ordinal, term, date, place, organiser, chair and documents.
A day the sentence states without a year (``Chiều 14/5, …``) takes the year of the article's
dateline; its statement keeps the stretch from the day to the mention, which states the day
and month, while the dateline that gave the year is on the record (``Stated.year_span``) and in
the article's own ``vg:datePublished`` statement. A mention that only refers back to the event
(``Hội nghị thông qua …``) also states its class. An organiser that is not one of the
article's organisation mentions (a curated body or a body named in a congress's name) also gets
its class and label here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from vietgov.extract.documents import distinct_documents
from vietgov.extract.events import EventMention, event_types, number_value
from vietgov.model import Extraction, Statement, stated_in
from vietgov.rdf.iris import Iris, code, slug
from vietgov.rdf.namespaces import RDF_TYPE, RDFS_LABEL, SCHEMA, VG, XSD
from vietgov.rdf.persons import person_iri

EVENT_TYPE_SCHEME = "event-type"


def event_type_iri(type_slug: str) -> str:
    """The concept of the event-type code list, e.g. ``…/code/event-type/dai-hoi``."""
    return code(EVENT_TYPE_SCHEME, type_slug)


def event_iri(event: EventMention, article_id: str, iris: Iris) -> str:
    """The event's IRI (see the module docstring)."""
    holder = "+".join(sorted(o.key for o in event.organisers)) or (
        event.body if event.national and event.body else None)
    name = slug(event.name)
    parts: list[str] = []
    if event.committee_term and (n := number_value(event.committee_term.value)):
        parts.append(f"khoa-{n}")
    if event.ordinal_number:
        parts.append(f"lan-{event.ordinal_number}")
    elif event.term:
        parts.append(f"nhiem-ky-{event.term.value}")
    elif event.date or event.name_year:
        parts += [event.date.value if event.date else str(event.name_year), name]
    if event_types()[event.event_type].anniversary and event.date:
        return iris.of("event", holder or "unknown", event.event_type, event.date.value, name)
    if holder and parts:
        return iris.of("event", holder, event.event_type, *parts)
    return iris.of("article", article_id, "event", event.event_type, name)


def statements(found: Extraction, iris: Iris) -> Iterator[Statement]:
    """Every fact about the events of one article, each with the span that justifies it."""
    article = found.article
    art = iris.article(article.id)
    documents = _document_iris(found, iris)
    typed: set[str] = set()

    fact = stated_in(art)

    for event in found.events:
        ev = event_iri(event, article.id, iris)
        for mention in event.mentions:
            yield fact(ev, RDF_TYPE, VG + "Event", mention, iri=True)
        yield fact(ev, RDFS_LABEL, _nfc(event.span.text), event.span, lang="vi")
        yield fact(ev, VG + "eventType", event_type_iri(event.event_type), event.span, iri=True)
        if event.ordinal:
            yield fact(ev, VG + "ordinal", event.ordinal.value, event.ordinal.span)
            if event.ordinal_number:
                yield fact(ev, VG + "ordinalNumber", str(event.ordinal_number),
                           event.ordinal.span, datatype=XSD + "integer")
        if event.committee_term:
            yield fact(ev, VG + "committeeTerm", event.committee_term.value,
                       event.committee_term.span)
        if event.term:
            yield fact(ev, VG + "termOfOffice", event.term.value, event.term.span)
        if event.date:
            kind = "date" if len(event.date.value) == 10 else "gYearMonth"
            yield fact(ev, VG + "date", event.date.value, event.date.span, datatype=XSD + kind)
        if event.place:
            yield fact(ev, SCHEMA + "location", _nfc(event.place.value), event.place.span,
                       lang="vi")
        for organiser in event.organisers:
            org = iris.organisation(organiser.key)
            yield fact(ev, SCHEMA + "organizer", org, organiser.evidence, iri=True)
            if not organiser.listed and org not in typed:
                typed.add(org)
                yield fact(org, RDF_TYPE, VG + "Organization", organiser.span, iri=True)
                yield fact(org, RDFS_LABEL, _nfc(organiser.name), organiser.span, lang="vi")
        if event.chair:
            who = person_iri(found.persons[event.chair.person], article.id, iris)
            yield fact(ev, VG + "chair", who, event.chair.span, iri=True)
        for predicate, links in (("adopted", event.adopted), ("studied", event.studied)):
            for link in links:
                if link.document in documents:
                    yield fact(ev, VG + predicate, documents[link.document], link.span, iri=True)


def _document_iris(found: Extraction, iris: Iris) -> dict[int, str]:
    """Document mention index → the IRI the documents mapper gives that document."""
    out: dict[int, str] = {}
    for doc in distinct_documents(found.documents):
        iri = doc.iri(iris, found.article.id)
        for i in doc.mentions:
            out[i] = iri
    return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))
