"""Deterministic serialisations: the same quads always give the same bytes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from vietgov.rdf.namespaces import RDF_TYPE, prefixes


def sorted_triples(quads: Iterable[Quad]) -> list[Triple]:
    """The union of all graphs as distinct triples, sorted by subject, predicate, object."""
    triples = {q.triple for q in quads}
    return sorted(triples, key=_triple_key)


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    """Distinct quads sorted by graph, then subject, predicate, object."""
    return sorted(set(quads), key=lambda q: (str(q.graph_name), *_triple_key(q.triple)))


def write_ntriples(triples: list[Triple], path: Path) -> None:
    """Canonical N-Triples, one line per triple, lines in code-point order."""
    lines = sorted(f"{t} .\n" for t in triples)  # str(Triple) is its N-Triples form
    path.write_text("".join(lines), encoding="utf-8")


def write_turtle(triples: list[Triple], path: Path, base_iri: str) -> None:
    """Turtle with the vocabulary prefixes and full data IRIs, grouped by subject.

    No @base: the serializer would make every https IRI relative (``<//schema.org/>``).
    """
    del base_iri  # data IRIs are written in full
    readable = sorted(triples, key=_type_first)
    _write(serialize(readable, format=RdfFormat.TURTLE, prefixes=prefixes()), path)


def write_trig(quads: list[Quad], path: Path, base_iri: str) -> None:
    """TriG, one named graph per source article and one for curated reference data."""
    del base_iri
    _write(serialize(quads, format=RdfFormat.TRIG, prefixes=prefixes()), path)


def _write(data: bytes, path: Path) -> None:
    """Write with the @base/@prefix header in a fixed order (the serializer's order may vary)."""
    lines = data.decode("utf-8").splitlines(keepends=True)
    n = next((i for i, line in enumerate(lines) if not line.startswith("@")), len(lines))
    header = sorted(lines[:n], key=lambda line: (not line.startswith("@base"), line))
    path.write_text("".join(header + lines[n:]), encoding="utf-8")


def _type_first(t: Triple) -> tuple[str, bool, str, str]:
    """Subject order, with ``rdf:type`` ("a") first in each subject's block."""
    return (str(t.subject), t.predicate.value != RDF_TYPE, str(t.predicate), str(t.object))


def _triple_key(t: Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))
