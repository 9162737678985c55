"""Statements for persons, the posts they hold and the holdings an article reports.

Model (see ``ontology/persons.ttl``)::

    <person/{name}/{org}> a vg:Person ; foaf:name, schema:name "…" ; rdfs:label "…"@vi ;
        org:holds <post/{org}/{title}> .
    <post/{org}/{title}> a vg:Post ; org:postIn <org/{org}> ; org:role <code/title/{title}> ;
        org:heldBy <person/…> ; rdfs:label "Bộ trưởng Bộ Công Thương"@vi .
    <holding/{person parts}/{org}/{title}> a vg:PostHolding ; org:member <person/…> ;
        org:organization <org/{org}> ; org:role <code/title/{title}> ; vg:post <post/…> ;
        vg:reportedIn <article/…> ; vg:reportedOn "2025-07-21"^^xsd:date .

A post conferred by the reported act ("…, giữ chức Giám đốc Sở …") is published like the
others: the holding is what the article reports, on its date; the posts written before it stay
reported too (the article states them of the same day), and nothing is inferred about when
either began or ended.

A person whose main organisation is not identified is scoped to the article
(``article/{id}/person/{name}``), so that two unknown namesakes are never merged. A post needs an
identified organisation; a holding needs one too unless the title is an office of its own
(``standalone`` in ``mappings/titles.yaml``). Former posts ("nguyên Bộ trưởng") are not published.
The title concepts used are emitted as curated reference statements (no span, with source).
"""

from __future__ import annotations

from collections.abc import Iterator

from vietgov.extract.persons import Person, RoleMention, Title, titles
from vietgov.gazetteer import bodies
from vietgov.model import Extraction, Statement, stated_in
from vietgov.rdf.iris import Iris, code
from vietgov.rdf.namespaces import FOAF, ORG, RDF_TYPE, RDFS_LABEL, SCHEMA, SKOS, VG, XSD

TITLE_SCHEME = "title"
SCHEME_SOURCE = "mappings/titles.yaml (titles of office; sources per concept)"


def person_iri(person: Person, article_id: str, iris: Iris) -> str:
    """The person's IRI: by (name, main organisation), or scoped to the article when the
    organisation is not identified."""
    return iris.person(person.name, person.organisation_key, article_id)


def post_iri(iris: Iris, organisation_key: str, title_id: str) -> str:
    return iris.of("post", organisation_key, title_id)


def holding_iri(person: Person, article_id: str, role: RoleMention, iris: Iris) -> str:
    person_parts = ((person.name, person.organisation_key) if person.organisation_key
                    else ("article", article_id, person.name))
    return iris.of("holding", *person_parts, role.organisation_key or "none", role.title_id)


def post_label(title: Title, organisation_name: str) -> str:
    """"Bộ trưởng Bộ Công Thương"; a title whose last words open the unit's name is written once
    ("Chánh Thanh tra Bộ Y tế", not "Chánh Thanh tra Thanh tra Bộ Y tế")."""
    tail = title.org_tail
    if tail and organisation_name.lower().startswith(tail.lower() + " "):
        return f"{title.vi[:-len(tail)]}{organisation_name}"
    return f"{title.vi} {organisation_name}"


def title_iri(title_id: str) -> str:
    return code(TITLE_SCHEME, title_id)


def statements(found: Extraction, iris: Iris) -> Iterator[Statement]:
    """Every fact about the persons of one article, each with the span that justifies it."""
    article = found.article
    art = iris.article(article.id)
    used_titles: set[str] = set()
    typed_orgs: set[str] = set()

    fact = stated_in(art)

    for person in found.persons:
        who = person_iri(person, article.id, iris)
        yield fact(who, RDF_TYPE, VG + "Person", person.span, iri=True)
        yield fact(who, FOAF + "name", person.name, person.span)
        yield fact(who, SCHEMA + "name", person.name, person.span)
        for mention in person.mentions:
            yield fact(who, RDFS_LABEL, person.name, mention.span, lang="vi")
        for role in person.roles:
            title = titles()[role.title_id]
            if not role.holds:
                continue
            key = role.organisation_key
            if key is None and not title.standalone:
                continue
            used_titles.add(title.id)
            concept = title_iri(title.id)
            org = iris.organisation(key) if key else None
            post = post_iri(iris, key, title.id) if key else None
            if key and key not in typed_orgs:
                typed_orgs.add(key)
                yield from _organisation(key, role, org, art)
            if post:
                label = post_label(title, role.organisation_name or "")
                yield fact(post, RDF_TYPE, VG + "Post", role.span, iri=True)
                yield fact(post, RDFS_LABEL, label, role.span, lang="vi")
                yield fact(post, ORG + "postIn", org, role.span, iri=True)
                yield fact(post, ORG + "role", concept, role.span, iri=True)
                yield fact(post, ORG + "heldBy", who, role.phrase, iri=True)
                yield fact(who, ORG + "holds", post, role.phrase, iri=True)
            holding = holding_iri(person, article.id, role, iris)
            where = f" {role.organisation_name}" if key else ""
            yield fact(holding, RDF_TYPE, VG + "PostHolding", role.phrase, iri=True)
            yield fact(holding, RDFS_LABEL, f"{person.name}: {title.vi}{where}", role.phrase,
                       lang="vi")
            yield fact(holding, ORG + "member", who, role.phrase, iri=True)
            yield fact(holding, ORG + "role", concept, role.phrase, iri=True)
            if org and post:
                yield fact(holding, ORG + "organization", org, role.phrase, iri=True)
                yield fact(holding, VG + "post", post, role.phrase, iri=True)
            yield fact(holding, VG + "reportedIn", art, role.phrase, iri=True)
            if article.published:
                yield fact(holding, VG + "reportedOn", article.published.isoformat(),
                           role.phrase, datatype=XSD + "date")
    for title_id in sorted(used_titles):
        yield from title_statements(titles()[title_id])


def _organisation(key: str, role: RoleMention, org: str | None,
                  art: str) -> Iterator[Statement]:
    """Type and label an organisation a post is in, so that the post's org:postIn is valid on
    its own: a curated body as reference data, otherwise from the span that names it. The
    organisation mapper may say the same (identical triples merge) and more."""
    assert org is not None
    body = bodies().get(key)
    if body is not None:
        yield Statement(org, RDF_TYPE, VG + "Organization", is_iri=True, source=body.source)
        yield Statement(org, RDFS_LABEL, body.name, lang="vi", source=body.source)
        if body.name_en:
            yield Statement(org, RDFS_LABEL, body.name_en, lang="en", source=body.source)
        return
    span = role.organisation_span or role.span
    yield Statement(org, RDF_TYPE, VG + "Organization", is_iri=True, article=art, span=span)
    yield Statement(org, RDFS_LABEL, role.organisation_name or span.text, lang="vi",
                    article=art, span=span)


def title_statements(title: Title) -> Iterator[Statement]:
    """A title of office as a concept of the code list ``code/title`` (curated reference data)."""
    concept = title_iri(title.id)
    scheme = code(TITLE_SCHEME, "").rstrip("/")

    def ref(p: str, o: str, *, iri: bool = False, lang: str | None = None) -> Statement:
        return Statement(concept, p, o, is_iri=iri, lang=lang, source=title.source)

    yield ref(RDF_TYPE, SKOS + "Concept", iri=True)
    yield ref(RDF_TYPE, VG + "Title", iri=True)
    yield ref(SKOS + "inScheme", scheme, iri=True)
    yield ref(SKOS + "notation", title.id)
    yield ref(SKOS + "prefLabel", title.vi, lang="vi")
    yield ref(SKOS + "prefLabel", title.en, lang="en")
    yield ref(RDFS_LABEL, title.vi, lang="vi")
    yield ref(RDFS_LABEL, title.en, lang="en")
    yield Statement(scheme, RDF_TYPE, SKOS + "ConceptScheme", is_iri=True, source=SCHEME_SOURCE)
    yield Statement(scheme, RDFS_LABEL, "Chức danh", lang="vi", source=SCHEME_SOURCE)
    yield Statement(scheme, RDFS_LABEL, "Titles of office", lang="en", source=SCHEME_SOURCE)


def reference_statements() -> Iterator[Statement]:
    """The whole title code list (every post in ``mappings/titles.yaml``)."""
    for title in titles().values():
        if title.is_post:
            yield from title_statements(title)
