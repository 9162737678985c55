"""DCAT-AP and VoID metadata: counts agree with SPARQL over the data, one distribution per
format with the right media type, licence, size and checksum, and the metadata shapes reject
broken metadata."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, Triple, parse

from vietgov.paths import CORPUS, SHAPES
from vietgov.pipeline import BuildSummary, article_statements, extract_corpus, quads_of
from vietgov.publish.jsonld import copy_context, write_jsonld
from vietgov.publish.metadata import (
    DCAT,
    DEFAULT_SPARQL_ENDPOINT,
    FORMATS,
    IANA,
    LICENCE,
    METADATA_SHAPES,
    dataset_description,
    validate_metadata,
    write_metadata,
)
from vietgov.publish.quadlines import QuadLines
from vietgov.publish.serialize import (
    sorted_quads,
    sorted_triples,
    write_ntriples,
    write_trig,
    write_turtle,
)
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import CODE, DCTERMS, OWL, RDF_TYPE, RDFS, SKOS, VG, VOID, WD, XSD

BASE = "https://data.example.org/vg/"
SPDX = "http://spdx.org/rdf/terms#"
TYPE = NamedNode(RDF_TYPE)


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _sample_quads() -> list[Quad]:
    """Two articles, documents and bodies, a code-list concept outside the URI space, and
    links: two to Wikidata by owl:sameAs, one elsewhere by skos:exactMatch, one internal."""
    a1, a2 = _n(BASE + "article/a1"), _n(BASE + "article/a2")
    d1, d2 = _n(BASE + "document/tw/nq/2031/1"), _n(BASE + "document/cp/nd/2031/2")
    o1, o2 = _n(BASE + "org/ban-a"), _n(BASE + "org/bo-b")
    concept = _n(CODE + "document-type/nghi-quyet")
    ref = _n(BASE + "graph/reference")
    date = _n(XSD + "date")
    rows = [
        (a1, TYPE, _n(VG + "NewsArticle"), a1),
        (a1, _n(VG + "datePublished"), Literal("2031-03-01", datatype=date), a1),
        (a2, TYPE, _n(VG + "NewsArticle"), a2),
        (a2, _n(VG + "datePublished"), Literal("2031-05-09", datatype=date), a2),
        (d1, TYPE, _n(VG + "PartyDocument"), a1),
        (d1, TYPE, _n(VG + "OfficialDocument"), a1),
        (d1, _n(VG + "documentType"), concept, a1),
        (d1, _n(VG + "issuedBy"), o1, a1),
        (d1, _n(RDFS + "label"), Literal("Nghị quyết 1", language="vi"), a1),
        (d2, TYPE, _n(VG + "StateDocument"), a2),
        (d2, _n(VG + "implements"), d1, a2),
        (d2, _n(RDFS + "label"), Literal("Nghị định 2", language="vi"), a2),
        (o1, TYPE, _n(VG + "Organization"), ref),
        (o1, _n(RDFS + "label"), Literal("Ban A", language="vi"), ref),
        (o1, _n(OWL + "sameAs"), _n(WD + "Q101"), ref),
        (o2, TYPE, _n(VG + "Organization"), ref),
        (o2, _n(OWL + "sameAs"), _n(WD + "Q102"), ref),
        (o2, _n(SKOS + "exactMatch"), _n("http://vocab.example.com/bodies/b"), ref),
        (o2, _n(OWL + "sameAs"), o1, ref),  # internal: not a link to another dataset
        (concept, TYPE, _n(SKOS + "Concept"), ref),
        (concept, _n(SKOS + "prefLabel"), Literal("nghị quyết", language="vi"), ref),
    ]
    return sorted_quads(Quad(s, p, o, g) for s, p, o, g in rows)


def _dumps(quads: list[Quad], out: Path, base: str = BASE) -> dict[str, Path]:
    triples = sorted_triples(quads)
    files = {"turtle": out / "vietgov.ttl", "n-triples": out / "vietgov.nt",
             "trig": out / "vietgov.trig", "json-ld": out / "vietgov.jsonld"}
    lines = QuadLines.from_quads(quads)
    write_turtle(triples, files["turtle"])
    write_ntriples(lines, files["n-triples"])
    write_trig(lines, files["trig"])
    write_jsonld(triples, files["json-ld"], base)
    copy_context(out)
    return files


Published = tuple[Path, list[Quad], dict[str, Path]]


@pytest.fixture
def published(tmp_path: Path) -> Published:
    quads = _sample_quads()
    files = _dumps(quads, tmp_path)
    conforms, report = write_metadata(sorted_triples(quads), quads, BASE, files, tmp_path)
    assert conforms, report
    return tmp_path, quads, files


def _metadata(out: Path) -> Store:
    store = Store()
    for name in ("catalog.ttl", "void.ttl"):
        store.bulk_load(path=str(out / name), format=RdfFormat.TURTLE)
    return store


def _data(files: dict[str, Path]) -> Store:
    store = Store()
    store.bulk_load(path=str(files["n-triples"]), format=RdfFormat.N_TRIPLES)
    return store


def _int(store: Store, query: str) -> int:
    (row,) = list(store.query(query))
    return int(row[0].value)


def _stat(meta: Store, subject: str, prop: str) -> int:
    return _int(meta, f"SELECT ?n WHERE {{ <{subject}> <{VOID}{prop}> ?n }}")


def test_void_counts_equal_sparql_counts_over_the_data(published: Published) -> None:
    out, _quads, files = published
    meta, data = _metadata(out), _data(files)
    dataset = BASE + "dataset"
    expected = {
        "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "entities": f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o "
                    f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{BASE}\")) }}",
        "distinctSubjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
        "distinctObjects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
        "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
        "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
    }
    for prop, query in expected.items():
        assert _stat(meta, dataset, prop) == _int(data, query), prop
    assert _stat(meta, dataset, "entities") < _stat(meta, dataset, "distinctSubjects")  # concept


def test_partitions_match_the_data_and_add_up(published: Published) -> None:
    out, _quads, files = published
    meta, data = _metadata(out), _data(files)
    dataset = BASE + "dataset"
    classes = {r[0].value: int(r[1].value) for r in meta.query(f"""
        SELECT ?c ?n WHERE {{ <{dataset}> <{VOID}classPartition> ?p .
                             ?p <{VOID}class> ?c ; <{VOID}entities> ?n }}""")}
    assert classes == {r[0].value: int(r[1].value) for r in data.query(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")}
    assert sum(classes.values()) == _int(data, "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }")
    properties = {r[0].value: int(r[1].value) for r in meta.query(f"""
        SELECT ?q ?n WHERE {{ <{dataset}> <{VOID}propertyPartition> ?p .
                             ?p <{VOID}property> ?q ; <{VOID}triples> ?n }}""")}
    assert properties == {r[0].value: int(r[1].value) for r in data.query(
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")}
    assert sum(properties.values()) == _stat(meta, dataset, "triples")


def test_linksets_count_the_links_to_each_external_dataset(published: Published) -> None:
    out, _quads, _files = published
    meta = _metadata(out)
    rows = {(r[0].value, r[1].value): int(r[2].value) for r in meta.query(f"""
        SELECT ?space ?pred ?n WHERE {{
          ?l a <{VOID}Linkset> ; <{VOID}subjectsTarget> <{BASE}dataset> ;
             <{VOID}objectsTarget> ?t ; <{VOID}linkPredicate> ?pred ; <{VOID}triples> ?n .
          ?t <{VOID}uriSpace> ?space }}""")}
    assert rows == {(WD, OWL + "sameAs"): 2,
                    ("http://vocab.example.com/", SKOS + "exactMatch"): 1}


def test_no_links_means_no_linkset(tmp_path: Path) -> None:
    quads = [q for q in _sample_quads()
             if q.predicate.value not in (OWL + "sameAs", SKOS + "exactMatch")]
    files = _dumps(quads, tmp_path)
    described = dataset_description(sorted_triples(quads), quads, BASE, files)
    assert not [t for t in described if t.object == _n(VOID + "Linkset")]
    assert validate_metadata(described)[0]


def test_one_distribution_per_format_with_media_type_licence_and_size(published: Published) -> None:
    out, _quads, files = published
    meta = _metadata(out)
    rows = list(meta.query(f"""
        SELECT ?d ?media ?licence ?size ?download ?access ?sum WHERE {{
          <{BASE}dataset> <{DCAT}distribution> ?d .
          ?d a <{DCAT}Distribution> ; <{DCAT}mediaType> ?media ; <{DCTERMS}license> ?licence ;
             <{DCAT}byteSize> ?size ; <{DCAT}downloadURL> ?download ; <{DCAT}accessURL> ?access ;
             <{SPDX}checksum>/<{SPDX}checksumValue> ?sum }}"""))
    assert len(rows) == len(files) == len(FORMATS)
    # (read from the file: an Oxigraph store turns xsd:nonNegativeInteger into xsd:integer)
    sizes = [q.object for q in parse(path=str(out / "catalog.ttl"), format=RdfFormat.TURTLE)
             if q.predicate.value == DCAT + "byteSize"]
    assert len(sizes) == len(files)
    assert {size.datatype.value for size in sizes} == {XSD + "nonNegativeInteger"}
    by_key = {r[0].value.rsplit("/", 1)[1]: r for r in rows}
    assert set(by_key) == set(files)
    for key, path in files.items():
        _d, media, licence, size, download, access, checksum = by_key[key]
        assert media.value == IANA + FORMATS[key].media_type
        assert licence.value == LICENCE
        assert int(size.value) == path.stat().st_size
        assert download.value == BASE + "dump/" + path.name
        assert access.value == BASE + "dump/"
        assert checksum.value == hashlib.sha256(path.read_bytes()).hexdigest()


def test_catalogue_dataset_and_service(published: Published) -> None:
    out, _quads, _files = published
    meta = _metadata(out)
    assert meta.query(f"""ASK {{
        <{BASE}catalog> a <{DCAT}Catalog> ; <{DCAT}dataset> <{BASE}dataset> ;
            <{DCAT}service> ?svc ; <{DCTERMS}publisher> ?agent .
        ?svc a <{DCAT}DataService> ; <{DCAT}endpointURL> <{DEFAULT_SPARQL_ENDPOINT}> ;
            <{DCAT}servesDataset> <{BASE}dataset> .
        <{BASE}dataset> a <{DCAT}Dataset>, <{VOID}Dataset> ;
            <{DCTERMS}license> <{LICENCE}> ; <{VOID}sparqlEndpoint> <{DEFAULT_SPARQL_ENDPOINT}> ;
            <{VOID}uriSpace> "{BASE}" ; <{DCTERMS}modified> "2031-05-09"^^<{XSD}date> .
        FILTER EXISTS {{ <{BASE}dataset> <{DCTERMS}title> ?vi FILTER(lang(?vi) = "vi") }}
        FILTER EXISTS {{ <{BASE}dataset> <{DCTERMS}title> ?en FILTER(lang(?en) = "en") }}
    }}""")
    dumps = {r[0].value for r in meta.query(
        f"SELECT ?d WHERE {{ <{BASE}dataset> <{VOID}dataDump> ?d }}")}
    assert dumps == {BASE + "dump/" + n for n in
                     ("vietgov.ttl", "vietgov.nt", "vietgov.trig", "vietgov.jsonld")}


def test_publish_url_and_endpoint_are_configurable(tmp_path: Path) -> None:
    quads = _sample_quads()
    files = _dumps(quads, tmp_path)
    described = dataset_description(sorted_triples(quads), quads, BASE, files,
                                    publish_url="https://downloads.example.org/v1/",
                                    sparql_endpoint="https://sparql.example.org/query")
    downloads = {t.object.value for t in described if t.predicate.value == DCAT + "downloadURL"}
    assert downloads == {"https://downloads.example.org/v1/" + p.name for p in files.values()}
    endpoints = {t.object.value for t in described
                 if t.predicate.value in (DCAT + "endpointURL", VOID + "sparqlEndpoint")}
    assert endpoints == {"https://sparql.example.org/query"}


def test_no_article_dates_means_no_modified_date(tmp_path: Path) -> None:
    quads = [q for q in _sample_quads() if q.predicate.value != VG + "datePublished"]
    files = _dumps(quads, tmp_path)
    described = dataset_description(sorted_triples(quads), quads, BASE, files)
    assert not [t for t in described if t.predicate.value == DCTERMS + "modified"]


def test_metadata_is_deterministic_and_has_no_blank_nodes(published: Published,
                                                           tmp_path: Path) -> None:
    out, quads, files = published
    again = tmp_path / "again"
    again.mkdir()
    shuffled = list(reversed(sorted_triples(quads)))
    write_metadata(shuffled, list(reversed(quads)), BASE, files, again)
    for name in ("catalog.ttl", "void.ttl"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
        for q in parse(path=str(out / name), format=RdfFormat.TURTLE):
            assert isinstance(q.subject, NamedNode)
            assert isinstance(q.object, (NamedNode, Literal))


# --- the shapes reject broken metadata ----------------------------------------------------

Mutation = Callable[[list[Triple]], list[Triple]]


def _drop(predicate: str, subject_contains: str) -> Mutation:
    return lambda ts: [t for t in ts if not (t.predicate.value == predicate
                                             and subject_contains in t.subject.value)]


def _retype(predicate: str, subject_suffix: str, make: Callable[[str], Literal]) -> Mutation:
    return lambda ts: [Triple(t.subject, t.predicate, make(t.object.value))
                       if t.predicate.value == predicate and t.subject.value.endswith(
                           subject_suffix) else t for t in ts]


def _add(*extra: Triple) -> Mutation:
    return lambda ts: [*ts, *extra]


_PARTITION = _n(BASE + "dataset/partition/class/vg-organization")
BROKEN: dict[str, tuple[Mutation, str]] = {
    "distribution without accessURL": (
        _drop(DCAT + "accessURL", "distribution/turtle"), "Distribution-accessURL"),
    "void:triples as a string": (
        _retype(VOID + "triples", "/dataset", Literal), "VoidDataset-triples"),
    "negative entity count": (
        _retype(VOID + "entities", "/dataset",
                lambda v: Literal("-1", datatype=_n(XSD + "integer"))), "VoidDataset-entities"),
    "byteSize as a string": (
        _retype(DCAT + "byteSize", "distribution/trig", Literal), "Distribution-byteSize"),
    "class partition with two classes": (
        _add(Triple(_PARTITION, _n(VOID + "class"), _n(VG + "Person"))),
        "VoidDataset-classPartition"),
    "class partitioned twice": (
        _add(Triple(_n(BASE + "dataset"), _n(VOID + "classPartition"), _n(BASE + "p2")),
             Triple(_n(BASE + "p2"), _n(VOID + "class"), _n(VG + "Organization")),
             Triple(_n(BASE + "p2"), _n(VOID + "entities"),
                    Literal("2", datatype=_n(XSD + "integer")))),
        "PartitionsAreDistinctShape"),
    "property partitions that do not add up": (
        _retype(VOID + "triples", "/dataset",
                lambda v: Literal(str(int(v) + 1), datatype=_n(XSD + "integer"))),
        "PropertyPartitionsAddUpShape"),
    "linkset without link predicate": (
        _drop(VOID + "linkPredicate", "linkset/wikidata"), "Linkset-linkPredicate"),
    "service without endpoint": (
        _drop(DCAT + "endpointURL", "service/sparql"), "DataService-endpointURL"),
    "catalogue without publisher": (
        _drop(DCTERMS + "publisher", "/catalog"), "Catalog-publisher"),
    "dataset without description": (
        _drop(DCTERMS + "description", "/dataset"), "Dataset-description"),
    "media type that is not an IANA IRI": (
        lambda ts: [Triple(t.subject, t.predicate, _n("https://example.org/turtle"))
                    if t.predicate.value == DCAT + "mediaType" else t for t in ts],
        "Distribution-mediaType"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_metadata_shapes_reject_broken_metadata(case: str, tmp_path: Path) -> None:
    quads = _sample_quads()
    files = _dumps(quads, tmp_path)
    good = dataset_description(sorted_triples(quads), quads, BASE, files)
    assert validate_metadata(good)[0]
    mutate, shape = BROKEN[case]
    broken = mutate(good)
    assert broken != good, "the mutation changed nothing"
    conforms, report = validate_metadata(broken)
    assert not conforms
    assert shape in report


def test_metadata_shapes_are_not_loaded_with_the_data_shapes() -> None:
    assert METADATA_SHAPES.parent == SHAPES
    data_shapes = set()
    for path in SHAPES.glob("*.ttl"):  # what vietgov.validate loads
        data_shapes |= {q.subject.value for q in parse(path=str(path), format=RdfFormat.TURTLE)
                        if isinstance(q.subject, NamedNode)}
    assert not {s for s in data_shapes if s.startswith("https://w3id.org/vietgov/shapes/metadata")}


def test_metadata_of_the_corpus_conforms(tmp_path: Path) -> None:
    iris = Iris()
    statements = []
    for found in extract_corpus(CORPUS, BuildSummary("", "", "")):
        statements.extend(article_statements(found, iris, CORPUS))
    quads = quads_of(statements, iris)
    triples = sorted_triples(quads)
    files = _dumps(quads, tmp_path, iris.base)
    conforms, report = write_metadata(triples, quads, iris.base, files, tmp_path)
    assert conforms, report
    meta = _metadata(tmp_path)
    assert _stat(meta, iris.base + "dataset", "triples") == len(triples)
    examples = list(meta.query(
        f"SELECT ?e WHERE {{ <{iris.base}dataset> <{VOID}exampleResource> ?e }}"))
    assert 0 < len(examples) <= 5
    subjects = {t.subject for t in triples}
    assert all(row[0] in subjects for row in examples)
