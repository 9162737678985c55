"""The main job: read a corpus, extract, map to RDF, validate, publish ``dist/``.

Articles that cannot be read are reported by name and line and left out; the others still
build. A SHACL violation fails the build and leaves the previous output untouched.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyoxigraph import Quad, Triple

from vietgov.extract import extract
from vietgov.linking.publish import link_statements
from vietgov.model import Extraction, Statement
from vietgov.publish.dist import staged_output
from vietgov.publish.jsonld import copy_context, write_jsonld
from vietgov.publish.metadata import write_metadata
from vietgov.publish.ontology_docs import write_ontology_docs
from vietgov.publish.quadlines import QuadLines, TripleFile, graph_of
from vietgov.publish.serialize import write_ntriples, write_trig, write_turtle
from vietgov.rdf import articles, documents, events, figures, organisations, persons
from vietgov.rdf.consolidate import consolidate
from vietgov.rdf.emit import emit
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import DEFAULT_BASE, RDF_TYPE, VG
from vietgov.reading.articles import ArticleError, list_articles, read_articles
from vietgov.validate import validate_in_chunks

MAPPERS = (organisations, documents, persons, events, figures)

Progress = Callable[[str], None]


class BuildFailed(Exception):
    """The build could not publish; ``dist/`` was left as it was."""


@dataclass
class ArticleSummary:
    id: str
    file: str
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class BuildSummary:
    corpus: str
    out: str
    base_iri: str
    articles_found: int = 0
    articles_read: int = 0
    errors: list[str] = field(default_factory=list)
    articles: list[ArticleSummary] = field(default_factory=list)
    documents_by_type: dict[str, int] = field(default_factory=dict)
    entities_by_class: dict[str, int] = field(default_factory=dict)
    graphs: int = 0
    facts: int = 0
    triples: int = 0
    quads: int = 0
    conflicts: list[str] = field(default_factory=list)
    validation_seconds: float = 0.0
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass
class BuildOptions:
    corpus: Path
    out: Path
    base_iri: str = DEFAULT_BASE
    progress: Progress | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # SHACL worker processes


def extract_corpus(corpus: Path, summary: BuildSummary,
                   progress: Progress | None = None) -> Iterator[Extraction]:
    """Read and extract every article; unreadable ones are recorded in ``summary.errors``."""
    paths = list_articles(corpus)
    summary.articles_found = len(paths)
    for n, article in enumerate(read_articles(paths), 1):
        if isinstance(article, ArticleError):
            summary.errors.append(str(article))
            continue
        summary.articles_read += 1
        if progress:
            progress(f"[{n}/{len(paths)}] {article.path.name}")
        yield extract(article)


def article_statements(found: Extraction, iris: Iris, corpus: Path) -> list[Statement]:
    """Every statement one article yields, from every mapper."""
    out = list(articles.statements(found, iris, corpus))
    for mapper in MAPPERS:
        out.extend(mapper.statements(found, iris))
    return out


def build(options: BuildOptions) -> BuildSummary:
    """Run the whole job; raise :class:`BuildFailed` when nothing may be published."""
    started = time.perf_counter()
    iris = Iris(options.base_iri)
    summary = BuildSummary(str(options.corpus), str(options.out), options.base_iri)
    statements: list[Statement] = []
    for found in extract_corpus(options.corpus, summary, options.progress):
        produced = article_statements(found, iris, options.corpus)
        statements.extend(produced)
        summary.articles.append(_article_summary(found, produced))
    if summary.articles_read == 0:
        raise BuildFailed(f"no readable article in {options.corpus}"
                          + "".join(f"\n  {e}" for e in summary.errors))
    statements.extend(link_statements(iris))
    merged = consolidate(statements)
    del statements
    summary.conflicts = merged.conflicts
    summary.facts = len(merged.statements)
    lines = QuadLines.from_quads(emit(merged.statements, iris))
    del merged
    summary.quads = len(lines)
    summary.graphs = len({graph_of(line) for line in lines.lines})
    if options.progress:
        options.progress(f"validating {summary.quads} quads with SHACL")
    t0 = time.perf_counter()
    result = validate_in_chunks(lines, base_iri=options.base_iri, jobs=options.jobs)
    summary.validation_seconds = round(time.perf_counter() - t0, 3)
    if not result.conforms:
        raise BuildFailed("SHACL validation failed; nothing was published.\n" + result.report_text)
    if options.progress:
        options.progress(f"writing {options.out}")
    with staged_output(options.out) as staging:
        dumps = {"turtle": staging / "vietgov.ttl", "n-triples": staging / "vietgov.nt",
                 "trig": staging / "vietgov.trig", "json-ld": staging / "vietgov.jsonld"}
        summary.triples = write_ntriples(lines, dumps["n-triples"])
        triples = TripleFile(dumps["n-triples"], summary.triples)
        summary.entities_by_class, summary.documents_by_type = _census(triples)
        write_turtle(triples, dumps["turtle"])
        write_trig(lines, dumps["trig"])
        write_jsonld(triples, dumps["json-ld"], options.base_iri)
        copy_context(staging)
        write_ontology_docs(staging)
        conforms, report = write_metadata(triples, lines, options.base_iri, dumps, staging)
        if not conforms:
            raise BuildFailed("dataset metadata does not conform to shapes/metadata; "
                              "nothing was published.\n" + report)
        (staging / "shacl-report.ttl").write_text(result.report_turtle, encoding="utf-8")
        summary.seconds = round(time.perf_counter() - started, 3)
        (staging / "summary.json").write_text(_stable(summary).to_json(), encoding="utf-8")
    return summary


def _census(triples: Iterable[Triple]) -> tuple[dict[str, int], dict[str, int]]:
    """Distinct entities per vg: class, and distinct documents per document type."""
    classes: Counter[str] = Counter()
    doc_types: Counter[str] = Counter()
    for t in triples:
        if t.predicate.value == RDF_TYPE and t.object.value.startswith(VG):
            classes[t.object.value.removeprefix(VG)] += 1
        elif t.predicate.value == VG + "documentType":
            doc_types[t.object.value.rsplit("/", 1)[-1]] += 1
    return dict(sorted(classes.items())), dict(sorted(doc_types.items()))


def _article_summary(found: Extraction, produced: list[Statement]) -> ArticleSummary:
    counts = {
        "organisations": len(found.organisations), "documents": len(found.documents),
        "persons": len(found.persons), "events": len(found.events),
        "figures": len(found.figures), "facts": len(produced),
    }
    return ArticleSummary(found.article.id, found.article.path.name, counts,
                          list(found.article.warnings), list(found.skipped))


def _stable(summary: BuildSummary) -> BuildSummary:
    """The summary as published: without timings, so the same input gives the same bytes."""
    return BuildSummary(**{**asdict(summary), "validation_seconds": 0.0, "seconds": 0.0,
                           "articles": summary.articles, "corpus": Path(summary.corpus).name,
                           "out": "."})


def quads_of(statements: list[Statement], iris: Iris) -> list[Quad]:
    """Sorted distinct quads for statements (for tests and tools)."""
    return list(QuadLines.from_quads(emit(consolidate(statements).statements, iris)))
