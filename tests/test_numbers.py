"""Vietnamese number parsing: numerals as printed, ranges, scale words, comparators, words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vietgov.extract.numbers import (
    Quantity,
    comparator_after,
    find_quantities,
    parse_number_words,
    parse_numeral,
    scale_factor,
)
from vietgov.reading.normalize import fold_text


@pytest.mark.parametrize(("token", "value"), [
    ("1.126", Decimal(1126)),  # dot groups thousands
    ("2.018", Decimal(2018)),
    ("1.000.000", Decimal(1000000)),
    ("41,5", Decimal("41.5")),  # comma is the decimal mark
    ("30,8", Decimal("30.8")),
    ("1.126,25", Decimal("1126.25")),
    ("0,5", Decimal("0.5")),
    ("07", Decimal(7)),  # zero-padded small counts
    ("01", Decimal(1)),
    ("12.5", Decimal("12.5")),  # one or two digits after a dot: an English-style decimal
    ("2025", Decimal(2025)),
])
def test_parse_numeral(token: str, value: Decimal) -> None:
    assert parse_numeral(token) == value


@pytest.mark.parametrize("token", ["", "abc", "1.12.3", "1,2,3", "1.1234", "-5", "5%"])
def test_parse_numeral_rejects_what_is_not_a_numeral(token: str) -> None:
    with pytest.raises(ValueError):
        parse_numeral(token)


def quantities(text: str) -> list[Quantity]:
    return list(find_quantities(fold_text(text)))


def test_counts_in_a_sentence_keep_their_offsets() -> None:
    text = "Năm qua, chi bộ kết nạp 1.250 đảng viên và 08 quần chúng ưu tú."
    found = quantities(text)
    assert [q.value for q in found] == [Decimal(1250), Decimal(8)]
    assert [text[q.start:q.end] for q in found] == ["1.250", "08"]
    assert not any(q.percent or q.comparator or q.value_max for q in found)


def test_percent_sign_and_words() -> None:
    found = quantities("Tỷ lệ giải ngân đạt 97,5%, tăng 3 % so với năm trước, bằng 40 phần trăm"
                       " kế hoạch.")
    assert [(q.value, q.percent) for q in found] == [
        (Decimal("97.5"), True), (Decimal(3), True), (Decimal(40), True)]


@pytest.mark.parametrize(("text", "code", "value"), [
    ("có hơn 200 cán bộ tham dự", ">", Decimal(200)),
    ("khoảng 12% doanh nghiệp", "~", Decimal(12)),
    ("gần 40 đơn vị", "~", Decimal(40)),
    ("ít nhất 3 cuộc kiểm tra", ">=", Decimal(3)),
    ("tối đa 15 người", "<=", Decimal(15)),
    ("dưới 5% hồ sơ", "<", Decimal(5)),
    ("Trên 90% đảng viên", ">", Decimal(90)),
])
def test_comparators_before_the_number(text: str, code: str, value: Decimal) -> None:
    (q,) = quantities(text)
    assert (q.comparator, q.value) == (code, value)
    assert fold_text(text)[q.start:q.number_start].strip().lower() in {
        "hơn", "khoảng", "gần", "ít nhất", "tối đa", "dưới", "trên"}


def test_comparator_after_the_unit() -> None:
    text = fold_text("đạt 7% trở lên vào cuối năm")
    (q,) = find_quantities(text)
    assert comparator_after(text, q.end) == (">=", text.index("trở lên") + len("trở lên"))
    assert comparator_after(text, 0) is None
    text = fold_text("nhóm 3 người trở xuống")
    assert comparator_after(text, text.index(" trở"))[0] == "<="


@pytest.mark.parametrize(("text", "low", "high"), [
    ("tăng 6,5 - 7%", Decimal("6.5"), Decimal(7)),
    ("tăng 6,5–7%", Decimal("6.5"), Decimal(7)),  # en dash, folded to "-"
    ("từ 4 đến 6 đoàn công tác", Decimal(4), Decimal(6)),
    ("9% - 10%", Decimal(9), Decimal(10)),
])
def test_ranges(text: str, low: Decimal, high: Decimal) -> None:
    (q,) = quantities(text)
    assert (q.value, q.value_max) == (low, high)


def test_a_pair_that_does_not_grow_is_not_a_range() -> None:
    assert all(q.value_max is None for q in quantities("bảng 7 - 3 ở cuối trang"))


@pytest.mark.parametrize("text", [
    "ngày 15/3/2024",  # dates
    "Quyết định số 1234/QĐ-BCT",  # document symbols
    "Nghị quyết 18-NQ/TW",
    "Nghị định 96/2022/NĐ-CP",
    "Nghị quyết 66.7-NQ/TW",
    "dịch Covid-19",
    "quý II/2025",
])
def test_dates_and_symbols_are_not_quantities(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("2,5 triệu đồng", Decimal(2500000)),
    ("3 tỷ USD", Decimal(3000000000)),
    ("1,2 nghìn tỷ đồng", Decimal(1200000000000)),
    ("15 ngàn người", Decimal(15000)),
])
def test_scale_words(text: str, value: Decimal) -> None:
    (q,) = quantities(text)
    assert q.value == value


@pytest.mark.parametrize(("words", "value"), [
    ("không", 0),
    ("bốn", 4),
    ("mười", 10),
    ("mười lăm", 15),
    ("hai mươi", 20),
    ("hai mươi mốt", 21),
    ("bốn mươi tư", 44),
    ("năm trăm", 500),
    ("một trăm linh năm", 105),
    ("một trăm lẻ tám", 108),
    ("ba nghìn hai trăm", 3200),
    ("hai nghìn không trăm hai mươi lăm", 2025),
    ("một triệu", 1000000),
    ("ba mươi nghìn tỷ", 30000000000000),
    ("Sáu", 6),
])
def test_number_words(words: str, value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize("words", ["", "mươi", "hai ba", "một mười", "xin chào", "linh"])
def test_not_number_words(words: str) -> None:
    assert parse_number_words(words) is None


@pytest.mark.parametrize(("text", "value", "total"), [
    ("được 452/470 đại biểu tán thành", Decimal(452), Decimal(470)),
    ("đạt 19/19 tiêu chí", Decimal(19), Decimal(19)),
    ("có 1.180/1.250 hộ", Decimal(1180), Decimal(1250)),
])
def test_a_fraction_is_a_part_of_a_whole(text: str, value: Decimal, total: Decimal) -> None:
    (q,) = quantities(text)
    assert (q.value, q.total, q.value_max, q.percent) == (value, total, None, False)
    assert text[q.start:q.end] == text.split()[1]


@pytest.mark.parametrize("text", [
    "họp ngày 1/10 tại Hà Nội",  # day and month: a whole of twelve or less
    "từ 15/10 đến nay",  # day and month: the part is larger
    "số liệu 3/2025 cho thấy",  # month and year
    "năm học 2024/2025",  # two years
    "thông báo 12/5/2024",  # a full date
    "giải 5/năm",  # a period after a count: not a rate
])
def test_what_only_looks_like_a_fraction_is_not_one(text: str) -> None:
    assert all(q.total is None for q in quantities(text))
    assert not any(q.value in (Decimal(1), Decimal(15), Decimal(3), Decimal(2024), Decimal(12),
                               Decimal(5)) for q in quantities(text))


@pytest.mark.parametrize(("text", "low", "high", "per"), [
    ("tăng bình quân 7,5%/năm", Decimal("7.5"), None, "năm"),
    ("đạt 9-10%/năm", Decimal(9), Decimal(10), "năm"),
    ("lãi 0,5%/tháng", Decimal("0.5"), None, "tháng"),
    ("đạt 12%.", Decimal(12), None, None),
])
def test_a_rate_per_period(text: str, low: Decimal, high: Decimal | None, per: str | None) -> None:
    (q,) = quantities(text)
    assert (q.value, q.value_max, q.percent, q.per) == (low, high, True, per)


@pytest.mark.parametrize(("unit", "factor"), [
    ("tỷ đồng", Decimal(10) ** 9),
    ("triệu người", Decimal(10) ** 6),
    ("nghìn tỷ đồng", Decimal(10) ** 12),
    ("đảng viên", Decimal(1)),
    ("", Decimal(1)),
])
def test_scale_factor_of_a_unit_that_keeps_its_scale_word(unit: str, factor: Decimal) -> None:
    assert scale_factor(unit) == factor
