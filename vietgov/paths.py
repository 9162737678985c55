"""Where the project's declarative parts live: a checkout holds the package beside them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAPPINGS = ROOT / "mappings"
ONTOLOGY = ROOT / "ontology"
SHAPES = ROOT / "shapes"
SPARQL = ROOT / "sparql"
CORPUS = ROOT / "corpus"
DIST = ROOT / "dist"
