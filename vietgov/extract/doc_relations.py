"""Cue words that link two cited documents (``mappings/document_relations.yaml``).

The extractor decides *where* a cue may link two citations (``title``: inside the subject of
one citation; ``lead``: opening the sentence whose subject issues the other; ``trail``: right
after a citation, "A, thay thế B" / "A sửa đổi B"; ``purpose``: after "nhằm" following a
citation, "ban hành A nhằm cụ thể hóa B"); this module only answers "does this stretch of folded
text end with a cue, and which relation does it state?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vietgov.mappings import load_yaml
from vietgov.reading.normalize import fold_text

RELATIONS = ("implements", "guides", "amends", "replaces", "summarises", "cites")


@dataclass(frozen=True)
class Cue:
    """One cue row: the regex of its words, the relation, and where it may apply."""

    pattern: str
    relation: str
    where: frozenset[str]
    applies_to: frozenset[str]


@dataclass(frozen=True)
class CueMatch:
    """A cue found at the end of a stretch of text: relation and the cue's offsets in it."""

    relation: str
    start: int
    end: int


def _words(phrase: str) -> str:
    """Regex of a folded phrase: any run of spaces between words, optional spaces at commas."""
    return r"\s*,\s*".join(r"\s+".join(map(re.escape, part.split()))
                            for part in fold_text(phrase).split(","))


@cache
def cues() -> tuple[Cue, ...]:
    """Relation cues, longest first; rows with ``applies_to`` before general ones."""
    out: list[tuple[int, Cue]] = []
    for row in load_yaml("document_relations.yaml"):
        if row.get("role"):
            continue  # fillers and purpose links are no cues
        relation = row["relation"]
        if relation not in RELATIONS:
            raise ValueError(f"document_relations.yaml: unknown relation {relation!r}")
        body = row["pattern"] if "pattern" in row else _words(row["cue"])
        weight = len(row.get("pattern") or row.get("cue") or "")
        out.append((weight, Cue(body, relation, frozenset(row["where"]),
                                frozenset(row.get("applies_to") or ()))))
    out.sort(key=lambda wc: (not wc[1].applies_to, -wc[0]))
    return tuple(c for _, c in out)


@cache
def cue_regex(where: str) -> str:
    """An alternation of the cue words allowed at ``where`` (for finding where a cue starts)."""
    return "(?:" + "|".join(c.pattern for c in cues() if where in c.where) + r")(?!\w)"


@cache
def purpose_link_regex() -> str:
    """The words that open a purpose clause after a citation ("nhằm")."""
    words = sorted((fold_text(r["cue"]) for r in load_yaml("document_relations.yaml")
                    if r.get("role") == "purpose-link"), key=len, reverse=True)
    return "(?:" + "|".join(_words(w) for w in words) + r")(?!\w)"


@cache
def _filler() -> str:
    words = [fold_text(r["cue"]) for r in load_yaml("document_relations.yaml")
             if r.get("role") == "filler"]
    words.sort(key=len, reverse=True)
    return "(?:" + "|".join(_words(w) for w in words) + ")"


@cache
def _compiled(cue: Cue, whole: bool) -> re.Pattern[str]:
    head = r"^\s*" if whole else r"(?<!\w)"
    return re.compile(rf"{head}(?P<cue>{cue.pattern})(?:\s+{_filler()})*\s*$", re.IGNORECASE)


def match_cue(text: str, where: str, source_type: str | None,
              whole: bool = False) -> CueMatch | None:
    """The relation stated by a cue that ends ``text`` (the words right before a citation).

    ``where`` is ``title``, ``lead``, ``trail`` or ``purpose``; ``source_type`` is the type id
    of the document the relation starts from (rows with ``applies_to`` need it); ``whole`` asks
    that the cue be all of ``text`` (apart from spaces and filler words).
    """
    best: CueMatch | None = None
    for cue in cues():
        if where not in cue.where:
            continue
        if cue.applies_to and source_type not in cue.applies_to:
            continue
        m = _compiled(cue, whole).search(text)
        if m is None:
            continue
        found = CueMatch(cue.relation, m.start("cue"), m.end("cue"))
        if cue.applies_to:
            return found
        if best is None or found.start < best.start:
            best = found
    return best
