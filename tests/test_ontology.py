"""The ontology (ontology/*.ttl) and the document-type code list: well-formed and complete.

Checks every file of ontology/ and shapes/, including those other modules add: the
conventions stated in ontology/core.ttl apply to all of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from vietgov.paths import MAPPINGS, ONTOLOGY, SHAPES

VG = Namespace("https://w3id.org/vietgov/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ONTOLOGY_IRI = URIRef("https://w3id.org/vietgov/ontology")
SCHEME = URIRef("https://w3id.org/vietgov/code/document-type")
DT = Namespace(str(SCHEME) + "/")

# The doc_type concept ids shared with the extractor (mappings/document_types.yaml).
DOCUMENT_TYPE_SLUGS = {
    "nghi-quyet", "chi-thi", "ket-luan", "quy-dinh", "quyet-dinh", "quyet-dinh-nhan-su",
    "quy-che", "huong-dan", "thong-bao", "thong-cao", "thong-tri", "thong-tu",
    "thong-tu-lien-tich", "nghi-dinh", "luat", "bo-luat", "phap-lenh", "lenh", "hien-phap",
    "dieu-le", "ke-hoach", "chuong-trinh", "de-an", "du-an", "phuong-an", "bao-cao", "bien-ban",
    "to-trinh", "cong-van", "cong-dien", "van-ban-hop-nhat",
}
# Types cited without a letter code in their symbol (or without any symbol).
WITHOUT_NOTATION = {"luat", "bo-luat", "phap-lenh", "hien-phap", "dieu-le"}
FUNCTIONAL = {"documentType", "documentNumber", "typeCode", "issuerCode", "year", "issuedOn"}
# ELI terms we align with; all exist in ELI 1.x (eli:implements is deprecated there, not used).
ELI_TERMS_USED = {"LegalResource", "type_document", "number", "date_document", "passed_by",
                  "cites", "applies", "amends", "repeals"}

ONTOLOGY_FILES = sorted(ONTOLOGY.glob("*.ttl"))
SHAPES_FILES = sorted(SHAPES.glob("*.ttl"))
TERM_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property,
              OWL.AnnotationProperty}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


def _vg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(str(VG))
            and set(graph.objects(s, RDF.type)) & TERM_TYPES}


def _languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str | None]:
    return sorted((o.language or "" for o in graph.objects(subject, predicate)
                   if isinstance(o, Literal)), key=str)


@pytest.mark.parametrize("path", ONTOLOGY_FILES + SHAPES_FILES,
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_parses_without_imports(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    assert len(graph) > 0
    assert not list(graph.triples((None, OWL.imports, None))), "no owl:imports: nothing is fetched"


def test_the_core_files_are_there() -> None:
    names = {p.name for p in ONTOLOGY_FILES}
    assert {"core.ttl", "documents.ttl", "document-types.ttl"} <= names
    assert {"core.ttl", "documents.ttl"} <= {p.name for p in SHAPES_FILES}


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "vg"
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(VG)
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {"vi", "en"} <= set(_languages(ontology, ONTOLOGY_IRI, predicate))
    assert len(list(ontology.subjects(RDF.type, OWL.Ontology))) == 1, "one header, in core.ttl"


def test_expected_classes_and_properties(ontology: Graph) -> None:
    terms = {str(t).removeprefix(str(VG)) for t in _vg_terms(ontology)}
    assert {"NewsArticle", "Mention", "Organization", "OfficialDocument", "PartyDocument",
            "StateDocument", "DocumentType"} <= terms
    assert {"headline", "byline", "outlet", "datePublished", "sourceFile", "sha256",
            "documentType", "documentNumber", "typeCode", "issuerCode", "year", "issuedOn",
            "issuedBy", "title", "surfaceForm", "term", "plenum", "implements", "guides",
            "amends", "replaces", "summarises", "cites"} <= terms


def test_every_vg_term_is_labelled_and_defined_in_vi_and_en(ontology: Graph) -> None:
    problems = []
    for term in sorted(_vg_terms(ontology)):
        name = term.removeprefix(str(VG))
        labels = _languages(ontology, term, RDFS.label)
        if labels.count("vi") != 1 or labels.count("en") != 1:
            problems.append(f"{name}: rdfs:label languages {labels}, want one vi and one en")
        definitions = set(_languages(ontology, term, SKOS.definition))
        if not {"vi", "en"} <= definitions:
            problems.append(f"{name}: skos:definition languages {sorted(definitions)}")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology:
            problems.append(f"{name}: no rdfs:isDefinedBy <{ONTOLOGY_IRI}>")
        if set(ontology.objects(term, RDF.type)) & PROPERTY_TYPES:
            if ontology.value(term, RDFS.domain) is None:
                problems.append(f"{name}: no rdfs:domain")
            if ontology.value(term, RDFS.range) is None:
                problems.append(f"{name}: no rdfs:range")
    assert not problems, "\n".join(problems)


def test_every_vg_term_used_in_the_ontology_is_defined(ontology: Graph) -> None:
    """Catches typos: every vg: IRI is declared (a class, a property or a typed individual)."""
    defined = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(VG))}
    used = {t for triple in ontology for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(VG))}
    assert not used - defined, f"used but not defined: {sorted(used - defined)}"


def test_every_vg_term_used_in_shapes_is_defined(ontology: Graph) -> None:
    defined = {str(t) for t in _vg_terms(ontology)}
    used: set[str] = set()
    for path in SHAPES_FILES:
        shapes = Graph().parse(path, format="turtle")
        for triple in shapes:
            for term in triple:
                if isinstance(term, URIRef) and str(term).startswith(str(VG)):
                    used.add(str(term))
        for query in shapes.objects(None, SH.select):  # terms inside SPARQL constraints
            used.update(str(VG) + name for name in re.findall(r"\bvg:([A-Za-z_][\w-]*)", query))
    missing = sorted(used - defined)
    assert not missing, f"used in shapes/ but not defined in ontology/: {missing}"


def test_functional_properties(ontology: Graph) -> None:
    functional = {str(s).removeprefix(str(VG))
                  for s in ontology.subjects(RDF.type, OWL.FunctionalProperty)}
    assert functional >= FUNCTIONAL
    assert "issuedBy" not in functional, "joint documents have several issuers"
    assert "title" not in functional


def test_class_hierarchy(ontology: Graph) -> None:
    schema = Namespace("https://schema.org/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    oa = Namespace("http://www.w3.org/ns/oa#")
    org = Namespace("http://www.w3.org/ns/org#")
    expected = [
        (VG.NewsArticle, schema.NewsArticle), (VG.NewsArticle, prov.Entity),
        (VG.Mention, oa.Annotation),
        (VG.Organization, org.Organization), (VG.Organization, schema.Organization),
        (VG.OfficialDocument, schema.CreativeWork), (VG.OfficialDocument, prov.Entity),
        (VG.PartyDocument, VG.OfficialDocument), (VG.StateDocument, VG.OfficialDocument),
        (VG.StateDocument, ELI.LegalResource), (VG.DocumentType, SKOS.Concept),
    ]
    for sub, sup in expected:
        assert (sub, RDFS.subClassOf, sup) in ontology, f"{sub} ⊑ {sup}"
    assert (VG.PartyDocument, RDFS.subClassOf, ELI.LegalResource) not in ontology
    assert (VG.PartyDocument, OWL.disjointWith, VG.StateDocument) in ontology


def test_relations_are_sub_properties_of_cites(ontology: Graph) -> None:
    for name in ("implements", "amends", "replaces", "summarises"):
        assert (VG[name], RDFS.subPropertyOf, VG.cites) in ontology
    assert (VG.guides, RDFS.subPropertyOf, VG.implements) in ontology
    for name in ("cites", "implements", "guides", "amends", "replaces", "summarises"):
        assert ontology.value(VG[name], RDFS.domain) == VG.OfficialDocument
        assert ontology.value(VG[name], RDFS.range) == VG.OfficialDocument


def test_eli_alignment_uses_only_existing_non_deprecated_terms(ontology: Graph) -> None:
    used = {str(t).removeprefix(str(ELI)) for triple in ontology for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(ELI))}
    assert "implements" not in used, "eli:implements is deprecated (use eli:applies)"
    assert used - {"title"} <= ELI_TERMS_USED, f"unexpected ELI terms: {used - ELI_TERMS_USED}"
    assert (VG.issuedOn, RDFS.subPropertyOf, ELI.date_document) in ontology
    assert (VG.issuedOn, RDFS.subPropertyOf, DCTERMS.issued) in ontology
    assert (VG.issuedBy, RDFS.subPropertyOf, ELI.passed_by) in ontology
    assert (VG.documentType, RDFS.subPropertyOf, ELI.type_document) in ontology
    assert (VG.replaces, RDFS.subPropertyOf, DCTERMS.replaces) in ontology
    assert (VG.cites, RDFS.subPropertyOf, DCTERMS.references) in ontology


# --- the document-type code list ----------------------------------------------------------


def _concepts(ontology: Graph) -> dict[str, URIRef]:
    return {str(c).removeprefix(str(DT)): c for c in ontology.subjects(RDF.type, SKOS.Concept)
            if str(c).startswith(str(DT))}


def test_document_type_slugs(ontology: Graph) -> None:
    assert set(_concepts(ontology)) == DOCUMENT_TYPE_SLUGS
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in ontology


def test_slug_list_in_the_file_header_matches_the_concepts() -> None:
    text = (ONTOLOGY / "document-types.ttl").read_text(encoding="utf-8")
    lines = text.split("(31 slugs):", 1)[1].splitlines()[1:]
    block = []
    for line in lines[1:] if lines and lines[0].strip() == "#" else lines:
        if line.strip() == "#":
            break
        block.append(line.lstrip("#"))
    listed = " ".join(block).split()
    assert len(listed) == len(set(listed)) == 31
    assert set(listed) == DOCUMENT_TYPE_SLUGS


def test_document_type_slugs_match_the_extractor_mapping() -> None:
    path = MAPPINGS / "document_types.yaml"
    if not path.exists():
        pytest.skip("mappings/document_types.yaml not written yet")
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {row["id"] for row in rows} == DOCUMENT_TYPE_SLUGS


@pytest.mark.parametrize("slug", sorted(DOCUMENT_TYPE_SLUGS))
def test_document_type_concept(ontology: Graph, slug: str) -> None:
    concept = DT[slug]
    assert (concept, RDF.type, VG.DocumentType) in ontology
    assert (concept, SKOS.inScheme, SCHEME) in ontology
    assert sorted(_languages(ontology, concept, SKOS.prefLabel)) == ["en", "vi"]
    assert sorted(_languages(ontology, concept, SKOS.definition)) == ["en", "vi"]
    assert ontology.value(concept, DCTERMS.source) is not None
    top = (concept, SKOS.topConceptOf, SCHEME) in ontology
    broader = ontology.value(concept, SKOS.broader)
    assert top != (broader is not None), "either a top concept or narrower than one"
    assert top == ((SCHEME, SKOS.hasTopConcept, concept) in ontology)
    if broader is not None:
        assert str(broader).removeprefix(str(DT)) in DOCUMENT_TYPE_SLUGS
    notations = [str(n) for n in ontology.objects(concept, SKOS.notation)]
    if slug in WITHOUT_NOTATION:
        assert not notations
    else:
        assert notations and all(re.fullmatch(r"[A-ZĐ][A-Za-zĐ]{0,6}", n) for n in notations)
    vi_label = next(str(o) for o in ontology.objects(concept, SKOS.prefLabel) if o.language == "vi")
    assert _ascii_slug(vi_label) == slug, "slug = ASCII of the Vietnamese name"


def test_shared_notations(ontology: Graph) -> None:
    def with_notation(code: str) -> set[str]:
        return {str(c).removeprefix(str(DT))
                for c in ontology.subjects(SKOS.notation, Literal(code))}

    assert with_notation("QĐ") == {"quyet-dinh", "quy-dinh"}
    assert with_notation("TT") == {"thong-tu", "thong-tri"}
    assert with_notation("NQ") == {"nghi-quyet"}
    assert with_notation("QĐNS") == {"quyet-dinh-nhan-su"}


def _ascii_slug(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text)
                       if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]+", "-", stripped.lower()).strip("-")
