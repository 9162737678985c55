"""The link table ``mappings/links.csv``: rows are checked, only reviewed rows are published,
and writing candidates never changes another row's bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from vietgov.linking.link_table import (
    CANDIDATE,
    COLUMNS,
    LINKS_FILE,
    PREDICATES,
    REVIEWED,
    Link,
    LinkTableError,
    format_row,
    read_table,
    with_candidates,
    write_text,
)
from vietgov.linking.publish import link_statements, reviewed_links
from vietgov.pipeline import quads_of
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import DCTERMS, OWL

HEADER = ",".join(COLUMNS) + "\n"
WD = "http://www.wikidata.org/entity/"
REVIEWED_LINE = ("org/a,owl:sameAs,http://www.wikidata.org/entity/Q1,A,reviewed,"
                 "reviewed-by-person,,someone,2026-02-03,\"a source, with a comma\",\n")
CANDIDATE_LINE = ("org/b,skos:closeMatch,http://example.org/b,B,candidate,reconciliation,0.75,,"
                  "2026-02-03,vietgov link against X,label exact\n")
REJECTED_LINE = ("org/b,owl:sameAs,http://www.wikidata.org/entity/Q2,B2,rejected,"
                 "reviewed-by-person,0.70,someone,2026-02-04,vietgov link against X,wrong body\n")


def table_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "links.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


# --- the seed table --------------------------------------------------------------------------


def test_seed_table_rows_are_complete() -> None:
    table = read_table(LINKS_FILE)
    reviewed = table.with_status(REVIEWED)
    assert reviewed, "the seed table has no reviewed link"
    for link in table.links:
        assert link.source.strip(), link
        if link.target.startswith(WD):
            assert re.fullmatch(r"http://www\.wikidata\.org/entity/Q[1-9]\d*", link.target)
    for link in reviewed:
        assert link.reviewer.strip() and link.date and link.method == "reviewed-by-person"


def test_seed_links_become_reference_statements() -> None:
    iris = Iris()
    statements = list(link_statements(iris))
    assert len(statements) == len(reviewed_links())
    for st in statements:
        assert st.subject.startswith(iris.base) and st.is_iri and st.span is None
        assert st.predicate in PREDICATES.values() and st.source


# --- checking rows ---------------------------------------------------------------------------

BROKEN = {
    "no source": REVIEWED_LINE.replace('"a source, with a comma"', ""),
    "reviewed, no reviewer": REVIEWED_LINE.replace("someone", ""),
    "reviewed by reconciliation": REVIEWED_LINE.replace("reviewed-by-person", "reconciliation"),
    "candidate without score": CANDIDATE_LINE.replace("0.75", ""),
    "score out of range": CANDIDATE_LINE.replace("0.75", "1.5"),
    "unknown predicate": CANDIDATE_LINE.replace("skos:closeMatch", "rdfs:seeAlso"),
    "relative target": CANDIDATE_LINE.replace("http://example.org/b", "example.org/b"),
    "unknown status": CANDIDATE_LINE.replace(",candidate,", ",maybe,"),
    "bad date": REVIEWED_LINE.replace("2026-02-03", "03/02/2026"),
    "bad subject": REVIEWED_LINE.replace("org/a", "Org A"),
    "line break in a field": REVIEWED_LINE.replace('"a source, with', '"a source,\nwith'),
    "missing field": "org/a,owl:sameAs,http://example.org/a\n",
}


@pytest.mark.parametrize("line", BROKEN.values(), ids=BROKEN.keys())
def test_malformed_rows_are_refused(tmp_path: Path, line: str) -> None:
    with pytest.raises(LinkTableError, match=r"links\.csv:\d+"):
        read_table(table_file(tmp_path, line))


def test_duplicate_link_and_wrong_header_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LinkTableError, match="same link as line 2"):
        read_table(table_file(tmp_path, REVIEWED_LINE, REVIEWED_LINE))
    path = tmp_path / "other.csv"
    path.write_text("subject,target\n", encoding="utf-8")
    with pytest.raises(LinkTableError, match="header"):
        read_table(path)


def test_missing_table_is_empty(tmp_path: Path) -> None:
    table = read_table(tmp_path / "none.csv")
    assert table.links == [] and table.header == HEADER


def test_format_row_reads_back(tmp_path: Path) -> None:
    link = Link("org/c", "owl:sameAs", WD + "Q3", 'label, with "quotes"', CANDIDATE,
                "reconciliation", "0.90", "", "2026-02-03", "a, b", "note")
    line = format_row(link)
    assert line.endswith("\n") and line.count("\n") == 1
    assert read_table(table_file(tmp_path, line)).links == [link]


# --- writing candidates ----------------------------------------------------------------------


def test_new_candidates_leave_every_other_line_as_it_was(tmp_path: Path) -> None:
    path = table_file(tmp_path, REVIEWED_LINE, CANDIDATE_LINE, REJECTED_LINE)
    table = read_table(path)
    fresh = Link("org/b", "owl:sameAs", WD + "Q9", "B9", CANDIDATE, "reconciliation", "0.80",
                 "", "2026-03-01", "vietgov link against Y", "label exact")
    again_rejected = Link("org/b", "owl:sameAs", WD + "Q2", "B2", CANDIDATE, "reconciliation",
                          "0.70", "", "2026-03-01", "vietgov link against Y", "")
    text = with_candidates(table, [fresh, again_rejected], {"org/b"})
    lines = text.splitlines(keepends=True)
    assert lines == [HEADER, REVIEWED_LINE, REJECTED_LINE, format_row(fresh)]
    kept = with_candidates(table, [], {"org/z"})
    assert kept == path.read_text(encoding="utf-8")
    assert write_text(path, kept) is False
    assert write_text(path, text) is True and path.read_text(encoding="utf-8") == text


def test_only_reviewed_rows_are_published(tmp_path: Path) -> None:
    path = table_file(tmp_path, REVIEWED_LINE, CANDIDATE_LINE, REJECTED_LINE)
    iris = Iris("https://example.org/vg/")
    statements = list(link_statements(iris, path))
    assert [(s.subject, s.predicate, s.obj) for s in statements] == [
        ("https://example.org/vg/org/a", OWL + "sameAs", WD + "Q1")]
    quads = quads_of(statements, iris)
    reference = NamedNode(iris.graph("reference"))
    assert {q.graph_name for q in quads} == {reference}
    subject = NamedNode("https://example.org/vg/org/a")
    assert any(q.subject == subject and q.predicate == NamedNode(OWL + "sameAs")
               and q.object == NamedNode(WD + "Q1") for q in quads)
    assert any(q.subject == subject and q.predicate == NamedNode(DCTERMS + "source")
               and q.object == Literal("a source, with a comma") for q in quads)
    assert not any("org/b" in q.subject.value for q in quads)
