"""Statements about the article itself: type, headline, byline, outlet, file and checksum."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from vietgov.model import Article, Extraction, Span, Statement
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import RDF_TYPE, RDFS_LABEL, VG, XSD


def statements(found: Extraction, iris: Iris, corpus: Path | None = None) -> Iterator[Statement]:
    article = found.article
    iri = iris.article(article.id)

    def computed(predicate: str, value: str, *, is_iri: bool = False,
                 datatype: str | None = None, lang: str | None = None) -> Statement:
        return Statement(iri, predicate, value, is_iri=is_iri, datatype=datatype, lang=lang,
                         article=iri)

    def stated(predicate: str, span: Span, lang: str | None = None) -> Statement:
        return Statement(iri, predicate, span.text.strip(), lang=lang, article=iri, span=span)

    yield computed(RDF_TYPE, VG + "NewsArticle", is_iri=True)
    yield computed(VG + "sourceFile", _relative(article, corpus))
    yield computed(VG + "sha256", hashlib.sha256(article.text.encode("utf-8")).hexdigest())
    if article.title:
        yield stated(VG + "headline", article.title, "vi")
        yield stated(RDFS_LABEL, article.title, "vi")
    else:
        yield computed(RDFS_LABEL, f"Bài báo {article.id}", lang="vi")
    if article.author:
        yield stated(VG + "byline", article.author)
    if article.outlet:
        yield stated(VG + "outlet", article.outlet)
    if article.published and article.published_span:
        yield Statement(iri, VG + "datePublished", article.published.isoformat(),
                        datatype=XSD + "date", article=iri, span=article.published_span)


def _relative(article: Article, corpus: Path | None) -> str:
    if corpus is not None:
        try:
            return article.path.resolve().relative_to(corpus.resolve()).as_posix()
        except ValueError:
            pass
    return article.path.name
