"""``vietgov query``: run a ready-made SPARQL query from ``sparql/`` (by file stem) or any ``.rq``
file, against the built dataset in an embedded store or against a remote endpoint.

A query declares its parameters in its leading comment block, one per line::

    # Documents issued by one body since a date.
    # @param org   iri  = https://w3id.org/vietgov/id/org/bo-chinh-tri
    # @param since date = 2020-01-01
    # @param name  langString@vi

Types: ``iri`` (absolute, or ``prefix:local`` with a project prefix such as ``id:``), ``string``,
``langString@TAG``, ``date`` (YYYY-MM-DD), ``gYear``, ``integer``. A parameter without default
is required. ``--param org=...`` values become RDF terms of the declared type (IRIs validated)
and are bound to ``?org`` as terms, never pasted into the query as text: a ``VALUES`` block
written from the terms' N-Triples form opens the query's WHERE group, the same for the embedded
store and a remote endpoint, so both give the same answers. SELECT and ASK results print as an
aligned table or in the SPARQL 1.1 CSV, TSV or JSON results formats; CONSTRUCT and DESCRIBE
results print as sorted N-Triples.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import http.client
import json
import math
import re
import sys
import unicodedata
import urllib.error
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from vietgov.paths import DIST, SPARQL
from vietgov.rdf.namespaces import DEFAULT_BASE, XSD, prefixes
from vietgov.store import StoreError, dataset_files, describe_http_failure, first_line, open_store

FORMATS = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_PARAM_LINE = re.compile(
    r"#\s*@param\s+\??(?P<name>[A-Za-z_]\w*)\s+(?P<type>[A-Za-z]+(?:@[A-Za-z0-9-]+)?)"
    r"\s*(?:=\s*(?P<default>.*?))?\s*$"
)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_PLAIN_TYPES = ("iri", "string", "date", "gYear", "integer")
_CELL_LIMIT = 80

Term = ox.NamedNode | ox.Literal
Results = ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]


def known_prefixes() -> dict[str, str]:
    """Prefixes accepted in IRI parameters and used to shorten IRIs in tables (``id:`` is the
    default data base IRI)."""
    return {"id": DEFAULT_BASE, **prefixes()}


class QueryError(Exception):
    """A query file, parameter or query text the command cannot use, told in one line."""


@dataclass(frozen=True)
class Parameter:
    """A parameter declared in a query header: ``?name`` bound to a term of ``type``."""

    name: str
    type: str
    default: str | None = None


@dataclass(frozen=True)
class ReadyQuery:
    """A query file with its declared parameters."""

    path: Path
    text: str
    parameters: tuple[Parameter, ...]


# --- finding and reading queries -------------------------------------------------------------


def available_queries(sparql_dir: Path = SPARQL) -> list[str]:
    """Names (file stems) of the ready-made queries."""
    return sorted(p.stem for p in sparql_dir.glob("*.rq"))


def resolve_query(name_or_file: str, sparql_dir: Path = SPARQL) -> Path:
    """The ``.rq`` file meant by a query name (stem in ``sparql_dir``) or a path."""
    if name_or_file.endswith(".rq") or "/" in name_or_file:
        path = Path(name_or_file)
        if not path.is_file():
            raise QueryError(f"query file {path} not found")
        return path
    path = sparql_dir / f"{name_or_file}.rq"
    if not path.is_file():
        names = ", ".join(available_queries(sparql_dir)) or "none"
        raise QueryError(f"no ready-made query {name_or_file!r} (available: {names})")
    return path


def parse_header(text: str, source: str = "query") -> tuple[Parameter, ...]:
    """The parameters declared by ``# @param`` lines in the leading comment block."""
    params: dict[str, Parameter] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if not re.match(r"#\s*@param\b", stripped):
            continue
        match = _PARAM_LINE.match(stripped)
        if match is None:
            raise QueryError(f"{source}: cannot read parameter line {stripped!r}")
        name, type_, default = match["name"], match["type"], match["default"]
        _check_type(type_, source)
        if default is not None and len(default) >= 2 and default[0] == default[-1] == '"':
            default = json.loads(default)
        if name in params:
            raise QueryError(f"{source}: parameter ?{name} declared twice")
        param = Parameter(name, type_, default or None)
        if param.default is not None:
            to_term(param, param.default, source=source)
        params[name] = param
    return tuple(params.values())


def _check_type(type_: str, source: str) -> None:
    if type_ in _PLAIN_TYPES:
        return
    base, _, tag = type_.partition("@")
    if base == "langString" and _LANGUAGE_TAG.fullmatch(tag):
        return
    raise QueryError(
        f"{source}: unknown parameter type {type_!r} "
        f"(use {', '.join(_PLAIN_TYPES)} or langString@TAG)"
    )


def load_query(path: Path) -> ReadyQuery:
    """Read a query file and its parameter declarations."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read {path}: {exc}") from exc
    return ReadyQuery(path, text, parse_header(text, str(path)))


# --- parameters as RDF terms -----------------------------------------------------------------


def to_term(param: Parameter, value: str, *, source: str = "--param") -> Term:
    """The RDF term of ``param``'s type written as ``value``; raises QueryError if it is not one."""

    def invalid(why: str) -> QueryError:
        return QueryError(f"{source}: ?{param.name} ({param.type}) {why}: {value!r}")

    if param.type == "iri":
        iri = value.strip()
        if iri.startswith("<") and iri.endswith(">"):
            iri = iri[1:-1]
        prefix, colon, local = iri.partition(":")
        known = known_prefixes()
        if colon and prefix in known and not local.startswith("//"):
            iri = known[prefix] + local
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise invalid(f"is not an absolute IRI ({exc})") from None
    if param.type == "string":
        return ox.Literal(value)
    if param.type.startswith("langString@"):
        return ox.Literal(value, language=param.type.partition("@")[2].lower())
    if param.type == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            raise invalid("is not a date YYYY-MM-DD") from None
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if param.type == "gYear":
        if not re.fullmatch(r"-?\d{4,}", value):
            raise invalid("is not a year YYYY")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "gYear"))
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise invalid("is not an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    raise invalid("has an unknown type")


def bind_parameters(query: ReadyQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Terms for every declared parameter: the given value, else the default."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(f"?{n}" for n in declared) or "none"
        raise QueryError(
            f"{query.path.name} has no parameter {', '.join('?' + n for n in unknown)} "
            f"(declared: {known})"
        )
    bound: dict[str, Term] = {}
    for name, param in declared.items():
        value = values.get(name, param.default)
        if value is None:
            raise QueryError(f"{query.path.name} needs --param {name}=… ({param.type})")
        bound[name] = to_term(param, value)
    return bound


def parse_param_options(options: Iterable[str]) -> dict[str, str]:
    """``name=value`` strings from ``--param`` as a mapping (``?name`` is accepted too)."""
    values: dict[str, str] = {}
    for option in options:
        name, eq, value = option.partition("=")
        name = name.strip().lstrip("?$")
        if not eq or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"--param wants name=value, got {option!r}")
        values[name] = value
    return values


# --- the VALUES block for remote endpoints ---------------------------------------------------

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*'",
    re.S,
)
_VARIABLE = re.compile(r"[?$]\w+")
_NAME = re.compile(r"[A-Za-z_][\w.-]*(?::[^\s{}()<>,;]*)?|:[^\s{}()<>,;]*")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


def _scan(text: str) -> tuple[str, int | None]:
    """The query form and the offset of the ``{`` opening its WHERE group.

    Walks the text skipping comments, strings and IRIs; the group is the first top-level brace
    after the form keyword, or the second for CONSTRUCT with a template. The offset is None when
    there is no group (``DESCRIBE <iri>``) or for ``CONSTRUCT WHERE { … }``, whose pattern is
    also its template and cannot hold VALUES.
    """
    form: str | None = None
    seen_where = seen_template = False
    depth = parens = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        match = None
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            match = _STRING.match(text, i)
        elif c == "<":
            match = _IRIREF.match(text, i)
        elif c in "?$":
            match = _VARIABLE.match(text, i)
        elif c.isalpha() or c in "_:":
            match = _NAME.match(text, i)
            word = match.group().upper() if match else ""
            if depth == 0 and parens == 0:
                if word in _FORMS and form is None:
                    form = word
                elif word == "WHERE":
                    seen_where = True
        elif c == "(":
            parens += 1
        elif c == ")":
            parens -= 1
        elif c == "{":
            if depth == 0 and parens == 0 and form is not None:
                if form != "CONSTRUCT" or seen_template:
                    return form, i
                if seen_where:
                    return form, None
                seen_template = True
            depth += 1
        elif c == "}":
            depth -= 1
        i = match.end() if match else i + 1
    if form is None:
        raise QueryError("not a SELECT, CONSTRUCT, ASK or DESCRIBE query")
    return form, None


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE."""
    return _scan(text)[0]


def with_values(text: str, bindings: Mapping[str, Term]) -> str:
    """``text`` with ``VALUES (?a ?b) { (t1 t2) }`` opening its WHERE group.

    Each term is written by pyoxigraph in N-Triples syntax (IRIs validated, literals escaped),
    which SPARQL reads back as the same term, whatever characters the value holds.
    """
    if not bindings:
        return text
    brace = _scan(text)[1]
    if brace is None:
        raise QueryError(
            "parameters need a WHERE { … } group (for CONSTRUCT: CONSTRUCT { … } WHERE { … })"
        )
    variables = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    block = f"\n  VALUES ({variables}) {{ ({terms}) }}\n"
    return text[: brace + 1] + block + text[brace + 1 :]


# --- running ---------------------------------------------------------------------------------


def execute_embedded(store: ox.Store, text: str, bindings: Mapping[str, Term]) -> Results:
    """Run ``text`` in ``store`` with ``bindings`` in a VALUES block, as at a remote endpoint.

    (pyoxigraph's ``substitutions`` would avoid the block, but it refuses variables that are not
    in the SELECT projection, which parameters seldom are.)
    """
    try:
        results = store.query(with_values(text, bindings))
    except SyntaxError as exc:
        raise QueryError(f"query syntax: {first_line(str(exc))}") from exc
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"embedded store: {first_line(str(exc))}") from exc
    if isinstance(results, ox.QueryTriples):
        return list(results)
    return results


_WRAPPER_STATUS: dict[type[SPARQLWrapperException], int] = {
    QueryBadFormed: 400,
    Unauthorized: 401,
    EndPointNotFound: 404,
    URITooLong: 414,
    EndPointInternalError: 500,
}


def _wrapper_failure(endpoint: str, exc: SPARQLWrapperException) -> str:
    """One line from a SPARQLWrapper error, which keeps the status in its class and the body
    as a bytes literal after ``Response:``."""
    status = _WRAPPER_STATUS.get(type(exc), 0)
    _, _, raw = str(exc).partition("Response:\n")
    try:
        body = ast.literal_eval(raw.strip()).decode("utf-8", "replace") if raw else ""
    except (ValueError, SyntaxError, AttributeError):
        body = raw
    detail = first_line(body) or exc.msg
    return f"{endpoint} answered HTTP {status}: {detail}" if status else f"{endpoint}: {detail}"


def execute_remote(
    endpoint: str,
    text: str,
    bindings: Mapping[str, Term],
    *,
    default_graph: str | None = None,
    timeout: float = 60.0,
) -> Results:
    """Run ``text`` at a SPARQL endpoint (SPARQLWrapper, POST), parameters in a VALUES block."""
    form = query_form(text)
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setMethod(POST)
    wrapper.setQuery(with_values(text, bindings))
    # SPARQLWrapper guesses the form from the text and can take a word in a comment ("load")
    # for an update; the form is known, so say it.
    wrapper.queryType = form
    wrapper.setReturnFormat(JSON if form in ("SELECT", "ASK") else TURTLE)
    wrapper.setTimeout(max(1, math.ceil(timeout)))
    if default_graph:
        wrapper.addDefaultGraph(default_graph)
    try:
        data = wrapper.query().response.read()
    except SPARQLWrapperException as exc:
        raise StoreError(_wrapper_failure(endpoint, exc)) from None
    except ValueError as exc:
        raise StoreError(f"{endpoint!r} is not a usable URL: {exc}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise StoreError(describe_http_failure(endpoint, exc, timeout)) from None
    try:
        if form in ("SELECT", "ASK"):
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{endpoint} sent results I cannot read: {first_line(str(exc))}") from None


# --- output ----------------------------------------------------------------------------------


def _compact(iri: str, known: Mapping[str, str]) -> str:
    best = max((ns for ns in known.values() if iri.startswith(ns)), key=len, default=None)
    if best is None or best == iri:
        return f"<{iri}>"
    prefix = next(p for p, ns in known.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def cell_text(term: object, known: Mapping[str, str]) -> str:
    """How a term reads in the table: IRIs with project prefixes, literals by their value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = _compact(term.value, known)
    elif isinstance(term, ox.Literal):
        text = term.value
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    else:
        text = str(term)
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= _CELL_LIMIT else text[: _CELL_LIMIT - 1] + "…"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (combining marks 0, wide characters 2)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def table(variables: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned plain-text table with a header line and a row count."""
    widths = [
        max([display_width(v), *(display_width(r[i]) for r in rows)])
        for i, v in enumerate(variables)
    ]

    def line(cells: Sequence[str]) -> str:
        padded = (c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(variables), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out) + "\n"


def render(results: Results, fmt: str) -> str:
    """Results as text: a table or SPARQL CSV/TSV/JSON; graphs as sorted N-Triples."""
    if isinstance(results, list):
        lines = sorted(f"{t.subject} {t.predicate} {t.object} ." for t in results)
        return "".join(line + "\n" for line in lines)
    if fmt != "table":
        return results.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
    if isinstance(results, ox.QueryBoolean):
        return f"{'true' if bool(results) else 'false'}\n"
    known = known_prefixes()
    variables = [v.value for v in results.variables]
    rows = [[cell_text(s[v], known) for v in variables] for s in results]
    return table(variables, rows)


# --- command line ----------------------------------------------------------------------------


def add_query_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``query`` to the CLI's subcommands."""
    parser = subparsers.add_parser(
        "query",
        help="run a ready-made SPARQL query (sparql/NAME.rq) or a .rq file",
        description=(
            "Run a ready-made SPARQL query (sparql/NAME.rq) or any .rq file against dist/ in "
            "an embedded store, or against --endpoint. Parameters declared in the query "
            "header (# @param NAME TYPE [= DEFAULT]) are bound as RDF terms. See "
            "docs/triple-stores.md."
        ),
    )
    parser.add_argument("query", metavar="NAME|FILE", help="query name (file stem) or .rq path")
    parser.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE",
        help="bind a declared parameter (repeatable)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output (table)")
    parser.add_argument("--endpoint", metavar="URL", help="SPARQL endpoint instead of dist/")
    parser.add_argument(
        "--graph", metavar="IRI",
        help="with --endpoint: query this named graph as the default graph "
        "(the graph `vietgov load` wrote to)",
    )
    parser.add_argument("--dist", type=Path, default=DIST, help="built dataset (dist/)")
    parser.add_argument(
        "--no-ontology", dest="ontology", action="store_false",
        help="embedded store: leave dist/ontology.ttl out",
    )
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S",
                        help="seconds to wait for the endpoint (60)")
    parser.set_defaults(run=run_query)
    return parser


def run_query(args: argparse.Namespace) -> int:
    """Run the query named on the command line and print its results; 0 on success."""
    try:
        if args.graph and not args.endpoint:
            raise QueryError("--graph needs --endpoint (the embedded store has one graph)")
        query = load_query(resolve_query(args.query))
        bindings = bind_parameters(query, parse_param_options(args.param))
        if args.endpoint:
            results = execute_remote(
                args.endpoint, query.text, bindings,
                default_graph=args.graph, timeout=args.timeout,
            )
        else:
            store = open_store(dataset_files(args.dist, ontology=args.ontology))
            results = execute_embedded(store, query.text, bindings)
        sys.stdout.write(render(results, args.format))
    except (QueryError, StoreError) as exc:
        print(f"vietgov query: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vietgov.query …``."""
    parser = argparse.ArgumentParser(prog="vietgov")
    add_query_parser(parser.add_subparsers(required=True))
    return run_query(parser.parse_args(["query", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
