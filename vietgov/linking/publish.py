"""The reviewed links of ``mappings/links.csv`` as reference statements for the build.

Only rows with status ``reviewed`` (method ``reviewed-by-person``) are published, as the triple
the row states (``<org/quoc-hoi> owl:sameAs <http://www.wikidata.org/entity/Q…>``) with no
span and the row's ``source``; the emitter writes them into the reference graph with
``dcterms:source``. Candidates and rejected rows are never published (docs/linking.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from vietgov.linking.link_table import BY_PERSON, LINKS_FILE, REVIEWED, Link, read_table
from vietgov.model import Statement
from vietgov.rdf.iris import Iris


def reviewed_links(path: Path = LINKS_FILE) -> list[Link]:
    """The rows a person reviewed, in file order."""
    return [link for link in read_table(path).links
            if link.status == REVIEWED and link.method == BY_PERSON]


def link_statements(iris: Iris, path: Path = LINKS_FILE) -> Iterator[Statement]:
    """One reference statement per reviewed link, subjects under ``iris.base``."""
    for link in reviewed_links(path):
        yield Statement(link.subject_iri(iris.base), link.predicate_iri, link.target,
                        is_iri=True, source=link.source)
