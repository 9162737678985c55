"""Statements for organisations: the bodies an article names, the structure it states, the
changes it reports, and the curated gazetteer facts about the curated bodies among them.

* Every organisation named in an article gets ``rdf:type`` (its kind's class, or
  ``vg:Organization``) and ``rdfs:label`` (its canonical name, vi), justified by its first
  full-name mention (or its first mention when it is only named by a short form).
* :class:`~vietgov.extract.organisations.OrganisationRelation` → ``org:subOrganizationOf`` or
  ``vg:partyOrganizationOf``; :class:`~vietgov.extract.organisations.OrganisationChange` → an
  ``org:ChangeEvent`` (sub-class by kind) at ``{mention}#change``.
* Reference data: the gazetteer rows of the curated bodies the article names, closed over their
  parents and successors, as statements without span whose ``source`` is the row's source
  (the emitter writes them to the reference graph). :func:`reference_statements` gives the
  whole gazetteer for a caller that wants to publish all of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from vietgov.extract.organisations import OrganisationChange, OrganisationRelation
from vietgov.gazetteer import Body, bodies, provinces
from vietgov.linking.iso3166 import subdivision
from vietgov.model import Extraction, OrganisationMention, Statement
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import ORG, PROV, RDF_TYPE, RDFS_LABEL, SCHEMA, SKOS, VG, XSD

KIND_CLASS = {
    "party": VG + "PartyOrganization",
    "state": VG + "StateBody",
    "mass": VG + "MassOrganization",
    "enterprise": VG + "Enterprise",
    "public-service": VG + "PublicServiceUnit",
}
CHANGE_CLASS = {
    "merger": VG + "Merger",
    "dissolution": VG + "Dissolution",
    "founding": VG + "Founding",
    "renaming": VG + "Renaming",
    "transfer": VG + "Transfer",
}
RELATION_PROPERTY = {
    "sub-organisation": ORG + "subOrganizationOf",
    "party-organisation": VG + "partyOrganizationOf",
}
_TIME_ZONE = "+07:00"  # a stated day starts at midnight in Viet Nam


def organisation_class(kind: str | None) -> str:
    """The class of an organisation of this kind (``vg:Organization`` when unknown)."""
    return KIND_CLASS.get(kind or "", VG + "Organization")


def statements(found: Extraction, iris: Iris) -> Iterator[Statement]:
    article = iris.article(found.article.id)
    for mention in _representatives(found.organisations):
        subject = iris.organisation(mention.key)
        yield Statement(subject, RDF_TYPE, organisation_class(mention.kind), is_iri=True,
                        article=article, span=mention.span)
        yield Statement(subject, RDFS_LABEL, mention.name, lang="vi", article=article,
                        span=mention.span)
        if mention.province:
            yield Statement(subject, VG + "province", iris.of("province", mention.province),
                            is_iri=True, article=article, span=mention.span)
    for item in found.relations:
        if isinstance(item, OrganisationRelation):
            yield Statement(iris.organisation(item.child), RELATION_PROPERTY[item.kind],
                            iris.organisation(item.parent), is_iri=True, article=article,
                            span=item.span)
        elif isinstance(item, OrganisationChange):
            yield from _change(item, iris, found.article.id, article)
    curated = {m.key for m in found.organisations if m.in_gazetteer}
    yield from reference_statements(iris, curated)
    yield from province_statements(iris, {m.province for m in found.organisations
                                          if m.province})


def reference_statements(iris: Iris, ids: Iterable[str] | None = None) -> Iterator[Statement]:
    """The gazetteer's facts as reference statements: of all bodies, or of the bodies ``ids``
    and, transitively, their parents and successors (so every IRI they point to is typed)."""
    catalogue = bodies()
    for body_id in sorted(catalogue if ids is None else _closure(set(ids))):
        yield from _body(catalogue[body_id], iris)


def province_statements(iris: Iris, ids: Iterable[str]) -> Iterator[Statement]:
    """Reference facts of provinces: type, name and, where checked, the ISO 3166-2:VN code."""
    units = provinces()
    for unit_id in sorted(ids):
        unit = units[unit_id]
        subject = iris.of("province", unit.id)
        yield Statement(subject, RDF_TYPE, VG + "Province", is_iri=True, source=unit.source)
        yield Statement(subject, RDFS_LABEL, unit.name, lang="vi", source=unit.source)
        code = subdivision(unit.name)
        if code is not None:
            yield Statement(subject, VG + "iso31662Code", code.code, source=code.source)


def _representatives(mentions: list[OrganisationMention]) -> list[OrganisationMention]:
    """One mention per organisation: the first written in full, else the first."""
    chosen: dict[str, OrganisationMention] = {}
    for m in mentions:
        current = chosen.get(m.key)
        if current is None or (current.short_form and not m.short_form):
            chosen[m.key] = m
    return list(chosen.values())


def _change(change: OrganisationChange, iris: Iris, article_id: str,
            article: str) -> Iterator[Statement]:
    event = iris.mention(article_id, change.span) + "#change"

    def fact(predicate: str, obj: str, *, is_iri: bool = False, datatype: str | None = None,
             lang: str | None = None, span=change.span) -> Statement:
        return Statement(event, predicate, obj, is_iri=is_iri, datatype=datatype, lang=lang,
                         article=article, span=span)

    yield fact(RDF_TYPE, CHANGE_CLASS[change.kind], is_iri=True)
    yield fact(RDFS_LABEL, change.span.text, lang="vi")
    for key in change.original:
        yield fact(ORG + "originalOrganization", iris.organisation(key), is_iri=True)
    for key in change.resulting:
        yield fact(ORG + "resultingOrganization", iris.organisation(key), is_iri=True)
    if change.transferred_to:
        yield fact(VG + "transferredTo", iris.organisation(change.transferred_to), is_iri=True)
    if change.date is not None:
        yield fact(PROV + "startedAtTime", f"{change.date.isoformat()}T00:00:00{_TIME_ZONE}",
                   datatype=XSD + "dateTime", span=change.date_span or change.span)


def _closure(ids: set[str]) -> set[str]:
    """The bodies and, transitively, their parents and successors."""
    catalogue = bodies()
    out: set[str] = set()
    todo = [i for i in ids if i in catalogue]
    while todo:
        body_id = todo.pop()
        if body_id in out:
            continue
        out.add(body_id)
        body = catalogue[body_id]
        todo.extend(x for x in (body.parent, *body.succeeded_by) if x)
    return out


def _body(body: Body, iris: Iris) -> Iterator[Statement]:
    subject = iris.organisation(body.id)

    def ref(predicate: str, obj: str, *, is_iri: bool = False, datatype: str | None = None,
            lang: str | None = None, about: str = subject) -> Statement:
        return Statement(about, predicate, obj, is_iri=is_iri, datatype=datatype, lang=lang,
                         source=body.source)

    yield ref(RDF_TYPE, organisation_class(body.kind), is_iri=True)
    for predicate in (RDFS_LABEL, SKOS + "prefLabel"):
        yield ref(predicate, body.name, lang="vi")
        if body.name_en:
            yield ref(predicate, body.name_en, lang="en")
    for short in body.short_forms:
        yield ref(SKOS + "altLabel", short, lang="vi")
    for code in body.codes:
        yield ref(VG + "orgIssuerCode", code)
    if body.parent:
        yield ref(ORG + "subOrganizationOf", iris.organisation(body.parent), is_iri=True)
    if body.start:
        yield ref(SCHEMA + "foundingDate", body.start, datatype=_date_type(body.start))
    if body.end:
        yield ref(SCHEMA + "dissolutionDate", body.end, datatype=_date_type(body.end))
    if body.succeeded_by:
        event = subject + "#succession"
        names = ", ".join(bodies()[s].name for s in body.succeeded_by)
        yield ref(RDF_TYPE, ORG + "ChangeEvent", is_iri=True, about=event)
        yield ref(RDFS_LABEL, f"{body.name} → {names}", lang="vi", about=event)
        yield ref(ORG + "originalOrganization", subject, is_iri=True, about=event)
        for successor in body.succeeded_by:
            yield ref(ORG + "resultingOrganization", iris.organisation(successor), is_iri=True,
                      about=event)
        if body.dissolved is not None:
            yield ref(PROV + "startedAtTime",
                      f"{body.dissolved.isoformat()}T00:00:00{_TIME_ZONE}",
                      datatype=XSD + "dateTime", about=event)


def _date_type(value: str) -> str:
    return XSD + {4: "gYear", 7: "gYearMonth"}.get(len(value), "date")
