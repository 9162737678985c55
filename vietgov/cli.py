"""The ``vietgov`` command: ``vietgov build``, ``vietgov extract`` and the store tools."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from vietgov import __version__
from vietgov.linking.cli import add_link_parser
from vietgov.load import add_load_parser
from vietgov.paths import CORPUS, DIST
from vietgov.query import add_query_parser
from vietgov.rdf.namespaces import DEFAULT_BASE
from vietgov.serve import add_serve_parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vietgov",
        description="Publish Vietnamese Party and State affairs as linked data: official "
                    "documents, bodies, people, events and figures read from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"vietgov {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    add_build_parser(sub)
    add_extract_parser(sub)
    add_query_parser(sub)
    add_load_parser(sub)
    add_serve_parser(sub)
    add_link_parser(sub)
    return parser


def add_build_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build", help="build the knowledge graph (dist/) from a corpus of articles",
        description="Read every .txt article under --corpus, extract the facts, map them to "
                    "RDF with provenance, validate with SHACL (shapes/) and write --out "
                    "atomically: vietgov.ttl, vietgov.nt, vietgov.trig, vietgov.jsonld "
                    "(+ context.jsonld), catalog.ttl (DCAT), void.ttl, ontology.ttl, "
                    "ontology.html, shacl-report.ttl, summary.json. Unreadable articles are "
                    "reported and left out; a SHACL violation fails the build and leaves the "
                    "previous output intact.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    add_build_arguments(p)
    p.set_defaults(run=run_build)


def add_build_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", type=Path, default=CORPUS, help="folder of UTF-8 .txt articles")
    p.add_argument("--out", type=Path, default=DIST, help="output folder")
    p.add_argument("--base-iri", default=DEFAULT_BASE, help="base IRI of the data")
    p.add_argument("--strict", action="store_true",
                   help="fail (exit 1) when any article cannot be read")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, only the summary")


def run_build(args: argparse.Namespace) -> int:
    from vietgov.pipeline import BuildFailed, BuildOptions, build
    from vietgov.publish.summary import format_summary

    progress = None if args.quiet else _progress_printer()
    try:
        summary = build(BuildOptions(args.corpus, args.out, args.base_iri, progress))
    except BuildFailed as err:
        print(f"vietgov build: {err}", file=sys.stderr)
        return 1
    except FileNotFoundError as err:
        print(f"vietgov build: {err}", file=sys.stderr)
        return 1
    print(format_summary(summary))
    if summary.errors and args.strict:
        return 1
    return 0


def add_extract_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract", help="print what is found in articles as JSON (no RDF)",
        description="Read the given articles and print, for each, its title, byline and "
                    "outlet and the organisations, documents, persons, events, figures and "
                    "structure relations found, with the exact spans (code-point offsets into "
                    "the file as stored), plus the facts left out as unsure. Output: a JSON "
                    "array, or one JSON object per line with --jsonl.",
    )
    p.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE",
                   help="UTF-8 .txt article files")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per line")
    p.add_argument("--only", choices=["organisations", "documents", "persons", "events",
                                      "figures", "relations"], action="append",
                   help="keep only these kinds (repeatable)")
    p.set_defaults(run=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    from vietgov.export import KINDS, extraction_data
    from vietgov.extract import extract
    from vietgov.reading.articles import ArticleError, read_article

    failed = 0
    results = []
    for path in args.articles:
        try:
            found = extract(read_article(path))
        except ArticleError as err:
            print(f"vietgov extract: {err}", file=sys.stderr)
            failed += 1
            continue
        except OSError as err:
            print(f"vietgov extract: {path}: cannot read: {err.strerror or err}",
                  file=sys.stderr)
            failed += 1
            continue
        data = extraction_data(found)
        if args.only:
            data = {k: v for k, v in data.items() if k not in KINDS or k in args.only}
        results.append(data)
        if args.jsonl:
            print(json.dumps(data, ensure_ascii=False, sort_keys=True))
    if not args.jsonl:
        print(dump_json(results))
    return 1 if failed else 0


def _progress_printer(interval: float = 1.0):
    """Print progress lines to stderr, at most one per ``interval`` seconds (and the last)."""
    last = [0.0]

    def show(message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= interval or not message.startswith("["):
            last[0] = now
            print(message, file=sys.stderr, flush=True)

    return show


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)


if __name__ == "__main__":
    raise SystemExit(main())
