"""The built dataset as a triple store: the files in ``dist/``, an embedded pyoxigraph Store over
them, and the one-line failures shared by the commands that talk to stores over HTTP.

The data (``vietgov.nt``) and, when the build wrote it, the ontology (``ontology.ttl``) go into
the same graph, so ready-made queries can follow ``rdfs:subClassOf`` without a ``GRAPH`` clause.
``vietgov query``, ``vietgov load`` and ``vietgov serve`` all take the same files, so a query gives
the same answer against the embedded store and against a store loaded by either command.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

DATA_FILE = "vietgov.nt"
ONTOLOGY_FILE = "ontology.ttl"


class StoreError(Exception):
    """A failure to find, reach, read or write a store, told in one line for the user."""


def dataset_files(dist: Path, *, ontology: bool = True) -> list[Path]:
    """The files that make up the dataset: the N-Triples data, then the ontology if present."""
    data = dist / DATA_FILE
    if not data.is_file():
        raise StoreError(f"{data} not found: run `vietgov build` first (or pass --dist DIR)")
    files = [data]
    if ontology and (dist / ONTOLOGY_FILE).is_file():
        files.append(dist / ONTOLOGY_FILE)
    return files


def _rdf_format(path: Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file extension")
    return fmt


def open_store(files: Iterable[Path]) -> ox.Store:
    """An in-memory store holding ``files`` (from :func:`dataset_files`) in its default graph."""
    store = ox.Store()
    for path in files:
        try:
            store.bulk_load(path=path, format=_rdf_format(path))
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"{path}: {first_line(str(exc))}") from exc
    return store


def read_triples(files: Iterable[Path]) -> set[ox.Triple]:
    """The distinct triples of ``files``: what a store must hold after loading them."""
    triples: set[ox.Triple] = set()
    for path in files:
        try:
            triples.update(q.triple for q in ox.parse(path=path, format=_rdf_format(path)))
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"{path}: {first_line(str(exc))}") from exc
    return triples


def first_line(text: str, limit: int = 200) -> str:
    """The first non-blank line of ``text``, cut to ``limit`` characters."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe_http_failure(url: str, exc: BaseException, timeout: float) -> str:
    """One line saying why a request to ``url`` failed: refused, timed out, or an HTTP error."""
    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            body = ""
        detail = first_line(body) or exc.reason
        return f"{url} answered HTTP {exc.code}: {detail}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot connect to {url}: connection refused (is the store running?)"
    if isinstance(reason, TimeoutError):
        return f"{url} did not answer within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"cannot connect to {url}: unknown host"
    return f"request to {url} failed: {first_line(str(reason)) or type(reason).__name__}"
