"""Load ``../shared/gold/seeds.jsonl`` and score predictions against it (precision/recall).

Following the gold README: recall counts only required entries; a prediction that matches an
optional entry is neither a hit nor a false positive.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from vietgov.paths import ROOT

GOLD_FILE = ROOT.parent / "shared" / "gold" / "seeds.jsonl"

P = TypeVar("P")


@dataclass(frozen=True)
class GoldArticle:
    id: str
    seed_file: str
    record: dict[str, Any]

    def entries(self, kind: str) -> list[dict[str, Any]]:
        return list(self.record[kind])


def load_gold(path: Path = GOLD_FILE) -> list[GoldArticle]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [GoldArticle(r["id"], r["seed_file"], r) for r in rows]


@dataclass
class Score:
    """Counts for one kind of fact; ``misses``/``wrong`` keep examples for failure messages."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] | None = None
    wrong: list[str] | None = None

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def __str__(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} (tp={self.tp} fp={self.fp} "
                f"fn={self.fn}) wrong={self.wrong} missed={self.misses}")


def score(
    predictions: Sequence[P],
    gold: Iterable[dict[str, Any]],
    matches: Callable[[P, dict[str, Any]], bool],
    describe: Callable[[P], str] = repr,
) -> tuple[Score, list[tuple[P, dict[str, Any]]]]:
    """Greedy one-to-one matching; returns the score and the matched (prediction, gold) pairs."""
    result = Score(misses=[], wrong=[])
    gold_list = list(gold)
    used: set[int] = set()
    pairs: list[tuple[P, dict[str, Any]]] = []
    for pred in predictions:
        hit = next((i for i, g in enumerate(gold_list) if i not in used and matches(pred, g)), None)
        if hit is None:
            result.fp += 1
            result.wrong.append(describe(pred))
            continue
        used.add(hit)
        if not gold_list[hit].get("optional"):
            result.tp += 1
            pairs.append((pred, gold_list[hit]))
    for i, g in enumerate(gold_list):
        if i not in used and not g.get("optional"):
            result.fn += 1
            result.misses.append(g.get("mention") or g.get("name") or g.get("identifier"))
    return result, pairs


def add(total: Score, part: Score) -> Score:
    """Sum two scores (for corpus-level figures)."""
    return Score(total.tp + part.tp, total.fp + part.fp, total.fn + part.fn,
                 (total.misses or []) + (part.misses or []),
                 (total.wrong or []) + (part.wrong or []))
