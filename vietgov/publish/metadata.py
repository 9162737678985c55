"""Dataset metadata computed from the data at build time: DCAT-AP 3 (``catalog.ttl``) and VoID
(``void.ttl``), validated with ``shapes/metadata/*.ttl``.

Every metadata node has an IRI under the base IRI (no blank nodes)::

    {base}catalog                               dcat:Catalog
    {base}dataset                               dcat:Dataset and void:Dataset (the graph)
    {base}dataset/distribution/{format}         dcat:Distribution (turtle, n-triples, trig, json-ld)
    {base}dataset/distribution/{format}#checksum  spdx:Checksum (SHA-256 of the file)
    {base}dataset/service/sparql                dcat:DataService (the SPARQL endpoint)
    {base}dataset/partition/class/{slug}        VoID class partition
    {base}dataset/partition/property/{slug}     VoID property partition
    {base}dataset/linkset/{target}/{slug}       void:Linkset (links to one external dataset)
    {base}dataset/target/{target}               void:Dataset of an external link target
    {base}agent/vietgov                         foaf:Agent, the publisher

Where things are published is configurable: ``publish_url`` is the folder the dumps are
downloaded from (default ``{base}dump/``: dcat:accessURL is that folder, dcat:downloadURL
the file in it); ``sparql_endpoint`` is where the publisher serves the SPARQL endpoint
(default http://127.0.0.1:7878/query, what ``vietgov serve`` answers on — a public deployment
passes its own URL).

Determinism: no wall-clock time is published. ``dcterms:modified`` is the latest
``vg:datePublished`` of the articles in the data (left out when there is none); byte sizes and
checksums are those of the files written, which are themselves deterministic.

VoID counts, as computed here (and re-computed by SPARQL in the tests): ``void:triples``
distinct triples; ``void:entities`` distinct subject IRIs in the URI space (the base IRI);
``void:distinctSubjects`` / ``void:distinctObjects`` distinct subjects / objects (literals
included); ``void:properties`` distinct predicates; ``void:classes`` distinct objects of
``rdf:type``; a class partition's ``void:entities`` the distinct subjects of that type; a
property partition's ``void:triples`` the triples with that predicate. A link is a triple
whose predicate is one of :data:`LINK_PREDICATES` and whose object is an IRI outside the base
IRI and the vietgov namespaces; links are grouped into linksets by target dataset
(:data:`KNOWN_TARGETS`, else the object IRI's ``scheme://host/``) and predicate.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyshacl
from pyoxigraph import Literal, NamedNode, Quad, Triple
from rdflib import Graph

from vietgov.paths import SHAPES
from vietgov.publish.jsonld import CONTEXT_REF
from vietgov.publish.serialize import turtle_of
from vietgov.rdf.iris import slug
from vietgov.rdf.namespaces import (
    CODE,
    DCAT,
    DCTERMS,
    FOAF,
    OWL,
    RDF_TYPE,
    SKOS,
    VG,
    VOID,
    WD,
    XSD,
    prefixes,
)

__all__ = [
    "DEFAULT_SPARQL_ENDPOINT",
    "FORMATS",
    "KNOWN_TARGETS",
    "LINK_PREDICATES",
    "METADATA_SHAPES",
    "dataset_description",
    "validate_metadata",
    "write_metadata",
]

SPDX = "http://spdx.org/rdf/terms#"
IANA = "https://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
ONTOLOGY_IRI = "https://w3id.org/vietgov/ontology"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
DEFAULT_SPARQL_ENDPOINT = "http://127.0.0.1:7878/query"
METADATA_SHAPES = SHAPES / "metadata"
VIETGOV_NAMESPACES = ("https://w3id.org/vietgov/", VG, CODE)

LINK_PREDICATES = (OWL + "sameAs", SKOS + "exactMatch", SKOS + "closeMatch")
# Namespace of an external dataset → (key in IRIs, title).
KNOWN_TARGETS = {WD: ("wikidata", "Wikidata")}

TITLE = {"vi": "vietgov: văn bản, cơ quan, nhân sự và sự kiện của Đảng và Nhà nước Việt Nam",
         "en": "vietgov: documents, bodies, people and events of the Vietnamese Party and State"}
DESCRIPTION = {
    "vi": "Đồ thị tri thức RDF trích xuất từ tin tức về công tác Đảng và Nhà nước: văn bản chính"
          " thức và quan hệ giữa chúng, cơ quan ban hành, nhân sự, sự kiện và số liệu. Mỗi sự"
          " kiện dẫn về đúng đoạn văn bản trong bài báo làm căn cứ.",
    "en": "An RDF knowledge graph extracted from news about Party and State affairs: official"
          " documents and how they relate, the bodies that issue them, people, events and"
          " figures. Every fact points back to the exact words of the article it comes from.",
}
CATALOG_TITLE = {"vi": "Danh mục dữ liệu vietgov", "en": "vietgov data catalogue"}
CATALOG_DESCRIPTION = {"vi": "Danh mục các tập dữ liệu và dịch vụ do vietgov công bố.",
                       "en": "The datasets and data services published by vietgov."}
SERVICE_TITLE = {"vi": "Điểm truy vấn SPARQL của vietgov", "en": "vietgov SPARQL endpoint"}
KEYWORDS = {"vi": ("Đảng Cộng sản Việt Nam", "văn bản chính thức", "dữ liệu liên kết"),
            "en": ("Communist Party of Vietnam", "official documents", "linked data")}
PUBLISHER_NAME = "vietgov project"


@dataclass(frozen=True)
class Format:
    """One published serialisation: the distribution's key, media type and EU file type."""

    key: str
    name: str
    media_type: str
    file_type: str


FORMATS = {f.key: f for f in (
    Format("turtle", "Turtle", "text/turtle", "RDF_TURTLE"),
    Format("n-triples", "N-Triples", "application/n-triples", "RDF_N_TRIPLES"),
    Format("trig", "TriG", "application/trig", "RDF_TRIG"),
    Format("json-ld", "JSON-LD", "application/ld+json", "JSON_LD"),
)}

_XSD_INTEGER = NamedNode(XSD + "integer")
_TYPE = NamedNode(RDF_TYPE)
_EXAMPLES = 5


# --- public API ---------------------------------------------------------------------------


def dataset_description(
    triples: list[Triple],
    quads: list[Quad],
    base_iri: str,
    files: dict[str, Path],
    *,
    publish_url: str | None = None,
    sparql_endpoint: str = DEFAULT_SPARQL_ENDPOINT,
) -> list[Triple]:
    """DCAT-AP and VoID descriptions of the published graph, sorted.

    ``triples`` is the published graph, ``quads`` the same with its named graphs, ``files``
    maps a key of :data:`FORMATS` to the file written in that format.
    """
    return _sorted([*_dcat(triples, quads, base_iri, files, publish_url, sparql_endpoint),
                    *_void(triples, base_iri, files, publish_url, sparql_endpoint)])


def write_metadata(
    triples: list[Triple],
    quads: list[Quad],
    base_iri: str,
    files: dict[str, Path],
    out_dir: Path,
    *,
    publish_url: str | None = None,
    sparql_endpoint: str = DEFAULT_SPARQL_ENDPOINT,
) -> tuple[bool, str]:
    """Write ``out_dir/catalog.ttl`` (DCAT) and ``out_dir/void.ttl`` (VoID); validate both.

    Returns ``(conforms, report_text)`` of :func:`validate_metadata` over the two together;
    the caller fails the build when the metadata does not conform.
    """
    dcat = _sorted(_dcat(triples, quads, base_iri, files, publish_url, sparql_endpoint))
    void = _sorted(_void(triples, base_iri, files, publish_url, sparql_endpoint))
    turtle_of(dcat, out_dir / "catalog.ttl")
    turtle_of(void, out_dir / "void.ttl")
    return validate_metadata([*dcat, *void])


def validate_metadata(triples: Iterable[Triple],
                      shapes_dir: Path = METADATA_SHAPES) -> tuple[bool, str]:
    """Validate a metadata graph against ``shapes_dir/*.ttl`` (DCAT-AP and VoID shapes)."""
    data = Graph().parse(data="".join(f"{t} .\n" for t in triples), format="nt")
    shapes = Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    conforms, _report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, do_owl_imports=False)
    return bool(conforms), str(text)


# --- DCAT-AP ------------------------------------------------------------------------------


def _dcat(triples: list[Triple], quads: list[Quad], base: str, files: dict[str, Path],
          publish_url: str | None, endpoint: str) -> Iterator[Triple]:
    catalog, dataset, service = _iri(base, "catalog"), _iri(base, "dataset"), _service(base)
    publisher = _iri(base, "agent/vietgov")
    dump = publish_url or base + "dump/"

    yield Triple(catalog, _TYPE, _dc("Catalog"))
    yield from _texts(catalog, DCTERMS + "title", CATALOG_TITLE)
    yield from _texts(catalog, DCTERMS + "description", CATALOG_DESCRIPTION)
    yield Triple(catalog, _dt("publisher"), publisher)
    yield Triple(catalog, _dc("dataset"), dataset)
    yield Triple(catalog, _dc("service"), service)
    yield Triple(catalog, _dt("language"), NamedNode(EU_LANGUAGE + "VIE"))

    yield Triple(publisher, _TYPE, NamedNode(FOAF + "Agent"))
    yield Triple(publisher, NamedNode(FOAF + "name"), Literal(PUBLISHER_NAME))

    yield Triple(dataset, _TYPE, _dc("Dataset"))
    yield from _texts(dataset, DCTERMS + "title", TITLE)
    yield from _texts(dataset, DCTERMS + "description", DESCRIPTION)
    yield Triple(dataset, _dt("publisher"), publisher)
    yield Triple(dataset, _dt("license"), NamedNode(LICENCE))
    yield Triple(dataset, _dt("conformsTo"), NamedNode(ONTOLOGY_IRI))
    yield Triple(dataset, _dt("language"), NamedNode(EU_LANGUAGE + "VIE"))
    yield Triple(dataset, _dt("spatial"), NamedNode(EU_COUNTRY + "VNM"))
    yield Triple(dataset, _dc("theme"), NamedNode(EU_THEME + "GOVE"))
    for lang, words in KEYWORDS.items():
        for word in words:
            yield Triple(dataset, _dc("keyword"), Literal(word, language=lang))
    modified = _latest_article_date(triples)
    if modified is not None:
        yield Triple(dataset, _dt("modified"), modified)

    graphs = len({q.graph_name for q in quads})
    for key in sorted(files):
        fmt = FORMATS[key]
        path = files[key]
        dist = _iri(base, f"dataset/distribution/{key}")
        data = path.read_bytes()
        yield Triple(dataset, _dc("distribution"), dist)
        yield Triple(dist, _TYPE, _dc("Distribution"))
        yield Triple(dist, _dt("title"), Literal(f"vietgov ({fmt.name})", language="en"))
        yield Triple(dist, _dt("title"), Literal(f"vietgov (định dạng {fmt.name})", language="vi"))
        if key == "trig":
            yield Triple(dist, _dt("description"), Literal(
                f"{graphs} named graphs: one per source article, one for curated reference data",
                language="en"))
        if key == "json-ld":
            yield Triple(dist, _dt("description"), Literal(
                f"Compacted with the JSON-LD context {CONTEXT_REF}, published beside it",
                language="en"))
        yield Triple(dist, _dc("accessURL"), NamedNode(dump))
        yield Triple(dist, _dc("downloadURL"), NamedNode(dump + path.name))
        yield Triple(dist, _dc("mediaType"), NamedNode(IANA + fmt.media_type))
        yield Triple(dist, _dt("format"), NamedNode(FILE_TYPE + fmt.file_type))
        yield Triple(dist, _dt("license"), NamedNode(LICENCE))
        yield Triple(dist, _dc("byteSize"),
                     Literal(str(len(data)), datatype=NamedNode(XSD + "nonNegativeInteger")))
        yield Triple(dist, _dc("accessService"), service)
        checksum = NamedNode(dist.value + "#checksum")
        yield Triple(dist, NamedNode(SPDX + "checksum"), checksum)
        yield Triple(checksum, _TYPE, NamedNode(SPDX + "Checksum"))
        yield Triple(checksum, NamedNode(SPDX + "algorithm"),
                     NamedNode(SPDX + "checksumAlgorithm_sha256"))
        yield Triple(checksum, NamedNode(SPDX + "checksumValue"),
                     Literal(hashlib.sha256(data).hexdigest(),
                             datatype=NamedNode(XSD + "hexBinary")))

    yield Triple(service, _TYPE, _dc("DataService"))
    yield from _texts(service, DCTERMS + "title", SERVICE_TITLE)
    yield Triple(service, _dc("endpointURL"), NamedNode(endpoint))
    yield Triple(service, _dc("servesDataset"), dataset)
    yield Triple(service, _dt("conformsTo"), NamedNode(SPARQL_PROTOCOL))
    yield Triple(service, _dt("publisher"), publisher)


def _latest_article_date(triples: list[Triple]) -> Literal | None:
    predicate = NamedNode(VG + "datePublished")
    dates = [t.object for t in triples if t.predicate == predicate
             and isinstance(t.object, Literal) and t.object.datatype.value == XSD + "date"]
    return max(dates, key=lambda d: d.value, default=None)


# --- VoID ---------------------------------------------------------------------------------


def _void(triples: list[Triple], base: str, files: dict[str, Path], publish_url: str | None,
          endpoint: str) -> Iterator[Triple]:
    dataset = _iri(base, "dataset")
    dump = publish_url or base + "dump/"
    subjects = {t.subject for t in triples}
    classes: dict[NamedNode, set[NamedNode]] = defaultdict(set)
    for t in triples:
        if t.predicate == _TYPE and isinstance(t.object, NamedNode):
            classes[t.object].add(t.subject)
    by_property = Counter(t.predicate for t in triples)

    yield Triple(dataset, _TYPE, _vd("Dataset"))
    yield from _texts(dataset, DCTERMS + "title", TITLE)
    yield Triple(dataset, _vd("uriSpace"), Literal(base))
    yield Triple(dataset, _vd("triples"), _int(len(triples)))
    yield Triple(dataset, _vd("entities"), _int(sum(
        isinstance(s, NamedNode) and s.value.startswith(base) for s in subjects)))
    yield Triple(dataset, _vd("distinctSubjects"), _int(len(subjects)))
    yield Triple(dataset, _vd("distinctObjects"), _int(len({t.object for t in triples})))
    yield Triple(dataset, _vd("properties"), _int(len(by_property)))
    yield Triple(dataset, _vd("classes"), _int(len({t.object for t in triples
                                                     if t.predicate == _TYPE})))
    yield Triple(dataset, _vd("sparqlEndpoint"), NamedNode(endpoint))
    for key in sorted(files):
        yield Triple(dataset, _vd("dataDump"), NamedNode(dump + files[key].name))
    for vocabulary in _vocabularies([*by_property, *classes]):
        yield Triple(dataset, _vd("vocabulary"), NamedNode(vocabulary))
    for example in _examples(classes, base):
        yield Triple(dataset, _vd("exampleResource"), example)

    class_slugs = _slugs(classes)
    for cls in sorted(classes, key=str):
        partition = _iri(base, f"dataset/partition/class/{class_slugs[cls]}")
        yield Triple(dataset, _vd("classPartition"), partition)
        yield Triple(partition, _vd("class"), cls)
        yield Triple(partition, _vd("entities"), _int(len(classes[cls])))
    property_slugs = _slugs(by_property)
    for prop in sorted(by_property, key=str):
        partition = _iri(base, f"dataset/partition/property/{property_slugs[prop]}")
        yield Triple(dataset, _vd("propertyPartition"), partition)
        yield Triple(partition, _vd("property"), prop)
        yield Triple(partition, _vd("triples"), _int(by_property[prop]))

    yield from _linksets(triples, base, dataset)


def _linksets(triples: list[Triple], base: str, dataset: NamedNode) -> Iterator[Triple]:
    links: Counter[tuple[str, NamedNode]] = Counter()
    targets: dict[str, tuple[str, str | None]] = {}
    link_predicates = {NamedNode(p) for p in LINK_PREDICATES}
    for t in triples:
        if t.predicate not in link_predicates or not isinstance(t.object, NamedNode):
            continue
        target = _target(t.object.value, base)
        if target is not None:
            key, space, title = target
            targets[key] = (space, title)
            links[(key, t.predicate)] += 1
    for key, (space, title) in sorted(targets.items()):
        node = _iri(base, f"dataset/target/{key}")
        yield Triple(node, _TYPE, _vd("Dataset"))
        yield Triple(node, _vd("uriSpace"), Literal(space))
        if title:
            yield Triple(node, _dt("title"), Literal(title))
    for (key, predicate), count in sorted(links.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        linkset = _iri(base, f"dataset/linkset/{key}/{_slug(predicate.value)}")
        yield Triple(dataset, _vd("subset"), linkset)
        yield Triple(linkset, _TYPE, _vd("Linkset"))
        yield Triple(linkset, _vd("subjectsTarget"), dataset)
        yield Triple(linkset, _vd("objectsTarget"), _iri(base, f"dataset/target/{key}"))
        yield Triple(linkset, _vd("linkPredicate"), predicate)
        yield Triple(linkset, _vd("triples"), _int(count))


def _target(iri: str, base: str) -> tuple[str, str, str | None] | None:
    """(key, URI space, title) of the external dataset an IRI belongs to; None if internal."""
    if iri.startswith((base, *VIETGOV_NAMESPACES)):
        return None
    for space, (key, title) in KNOWN_TARGETS.items():
        if iri.startswith(space):
            return key, space, title
    parts = urlsplit(iri)
    if not parts.scheme or not parts.netloc:
        return None
    return slug(parts.netloc), f"{parts.scheme}://{parts.netloc}/", None


def _vocabularies(iris: Iterable[NamedNode]) -> list[str]:
    """The vocabularies (namespace IRIs without a trailing ``#``) the terms belong to."""
    spaces = sorted(prefixes().values(), key=len, reverse=True)
    found = set()
    for iri in iris:
        space = next((s for s in spaces if iri.value.startswith(s)), None)
        if space is not None and not space.startswith(CODE):
            found.add(space.removesuffix("#"))
    return sorted(found)


def _examples(classes: dict[NamedNode, set[NamedNode]], base: str) -> list[NamedNode]:
    """The first instance (in IRI order) of each of the most populous ``vg:`` classes
    (mentions aside), at most :data:`_EXAMPLES`."""
    examples: list[NamedNode] = []
    ranked = sorted((c for c in classes if c.value.startswith(VG) and c.value != VG + "Mention"),
                    key=lambda c: (-len(classes[c]), c.value))
    for cls in ranked:
        inside = sorted((s for s in classes[cls] if isinstance(s, NamedNode)
                         and s.value.startswith(base)), key=str)
        if inside and inside[0] not in examples:
            examples.append(inside[0])
        if len(examples) == _EXAMPLES:
            break
    return examples


def _slugs(iris: Iterable[NamedNode]) -> dict[NamedNode, str]:
    """A path segment per IRI (``vg-newsarticle``), unique: clashing slugs get a hash."""
    first = {iri: _slug(iri.value) for iri in iris}
    clashes = Counter(first.values())
    return {iri: s if clashes[s] == 1 else f"{s}-{hashlib.sha1(iri.value.encode()).hexdigest()[:8]}"
            for iri, s in first.items()}


def _slug(iri: str) -> str:
    spaces = prefixes()
    name = max((n for n, ns in spaces.items() if iri.startswith(ns) and len(iri) > len(ns)),
               key=lambda n: len(spaces[n]), default=None)
    return slug(f"{name}-{iri[len(spaces[name]):]}" if name else iri)


# --- small helpers ------------------------------------------------------------------------


def _sorted(triples: Iterable[Triple]) -> list[Triple]:
    return sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _iri(base: str, path: str) -> NamedNode:
    return NamedNode(base + path)


def _service(base: str) -> NamedNode:
    return _iri(base, "dataset/service/sparql")


def _dc(local: str) -> NamedNode:
    return NamedNode(DCAT + local)


def _dt(local: str) -> NamedNode:
    return NamedNode(DCTERMS + local)


def _vd(local: str) -> NamedNode:
    return NamedNode(VOID + local)


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=_XSD_INTEGER)


def _texts(subject: NamedNode, predicate: str, texts: dict[str, str]) -> Iterator[Triple]:
    for lang, text in texts.items():
        yield Triple(subject, NamedNode(predicate), Literal(text, language=lang))
