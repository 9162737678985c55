"""JSON-LD output with a context that ships with the project: nothing is ever fetched.

The context ``context/vietgov.jsonld`` is generated from ``ontology/*.ttl`` by
:func:`build_context` (regenerate with ``python -m vietgov.publish.jsonld`` after editing the
ontology; a test fails while it is stale). It holds the vocabulary prefixes of
:func:`vietgov.rdf.namespaces.prefixes`, one term per ``vg:`` class and property — named by
its local name, with the coercion its ``rdfs:range`` implies — and terms for the common
properties of :data:`COMMON_TERMS`. Coercions:

* object properties: ``"@type": "@id"`` (values are IRIs, relative to ``@base``);
* a datatype range other than ``xsd:string``: ``"@type": "xsd:date"`` etc.;
* ``rdf:langString`` (and labels, definitions): ``"@container": "@language"`` — a language map.

``vietgov.jsonld`` refers to the context by the relative IRI ``context.jsonld``
(:data:`CONTEXT_REF`) and :func:`copy_context` puts a copy there, beside the dump in ``dist/``,
so the dump is self-contained: a processor resolves the reference against the dump's own
location (``dist/`` stays a flat folder). Data IRIs
are written relative to ``@base`` (the base IRI), vocabulary IRIs as terms or ``prefix:local``.

:func:`write_jsonld` compacts by itself (no JSON-LD library is needed): every value whose form
matches its term's coercion is written short, any other as an explicit value object, so the
document always expands to exactly the triples given. Nodes are sorted by IRI, keys and
values sorted: the same triples give the same bytes. :func:`read_jsonld` parses a dump back
with pyoxigraph, serving the shipped context from disk and refusing any other remote context.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse

from vietgov.paths import ONTOLOGY, ROOT
from vietgov.rdf.namespaces import (
    DCTERMS,
    ELI,
    OA,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    VG,
    XSD,
    prefixes,
)

__all__ = [
    "COMMON_CLASSES",
    "COMMON_TERMS",
    "CONTEXT_FILE",
    "CONTEXT_REF",
    "build_context",
    "context_text",
    "copy_context",
    "read_jsonld",
    "write_context",
    "write_jsonld",
]

CONTEXT_FILE = ROOT / "context" / "vietgov.jsonld"  # the shipped context in the checkout
CONTEXT_REF = "context.jsonld"  # its name beside a dump, as the dump refers to it

_XSD_STRING = XSD + "string"
_LANG_STRING = RDF + "langString"
_LITERAL_RANGES = {_XSD_STRING, RDFS + "Literal"}
_ID, _LANGMAP = "@id", "@language"

# Terms for the properties of other vocabularies that the data uses, as (term, IRI, coercion):
# "@id", "@language" (a language map), an XSD datatype IRI, or None (no coercion).
COMMON_TERMS: tuple[tuple[str, str, str | None], ...] = (
    ("label", RDFS + "label", _LANGMAP),
    ("prefLabel", SKOS + "prefLabel", _LANGMAP),
    ("altLabel", SKOS + "altLabel", _LANGMAP),
    ("definition", SKOS + "definition", _LANGMAP),
    ("notation", SKOS + "notation", None),
    ("inScheme", SKOS + "inScheme", _ID),
    ("broader", SKOS + "broader", _ID),
    ("exactMatch", SKOS + "exactMatch", _ID),
    ("closeMatch", SKOS + "closeMatch", _ID),
    ("sameAs", OWL + "sameAs", _ID),
    ("source", DCTERMS + "source", None),
    ("identifier", DCTERMS + "identifier", None),
    ("id_local", ELI + "id_local", None),
    ("subject", RDF + "subject", _ID),
    ("predicate", RDF + "predicate", _ID),
    ("object", RDF + "object", None),
    ("wasDerivedFrom", PROV + "wasDerivedFrom", _ID),
    ("motivatedBy", OA + "motivatedBy", _ID),
    ("hasBody", OA + "hasBody", _ID),
    ("hasTarget", OA + "hasTarget", _ID),
    ("hasSource", OA + "hasSource", _ID),
    ("hasSelector", OA + "hasSelector", _ID),
    ("start", OA + "start", XSD + "nonNegativeInteger"),
    ("end", OA + "end", XSD + "nonNegativeInteger"),
    ("exact", OA + "exact", None),
    ("role", ORG + "role", _ID),
    ("member", ORG + "member", _ID),
    ("organization", ORG + "organization", _ID),
    ("holds", ORG + "holds", _ID),
    ("heldBy", ORG + "heldBy", _ID),
    ("postIn", ORG + "postIn", _ID),
    ("name", SCHEMA + "name", None),
    ("organizer", SCHEMA + "organizer", _ID),
    ("dataSet", QB + "dataSet", _ID),
    ("structure", QB + "structure", _ID),
)

# Terms for the classes of other vocabularies that the data uses, as (term, IRI).
COMMON_CLASSES: tuple[tuple[str, str], ...] = (
    ("Statement", RDF + "Statement"),
    ("SpecificResource", OA + "SpecificResource"),
    ("TextPositionSelector", OA + "TextPositionSelector"),
    ("TextQuoteSelector", OA + "TextQuoteSelector"),
    ("Concept", SKOS + "Concept"),
    ("ConceptScheme", SKOS + "ConceptScheme"),
    ("Observation", QB + "Observation"),
)

_CLASS = "class"  # pseudo-coercion marking a class term (written as a plain string)


# --- the context --------------------------------------------------------------------------


def build_context(ontology_dir: Path = ONTOLOGY) -> dict[str, Any]:
    """The JSON-LD context document for the vocabulary in ``ontology_dir/*.ttl``.

    Prefixes come first and are never shadowed; a ``vg:`` term wins over a common term of
    the same name (the common property is then written as ``prefix:local``).
    """
    spaces = prefixes()
    context: dict[str, Any] = dict(spaces)
    for name, iri, coercion in _vocabulary_terms(ontology_dir):
        if name not in context:
            context[name] = _definition(iri, coercion, spaces)
    common = [*COMMON_TERMS, *((name, iri, _CLASS) for name, iri in COMMON_CLASSES)]
    for name, iri, coercion in common:
        if name not in context:
            context[name] = _definition(iri, coercion, spaces)
    return {"@context": context}


def context_text(ontology_dir: Path = ONTOLOGY) -> str:
    """The context document as it is written to :data:`CONTEXT_FILE`."""
    return json.dumps(build_context(ontology_dir), ensure_ascii=False, indent=2,
                      sort_keys=True) + "\n"


def write_context(path: Path = CONTEXT_FILE, ontology_dir: Path = ONTOLOGY) -> Path:
    """Regenerate the shipped context from the ontology."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(context_text(ontology_dir), encoding="utf-8")
    return path


def copy_context(out_dir: Path, context_file: Path = CONTEXT_FILE) -> Path:
    """Put the shipped context where a dump in ``out_dir`` refers to it."""
    target = out_dir / CONTEXT_REF
    shutil.copyfile(context_file, target)
    return target


def _vocabulary_terms(ontology_dir: Path) -> list[tuple[str, str, str | None]]:
    """(local name, IRI, coercion) for every ``vg:`` class and property, sorted by name."""
    types: dict[str, set[str]] = defaultdict(set)
    ranges: dict[str, set[str]] = defaultdict(set)
    for path in sorted(ontology_dir.glob("*.ttl")):
        for t in parse(path=str(path), format=RdfFormat.TURTLE):
            if not isinstance(t.subject, NamedNode) or not isinstance(t.object, NamedNode):
                continue
            if t.predicate.value == RDF_TYPE:
                types[t.subject.value].add(t.object.value)
            elif t.predicate.value == RDFS + "range":
                ranges[t.subject.value].add(t.object.value)
    classes = {OWL + "Class", RDFS + "Class"}
    properties = {OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
                  RDF + "Property"}
    terms = []
    for iri, kinds in types.items():
        name = iri.removeprefix(VG)
        if not iri.startswith(VG) or not _is_simple_term(name):
            continue
        if kinds & classes:
            terms.append((name, iri, _CLASS))
        elif kinds & properties:
            terms.append((name, iri, _coercion(kinds, ranges[iri])))
    return sorted(terms)


def _coercion(kinds: set[str], ranges: set[str]) -> str | None:
    if OWL + "ObjectProperty" in kinds:
        return _ID
    if len(ranges) != 1:
        return None
    (rng,) = ranges
    if rng == _LANG_STRING:
        return _LANGMAP
    if rng in _LITERAL_RANGES:
        return None
    if rng.startswith(XSD):
        return rng
    return None if OWL + "DatatypeProperty" in kinds else _ID


def _definition(iri: str, coercion: str | None, spaces: dict[str, str]) -> str | dict[str, str]:
    """A class term is a plain string; a property term an object with its coercion."""
    short = _compact(iri, spaces)
    if coercion == _CLASS:
        return short
    if coercion is None:
        return {"@id": short}
    if coercion == _LANGMAP:
        return {"@id": short, "@container": "@language"}
    if coercion == _ID:
        return {"@id": short, "@type": "@id"}
    return {"@id": short, "@type": _compact(coercion, spaces)}


def _is_simple_term(name: str) -> bool:
    return bool(name) and not name.startswith("@") and not any(c in name for c in ":/#?")


# --- compaction ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    name: str
    coercion: str | None  # "@id", "@language" (language map), a datatype IRI, or None


class _Context:
    """What the writer needs from a context document: prefixes and terms by IRI."""

    def __init__(self, document: dict[str, Any], base_iri: str) -> None:
        definitions: dict[str, Any] = document["@context"]
        self.prefixes = {name: value for name, value in definitions.items()
                         if isinstance(value, str) and value.endswith(("/", "#"))}
        self.base = base_iri
        self.terms: dict[str, _Term] = {}
        self.types: dict[str, str] = {}
        for name in sorted(definitions):
            value = definitions[name]
            if name in self.prefixes:
                continue
            if isinstance(value, str):  # a class
                self.types.setdefault(self.expand(value), name)
                continue
            iri = self.expand(value["@id"])
            if value.get("@container") == "@language":
                coercion: str | None = _LANGMAP
            elif value.get("@type") == "@id":
                coercion = _ID
            elif "@type" in value:
                coercion = self.expand(value["@type"])
            else:
                coercion = None
            self.terms.setdefault(iri, _Term(name, coercion))

    def expand(self, value: str) -> str:
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return value

    def compact(self, iri: str) -> str:
        """``prefix:local`` for a vocabulary IRI (longest namespace first), else the IRI."""
        return _compact(iri, self.prefixes)

    def ref(self, iri: str) -> str:
        """An IRI in an ``@id`` position: relative to ``@base`` when that is unambiguous."""
        rest = iri[len(self.base):] if iri.startswith(self.base) else ""
        if (self.base.endswith("/") and rest and ":" not in rest
                and not rest.startswith(("/", "?", "#", "@"))
                and not {".", ".."} & set(rest.split("#")[0].split("?")[0].split("/"))):
            return rest
        return self.compact(iri)


def _compact(iri: str, spaces: dict[str, str]) -> str:
    """``prefix:local`` with the longest namespace that leaves a usable local part."""
    matches = [(len(ns), name) for name, ns in spaces.items()
               if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//")]
    if not matches:
        return iri
    _length, name = max(matches)
    return f"{name}:{iri[len(spaces[name]):]}"


def write_jsonld(triples: Iterable[Triple], path: Path, base_iri: str,
                 context_file: Path = CONTEXT_FILE) -> None:
    """The triples as compacted JSON-LD referring to the shipped context (see module doc).

    Written node by node: a list is sorted here; any other iterable must come sorted by
    subject (as from the N-Triples dump), so that memory stays bounded by one node.
    """
    context = _Context(json.loads(context_file.read_text(encoding="utf-8")), base_iri)
    if isinstance(triples, list):
        triples = sorted(triples, key=lambda t: t.subject.value if isinstance(t.subject,
                                                                              NamedNode) else "")
    head = json.dumps({"@context": [CONTEXT_REF, {"@base": base_iri}]}, ensure_ascii=False,
                      sort_keys=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(head[:-1] + ', "@graph": [')
        for n, (subject, block) in enumerate(itertools.groupby(triples, key=_subject_of)):
            values: dict[str, list[NamedNode | Literal]] = defaultdict(list)
            for t in block:
                values[t.predicate.value].append(t.object)
            out.write(("," if n else "") + "\n " + json.dumps(
                _node(subject, values, context), ensure_ascii=False, sort_keys=True))
        out.write("\n]}\n")


def _subject_of(t: Triple) -> str:
    if not isinstance(t.subject, NamedNode) or isinstance(t.object, (BlankNode, Triple)):
        raise ValueError(f"JSON-LD output takes IRIs and literals only: {t}")
    return t.subject.value


def _node(subject: str, values: dict[str, list[NamedNode | Literal]],
          context: _Context) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": context.ref(subject)}
    for predicate in sorted(values):
        objects = sorted(set(values[predicate]), key=str)
        if predicate == RDF_TYPE and all(isinstance(o, NamedNode) for o in objects):
            node["@type"] = _one_or_many(
                sorted(context.types.get(o.value) or context.compact(o.value) for o in objects))
            continue
        term = context.terms.get(predicate)
        if term is None:
            node[context.compact(predicate)] = _one_or_many(
                [_value(o, context, plain=True) for o in objects])
        elif term.coercion == _LANGMAP:
            tagged = [o for o in objects if isinstance(o, Literal) and o.language]
            others = [o for o in objects if o not in tagged]
            if tagged:
                by_lang: dict[str, list[str]] = defaultdict(list)
                for o in tagged:
                    by_lang[o.language].append(o.value)
                node[term.name] = {lang: _one_or_many(v) for lang, v in by_lang.items()}
            if others:
                node[context.compact(predicate)] = _one_or_many(
                    [_value(o, context, plain=True) for o in others])
        else:
            node[term.name] = _one_or_many([_coerced(o, term, context) for o in objects])
    return node


def _coerced(o: NamedNode | Literal, term: _Term, context: _Context) -> Any:
    if term.coercion == _ID and isinstance(o, NamedNode):
        return context.ref(o.value)
    if (term.coercion not in (None, _ID) and isinstance(o, Literal) and not o.language
            and o.datatype.value == term.coercion):
        return o.value
    return _value(o, context, plain=term.coercion is None)


def _value(o: NamedNode | Literal, context: _Context, *, plain: bool) -> Any:
    """A value in expanded form (a bare string only for ``xsd:string`` under ``plain``)."""
    if isinstance(o, NamedNode):
        return {"@id": context.ref(o.value)}
    if o.language:
        return {"@language": o.language, "@value": o.value}
    if o.datatype.value == _XSD_STRING:
        return o.value if plain else {"@value": o.value}
    return {"@type": context.compact(o.datatype.value), "@value": o.value}


def _one_or_many(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


# --- reading back -------------------------------------------------------------------------


def read_jsonld(path: Path) -> list[Triple]:
    """Parse a dump written by :func:`write_jsonld` without network access.

    The context reference :data:`CONTEXT_REF` is served from the file beside the dump (as
    :func:`copy_context` put it); any other remote context is refused.
    """
    document = json.loads(path.read_text(encoding="utf-8"))
    document["@context"] = [_local_context(c, path.parent) for c in _as_list(document["@context"])]
    data = json.dumps(document, ensure_ascii=False)
    return [quad.triple for quad in parse(data, format=RdfFormat.JSON_LD)]


def _local_context(context: Any, directory: Path) -> Any:
    if not isinstance(context, str):
        return context
    if context != CONTEXT_REF:
        raise ValueError(f"refusing to load remote JSON-LD context {context!r}")
    return json.loads((directory / CONTEXT_REF).read_text(encoding="utf-8"))["@context"]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


if __name__ == "__main__":
    print(f"wrote {write_context()}")
