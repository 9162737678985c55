"""Namespace IRIs and the prefixes used in every serialisation."""

from __future__ import annotations

VG = "https://w3id.org/vietgov/ontology#"
CODE = "https://w3id.org/vietgov/code/"
DEFAULT_BASE = "https://w3id.org/vietgov/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
ELI = "http://data.europa.eu/eli/ontology#"
QB = "http://purl.org/linked-data/cube#"
SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#"
TIME = "http://www.w3.org/2006/time#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
WD = "http://www.wikidata.org/entity/"

RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"


def prefixes() -> dict[str, str]:
    """Vocabulary prefixes for Turtle/TriG output (data IRIs are written relative to @base)."""
    return {
        "vg": VG, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS,
        "dcterms": DCTERMS, "prov": PROV, "oa": OA, "org": ORG, "schema": SCHEMA, "eli": ELI,
        "qb": QB, "time": TIME, "foaf": FOAF, "dcat": DCAT, "void": VOID, "wd": WD,
        "doctype": CODE + "document-type/",
    }
