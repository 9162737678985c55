"""The triple-store commands against a real Oxigraph server, the embedded store, a server that
answers HTTP 500, one that never answers and a port where nothing listens."""

from __future__ import annotations

import base64
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.oxigraph_server import (  # noqa: F401  (fixtures)
    ERROR_BODY,
    answer,
    closed_port_url,
    failing_server_fixture,
    free_port,
    http_server,
    oxigraph_server_fixture,
    silent_server_fixture,
)
from vietgov import load, query, serve
from vietgov.paths import ROOT, SPARQL
from vietgov.rdf.namespaces import DEFAULT_BASE, VG
from vietgov.serve import OxigraphServer
from vietgov.store import StoreError, dataset_files, open_store, read_triples

ID = DEFAULT_BASE
ODD_LABEL = 'Ủy ban "đặc biệt" } ; DROP ALL ; { <x> \\ ngoặc {'

DATA = f"""\
<{ID}document/a/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{VG}PartyDocument> .
<{ID}document/a/1> <{VG}issuedBy> <{ID}org/uy-ban-a> .
<{ID}document/a/1> <{VG}issuedOn> "2021-03-04"^^<http://www.w3.org/2001/XMLSchema#date> .
<{ID}document/a/1> <http://www.w3.org/2000/01/rdf-schema#label> "Văn bản một"@vi .
<{ID}document/b/2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{VG}StateDocument> .
<{ID}document/b/2> <{VG}issuedBy> <{ID}org/uy-ban-a> .
<{ID}document/b/2> <{VG}issuedOn> "2019-11-30"^^<http://www.w3.org/2001/XMLSchema#date> .
<{ID}document/b/2> <{VG}plenum> "4"^^<http://www.w3.org/2001/XMLSchema#integer> .
<{ID}document/c/3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{VG}StateDocument> .
<{ID}document/c/3> <{VG}issuedBy> <{ID}org/bo-b> .
<{ID}document/c/3> <{VG}issuedOn> "2023-07-15"^^<http://www.w3.org/2001/XMLSchema#date> .
<{ID}org/uy-ban-a> <http://www.w3.org/2000/01/rdf-schema#label> "Ủy ban A"@vi .
<{ID}org/bo-b> <http://www.w3.org/2000/01/rdf-schema#label> "Bộ B"@vi .
<{ID}org/la> <http://www.w3.org/2000/01/rdf-schema#label> {ox.Literal(ODD_LABEL, language="vi")} .
<{ID}org/la> <{VG}note> "dòng một\\ndòng hai" .
"""

ONTOLOGY = f"""\
@prefix vg: <{VG}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
vg:PartyDocument rdfs:subClassOf vg:OfficialDocument .
vg:StateDocument rdfs:subClassOf vg:OfficialDocument .
vg:OfficialDocument rdfs:label "Official document"@en ; rdfs:seeAlso [ rdfs:label "helper"@en ] .
"""

PROLOGUE = f"PREFIX vg: <{VG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

QUERIES = {
    "by_issuer": """\
# Documents of one issuer since a date.
# @param org iri = id:org/uy-ban-a
# @param since date = 2000-01-01
""" + PROLOGUE + """\
SELECT ?doc ?date WHERE {
  ?doc vg:issuedBy ?org ; vg:issuedOn ?date .
  FILTER(?date >= ?since)
} ORDER BY ?doc
""",
    "by_label": """\
# Things carrying a label.
# @param label langString@vi
""" + PROLOGUE + "SELECT ?thing ?label WHERE { ?thing rdfs:label ?label } ORDER BY ?thing\n",
    "documents": PROLOGUE + """\
SELECT ?doc ?class ?label WHERE {
  ?doc a ?class . ?class rdfs:subClassOf* vg:OfficialDocument .
  OPTIONAL { ?doc rdfs:label ?label }
} ORDER BY ?doc
""",
    "everything": PROLOGUE + "SELECT * { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) } "
    "ORDER BY ?s ?p ?o\n",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n",
    "issued_graph": """\
# @param org iri
""" + PROLOGUE + """\
CONSTRUCT { ?doc vg:issuedBy ?org } WHERE { ?doc vg:issuedBy ?org }
""",
    "has_plenum": """\
# @param n integer = 4
""" + PROLOGUE + "ASK { ?doc vg:plenum ?n }\n",
}


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "vietgov.nt").write_text(DATA, encoding="utf-8")
    (out / "ontology.ttl").write_text(ONTOLOGY, encoding="utf-8")
    return out


@pytest.fixture
def queries(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "sparql"
    folder.mkdir()
    paths = {}
    for name, text in QUERIES.items():
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
        paths[name] = str(folder / f"{name}.rq")
    return paths


def run(module, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = module.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0]


def expected_triples(dist: Path) -> int:
    return len(read_triples(dataset_files(dist)))


def count_at(server: OxigraphServer, pattern: str = "?s ?p ?o") -> int:
    body = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) {{ {pattern} }}"}).encode()
    request = urllib.request.Request(
        server.query_url, data=body, headers={"Accept": "text/csv"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        return int(response.read().decode().split()[-1])


def load_gsp(server: OxigraphServer, dist: Path, *extra: str) -> list[str]:
    return ["--endpoint", server.query_url, "--gsp", server.store_url, "--dist", str(dist), *extra]


# --- query headers and parameters ----------------------------------------------------------


def test_header_declares_typed_parameters_with_defaults() -> None:
    params = query.parse_header(QUERIES["by_issuer"])
    assert [(p.name, p.type, p.default) for p in params] == [
        ("org", "iri", "id:org/uy-ban-a"),
        ("since", "date", "2000-01-01"),
    ]
    assert query.parse_header(QUERIES["issued_graph"])[0].default is None


@pytest.mark.parametrize(
    "header",
    ["# @param x uri\nSELECT * {}", "# @param x date = 31/12/2020\nSELECT * {}",
     "# @param x\nSELECT * {}", "# @param x iri\n# @param x string\nSELECT * {}"],
)
def test_bad_header_lines_are_refused(header: str) -> None:
    with pytest.raises(query.QueryError):
        query.parse_header(header)


def test_parameters_become_terms_of_their_type() -> None:
    p = query.Parameter
    assert query.to_term(p("o", "iri"), "id:org/x") == ox.NamedNode(ID + "org/x")
    assert query.to_term(p("o", "iri"), "<http://example.org/a>") == ox.NamedNode(
        "http://example.org/a"
    )
    assert query.to_term(p("s", "string"), "a } b") == ox.Literal("a } b")
    assert query.to_term(p("l", "langString@vi"), "Bộ") == ox.Literal("Bộ", language="vi")
    date = query.to_term(p("d", "date"), "2024-02-29")
    assert isinstance(date, ox.Literal) and date.datatype.value.endswith("#date")
    assert query.to_term(p("n", "integer"), "+007").value == "7"


@pytest.mark.parametrize(
    ("type_", "value"),
    [("iri", "http://example.org/a> } ; DROP ALL ; { <http://example.org/b"),
     ("iri", "not an iri"), ("iri", "relative/path"), ("date", "2023-02-30"),
     ("date", "2023-1-5"), ("integer", "4; DROP ALL"), ("gYear", "99")],
)
def test_values_that_are_not_of_the_type_are_refused(type_: str, value: str) -> None:
    with pytest.raises(query.QueryError):
        query.to_term(query.Parameter("x", type_), value)


def test_unknown_and_missing_parameters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(QUERIES["issued_graph"], encoding="utf-8")
    ready = query.load_query(path)
    with pytest.raises(query.QueryError, match="needs --param org"):
        query.bind_parameters(ready, {})
    with pytest.raises(query.QueryError, match="no parameter"):
        query.bind_parameters(ready, {"org": "id:org/a", "typo": "1"})


@pytest.mark.parametrize(
    "text",
    [
        PROLOGUE + "SELECT ?doc WHERE { ?doc vg:issuedBy ?org }",
        PROLOGUE + "SELECT ?doc { ?doc vg:issuedBy ?org }",
        PROLOGUE + '# a comment { with braces\nSELECT ?doc (EXISTS { ?doc ?p "}" } AS ?e)\n'
        "(1 < 2 AS ?lt) (\"\"\"{\"\"\" AS ?s) WHERE { ?doc vg:issuedBy ?org }",
        PROLOGUE + "CONSTRUCT { ?doc vg:issuedBy ?org } WHERE { ?doc vg:issuedBy ?org }",
        PROLOGUE + "CONSTRUCT { ?doc vg:issuedBy ?org } { ?doc vg:issuedBy ?org }",
        PROLOGUE + "ASK { ?doc vg:issuedBy ?org }",
        PROLOGUE + "DESCRIBE ?doc WHERE { ?doc vg:issuedBy ?org }",
    ],
)
def test_values_block_binds_like_the_term_written_in(dist: Path, text: str) -> None:
    store = open_store(dataset_files(dist))
    org = ox.NamedNode(ID + "org/uy-ban-a")
    bound = query.render(query.execute_embedded(store, text, {"org": org}), "json")
    written_in = query.execute_embedded(store, text.replace("?org", str(org)), {})
    assert bound == query.render(written_in, "json")
    other = query.execute_embedded(store, text, {"org": ox.NamedNode(ID + "org/none")})
    assert bound != query.render(other, "json")


def test_queries_without_a_group_for_values() -> None:
    term = {"s": ox.NamedNode(ID + "x")}
    with pytest.raises(query.QueryError, match="WHERE"):
        query.with_values("CONSTRUCT WHERE { ?s ?p ?o }", term)
    with pytest.raises(query.QueryError, match="WHERE"):
        query.with_values(f"DESCRIBE <{ID}x>", term)
    assert query.with_values(f"DESCRIBE <{ID}x>", {}) == f"DESCRIBE <{ID}x>"
    assert query.query_form(f"# SELECT\nDESCRIBE <{ID}x>") == "DESCRIBE"
    with pytest.raises(query.QueryError, match="not a SELECT"):
        query.query_form("INSERT DATA { <a:b> <a:c> <a:d> }")


# --- the embedded store --------------------------------------------------------------------


def test_embedded_query_reads_dist_and_the_ontology(dist: Path, queries, capsys) -> None:
    code, out, _ = run(query, [queries["documents"], "--dist", str(dist), "--format", "csv"],
                       capsys)
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "doc,class,label"
    assert [line.split(",")[0] for line in lines[1:]] == [
        ID + "document/a/1", ID + "document/b/2", ID + "document/c/3"
    ]
    code, out, _ = run(
        query, [queries["documents"], "--dist", str(dist), "--no-ontology"], capsys
    )
    assert code == 0 and "(0 rows)" in out


def test_table_is_aligned_and_compact(dist: Path, queries, capsys) -> None:
    code, out, _ = run(query, [queries["by_issuer"], "--dist", str(dist)], capsys)
    assert code == 0
    header, rule, *rows, footer = out.rstrip("\n").splitlines()
    assert header.split() == ["doc", "date"]
    assert footer == "(2 rows)"
    assert [r.split()[0] for r in rows] == ["id:document/a/1", "id:document/b/2"]
    assert {r.index(r.split()[1]) for r in rows} == {header.index("date")}
    assert len(rule.split()) == 2


def test_display_width_counts_combining_marks_as_zero() -> None:
    decomposed = "U\u031bu\u0309y ban"  # Ưủy ban with combining marks
    assert query.display_width(decomposed) == len("Ưuy ban")
    assert query.display_width("中文") == 4


def test_parameter_defaults_and_overrides(dist: Path, queries, capsys) -> None:
    code, out, _ = run(query, [queries["by_issuer"], "--dist", str(dist), "--format", "tsv",
                               "--param", "since=2020-01-01"], capsys)
    assert code == 0
    assert out.splitlines()[1:] == [f'<{ID}document/a/1>\t"2021-03-04"^^'
                                    "<http://www.w3.org/2001/XMLSchema#date>"]
    code, out, _ = run(query, [queries["by_issuer"], "--dist", str(dist), "--format", "csv",
                               "--param", "org=id:org/bo-b"], capsys)
    assert code == 0 and out.splitlines()[1].startswith(ID + "document/c/3,")


def test_construct_and_ask(dist: Path, queries, capsys) -> None:
    code, out, _ = run(query, [queries["issued_graph"], "--dist", str(dist),
                               "--param", "org=id:org/uy-ban-a"], capsys)
    assert code == 0
    assert out.splitlines() == sorted(out.splitlines())
    assert len(out.splitlines()) == 2 and all("org/uy-ban-a" in line for line in out.splitlines())
    code, out, _ = run(query, [queries["has_plenum"], "--dist", str(dist)], capsys)
    assert (code, out) == (0, "true\n")
    code, out, _ = run(query, [queries["has_plenum"], "--dist", str(dist), "--param", "n=5"],
                       capsys)
    assert (code, out) == (0, "false\n")


def test_injection_stays_a_plain_value_in_the_embedded_store(dist: Path, queries, capsys):
    code, out, err = run(query, [queries["by_label"], "--dist", str(dist), "--format", "json",
                                 "--param", f"label={ODD_LABEL}"], capsys)
    assert code == 0, err
    assert '"value":"' + ID + 'org/la"' in out
    assert out.count('"thing"') == 2  # the head and the single row
    code, out, _ = run(query, [queries["count"], "--dist", str(dist), "--format", "csv"], capsys)
    assert out.splitlines()[1] == str(expected_triples(dist))


def test_injected_iri_is_refused_in_one_line(dist: Path, queries, capsys) -> None:
    code, _, err = run(query, [
        queries["by_issuer"], "--dist", str(dist),
        "--param", "org=http://example.org/a> } ; DROP ALL ; { <http://example.org/b",
    ], capsys)
    assert_one_line_error(code, err, "?org", "absolute IRI")


def test_query_errors_are_one_line(tmp_path: Path, dist: Path, queries, capsys) -> None:
    code, _, err = run(query, ["no_such_query", "--dist", str(dist)], capsys)
    assert_one_line_error(code, err, "no_such_query")
    code, _, err = run(query, [queries["count"], "--dist", str(tmp_path / "empty")], capsys)
    assert_one_line_error(code, err, "vietgov.nt", "vietgov build")
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT * WHERE { ?s ?p }", encoding="utf-8")
    code, _, err = run(query, [str(broken), "--dist", str(dist)], capsys)
    assert_one_line_error(code, err, "syntax")
    code, _, err = run(query, [queries["count"], "--param", "nonsense"], capsys)
    assert_one_line_error(code, err, "name=value")
    code, _, err = run(query, [queries["count"], "--dist", str(dist), "--graph", ID + "g"], capsys)
    assert_one_line_error(code, err, "--graph needs --endpoint")


def test_ready_made_queries_resolve_by_name(tmp_path: Path) -> None:
    (tmp_path / "mine.rq").write_text("SELECT * {}", encoding="utf-8")
    assert query.resolve_query("mine", tmp_path) == tmp_path / "mine.rq"
    with pytest.raises(query.QueryError, match="available: mine"):
        query.resolve_query("yours", tmp_path)


@pytest.mark.parametrize("path", sorted(SPARQL.glob("*.rq")), ids=lambda p: p.stem)
def test_project_queries_declare_usable_parameters(path: Path) -> None:
    ready = query.load_query(path)
    bindings = {p.name: query.to_term(p, p.default) for p in ready.parameters if p.default}
    text = query.with_values(ready.text, bindings) if bindings else ready.text
    query.execute_embedded(ox.Store(), text, {})  # parses and runs on an empty store


# --- loading into a real server ------------------------------------------------------------


def test_gsp_load_is_checked_and_repeatable(oxigraph_server, dist: Path, capsys) -> None:
    expected = expected_triples(dist)
    graph = f"GRAPH <{load.DATASET_GRAPH}> {{ ?s ?p ?o }}"
    code, out, err = run(load, load_gsp(oxigraph_server, dist), capsys)
    assert code == 0, err
    assert f"loaded {expected} triples" in out
    assert count_at(oxigraph_server, graph) == expected
    code, _, err = run(load, load_gsp(oxigraph_server, dist), capsys)
    assert code == 0, err
    assert count_at(oxigraph_server, graph) == expected
    assert count_at(oxigraph_server) == 0  # the default graph is left alone
    drop_last_triple(dist)
    assert run(load, load_gsp(oxigraph_server, dist), capsys)[0] == 0
    assert count_at(oxigraph_server, graph) == expected - 1  # replaced, not added to


def drop_last_triple(dist: Path) -> None:
    data = dist / "vietgov.nt"
    data.write_text("".join(data.read_text("utf-8").splitlines(True)[:-1]), encoding="utf-8")


def test_update_load_in_chunks_replaces_the_graph(oxigraph_server, dist: Path) -> None:
    client = load.StoreClient(timeout=20)
    files = dataset_files(dist)
    graph = ID + "graph/test"
    for _ in range(2):
        report = load.load_dataset(files, client, endpoint=oxigraph_server.query_url,
                                   graph=graph, update=oxigraph_server.update_url, chunk=3)
        assert report.held == report.sent == expected_triples(dist)
    assert count_at(oxigraph_server, f"GRAPH <{graph}> {{ ?s ?p ?o }}") == report.sent
    joined = f"GRAPH <{graph}> {{ ?x ?p ?b . ?b ?q ?l FILTER isBlank(?b) }}"
    blank = count_at(oxigraph_server, joined)
    assert blank == 1  # the blank node's triples arrived in one request, still joined
    drop_last_triple(dist)
    report = load.load_dataset(files, client, endpoint=oxigraph_server.query_url,
                               graph=graph, update=oxigraph_server.update_url, chunk=3)
    assert count_at(oxigraph_server, f"GRAPH <{graph}> {{ ?s ?p ?o }}") == report.sent
    assert report.sent == expected_triples(dist)


def test_update_requests_keep_blank_nodes_together() -> None:
    b = ox.BlankNode("n1")
    p = ox.NamedNode("http://example.org/p")
    triples = [ox.Triple(ox.NamedNode(f"http://example.org/{i}"), p, ox.Literal(str(i)))
               for i in range(5)]
    triples += [ox.Triple(ox.NamedNode("http://example.org/x"), p, b),
                ox.Triple(b, p, ox.Literal("in the node"))]
    requests = load.update_statements("http://example.org/g", triples, chunk=2)
    assert requests[0].startswith("DROP SILENT GRAPH <http://example.org/g> ;")
    assert requests[0].count("_:n1") == 2
    assert all("_:n1" not in r for r in requests[1:])
    assert len(requests) == 1 + 3


def test_sample_skips_terms_a_store_may_rewrite(dist: Path) -> None:
    triples = list(read_triples(dataset_files(dist)))
    picked = load.sample(triples, size=4)
    assert len(picked) == 4 and len(set(picked)) == 4
    for t in picked:
        assert not isinstance(t.subject, ox.BlankNode)
        assert isinstance(t.object, ox.NamedNode) or t.object.datatype.value in (
            load.XSD_STRING, load.RDF_LANG_STRING)
    assert load.sample(triples[:0]) == []


def test_default_graph_load(oxigraph_server, dist: Path, capsys) -> None:
    code, out, err = run(load, load_gsp(oxigraph_server, dist, "--default-graph"), capsys)
    assert code == 0, err
    assert "the default graph" in out
    assert count_at(oxigraph_server) == expected_triples(dist)


def test_wrong_count_is_an_error(oxigraph_server, dist: Path, capsys) -> None:
    extra = ("INSERT DATA { GRAPH <http://example.org/other> "
             "{ <http://example.org/s> <http://example.org/p> <http://example.org/o> } }")
    urllib.request.urlopen(urllib.request.Request(
        oxigraph_server.update_url, data=extra.encode(), method="POST",
        headers={"Content-Type": "application/sparql-update"}), timeout=20).close()
    # a store whose default graph is the union of all graphs counts the other graph too
    union = oxigraph_server.query_url + "?union-default-graph"
    code, _, err = run(load, ["--endpoint", union, "--gsp", oxigraph_server.store_url,
                              "--dist", str(dist), "--default-graph"], capsys)
    expected = expected_triples(dist)
    assert_one_line_error(code, err, f"sent {expected} triples", f"holds {expected + 1}",
                          "--graph")


# --- embedded and server agree -------------------------------------------------------------


@pytest.mark.parametrize("fmt", query.FORMATS)
@pytest.mark.parametrize("name", ["by_issuer", "documents", "everything", "count",
                                  "issued_graph", "has_plenum"])
def test_embedded_and_server_give_identical_results(
    oxigraph_server, dist: Path, queries, capsys, name: str, fmt: str
) -> None:
    assert run(load, load_gsp(oxigraph_server, dist), capsys)[0] == 0
    params = ["--param", "org=id:org/uy-ban-a"] if name == "issued_graph" else []
    local = run(query, [queries[name], "--dist", str(dist), "--format", fmt, *params], capsys)
    remote = run(query, [queries[name], "--endpoint", oxigraph_server.query_url,
                         "--graph", load.DATASET_GRAPH, "--format", fmt, *params], capsys)
    assert local[0] == remote[0] == 0, (local[2], remote[2])
    assert local[1] == remote[1]
    assert local[1].strip()


def test_injection_stays_a_plain_value_at_the_server(
    oxigraph_server, dist: Path, queries, capsys
) -> None:
    assert run(load, load_gsp(oxigraph_server, dist, "--default-graph"), capsys)[0] == 0
    for value in (ODD_LABEL, '"} ; DROP ALL ; {"', "'} ; DROP ALL ; {'", "\\\" } DROP ALL {"):
        code, out, err = run(query, [queries["by_label"], "--endpoint", oxigraph_server.query_url,
                                     "--format", "json", "--param", f"label={value}"], capsys)
        assert code == 0, err
        rows = [(b["thing"]["value"], b["label"]["value"])
                for b in json.loads(out)["results"]["bindings"]]
        assert rows == ([(f"{ID}org/la", ODD_LABEL)] if value == ODD_LABEL else []), value
    assert count_at(oxigraph_server) == expected_triples(dist)


# --- failures: one line, no traceback ------------------------------------------------------


def test_load_into_closed_port(dist: Path, capsys) -> None:
    url = closed_port_url("/store")
    code, out, err = run(load, ["--endpoint", url, "--gsp", url, "--dist", str(dist)], capsys)
    assert_one_line_error(code, err, "connection refused")
    assert out == ""


def test_load_into_closed_port_in_a_real_process(dist: Path) -> None:
    url = closed_port_url("/store")
    done = subprocess.run(
        [sys.executable, "-m", "vietgov.load", "--endpoint", url, "--update", url,
         "--dist", str(dist)],
        capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
    )
    assert_one_line_error(done.returncode, done.stderr, "connection refused")


def test_load_into_failing_server(failing_server: str, dist: Path, capsys) -> None:
    code, _, err = run(load, ["--endpoint", failing_server + "/query",
                              "--gsp", failing_server + "/store", "--dist", str(dist)], capsys)
    first, second = ERROR_BODY.splitlines()
    assert_one_line_error(code, err, "HTTP 500", first)
    assert second not in err


def test_load_into_silent_server_times_out(silent_server: str, dist: Path, capsys) -> None:
    code, _, err = run(load, ["--endpoint", silent_server, "--update", silent_server,
                              "--dist", str(dist), "--timeout", "0.5"], capsys)
    assert_one_line_error(code, err, "did not answer within 0.5 s")


def test_query_against_failing_and_closed_endpoints(failing_server: str, queries, capsys):
    code, _, err = run(query, [queries["count"], "--endpoint", failing_server + "/query"], capsys)
    assert_one_line_error(code, err, "HTTP 500", ERROR_BODY.splitlines()[0])
    code, _, err = run(query, [queries["count"], "--endpoint", closed_port_url()], capsys)
    assert_one_line_error(code, err, "connection refused")


def test_credentials_need_the_password_variable(dist: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv(load.PASSWORD_VARIABLE, raising=False)
    url = closed_port_url()
    code, _, err = run(load, ["--endpoint", url, "--gsp", url, "--dist", str(dist),
                              "--user", "admin"], capsys)
    assert_one_line_error(code, err, load.PASSWORD_VARIABLE)


def _guarded_store(user: str, password: str, seen: dict[str, int]):
    """A stand-in store that wants HTTP Basic credentials, keeps the size of the last PUT and
    answers the count and sample queries from it."""
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def respond(handler, body: bytes) -> None:
        if handler.headers.get("Authorization") != expected:
            seen["refused"] += 1
            answer(handler, 401, b"who are you?", headers={"WWW-Authenticate": 'Basic realm="s"'})
            return
        if handler.command == "PUT":
            seen["triples"] = len([ln for ln in body.decode().splitlines() if ln.strip()])
            answer(handler, 204)
            return
        text = urllib.parse.parse_qs(body.decode())["query"][0]
        result = ({"head": {}, "boolean": True} if text.startswith("ASK") else
                  {"head": {"vars": ["n"]}, "results": {"bindings": [
                      {"n": {"type": "literal", "value": str(seen["triples"])}}]}})
        answer(handler, 200, json.dumps(result).encode(), "application/sparql-results+json")

    return respond


def test_credentials_go_to_a_store_that_wants_them(dist: Path, capsys, monkeypatch) -> None:
    seen = {"refused": 0, "triples": 0}
    monkeypatch.setenv(load.PASSWORD_VARIABLE, "mật khẩu")
    with http_server(_guarded_store("loader", "mật khẩu", seen)) as url:
        argv = ["--endpoint", url + "/q", "--gsp", url + "/g", "--dist", str(dist)]
        code, _, err = run(load, [*argv, "--user", "loader"], capsys)
        assert code == 0, err
        assert seen == {"refused": 0, "triples": expected_triples(dist)}
        code, _, err = run(load, [*argv, "--user", "intruder"], capsys)
        assert_one_line_error(code, err, "HTTP 401", "who are you?")
        code, _, err = run(load, argv, capsys)
        assert_one_line_error(code, err, "HTTP 401")


# --- the local server ----------------------------------------------------------------------


def _lines(stream, into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


def test_serve_answers_then_stops_on_ctrl_c(dist: Path) -> None:
    try:
        serve.find_oxigraph()
    except StoreError as exc:
        pytest.skip(str(exc))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "vietgov.serve", "--port", str(port), "--dist", str(dist)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    try:
        seen: list[str] = []
        while not any("Ctrl-C" in line for line in seen):
            seen.append(lines.get(timeout=20))
        query_url = next(line.split()[-1] for line in seen if line.startswith("SPARQL query:"))
        assert query_url == f"http://127.0.0.1:{port}/query"
        body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}).encode()
        request = urllib.request.Request(query_url, data=body, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=20) as response:
            assert int(response.read().decode().split()[-1]) == expected_triples(dist)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        assert "Traceback" not in process.stderr.read()
        assert serve.port_is_free(port)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=20)


def test_the_default_graph_follows_the_base_iri_of_the_build(tmp_path: Path) -> None:
    (tmp_path / "summary.json").write_text('{"base_iri": "https://example.org/gov/"}',
                                           encoding="utf-8")
    assert load.dataset_graph(tmp_path) == "https://example.org/gov/graph/dataset"
    assert load.dataset_graph(tmp_path / "missing") == load.DATASET_GRAPH
