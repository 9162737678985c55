"""Candidate links for our organisations and persons, found at a SPARQL endpoint (Wikidata).

**Retrieval.** One SELECT per entity: the items whose label (``rdfs:label``) or alias
(``skos:altLabel``) is exactly one of the entity's names, each name sent as written, folded
(:func:`~vietgov.reading.normalize.fold_text`) and without diacritics (case kept), tagged ``vi``
and ``en`` (English names only ``en``). Exact literals are what a large endpoint answers fast;
a remote name written without diacritics is found through our diacritic-free variant, but a
name we hold only without diacritics cannot find a remote name that has them.

**Score** (in hundredths, at most 100; :func:`score`):

* label: 60 when a label of the item equals one of our preferred names after folding
  (:func:`vietgov.gazetteer.name_key`); 50 when they are equal only without diacritics
  (:func:`~vietgov.reading.normalize.ascii_key`); 40 when only an alias matches (the item's
  ``skos:altLabel``, or our ``skos:altLabel`` / gazetteer short form);
* type: +20 when the item's kind is compatible (organisations: ``wdt:P31/wdt:P279*`` reaches one
  of :attr:`Profile.organisation_types`; persons: ``wdt:P31`` human and ``wdt:P27`` Viet Nam);
  +0 when the item has no ``wdt:P31`` at all; an item typed as something else is dropped;
* context: +20 when a label of the item's parent (``wdt:P749``/``wdt:P361``) equals the name of
  our entity's parent body, or, for a person, when the label of a position, party, employer or
  body (``wdt:P39``/``P102``/``P108``/``P463``) contains the name of a body the person holds a
  post in.

Items scoring under :data:`MIN_SCORE` are dropped; at most :data:`MAX_CANDIDATES` are kept per
entity. When two or more kept items score within :data:`AMBIGUITY_MARGIN` of the best, the name is
ambiguous: all of them stay candidates and say so in their note. Nothing here is ever accepted
automatically: every result is a ``candidate`` row for a person to review.

**Politeness.** :class:`Endpoint` sends a descriptive User-Agent, waits at least
``min_interval`` seconds (default 1) between requests, honours ``Retry-After`` once, and keeps
every answer in ``cache_dir/<sha1 of endpoint and query>.json`` so re-runs ask nothing again.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import math
import os
import re
import tempfile
import time
import urllib.error
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import SPARQLWrapper as sparqlwrapper_module
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from vietgov import __version__
from vietgov.gazetteer import bodies, name_key
from vietgov.paths import ROOT
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import FOAF, ORG, RDFS, SCHEMA, SKOS, VG, WD
from vietgov.reading.normalize import ascii_key, fold_text
from vietgov.store import describe_http_failure, first_line

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
WDT = "http://www.wikidata.org/prop/direct/"
PROJECT_URL = "https://w3id.org/vietgov"
USER_AGENT = (
    f"vietgov-link/{__version__} (+{PROJECT_URL}; reconciles a linked-data graph of Vietnamese "
    f"Party and State bodies; one query per second at most) "
    f"SPARQLWrapper/{sparqlwrapper_module.__version__}"
)
DEFAULT_CACHE = ROOT / ".cache" / "link"
ORGANISATION, PERSON = "organisation", "person"

LABEL_EXACT, LABEL_ASCII, LABEL_ALIAS = 60, 50, 40
TYPE_COMPATIBLE = 20
CONTEXT_MATCH = 20
MIN_SCORE = 50
MAX_CANDIDATES = 3
AMBIGUITY_MARGIN = 10
RETRY_AFTER_LIMIT = 120.0


class LinkError(Exception):
    """A failure to reach or read the endpoint, told in one line."""


# --- what the target's data looks like ------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """The target dataset's vocabulary (Wikidata's by default).

    Wikidata identifiers used (wikidata.org): Q43229 organization, Q5 human, Q881 Viet Nam;
    P31 instance of, P279 subclass of, P27 country of citizenship, P749 parent organization,
    P361 part of, P39 position held, P102 member of political party, P108 employer,
    P463 member of.
    """

    namespace: str = WD
    organisation_types: tuple[str, ...] = (WD + "Q43229",)
    person_type: str = WD + "Q5"
    person_country: str = WD + "Q881"
    instance_of: str = WDT + "P31"
    subclass_of: str = WDT + "P279"
    citizenship: str = WDT + "P27"
    organisation_context: tuple[str, ...] = (WDT + "P749", WDT + "P361")
    person_context: tuple[str, ...] = (WDT + "P39", WDT + "P102", WDT + "P108", WDT + "P463")
    languages: tuple[str, ...] = ("vi", "en")


WIKIDATA = Profile()


# --- our entities ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """One name of an entity: preferred (label) or alternative (alias)."""

    text: str
    lang: str | None
    preferred: bool

    def sort_key(self) -> tuple[str, str, bool]:
        return (self.text, self.lang or "", self.preferred)


@dataclass(frozen=True)
class Entity:
    """An organisation or person of ours, with its names and the names of its context (the
    parent body of an organisation; the bodies a person holds posts in)."""

    iri: str
    kind: str
    names: tuple[Name, ...]
    context: tuple[str, ...] = ()


_PREFIXES = (f"PREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\nPREFIX vg: <{VG}>\n"
             f"PREFIX org: <{ORG}>\nPREFIX foaf: <{FOAF}>\nPREFIX schema: <{SCHEMA}>\n")
_NAME_FILTER = 'FILTER(isLiteral(?name) && LANG(?name) IN ("vi", "en", ""))'
_STORE_QUERIES = {
    (ORGANISATION, "names"): f"""
        SELECT DISTINCT ?s ?name ?pref WHERE {{
          {{ ?s a vg:Organization }} UNION {{ ?s a ?c . ?c rdfs:subClassOf+ vg:Organization }}
          {{ ?s rdfs:label|skos:prefLabel ?name . BIND(true AS ?pref) }}
          UNION {{ ?s skos:altLabel ?name . BIND(false AS ?pref) }}
          {_NAME_FILTER}
        }}""",
    (ORGANISATION, "context"): f"""
        SELECT DISTINCT ?s ?name WHERE {{
          ?s org:subOrganizationOf|org:unitOf ?up .
          ?up rdfs:label|skos:prefLabel|skos:altLabel ?name .
          {_NAME_FILTER}
        }}""",
    (PERSON, "names"): f"""
        SELECT DISTINCT ?s ?name ?pref WHERE {{
          ?s a vg:Person .
          {{ ?s rdfs:label|foaf:name|schema:name ?name . BIND(true AS ?pref) }}
          UNION {{ ?s skos:altLabel ?name . BIND(false AS ?pref) }}
          {_NAME_FILTER}
        }}""",
    (PERSON, "context"): f"""
        SELECT DISTINCT ?s ?name WHERE {{
          {{ ?s org:holds/org:postIn ?body }} UNION {{ ?h org:member ?s ; org:organization ?body }}
          ?body rdfs:label|skos:prefLabel|skos:altLabel ?name .
          {_NAME_FILTER}
        }}""",
}


def entities_from_store(store: ox.Store, iris: Iris, kinds: Iterable[str]) -> list[Entity]:
    """The organisations and persons of the built dataset, by IRI."""
    out: list[Entity] = []
    for kind in kinds:
        names: dict[str, set[Name]] = {}
        for row in store.query(_PREFIXES + _STORE_QUERIES[(kind, "names")]):
            literal = row["name"]
            names.setdefault(row["s"].value, set()).add(
                Name(literal.value, literal.language, row["pref"].value == "true"))
        context: dict[str, set[str]] = {}
        for row in store.query(_PREFIXES + _STORE_QUERIES[(kind, "context")]):
            context.setdefault(row["s"].value, set()).add(row["name"].value)
        for iri in sorted(names):
            extra = _gazetteer_parent_names(iri, iris) if kind == ORGANISATION else set()
            out.append(Entity(iri, kind, tuple(sorted(names[iri], key=Name.sort_key)),
                              tuple(sorted(context.get(iri, set()) | extra))))
    return out


def entities_from_gazetteer(iris: Iris) -> list[Entity]:
    """The curated bodies of ``mappings/organisations.yaml``, for when the dataset has none."""
    out = []
    for body in bodies().values():
        names = {Name(body.name, "vi", True)}
        names |= {Name(short, "vi", False) for short in body.short_forms}
        if body.name_en:
            names.add(Name(body.name_en, "en", True))
        iri = iris.organisation(body.id)
        out.append(Entity(iri, ORGANISATION, tuple(sorted(names, key=Name.sort_key)),
                          tuple(sorted(_gazetteer_parent_names(iri, iris)))))
    return sorted(out, key=lambda e: e.iri)


def _gazetteer_parent_names(iri: str, iris: Iris) -> set[str]:
    prefix = iris.organisation("x")[:-1]
    body = bodies().get(iri[len(prefix):]) if iri.startswith(prefix) else None
    parent = bodies().get(body.parent) if body and body.parent else None
    if parent is None:
        return set()
    return {*parent.names, *([parent.name_en] if parent.name_en else [])}


# --- the query -------------------------------------------------------------------------------


def unmarked(text: str) -> str:
    """``text`` folded and without diacritics, case kept ("Bộ Công Thương" → "Bo Cong Thuong")."""
    return "".join(ascii_key(c).upper() if c.isupper() else ascii_key(c) for c in fold_text(text))


def query_names(entity: Entity, profile: Profile = WIKIDATA) -> list[ox.Literal]:
    """The literals an entity is looked up by: every name as written, folded and unmarked."""
    out: set[ox.Literal] = set()
    for name in entity.names:
        languages = ("en",) if name.lang == "en" else profile.languages
        for form in {name.text, fold_text(name.text), unmarked(name.text)}:
            if form.strip():
                out.update(ox.Literal(form, language=lang) for lang in languages)
    return sorted(out, key=str)


def candidate_query(entity: Entity, profile: Profile = WIKIDATA) -> str:
    """The SELECT that finds the items named like ``entity``, with what scoring needs."""
    names = " ".join(str(lit) for lit in query_names(entity, profile))
    if entity.kind == PERSON:
        kind = (f"?item <{profile.instance_of}> <{profile.person_type}> ; "
                f"<{profile.citizenship}> <{profile.person_country}> .")
        context = profile.person_context
    else:
        roots = ", ".join(f"<{t}>" for t in profile.organisation_types)
        kind = (f"?item <{profile.instance_of}>/<{profile.subclass_of}>* ?root . "
                f"FILTER(?root IN ({roots}))")
        context = profile.organisation_context
    path = "|".join(f"<{p}>" for p in context)
    languages = ", ".join(json.dumps(lang) for lang in profile.languages)
    return f"""PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
SELECT ?item ?how ?name ?labelVi ?labelEn ?typed ?compatible ?context WHERE {{
  VALUES ?name {{ {names} }}
  {{ ?item rdfs:label ?name . BIND("label" AS ?how) }}
  UNION {{ ?item skos:altLabel ?name . BIND("alias" AS ?how) }}
  FILTER(STRSTARTS(STR(?item), {json.dumps(profile.namespace)}))
  OPTIONAL {{ ?item rdfs:label ?labelVi . FILTER(LANG(?labelVi) = "vi") }}
  OPTIONAL {{ ?item rdfs:label ?labelEn . FILTER(LANG(?labelEn) = "en") }}
  BIND(EXISTS {{ ?item <{profile.instance_of}> ?anyType }} AS ?typed)
  BIND(EXISTS {{ {kind} }} AS ?compatible)
  OPTIONAL {{ ?item {path} ?up . ?up rdfs:label ?context .
             FILTER(LANG(?context) IN ({languages})) }}
}}
"""


# --- the endpoint ----------------------------------------------------------------------------

Row = Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode]


@dataclass
class Endpoint:
    """A SPARQL endpoint asked politely: User-Agent, a pause between requests, a local cache."""

    url: str
    user_agent: str = USER_AGENT
    min_interval: float = 1.0
    cache_dir: Path | None = DEFAULT_CACHE
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    cache_hits: int = 0
    _last: float | None = field(default=None, repr=False)

    def cache_path(self, query: str) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha1(f"{self.url}\n{query}".encode()).hexdigest()
        return self.cache_dir / f"{digest}.json"

    def select(self, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
        """The solutions of a SELECT, from the cache when this query was asked before."""
        path = self.cache_path(query)
        if path is not None and path.is_file():
            self.cache_hits += 1
            data = path.read_bytes()
        else:
            data = self._fetch(query)
            if path is not None:
                _write_atomic(path, data)
        try:
            solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise LinkError(f"{self.url} sent results I cannot read: {first_line(str(exc))}") \
                from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise LinkError(f"{self.url} did not answer a SELECT with solutions")
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]

    def _wait(self) -> None:
        if self._last is not None:
            pause = self.min_interval - (self.clock() - self._last)
            if pause > 0:
                self.sleep(pause)

    def _fetch(self, query: str) -> bytes:
        for attempt in (1, 2):
            self._wait()
            wrapper = SPARQLWrapper(self.url, agent=self.user_agent)
            wrapper.setMethod(POST)
            wrapper.setQuery(query)
            wrapper.setReturnFormat(JSON)
            wrapper.setTimeout(max(1, math.ceil(self.timeout)))
            self.requests += 1
            try:
                return wrapper.query().response.read()
            except urllib.error.HTTPError as exc:
                wait = _retry_after(exc)
                if attempt == 1 and exc.code in (429, 503) and wait is not None:
                    self.sleep(wait)
                    continue
                raise LinkError(describe_http_failure(self.url, exc, self.timeout)) from None
            except SPARQLWrapperException as exc:
                raise LinkError(f"{self.url}: {first_line(str(exc))}") from None
            except ValueError as exc:
                raise LinkError(f"{self.url!r} is not a usable URL: {exc}") from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                raise LinkError(describe_http_failure(self.url, exc, self.timeout)) from None
            finally:
                self._last = self.clock()
        raise LinkError(f"{self.url} kept asking to retry later")


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    value = exc.headers.get("Retry-After") if exc.headers else None
    try:
        return min(max(float(value), 0.0), RETRY_AFTER_LIMIT) if value else None
    except ValueError:
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Evidence:
    """What the endpoint said about one item named like an entity."""

    item: str
    label: int = 0
    label_how: str = ""
    typed: bool = False
    compatible: bool = False
    context: set[str] = field(default_factory=set)
    label_vi: str = ""
    label_en: str = ""
    matched: str = ""


@dataclass(frozen=True)
class Candidate:
    """A scored item for one entity (score in hundredths)."""

    subject: str
    target: str
    label: str
    score: int
    note: str


def label_points(entity: Entity, value: str, how: str) -> tuple[int, str]:
    """Points for a matched name: exact folded label > match without diacritics > alias."""
    exact = [n for n in entity.names if name_key(n.text) == name_key(value)]
    loose = [n for n in entity.names if ascii_key(n.text) == ascii_key(value)]
    if how == "label" and any(n.preferred for n in exact):
        return LABEL_EXACT, "exact"
    if how == "label" and any(n.preferred for n in loose):
        return LABEL_ASCII, "without diacritics"
    if exact or loose:
        return LABEL_ALIAS, "alias"
    return 0, ""


def context_matches(entity: Entity, their_context: Iterable[str]) -> bool | None:
    """Whether the item's context names one of our entity's context bodies (``None``: one side
    has no context to compare)."""
    theirs = [ascii_key(c) for c in their_context]
    ours = [ascii_key(c) for c in entity.context]
    if not theirs or not ours:
        return None
    if entity.kind == PERSON:
        return any(re.search(rf"(?<!\w){re.escape(o)}(?!\w)", t) for o in ours for t in theirs)
    return any(o == t for o in ours for t in theirs)


def gather(entity: Entity, rows: Iterable[Row]) -> dict[str, Evidence]:
    """The endpoint's rows for an entity, one :class:`Evidence` per item."""
    found: dict[str, Evidence] = {}
    for row in rows:
        item = row.get("item")
        name = row.get("name")
        if not isinstance(item, ox.NamedNode) or not isinstance(name, ox.Literal):
            continue
        ev = found.setdefault(item.value, Evidence(item.value))
        points, how = label_points(entity, name.value, _text(row.get("how")))
        if points > ev.label:
            ev.label, ev.label_how, ev.matched = points, how, name.value
        ev.typed |= _text(row.get("typed")) == "true"
        ev.compatible |= _text(row.get("compatible")) == "true"
        if row.get("context") is not None:
            ev.context.add(_text(row.get("context")))
        ev.label_vi = ev.label_vi or _text(row.get("labelVi"))
        ev.label_en = ev.label_en or _text(row.get("labelEn"))
    return found


def _text(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


def score(entity: Entity, ev: Evidence) -> tuple[int, str] | None:
    """The item's score and its breakdown, or ``None`` when its type rules it out."""
    if ev.label == 0 or (ev.typed and not ev.compatible):
        return None
    total = ev.label
    parts = [f"label {ev.label_how}"]
    if ev.compatible:
        total += TYPE_COMPATIBLE
        parts.append("type compatible")
    else:
        parts.append("type unknown")
    context = context_matches(entity, ev.context)
    what = "post" if entity.kind == PERSON else "parent"
    if context:
        total += CONTEXT_MATCH
        parts.append(f"{what} matches")
    else:
        parts.append(f"{what} unknown" if context is None else f"{what} differs")
    return total, "; ".join(parts)


def rank(entity: Entity, evidence: Mapping[str, Evidence]) -> list[Candidate]:
    """The kept candidates of an entity, best first, ambiguous ones marked."""
    scored = []
    for ev in evidence.values():
        result = score(entity, ev)
        if result is not None and result[0] >= MIN_SCORE:
            label = ev.label_vi or ev.label_en or ev.matched
            scored.append((result[0], ev.item, label, result[1]))
    scored.sort(key=lambda s: (-s[0], s[1]))
    scored = scored[:MAX_CANDIDATES]
    if not scored:
        return []
    best = scored[0][0]
    close = [s for s in scored if best - s[0] < AMBIGUITY_MARGIN]
    out = []
    for n, (points, item, label, note) in enumerate(scored):
        if len(close) > 1 and best - points < AMBIGUITY_MARGIN:
            note += (f"; ambiguous: {len(close)} candidates within "
                     f"{AMBIGUITY_MARGIN / 100:.2f} of the best")
        elif n == 0:
            note += "; best"
        out.append(Candidate(entity.iri, item, label, points, note))
    return out


def reconcile(entities: Iterable[Entity], endpoint: Endpoint,
              profile: Profile = WIKIDATA) -> dict[str, list[Candidate]]:
    """Candidates for every entity (an entity with none maps to an empty list)."""
    out: dict[str, list[Candidate]] = {}
    for entity in entities:
        rows = endpoint.select(candidate_query(entity, profile))
        out[entity.iri] = rank(entity, gather(entity, rows))
    return out


def is_ambiguous(candidate: Candidate) -> bool:
    return "ambiguous" in candidate.note

