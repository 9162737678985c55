"""Linking with other public data (issue 5): shared identifiers on documents, ISO 3166-2 codes,
``vietgov link`` against a real Oxigraph server standing in for Wikidata, and the federated query
``sparql/wikidata-description.rq`` run through SERVICE against that server."""

from __future__ import annotations

import argparse
import json
import time
import urllib.request
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.oxigraph_server import (  # noqa: F401  (fixtures)
    answer,
    closed_port_url,
    failing_server_fixture,
    http_server,
    oxigraph_running,
    oxigraph_server_fixture,
)
from vietgov.gazetteer import provinces
from vietgov.linking import cli, iso3166, reconcile
from vietgov.linking.link_table import CANDIDATE, COLUMNS, REJECTED, REVIEWED, read_table
from vietgov.linking.publish import link_statements
from vietgov.linking.reconcile import Endpoint, Entity, Evidence, Name
from vietgov.mappings import load_yaml
from vietgov.paths import CORPUS, SPARQL
from vietgov.pipeline import BuildSummary, article_statements, extract_corpus, quads_of
from vietgov.query import execute_embedded, execute_remote, load_query
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import DCTERMS, ELI, RDF_TYPE, RDFS, VG, XSD
from vietgov.serve import OxigraphServer
from vietgov.store import open_store

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata-sample.ttl"
WD = "http://www.wikidata.org/entity/"
BASE = "https://example.org/vg/"  # not the default base, so the gazetteer adds no context
HEADER = ",".join(COLUMNS) + "\n"

OUR_DATA = f"""
@prefix : <{BASE}> .
@prefix vg: <{VG}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
<{BASE}org/dang> a vg:Organization ;
    rdfs:label "Đảng Cộng sản Việt Nam"@vi , "Communist Party of Vietnam"@en .
<{BASE}org/trung-uong> a vg:Organization ; rdfs:label "Ban Chấp hành Trung ương Đảng"@vi ;
    skos:altLabel "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"@vi ;
    org:subOrganizationOf <{BASE}org/dang> .
<{BASE}org/bct> a vg:Organization ; rdfs:label "Bộ Chính trị"@vi ;
    org:subOrganizationOf <{BASE}org/trung-uong> .
<{BASE}org/btg> a vg:Organization ; rdfs:label "Ban Tuyên giáo"@vi .
<{BASE}org/mttq> a vg:Organization ; rdfs:label "Mặt trận Tổ quốc Việt Nam"@vi .
<{BASE}org/chinh-phu> a vg:Organization ; rdfs:label "Chính phủ"@vi .
<{BASE}org/bo-ct> a vg:Organization ; rdfs:label "Bộ Công Thương"@vi ;
    org:subOrganizationOf <{BASE}org/chinh-phu> .
<{BASE}org/qh> a vg:Organization ; rdfs:label "Quốc hội"@vi .
<{BASE}person/ba> a vg:Person ; rdfs:label "Nguyễn Văn Ba"@vi ; org:holds <{BASE}post/bo-ct> .
<{BASE}post/bo-ct> org:postIn <{BASE}org/bo-ct> .
<{BASE}person/hoa> a vg:Person ; rdfs:label "Trần Thị Hoa"@vi ;
    <http://xmlns.com/foaf/0.1/name> "Trần Thị Hoa" .
"""

REVIEWED_ROW = (
    "org/qh,owl:sameAs,http://www.wikidata.org/entity/Q990000070,Quốc hội,reviewed,"
    "reviewed-by-person,,a tester,2026-01-02,\"checked by hand, test row\",\n"
)


# --- helpers ---------------------------------------------------------------------------------


def load_into(server: OxigraphServer, path: Path, fmt: str = "text/turtle") -> None:
    """Put a file into the server's default graph (SPARQL 1.1 Graph Store protocol)."""
    request = urllib.request.Request(
        server.store_url + "?default", data=path.read_bytes(),
        headers={"Content-Type": fmt}, method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status in (200, 201, 204)


def write_dist(tmp: Path, turtle: str) -> Path:
    dist = tmp / "dist"
    dist.mkdir()
    quads = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    (dist / "vietgov.nt").write_bytes(
        ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES))
    return dist


def link_args(endpoint: str, dist: Path, table: Path, cache: Path | None,
              *extra: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli.add_link_parser(parser.add_subparsers())
    argv = ["link", "--endpoint", endpoint, "--dist", str(dist), "--table", str(table),
            "--base-iri", BASE, "--interval", "0", *extra]
    argv += ["--cache", str(cache)] if cache else ["--no-cache"]
    return parser.parse_args(argv)


def candidates_by_subject(table: Path) -> dict[str, list[tuple[str, float, str]]]:
    """subject → [(target, score, note)], in file order (best first, as written)."""
    out: dict[str, list[tuple[str, float, str]]] = {}
    for link in read_table(table).with_status(CANDIDATE):
        out.setdefault(link.subject, []).append((link.target, float(link.score), link.note))
    return out


def wikidata_stand_in(server: OxigraphServer) -> str:
    load_into(server, FIXTURE)
    return server.query_url


# --- vietgov link against the stand-in -------------------------------------------------------


def test_link_ranks_the_right_candidates_first(oxigraph_server: OxigraphServer,
                                               tmp_path: Path) -> None:
    url = wikidata_stand_in(oxigraph_server)
    dist = write_dist(tmp_path, OUR_DATA)
    table = tmp_path / "links.csv"
    table.write_text(HEADER + REVIEWED_ROW, encoding="utf-8")
    assert cli.run_link(link_args(url, dist, table, tmp_path / "cache")) == 0
    found = candidates_by_subject(table)

    def targets(subject: str) -> list[str]:
        return [t for t, _, _ in found.get(subject, [])]

    # same name, other type (a book): the party ranks first, the book is not proposed
    assert targets("org/dang")[0] == WD + "Q990000001"
    assert WD + "Q990000002" not in targets("org/dang")
    # same name in two parents: the parent we know decides
    bct = found["org/bct"]
    assert bct[0][0] == WD + "Q990000010"
    assert WD + "Q990000012" in targets("org/bct")
    assert bct[0][1] > max(s for t, s, _ in bct if t == WD + "Q990000012")
    assert "ambiguous" not in bct[0][2]
    # no parent known: the two namesakes stay candidates, both marked ambiguous
    btg = found["org/btg"]
    assert {t for t, _, _ in btg} == {WD + "Q990000020", WD + "Q990000021"}
    assert all("ambiguous" in note for _, _, note in btg)
    # a remote label written without diacritics is found, below a label with them
    assert targets("org/mttq") == [WD + "Q990000040"]
    assert "without diacritics" in found["org/mttq"][0][2]
    assert targets("org/bo-ct")[0] == WD + "Q990000030"
    assert found["org/bo-ct"][1][0] == WD + "Q990000032"
    assert found["org/bo-ct"][0][1] > found["org/bo-ct"][1][1]
    # persons: a post in the right body wins; another citizenship is ruled out
    assert targets("person/ba")[0] == WD + "Q990000050"
    assert WD + "Q990000052" not in targets("person/ba")
    assert "ambiguous" not in found["person/ba"][0][2]
    assert {t for t, _, _ in found["person/hoa"]} == {WD + "Q990000060", WD + "Q990000061"}
    assert all("ambiguous" in note for _, _, note in found["person/hoa"])
    # the reviewed body is not looked up again
    assert "org/qh" not in found
    # nothing the run wrote is published
    assert [s.subject for s in link_statements(Iris(BASE), table)] == [BASE + "org/qh"]


def test_link_leaves_reviewed_rows_byte_identical(oxigraph_server: OxigraphServer,
                                                  tmp_path: Path) -> None:
    url = wikidata_stand_in(oxigraph_server)
    dist = write_dist(tmp_path, OUR_DATA)
    rejected = ("org/bo-ct,owl:sameAs,http://www.wikidata.org/entity/Q990000032,Bo Cong Thuong,"
                "rejected,reviewed-by-person,0.70,a tester,2026-01-03,vietgov link against X,"
                "not the ministry\n")
    stale = ("org/bct,owl:sameAs,http://www.wikidata.org/entity/Q990000099,old,candidate,"
             "reconciliation,0.55,,2026-01-01,vietgov link against X,\n")
    other = ("org/gone,skos:closeMatch,http://example.org/elsewhere,kept,candidate,"
             "reconciliation,0.60,,2026-01-01,an earlier run,\n")
    table = tmp_path / "links.csv"
    table.write_text(HEADER + REVIEWED_ROW + stale + rejected + other, encoding="utf-8")
    cache = tmp_path / "cache"
    assert cli.run_link(link_args(url, dist, table, cache)) == 0
    after = table.read_text(encoding="utf-8").splitlines(keepends=True)
    assert after[:2] == [HEADER, REVIEWED_ROW]
    assert rejected in after and other in after
    assert after.index(REVIEWED_ROW) < after.index(rejected) < after.index(other)
    assert stale not in after  # candidates of a looked-up subject are replaced
    rows = read_table(table)
    assert [link.status for link in rows.links][:3] == [REVIEWED, REJECTED, CANDIDATE]
    assert all(link.target != WD + "Q990000032" for link in rows.with_status(CANDIDATE))
    # a second run answers from the cache and writes the same bytes
    first = table.read_bytes()
    cached = list(cache.glob("*.json"))
    assert cached
    assert cli.run_link(link_args(url, dist, table, cache)) == 0
    assert table.read_bytes() == first
    assert sorted(cache.glob("*.json")) == sorted(cached)


def test_link_without_a_dataset_uses_the_gazetteer(tmp_path: Path) -> None:
    table = tmp_path / "links.csv"
    table.write_text(HEADER + "org/quoc-hoi,owl:sameAs,http://www.wikidata.org/entity/Q1,x,"
                     "reviewed,reviewed-by-person,,t,2026-01-01,test,\n", encoding="utf-8")
    args = link_args("http://127.0.0.1:9/none", tmp_path / "no-dist", table, None)
    entities = cli.select_entities(args, Iris(), read_table(table), reconcile.WIKIDATA)
    iris = {e.iri for e in entities}
    assert iris and all(i.startswith(Iris().base + "org/") for i in iris)
    assert Iris().organisation("quoc-hoi") not in iris
    assert Iris().organisation("bo-chinh-tri") in iris
    assert {e.kind for e in entities} == {reconcile.ORGANISATION}


def test_link_failure_is_one_line_and_leaves_the_table(failing_server: str,
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    dist = write_dist(tmp_path, OUR_DATA)
    table = tmp_path / "links.csv"
    table.write_text(HEADER + REVIEWED_ROW, encoding="utf-8")
    assert cli.run_link(link_args(failing_server + "/sparql", dist, table, None)) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("vietgov link:") and "500" in err and "\n" not in err
    assert table.read_text(encoding="utf-8") == HEADER + REVIEWED_ROW


# --- politeness ------------------------------------------------------------------------------

EMPTY_RESULTS = json.dumps({"head": {"vars": ["item"]}, "results": {"bindings": []}}).encode()


def test_endpoint_sends_user_agent_waits_and_caches(tmp_path: Path) -> None:
    seen: list[tuple[float, str]] = []

    def respond(handler, body: bytes) -> None:
        seen.append((time.monotonic(), handler.headers.get("User-Agent", "")))
        answer(handler, 200, EMPTY_RESULTS, "application/sparql-results+json")

    with http_server(respond) as url:
        endpoint = Endpoint(url + "/sparql", min_interval=0.3, cache_dir=tmp_path)
        endpoint.select("SELECT ?item WHERE { ?item ?p 1 }")
        endpoint.select("SELECT ?item WHERE { ?item ?p 2 }")
        endpoint.select("SELECT ?item WHERE { ?item ?p 1 }")  # cached
    assert len(seen) == 2 and endpoint.requests == 2 and endpoint.cache_hits == 1
    assert seen[1][0] - seen[0][0] >= 0.3
    assert all("vietgov-link" in ua and reconcile.PROJECT_URL in ua for _, ua in seen)
    assert len(list(tmp_path.glob("*.json"))) == 2
    assert endpoint.cache_path("SELECT ?item WHERE { ?item ?p 1 }").is_file()


def test_default_interval_is_at_least_one_second() -> None:
    assert Endpoint("http://x").min_interval >= 1.0
    parser = argparse.ArgumentParser()
    cli.add_link_parser(parser.add_subparsers())
    assert parser.parse_args(["link"]).interval >= 1.0
    pauses: list[float] = []
    endpoint = Endpoint("http://x", sleep=pauses.append, clock=lambda: 10.25)
    endpoint._last = 10.0
    endpoint._wait()
    assert pauses == [pytest.approx(0.75)]


def test_endpoint_honours_retry_after_once(tmp_path: Path) -> None:
    calls: list[int] = []

    def respond(handler, body: bytes) -> None:
        calls.append(1)
        if len(calls) == 1:
            answer(handler, 429, b"slow down", headers={"Retry-After": "0"})
        else:
            answer(handler, 200, EMPTY_RESULTS, "application/sparql-results+json")

    with http_server(respond) as url:
        endpoint = Endpoint(url, min_interval=0, cache_dir=None)
        assert endpoint.select("SELECT ?item WHERE { ?item ?p ?o }") == []
    assert len(calls) == 2


# --- scoring ---------------------------------------------------------------------------------


def _entity(kind: str = reconcile.ORGANISATION, context: Iterable[str] = ()) -> Entity:
    return Entity("https://example.org/e", kind,
                  (Name("Ủy ban Kiểm tra", "vi", True), Name("UBKT", "vi", False)),
                  tuple(context))


def test_label_points_prefer_exact_then_unmarked_then_alias() -> None:
    entity = _entity()
    assert reconcile.label_points(entity, "Uỷ ban Kiểm tra", "label")[0] == reconcile.LABEL_EXACT
    assert reconcile.label_points(entity, "Uy ban Kiem tra", "label")[0] == reconcile.LABEL_ASCII
    assert reconcile.label_points(entity, "Ủy ban Kiểm tra", "alias")[0] == reconcile.LABEL_ALIAS
    assert reconcile.label_points(entity, "UBKT", "label")[0] == reconcile.LABEL_ALIAS
    assert reconcile.label_points(entity, "Ủy ban khác", "label")[0] == 0
    assert reconcile.LABEL_EXACT > reconcile.LABEL_ASCII > reconcile.LABEL_ALIAS


def test_score_drops_other_types_and_rewards_the_parent() -> None:
    entity = _entity(context=["Ban Chấp hành"])
    typed_other = Evidence("x", label=60, label_how="exact", typed=True, compatible=False)
    assert reconcile.score(entity, typed_other) is None
    untyped = Evidence("y", label=60, label_how="exact")
    good = Evidence("z", label=60, label_how="exact", typed=True, compatible=True,
                    context={"Ban Chap hanh"})
    assert reconcile.score(entity, good)[0] == 100
    assert reconcile.score(entity, untyped)[0] == 60
    ranked = reconcile.rank(entity, {"y": untyped, "z": good})
    assert [c.target for c in ranked] == ["z", "y"]
    assert not any(reconcile.is_ambiguous(c) for c in ranked)
    tie = reconcile.rank(entity, {"y": untyped, "w": Evidence("w", label=60, label_how="exact")})
    assert len(tie) == 2 and all(reconcile.is_ambiguous(c) for c in tie)


def test_query_sends_each_name_with_and_without_diacritics() -> None:
    names = {str(lit) for lit in reconcile.query_names(_entity())}
    assert '"Ủy ban Kiểm tra"@vi' in names and '"Uy ban Kiem tra"@vi' in names
    assert '"Uy ban Kiem tra"@en' in names and '"UBKT"@vi' in names
    person_query = reconcile.candidate_query(_entity(reconcile.PERSON))
    assert "Q5" in person_query and "Q881" in person_query and "P27" in person_query
    assert "P279" in reconcile.candidate_query(_entity())


# --- the federated query ---------------------------------------------------------------------


def _descriptions(item: str) -> set[tuple[str, str]]:
    out = set()
    for q in ox.parse(path=FIXTURE, format=ox.RdfFormat.TURTLE):
        if q.subject.value == item and q.predicate.value == "http://schema.org/description":
            out.add((q.object.language, q.object.value))
    return out


def test_federated_description_query(oxigraph_server: OxigraphServer, tmp_path: Path) -> None:
    remote = wikidata_stand_in(oxigraph_server)
    table = tmp_path / "links.csv"
    table.write_text(
        HEADER
        + "org/bct,owl:sameAs,http://www.wikidata.org/entity/Q990000010,Bộ Chính trị,reviewed,"
          "reviewed-by-person,,a tester,2026-01-02,test row,\n"
        + "org/btg,owl:sameAs,http://www.wikidata.org/entity/Q990000020,Ban Tuyên giáo,"
          "candidate,reconciliation,0.80,,2026-01-02,test row,\n",
        encoding="utf-8")
    iris = Iris(BASE)
    ours = tmp_path / "ours.nt"
    triples = [q.triple for q in quads_of(list(link_statements(iris, table)), iris)]
    ours.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))

    query = load_query(SPARQL / "wikidata-description.rq")
    assert [p.name for p in query.parameters] == ["org"]
    service = "<https://query.wikidata.org/sparql>"
    assert query.text.count(service) == 1
    text = query.text.replace(service, f"<{remote}>")  # the stand-in for Wikidata
    expected = {(lang, text_) for lang, text_ in _descriptions(WD + "Q990000010")}
    assert expected

    def rows(results: Iterable[ox.QuerySolution]) -> set[tuple[str, str]]:
        return {(s["lang"].value, s["description"].value) for s in results}

    bct = {"org": ox.NamedNode(BASE + "org/bct")}
    btg = {"org": ox.NamedNode(BASE + "org/btg")}
    embedded = open_store([ours])
    assert rows(execute_embedded(embedded, text, bct)) == expected
    assert rows(execute_embedded(embedded, text, btg)) == set()  # candidates are not published
    with oxigraph_running(tmp_path / "ours-server") as server:
        load_into(server, ours, "application/n-triples")
        assert rows(execute_remote(server.query_url, text, bct)) == expected
        assert rows(execute_remote(server.query_url, text, btg)) == set()


def test_oxigraph_cannot_take_the_service_from_a_variable() -> None:
    """Why the query names Wikidata's endpoint as a constant (docs/linking.md): if this starts
    failing, Oxigraph has learnt SERVICE ?var and the query can take the endpoint as a
    parameter."""
    query = (f"SELECT * WHERE {{ VALUES ?w {{ <{closed_port_url()}> }} "
             "SERVICE ?w { ?s ?p ?o } }")
    with pytest.raises((RuntimeError, OSError), match="unbound"):
        list(ox.Store().query(query))


# --- shared identifiers on documents ---------------------------------------------------------

IDENTIFIER_QUERY = f"""
PREFIX rdfs: <{RDFS}>
SELECT ?doc ?p ?o WHERE {{
  ?doc a ?c . ?c rdfs:subClassOf* <{VG}OfficialDocument> .
  VALUES ?p {{ <{DCTERMS}identifier> <{ELI}id_local> }}
  ?doc ?p ?o .
}}"""


def identifier_problems(store: ox.Store) -> tuple[int, list[str]]:
    """(documents with a symbol, what is wrong with their identifiers)."""
    found: dict[str, dict[str, list[ox.Term]]] = {}
    for row in store.query(IDENTIFIER_QUERY):
        found.setdefault(row["doc"].value, {}).setdefault(row["p"].value, []).append(row["o"])
    problems = []
    for doc, values in sorted(found.items()):
        ids, local = values.get(DCTERMS + "identifier", []), values.get(ELI + "id_local", [])
        if len(ids) != 1 or len(local) != 1:
            problems.append(f"{doc}: {len(ids)} dcterms:identifier, {len(local)} eli:id_local")
            continue
        for term in (ids[0], local[0]):
            if not isinstance(term, ox.Literal) or term.datatype.value != XSD + "string" \
                    or term.language:
                problems.append(f"{doc}: {term} is not a plain xsd:string literal")
        if ids[0] != local[0]:
            problems.append(f"{doc}: dcterms:identifier {ids[0]} != eli:id_local {local[0]}")
    return len(found), problems


def _store_of(triples: Iterable[ox.Triple]) -> ox.Store:
    store = ox.Store()
    store.extend([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
    for path in sorted(Path(__file__).parent.parent.joinpath("ontology").glob("*.ttl")):
        store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    return store


def test_identifier_check_catches_broken_symbols() -> None:
    doc = ox.NamedNode("https://example.org/doc/1")
    typed = ox.Triple(doc, ox.NamedNode(RDF_TYPE), ox.NamedNode(VG + "PartyDocument"))
    good = [typed, ox.Triple(doc, ox.NamedNode(DCTERMS + "identifier"), ox.Literal("57-NQ/TW")),
            ox.Triple(doc, ox.NamedNode(ELI + "id_local"), ox.Literal("57-NQ/TW"))]
    assert identifier_problems(_store_of(good)) == (1, [])
    tagged = [*good[:2], ox.Triple(doc, ox.NamedNode(ELI + "id_local"),
                                   ox.Literal("57-NQ/TW", language="vi"))]
    assert identifier_problems(_store_of(tagged))[1]
    missing = good[:2]
    assert identifier_problems(_store_of(missing))[1]
    different = [*good[:2], ox.Triple(doc, ox.NamedNode(ELI + "id_local"), ox.Literal("57"))]
    assert identifier_problems(_store_of(different))[1]


def test_documents_carry_their_symbol_as_both_identifiers() -> None:
    iris = Iris()
    summary = BuildSummary(str(CORPUS), "", iris.base)
    statements = [st for found in extract_corpus(CORPUS, summary)
                  for st in article_statements(found, iris, CORPUS)]
    store = _store_of(q.triple for q in quads_of(statements, iris))
    count, problems = identifier_problems(store)
    if count == 0:
        pytest.skip("the documents mapper publishes no symbol yet")
    assert problems == []


# --- ISO 3166-2 codes ------------------------------------------------------------------------


def test_province_codes() -> None:
    assert iso3166.province_code("Hà Nội") == "VN-HN"
    assert iso3166.province_code("TP.HCM") == "VN-SG"  # a short form of provinces.yaml
    assert iso3166.province_code("Đà Nẵng") == "VN-DN"
    assert iso3166.province_code("Hoà Bình") == iso3166.province_code("Hòa Bình") == "VN-14"
    assert iso3166.province_code("Huế") is None  # no checked code: left out
    assert iso3166.province_code("Bắc Giang") == "VN-54"
    assert iso3166.province_code("Bắc Giang", on=date(2025, 8, 1)) is None
    assert iso3166.province_code("Bắc Ninh", on=date(2025, 8, 1)) == "VN-56"
    assert iso3166.province_code("Atlantis") is None


def test_code_list_agrees_with_the_provinces() -> None:
    rows = iso3166.subdivision_codes()
    units = {p.id: p for p in provinces().values()}
    by_row = {}
    for row in rows.values():
        unit = next((u for u in units.values() if row.name in (u.name, *u.short_forms)), None)
        assert unit is not None, f"{row.name} is not a unit of provinces.yaml"
        by_row[unit.id] = row
        assert (row.valid_until is None) == unit.in_34 or unit.id == "thua-thien-hue", row.name
    assert {u.id for u in units.values() if u.in_63} == set(by_row)
    assert len({r.code for r in rows.values()}) == len(rows) == len(load_yaml("iso_3166_2_vn.yaml"))
