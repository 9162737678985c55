"""Events against the gold annotations: precision and recall of type and date.

A prediction matches a gold event when one of its mentions overlaps the gold mention, its type
is the gold type and its date is the gold date (both absent, or equal). Optional gold entries
(ongoing campaigns, series of congresses, plural undated meetings) are neither hits nor false
positives. Run with ``pytest -s`` to see the figures and the failing cases.
"""

from __future__ import annotations

from typing import Any

from tests.gold import GoldArticle, Score, add, score
from vietgov.extract.events import EventMention
from vietgov.model import Extraction
from vietgov.reading.normalize import fold_text

MIN_PRECISION = 0.85
MIN_RECALL = 0.80


def _matches(event: EventMention, gold: dict[str, Any]) -> bool:
    overlaps = any(m.start < gold["end"] and gold["start"] < m.end for m in event.mentions)
    date = event.date.value if event.date else None
    return overlaps and event.label_vi == fold_text(gold["type"]) and date == gold["date"]


def _describe(event: EventMention) -> str:
    date = event.date.value if event.date else None
    return f"{event.label_vi} {event.span.text[:70]!r} date={date}"


def test_events_type_and_date(gold: list[GoldArticle], extractions: dict[str, Extraction]) -> None:
    total = Score(misses=[], wrong=[])
    for article in gold:
        found = extractions[article.id]
        part, _ = score(found.events, article.entries("events"), _matches, _describe)
        print(f"\n{article.id} events: {part}")
        total = add(total, part)
    print(f"\nall events (type and date): P={total.precision:.3f} R={total.recall:.3f} "
          f"tp={total.tp} fp={total.fp} fn={total.fn}")
    print(f"false positives: {total.wrong}\nmissed: {total.misses}")
    assert total.precision >= MIN_PRECISION, f"precision {total.precision:.3f}: {total.wrong}"
    assert total.recall >= MIN_RECALL, f"recall {total.recall:.3f}: {total.misses}"
