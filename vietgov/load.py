"""``vietgov load``: put the built dataset into a triple store and check that it arrived.

Two ways in, both standard:

* SPARQL 1.1 Graph Store HTTP Protocol (``--gsp URL``): one ``PUT`` of the whole graph, which
  replaces it, so loading twice leaves the same store;
* SPARQL 1.1 Update (``--update URL``), for stores without a Graph Store endpoint:
  ``DROP SILENT GRAPH <g>`` then ``INSERT DATA { GRAPH <g> { … } }`` in chunks.

Then ``--endpoint`` (the store's query URL) is asked to count the triples in the graph, which
must equal the number of distinct triples sent, and whether a sample of them is there. The
target is the named graph ``{base}graph/dataset`` (the base IRI the build used, from
``dist/summary.json``) unless ``--graph IRI`` or ``--default-graph``
says otherwise. Failures (store down, HTTP error, timeout, wrong count) end with one line on
stderr and exit status 1. With ``--user NAME`` the password is read from the environment
variable ``VIETGOV_STORE_PASSWORD`` and sent by HTTP Basic or Digest authentication, whichever
the store asks for.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from vietgov.paths import DIST
from vietgov.rdf.namespaces import DEFAULT_BASE, RDF, XSD
from vietgov.store import StoreError, dataset_files, describe_http_failure, read_triples

DATASET_GRAPH = DEFAULT_BASE + "graph/dataset"
PASSWORD_VARIABLE = "VIETGOV_STORE_PASSWORD"
CHUNK_TRIPLES = 1000
SAMPLE_SIZE = 5
_SPARQL_JSON = "application/sparql-results+json"
RDF_LANG_STRING = RDF + "langString"
XSD_STRING = XSD + "string"


@dataclass(frozen=True)
class LoadReport:
    """What was sent where, and what the store held afterwards."""

    method: str
    graph: str | None
    sent: int
    held: int


class StoreClient:
    """HTTP requests to one store: shared timeout, optional Basic/Digest credentials."""

    def __init__(
        self, timeout: float = 60.0, user: str | None = None, password: str | None = None,
        urls: Sequence[str] = (),
    ) -> None:
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            # Basic credentials go with the first request (some stores answer 401 without a
            # challenge); a Digest challenge (Virtuoso) is answered by the digest handler.
            passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
            for url in urls:
                passwords.add_password(None, url, user, password or "", is_authenticated=True)
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def send(
        self, method: str, url: str, body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes:
        """The response body of one request; raises StoreError with a one-line reason."""
        try:
            request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except ValueError as exc:
            raise StoreError(f"{url!r} is not a usable URL: {exc}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise StoreError(describe_http_failure(url, exc, self.timeout)) from None

    def select(self, endpoint: str, query: str) -> dict:
        """SPARQL JSON results of a query sent by POST (form-encoded, SPARQL 1.1 Protocol)."""
        body = urllib.parse.urlencode({"query": query}).encode("ascii")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": _SPARQL_JSON}
        data = self.send("POST", endpoint, body, headers)
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise StoreError(f"{endpoint} did not answer with SPARQL JSON results") from None


def nt_line(triple: ox.Triple) -> str:
    """The triple as one N-Triples line (also valid inside SPARQL INSERT DATA)."""
    return f"{triple.subject} {triple.predicate} {triple.object} ."


def _graph_url(service: str, graph: str | None) -> str:
    sep = "&" if "?" in service else "?"
    if graph is None:
        return f"{service}{sep}default"
    return f"{service}{sep}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(client: StoreClient, gsp: str, graph: str | None, lines: Sequence[str]) -> None:
    """Replace the graph by ``lines`` with one Graph Store Protocol PUT.

    The body is N-Triples, sent as ``text/turtle`` (N-Triples is a subset of Turtle), the one
    RDF media type every store here accepts.
    """
    body = "".join(line + "\n" for line in lines).encode("utf-8")
    client.send("PUT", _graph_url(gsp, graph), body, {"Content-Type": "text/turtle"})


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def update_statements(
    graph: str | None, triples: Sequence[ox.Triple], chunk: int = CHUNK_TRIPLES
) -> list[str]:
    """The SPARQL Update requests that replace the graph by ``triples``.

    Triples with blank nodes go together in the first request, since a blank node label only
    names the same node within one request.
    """
    with_blank = sorted(nt_line(t) for t in triples if _has_blank_node(t))
    plain = sorted(nt_line(t) for t in triples if not _has_blank_node(t))
    chunks = [with_blank] if with_blank else []
    chunks += [plain[i : i + chunk] for i in range(0, len(plain), chunk)]
    drop = "DROP SILENT DEFAULT" if graph is None else f"DROP SILENT GRAPH {ox.NamedNode(graph)}"

    def insert(lines: list[str]) -> str:
        data = "\n".join(lines)
        if graph is not None:
            data = f"GRAPH {ox.NamedNode(graph)} {{\n{data}\n}}"
        return f"INSERT DATA {{\n{data}\n}}"

    if not chunks:
        return [drop]
    requests = [f"{drop} ;\n{insert(chunks[0])}"]
    requests += [insert(c) for c in chunks[1:]]
    return requests


def run_updates(client: StoreClient, update: str, requests: Sequence[str]) -> None:
    """Send each update request by POST as the form field ``update`` (SPARQL 1.1 Protocol), the
    way every store here accepts, Virtuoso and RDF4J/GraphDB included."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    for text in requests:
        client.send("POST", update, urllib.parse.urlencode({"update": text}).encode("ascii"),
                    headers)


def _pattern(graph: str | None, body: str) -> str:
    return body if graph is None else f"GRAPH {ox.NamedNode(graph)} {{ {body} }}"


def count_triples(client: StoreClient, endpoint: str, graph: str | None) -> int:
    """How many triples the store holds in the graph."""
    results = client.select(
        endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ {_pattern(graph, '?s ?p ?o')} }}"
    )
    try:
        return int(results["results"]["bindings"][0]["n"]["value"])
    except (KeyError, IndexError, TypeError, ValueError):
        raise StoreError(f"{endpoint} answered the count query without a number") from None


def _kept_as_written(term: object) -> bool:
    if isinstance(term, ox.NamedNode):
        return True
    return isinstance(term, ox.Literal) and term.datatype.value in (RDF_LANG_STRING, XSD_STRING)


def sample(triples: Sequence[ox.Triple], size: int = SAMPLE_SIZE) -> list[ox.Triple]:
    """Triples spread over the sorted data whose terms every store keeps as written: no blank
    nodes, objects IRIs or plain/language-tagged strings (typed literals may be normalised)."""
    usable = sorted(
        (t for t in triples if not _has_blank_node(t) and _kept_as_written(t.object)),
        key=nt_line,
    )
    if len(usable) <= size:
        return usable
    step = (len(usable) - 1) / (size - 1)
    return [usable[round(i * step)] for i in range(size)]


def holds_sample(
    client: StoreClient, endpoint: str, graph: str | None, triples: Sequence[ox.Triple]
) -> bool:
    """Whether the store answers ASK true for the sample triples, all in one pattern."""
    if not triples:
        return True
    body = " ".join(nt_line(t) for t in triples)
    results = client.select(endpoint, f"ASK {{ {_pattern(graph, body)} }}")
    return results.get("boolean") is True


def load_dataset(
    files: Sequence[Path],
    client: StoreClient,
    *,
    endpoint: str,
    graph: str | None = DATASET_GRAPH,
    gsp: str | None = None,
    update: str | None = None,
    chunk: int = CHUNK_TRIPLES,
) -> LoadReport:
    """Load ``files`` into ``graph`` (None: the default graph) and check the store holds them."""
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise StoreError(f"--graph {graph!r} is not an absolute IRI ({exc})") from None
    triples = sorted(read_triples(files), key=nt_line)
    if gsp:
        put_graph(client, gsp, graph, [nt_line(t) for t in triples])
        method = "Graph Store PUT"
    elif update:
        run_updates(client, update, update_statements(graph, triples, chunk))
        method = "SPARQL Update"
    else:
        raise StoreError("give --gsp URL (Graph Store Protocol) or --update URL (SPARQL Update)")
    held = count_triples(client, endpoint, graph)
    where = "the default graph" if graph is None else f"<{graph}>"
    if held != len(triples):
        hint = ""
        if graph is None and held > len(triples):
            hint = " (does the store's default graph include its named graphs? use --graph)"
        raise StoreError(
            f"sent {len(triples)} triples but {endpoint} holds {held} in {where}{hint}"
        )
    if not holds_sample(client, endpoint, graph, sample(triples)):
        raise StoreError(f"{endpoint} holds {held} triples in {where} but not the ones sent")
    return LoadReport(method, graph, len(triples), held)


def add_load_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``load`` to the CLI's subcommands."""
    parser = subparsers.add_parser(
        "load",
        help="load dist/ into a triple store (Graph Store Protocol or SPARQL Update) and check it",
        description=(
            "Put the built dataset into a triple store, by the SPARQL 1.1 Graph Store HTTP "
            "Protocol (--gsp) or SPARQL Update (--update), then check through --endpoint that "
            "the store holds exactly the triples sent. See docs/triple-stores.md."
        ),
    )
    parser.add_argument("--endpoint", required=True, metavar="URL",
                        help="the store's SPARQL query endpoint, used to check the load")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--graph", metavar="IRI", default=None,
                        help="named graph to replace ({base IRI of the build}graph/dataset, "
                             f"e.g. {DATASET_GRAPH})")
    target.add_argument("--default-graph", action="store_true",
                        help="replace the default graph instead of a named graph")
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--gsp", metavar="URL", help="Graph Store HTTP Protocol endpoint")
    how.add_argument("--update", metavar="URL", help="SPARQL Update endpoint")
    parser.add_argument("--dist", type=Path, default=DIST, help="built dataset (dist/)")
    parser.add_argument("--no-ontology", dest="ontology", action="store_false",
                        help="leave dist/ontology.ttl out")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S",
                        help="seconds to wait for each request (60)")
    parser.add_argument("--user", metavar="NAME",
                        help=f"user for HTTP authentication; password from ${PASSWORD_VARIABLE}")
    parser.set_defaults(run=run_load)
    return parser


def dataset_graph(dist: Path) -> str:
    """``{base}graph/dataset`` for the base IRI the dataset in ``dist`` was built with."""
    try:
        base = json.loads((dist / "summary.json").read_text(encoding="utf-8"))["base_iri"]
    except (OSError, ValueError, KeyError):
        return DATASET_GRAPH
    return f"{base}graph/dataset"


def run_load(args: argparse.Namespace) -> int:
    """Load the dataset as the command line says and print one line; 0 when verified."""
    graph = None if args.default_graph else (args.graph or dataset_graph(args.dist))
    try:
        password = None
        if args.user is not None:
            password = os.environ.get(PASSWORD_VARIABLE)
            if password is None:
                raise StoreError(f"--user {args.user} needs the password in ${PASSWORD_VARIABLE}")
        urls = [u for u in (args.endpoint, args.gsp, args.update) if u]
        client = StoreClient(args.timeout, args.user, password, urls)
        report = load_dataset(
            dataset_files(args.dist, ontology=args.ontology), client,
            endpoint=args.endpoint, graph=graph, gsp=args.gsp, update=args.update,
        )
    except StoreError as exc:
        print(f"vietgov load: {exc}", file=sys.stderr)
        return 1
    where = "the default graph" if report.graph is None else f"<{report.graph}>"
    print(f"loaded {report.sent} triples into {where} by {report.method}; "
          f"{args.endpoint} holds {report.held}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vietgov.load …``."""
    parser = argparse.ArgumentParser(prog="vietgov")
    add_load_parser(parser.add_subparsers(required=True))
    return run_load(parser.parse_args(["load", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
