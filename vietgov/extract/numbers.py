"""Vietnamese numbers: numerals as printed, number words, ranges, scale words and comparators.

Vietnamese prose writes thousands with ``.`` and decimals with ``,`` (``2.350`` = 2350,
``12,5`` = 12.5), zero-pads small counts (``07``), writes ranges with a dash or *đến*
(``6,5 - 7%``), multiplies by scale words (``1,5 triệu``), qualifies numbers with
comparators (*hơn*, *khoảng*, *gần* before; *trở lên* after), writes a part of a whole as a
fraction (``441/445`` deputies: 441 of 445) and a yearly rate with the period after the percent
sign (``6,9%/năm``). The words live in ``mappings/figure_units.yaml``; this module only knows the
digits and punctuation.

All functions work on folded text (:mod:`vietgov.reading.normalize`), so dashes are ``-``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from vietgov.mappings import load_yaml
from vietgov.reading.normalize import fold_text

# A numeral as printed: dotted thousands (2.350, 2.350,5), a dot with one or two decimals
# written the English way (8.5), or plain digits with an optional decimal comma (07, 12,5).
_NUMERAL = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?!\d)|\d+(?:,\d+)?"
# Not part of a longer token: a date (27/12), a symbol (57-NQ/TW, Covid-19), a decimal.
_BEFORE = r"(?<![\w.,/-])"
_AFTER = r"(?![\w/]|[.,]\d|-\s?[^\W\d_])"


@dataclass(frozen=True)
class Quantity:
    """A number found in text; ``start``/``end`` cover comparator, number, range, scale and %."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None = None
    comparator: str | None = None  # ">=", ">", "<=", "<", "~" (a word before the number)
    percent: bool = False
    number_start: int = 0  # where the first numeral starts (after any comparator word)
    total: Decimal | None = None  # the whole of a fraction: 445 of "441/445"
    per: str | None = None  # the period word of a rate ("năm" of "6,9%/năm"), folded lower case


def parse_numeral(token: str) -> Decimal:
    """Value of one printed numeral: ``"2.350"`` → 2350, ``"12,5"`` → 12.5, ``"07"`` → 7.

    Raises :class:`ValueError` for anything that is not a numeral.
    """
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return Decimal(token.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", token):
        return Decimal(token)
    if re.fullmatch(r"\d+(?:,\d+)?", token):
        return Decimal(token.replace(",", "."))
    raise ValueError(f"not a Vietnamese numeral: {token!r}")


@cache
def _words() -> dict[str, tuple[str, int]]:
    """Number words and scale words: folded lower-case text → (kind, value)."""
    kinds = {"digit", "ten", "tens", "hundred", "filler", "scale"}
    return {fold_text(row["text"]).lower(): (row["kind"], int(row["value"]))
            for row in load_yaml("figure_units.yaml") if row["kind"] in kinds}


@cache
def _per_words() -> tuple[str, ...]:
    """Period words written after a percent sign ("%/năm"), longest first."""
    found = {fold_text(str(row["per"])).lower() for row in load_yaml("figure_units.yaml")
             if row["kind"] == "percent" and row.get("per")}
    return tuple(sorted(found, key=len, reverse=True))


def scale_factor(text: str) -> Decimal:
    """The product of the scale words that open ``text``: ``"tỷ đồng"`` → 10⁹, ``"triệu
    người"`` → 10⁶, ``"đảng viên"`` → 1 (how a unit that keeps its scale word compares with a
    value that is already multiplied)."""
    factor = Decimal(1)
    for word in fold_text(text).lower().split():
        kind, value = _words().get(word, ("", 0))
        if kind != "scale":
            break
        factor *= value
    return factor


@cache
def _comparators(position: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = {fold_text(row["text"]).lower(): row["code"] for row in load_yaml("figure_units.yaml")
             if row["kind"] == "comparator" and row["position"] == position}
    alternatives = "|".join(map(re.escape, sorted(table, key=len, reverse=True)))
    if position == "before":
        pattern = re.compile(rf"(?<!\w)({alternatives})\s+$", re.IGNORECASE)
    else:
        pattern = re.compile(rf"\s*({alternatives})(?!\w)", re.IGNORECASE)
    return pattern, table


def parse_number_words(text: str) -> int | None:
    """Value of a number written in words (``"hai mươi lăm"`` → 25), or ``None``.

    Handles mười/mươi, trăm, linh/lẻ, nghìn/ngàn, triệu, tỷ and compound scales
    (``"ba mươi nghìn tỷ"``). Ambiguous words (*năm* is also "year", *một* also "a") are
    the caller's concern: this only says what the words would mean as a number.
    """
    words = _words()
    tokens = fold_text(text).lower().split()
    if not tokens:
        return None
    total = group = 0
    digit: int | None = None
    seen_number = False
    for token in tokens:
        if token not in words:
            return None
        kind, value = words[token]
        if kind == "digit":
            if digit is not None:
                return None
            digit = value
        elif kind == "ten":
            if digit is not None or group % 100 >= 10:
                return None
            group += 10
        elif kind == "tens":
            if digit is None or digit < 2:
                return None
            group += digit * 10
            digit = None
        elif kind == "hundred":
            group += (1 if digit is None else digit) * 100
            digit = None
        elif kind == "filler":
            continue
        else:  # scale
            group += digit or 0
            digit = None
            if group == 0 and total:
                total *= value  # "nghìn tỷ"
            else:
                total += (group or 1) * value
            group = 0
        seen_number = True
    if not seen_number:
        return None
    return total + group + (digit or 0)


@cache
def _quantity_pattern() -> re.Pattern[str]:
    scales = "|".join(map(re.escape, sorted(
        (w for w, (kind, _) in _words().items() if kind == "scale"), key=len, reverse=True)))
    per = "|".join(map(re.escape, _per_words())) or r"(?!)"
    return re.compile(
        rf"{_BEFORE}(?P<a>{_NUMERAL})(?:/(?P<of>{_NUMERAL}))?(?P<pa>\s?%)?"
        rf"(?:(?:\s*-\s*|\s+(?:đến|tới)\s+)(?P<b>{_NUMERAL}))?"
        rf"(?P<scale>(?:\s+(?:{scales}))+(?!\w))?"
        rf"(?P<pct>\s?%|\s+phần\s+trăm(?!\w))?(?:/(?P<per>{per})(?!\w))?{_AFTER}",
        re.IGNORECASE,
    )


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every numeral of ``text`` with its range, scale, percent sign and comparator word.

    Numerals inside dates, document symbols and decimals of other numerals are not reported.
    A range is two numerals joined by ``-`` or *đến*/*tới*, the second one larger:
    ``6,5 - 7%`` gives 6.5 … 7. A fraction ``441/445`` is the value 441 with the total 445;
    one that could be a date (``1/10``: a whole of twelve or less, ``5/2025``: a year) is not
    read. A period word after a percent sign (``%/năm``) is the rate's ``per``.
    """
    before, table = _comparators("before")
    for m in _quantity_pattern().finditer(text):
        value = parse_numeral(m.group("a"))
        value_max = parse_numeral(m.group("b")) if m.group("b") else None
        total = parse_numeral(m.group("of")) if m.group("of") else None
        if value_max is not None and value_max <= value:
            continue  # "5-3" or "21-21": not a range that can be read
        if m.group("pa") and value_max is not None and not m.group("pct"):
            continue  # "8% - 10" names two different things
        if total is not None and (_date_like(m.group("a"), m.group("of")) or total < value
                                  or value_max is not None or m.group("pa") or m.group("pct")):
            continue  # "27/12", "5/2025", "8/5": a date or not a part of a whole
        per = m.group("per").lower() if m.group("per") else None
        if per is not None and not (m.group("pct") or m.group("pa")):
            continue  # "/năm" after a count: a date or a symbol, not a rate
        if m.group("scale"):
            factor = Decimal(1)
            for word in m.group("scale").split():
                factor *= _words()[word.lower()][1]
            value *= factor
            value_max = value_max * factor if value_max is not None else None
        start = m.start()
        comparator = None
        if (c := before.search(text, max(0, start - 20), start)) is not None:
            comparator = table[c.group(1).lower()]
            start = c.start()
        yield Quantity(start, m.end(), _normal(value),
                       _normal(value_max) if value_max is not None else None, comparator,
                       bool(m.group("pct") or m.group("pa")), m.start(),
                       _normal(total) if total is not None else None, per)


def _date_like(part: str, whole: str) -> bool:
    """Whether ``part/whole`` may be a day and month or a month and year."""
    if not whole.isdigit():
        return False
    return int(whole) <= 12 or (len(whole) == 4 and whole[:2] in ("19", "20"))


def comparator_after(text: str, pos: int) -> tuple[str, int] | None:
    """A comparator written right after ``pos`` (*trở lên*): its code and where it ends."""
    pattern, table = _comparators("after")
    m = pattern.match(text, pos)
    if m is None:
        return None
    return table[m.group(1).lower()], m.end()


def _normal(value: Decimal) -> Decimal:
    """Drop trailing zeros of the fraction (``7`` not ``7.0``, ``12.5`` not ``12.50``)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral() else value
