"""Turn statements into quads: the fact itself plus the provenance that justifies it.

For a statement with a span, three things are written into the article's named graph:
the fact triple; a *mention* (a Web Annotation whose target selects the span of the article);
and a reification node (``rdf:Statement``) tying the fact to that mention with
``prov:wasDerivedFrom``. Curated reference statements go to the reference graph and carry
``dcterms:source`` on their subject; facts computed from the article file as a whole
(checksum, file name) have an article but no span and go to its graph as they are.
See docs/design.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from vietgov.model import Span, Statement
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import DCTERMS, OA, PROV, RDF, RDF_TYPE, VG, XSD

Term = NamedNode | Literal

_TYPE = NamedNode(RDF_TYPE)
_NN_INT = NamedNode(XSD + "nonNegativeInteger")


def object_term(st: Statement) -> Term:
    """The statement's object as an RDF term."""
    if st.is_iri:
        return NamedNode(st.obj)
    if st.lang:
        return Literal(st.obj, language=st.lang)
    if st.datatype:
        return Literal(st.obj, datatype=NamedNode(st.datatype))
    return Literal(st.obj)


def mention_iri(article_iri: str, span: Span) -> str:
    """IRI of the mention node for one span of an article (see :meth:`Iris.mention`)."""
    return f"{article_iri}/mention/{span.start}-{span.end}"


def emit(statements: Iterable[Statement], iris: Iris) -> Iterator[Quad]:
    """Quads for the statements, each fact with its provenance. May yield duplicates."""
    reference = NamedNode(iris.graph("reference"))
    mentions_done: set[tuple[str, int, int]] = set()
    sources_done: set[tuple[str, str]] = set()
    for st in statements:
        subject, predicate, obj = NamedNode(st.subject), NamedNode(st.predicate), object_term(st)
        if st.span is None and st.article is not None:
            # computed from the article file as a whole (its checksum, its file name)
            yield Quad(subject, predicate, obj, NamedNode(st.article))
            continue
        if st.span is None:
            if not st.source:
                raise ValueError(f"statement without span or source: {st}")
            yield Quad(subject, predicate, obj, reference)
            if (st.subject, st.source) not in sources_done:
                sources_done.add((st.subject, st.source))
                yield Quad(subject, NamedNode(DCTERMS + "source"), Literal(st.source), reference)
            continue
        if st.article is None:
            raise ValueError(f"statement with a span but no article: {st}")
        graph = NamedNode(st.article)
        yield Quad(subject, predicate, obj, graph)
        mention = mention_iri(st.article, st.span)
        key = (st.article, st.span.start, st.span.end)
        if key not in mentions_done:
            mentions_done.add(key)
            yield from _mention(mention, st.article, st.span, graph)
        yield Quad(NamedNode(mention), NamedNode(OA + "hasBody"), subject, graph)
        node = NamedNode(iris.statement(st.subject, st.predicate, str(obj), mention))
        yield Quad(node, _TYPE, NamedNode(RDF + "Statement"), graph)
        yield Quad(node, NamedNode(RDF + "subject"), subject, graph)
        yield Quad(node, NamedNode(RDF + "predicate"), predicate, graph)
        yield Quad(node, NamedNode(RDF + "object"), obj, graph)
        yield Quad(node, NamedNode(PROV + "wasDerivedFrom"), NamedNode(mention), graph)


def _mention(mention: str, article: str, span: Span, graph: NamedNode) -> Iterator[Quad]:
    m = NamedNode(mention)
    target = NamedNode(mention + "#target")
    position = NamedNode(mention + "#position")
    quote = NamedNode(mention + "#quote")
    yield Quad(m, _TYPE, NamedNode(VG + "Mention"), graph)
    yield Quad(m, NamedNode(OA + "motivatedBy"), NamedNode(OA + "identifying"), graph)
    yield Quad(m, NamedNode(OA + "hasTarget"), target, graph)
    yield Quad(target, _TYPE, NamedNode(OA + "SpecificResource"), graph)
    yield Quad(target, NamedNode(OA + "hasSource"), NamedNode(article), graph)
    yield Quad(target, NamedNode(OA + "hasSelector"), position, graph)
    yield Quad(target, NamedNode(OA + "hasSelector"), quote, graph)
    yield Quad(position, _TYPE, NamedNode(OA + "TextPositionSelector"), graph)
    yield Quad(position, NamedNode(OA + "start"), Literal(str(span.start), datatype=_NN_INT), graph)
    yield Quad(position, NamedNode(OA + "end"), Literal(str(span.end), datatype=_NN_INT), graph)
    yield Quad(quote, _TYPE, NamedNode(OA + "TextQuoteSelector"), graph)
    yield Quad(quote, NamedNode(OA + "exact"),
               Literal(unicodedata.normalize("NFC", span.text), language="vi"), graph)
