"""Deterministic serialisations streamed from the sorted N-Quads lines of the dataset.

The same quads always give the same bytes: lines are sorted, each subject's block in Turtle
starts with ``rdf:type``, and the @prefix header is written in a fixed order.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from vietgov.publish.quadlines import QuadLines
from vietgov.rdf.namespaces import RDF_TYPE, prefixes


def write_ntriples(lines: QuadLines, path: Path) -> int:
    """Canonical N-Triples of the union of all graphs, lines in code-point order; the count."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in lines.triple_lines():
            out.write(line)
            count += 1
    return count


def write_turtle(triples: Iterable[Triple], path: Path) -> None:
    """Turtle with the vocabulary prefixes and full data IRIs, one block per subject.

    ``triples`` must come sorted by subject (as from the N-Triples file); no @base is used,
    because the serializer would make every https IRI relative (``<//schema.org/>``).
    """
    _serialize(_type_first(triples), path, RdfFormat.TURTLE)


def write_trig(lines: QuadLines, path: Path) -> None:
    """TriG, one named graph per source article and one for curated reference data."""
    quads = itertools.chain.from_iterable(
        lines.quads(indices) for indices in lines.graph_lines().values())
    _serialize(quads, path, RdfFormat.TRIG)


def turtle_of(triples: Iterable[Triple], path: Path) -> None:
    """Turtle of a small graph given in any order (metadata, ontology)."""
    write_turtle(sorted(triples, key=lambda t: (str(t.subject), str(t.predicate),
                                                 str(t.object))), path)


def _type_first(triples: Iterable[Triple]) -> Iterator[Triple]:
    """Within each run of one subject, ``rdf:type`` triples first (order otherwise kept)."""
    for _subject, block in itertools.groupby(triples, key=lambda t: t.subject):
        rest = []
        for t in block:
            if t.predicate.value == RDF_TYPE:
                yield t
            else:
                rest.append(t)
        yield from rest


def _serialize(items: Iterable[Triple] | Iterable[Quad], path: Path, fmt: RdfFormat) -> None:
    """Serialize streaming, then rewrite the @prefix header in sorted order."""
    raw = path.with_name(path.name + ".raw")
    serialize(items, str(raw), fmt, prefixes=prefixes())
    with raw.open("rb") as src, path.open("wb") as out:
        header = []
        line = src.readline()
        while line.startswith(b"@"):
            header.append(line)
            line = src.readline()
        out.writelines(sorted(header))
        out.write(line)
        shutil.copyfileobj(src, out, 1 << 20)
    raw.unlink()


def sorted_triples(quads: Iterable[Quad]) -> list[Triple]:
    """Distinct triples of (small) quads sorted by subject, predicate, object."""
    return sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate),
                                                            str(t.object)))


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    """Distinct (small) quads sorted by graph, subject, predicate, object."""
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject),
                                             str(q.predicate), str(q.object)))
