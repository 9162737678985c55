"""The built dataset as one sorted list of distinct N-Quads lines.

This is the pipeline's single large container: a line of text costs less memory than the
term objects behind it, sorting lines gives a deterministic order for free, and every writer
streams from it. Every quad is in a named graph (an article's, or the reference graph), so
each line ends with ``<graph> .`` and dropping that term gives the N-Triples line; because the
graph term comes last, lines sorted as quads stay sorted as triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Triple, parse


@dataclass
class QuadLines:
    """Sorted, distinct N-Quads lines (each ending in ``" .\\n"``)."""

    lines: list[str]

    @classmethod
    def from_quads(cls, quads: Iterable[Quad]) -> QuadLines:
        lines = []
        for q in quads:
            if isinstance(q.graph_name, DefaultGraph):
                raise ValueError(f"every published quad needs a named graph: {q}")
            lines.append(f"{q} .\n")
        lines.sort()
        return cls(_distinct(lines))

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[Quad]:
        return self.quads()

    def triple_lines(self) -> Iterator[str]:
        """Distinct N-Triples lines, sorted: the union of all graphs."""
        previous = None
        for line in self.lines:
            triple = triple_line(line)
            if triple != previous:
                yield triple
                previous = triple

    def graph_lines(self) -> dict[str, list[int]]:
        """Graph IRI → indices of its lines, graphs in sorted order."""
        by_graph: dict[str, list[int]] = defaultdict(list)
        for i, line in enumerate(self.lines):
            by_graph[graph_of(line)].append(i)
        return dict(sorted(by_graph.items()))

    def quads(self, indices: Iterable[int] | None = None) -> Iterator[Quad]:
        """The quads of all lines, or of the lines at ``indices``, parsed back."""
        chosen = self.lines if indices is None else (self.lines[i] for i in indices)
        yield from parse_lines(chosen, RdfFormat.N_QUADS)


@dataclass(frozen=True)
class TripleFile:
    """The triples of an N-Triples file, re-iterable (each pass parses the file) and sized."""

    path: Path
    count: int

    def __iter__(self) -> Iterator[Triple]:
        with self.path.open(encoding="utf-8") as lines:
            yield from triples_of(lines)

    def __len__(self) -> int:
        return self.count


def triple_line(quad_line: str) -> str:
    """The N-Triples line of an N-Quads line whose last term is a graph IRI."""
    return quad_line[:quad_line.rindex(" <")] + " .\n"


def graph_of(quad_line: str) -> str:
    """The graph IRI (without brackets) of an N-Quads line."""
    return quad_line[quad_line.rindex(" <") + 2:quad_line.rindex(">")]


def parse_lines(lines: Iterable[str], fmt: RdfFormat, batch: int = 50_000) -> Iterator[Quad]:
    """Parse N-Triples/N-Quads lines in batches (bounded memory for the text)."""
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= batch:
            yield from parse("".join(buffer).encode("utf-8"), format=fmt)
            buffer.clear()
    if buffer:
        yield from parse("".join(buffer).encode("utf-8"), format=fmt)


def triples_of(lines: Iterable[str]) -> Iterator[Triple]:
    """Triples parsed from N-Triples lines."""
    for quad in parse_lines(lines, RdfFormat.N_TRIPLES):
        yield quad.triple


def _distinct(sorted_lines: list[str]) -> list[str]:
    if not sorted_lines:
        return sorted_lines
    out = [sorted_lines[0]]
    for line in sorted_lines[1:]:
        if line != out[-1]:
            out.append(line)
    return out
