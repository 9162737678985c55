"""The link table ``mappings/links.csv``: links from our entities to other datasets, each row
saying how it was established.

One row per line (CSV, UTF-8, header = :data:`COLUMNS`)::

    subject      our IRI after the base (``org/quoc-hoi``) or an absolute IRI
    predicate    owl:sameAs | skos:exactMatch | skos:closeMatch
    target       the other dataset's IRI (``http://www.wikidata.org/entity/Q…``)
    target_label the target's label as the reviewer (or the reconciler) saw it
    status       reviewed | candidate | rejected
    method       reviewed-by-person (reviewed, rejected) | reconciliation (candidate)
    score        the reconciler's score, 0-1 (candidates; kept when a person reviews one)
    reviewer     who reviewed the row (reviewed, rejected)
    date         when it was reviewed, or when the reconciler proposed it (YYYY-MM-DD)
    source       where the link comes from: the evidence a reviewer checked, or the endpoint
    note         free text (the reconciler's breakdown of the score, ambiguity)

Only ``reviewed`` rows are published (:mod:`vietgov.linking.publish`). ``vietgov link`` rewrites
only candidate rows: every other line stays byte for byte as it was.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vietgov.paths import MAPPINGS
from vietgov.rdf.namespaces import OWL, SKOS

LINKS_FILE = MAPPINGS / "links.csv"
COLUMNS = ("subject", "predicate", "target", "target_label", "status", "method", "score",
           "reviewer", "date", "source", "note")
PREDICATES = {
    "owl:sameAs": OWL + "sameAs",
    "skos:exactMatch": SKOS + "exactMatch",
    "skos:closeMatch": SKOS + "closeMatch",
}
REVIEWED, CANDIDATE, REJECTED = "reviewed", "candidate", "rejected"
BY_PERSON, RECONCILIATION = "reviewed-by-person", "reconciliation"
_METHOD = {REVIEWED: BY_PERSON, REJECTED: BY_PERSON, CANDIDATE: RECONCILIATION}
_RELATIVE = re.compile(r"^[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)*$")
_ABSOLUTE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class LinkTableError(ValueError):
    """The link table is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Link:
    """One row of the link table (every field as written)."""

    subject: str
    predicate: str
    target: str
    target_label: str = ""
    status: str = CANDIDATE
    method: str = RECONCILIATION
    score: str = ""
    reviewer: str = ""
    date: str = ""
    source: str = ""
    note: str = ""
    line: int = field(default=0, compare=False)

    @property
    def predicate_iri(self) -> str:
        return PREDICATES[self.predicate]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.target)

    def subject_iri(self, base: str) -> str:
        """The subject as an IRI under the data base IRI (absolute subjects stay as they are)."""
        return self.subject if _ABSOLUTE.match(self.subject) else base + self.subject

    def as_row(self) -> list[str]:
        return [getattr(self, name) for name in COLUMNS]


@dataclass
class LinkTable:
    """The rows of a link table with the exact text of each line."""

    path: Path
    header: str = ",".join(COLUMNS) + "\n"
    lines: list[tuple[str, Link | None]] = field(default_factory=list)  # (raw line, row)

    @property
    def links(self) -> list[Link]:
        return [link for _, link in self.lines if link is not None]

    def with_status(self, status: str) -> list[Link]:
        return [link for link in self.links if link.status == status]


def read_table(path: Path = LINKS_FILE) -> LinkTable:
    """Read and check a link table; a missing file is an empty table."""
    table = LinkTable(path)
    if not path.exists():
        return table
    text = path.read_text(encoding="utf-8")
    raw = text.splitlines(keepends=True)
    if not raw:
        return table
    header = _parse_line(raw[0], path, 1)
    if tuple(header) != COLUMNS:
        raise LinkTableError(f"{path}:1: header must be {','.join(COLUMNS)}")
    table.header = raw[0]
    seen: dict[tuple[str, str, str], int] = {}
    for number, line in enumerate(raw[1:], 2):
        if not line.strip():
            table.lines.append((line, None))
            continue
        values = _parse_line(line, path, number)
        if len(values) != len(COLUMNS):
            raise LinkTableError(f"{path}:{number}: {len(values)} fields, expected {len(COLUMNS)}")
        link = Link(*values, line=number)
        check_link(link, f"{path}:{number}")
        if link.key in seen:
            raise LinkTableError(f"{path}:{number}: same link as line {seen[link.key]}")
        seen[link.key] = number
        table.lines.append((line, link))
    return table


def _parse_line(line: str, path: Path, number: int) -> list[str]:
    rows = list(csv.reader(io.StringIO(line)))
    if len(rows) != 1:
        raise LinkTableError(f"{path}:{number}: a row must be one line (no line breaks in fields)")
    return rows[0]


def check_link(link: Link, where: str) -> None:
    """Raise :class:`LinkTableError` unless the row is complete for its status."""

    def fail(why: str) -> LinkTableError:
        return LinkTableError(f"{where}: {why}")

    if not (_RELATIVE.match(link.subject) or _ABSOLUTE.match(link.subject)):
        raise fail(f"subject {link.subject!r} is neither a path like org/quoc-hoi nor an IRI")
    if link.predicate not in PREDICATES:
        raise fail(f"predicate must be one of {', '.join(PREDICATES)}, not {link.predicate!r}")
    if not _ABSOLUTE.match(link.target):
        raise fail(f"target {link.target!r} is not an absolute http(s) IRI")
    if link.status not in _METHOD:
        raise fail(f"status must be {REVIEWED}, {CANDIDATE} or {REJECTED}, not {link.status!r}")
    if link.method != _METHOD[link.status]:
        raise fail(f"a {link.status} row has method {_METHOD[link.status]}, not {link.method!r}")
    if not link.source.strip():
        raise fail("source is empty: say where the link comes from")
    if link.date and not _valid_date(link.date):
        raise fail(f"date {link.date!r} is not YYYY-MM-DD")
    if link.score and not _valid_score(link.score):
        raise fail(f"score {link.score!r} is not a number from 0 to 1")
    if link.status in (REVIEWED, REJECTED) and not (link.reviewer.strip() and link.date):
        raise fail(f"a {link.status} row needs reviewer and date")
    if link.status == CANDIDATE and not link.score:
        raise fail("a candidate row needs its score")


def _valid_date(text: str) -> bool:
    try:
        return bool(_DATE.match(text)) and date.fromisoformat(text) is not None
    except ValueError:
        return False


def _valid_score(text: str) -> bool:
    try:
        return 0.0 <= float(text) <= 1.0
    except ValueError:
        return False


def format_row(link: Link) -> str:
    """One CSV line (``\\n``-terminated) for a row."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(link.as_row())
    return out.getvalue()


def with_candidates(table: LinkTable, candidates: Iterable[Link],
                    replaced_subjects: Iterable[str]) -> str:
    """The table's text with new candidate rows.

    Reviewed and rejected rows, and candidates of subjects not in ``replaced_subjects``, keep
    their line exactly; candidates of ``replaced_subjects`` are dropped and the new ones are
    appended, except those whose (subject, predicate, target) another row already holds
    (a link that was reviewed or rejected is never proposed again).
    """
    replaced = set(replaced_subjects)
    kept: list[str] = [table.header]
    held: set[tuple[str, str, str]] = set()
    for line, link in table.lines:
        if link is not None and link.status == CANDIDATE and link.subject in replaced:
            continue
        kept.append(line)
        if link is not None:
            held.add(link.key)
    if kept and not kept[-1].endswith("\n"):
        kept[-1] += "\n"
    for candidate in candidates:
        if candidate.status != CANDIDATE:
            raise ValueError(f"not a candidate: {candidate}")
        if candidate.key in held:
            continue
        check_link(candidate, "new candidate")
        held.add(candidate.key)
        kept.append(format_row(candidate))
    return "".join(kept)


def write_text(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically; ``False`` (nothing written) when unchanged."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
