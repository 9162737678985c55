"""Figures against the gold annotations of the sample articles (precision ≥ 0.90, recall ≥ 0.75).

A predicted figure matches a gold entry when their spans overlap, the values (and the upper
bounds of ranges) are equal, and the subjects are the same organisation name (folded, case
does not matter; both ``None`` counts as equal). Optional gold entries (numbers written as
words, anniversaries, borderline counts) only need overlap and value: a prediction matching one
is neither a hit nor a false positive.

Two conventions differ between the gold and the extractor, and the matcher translates them:

* Territories. The gold's ``subject`` is null for a figure about a territory (a province's GRDP,
  the nation's number of communes) as for a national growth target; the extractor publishes
  such a figure with the territory as its subject (``Figure.province``, or ``Figure.national``
  for Viet Nam) and no organisation (``Figure.subject`` is ``None``). So a prediction whose
  subject is a territory counts as subject ``None``.
* Scale words. The gold keeps a scale word in the unit ("26.300 tỷ đồng": value 26300, unit
  "tỷ đồng"); the extractor multiplies it out (value 26300000000000, unit "đồng"). The gold
  value is multiplied by the scale words that open its unit before comparing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.gold import GoldArticle, Score, add, score
from vietgov.extract.figures import Figure
from vietgov.extract.numbers import scale_factor
from vietgov.model import Extraction, Span
from vietgov.reading.normalize import fold_text


def _name(name: str | None) -> str | None:
    return fold_text(name).casefold() if name else None


def _number(value: Any, unit: str | None = None) -> Decimal | None:
    """A gold value as the extractor states it: times the scale words of its unit."""
    if value is None:
        return None
    return Decimal(str(value)) * scale_factor(unit or "")


def _subject(pred: Figure) -> str | None:
    """The organisation of a prediction; ``None`` for a territory (province or nation), as
    the gold writes it."""
    return None if pred.province is not None or pred.national else _name(pred.subject)


def _matches(pred: Figure, gold: dict[str, Any]) -> bool:
    if not (pred.span.start < gold["end"] and gold["start"] < pred.span.end):
        return False
    if pred.value != _number(gold["value"], gold.get("unit")):
        return False
    if gold.get("value_max") is not None and \
            pred.value_max != _number(gold["value_max"], gold.get("unit")):
        return False
    return bool(gold.get("optional")) or _subject(pred) == _name(gold["subject"])


def _describe(pred: Figure) -> str:
    rng = f"-{pred.value_max}" if pred.value_max is not None else ""
    subject = pred.subject or (f"province:{pred.province}" if pred.province else
                               "nation" if pred.national else None)
    return f"{pred.span.text!r} {pred.value}{rng} {pred.unit} subject={subject!r}"


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
            unit = fold_text(entry["unit"]).casefold()
            scale = scale_factor(unit)
            unit_agree += pred.unit.casefold() in (unit, unit.split(" ", 1)[-1] if scale != 1
                                                   else unit)
    print(f"ALL figures (value and subject): {total}")
    print(f"units agree with gold on {unit_agree}/{unit_pairs} matched figures")
    assert total.precision >= 0.90, total
    assert total.recall >= 0.75, total


def _figure(**fields: Any) -> Figure:
    text = fields.pop("text")
    return Figure(span=Span(10, 10 + len(text), text), unit_ids=("x",), measure="m",
                  measure_id="m", **fields)


def test_the_matcher_reads_territories_and_scale_words_as_the_gold_does() -> None:
    gold = {"start": 5, "end": 30, "value": 26.3, "value_max": None, "unit": "nghìn tỷ đồng",
            "subject": None, "optional": False}
    province = _figure(text="26,3 nghìn tỷ đồng", value=Decimal("26.3") * 10 ** 12,
                       unit="đồng", province="gia-lai")
    assert _matches(province, gold)
    nation = _figure(text="26,3 nghìn tỷ đồng", value=Decimal("26.3") * 10 ** 12, unit="đồng",
                     national=True)
    assert _matches(nation, gold)
    body = _figure(text="26,3 nghìn tỷ đồng", value=Decimal("26.3") * 10 ** 12, unit="đồng",
                   subject="Bộ Tài chính", subject_key="bo-tai-chinh")
    assert not _matches(body, gold)  # an organisation is not a territory
    unscaled = _figure(text="26,3 nghìn tỷ đồng", value=Decimal("26.3"), unit="đồng",
                       province="gia-lai")
    assert not _matches(unscaled, gold)

