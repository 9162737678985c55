"""Merge the statements of all articles: a functional property with conflicting values is dropped.

Which properties are functional is read from the ontology (``owl:FunctionalProperty``), so the
rule lives with the model. A conflict means two articles (or two spans) disagree about, say, the
date of the same document: rather than publish a wrong value, neither is published and the
conflict is reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from pyoxigraph import NamedNode, RdfFormat, parse

from vietgov.model import Statement
from vietgov.paths import ONTOLOGY
from vietgov.rdf.namespaces import OWL, RDF_TYPE


@dataclass
class Consolidated:
    statements: list[Statement]
    conflicts: list[str] = field(default_factory=list)


@cache
def functional_properties() -> frozenset[str]:
    """IRIs typed ``owl:FunctionalProperty`` in ``ontology/*.ttl``."""
    found: set[str] = set()
    rdf_type, functional = NamedNode(RDF_TYPE), NamedNode(OWL + "FunctionalProperty")
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        for triple in parse(path=str(path), format=RdfFormat.TURTLE):
            if triple.predicate == rdf_type and triple.object == functional:
                found.add(triple.subject.value)
    return frozenset(found)


def consolidate(statements: Iterable[Statement]) -> Consolidated:
    """Drop every value of a functional property whose subject has more than one value."""
    statements = list(statements)
    functional = functional_properties()
    values: dict[tuple[str, str], set[tuple[str, str | None, str | None]]] = defaultdict(set)
    for st in statements:
        if st.predicate in functional:
            values[(st.subject, st.predicate)].add((st.obj, st.datatype, st.lang))
    clashing = {key for key, vals in values.items() if len(vals) > 1}
    conflicts = [
        f"conflict: {subject} {predicate} has {len(values[(subject, predicate)])} values "
        f"({', '.join(sorted(v[0] for v in values[(subject, predicate)]))}); none published"
        for subject, predicate in sorted(clashing)
    ]
    kept = [st for st in statements if (st.subject, st.predicate) not in clashing]
    return Consolidated(kept, conflicts)
