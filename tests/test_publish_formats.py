"""JSON-LD, Turtle, N-Triples and TriG hold the same triples; the JSON-LD context ships with the
project, is up to date with the ontology, and nothing is fetched to read a dump."""

from __future__ import annotations

import json
import random
import socket
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse

from vietgov.paths import CORPUS
from vietgov.pipeline import BuildSummary, article_statements, extract_corpus, quads_of
from vietgov.publish.jsonld import (
    CONTEXT_FILE,
    CONTEXT_REF,
    build_context,
    context_text,
    copy_context,
    read_jsonld,
    write_jsonld,
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
from vietgov.rdf.namespaces import DCTERMS, OA, OWL, RDF_TYPE, RDFS, SCHEMA, VG, WD, XSD

BASE = "https://data.example.org/vg/"
OTHER_BASE = "https://elsewhere.example.net/id/"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _lit(value: str, datatype: str | None = None, lang: str | None = None) -> Literal:
    if lang:
        return Literal(value, language=lang)
    return Literal(value, datatype=_n(datatype)) if datatype else Literal(value)


def _sample_quads(base: str = BASE) -> list[Quad]:
    """A small graph that exercises every way a value can (or cannot) be written short."""
    doc, org, art = _n(base + "document/tw/nq/2031/7"), _n(base + "org/ban-x"), _n(
        base + "article/a1")
    mention = _n(base + "article/a1/mention/10-20")
    odd = _n(base + "odd:colon/x")  # must not become a relative reference
    graph, ref = art, _n(base + "graph/reference")
    facts = [
        Triple(doc, _n(RDF_TYPE), _n(VG + "PartyDocument")),
        Triple(doc, _n(RDF_TYPE), _n(SCHEMA + "Legislation")),  # a class without a term
        Triple(doc, _n(VG + "issuedOn"), _lit("2031-02-03", XSD + "date")),
        Triple(doc, _n(VG + "issuedOn"), _lit("đầu năm", lang="vi")),  # not the coerced type
        Triple(doc, _n(VG + "year"), _lit("2031", XSD + "gYear")),
        Triple(doc, _n(VG + "plenum"), _lit("007", XSD + "integer")),  # lexical form kept
        Triple(doc, _n(VG + "documentNumber"), _lit("7")),
        Triple(doc, _n(VG + "issuedBy"), org),
        Triple(doc, _n(VG + "issuedBy"), _lit("một ban nào đó")),  # a literal where IRIs go
        Triple(doc, _n(VG + "issuedBy"), _n(OTHER_BASE + "org/9")),
        Triple(doc, _n(VG + "cites"), odd),
        Triple(doc, _n(VG + "title"), _lit("về một việc \"thử\"\nhai dòng", lang="vi")),
        Triple(doc, _n(VG + "title"), _lit("on a test matter", lang="en")),
        Triple(doc, _n(VG + "title"), _lit("no language")),
        Triple(doc, _n(RDFS + "label"), _lit("Nghị quyết 7", lang="vi")),
        Triple(doc, _n(RDFS + "label"), _lit("Resolution 7", lang="en")),
        Triple(doc, _n(RDFS + "label"), _lit("Resolution No. 7", lang="en")),
        Triple(doc, _n(RDFS + "label"), _lit("plain label")),
        Triple(doc, _n(DCTERMS + "identifier"), _lit("7-NQ/TW")),
        Triple(doc, _n(VG + "unknownProperty"), _lit("x", "http://example.org/dt#custom")),
        Triple(org, _n(RDF_TYPE), _n(VG + "Organization")),
        Triple(org, _n(OWL + "sameAs"), _n(WD + "Q1")),
        Triple(odd, _n(RDFS + "label"), _lit("odd", lang="en")),
        Triple(mention, _n(RDF_TYPE), _n(VG + "Mention")),
        Triple(mention, _n(OA + "hasBody"), doc),
        Triple(mention, _n(OA + "hasTarget"), _n(mention.value + "#target")),
        Triple(_n(mention.value + "#position"), _n(OA + "start"),
               _lit("10", XSD + "nonNegativeInteger")),
        Triple(_n(mention.value + "#position"), _n(OA + "end"), _lit("20", XSD + "integer")),
        Triple(art, _n(VG + "datePublished"), _lit("2031-02-04", XSD + "date")),
    ]
    quads = [Quad(t.subject, t.predicate, t.object, graph) for t in facts]
    quads.append(Quad(org, _n(RDFS + "label"), _lit("Ban X", lang="vi"), ref))
    return sorted_quads(quads)


def _write_all(quads: list[Quad], out: Path, base: str) -> dict[str, Path]:
    triples = sorted_triples(quads)
    files = {"nt": out / "vietgov.nt", "ttl": out / "vietgov.ttl", "trig": out / "vietgov.trig",
             "jsonld": out / "vietgov.jsonld"}
    lines = QuadLines.from_quads(quads)
    write_ntriples(lines, files["nt"])
    write_turtle(triples, files["ttl"])
    write_trig(lines, files["trig"])
    write_jsonld(triples, files["jsonld"], base)
    copy_context(out)
    return files


def _read(files: dict[str, Path]) -> dict[str, set[Triple]]:
    return {
        "nt": {q.triple for q in parse(path=str(files["nt"]), format=RdfFormat.N_TRIPLES)},
        "ttl": {q.triple for q in parse(path=str(files["ttl"]), format=RdfFormat.TURTLE)},
        "trig": {q.triple for q in parse(path=str(files["trig"]), format=RdfFormat.TRIG)},
        "jsonld": set(read_jsonld(files["jsonld"])),
    }


def _rdflib(path: Path, fmt: str) -> set[tuple[object, object, object]]:
    """A dump read by rdflib (an independent JSON-LD processor; it normalises lexical forms
    such as ``"007"^^xsd:integer``, so compare it with rdflib's reading of N-Triples)."""
    return set(rdflib.Graph().parse(path, format=fmt))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
def test_all_formats_hold_the_same_triples(tmp_path: Path, no_network: None) -> None:
    quads = _sample_quads()
    files = _write_all(quads, tmp_path, BASE)
    read = _read(files)
    expected = set(sorted_triples(quads))
    for name, triples in read.items():
        assert triples == expected, name
    assert _rdflib(files["jsonld"], "json-ld") == _rdflib(files["nt"], "nt")


def test_jsonld_is_compact_where_it_can_be_and_exact_where_it_cannot(tmp_path: Path) -> None:
    write_jsonld(sorted_triples(_sample_quads()), tmp_path / "d.jsonld", BASE)
    document = json.loads((tmp_path / "d.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == [CONTEXT_REF, {"@base": BASE}]
    nodes = {n["@id"]: n for n in document["@graph"]}
    doc = nodes["document/tw/nq/2031/7"]  # relative to @base
    assert doc["@type"] == ["PartyDocument", "schema:Legislation"]
    assert "2031-02-03" in doc["issuedOn"]  # coerced to xsd:date by the context
    assert {"@language": "vi", "@value": "đầu năm"} in doc["issuedOn"]
    assert doc["label"]["en"] == ["Resolution 7", "Resolution No. 7"]  # a language map
    assert doc["rdfs:label"] == "plain label"  # not language-tagged: outside the map
    assert "org/ban-x" in doc["issuedBy"] and {"@value": "một ban nào đó"} in doc["issuedBy"]
    assert OTHER_BASE + "org/9" in doc["issuedBy"]
    assert doc["cites"] == BASE + "odd:colon/x"  # a colon: kept absolute
    assert nodes["org/ban-x"]["sameAs"] == "wd:Q1"


def test_jsonld_output_is_deterministic(tmp_path: Path) -> None:
    triples = sorted_triples(_sample_quads())
    write_jsonld(triples, tmp_path / "a.jsonld", BASE)
    shuffled = list(triples)
    random.Random(7).shuffle(shuffled)
    write_jsonld(shuffled, tmp_path / "b.jsonld", BASE)
    assert (tmp_path / "a.jsonld").read_bytes() == (tmp_path / "b.jsonld").read_bytes()
    ids = [n["@id"] for n in json.loads((tmp_path / "a.jsonld").read_text())["@graph"]]
    assert ids == sorted(ids)


def test_jsonld_refuses_blank_nodes(tmp_path: Path) -> None:
    from pyoxigraph import BlankNode

    with pytest.raises(ValueError, match="IRIs and literals"):
        write_jsonld([Triple(_n(BASE + "a"), _n(VG + "cites"), BlankNode())],
                     tmp_path / "x.jsonld", BASE)


def test_a_base_without_trailing_slash_keeps_iris_absolute(tmp_path: Path) -> None:
    base = "https://data.example.org/vg/id-"  # a relative "document/…" would resolve wrongly
    quads = _sample_quads(base)
    files = _write_all(quads, tmp_path, base)
    assert set(read_jsonld(files["jsonld"])) == set(sorted_triples(quads))
    ids = [n["@id"] for n in json.loads(files["jsonld"].read_text())["@graph"]]
    assert base + "document/tw/nq/2031/7" in ids


def test_reading_refuses_any_other_remote_context(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": "https://example.org/context.jsonld",
                                "@id": "https://example.org/x"}), encoding="utf-8")
    with pytest.raises(ValueError, match="remote JSON-LD context"):
        read_jsonld(path)


def test_the_context_is_shipped_and_up_to_date() -> None:
    assert CONTEXT_FILE.is_file()
    assert CONTEXT_FILE.read_text(encoding="utf-8") == context_text(), (
        "context/vietgov.jsonld is stale: run `python -m vietgov.publish.jsonld`")


def test_copy_context_makes_the_dump_self_contained(tmp_path: Path) -> None:
    target = copy_context(tmp_path)
    assert target == tmp_path / CONTEXT_REF
    assert target.read_bytes() == CONTEXT_FILE.read_bytes()


def test_context_coercions_follow_the_ontology(tmp_path: Path) -> None:
    (tmp_path / "tiny.ttl").write_text("""
        @prefix vg: <https://w3id.org/vietgov/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        vg:Widget a owl:Class .
        vg:partOf a owl:ObjectProperty ; rdfs:range vg:Widget .
        vg:madeOn a owl:DatatypeProperty ; rdfs:range xsd:date .
        vg:caption a owl:DatatypeProperty ; rdfs:range rdf:langString .
        vg:code a owl:DatatypeProperty ; rdfs:range xsd:string .
        vg:label a owl:DatatypeProperty ; rdfs:range xsd:string .
        <http://example.org/other#thing> a owl:Class .
    """, encoding="utf-8")
    context = build_context(tmp_path)["@context"]
    assert context["Widget"] == "vg:Widget"
    assert context["partOf"] == {"@id": "vg:partOf", "@type": "@id"}
    assert context["madeOn"] == {"@id": "vg:madeOn", "@type": "xsd:date"}
    assert context["caption"] == {"@id": "vg:caption", "@container": "@language"}
    assert context["code"] == {"@id": "vg:code"}
    assert context["label"] == {"@id": "vg:label"}  # a vg: term wins over rdfs:label's term
    assert context["vg"] == VG
    assert "thing" not in context


def test_every_vocabulary_term_of_the_shipped_context_is_in_the_ontology() -> None:
    from rdflib import URIRef

    from vietgov.publish.ontology_docs import merged_ontology

    ontology = merged_ontology()
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    for name, definition in context.items():
        short = definition if isinstance(definition, str) else definition["@id"]
        if short.startswith("vg:"):
            assert (URIRef(VG + short[3:]), None, None) in ontology, name


@pytest.fixture(scope="module")
def corpus_quads() -> list[Quad]:
    """The bundled corpus extracted and mapped (unvalidated: the shapes are not at issue)."""
    iris = Iris()
    statements = []
    for found in extract_corpus(CORPUS, BuildSummary("", "", "")):
        statements.extend(article_statements(found, iris, CORPUS))
    return quads_of(statements, iris)


def test_the_corpus_round_trips_through_every_format(corpus_quads: list[Quad], tmp_path: Path,
                                                     no_network: None) -> None:
    files = _write_all(corpus_quads, tmp_path, Iris().base)
    expected = set(sorted_triples(corpus_quads))
    assert len(expected) > 100
    for name, triples in _read(files).items():
        assert triples == expected, name
