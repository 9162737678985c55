"""Ontology documentation: pyLODE's HTML names every vg: class, the merged ontology.ttl holds
exactly the triples of ontology/*.ttl, nothing is fetched, and two runs give the same bytes."""

from __future__ import annotations

import html
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from vietgov.paths import ONTOLOGY, ROOT
from vietgov.publish.ontology_docs import merged_ontology, write_ontology_docs
from vietgov.rdf.namespaces import VG


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    with pytest.MonkeyPatch.context() as patch:  # no network while generating
        def refuse(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("network access attempted")

        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "create_connection", refuse)
        path = write_ontology_docs(out)
    assert path == out / "ontology.html"
    return out


def _vg_classes() -> dict[URIRef, list[Literal]]:
    graph = Graph()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return {c: sorted(graph.objects(c, RDFS.label), key=str)
            for c in set(graph.subjects(RDF.type, OWL.Class))
            if isinstance(c, URIRef) and str(c).startswith(VG)}


def test_html_names_every_vg_class_with_its_labels(docs: Path) -> None:
    page = html.unescape((docs / "ontology.html").read_text(encoding="utf-8"))
    classes = _vg_classes()
    assert len(classes) >= 5
    for cls, labels in classes.items():
        local = str(cls)[len(VG):]
        assert f'id="{local}"' in page, local  # anchor: ontology.html#<local name>
        assert str(cls) in page
        assert labels, f"{local} has no rdfs:label"
        for label in labels:
            assert str(label) in page, (local, str(label))


def test_html_is_a_complete_page(docs: Path) -> None:
    page = (docs / "ontology.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    assert "<title>" in page and "vietgov ontology" in page
    assert 'src="http' not in page  # nothing to load from elsewhere


def test_ontology_ttl_is_the_merged_ontology(docs: Path) -> None:
    published = Graph().parse(docs / "ontology.ttl", format="turtle")
    assert isomorphic(published, merged_ontology())
    text = (docs / "ontology.ttl").read_text(encoding="utf-8")
    assert "@prefix vg: <https://w3id.org/vietgov/ontology#> ." in text
    assert "@base" not in text
    subjects = [str(q.subject) for q in parse(path=str(docs / "ontology.ttl"),
                                              format=RdfFormat.TURTLE)]
    assert subjects == sorted(subjects)


def test_generation_leaves_the_root_logger_alone(docs: Path, tmp_path: Path) -> None:
    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    write_ontology_docs(tmp_path)
    assert (root.level, list(root.handlers)) == before


def test_two_runs_give_byte_identical_files(docs: Path, tmp_path: Path) -> None:
    """Run in fresh interpreters with different hash seeds: set and dict orders differ."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c",
                        "import sys; from pathlib import Path; "
                        "from vietgov.publish.ontology_docs import write_ontology_docs; "
                        "write_ontology_docs(Path(sys.argv[1]))", str(out)],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        outputs.append(out)
    for name in ("ontology.html", "ontology.ttl"):
        first, second = (o / name for o in outputs)
        assert first.read_bytes() == second.read_bytes(), name
        assert first.read_bytes() == (docs / name).read_bytes(), name
