"""Figures against the gold annotations of the sample articles (precision ≥ 0.90, recall ≥ 0.75).

A predicted figure matches a gold entry when their spans overlap, the values (and the upper
bounds of ranges) are equal, and the subjects are the same organisation name (folded, case
does not matter; both ``None`` counts as equal). Optional gold entries (numbers written as
words, anniversaries, borderline counts) only need overlap and value: a prediction matching one
is neither a hit nor a false positive.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.gold import GoldArticle, Score, add, score
from vietgov.extract.figures import Figure
from vietgov.model import Extraction
from vietgov.reading.normalize import fold_text


def _name(name: str | None) -> str | None:
    return fold_text(name).casefold() if name else None


def _number(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _matches(pred: Figure, gold: dict[str, Any]) -> bool:
    if not (pred.span.start < gold["end"] and gold["start"] < pred.span.end):
        return False
    if pred.value != _number(gold["value"]):
        return False
    if gold.get("value_max") is not None and pred.value_max != _number(gold["value_max"]):
        return False
    return bool(gold.get("optional")) or _name(pred.subject) == _name(gold["subject"])


def _describe(pred: Figure) -> str:
    rng = f"-{pred.value_max}" if pred.value_max is not None else ""
    return f"{pred.span.text!r} {pred.value}{rng} {pred.unit} subject={pred.subject!r}"


def test_figures_against_gold(gold: list[GoldArticle],
                              extractions: dict[str, Extraction]) -> None:
    total = Score(misses=[], wrong=[])
    unit_agree = unit_pairs = 0
    for article in gold:
        found = extractions[article.id]
        part, pairs = score(found.figures, article.entries("figures"), _matches, _describe)
        print(f"{article.id} figures: {part}")
        total = add(total, part)
        for pred, entry in pairs:
            unit_pairs += 1
            unit_agree += pred.unit.casefold() == fold_text(entry["unit"]).casefold()
    print(f"ALL figures (value and subject): {total}")
    print(f"units agree with gold on {unit_agree}/{unit_pairs} matched figures")
    assert total.precision >= 0.90, total
    assert total.recall >= 0.75, total
