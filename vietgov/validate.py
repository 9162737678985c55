"""SHACL validation of published graphs: pyshacl over ``shapes/*.ttl``, with a readable report.

Call :func:`validate` with the graph to check — pyoxigraph triples or quads (what the pipeline
holds), Turtle/TriG bytes, or an rdflib ``Graph``/``Dataset``. Named graphs are merged into one
graph, so constraints see across articles and the reference graph::

    result = validate(triples)
    if not result.conforms:
        raise BuildFailed(result.report_text)
    (out / "shacl-report.ttl").write_text(result.report_turtle, encoding="utf-8")

**Ontology in the data.** SHACL's ``sh:class`` and ``sh:targetClass`` follow
``rdf:type/rdfs:subClassOf*`` *in the data graph*. Before validating, ``validate`` therefore
adds every ``ontology/*.ttl`` file to (a copy of) the data: the sub-class axioms make a
``vg:PartyDocument`` count as a ``vg:OfficialDocument``, and the document-type code list makes
``vg:documentType`` values count as ``vg:DocumentType`` (a concept IRI that is not in the list
is reported). This costs one graph copy and no reasoning (``inference="none"``); the caller's
graph is never modified.

**Scale.** :func:`validate` checks exactly the graph it is given, in one pyshacl run. pyshacl
runs every SPARQL constraint once per focus node and rdflib would re-parse the query text each
time: the data graph here caches the parsed queries, which keeps the cost linear (SPARQL
constraints must avoid property paths — rdflib evaluates ``a/b`` with an unbound subject by
scanning). Measured: about 0.2–0.7 s per article of the bundled corpus, and rdflib holds
roughly 1 kB per triple. For large corpora use :func:`validate_in_chunks`, which takes the
quads (one named graph per article) and validates a few articles at a time, each chunk with
the reference graph and the full context of the entities it describes, and gives the same
results (only ``Violation.article`` may name the article being checked rather than the one
that stated the value, when the two are in different chunks).

Nothing is fetched: there are no ``owl:imports``, and pyshacl's import resolution is off.
"""

from __future__ import annotations

import multiprocessing
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD, NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from vietgov.paths import ONTOLOGY, SHAPES
from vietgov.publish.quadlines import QuadLines, graph_of, triple_line
from vietgov.rdf.namespaces import DEFAULT_BASE, OA, PROV, VG, prefixes

__all__ = ["ValidationResult", "Violation", "validate", "validate_in_chunks"]

SH = Namespace("http://www.w3.org/ns/shacl#")
VGSH = "https://w3id.org/vietgov/shapes#"
_OA = Namespace(OA)
_PROV = Namespace(PROV)
_NEWS_ARTICLE = URIRef(VG + "NewsArticle")
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result (a violation, or a warning / info for soft checks).

    IRIs are given as plain strings; ``value`` is the IRI or the literal's lexical form.
    ``article`` is the article the offending fact (or node) comes from, found through the
    provenance nodes and mentions of the data graph; ``None`` for curated data.
    """

    severity: str  # "Violation" | "Warning" | "Info"
    focus_node: str
    path: str | None
    source_shape: str
    component: str  # local name of sh:sourceConstraintComponent, e.g. "MaxCountConstraintComponent"
    value: str | None
    message: str
    article: str | None = None


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating one graph."""

    conforms: bool  # no result of severity Violation (warnings do not fail the build)
    violations: list[Violation] = field(default_factory=list)  # all results, sorted
    report_text: str = ""
    report_turtle: str = ""  # the SHACL report, skolemized and sorted (deterministic)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity != "Violation"]


GraphData = bytes | str | Graph | Iterable[ox.Triple] | Iterable[ox.Quad]


def validate(
    graph_data: GraphData,
    shapes_dir: Path = SHAPES,
    ontology_dir: Path = ONTOLOGY,
    *,
    data_format: str = "trig",
    base_iri: str = DEFAULT_BASE,
) -> ValidationResult:
    """Validate a graph against ``shapes_dir/*.ttl``, with ``ontology_dir/*.ttl`` mixed in.

    ``graph_data`` is an iterable of pyoxigraph ``Triple``/``Quad``, serialized RDF
    (``data_format``: ``trig`` — which also reads Turtle —, ``nquads``, ``nt``, ``turtle``) or
    an rdflib graph; quads and a ``Dataset`` are validated as the union of their graphs. Result
    IRIs of ``report_turtle`` are ``{base_iri}validation/result-<n>``.
    """
    report, violations = _run(_union(graph_data, data_format), shapes_dir, ontology_dir)
    return _result(violations, _skolemized_turtle(report, base_iri))


def validate_in_chunks(
    quads: Iterable[ox.Quad] | QuadLines,
    shapes_dir: Path = SHAPES,
    ontology_dir: Path = ONTOLOGY,
    *,
    articles_per_chunk: int = 20,
    base_iri: str = DEFAULT_BASE,
    jobs: int = 1,
) -> ValidationResult:
    """Validate a dataset of one named graph per article, a few articles at a time.

    With ``jobs`` > 1 the chunks run in that many worker processes (the report is the same).

    For corpora too large for one pyshacl run (memory grows with the rdflib graph, time with
    the number of focus nodes). A chunk holds ``articles_per_chunk`` article graphs, every
    graph that is not an article graph (reference data, default graph), and the *context* of
    what they talk about: all triples, from any graph, about each entity the chunk's graphs
    describe or point to (never other articles' mentions and provenance nodes), and the
    ``rdf:type`` of the IRIs those point to. A chunk reports only on the nodes its own graphs
    describe, which it sees completely: ``sh:maxCount`` counts the values every article gives
    a document, and "issued before the article" compares a date stated in one article with
    the publication date of another. Results found by several chunks are reported once;
    ``report_turtle`` covers all chunks.
    """
    lines = quads if isinstance(quads, QuadLines) else QuadLines.from_quads(quads)
    payloads = ((data, owned, shapes_dir, ontology_dir)
                for data, owned in _chunks(lines, articles_per_chunk))
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = list(pool.imap(_run_payload, payloads))
    else:
        results = [_run_payload(payload) for payload in payloads]
    runs = [(Graph().parse(data=report, format="nt"), violations, owned)
            for report, violations, owned in results]
    reports: list[tuple[Graph, set[Node]]] = []
    found: dict[Violation, Violation] = {}
    for report, violations, focus_owned in runs:
        reports.append((report, focus_owned))
        for v in violations:
            if URIRef(v.focus_node) not in focus_owned:
                continue  # a node this chunk only sees in part
            key = replace(v, article=None)
            if key not in found or (v.article or "~") < (found[key].article or "~"):
                found[key] = v
    return _result(sorted(found.values(), key=_order),
                   _skolemized_turtle(_combined(reports), base_iri))


def _run_payload(payload: tuple[str, list[str], Path, Path]
                 ) -> tuple[str, list[Violation], set[Node]]:
    """One chunk (in a worker process, or here): N-Triples in, the report as N-Triples out."""
    data, owned, shapes_dir, ontology_dir = payload
    graph = _DataGraph()
    graph.parse(data=data, format="nt")
    report, violations = _run(graph, shapes_dir, ontology_dir)
    return report.serialize(format="nt"), violations, {URIRef(n) for n in owned}


# --- running pyshacl -----------------------------------------------------------------------


def _run(data: Graph, shapes_dir: Path, ontology_dir: Path) -> tuple[Graph, list[Violation]]:
    """pyshacl on ``data`` (modified: the ontology is added to it); the report graph and
    its results, sorted."""
    data += _load_dir(ontology_dir)
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=_load_dir(shapes_dir),
        inference="none",
        advanced=True,
        inplace=True,  # `data` is our own copy
        allow_warnings=True,
        allow_infos=True,
        abort_on_first=False,
        do_owl_imports=False,
    )
    if not isinstance(report, Graph):  # pyshacl returns a ValidationFailure on internal errors
        raise RuntimeError(f"SHACL validation failed to run: {report}")
    return report, sorted(_violations(report, data), key=_order)


_PROVENANCE_TYPES = {f"<{t}>" for t in (
    RDF.Statement, _NEWS_ARTICLE, URIRef(VG + "Mention"), _OA.SpecificResource,
    _OA.TextPositionSelector, _OA.TextQuoteSelector)}
_TYPE_TERM = f"<{RDF.type}>"
_ARTICLE_TERM = f"<{_NEWS_ARTICLE}>"


def _chunks(lines: QuadLines, articles_per_chunk: int) -> Iterator[tuple[str, list[str]]]:
    """Each chunk as N-Triples text, and the IRIs of the nodes it reports on.

    Works on the lines' text (subject, object IRI and graph are read off each N-Quads line)
    and keeps only line numbers in its indexes, so memory stays small beside the lines.
    """
    text = lines.lines
    by_graph: dict[str, array[int]] = defaultdict(lambda: array("L"))
    local: set[str] = set()  # articles, mentions, provenance: never pulled in as context
    articles: set[str] = set()
    for i, line in enumerate(text):
        graph = graph_of(line)
        by_graph[graph].append(i)
        subject, predicate, rest = line.split(" ", 2)
        if predicate == _TYPE_TERM:
            obj = rest.split(" ", 1)[0]
            if obj in _PROVENANCE_TYPES:
                local.add(subject)
            if obj == _ARTICLE_TERM and subject == f"<{graph}>":
                articles.add(graph)
    by_subject: dict[str, array[int]] = defaultdict(lambda: array("L"))
    types: dict[str, array[int]] = defaultdict(lambda: array("L"))
    article_terms = {f"<{a}>" for a in articles}  # the one kind of local node named elsewhere
    for i, line in enumerate(text):
        subject, predicate, _rest = line.split(" ", 2)
        if subject not in local:
            by_subject[subject].append(i)
        if predicate == _TYPE_TERM and (subject not in local or subject in article_terms):
            types[subject].append(i)
    shared = [i for graph, idx in by_graph.items() if graph not in articles for i in idx]
    shared_subjects = {_subject(text[i]) for i in shared}
    ordered = sorted(articles) or [""]
    size = max(1, articles_per_chunk)
    for k in range(0, len(ordered), size):
        chunk = set(shared)
        for graph in ordered[k:k + size]:
            chunk.update(by_graph.get(graph, ()))
        owned = {_subject(text[i]) for i in chunk} | shared_subjects
        referenced = {o for o in (_object_iri(text[i]) for i in chunk) if o is not None}
        for node in (owned | referenced) - local:
            chunk.update(by_subject.get(node, ()))
        for node in {o for o in (_object_iri(text[i]) for i in chunk) if o is not None}:
            chunk.update(types.get(node, ()))
        data = "".join(sorted({triple_line(text[i]) for i in chunk}))
        yield data, sorted(node[1:-1] for node in owned)


def _subject(line: str) -> str:
    return line.split(" ", 1)[0]


def _object_iri(line: str) -> str | None:
    rest = line.split(" ", 2)[2]
    return rest.split(" ", 1)[0] if rest.startswith("<") else None


def _combined(reports: list[tuple[Graph, set[Node]]]) -> Graph:
    """One report graph for several: the results on nodes each chunk owns, each once."""
    combined = Graph()
    seen: set[str] = set()
    conforms = True
    for report, owned in reports:
        memo: dict[Node, str] = {}
        for result in report.subjects(RDF.type, SH.ValidationResult):
            if report.value(result, SH.focusNode) not in owned:
                continue
            key = _describe(report, result, memo)
            if key in seen:
                continue
            seen.add(key)
            if report.value(result, SH.resultSeverity) == SH.Violation:
                conforms = False
            stack, done = [result], set()
            while stack:  # copy the result and the blank nodes it reaches
                node = stack.pop()
                done.add(node)
                for p, o in report.predicate_objects(node):
                    combined.add((node, p, o))
                    if isinstance(o, BNode) and o not in done:
                        stack.append(o)
    root = BNode()
    combined.add((root, RDF.type, SH.ValidationReport))
    combined.add((root, SH.conforms, Literal(conforms)))
    for result in list(combined.subjects(RDF.type, SH.ValidationResult)):
        combined.add((root, SH.result, result))
    return combined


# --- loading -------------------------------------------------------------------------------


@cache
def _load_dir(directory: Path) -> Graph:
    """All ``*.ttl`` files of a directory as one graph (cached: callers must not modify it)."""
    graph = Graph()
    for path in sorted(directory.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


class _DataGraph(Graph):
    """An rdflib graph that parses each SPARQL query text once.

    pyshacl evaluates a SPARQL constraint once per focus node, passing the query as text;
    rdflib would parse it every time (pyparsing: ~10 ms), which dominates validation.
    """

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str) and not kwargs.get("initNs"):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=1024)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _union(graph_data: GraphData, data_format: str) -> Graph:
    """A fresh graph holding every triple of the input, whatever named graph it is in."""
    union = _DataGraph()
    if isinstance(graph_data, (bytes, str)):
        parsed = Dataset(default_union=True)
        parsed.parse(data=graph_data, format=data_format)
        graph_data = parsed
    if isinstance(graph_data, Dataset):
        for s, p, o, _g in graph_data.quads((None, None, None, None)):
            union.add((s, p, o))
    elif isinstance(graph_data, Graph):
        for triple in graph_data:
            union.add(triple)
    else:
        for item in graph_data:
            union.add((_term(item.subject), _term(item.predicate), _term(item.object)))
    return union


_XSD_STRING = str(XSD.string)


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | Any) -> Node:
    """An rdflib term for a pyoxigraph one (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported RDF term {term!r}")


# --- reading the report --------------------------------------------------------------------


def _violations(report: Graph, data: Graph) -> Iterable[Violation]:
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        severity = report.value(node, SH.resultSeverity)
        shape = report.value(node, SH.sourceShape)
        component = report.value(node, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        yield Violation(
            severity=_local(severity) if severity is not None else "Violation",
            focus_node=str(focus),
            path=str(path) if isinstance(path, URIRef) else None,
            source_shape=_shape_name(report, shape),
            component=_local(component) if component is not None else "",
            value=str(value) if value is not None else None,
            message=" / ".join(messages) or "(no message)",
            article=_article_of(data, focus, path, value),
        )


def _shape_name(report: Graph, shape: Node | None) -> str:
    """The shape's IRI; an anonymous shape is described by its path (blank node ids are
    random, so they must not reach the report)."""
    if shape is None:
        return ""
    if not isinstance(shape, BNode):
        return str(shape)
    path = report.value(shape, SH.path)
    return f"[sh:path <{path}>]" if isinstance(path, URIRef) else "[anonymous shape]"


def _order(v: Violation) -> tuple[object, ...]:
    return (_SEVERITY_ORDER.get(v.severity, 3), v.focus_node, v.path or "", v.source_shape,
            v.component, v.value or "", v.message, v.article or "")


def _local(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _article_of(
    data: Graph, focus: Node | None, path: Node | None, value: Node | None
) -> str | None:
    """The article a result comes from: through the provenance of the offending fact if there
    is one (``rdf:Statement`` → ``prov:wasDerivedFrom`` → mention), else by walking from the
    focus node along ``oa:hasBody`` (backwards), ``prov:wasDerivedFrom``, ``oa:hasTarget``,
    ``oa:hasSelector`` (backwards) and ``oa:hasSource``. The first article in IRI order wins."""
    if focus is None:
        return None
    if isinstance(path, URIRef):
        starts: set[Node] = set()
        for statement in data.subjects(RDF.subject, focus):
            if (statement, RDF.predicate, path) not in data:
                continue
            if value is not None and (statement, RDF.object, value) not in data:
                continue
            starts.update(data.objects(statement, _PROV.wasDerivedFrom))
        found = _walk_to_articles(data, starts)
        if found:
            return found
    return _walk_to_articles(data, {focus})


def _walk_to_articles(data: Graph, starts: set[Node], max_depth: int = 5) -> str | None:
    frontier, seen = set(starts), set(starts)
    for _ in range(max_depth):
        articles = sorted(str(n) for n in frontier if _is_article(data, n))
        if articles:
            return articles[0]
        step: set[Node] = set()
        for node in frontier:
            for p in (_OA.hasTarget, _OA.hasSource, _PROV.wasDerivedFrom):
                step.update(data.objects(node, p))
            for p in (_OA.hasSelector, _OA.hasBody):
                step.update(data.subjects(p, node))
        frontier = {n for n in step if isinstance(n, URIRef)} - seen
        seen |= frontier
        if not frontier:
            return None
    return None


def _is_article(data: Graph, node: Node) -> bool:
    return (node, RDF.type, _NEWS_ARTICLE) in data or (None, _OA.hasSource, node) in data


# --- report text and Turtle ----------------------------------------------------------------


def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, iri in {**prefixes(), "sh": str(SH), "vgsh": VGSH}.items():
        manager.bind(prefix, iri, override=True, replace=True)
    return manager


def _result(violations: list[Violation], report_turtle: str) -> ValidationResult:
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationResult(conforms, violations, _text(conforms, violations), report_turtle)


def _text(conforms: bool, violations: list[Violation]) -> str:
    manager = _namespaces()

    def short(iri: str | None) -> str:
        if iri is None:
            return "-"
        if iri.startswith("["):  # an anonymous shape, already described
            return iri
        try:
            return URIRef(iri).n3(manager)
        except Exception:  # not an IRI rdflib can abbreviate
            return f"<{iri}>"

    errors = sum(v.severity == "Violation" for v in violations)
    lines = [
        f"SHACL validation: {'conforms' if conforms else 'DOES NOT CONFORM'}"
        f" ({errors} violation(s), {len(violations) - errors} warning(s)/info)"
    ]
    for v in violations:
        lines += [
            "",
            f"{v.severity}: {v.message}",
            f"  focus node: {short(v.focus_node)}",
            f"  article:    {short(v.article) if v.article else '- (not from an article)'}",
            f"  path:       {short(v.path)}",
            f"  value:      {v.value if v.value is not None else '-'}",
            f"  shape:      {short(v.source_shape)} ({v.component})",
        ]
    return "\n".join(lines) + "\n"


def _skolemized_turtle(report: Graph, base_iri: str) -> str:
    """The report graph with every blank node replaced by a stable IRI, as sorted Turtle.

    The report node becomes ``{base}validation/report``; results are numbered
    ``result-1 …`` in the order of their (blank-node-free) content; other blank nodes
    (nested results, paths, shapes copied from the shapes graph) become
    ``result-<n>-<k>`` under the first result that reaches them, else ``node-<k>``.
    """
    root = f"{base_iri}validation/"
    memo: dict[Node, str] = {}

    def key(node: Node) -> str:
        return _describe(report, node, memo)

    names: dict[Node, URIRef] = {}
    for rep in report.subjects(RDF.type, SH.ValidationReport):
        if isinstance(rep, BNode):
            names[rep] = URIRef(root + "report")
    results = sorted(
        (r for r in report.subjects(RDF.type, SH.ValidationResult) if isinstance(r, BNode)), key=key
    )
    for n, res in enumerate(results, 1):
        names[res] = URIRef(f"{root}result-{n}")
        count = 0
        stack = [res]
        while stack:
            node = stack.pop()
            children = sorted(
                (o for _p, o in report.predicate_objects(node) if isinstance(o, BNode)), key=key
            )
            for child in children:
                if child not in names:
                    count += 1
                    names[child] = URIRef(f"{root}result-{n}-{count}")
                    stack.append(child)
    others = sorted({t for t in report.all_nodes() if isinstance(t, BNode)} - names.keys(), key=key)
    for k, node in enumerate(others, 1):
        names[node] = URIRef(f"{root}node-{k}")

    def rename(term: Node) -> Node:
        return names.get(term, term) if isinstance(term, BNode) else term

    skolem = Graph()
    for s, p, o in report:
        skolem.add((rename(s), p, rename(o)))
    return _sorted_turtle(skolem)


def _describe(graph: Graph, node: Node, memo: dict[Node, str], depth: int = 0) -> str:
    """A blank-node-free description of a node (its properties, recursively), to sort by."""
    if not isinstance(node, BNode):
        return node.n3()
    if node in memo:
        return memo[node]
    if depth > 8:
        return "_"
    memo[node] = "_"  # cycle guard
    parts = sorted(f"{p.n3()} {_describe(graph, o, memo, depth + 1)}"
                   for p, o in graph.predicate_objects(node))
    memo[node] = "[" + "; ".join(parts) + "]"
    return memo[node]


def _natural(text: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _sorted_turtle(graph: Graph) -> str:
    """Turtle with subjects, predicates and objects in a fixed order (and only used prefixes)."""
    manager = _namespaces()
    blocks = []
    for subject in sorted(set(graph.subjects()), key=lambda s: _natural(str(s))):
        pairs = sorted(
            ((p.n3(manager), o.n3(manager)) for p, o in graph.predicate_objects(subject)),
            key=lambda po: (po[0] != "rdf:type", po[0], _natural(po[1])),
        )
        body = " ;\n    ".join(f"{'a' if p == 'rdf:type' else p} {o}" for p, o in pairs)
        blocks.append(f"{subject.n3(manager)}\n    {body} .\n")
    text = "\n".join(blocks)
    used = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in sorted(manager.namespaces())
            if re.search(rf"(^|[\s(\[^]){re.escape(prefix)}:", text, re.MULTILINE)]
    return "\n".join([*used, "", text])
