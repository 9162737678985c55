"""``vietgov link``: propose links from our organisations and persons to a SPARQL endpoint
(Wikidata by default), as ``candidate`` rows of ``mappings/links.csv`` for a person to review.

The entities come from the built dataset (``dist/vietgov.nt``) or, when it has none, from the
gazetteer. Entities that already have a reviewed link into the endpoint's namespace are not
looked up again; reviewed and rejected rows are never touched (see docs/linking.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from vietgov.linking.link_table import (
    CANDIDATE,
    LINKS_FILE,
    RECONCILIATION,
    REVIEWED,
    Link,
    LinkTable,
    LinkTableError,
    read_table,
    with_candidates,
    write_text,
)
from vietgov.linking.reconcile import (
    DEFAULT_CACHE,
    ORGANISATION,
    PERSON,
    USER_AGENT,
    WIKIDATA,
    WIKIDATA_SPARQL,
    Candidate,
    Endpoint,
    Entity,
    LinkError,
    Profile,
    entities_from_gazetteer,
    entities_from_store,
    is_ambiguous,
    reconcile,
)
from vietgov.paths import DIST
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import DEFAULT_BASE
from vietgov.store import StoreError, dataset_files, open_store

KINDS = {"all": (ORGANISATION, PERSON), "organisations": (ORGANISATION,), "persons": (PERSON,)}


def add_link_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``link`` to the CLI's subcommands."""
    parser = subparsers.add_parser(
        "link",
        help="propose links to Wikidata (or another SPARQL endpoint) for review",
        description=(
            "Look up the organisations and persons of dist/ (or of the gazetteer) at a SPARQL "
            "endpoint and write scored candidate links into the link table for review. "
            "Reviewed rows are never changed; answers are cached. See docs/linking.md."
        ),
    )
    parser.add_argument("--endpoint", metavar="URL", default=WIKIDATA_SPARQL,
                        help=f"SPARQL endpoint ({WIKIDATA_SPARQL})")
    parser.add_argument("--table", type=Path, default=LINKS_FILE, metavar="CSV",
                        help="link table to update (mappings/links.csv)")
    parser.add_argument("--dist", type=Path, default=DIST, help="built dataset (dist/)")
    parser.add_argument("--from", dest="source", choices=("auto", "dataset", "gazetteer"),
                        default="auto",
                        help="where the entities come from (auto: dist/, else the gazetteer)")
    parser.add_argument("--kind", choices=tuple(KINDS), default="all", help="entities (all)")
    parser.add_argument("--base-iri", default=DEFAULT_BASE, help="base IRI of the data")
    parser.add_argument("--interval", type=float, default=1.0, metavar="S",
                        help="seconds between two requests (1)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S",
                        help="seconds to wait for an answer (60)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                        help="answer cache (.cache/link)")
    parser.add_argument("--no-cache", dest="cache", action="store_const", const=None,
                        help="neither read nor write the cache")
    parser.add_argument("--user-agent", default=USER_AGENT, help="User-Agent header")
    parser.add_argument("--limit", type=int, metavar="N", help="look up at most N entities")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the candidates, leave the table as it is")
    parser.set_defaults(run=run_link)
    return parser


def run_link(args: argparse.Namespace) -> int:
    """Reconcile and update the link table; 0 on success, 1 on any failure."""
    try:
        if args.interval < 0 or args.timeout <= 0:
            raise LinkError("--interval must be >= 0 and --timeout > 0")
        iris = Iris(args.base_iri)
        table = read_table(args.table)
        entities = select_entities(args, iris, table, WIKIDATA)
        endpoint = Endpoint(args.endpoint, user_agent=args.user_agent,
                            min_interval=args.interval, cache_dir=args.cache,
                            timeout=args.timeout)
        found = reconcile(entities, endpoint)
        today = date.today().isoformat()
        rows = candidate_rows(found, iris, table, args.endpoint, today)
        text = with_candidates(table, rows, {subject_of(iri, iris) for iri in found})
        ambiguous = sum(1 for cands in found.values() for c in cands if is_ambiguous(c))
        print(f"{len(entities)} entities looked up at {args.endpoint}: {endpoint.requests} "
              f"requests, {endpoint.cache_hits} answers from the cache")
        print(f"{len(rows)} candidates for {sum(1 for c in found.values() if c)} entities "
              f"({ambiguous} ambiguous)")
        if args.dry_run:
            sys.stdout.writelines(f"  {r.subject} {r.target} {r.score} {r.note}\n" for r in rows)
        elif write_text(args.table, text):
            print(f"candidates written to {args.table}")
        else:
            print(f"{args.table} unchanged")
    except (LinkError, LinkTableError, StoreError, ValueError) as exc:
        print(f"vietgov link: {exc}", file=sys.stderr)
        return 1
    return 0


def select_entities(args: argparse.Namespace, iris: Iris, table: LinkTable,
                    profile: Profile) -> list[Entity]:
    """The entities to look up: from dist/ or the gazetteer, minus those already reviewed."""
    kinds = KINDS[args.kind]
    entities: list[Entity] = []
    if args.source in ("auto", "dataset"):
        try:
            store = open_store(dataset_files(args.dist))
            entities = entities_from_store(store, iris, kinds)
            why = f"{args.dist} has no organisations or persons"
        except StoreError as exc:
            if args.source == "dataset":
                raise
            why = str(exc)
        if not entities and args.source == "auto":
            print(f"{why}: using the gazetteer", file=sys.stderr)
    if args.source == "gazetteer" or (args.source == "auto" and not entities):
        entities = entities_from_gazetteer(iris) if ORGANISATION in kinds else []
    done = {link.subject_iri(iris.base) for link in table.links
            if link.status == REVIEWED and link.target.startswith(profile.namespace)}
    entities = [e for e in entities if e.iri not in done]
    return entities[: args.limit] if args.limit is not None else entities


def subject_of(iri: str, iris: Iris) -> str:
    """How the table names an entity: its path after the base IRI, or the IRI itself."""
    return iri[len(iris.base):] if iri.startswith(iris.base) else iri


def candidate_rows(found: dict[str, list[Candidate]], iris: Iris, table: LinkTable,
                   endpoint: str, today: str) -> list[Link]:
    """Table rows for the candidates; a row identical to an existing one keeps its date, so a
    re-run with the same answers leaves the file as it was."""
    previous = {link.key: link for link in table.with_status(CANDIDATE)}
    rows = []
    for subject_iri in sorted(found):
        for cand in found[subject_iri]:
            row = Link(subject=subject_of(subject_iri, iris), predicate="owl:sameAs",
                       target=cand.target, target_label=cand.label, status=CANDIDATE,
                       method=RECONCILIATION, score=f"{cand.score / 100:.2f}", date=today,
                       source=f"vietgov link against {endpoint}", note=cand.note)
            old = previous.get(row.key)
            if old is not None and replace(old, date=today) == row:
                row = old
            rows.append(row)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vietgov.linking.cli …``."""
    parser = argparse.ArgumentParser(prog="vietgov")
    add_link_parser(parser.add_subparsers(required=True))
    return run_link(parser.parse_args(["link", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
