"""Statements for figures: RDF Data Cube observations (see ontology/figures.ttl).

Each figure becomes ``{base}figure/{article}/{start}``, a ``vg:Figure`` (⊑ ``qb:Observation``)
of the data set ``{base}dataset/figures`` derived from its article (``prov:wasDerivedFrom``),
each fact justified by its own span: the number for the value, unit, comparator and data set;
the cue word for the measure; the body's or territory's name for the subject; the time
expression for the period; the goal word for ``vg:isTarget``.
The subject (``vg:refSubject``) is an organisation, a province (``{base}province/{id}``, with
the reference facts of :func:`vietgov.rdf.organisations.province_statements`) or Viet Nam
(``wd:Q881``) for national figures.
The whole of a fraction (``Figure.total``, 445 of "441/445") is not published: the ontology has
no property for it yet.
The data set and the unit and measure concepts it uses are curated reference data
(``mappings/figure_units.yaml``, ``mappings/figure_measures.yaml``), stated without a span.
"""

from __future__ import annotations

from collections.abc import Iterator

from vietgov.extract.figures import Figure, measures, units
from vietgov.model import Extraction, Span, Statement
from vietgov.rdf.iris import Iris, code
from vietgov.rdf.namespaces import CODE, PROV, QB, RDF_TYPE, RDFS_LABEL, SKOS, VG, WD, XSD
from vietgov.rdf.organisations import province_statements

DATASET_SOURCE = ("vietgov figures: numbers reported in news articles, read with "
                  "mappings/figure_units.yaml and mappings/figure_measures.yaml")
STRUCTURE = VG + "figureStructure"
NATION = WD + "Q881"  # Viet Nam: the subject of national figures (economic growth)
UNIT_SCHEME = CODE + "unit"
MEASURE_SCHEME = CODE + "measure"


def dataset_iri(iris: Iris) -> str:
    return iris.of("dataset", "figures")


def figure_iri(iris: Iris, article_id: str, figure: Figure) -> str:
    return iris.of("figure", article_id, str(figure.span.start))


def unit_iri(figure: Figure) -> str:
    return code("unit", "-".join(figure.unit_ids))


def measure_iri(figure: Figure) -> str:
    return code("measure", figure.measure_id)


def statements(found: Extraction, iris: Iris) -> Iterator[Statement]:
    """One statement per fact of every figure, plus the reference data the figures use."""
    figures: list[Figure] = found.figures
    if not figures:
        return
    article = iris.article(found.article.id)
    yield from _dataset(iris)
    yield from province_statements(iris, {f.province for f in figures if f.province})
    done: set[str] = set()
    for figure in figures:
        yield from _figure(figure, iris, found.article.id, article)
        if figure.subject and figure.subject_key and not figure.subject_listed and \
                (subject := iris.organisation(figure.subject_key)) not in done:
            # a body the organisation extractor did not list (the fallback reading, or the
            # main Party organisation a collective phrase stands for): type and name it here
            done.add(subject)
            where = figure.subject_span or figure.span
            yield Statement(subject, RDF_TYPE, VG + "Organization", is_iri=True,
                            article=article, span=where)
            yield Statement(subject, RDFS_LABEL, figure.subject, lang="vi", article=article,
                            span=where)
        if (unit := unit_iri(figure)) not in done:
            done.add(unit)
            yield from _unit(figure)
        if (measure := measure_iri(figure)) not in done:
            done.add(measure)
            yield from _measure(figure.measure_id)


def _figure(figure: Figure, iris: Iris, article_id: str, article: str) -> Iterator[Statement]:
    obs = figure_iri(iris, article_id, figure)

    def fact(predicate: str, obj: str, span: Span | None = None, *, is_iri: bool = False,
             datatype: str | None = None, lang: str | None = None) -> Statement:
        return Statement(obs, predicate, obj, is_iri=is_iri, datatype=datatype, lang=lang,
                         article=article, span=span or figure.span)

    yield fact(RDF_TYPE, VG + "Figure", is_iri=True)
    yield fact(RDF_TYPE, QB + "Observation", is_iri=True)
    yield fact(RDFS_LABEL, figure.span.text, lang="vi")
    yield fact(QB + "dataSet", dataset_iri(iris), is_iri=True)
    yield fact(PROV + "wasDerivedFrom", article, is_iri=True)
    yield fact(VG + "reportedValue", _decimal(figure.value), datatype=XSD + "decimal")
    if figure.value_max is not None:
        yield fact(VG + "valueMax", _decimal(figure.value_max), datatype=XSD + "decimal")
    yield fact(VG + "unit", unit_iri(figure), is_iri=True)
    yield fact(VG + "measure", measure_iri(figure), figure.cue_span, is_iri=True)
    if figure.comparator:
        yield fact(VG + "comparator", figure.comparator)
    yield fact(VG + "isTarget", "true" if figure.target else "false",
               figure.target_span if figure.target else None, datatype=XSD + "boolean")
    if figure.period:
        yield fact(VG + "refPeriod", figure.period, figure.period_span)
    if figure.province is not None:
        yield fact(VG + "refSubject", iris.of("province", figure.province), figure.subject_span,
                   is_iri=True)
    elif figure.subject_key is None:
        yield fact(VG + "refSubject", NATION, figure.subject_span, is_iri=True)
    else:
        yield fact(VG + "refSubject", iris.organisation(figure.subject_key), figure.subject_span,
                   is_iri=True)


def _reference(subject: str, predicate: str, obj: str, source: str, *, is_iri: bool = False,
               datatype: str | None = None, lang: str | None = None) -> Statement:
    return Statement(subject, predicate, obj, is_iri=is_iri, datatype=datatype, lang=lang,
                     source=source)


def _dataset(iris: Iris) -> Iterator[Statement]:
    dataset, src = dataset_iri(iris), DATASET_SOURCE
    yield _reference(dataset, RDF_TYPE, QB + "DataSet", src, is_iri=True)
    yield _reference(dataset, QB + "structure", STRUCTURE, src, is_iri=True)
    yield _reference(dataset, RDFS_LABEL, "Số liệu trong tin tức về Đảng và Nhà nước", src,
                     lang="vi")
    yield _reference(dataset, RDFS_LABEL, "Figures reported in news on Party and State affairs",
                     src, lang="en")
    for scheme, vi, en in ((UNIT_SCHEME, "Đơn vị đếm của số liệu", "Units of figures"),
                           (MEASURE_SCHEME, "Điều được đo của số liệu", "Measures of figures")):
        yield _reference(scheme, RDF_TYPE, SKOS + "ConceptScheme", src, is_iri=True)
        yield _reference(scheme, SKOS + "prefLabel", vi, src, lang="vi")
        yield _reference(scheme, SKOS + "prefLabel", en, src, lang="en")


def _concept(iri: str, cls: str, scheme: str, notation: str, vi: str, en: str,
             source: str) -> Iterator[Statement]:
    yield _reference(iri, RDF_TYPE, SKOS + "Concept", source, is_iri=True)
    yield _reference(iri, RDF_TYPE, cls, source, is_iri=True)
    yield _reference(iri, SKOS + "inScheme", scheme, source, is_iri=True)
    yield _reference(iri, SKOS + "notation", notation, source)
    for predicate in (SKOS + "prefLabel", RDFS_LABEL):
        yield _reference(iri, predicate, vi, source, lang="vi")
        yield _reference(iri, predicate, en, source, lang="en")


def _unit(figure: Figure) -> Iterator[Statement]:
    parts = [units()[u] for u in figure.unit_ids]
    en = parts[-1].en if len(parts) == 1 else f"{parts[-1].en} ({parts[0].en})"
    vi = " ".join(p.vi or p.text for p in parts)
    source = "; ".join(dict.fromkeys(p.source for p in parts))
    yield from _concept(unit_iri(figure), VG + "FigureUnit", UNIT_SCHEME,
                        "-".join(figure.unit_ids), vi, en, source)


def _measure(measure_id: str) -> Iterator[Statement]:
    m = measures()[measure_id]
    iri = code("measure", measure_id)
    yield from _concept(iri, VG + "FigureMeasure", MEASURE_SCHEME, measure_id, m.vi, m.en,
                        m.source)
    if m.rate_of_change:
        yield _reference(iri, VG + "isRateOfChange", "true", m.source, datatype=XSD + "boolean")


def _decimal(value: object) -> str:
    """Lexical form of an xsd:decimal: plain digits, no exponent."""
    return format(value, "f")
