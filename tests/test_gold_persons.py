"""Persons measured against the gold seeds (``../shared/gold/seeds.jsonl``).

Matching: a predicted person matches a gold person when their names are equal after folding,
case-insensitively; optional gold entries (bylines, photo credits) are neither hits nor false
positives (:func:`tests.gold.score`).

Roles of a matched person are right when
* every gold role phrase (as written, folded, case-insensitive) is one of the role phrases the
  extractor reports for that person (title, body and qualifier as written; a superior body
  written after a comma is not part of the phrase, as in the gold) — extra phrases are printed
  but not counted as wrong, since the gold lists the roles of the richest mention; and
* the person's main organisation (its canonical name) equals the gold ``organisation``, folded
  and case-insensitive, ``None`` only matching ``None``.

Thresholds (task): precision ≥ 0.95, recall ≥ 0.90, roles right for ≥ 0.85 of matched persons.
"""

from __future__ import annotations

from typing import Any

from tests.gold import GoldArticle, Score, add, score
from vietgov.extract.persons import Person
from vietgov.model import Extraction
from vietgov.reading.normalize import fold_text

MIN_PRECISION = 0.95
MIN_RECALL = 0.90
MIN_ROLES_RIGHT = 0.85


def _folded(text: str | None) -> str | None:
    return fold_text(text).lower() if text is not None else None


def _same_name(person: Person, gold: dict[str, Any]) -> bool:
    return _folded(person.name) == _folded(gold["name"])


def _role_problems(person: Person, gold: dict[str, Any]) -> list[str]:
    """What is wrong with a matched person's roles and organisation (empty when right)."""
    ours = {_folded(r.span.text) for r in person.roles}
    problems = [f"missing role {role!r}" for role in gold["roles"] if _folded(role) not in ours]
    if _folded(person.organisation_name) != _folded(gold["organisation"]):
        problems.append(f"organisation {person.organisation_name!r} != {gold['organisation']!r}")
    return problems


def _measure(gold: list[GoldArticle], extractions: dict[str, Extraction]
             ) -> tuple[Score, int, int, list[str]]:
    total = Score(misses=[], wrong=[])
    right = matched = 0
    failures: list[str] = []
    for article in gold:
        found = extractions[article.id]
        result, pairs = score(found.persons, article.entries("persons"), _same_name,
                              lambda p: p.name)
        total = add(total, result)
        for person, entry in pairs:
            matched += 1
            problems = _role_problems(person, entry)
            extra = sorted({r.span.text for r in person.roles}
                           - {r for r in entry["roles"]})
            if problems:
                failures.append(f"{article.id} {person.name}: " + "; ".join(problems))
            else:
                right += 1
            if extra:
                print(f"  note {article.id} {person.name}: extra role phrases {extra}")
        for name in result.wrong or []:
            failures.append(f"{article.id} false positive: {name}")
        for name in result.misses or []:
            failures.append(f"{article.id} missed: {name}")
    return total, right, matched, failures


def test_persons_against_gold(gold: list[GoldArticle], extractions: dict[str, Extraction]
                              ) -> None:
    total, right, matched, failures = _measure(gold, extractions)
    roles_rate = right / matched if matched else 0.0
    print(f"\npersons: {total}")
    print(f"roles right: {right}/{matched} = {roles_rate:.3f}")
    for failure in failures:
        print(f"  FAIL {failure}")
    assert total.precision >= MIN_PRECISION, total
    assert total.recall >= MIN_RECALL, total
    assert roles_rate >= MIN_ROLES_RIGHT, failures


def test_no_person_is_found_in_a_byline(gold: list[GoldArticle],
                                        extractions: dict[str, Extraction]) -> None:
    for article in gold:
        found = extractions[article.id]
        author = found.article.author
        if author is None:
            continue
        for person in found.persons:
            for mention in person.mentions:
                assert not (author.start <= mention.span.start < author.end), (article.id, person)
