"""Organisations against the hand-made gold (shared/gold/seeds.jsonl): precision and recall.

A prediction is one distinct organisation (key) per article. Its names are its canonical full
name and the surface forms it was written with in the article; it matches a gold entry whose
``name`` or one of whose ``aliases`` equals one of them, case-insensitively after folding.
Canonical names are matched first, surface forms second. A prediction matching an optional
entry is neither a hit nor a false positive (``tests.gold.score``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.gold import GoldArticle, Score, add, score
from vietgov.gazetteer import name_key
from vietgov.model import Extraction

PRECISION_MIN = 0.90
RECALL_MIN = 0.85
NOT_ORGANISATIONS = ("Đảng", "Nhà nước", "Lãnh đạo Bộ")  # gold README, "Organisations"


@dataclass(frozen=True)
class Predicted:
    key: str
    name: str
    surfaces: frozenset[str]


def predictions(found: Extraction) -> list[Predicted]:
    by_key: dict[str, tuple[str, set[str]]] = {}
    for m in found.organisations:
        by_key.setdefault(m.key, (m.name, set()))[1].add(name_key(m.span.text))
    return [Predicted(k, name, frozenset(s)) for k, (name, s) in by_key.items()]


def gold_names(entry: dict[str, Any]) -> set[str]:
    return {name_key(n) for n in (entry["name"], *(entry.get("aliases") or ()))}


def assign(preds: list[Predicted], gold: list[dict[str, Any]]) -> dict[str, int]:
    """Prediction key → index of its gold entry: by canonical name first, then by surface."""
    used: set[int] = set()
    out: dict[str, int] = {}
    for by_surface in (False, True):
        for p in preds:
            if p.key in out:
                continue
            names = p.surfaces if by_surface else {name_key(p.name)}
            hit = next((i for i, g in enumerate(gold)
                        if i not in used and names & gold_names(g)), None)
            if hit is not None:
                used.add(hit)
                out[p.key] = hit
    return out


def score_article(found: Extraction, g: GoldArticle) -> Score:
    preds = predictions(found)
    gold = g.entries("organisations")
    chosen = assign(preds, gold)
    result, _ = score(preds, gold, lambda p, e: chosen.get(p.key) == gold.index(e),
                      describe=lambda p: f"{g.id}: {p.name} {sorted(p.surfaces)}")
    result.misses = [f"{g.id}: {m}" for m in result.misses or []]
    return result


def test_organisations_against_gold(gold: list[GoldArticle],
                                    extractions: dict[str, Extraction]) -> None:
    total = Score(misses=[], wrong=[])
    for g in gold:
        part = score_article(extractions[g.id], g)
        print(f"\norganisations {g.id}: P={part.precision:.3f} R={part.recall:.3f} "
              f"tp={part.tp} fp={part.fp} fn={part.fn}")
        total = add(total, part)
    print(f"\norganisations (all): P={total.precision:.3f} R={total.recall:.3f} "
          f"tp={total.tp} fp={total.fp} fn={total.fn}")
    print("  false positives:", *(total.wrong or []), sep="\n    ")
    print("  misses:", *(total.misses or []), sep="\n    ")
    assert total.precision >= PRECISION_MIN, str(total)
    assert total.recall >= RECALL_MIN, str(total)


def test_generic_words_are_not_organisations(gold: list[GoldArticle],
                                             extractions: dict[str, Extraction]) -> None:
    banned = {name_key(w) for w in NOT_ORGANISATIONS}
    for g in gold:
        assert not banned & {name_key(e["name"]) for e in g.entries("organisations")}
        for p in predictions(extractions[g.id]):
            assert name_key(p.name) not in banned, (g.id, p)
            assert not p.surfaces & banned, (g.id, p)
