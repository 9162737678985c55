"""Vietnamese calendar dates as news writes them, found in folded text.

Forms: ``ngày 22/12/2024``, ``ngày 22 tháng 12 năm 2024`` (zero-padded or not), ``22-12-2024``,
``9.1.2025``, and dates without a year (``ngày 27/12``, ``ngày 27 tháng 12``). A year must have
four digits (``22/12/24`` is rejected); a day or month that does not exist (``31/02/2024``)
gives no date. The words (``ngày``, ``tháng``, ``năm``) come from ``mappings/issuer_phrases.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from vietgov.extract.symbols import phrase_regex
from vietgov.reading.normalize import fold_text


@dataclass(frozen=True)
class DateMatch:
    """A date phrase in folded text: ``[start, end)``, its parts, and the date if complete."""

    start: int
    end: int
    day: int
    month: int
    year: int | None

    @property
    def value(self) -> date | None:
        """The calendar date, or ``None`` when the year is missing or the day does not exist."""
        if self.year is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    day_word = phrase_regex("date-day")
    month_word = phrase_regex("date-month")
    year_word = phrase_regex("date-year")
    # Numbers must not be glued to other digits or separators (phone numbers, 1.383, 2020-2025).
    edge = r"(?<![\w.,/-])"
    numeric = (
        rf"{edge}(?:(?:{day_word})\s+)?"
        r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})"
        r"(?:(?P=sep)(?P<y>\d+))?(?![\w]|[/.-]\d)"
    )
    worded = (
        rf"{edge}(?:(?:{day_word})\s+)?(?P<d>\d{{1,2}})\s+(?:{month_word})\s+(?P<m>\d{{1,2}})"
        rf"(?:\s*,?\s+(?:{year_word})\s+(?P<y>\d+))?(?![\w])"
    )
    return (re.compile(numeric, re.IGNORECASE), re.compile(worded, re.IGNORECASE))


def _from_match(m: re.Match[str], require_day_word: bool) -> DateMatch | None:
    groups = m.groupdict()
    day, month = int(groups["d"]), int(groups["m"])
    year_text = groups.get("y")
    has_day_word = not m.group(0)[:1].isdigit()
    sep = groups.get("sep")
    if year_text is None:
        # A bare "27/12" is too easily a ratio or a page number: only "ngày 27/12" counts.
        if not has_day_word or (sep is not None and sep != "/"):
            return None
    elif len(year_text) != 4:
        return None
    if require_day_word and not has_day_word:
        return None
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year = int(year_text) if year_text else None
    return DateMatch(m.start(), m.end(), day, month, year)


def match_date(folded: str, pos: int, require_day_word: bool = False) -> DateMatch | None:
    """The date phrase starting exactly at ``pos`` (optionally with ``ngày``), if any."""
    for pattern in _patterns():
        m = pattern.match(folded, pos)
        if m:
            found = _from_match(m, require_day_word)
            if found is not None:
                return found
    return None


def find_dates(folded: str) -> list[DateMatch]:
    """Every date phrase in folded text, in order, without overlaps."""
    hits: list[DateMatch] = []
    for pattern in _patterns():
        for m in pattern.finditer(folded):
            found = _from_match(m, require_day_word=False)
            if found is not None:
                hits.append(found)
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[DateMatch] = []
    for hit in hits:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out


def parse_date(text: str) -> date | None:
    """The date written by a whole phrase (``"ngày 9.1.2025"``), or ``None``."""
    folded = fold_text(text).strip()
    found = match_date(folded, 0)
    if found is None or found.end != len(folded):
        return None
    return found.value

