"""When an event happens, as news writes it: the time phrase that opens a sentence.

Reports open with the time of the event: ``Ngày 21/7/2025, …``, ``Chiều 27/12, …``,
``(TTXVN) Sáng 5/3/2024, …``, ``Tháng 7/2024, …``, or a relative ``Sáng nay, …`` that gives no
date at all. Calendar dates are read with :mod:`vietgov.extract.dates`; this module adds the
part-of-day words (``Sáng``, ``Chiều`` …, from ``mappings/event_types.yaml``; the words
``tháng``/``năm`` come from ``mappings/issuer_phrases.yaml`` as in :mod:`dates`) before a date
without a year, a day and month joined by a dash after ``Ngày`` or a part of day (``Ngày 10-7, …``),
month-only times, and the ``(03/02/1930 - 03/02/2024)`` range that follows an anniversary.

It never guesses a missing year: :func:`year_by_publication` gives a day without a year the year
of the article's dateline (shared/reference/vn-document-citations.md §5), the only source the
text offers besides the event's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from vietgov.extract.dates import find_dates, match_date
from vietgov.extract.symbols import phrase_regex
from vietgov.mappings import load_yaml
from vietgov.reading.normalize import fold_text


@dataclass(frozen=True)
class EventTime:
    """A time phrase in folded text ``[start, end)``: a day, or a month when ``day`` is None."""

    start: int
    end: int
    year: int | None
    month: int | None = None
    day: int | None = None
    relative: bool = False  # "Sáng nay", "hôm qua": a time the text does not date

    def iso(self, year: int | None = None) -> str | None:
        """ISO form (``2024-07-04`` or ``2024-07``) with ``year`` filling a missing one."""
        year = self.year or year
        if self.relative or year is None or self.month is None:
            return None
        if self.day is None:
            return f"{year:04d}-{self.month:02d}"
        try:
            return date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def _words(role: str) -> list[str]:
    rows = [r for r in load_yaml("event_types.yaml") if r.get("cue") == role]
    return sorted((fold_text(w) for r in rows for w in r["words"]), key=len, reverse=True)


def _alternation(role: str) -> str:
    return "|".join(re.escape(w) for w in _words(role))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    flags = re.IGNORECASE
    place = r"(?P<place>[^\W\d_][\w.]*(?:[ ]+[^\W\d_][\w.]*){0,3})"
    return {
        # a dispatch mark such as "(TTXVN)", maybe after the place it was sent from
        "mark": re.compile(rf"\s*(?:{place}[ ]*)?\([^()\n]{{1,30}}\)\s*(?:-\s*)?"),
        # an outlet or place and a dash ("Hà Nội - ", "<Outlet> Online - ")
        "dash": re.compile(rf"\s*{place}[ ]+-[ ]+"),
        "lead": re.compile(rf"\s*(?P<pod>(?:{_alternation('part-of-day')})\s+)?", flags),
        "after-pod": re.compile(
            rf"(?:{_alternation('relative-after-part-of-day')})(?!\w)", flags),
        "relative": re.compile(rf"(?:{_alternation('relative-day')})(?!\w)", flags),
        "bare": re.compile(rf"(?P<day>(?:{phrase_regex('date-day')})\s+)?(?P<d>\d{{1,2}})"
                          r"(?P<sep>[/-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}))?(?![\w/-])",
                          flags),
        "month": re.compile(rf"(?:{phrase_regex('date-month')})\s+(?P<m>\d{{1,2}})"
                            rf"(?:/|\s+(?:{phrase_regex('date-year')})\s+)(?P<y>\d{{4}})(?!\d)",
                            flags),
    }


def opening_time(folded: str, sentence_start: int) -> EventTime | None:
    """The time phrase that opens the sentence at ``sentence_start``, followed by a comma."""
    p = _patterns()
    m = p["lead"].match(folded, _after_dispatch(folded, sentence_start))
    if m is None:
        return None
    pos, pod = m.end(), m.group("pod")
    start = m.start("pod") if pod else pos
    found: EventTime | None = None
    rel = (p["after-pod"].match(folded, pos) if pod else None) or p["relative"].match(folded, pos)
    if rel:
        found = EventTime(start, rel.end(), None, relative=True)
    elif (hit := match_date(folded, pos)) is not None:
        found = EventTime(start, hit.end, hit.year, hit.month, hit.day)
    elif (b := p["bare"].match(folded, pos)) and (pod or b.group("day")):
        year = int(b.group("y")) if b.group("y") else None
        found = EventTime(start, b.end(), year, int(b.group("m")), int(b.group("d")))
    elif not pod and (mm := p["month"].match(folded, pos)):
        found = EventTime(start, mm.end(), int(mm.group("y")), int(mm.group("m")))
    if found is None or (found.month is not None and not 1 <= found.month <= 12):
        return None
    if found.day is not None and not 1 <= found.day <= 31:
        return None
    return found if folded[found.end:found.end + 3].lstrip().startswith(",") else None


def _after_dispatch(folded: str, pos: int) -> int:
    """Where a report begins after its dispatch line head (``Hà Nội (TTXVN) - ``), if any; the
    place or outlet before the mark or dash must be capitalised words."""
    for key in ("mark", "dash"):
        m = _patterns()[key].match(folded, pos)
        if m and all(w[:1].isupper() for w in (m.group("place") or "").split()):
            return m.end()
    return pos


def anniversary_day(folded: str, start: int, end: int, years: int) -> tuple[date, int, int] | None:
    """The anniversary day in a ``(founding date - anniversary date)`` pair inside ``[start, end)``.

    The pair counts only when the second date falls ``years`` years after the first, so the
    text itself confirms which day is meant. Returns the date and its folded offsets.
    """
    dates = [d for d in find_dates(folded[start:end]) if d.value is not None]
    if len(dates) != 2:
        return None
    first, second = dates
    if second.year is None or first.year is None or second.year - first.year != years:
        return None
    value = second.value
    return (value, start + second.start, start + second.end) if value else None


# A yearless day later than the dateline by the calendar of the dateline's year is read in the
# year before only when it falls this close before the dateline ("Ngày 28/12" in an article of
# 5 January): about two months.
NEAR_YEAR_END = timedelta(days=62)


def year_by_publication(when: EventTime, published: date) -> int | None:
    """The year a day (or month) without a year takes from the article's dateline.

    The day falls in the dateline's year unless that puts it after the publication; then it
    falls in the year before, but only when that is at most :data:`NEAR_YEAR_END` before the
    publication; otherwise there is no sure year (``None``). A month counts from its first day.
    """
    if when.relative or when.year is not None or when.month is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            day = date(year, when.month, when.day or 1)
        except ValueError:
            return None  # 29/2 in a year without it, or a day the month lacks
        if day <= published:
            return year if year == published.year or published - day <= NEAR_YEAR_END else None
    return None
