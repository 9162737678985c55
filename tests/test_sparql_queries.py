"""The ready-made queries in ``sparql/`` against the bundled corpus.

The dataset is built once per session (``vietgov.pipeline.build``), loaded into a real Oxigraph
server on 127.0.0.1 with ``vietgov load`` (count checked, and checked again after a second
load), and every query runs through ``vietgov query`` both in the embedded store and against
the server, which must print identical results. Each query then has a test asserting what it
must return: facts taken from the gold (``/work/shared/gold/seeds.jsonl``) or from the curated
gazetteer, and invariants computed independently of SPARQL (counts from the N-Triples file,
quotes that are the article's text at the published offsets).

Federated queries: Oxigraph refuses ``SERVICE ?endpoint`` bound by VALUES, so a query names its
endpoint as a constant IRI. The tests copy every query into a temporary folder with each
``SERVICE <…>`` IRI replaced by the query URL of a second Oxigraph server on 127.0.0.1 that
holds a small external dataset written below; nothing leaves the machine.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from SPARQLWrapper import SPARQLWrapper

from tests.gold import GoldArticle
from tests.oxigraph_server import oxigraph_running
from vietgov import load, query
from vietgov.gazetteer import bodies
from vietgov.paths import CORPUS, ONTOLOGY, ROOT, SPARQL
from vietgov.pipeline import BuildOptions, build
from vietgov.rdf.namespaces import DCTERMS, DEFAULT_BASE, RDF_TYPE, RDFS, SKOS, VG, WD
from vietgov.reading.articles import read_article
from vietgov.serve import OxigraphServer
from vietgov.store import dataset_files, open_store, read_triples

ID = DEFAULT_BASE
DOCUMENT_CLASSES = (VG + "PartyDocument", VG + "StateDocument", VG + "OfficialDocument")
HEADER_KEYS = ("title", "tiêu đề", "answers", "columns")
QUERIES_DOC = ROOT / "docs" / "queries.md"
SERVICE_IRI = re.compile(r"(SERVICE\s+(?:SILENT\s+)?)<[^>]*>", re.IGNORECASE)
NT_TYPE = re.compile(r"^(<[^>]*>) <" + re.escape(RDF_TYPE) + r"> (<[^>]*>) \.$")
WDT = "http://www.wikidata.org/prop/direct/"
EXTERNAL = "http://example.org/external/"

KINDS = {
    "documents": DOCUMENT_CLASSES,
    "organisations": tuple(VG + c for c in ("Organization", "PartyOrganization", "StateBody",
                                             "MassOrganization", "Enterprise",
                                             "PublicServiceUnit")),
    "persons": (VG + "Person",),
    "events": (VG + "Event",),
    "figures": (VG + "Figure",),
}

Row = dict[str, dict[str, str]]


# --- the dataset, the servers, and running a query both ways --------------------------------


@dataclass(frozen=True)
class Setup:
    """The built dataset, the loaded server, the external endpoint, the query copies whose
    SERVICE points at it, and an embedded store for the tests' own lookups."""

    dist: Path
    server: OxigraphServer
    external: OxigraphServer
    queries: Path
    store: ox.Store


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built once per session."""
    out = tmp_path_factory.mktemp("sparql-queries") / "dist"
    build(BuildOptions(CORPUS, out))
    return out


def external_dataset(gold: list[GoldArticle]) -> str:
    """An external dataset holding document symbols the Wikidata way (wdt:P1031 legal citation,
    wdt:P1001 jurisdiction): one item per State document of the gold, one item with a symbol
    no article cites, and one with a gold symbol but another jurisdiction (must not match)."""
    symbols = sorted({d["identifier"] for _, d in gold_documents(gold)
                      if d["identifier"] and "/" in d["identifier"].split("-")[0]})
    lines = []
    items = [(s, WD + "Q881") for s in symbols]
    items += [("1/2099/QH99", WD + "Q881"), (symbols[0], WD + "Q142")]
    for n, (symbol, place) in enumerate(items, 1):
        item = f"<{EXTERNAL}item-{n}>"
        lines.append(f"{item} <{WDT}P1031> {ox.Literal(symbol)} .")
        lines.append(f"{item} <{WDT}P1001> <{place}> .")
        lines.append(f'{item} <http://www.w3.org/2000/01/rdf-schema#label> '
                     f'{ox.Literal(f"Mục thử nghiệm {n}", language="vi")} .')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def setup(dist: Path, gold: list[GoldArticle],
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    tmp = tmp_path_factory.mktemp("sparql-servers")
    with oxigraph_running(tmp / "main") as server, oxigraph_running(tmp / "external") as external:
        put_default_graph(external, external_dataset(gold))
        assert load_with_cli(server, dist) == 0
        folder = tmp / "sparql"
        folder.mkdir()
        for path in SPARQL.glob("*.rq"):
            text = SERVICE_IRI.sub(rf"\1<{external.query_url}>", path.read_text("utf-8"))
            (folder / path.name).write_text(text, encoding="utf-8")
        yield Setup(dist, server, external, folder, open_store(dataset_files(dist)))


def put_default_graph(server: OxigraphServer, ntriples: str) -> None:
    """Replace the server's default graph (SPARQL 1.1 Graph Store Protocol PUT)."""
    request = urllib.request.Request(
        server.store_url + "?default", data=ntriples.encode("utf-8"), method="PUT",
        headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(request, timeout=30).close()


def load_with_cli(server: OxigraphServer, dist: Path) -> int:
    """``vietgov load`` of ``dist`` into the server by Graph Store PUT (named dataset graph)."""
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        return load.main(["--endpoint", server.query_url, "--gsp", server.store_url,
                          "--dist", str(dist)])


def cli(argv: list[str]) -> str:
    """What ``vietgov query`` prints; fails the test on a non-zero exit."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = query.main(argv)
    assert code == 0, err.getvalue()
    return out.getvalue()


def run_both(setup: Setup, name: str, fmt: str = "json", /, **params: str) -> str:
    """The query run embedded and at the server: the two outputs, which must be identical."""
    path = str(setup.queries / f"{name}.rq")
    args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
    local = cli([path, "--dist", str(setup.dist), "--format", fmt, *args])
    remote = cli([path, "--endpoint", setup.server.query_url, "--graph", load.DATASET_GRAPH,
                  "--format", fmt, *args])
    assert local == remote, f"{name}: embedded and server results differ"
    return local


def rows_of(setup: Setup, name: str, /, **params: str) -> list[Row]:
    """The query's solutions (run both ways), as SPARQL JSON bindings."""
    return json.loads(run_both(setup, name, **params))["results"]["bindings"]


def v(row: Row, var: str) -> str | None:
    """The lexical value bound to ``var`` in ``row``, or None."""
    cell = row.get(var)
    return None if cell is None else cell["value"]


# --- lookups and gold helpers ----------------------------------------------------------------


def select(store: ox.Store, text: str) -> list[dict[str, str | None]]:
    """A lookup in the embedded store: solutions as variable → lexical value."""
    results = store.query(text)
    names = [var.value for var in results.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in results]


def count_of(store: ox.Store, class_iri: str) -> int:
    return len(select(store, f"SELECT DISTINCT ?s WHERE {{ ?s a <{class_iri}> }}"))


def needs(setup: Setup, *class_iris: str) -> None:
    """Skip while the built data has no instance of the classes (their extractor has not
    landed yet); with instances, the test runs and must pass."""
    if all(count_of(setup.store, c) == 0 for c in class_iris):
        pytest.skip(f"the built data has no instance of {', '.join(class_iris)} yet: "
                    "its extractor has not landed")


def document_iri(store: ox.Store, identifier: str, date: str | None) -> str:
    """Our document with this symbol and date of issue (no date: the undated one)."""
    rows = select(store, f"""SELECT ?doc ?date WHERE {{
        ?doc <{DCTERMS}identifier> {ox.Literal(identifier)} .
        OPTIONAL {{ ?doc <{VG}issuedOn> ?date }} }}""")
    found = sorted({r["doc"] for r in rows if r["date"] == date} or {r["doc"] for r in rows})
    assert found, f"no document {identifier} in the built data"
    return str(found[0])


def identifiers(store: ox.Store) -> dict[str, str]:
    rows = select(store, f"SELECT ?doc ?id WHERE {{ ?doc <{DCTERMS}identifier> ?id }}")
    return {str(r["doc"]): str(r["id"]) for r in rows}


def bodies_named(store: ox.Store, name: str) -> list[str]:
    """Our bodies whose Vietnamese label is exactly ``name``."""
    rows = select(store, f"""SELECT DISTINCT ?org WHERE {{
        ?org <http://www.w3.org/2000/01/rdf-schema#label> {ox.Literal(name, language="vi")} ;
             a ?class . FILTER(STRSTARTS(STR(?class), "{VG}")) }}""")
    return sorted(str(r["org"]) for r in rows)


def article_iri(article: GoldArticle) -> str:
    return f"{ID}article/{Path(article.seed_file).stem}"


def article_text(iri: str) -> str:
    return read_article(CORPUS / f"{iri.rsplit('/', 1)[-1]}.txt").text


def required(article: GoldArticle, kind: str) -> list[dict[str, Any]]:
    return [e for e in article.entries(kind) if not e.get("optional")]


def gold_documents(gold: list[GoldArticle]) -> Iterator[tuple[GoldArticle, dict[str, Any]]]:
    for article in gold:
        for entry in required(article, "documents"):
            yield article, entry


def names(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def document_types() -> dict[str, str]:
    """Vietnamese name (lower case) → concept of the document-type code list."""
    store = open_store([ONTOLOGY / "document-types.ttl"])
    rows = select(store, f"""SELECT ?c ?l WHERE {{ ?c <{SKOS}prefLabel> ?l
        FILTER(LANG(?l) = "vi") }}""")
    return {str(r["l"]).lower(): str(r["c"]) for r in rows}


def assert_quotes_are_the_text(rows: list[Row]) -> int:
    """Every row with a quote quotes the article's text at its offsets; returns how many."""
    checked = 0
    for row in rows:
        if v(row, "quote") is None:
            continue
        text = article_text(v(row, "article"))
        start, end = int(v(row, "start")), int(v(row, "end"))
        assert unicodedata.normalize("NFC", text[start:end]) == v(row, "quote"), row
        checked += 1
    return checked


# --- loading, and every query both ways ------------------------------------------------------


def count_at(server: OxigraphServer, pattern: str) -> int:
    body = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) {{ {pattern} }}"}).encode()
    request = urllib.request.Request(server.query_url, data=body, method="POST",
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[-1])


def distinct_triples(dist: Path) -> int:
    """Triples the store must hold: distinct N-Triples lines, plus the ontology if built."""
    lines = {ln for ln in (dist / "vietgov.nt").read_text("utf-8").splitlines() if ln.strip()}
    ontology = dist / "ontology.ttl"
    return len(lines) + (len(read_triples([ontology])) if ontology.is_file() else 0)


def in_graph(graph: str) -> str:
    return f"GRAPH <{graph}> {{ ?s ?p ?o }}"


def test_load_puts_every_triple_in_the_server(setup: Setup) -> None:
    expected = distinct_triples(setup.dist)
    assert expected == len(read_triples(dataset_files(setup.dist)))
    assert count_at(setup.server, in_graph(load.DATASET_GRAPH)) == expected
    summary = json.loads((setup.dist / "summary.json").read_text("utf-8"))
    assert summary["triples"] == len((setup.dist / "vietgov.nt").read_text("utf-8").splitlines())


def test_loading_again_keeps_the_same_count(setup: Setup) -> None:
    before = count_at(setup.server, in_graph(load.DATASET_GRAPH))
    assert load_with_cli(setup.server, setup.dist) == 0
    assert count_at(setup.server, in_graph(load.DATASET_GRAPH)) == before
    assert before == distinct_triples(setup.dist)


def test_the_external_server_holds_its_test_dataset(setup: Setup, gold) -> None:
    data = external_dataset(gold)
    assert count_at(setup.external, "?s ?p ?o") == len(data.splitlines())


@pytest.mark.parametrize("name", query.available_queries())
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_every_query_answers_the_same_embedded_and_at_the_server(
    setup: Setup, name: str, fmt: str
) -> None:
    out = run_both(setup, name, fmt)
    assert out.strip()


# --- headers and the list in docs/queries.md -------------------------------------------------


def header(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines of the leading comment block (first line of each key)."""
    found: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        match = re.match(r"#\s*([^:@\s][^:]*?):\s*(.*)$", line)
        if match and match[1].lower() in HEADER_KEYS:
            found.setdefault(match[1].lower(), match[2].strip())
    return found


# Queries written before the header keys were agreed; strict, so the mark must go once fixed.
HEADERS_TO_FIX: dict[str, str] = {}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason=HEADERS_TO_FIX[n], strict=True))
    if n in HEADERS_TO_FIX else n
    for n in query.available_queries()
])
def test_query_header_tells_title_answers_parameters_and_columns(setup: Setup, name: str) -> None:
    path = SPARQL / f"{name}.rq"
    keys = header(path)
    assert set(HEADER_KEYS) <= set(keys), f"{path.name} header lacks {set(HEADER_KEYS) - set(keys)}"
    ready = query.load_query(path)
    assert all(p.default is not None for p in ready.parameters), "every parameter has a default"
    wrapper = SPARQLWrapper("http://127.0.0.1/query")
    wrapper.setQuery(ready.text)
    form = query.query_form(ready.text)
    assert wrapper.queryType in ({"SELECT", "ASK"} if form in ("SELECT", "ASK") else {form}), (
        "a word in the comments (load, add, move, drop …) makes SPARQLWrapper, which "
        "`vietgov query --endpoint` uses, take the query for " + wrapper.queryType)
    columns = [c.lstrip("?") for c in keys["columns"].split()]
    head = json.loads(run_both(setup, name))["head"]["vars"]
    assert columns == head
    listed = QUERIES_DOC.read_text("utf-8")
    line = next((ln for ln in listed.splitlines() if f"`{name}`" in ln), None)
    assert line is not None, f"docs/queries.md has no line for {name}"
    assert keys["title"] in line
    for param in ready.parameters:
        assert f"`{param.name}`" in line


# --- documents ------------------------------------------------------------------------------


@pytest.mark.parametrize("issuer", ["bo-chinh-tri", "chinh-phu", "ban-bi-thu"])
def test_documents_by_issuer_include_what_the_gold_says_the_body_issued(
    setup: Setup, gold, issuer: str
) -> None:
    body = bodies()[issuer]
    rows = rows_of(setup, "documents-by-issuer", org=f"{ID}org/{issuer}")
    got = {(v(r, "identifier"), v(r, "issued")) for r in rows}
    expected = {(d["identifier"], d["date"]) for _, d in gold_documents(gold)
                if d["identifier"] and body.name in names(d["issuer"])}
    assert expected, f"the gold names no document of {body.name}"
    assert expected <= got
    if issuer == "bo-chinh-tri":
        assert ("57-NQ/TW", "2024-12-22") in got
    dates = [v(r, "issued") for r in rows]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # undated ones last


def test_timeline_lists_the_gold_dates_in_order_within_the_period(setup: Setup, gold) -> None:
    every = rows_of(setup, "document-timeline")
    got = {(v(r, "identifier"), v(r, "issued")) for r in every}
    dated = {(d["identifier"], d["date"]) for _, d in gold_documents(gold)
             if d["identifier"] and d["date"]}
    assert dated <= got
    dates = [v(r, "issued") for r in every]
    assert dates == sorted(dates)
    year = rows_of(setup, "document-timeline", since="2019-01-01", until="2019-12-31")
    assert year and all("2019-01-01" <= v(r, "issued") <= "2019-12-31" for r in year)
    assert {x for x in dated if x[1].startswith("2019")} <= {
        (v(r, "identifier"), v(r, "issued")) for r in year}
    assert {(v(r, "doc"), v(r, "issuer")) for r in year} < {
        (v(r, "doc"), v(r, "issuer")) for r in every}


@pytest.mark.parametrize("identifier", ["57-NQ/TW", "01-KL/TW", "126-QĐ/TW", "96/2022/NĐ-CP"])
def test_document_card_tells_what_the_gold_says(setup: Setup, gold, identifier: str) -> None:
    article, entry = next((a, d) for a, d in gold_documents(gold)
                          if d["identifier"] == identifier and d["date"])
    doc = document_iri(setup.store, identifier, entry["date"])
    rows = rows_of(setup, "document-card", doc=doc)
    ids = identifiers(setup.store)
    facts = {(v(r, "property"), v(r, "value")) for r in rows if v(r, "section") == "fact"}
    assert (VG + "issuedOn", entry["date"]) in facts
    assert (VG + "documentType", document_types()[entry["doc_type"].lower()]) in facts
    issuers = {v(r, "valueLabel") for r in rows if v(r, "property") == VG + "issuedBy"}
    assert set(names(entry["issuer"])) <= issuers
    if entry["title"]:
        assert (VG + "title", entry["title"]) in facts
    outgoing = {(v(r, "property"), ids.get(v(r, "value"))) for r in rows
                if v(r, "section") == "fact"}
    for relation in entry["relations"]:
        if not relation.get("optional"):
            assert (VG + relation["type"], relation["target"]) in outgoing
    incoming = {(v(r, "property"), ids.get(v(r, "value"))) for r in rows
                if v(r, "section") == "referred-by"}
    for _, other in gold_documents(gold):
        for relation in other["relations"]:
            if relation["target"] == identifier and other["identifier"]:
                assert (VG + relation["type"], other["identifier"]) in incoming
    mentions = [r for r in rows if v(r, "section") == "mention"]
    assert assert_quotes_are_the_text(mentions) == len(mentions) > 0
    assert any(entry["surface_identifier"] in v(r, "quote") for r in mentions)
    assert article_iri(article) in {v(r, "article") for r in mentions}


def test_documents_cited_together_pair_the_gold_documents_of_each_article(
    setup: Setup, gold
) -> None:
    rows = rows_of(setup, "documents-cited-together")
    pairs = Counter()
    for row in rows:
        pair = frozenset((v(row, "identifier1"), v(row, "identifier2")))
        pairs[pair] = max(pairs[pair], int(v(row, "articles")))
    checked = 0
    for article in gold:
        symbols = {d["identifier"] for d in required(article, "documents") if d["identifier"]}
        for a, b in combinations(sorted(symbols), 2):
            assert pairs[frozenset((a, b))] >= 1, (article.id, a, b)
            checked += 1
    assert checked
    assert all(str(r["doc1"]["value"]) < str(r["doc2"]["value"]) for r in rows)
    assert all(int(v(r, "closest")) >= 0 for r in rows)
    twice = rows_of(setup, "documents-cited-together", min_articles="2")
    assert twice == [r for r in rows if int(v(r, "articles")) >= 2]


def gold_relations(gold: list[GoldArticle]) -> list[tuple[str, str, str, str | None]]:
    """(source symbol, relation, target symbol, target date) of the gold, numbered both ends."""
    out = []
    for article in gold:
        dates = {d["identifier"]: d["date"] for d in required(article, "documents")}
        for entry in required(article, "documents"):
            for relation in entry["relations"]:
                target = relation["target"]
                if entry["identifier"] and not relation.get("optional") and target in dates:
                    out.append((entry["identifier"], relation["type"], target, dates[target]))
    return out


def test_implementation_chain_follows_the_gold_relations_down(setup: Setup, gold) -> None:
    relations = [r for r in gold_relations(gold) if r[1] in ("implements", "guides")]
    assert ("01-KL/TW", "implements", "05-CT/TW", "2016-05-15") in relations
    assert ("19-HD/BTCTW", "guides", "126-QĐ/TW", "2018-02-28") in relations
    below: dict[str, set[tuple[str, str]]] = {}
    for source, kind, target, _ in relations:
        below.setdefault(target, set()).add((source, kind))
    for target, date in {(t, d) for _, _, t, d in relations}:
        expected: dict[str, int] = {}
        frontier, steps = {target}, 0
        while frontier:
            steps += 1
            frontier = {s for t in frontier for s, _ in below.get(t, ()) if s not in expected}
            expected.update({s: steps for s in frontier})
        rows = rows_of(setup, "implementation-chain", doc=document_iri(setup.store, target, date))
        got = {(v(r, "identifier"), int(v(r, "steps"))) for r in rows}
        assert set(expected.items()) <= got, target
        direct = {(v(r, "identifier"), v(r, "relation")) for r in rows if v(r, "steps") == "1"}
        for source, kind in below[target]:
            assert (source, VG + kind) in direct
        assert all(v(r, "nextIdentifier") == target for r in rows if v(r, "steps") == "1")


def test_document_relations_hold_every_gold_relation_with_its_words(setup: Setup, gold) -> None:
    rows = rows_of(setup, "document-relations")
    got = {(v(r, "sourceIdentifier"), v(r, "relation"), v(r, "targetIdentifier")) for r in rows}
    for source, kind, target, _ in gold_relations(gold):
        assert (source, VG + kind, target) in got
    assert assert_quotes_are_the_text(rows) == len(rows)


def test_documents_by_type_count_what_the_n_triples_file_holds(setup: Setup, gold) -> None:
    triples = (setup.dist / "vietgov.nt").read_text("utf-8").splitlines()
    systems: dict[str, str] = {}
    for line in triples:
        match = NT_TYPE.match(line)
        if match and match[2][1:-1] in DOCUMENT_CLASSES:
            systems[match[1]] = match[2][1:-1]
    kinds = {ln.split(" ", 1)[0]: ln.split(" ")[2][1:-1] for ln in triples
             if f" <{VG}documentType> " in ln}
    dated = {ln.split(" ", 1)[0] for ln in triples if f" <{VG}issuedOn> " in ln}
    expected: Counter[tuple[str, str | None]] = Counter()
    with_date: Counter[tuple[str, str | None]] = Counter()
    for doc, system in systems.items():
        expected[(system, kinds.get(doc))] += 1
        with_date[(system, kinds.get(doc))] += doc in dated
    rows = rows_of(setup, "documents-by-type")
    assert {(v(r, "system"), v(r, "type")): int(v(r, "documents")) for r in rows} == expected
    assert {(v(r, "system"), v(r, "type")): int(v(r, "dated")) for r in rows} == with_date
    concepts = document_types()
    kinds_seen = {v(r, "type") for r in rows}
    for _, entry in gold_documents(gold):
        if entry["identifier"]:
            assert concepts[entry["doc_type"].lower()] in kinds_seen


def test_wikidata_documents_join_our_symbols_with_the_external_endpoint(
    setup: Setup, gold
) -> None:
    needs(setup, VG + "StateDocument")
    rows = rows_of(setup, "wikidata-documents")
    state = {(d["identifier"], d["date"]) for _, d in gold_documents(gold)
             if d["identifier"] and "/" in d["identifier"].split("-")[0]}
    assert ("96/2022/NĐ-CP", "2022-11-29") in state
    got = {(v(r, "symbol"), v(r, "issued")) for r in rows}
    assert state <= got
    assert all(v(r, "item").startswith(EXTERNAL) and v(r, "itemLabel") for r in rows)
    assert "1/2099/QH99" not in {v(r, "symbol") for r in rows}
    # the item with another jurisdiction never joins
    per_symbol = Counter(v(r, "symbol") for r in rows)
    assert max(per_symbol.values()) == 1


# --- organisations, persons, events, figures --------------------------------------------------

GOLD_PARENTS = [
    ("Ủy ban Kiểm tra Đảng ủy Bộ Công Thương", "Đảng ủy Bộ Công Thương"),
    ("Đảng ủy Bộ Công Thương", "Đảng bộ Bộ Công Thương"),
    ("Vụ Tổ chức cán bộ", "Bộ Công Thương"),
    ("Vụ Theo dõi phòng, chống tham nhũng, tiêu cực", "Ban Nội chính Trung ương"),
]


def test_organisation_tree_places_units_under_their_gold_parents(setup: Setup, gold) -> None:
    needs(setup, *KINDS["organisations"])
    stated = {(o["name"], o["parent"]) for a in gold for o in required(a, "organisations")}
    for child, parent in GOLD_PARENTS:
        assert (child, parent) in stated, "the expectation must be the gold's"
        (root,) = bodies_named(setup.store, parent)
        rows = rows_of(setup, "organisation-tree", org=root)
        assert (child, "1", parent) in {
            (v(r, "label"), v(r, "depth"), v(r, "parentLabel")) for r in rows}
        depth = {v(r, "unit"): int(v(r, "depth")) for r in rows}
        for row in rows:
            parent_depth = 0 if v(row, "parent") == root else depth[v(row, "parent")]
            assert int(v(row, "depth")) == parent_depth + 1
    (top,) = bodies_named(setup.store, "Đảng bộ Bộ Công Thương")
    rows = rows_of(setup, "organisation-tree", org=top)
    assert ("Ủy ban Kiểm tra Đảng ủy Bộ Công Thương", "2") in {
        (v(r, "label"), v(r, "depth")) for r in rows}


def test_post_holders_of_the_ministry_are_the_gold_persons(setup: Setup, gold) -> None:
    needs(setup, VG + "PostHolding")
    (ministry,) = bodies_named(setup.store, "Bộ Công Thương")
    rows = rows_of(setup, "post-holders", org=ministry)
    seen = {(v(r, "name"), v(r, "article")) for r in rows}
    posts = {(v(r, "name"), v(r, "postLabel")) for r in rows}
    checked = 0
    for article in gold:
        for person in required(article, "persons"):
            if person["organisation"] != "Bộ Công Thương":
                continue
            assert (person["name"], article_iri(article)) in seen
            for role in person["roles"]:
                if role.endswith(person["organisation"]):
                    assert (person["name"], role) in posts
            checked += 1
    assert checked
    published = {r["a"]: r["d"] for r in select(setup.store, f"""SELECT ?a ?d WHERE {{
        ?a a <{VG}NewsArticle> OPTIONAL {{ ?a <{VG}datePublished> ?d }} }}""")}
    assert all(v(r, "reported") == published[v(r, "article")] for r in rows)


def test_person_posts_find_every_gold_person_by_name(setup: Setup, gold) -> None:
    needs(setup, VG + "Person")
    for article in gold:
        for person in required(article, "persons"):
            rows = rows_of(setup, "person-posts", name=person["name"])
            assert person["name"] in {v(r, "fullName") for r in rows}
            labels = {v(r, "postLabel") for r in rows if v(r, "fullName") == person["name"]}
            for role in person["roles"]:
                if person["organisation"] and role.endswith(person["organisation"]):
                    assert role in labels
            shouted = rows_of(setup, "person-posts", name=person["name"].upper())
            assert shouted == rows


def test_events_of_a_body_carry_the_gold_date_place_number_and_term(setup: Setup, gold) -> None:
    needs(setup, VG + "Event")
    checked = 0
    for article in gold:
        for event in required(article, "events"):
            stated = {"date": event["date"], "place": event["place"],
                      "ordinal": event["ordinal"], "term": event["term"]}
            stated = {k: x for k, x in stated.items() if x}
            if not stated:
                continue
            for organiser in names(event["organizer"]):
                for org in bodies_named(setup.store, organiser):
                    rows = rows_of(setup, "events-of-body", org=org)
                    assert any(all(v(r, k) == x for k, x in stated.items()) for r in rows), (
                        event["mention"], organiser)
                    checked += 1
    assert checked >= 3


def test_figures_of_a_body_hold_the_gold_values(setup: Setup, gold) -> None:
    needs(setup, VG + "Figure")
    expected: dict[str, set[tuple[Decimal, str]]] = {}
    for article in gold:
        for figure in required(article, "figures"):
            subjects = ([WD + "Q881"] if figure["subject"] is None
                        else bodies_named(setup.store, figure["subject"]))
            for subject in subjects:
                expected.setdefault(subject, set()).add(
                    (Decimal(str(figure["value"])), article_iri(article)))
    assert WD + "Q881" in expected and len(expected) >= 4
    for subject, values in expected.items():
        rows = rows_of(setup, "figures-of-body", org=subject)
        assert values <= {(Decimal(v(r, "value")), v(r, "article")) for r in rows}, subject
        assert assert_quotes_are_the_text(rows) == len(rows)
        assert all(v(r, "target") in ("true", "false") for r in rows)


def test_organisation_changes_tell_the_curated_successions_and_dates(setup: Setup) -> None:
    needs(setup, *KINDS["organisations"])
    rows = rows_of(setup, "organisation-changes")
    got = {(v(r, "body"), v(r, "what"), v(r, "counterpart"), v(r, "date")) for r in rows}
    present = {str(r["s"]) for r in select(setup.store, "SELECT DISTINCT ?s { ?s a ?c }")}
    checked = 0
    for body in bodies().values():
        iri = f"{ID}org/{body.id}"
        if iri not in present:
            continue
        if body.end:
            assert (iri, "dissolved", None, body.end) in got
            checked += 1
        if body.start:
            assert (iri, "founded", None, body.start) in got
            checked += 1
        for successor in body.succeeded_by:
            if f"{ID}org/{successor}" in present:
                assert (iri, "original", f"{ID}org/{successor}", None) in got
                assert (f"{ID}org/{successor}", "resulting", iri, None) in got
                checked += 1
    assert checked
    for row in rows:
        assert v(row, "evidence"), row
        change = v(row, "change") or ""
        if "/mention/" in change:  # reported by an article: the words are its text
            start, end = map(int, change.rsplit("/", 1)[1].split("#")[0].split("-"))
            text = article_text(change.split("/mention/")[0])
            assert unicodedata.normalize("NFC", text[start:end]) == v(row, "evidence")


# --- provenance, counts, articles, names -----------------------------------------------------


def test_fact_provenance_points_at_the_words_of_the_gold_mention(setup: Setup, gold) -> None:
    checked = 0
    for article, entry in gold_documents(gold):
        if not (entry["identifier"] and entry["date"]):
            continue
        doc = document_iri(setup.store, entry["identifier"], entry["date"])
        dates = rows_of(setup, "fact-provenance", subject=doc, predicate=VG + "issuedOn")
        assert {v(r, "object") for r in dates} == {entry["date"]}
        assert article_iri(article) in {v(r, "article") for r in dates}
        assert assert_quotes_are_the_text(dates) == len(dates) > 0
        symbols = rows_of(setup, "fact-provenance", subject=doc,
                          predicate=DCTERMS + "identifier")
        assert any(entry["surface_identifier"] in v(r, "quote") for r in symbols)
        assert all(v(r, "statement") and v(r, "source") is None for r in symbols)
        checked += 1
    assert checked >= 20
    politburo = bodies()["bo-chinh-tri"]
    curated = rows_of(setup, "fact-provenance", subject=f"{ID}org/bo-chinh-tri",
                      predicate=SKOS + "prefLabel")
    assert politburo.name in {v(r, "object") for r in curated}
    assert {v(r, "source") for r in curated} == {politburo.source}
    assert all(v(r, "statement") is None for r in curated)
    # a label read from articles points at their words; the curated English one at its source
    labels = rows_of(setup, "fact-provenance", subject=f"{ID}org/bo-chinh-tri",
                     predicate=RDFS + "label")
    read = [r for r in labels if v(r, "object") == politburo.name]
    assert read and all(v(r, "statement") and v(r, "source") is None for r in read)
    assert assert_quotes_are_the_text(read) == len(read)
    naming = {article_iri(a) for a in gold
              if politburo.name in {o["name"] for o in required(a, "organisations")}}
    assert naming and naming <= {v(r, "article") for r in read}
    assert {v(r, "source") for r in labels if v(r, "object") == politburo.name_en} == {
        politburo.source}


def test_counts_per_class_equal_the_counts_of_the_n_triples_file(setup: Setup) -> None:
    members: dict[str, set[str]] = {}
    for line in (setup.dist / "vietgov.nt").read_text("utf-8").splitlines():
        match = NT_TYPE.match(line)
        if match:
            members.setdefault(match[2][1:-1], set()).add(match[1])
    ontology = setup.dist / "ontology.ttl"
    if ontology.is_file():
        for t in read_triples([ontology]):
            if t.predicate.value == RDF_TYPE:
                members.setdefault(t.object.value, set()).add(str(t.subject))
    rows = rows_of(setup, "counts-per-class")
    assert {v(r, "class"): int(v(r, "instances")) for r in rows} == {
        c: len(s) for c, s in members.items()}
    for class_iri in (VG + "PartyDocument", VG + "Mention", VG + "NewsArticle"):
        assert class_iri in {v(r, "class") for r in rows}


def mentioned_per_article(dist: Path) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """From the N-Triples lines alone: mentions per article, and the distinct things of each
    kind those mentions name (a mention's article is the prefix of its IRI, see design.md)."""
    classes: dict[str, set[str]] = {}
    bodies_of: list[tuple[str, str]] = []
    for line in (dist / "vietgov.nt").read_text("utf-8").splitlines():
        match = NT_TYPE.match(line)
        if match:
            classes.setdefault(match[1][1:-1], set()).add(match[2][1:-1])
        elif " <http://www.w3.org/ns/oa#hasBody> " in line:
            mention, _, body = line[:-2].split(" ", 2)
            bodies_of.append((mention[1:-1], body[1:-1]))
    mentions = Counter(iri.split("/mention/")[0] for iri, kinds in classes.items()
                       if VG + "Mention" in kinds)
    things: dict[str, dict[str, set[str]]] = {}
    for mention, body in bodies_of:
        for kind, members in KINDS.items():
            if classes.get(body, set()) & set(members):
                things.setdefault(mention.split("/mention/")[0], {}).setdefault(
                    kind, set()).add(body)
    return mentions, {a: Counter({k: len(s) for k, s in kinds.items()})
                      for a, kinds in things.items()}


def test_article_overview_has_the_gold_headline_byline_and_outlet(setup: Setup, gold) -> None:
    rows = {v(r, "article"): r for r in rows_of(setup, "article-overview")}
    assert set(rows) == {article_iri(a) for a in gold}
    mentions, things = mentioned_per_article(setup.dist)
    for article in gold:
        iri = article_iri(article)
        row = rows[iri]
        assert v(row, "headline") == article.record["title"]
        assert v(row, "byline") == article.record["author"]
        assert v(row, "outlet") == article.record["outlet"]
        assert v(row, "file") == Path(article.seed_file).name
        assert int(v(row, "mentions")) == mentions[iri]
        for kind in KINDS:
            assert int(v(row, kind)) == things.get(iri, Counter())[kind], (iri, kind)
        numbered = {d["identifier"] for d in required(article, "documents") if d["identifier"]}
        assert int(v(row, "documents")) >= len(numbered)


@pytest.mark.parametrize("text", ["Khối Doanh nghiệp", "nguyễn", "NQ/TW"])
def test_find_by_name_finds_the_gold_names_containing_the_text(
    setup: Setup, gold, text: str
) -> None:
    rows = rows_of(setup, "find-by-name", text=text)
    matched = {v(r, "matched") for r in rows}
    assert all(text.lower() in m.lower() for m in matched)
    expected = set()
    for article in gold:
        expected |= {o["name"] for o in required(article, "organisations")}
        expected |= {p["name"] for p in required(article, "persons")}
        expected |= {d["identifier"] for d in required(article, "documents") if d["identifier"]}
    expected = {name for name in expected if text.lower() in name.lower()}
    assert expected and expected <= matched
    if text == "NQ/TW":
        assert "57-NQ/TW" in matched
