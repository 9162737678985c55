"""Vietnamese dates as news writes them (vietgov.extract.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from vietgov.extract.dates import find_dates, match_date, parse_date
from vietgov.reading.normalize import fold_text


@pytest.mark.parametrize(("text", "expected"), [
    ("ngày 22/12/2024", date(2024, 12, 22)),
    ("Ngày 3/2/2021", date(2021, 2, 3)),
    ("ngày 22 tháng 12 năm 2024", date(2024, 12, 22)),
    ("ngày 07 tháng 01 năm 2025", date(2025, 1, 7)),
    ("ngày 4 tháng 5, năm 2025", date(2025, 5, 4)),
    ("22-12-2024", date(2024, 12, 22)),
    ("ngày 11-11-2025", date(2025, 11, 11)),
    ("9.1.2025", date(2025, 1, 9)),
    ("ngày 8.3.2022", date(2022, 3, 8)),
    ("ngày\u00a015/5/2016", date(2016, 5, 15)),  # no-break space
    ("29/02/2024", date(2024, 2, 29)),  # leap day
])
def test_dates_are_read(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "31/02/2024",  # no such day
    "ngày 30 tháng 2 năm 2023",
    "29/02/2023",  # not a leap year
    "ngày 32/1/2024",
    "ngày 12/13/2024",
    "22/12/24",  # two-digit year
    "ngày 5 tháng 6 năm 21",
    "22/12-2024",  # mixed separators
    "ngày 1/1/20245",
])
def test_impossible_or_short_year_dates_give_nothing(text: str) -> None:
    assert parse_date(text) is None


def test_two_digit_year_is_not_read_as_a_date_without_year() -> None:
    folded = fold_text("ngày 22/12/24")
    assert match_date(folded, 0) is None
    assert find_dates(folded) == []


def test_date_without_year_keeps_day_and_month_but_no_date() -> None:
    for text in ("ngày 27/12", "ngày 27 tháng 12"):
        found = match_date(fold_text(text), 0)
        assert found is not None
        assert (found.day, found.month, found.year) == (27, 12, None)
        assert found.value is None
        assert parse_date(text) is None


def test_bare_day_and_month_is_not_a_date() -> None:
    """"27/12" alone could be a ratio or a page; only "ngày 27/12" is a date."""
    assert match_date(fold_text("27/12 tổ chức"), 0) is None
    assert find_dates(fold_text("đạt 5/10 chỉ tiêu")) == []


def test_day_word_can_be_required() -> None:
    assert match_date(fold_text("22/12/2024"), 0, require_day_word=True) is None
    assert match_date(fold_text("ngày 22/12/2024"), 0, require_day_word=True) is not None


@pytest.mark.parametrize("text", [
    "tăng 1.383 người",  # Vietnamese thousands
    "nhiệm kỳ 2020-2025",
    "gọi 024-3825-1234",
    "số máy 0912.345.678",
    "thực hiện Điều 19",
    "dịch COVID-19 năm 2021",
    "đạt 30,8%",
])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(fold_text(text)) == []


def test_find_dates_gives_offsets_into_folded_text() -> None:
    text = "Từ ngày 05/3/2021 đến ngày 9 tháng 4 năm 2022, rồi 1.2.2023."
    folded = fold_text(text)
    found = find_dates(folded)
    assert [f.value for f in found] == [date(2021, 3, 5), date(2022, 4, 9), date(2023, 2, 1)]
    assert folded[found[0].start:found[0].end] == "ngày 05/3/2021"
    assert folded[found[1].start:found[1].end] == "ngày 9 tháng 4 năm 2022"
    assert folded[found[2].start:found[2].end] == "1.2.2023"


def test_match_date_is_anchored() -> None:
    folded = fold_text("vào ngày 1/6/2020")
    assert match_date(folded, 0) is None
    hit = match_date(folded, folded.index("ngày"))
    assert hit is not None and hit.value == date(2020, 6, 1)
