"""The SHACL shapes (shapes/*.ttl) and vietgov.validate, on small graphs built by hand.

A minimal valid graph (an article, a mention per document, provenance nodes, a Party and a
State document, an organisation) must conform; each broken copy must be rejected by exactly
the shapes named in the case — checked by source shape, focus node and path, not only by
``conforms``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from vietgov.paths import SHAPES
from vietgov.validate import ValidationResult, Violation, validate, validate_in_chunks

VG = Namespace("https://w3id.org/vietgov/ontology#")
VGSH = Namespace("https://w3id.org/vietgov/shapes#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DT = Namespace("https://w3id.org/vietgov/code/document-type/")

BASE = "https://w3id.org/vietgov/id/"
ART = URIRef(BASE + "article/000")
ORG = URIRef(BASE + "org/bo-chinh-tri")
DOC = URIRef(BASE + "document/tw/nq/2024/57")  # Party: Nghị quyết 57-NQ/TW
STATE = URIRef(BASE + "document/bct/qd/2024/3255")  # State: Quyết định 3255/QĐ-BCT
M_DOC = URIRef(f"{ART}/mention/100-130")
M_STATE = URIRef(f"{ART}/mention/200-240")


def _date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def _year(text: str) -> Literal:
    return Literal(text, datatype=XSD.gYear)


def statement_iri(s: URIRef, p: URIRef, o: URIRef | Literal, mention: URIRef) -> URIRef:
    digest = hashlib.sha1("\x1f".join((s, p, o.n3(), mention)).encode()).hexdigest()[:20]
    return URIRef(f"{BASE}statement/{digest}")


def add_fact(g: Graph, s: URIRef, p: URIRef, o: URIRef | Literal, mention: URIRef) -> URIRef:
    """The fact and its provenance node (as vietgov.rdf.emit writes them)."""
    g.add((s, p, o))
    st = statement_iri(s, p, o, mention)
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, PROV.wasDerivedFrom, mention))
    return st


def replace_fact(g: Graph, s: URIRef, p: URIRef, new: URIRef | Literal | None) -> None:
    """Replace (or, with ``new=None``, remove) every value of ``s p`` and its provenance."""
    for st in list(g.subjects(RDF.subject, s)):
        if (st, RDF.predicate, p) in g:
            mention = g.value(st, PROV.wasDerivedFrom)
            g.remove((st, None, None))
            if new is not None and mention is not None:
                add_fact(g, s, p, new, mention)
    g.remove((s, p, None))
    if new is not None:
        g.add((s, p, new))


def add_mention(g: Graph, mention: URIRef, body: URIRef, start: int, end: int, text: str) -> None:
    target, position, quote = (URIRef(f"{mention}#{n}") for n in ("target", "position", "quote"))
    g.add((mention, RDF.type, VG.Mention))
    g.add((mention, OA.motivatedBy, OA.identifying))
    g.add((mention, OA.hasBody, body))
    g.add((mention, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, ART))
    g.add((target, OA.hasSelector, position))
    g.add((target, OA.hasSelector, quote))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(text, lang="vi")))


def valid_graph() -> Graph:
    g = Graph()
    # the article (facts computed from the file: no provenance nodes)
    g.add((ART, RDF.type, VG.NewsArticle))
    g.add((ART, RDFS.label, Literal("Đảng bộ Bộ Công Thương: Đẩy mạnh công tác xây dựng Đảng",
                                    lang="vi")))
    g.add((ART, VG.headline, Literal("Đảng bộ Bộ Công Thương: Đẩy mạnh công tác xây dựng Đảng",
                                     lang="vi")))
    g.add((ART, VG.byline, Literal("Minh Anh")))
    g.add((ART, VG.outlet, Literal("Báo Công Thương")))
    g.add((ART, VG.datePublished, _date("2025-01-10")))
    g.add((ART, VG.sourceFile, Literal("000.txt")))
    g.add((ART, VG.sha256, Literal(hashlib.sha256(b"article").hexdigest())))
    # a curated organisation (reference data: dcterms:source, no mention)
    g.add((ORG, RDF.type, VG.Organization))
    g.add((ORG, RDFS.label, Literal("Bộ Chính trị", lang="vi")))
    g.add((ORG, RDFS.label, Literal("Politburo", lang="en")))
    g.add((ORG, DCTERMS.source, Literal("mappings/organisations.yaml")))
    # Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị
    add_mention(g, M_DOC, DOC, 100, 130, "Nghị quyết số 57-NQ/TW ngày 22/12/2024")
    for p, o in [
        (RDF.type, VG.PartyDocument),
        (RDFS.label, Literal("Nghị quyết 57-NQ/TW", lang="vi")),
        (VG.documentType, DT["nghi-quyet"]),
        (DCTERMS.identifier, Literal("57-NQ/TW")),
        (ELI.id_local, Literal("57-NQ/TW")),
        (VG.documentNumber, Literal("57")),
        (VG.typeCode, Literal("NQ")),
        (VG.issuerCode, Literal("TW")),
        (VG.year, _year("2024")),
        (VG.issuedOn, _date("2024-12-22")),
        (VG.issuedBy, ORG),
        (VG["title"], Literal("về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và "
                           "chuyển đổi số quốc gia", lang="vi")),
        (VG.surfaceForm, Literal("57/NQ-TW")),
        (VG["term"], Literal("XIII")),
    ]:
        add_fact(g, DOC, p, o, M_DOC)
    # Quyết định số 3255/QĐ-BCT ngày 30/12/2024 … thực hiện Nghị quyết 57
    add_mention(g, M_STATE, STATE, 200, 240, "Quyết định số 3255/QĐ-BCT ngày 30/12/2024")
    for p, o in [
        (RDF.type, VG.StateDocument),
        (RDFS.label, Literal("Quyết định 3255/QĐ-BCT", lang="vi")),
        (VG.documentType, DT["quyet-dinh"]),
        (DCTERMS.identifier, Literal("3255/QĐ-BCT")),
        (ELI.id_local, Literal("3255/QĐ-BCT")),
        (VG.documentNumber, Literal("3255")),
        (VG.typeCode, Literal("QĐ")),
        (VG.issuerCode, Literal("BCT")),
        (VG.year, _year("2024")),
        (VG.issuedOn, _date("2024-12-30")),
        (VG.implements, DOC),  # sh:class vg:OfficialDocument accepts a vg:PartyDocument
    ]:
        add_fact(g, STATE, p, o, M_STATE)
    return g


def errors(result: ValidationResult) -> set[str]:
    return {v.source_shape.removeprefix(str(VGSH)) for v in result.errors}


def results_of(result: ValidationResult, shape: str) -> list[Violation]:
    return [v for v in result.violations if v.source_shape == str(VGSH[shape])]


# --- the valid graph ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def valid_result() -> ValidationResult:
    return validate(valid_graph())


def test_valid_graph_conforms(valid_result: ValidationResult) -> None:
    assert valid_result.conforms, valid_result.report_text
    assert valid_result.violations == [], valid_result.report_text
    assert "conforms" in valid_result.report_text


def test_input_graph_is_not_modified() -> None:
    g = valid_graph()
    before = len(g)
    validate(g)
    assert len(g) == before


# --- broken copies ------------------------------------------------------------------------

Mutation = Callable[[Graph], None]


def _set(s: URIRef, p: URIRef, o: URIRef | Literal | None) -> Mutation:
    return lambda g: replace_fact(g, s, p, o)


def _add(s: URIRef, p: URIRef, o: URIRef | Literal, mention: URIRef = M_DOC) -> Mutation:
    return lambda g: add_fact(g, s, p, o, mention)


def _add_plain(s: URIRef, p: URIRef, o: URIRef | Literal) -> Mutation:
    return lambda g: g.add((s, p, o))


def _remove(s: URIRef | None, p: URIRef | None, o: URIRef | Literal | None = None) -> Mutation:
    return lambda g: g.remove((s, p, o))


def _identifier(doc: URIRef, text: str) -> Mutation:
    def mutate(g: Graph) -> None:
        replace_fact(g, doc, DCTERMS.identifier, Literal(text))
        replace_fact(g, doc, ELI.id_local, Literal(text))
    return mutate


def _both(*mutations: Mutation) -> Mutation:
    def mutate(g: Graph) -> None:
        for m in mutations:
            m(g)
    return mutate


def _rename(old: URIRef, new: URIRef) -> Mutation:
    def mutate(g: Graph) -> None:
        for s, p, o in list(g):
            if old in (s, o):
                g.remove((s, p, o))
                g.add((new if s == old else s, p, new if o == old else o))
    return mutate


def _statement_of(g: Graph, s: URIRef, p: URIRef) -> URIRef:
    return next(st for st in g.subjects(RDF.subject, s) if (st, RDF.predicate, p) in g)


def _drop_derivation(g: Graph) -> None:
    st = _statement_of(g, DOC, VG.issuedOn)
    g.remove((st, PROV.wasDerivedFrom, None))


def _derive_from_article(g: Graph) -> None:
    st = _statement_of(g, DOC, VG.issuedOn)
    g.remove((st, PROV.wasDerivedFrom, None))
    g.add((st, PROV.wasDerivedFrom, ART))


def _second_object(g: Graph) -> None:
    g.add((_statement_of(g, DOC, VG.issuedOn), RDF.object, _date("2024-12-23")))


def _rename_statement(g: Graph) -> None:
    st = _statement_of(g, DOC, VG.issuedOn)
    _rename(st, URIRef(BASE + "statement/not-a-hash"))(g)


POSITION = URIRef(f"{M_DOC}#position")
QUOTE = URIRef(f"{M_DOC}#quote")
TARGET = URIRef(f"{M_DOC}#target")
NNI = XSD.nonNegativeInteger

# (id, mutation, shapes that must report a violation — exactly these —, focus node, path)
CASES: list[tuple[str, Mutation, set[str], URIRef, URIRef | None]] = [
    # --- documents: datatypes and cardinalities
    ("issuedOn-wrong-datatype", _set(DOC, VG.issuedOn, Literal("2024-12-22")),
     {"OfficialDocument-issuedOn"}, DOC, VG.issuedOn),
    ("two-issuedOn", _add(DOC, VG.issuedOn, _date("2024-12-23")),
     {"OfficialDocument-issuedOn"}, DOC, VG.issuedOn),
    ("issuedOn-before-1930", _both(_set(DOC, VG.issuedOn, _date("1929-12-31")),
                                   _set(DOC, VG.year, _year("1929"))),
     {"OfficialDocument-issuedOn", "OfficialDocument-year"}, DOC, VG.issuedOn),
    ("year-out-of-range", _both(_set(DOC, VG.year, _year("2101")),
                                _set(DOC, VG.issuedOn, _date("2101-01-01")),
                                _set(ART, VG.datePublished, _date("2101-02-01"))),
     {"OfficialDocument-year", "OfficialDocument-issuedOn", "NewsArticle-datePublished"},
     DOC, VG.year),
    ("year-as-integer", _set(DOC, VG.year, Literal(2024)),
     {"OfficialDocument-year"}, DOC, VG.year),
    ("two-documentTypes", _add(DOC, VG.documentType, DT["chi-thi"]),
     {"OfficialDocument-documentType"}, DOC, VG.documentType),
    ("documentType-not-in-code-list", _set(DOC, VG.documentType, DT["nghi-quyet-xyz"]),
     {"OfficialDocument-documentType"}, DOC, VG.documentType),
    ("documentNumber-not-digits", _set(DOC, VG.documentNumber, Literal("năm mươi bảy")),
     {"OfficialDocument-documentNumber", "DocumentIdentifierPartsShape"}, DOC,
     VG.documentNumber),
    ("issuedBy-not-an-organisation", _set(DOC, VG.issuedBy, URIRef(BASE + "org/unknown")),
     {"OfficialDocument-issuedBy"}, DOC, VG.issuedBy),
    ("implements-not-a-document", _add(STATE, VG.implements, ORG, M_STATE),
     {"OfficialDocument-implements"}, STATE, VG.implements),
    ("term-not-roman", _set(DOC, VG["term"], Literal("13")), {"OfficialDocument-term"}, DOC,
     VG["term"]),
    ("term-empty", _set(DOC, VG["term"], Literal("")), {"OfficialDocument-term"}, DOC,
     VG["term"]),
    ("plenum-zero", _add(DOC, VG.plenum, Literal(0)), {"OfficialDocument-plenum"}, DOC,
     VG.plenum),
    # --- labels and language tags
    ("missing-label", _set(DOC, RDFS.label, None),
     {"Entity-label", "Entity-label-vi"}, DOC, RDFS.label),
    ("label-bad-language", _add(DOC, RDFS.label, Literal("Résolution 57", lang="fr")),
     {"Entity-label"}, DOC, RDFS.label),
    ("label-without-language", _set(DOC, RDFS.label, Literal("Nghị quyết 57-NQ/TW")),
     {"Entity-label", "Entity-label-vi"}, DOC, RDFS.label),
    ("organisation-only-english", _remove(ORG, RDFS.label, Literal("Bộ Chính trị", lang="vi")),
     {"Entity-label-vi"}, ORG, RDFS.label),
    ("title-bad-language", _set(DOC, VG["title"], Literal("về khoa học", lang="fr")),
     {"OfficialDocument-title"}, DOC, VG["title"]),
    ("title-without-language", _set(DOC, VG["title"], Literal("về khoa học")),
     {"OfficialDocument-title"}, DOC, VG["title"]),
    # --- identifiers
    ("party-identifier-in-state-form", _identifier(DOC, "57/NQ-TW"),
     {"PartyDocument-identifier"}, DOC, DCTERMS.identifier),
    ("state-identifier-in-party-form", _identifier(STATE, "3255-QĐ/BCT"),
     {"StateDocument-identifier"}, STATE, DCTERMS.identifier),
    ("garbage-identifier", _identifier(DOC, "NQ 57"),
     {"OfficialDocument-identifier", "PartyDocument-identifier", "DocumentIdentifierPartsShape"},
     DOC, DCTERMS.identifier),
    ("identifier-with-trailing-newline", _identifier(DOC, "57-NQ/TW\n"),
     {"OfficialDocument-identifier"}, DOC, DCTERMS.identifier),
    ("id-local-differs", _set(DOC, ELI.id_local, Literal("58-NQ/TW")),
     {"OfficialDocument-idLocal"}, DOC, ELI.id_local),
    ("typeCode-disagrees-with-identifier", _set(DOC, VG.typeCode, Literal("CT")),
     {"DocumentIdentifierPartsShape"}, DOC, None),
    ("both-party-and-state", _add(DOC, RDF.type, VG.StateDocument),
     {"StateDocumentShape", "StateDocument-identifier"}, DOC, None),
    # --- dates
    ("issued-after-article", _both(_set(DOC, VG.issuedOn, _date("2025-02-01")),
                                   _set(DOC, VG.year, _year("2025"))),
     {"DocumentIssuedBeforeArticleShape"}, DOC, None),
    ("party-year-disagrees", _set(DOC, VG.year, _year("2023")),
     {"PartyDocumentYearShape"}, DOC, None),
    ("self-citation", _add(DOC, VG.cites, DOC), {"DocumentNotSelfRelatedShape"}, DOC,
     VG.cites),
    # --- mentions
    ("start-after-end", _both(_set(POSITION, OA.start, Literal(130, datatype=NNI)),
                              _set(POSITION, OA.end, Literal(100, datatype=NNI))),
     {"TextPositionOrderShape", "MentionOffsetsShape"}, POSITION, None),
    ("offsets-disagree-with-iri", _set(POSITION, OA.end, Literal(131, datatype=NNI)),
     {"MentionOffsetsShape"}, M_DOC, None),
    ("negative-start", _set(POSITION, OA.start, Literal(-5)),
     {"TextPositionSelector-start", "MentionOffsetsShape"}, POSITION, OA.start),
    ("start-as-string", _set(POSITION, OA.start, Literal("100")),
     {"TextPositionSelector-start"}, POSITION, OA.start),
    ("mention-without-body", _remove(M_DOC, OA.hasBody),
     {"Mention-hasBody"}, M_DOC, OA.hasBody),
    ("target-untyped", _remove(TARGET, RDF.type),
     {"Mention-hasTarget"}, M_DOC, OA.hasTarget),
    ("target-without-quote", _remove(TARGET, OA.hasSelector, QUOTE),
     {"SpecificResource-quote"}, TARGET, OA.hasSelector),
    ("target-source-not-an-article", _set(TARGET, OA.hasSource, ORG),
     {"SpecificResource-hasSource"}, TARGET, OA.hasSource),
    ("target-not-a-fragment", _rename(TARGET, URIRef(BASE + "target/1")),
     {"MentionFragmentsShape"}, M_DOC, None),
    ("quote-in-english", _set(QUOTE, OA.exact, Literal("Resolution 57", lang="en")),
     {"TextQuoteSelector-exact"}, QUOTE, OA.exact),
    ("quote-without-language", _set(QUOTE, OA.exact, Literal("Nghị quyết số 57-NQ/TW")),
     {"TextQuoteSelector-exact"}, QUOTE, OA.exact),
    # --- provenance nodes
    ("statement-without-derivation", _drop_derivation,
     {"Statement-wasDerivedFrom"}, None, PROV.wasDerivedFrom),
    ("statement-derived-from-article", _derive_from_article,
     {"Statement-wasDerivedFrom"}, None, PROV.wasDerivedFrom),
    ("statement-with-two-objects", _second_object,
     {"Statement-object", "StatementAssertedShape"}, None, RDF.object),
    ("statement-of-missing-fact", _remove(DOC, VG.typeCode),
     {"StatementAssertedShape"}, None, None),
    ("statement-iri-not-hash", _rename_statement, {"StatementShape"}, None, None),
    # --- articles
    ("article-bad-sha256", _set(ART, VG.sha256, Literal("XYZ")),
     {"NewsArticle-sha256"}, ART, VG.sha256),
    ("article-without-source-file", _remove(ART, VG.sourceFile),
     {"NewsArticle-sourceFile"}, ART, VG.sourceFile),
    ("article-headline-without-language", _set(ART, VG.headline, Literal("Tiêu đề")),
     {"NewsArticle-headline"}, ART, VG.headline),
    ("article-date-as-string", _set(ART, VG.datePublished, Literal("10/01/2025")),
     {"NewsArticle-datePublished"}, ART, VG.datePublished),
]


@pytest.mark.parametrize(("mutate", "shapes", "focus", "path"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_broken_graph_is_rejected(mutate: Mutation, shapes: set[str], focus: URIRef | None,
                                  path: URIRef | None) -> None:
    g = valid_graph()
    mutate(g)
    result = validate(g)
    assert not result.conforms
    assert errors(result) == shapes, result.report_text
    wanted = [v for v in result.errors
              if (v.focus_node == str(focus) if focus is not None  # None: a provenance node
                  else v.focus_node.startswith(BASE + "statement/"))
              and (path is None or v.path == str(path))]
    assert wanted, f"no violation on {focus} {path}:\n{result.report_text}"
    assert all(v.message and not v.message.startswith("(") for v in result.errors)


def test_issued_after_article_names_the_article_and_the_value() -> None:
    g = valid_graph()
    _both(_set(DOC, VG.issuedOn, _date("2025-02-01")), _set(DOC, VG.year, _year("2025")))(g)
    result = validate(g)
    [v] = results_of(result, "DocumentIssuedBeforeArticleShape")
    assert v.focus_node == str(DOC)
    assert v.value == "2025-02-01"
    assert v.article == str(ART)
    assert str(ART) in v.message and "2025-01-10" in v.message
    assert str(DOC) in result.report_text and str(ART) in result.report_text


def test_two_values_report_the_article_that_stated_them() -> None:
    g = valid_graph()
    _add(DOC, VG.issuedOn, _date("2024-12-23"))(g)
    [v] = validate(g).errors
    assert (v.component, v.path, v.article) == ("MaxCountConstraintComponent", str(VG.issuedOn),
                                                str(ART))


def test_statement_violation_is_traced_to_its_article() -> None:
    g = valid_graph()
    _derive_from_article(g)
    [v] = validate(g).errors
    assert v.focus_node.startswith(BASE + "statement/")
    assert v.article == str(ART)


def test_state_document_year_mismatch_is_only_a_warning() -> None:
    g = valid_graph()
    _set(STATE, VG.year, _year("2023"))(g)
    result = validate(g)
    assert result.conforms, result.report_text
    [w] = result.warnings
    assert w.source_shape == str(VGSH.StateDocumentYearShape)
    assert w.severity == "Warning"
    assert "Warning" in result.report_text


def test_two_labels_in_one_language_is_only_a_warning() -> None:
    g = valid_graph()
    g.add((ORG, RDFS.label, Literal("BCT", lang="vi")))
    result = validate(g)
    assert result.conforms
    assert [w.source_shape for w in result.warnings] == [str(VGSH["Entity-label-uniqueLang"])]
    assert result.warnings[0].focus_node == str(ORG)
    assert result.warnings[0].article is None  # curated data, no mention


def test_a_broken_code_list_concept_is_reported() -> None:
    g = valid_graph()
    g.add((DT.foo, RDF.type, VG.DocumentType))
    g.add((DT.foo, RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")))
    g.add((DT.foo, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
           Literal("foo", lang="vi")))
    result = validate(g)
    assert errors(result) == {"DocumentType-prefLabel", "DocumentType-definition",
                              "DocumentType-inScheme", "DocumentType-source",
                              "DocumentTypePlacementShape"}
    assert {v.focus_node for v in result.errors} == {str(DT.foo)}


# --- identifier patterns, checked on their own --------------------------------------------


def _pattern(shape: str) -> re.Pattern[str]:
    shapes = Graph()
    for path in SHAPES.glob("*.ttl"):
        shapes.parse(path, format="turtle")
    return re.compile(str(shapes.value(VGSH[shape], SH.pattern)))


PARTY_OK = ["57-NQ/TW", "442-QĐ/ĐUB", "19-HD/BTCTW", "39-QĐNS/TW", "400-TTr/BTCTW",
            "8011-CV/BTCTW", "01-KH/ĐUK", "84-QĐ/TWĐTN"]
STATE_OK = ["96/2022/NĐ-CP", "3255/QĐ-BCT", "5036/VPCP-KTTH", "64/2025/QH15",
            "351/2017/UBTVQH14", "66.7/2025/NQ-CP", "123/QĐ-TTg", "03/VBHN-VPQH",
            "01/2014/TTLT-BTP-BNV", "23/2025/TT-BNNMT", "666/2015/QĐ-UBND"]
NEITHER = ["57", "NQ-57/TW", "57-nq/tw", "57 -NQ/TW", "57–NQ/TW", "57-NQ/", "57-NQ/TW-",
           "96/22/NĐ-CP", "3255/QĐ", "96/2022/NĐ-CP/", "96/2022/NĐ--CP", "96/2022/nđ-cp",
           "Nghị quyết 57-NQ/TW", " 57-NQ/TW"]


@pytest.mark.parametrize("identifier", PARTY_OK)
def test_party_identifiers(identifier: str) -> None:
    assert _pattern("PartyDocument-identifier").search(identifier)
    assert not _pattern("StateDocument-identifier").search(identifier)
    assert _pattern("OfficialDocument-identifier").search(identifier)


@pytest.mark.parametrize("identifier", STATE_OK)
def test_state_identifiers(identifier: str) -> None:
    assert _pattern("StateDocument-identifier").search(identifier)
    assert not _pattern("PartyDocument-identifier").search(identifier)
    assert _pattern("OfficialDocument-identifier").search(identifier)


@pytest.mark.parametrize("identifier", NEITHER)
def test_malformed_identifiers(identifier: str) -> None:
    for shape in ("PartyDocument-identifier", "StateDocument-identifier",
                  "OfficialDocument-identifier"):
        assert not _pattern(shape).search(identifier), shape


@pytest.mark.parametrize(("term", "ok"), [("XIII", True), ("XIV", True), ("IX", True),
                                          ("XL", True), ("XLIV", True), ("13", False),
                                          ("IIII", False), ("xiii", False), ("VX", False)])
def test_term_pattern(term: str, ok: bool) -> None:
    assert bool(_pattern("OfficialDocument-term").search(term)) == ok


# --- the shapes themselves and the report -------------------------------------------------


def test_every_shape_is_named_and_has_a_message() -> None:
    """Shapes with targets and their property shapes have IRIs (reports name the rule), and
    those with constraints of their own an sh:message; value shapes used inside sh:or /
    sh:not may be anonymous. (Checked on the core and document shapes; other modules'
    files follow the convention by agreement.)"""
    shapes = Graph()
    for name in ("core.ttl", "documents.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    targeted = {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
                            SH.targetObjectsOf, SH.target) for s in shapes.subjects(p, None)}
    checked = targeted | {p for s in targeted for p in shapes.objects(s, SH.property)}
    assert len(targeted) > 15
    not_constraints = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                       SH.target, SH.property, SH.severity, SH.message, SH.deactivated, SH.name,
                       SH.description, SH.order, SH.group, SH.path}
    for shape in checked:
        assert isinstance(shape, URIRef), f"anonymous shape {shape}: name it"
        own = {p for p in shapes.predicates(shape, None)
               if str(p).startswith(str(SH)) and p not in not_constraints}
        if own:
            assert shapes.value(shape, SH.message) is not None, f"{shape} has no sh:message"
        severity = shapes.value(shape, SH.severity)
        assert severity in (None, SH.Violation, SH.Warning, SH.Info)


def test_report_turtle_is_deterministic_and_skolemized() -> None:
    g = valid_graph()
    _both(_set(DOC, VG.year, _year("2023")), _remove(ART, VG.sourceFile))(g)
    first = validate(g).report_turtle
    shuffled = Graph()
    for triple in sorted(g, reverse=True):
        shuffled.add(triple)
    assert validate(shuffled).report_turtle == first
    report = Graph().parse(data=first, format="turtle")
    assert not any(isinstance(t, BNode) for triple in report for t in triple)
    results = sorted(str(r) for r in report.subjects(RDF.type, SH.ValidationResult))
    assert results == [f"{BASE}validation/result-1", f"{BASE}validation/result-2"]
    assert (URIRef(BASE + "validation/report"), RDF.type, SH.ValidationReport) in report


def test_base_iri_of_the_report() -> None:
    g = valid_graph()
    _remove(ART, VG.sourceFile)(g)
    result = validate(g, base_iri="http://example.org/kg/")
    assert "<http://example.org/kg/validation/result-1>" in result.report_turtle


def test_accepts_turtle_trig_and_oxigraph_quads() -> None:
    g = valid_graph()
    _set(DOC, VG.year, _year("2023"))(g)
    expected = errors(validate(g))
    assert expected == {"PartyDocumentYearShape"}
    turtle = g.serialize(format="turtle").encode()
    assert errors(validate(turtle)) == expected
    trig = f"<{ART}> {{\n{g.serialize(format='nt')}\n}}\n"
    assert errors(validate(trig.encode())) == expected
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(ART)))
             for t in ox.parse(g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)]
    assert errors(validate(quads)) == expected
    assert errors(validate([q.triple for q in quads])) == expected


# --- validation in chunks -----------------------------------------------------------------

ART_B = URIRef(BASE + "article/001")
M_B = URIRef(f"{ART_B}/mention/5-20")


def second_article(published: str) -> Graph:
    """Article 001 names Nghị quyết 57 without a date."""
    g = Graph()
    g.add((ART_B, RDF.type, VG.NewsArticle))
    g.add((ART_B, RDFS.label, Literal("Bài báo 001", lang="vi")))
    g.add((ART_B, VG.datePublished, _date(published)))
    g.add((ART_B, VG.sourceFile, Literal("001.txt")))
    g.add((ART_B, VG.sha256, Literal(hashlib.sha256(b"001").hexdigest())))
    target, position, quote = (URIRef(f"{M_B}#{n}") for n in ("target", "position", "quote"))
    g.add((M_B, RDF.type, VG.Mention))
    g.add((M_B, OA.motivatedBy, OA.identifying))
    g.add((M_B, OA.hasBody, DOC))
    g.add((M_B, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, ART_B))
    g.add((target, OA.hasSelector, position))
    g.add((target, OA.hasSelector, quote))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(5, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, Literal(20, datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal("Nghị quyết 57", lang="vi")))
    add_fact(g, DOC, RDF.type, VG.PartyDocument, M_B)
    add_fact(g, DOC, RDFS.label, Literal("Nghị quyết 57-NQ/TW", lang="vi"), M_B)
    return g


def as_quads(*graphs: tuple[Graph, URIRef]) -> list[ox.Quad]:
    quads = []
    for g, name in graphs:
        data = g.serialize(format="nt").encode()
        quads += [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))
                  for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    return quads


def _summary(result: ValidationResult) -> list[tuple[str | None, ...]]:
    return [(v.severity, v.source_shape, v.focus_node, v.path, v.value) for v in result.violations]


def test_chunks_of_a_valid_dataset_conform() -> None:
    quads = as_quads((valid_graph(), ART), (second_article("2025-01-15"), ART_B))
    result = validate_in_chunks(quads, articles_per_chunk=1)
    assert result.conforms, result.report_text
    assert result.violations == []


def test_chunks_see_across_articles() -> None:
    """The date comes from article 000; article 001, published earlier, names the document:
    the chunk of article 001 must still see the date. Article 001 also gives a second date."""
    second = second_article("2024-12-01")
    add_fact(second, DOC, VG.issuedOn, _date("2024-11-30"), M_B)
    quads = as_quads((valid_graph(), ART), (second, ART_B))
    whole = validate(quads)
    chunked = validate_in_chunks(quads, articles_per_chunk=1)
    assert _summary(chunked) == _summary(whole), chunked.report_text
    assert errors(chunked) == {"DocumentIssuedBeforeArticleShape", "OfficialDocument-issuedOn"}
    [late] = results_of(chunked, "DocumentIssuedBeforeArticleShape")
    assert late.value == "2024-12-22"
    assert str(ART_B) in late.message
    # the whole graph traces the date to the article that stated it; a chunk that does not
    # hold that article's provenance names the article it was checking
    assert results_of(whole, "DocumentIssuedBeforeArticleShape")[0].article == str(ART)
    assert late.article == str(ART_B)
    [two_dates] = results_of(chunked, "OfficialDocument-issuedOn")
    assert two_dates.component == "MaxCountConstraintComponent"
    report = Graph().parse(data=chunked.report_turtle, format="turtle")
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert len(results) == len(chunked.violations)
    assert (URIRef(BASE + "validation/report"), SH.conforms, Literal(False)) in report



def test_parallel_chunks_give_the_same_report_as_serial_chunks() -> None:
    second = second_article("2024-12-01")
    add_fact(second, DOC, VG.issuedOn, _date("2024-11-30"), M_B)
    quads = as_quads((valid_graph(), ART), (second, ART_B))
    serial = validate_in_chunks(quads, articles_per_chunk=1, jobs=1)
    parallel = validate_in_chunks(quads, articles_per_chunk=1, jobs=2)
    assert not serial.conforms
    assert _summary(parallel) == _summary(serial)
    assert parallel.report_turtle == serial.report_turtle



def test_chunks_of_a_corpus_with_shared_entities_conform(tmp_path) -> None:
    """The same people and bodies reported by several articles: each article's chunk sees the
    other articles only as nodes it points to (vg:reportedIn), typed vg:NewsArticle."""
    import shutil

    from vietgov.paths import CORPUS
    from vietgov.pipeline import BuildSummary, article_statements, extract_corpus
    from vietgov.publish.quadlines import QuadLines
    from vietgov.rdf.emit import emit
    from vietgov.rdf.iris import Iris

    for copy in ("a", "b", "c"):
        shutil.copy(CORPUS / "003.txt", tmp_path / f"{copy}.txt")
    iris = Iris()
    statements = [st for found in extract_corpus(tmp_path, BuildSummary("", "", ""))
                  for st in article_statements(found, iris, tmp_path)]
    lines = QuadLines.from_quads(emit(statements, iris))
    result = validate_in_chunks(lines, articles_per_chunk=1)
    assert result.conforms, result.report_text
