"""The main job end to end: dist/ is complete, deterministic, free of blank nodes, atomic."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, RdfFormat, parse

from vietgov.paths import CORPUS, ROOT
from vietgov.pipeline import BuildFailed, BuildOptions, build
from vietgov.publish.dist import staged_output

OUTPUTS = ("vietgov.ttl", "vietgov.nt", "vietgov.trig", "vietgov.jsonld", "context.jsonld",
           "shacl-report.ttl", "summary.json", "catalog.ttl", "void.ttl", "ontology.ttl",
           "ontology.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist") / "dist"
    build(BuildOptions(CORPUS, out))
    return out


def test_build_writes_every_output(built: Path) -> None:
    for name in OUTPUTS:
        assert (built / name).is_file(), name
    assert (built / "vietgov.nt").stat().st_size > 0


def test_turtle_ntriples_and_trig_hold_the_same_triples(built: Path) -> None:
    nt = {q.triple for q in parse(path=str(built / "vietgov.nt"), format=RdfFormat.N_TRIPLES)}
    ttl = {q.triple for q in parse(path=str(built / "vietgov.ttl"), format=RdfFormat.TURTLE)}
    trig = {q.triple for q in parse(path=str(built / "vietgov.trig"), format=RdfFormat.TRIG)}
    assert nt == ttl == trig
    assert len(nt) > 100


def test_ntriples_are_sorted_and_have_no_blank_nodes(built: Path) -> None:
    lines = (built / "vietgov.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines))
    for path, fmt in (("vietgov.nt", RdfFormat.N_TRIPLES), ("vietgov.trig", RdfFormat.TRIG)):
        for item in parse(path=str(built / path), format=fmt):
            assert not isinstance(item.subject, BlankNode)
            assert not isinstance(item.object, BlankNode)


def test_same_input_gives_byte_identical_output(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(BuildOptions(CORPUS, again))
    for name in OUTPUTS:
        assert (again / name).read_bytes() == (built / name).read_bytes(), name


def test_every_fact_in_an_article_graph_has_a_provenance_node(built: Path) -> None:
    from pyoxigraph import Store

    store = Store()
    store.bulk_load(path=str(built / "vietgov.trig"), format=RdfFormat.TRIG)
    unjustified = list(store.query("""
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX vg: <https://w3id.org/vietgov/ontology#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?s ?p ?o WHERE {
          GRAPH ?g { ?s ?p ?o }
          ?g a vg:NewsArticle .
          FILTER(?s != ?g)
          FILTER NOT EXISTS { ?s a vg:Mention }
          FILTER NOT EXISTS { ?s a rdf:Statement }
          FILTER NOT EXISTS { ?m oa:hasTarget ?s }
          FILTER NOT EXISTS { ?t oa:hasSelector ?s }
          FILTER NOT EXISTS { GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                         prov:wasDerivedFrom ?m } }
        } LIMIT 5
    """, use_default_graph_as_union=True))
    assert unjustified == [], unjustified
    assert store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True)


def test_bad_articles_are_reported_and_the_rest_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin.txt").write_bytes("Tiêu chí\nmôn thi".encode("cp1252"))
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    nfd_text = unicodedata.normalize("NFD", (CORPUS / "001.txt").read_text(encoding="utf-8"))
    (corpus / "nfd.txt").write_text(nfd_text, encoding="utf-8")
    summary = build(BuildOptions(corpus, tmp_path / "dist"))
    assert summary.articles_found == 9
    assert summary.articles_read == 6
    joined = "\n".join(summary.errors)
    for name, words in (("empty.txt", "empty"), ("latin.txt", "not UTF-8"),
                        ("image.txt", "binary")):
        assert name in joined and words in joined
    nfd = next(a for a in summary.articles if a.file == "nfd.txt")
    twin = next(a for a in summary.articles if a.file == "001.txt")
    assert any("NFC" in w for w in nfd.warnings)
    assert nfd.counts == twin.counts


def test_failed_build_leaves_previous_output_intact(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(built, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus = tmp_path / "broken"
    corpus.mkdir()
    (corpus / "only.txt").write_bytes(b"")
    with pytest.raises(BuildFailed):
        build(BuildOptions(corpus, out))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dist")] == []


def test_staged_output_discards_the_staging_folder_on_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("previous")
    with pytest.raises(RuntimeError), staged_output(out) as staging:
        (staging / "half.txt").write_text("half-written")
        raise RuntimeError("disk full")
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_build_py_and_cli_help() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"],
                          capture_output=True, text=True, check=True)
    for option in ("--corpus", "--out", "--base-iri"):
        assert option in done.stdout
    done = subprocess.run([sys.executable, "-m", "vietgov.cli", "build", "--help"],
                          capture_output=True, text=True, check=True)
    assert "--corpus" in done.stdout


def test_build_cli_reports_a_missing_corpus_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--corpus",
                           str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "nowhere" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_dated_article_publishes_its_date_with_the_dateline_as_provenance(
    tmp_path: Path,
) -> None:
    from pyoxigraph import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dated.txt").write_text(
        "Hội nghị tổng kết công tác của một cơ quan trung ương\nThứ hai, 21/07/2025 10:30\n\n"
        "Bộ Chính trị ban hành Nghị quyết số 80-NQ/TW ngày 20/7/2025 về một nội dung mới.\n",
        encoding="utf-8")
    out = tmp_path / "dist"
    build(BuildOptions(corpus, out))
    store = Store()
    store.bulk_load(path=str(out / "vietgov.nt"), format=RdfFormat.N_TRIPLES)
    rows = list(store.query("""
        PREFIX vg: <https://w3id.org/vietgov/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?date ?quote WHERE {
          ?a a vg:NewsArticle ; vg:datePublished ?date .
          ?st rdf:subject ?a ; rdf:predicate vg:datePublished ; prov:wasDerivedFrom ?m .
          ?m oa:hasTarget/oa:hasSelector/oa:exact ?quote }"""))
    assert [(r["date"].value, r["quote"].value) for r in rows] == [("2025-07-21", "21/07/2025")]
