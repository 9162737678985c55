"""Title, byline and outlet of an article, where the article itself states them.

Rules: the title is the first line of four or more words that is not a link; the byline is the
last line before any page furniture ("Xem thêm") when it is short and name-like, optionally
with "(nguồn: <outlet>)"; the outlet is that source or a known agency's dispatch mark such as
"(TTXVN)" opening a paragraph; the publication date is a dateline — a line near the top or
the bottom that holds nothing but a full date, optionally with a weekday, a time, a time zone
or a word such as "Cập nhật" (``mappings/datelines.yaml``). A date inside a sentence is never
taken for the publication date.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from vietgov.extract.dates import match_date
from vietgov.mappings import load_yaml
from vietgov.model import Article, Span

_LINE = re.compile(r"[^\n]+")
_SOURCE_SUFFIX = re.compile(r"\s*\((?:nguồn|theo)\s*:\s*([^()]+?)\s*\)\s*$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][\w'.-]*$")


@cache
def _outlets() -> dict[str, str]:
    """Dispatch marks and names of known outlets, folded to lower case → canonical name."""
    table: dict[str, str] = {}
    for row in load_yaml("outlets.yaml"):
        for form in [row["name"], *row.get("marks", [])]:
            table[form.lower()] = row["name"]
    return table


@cache
def _furniture() -> frozenset[str]:
    return frozenset(row["text"].lower() for row in load_yaml("page_furniture.yaml"))


def read_metadata(article: Article) -> dict[str, Any]:
    """Fields of :class:`Article` found in its text: ``title``, ``author``, ``outlet``."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(article.folded)
             if m.group().strip()]
    found: dict[str, Any] = {}
    title = next((ln for ln in lines if _is_title(article.folded[ln[0]:ln[1]])), None)
    if title:
        found["title"] = _trimmed(article, *title)
    byline = _byline(article, lines)
    if byline:
        start, end = byline
        line = article.folded[start:end]
        source = _SOURCE_SUFFIX.search(line)
        if source:
            outlet_start = start + source.start(1)
            found["outlet"] = article.span(outlet_start, outlet_start + len(source.group(1)))
            end = start + source.start()
        found["author"] = _trimmed(article, start, end)
    if "outlet" not in found:
        dispatch = _dispatch_mark(article, lines)
        if dispatch:
            found["outlet"] = dispatch
    dateline = _dateline(article, lines)
    if dateline:
        found["published"], found["published_span"] = dateline
    return found


@cache
def _dateline_pattern() -> re.Pattern[str]:
    rows = load_yaml("datelines.yaml")
    words = sorted((r["text"] for r in rows if r["role"] in ("weekday", "label")),
                   key=len, reverse=True)
    word = "|".join(map(re.escape, words))
    return re.compile(rf"\s*(?:(?:{word})\s*[,:]?\s*)*(?P<date>\S.*?)"
                      r"(?:\s*[,-]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?"
                      r"(?:\s*\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}\)?)?\s*$", re.IGNORECASE)


def _dateline(article: Article, lines: list[tuple[int, int]]) -> tuple[date, Span] | None:
    """A line that is only a date, among the first six or the last four lines."""
    pattern = _dateline_pattern()
    for start, end in [*lines[:6], *lines[-4:]]:
        m = pattern.fullmatch(article.folded, start, end)
        if not m:
            continue
        found = match_date(article.folded, m.start("date"))
        if found and found.end == m.end("date") and found.value:
            return found.value, article.span(found.start, found.end)
    return None


def _is_title(line: str) -> bool:
    return len(line.split()) >= 4 and not line.lstrip().startswith(("http://", "https://"))


def _byline(article: Article, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    furniture = _furniture()
    for start, end in reversed(lines):
        text = article.folded[start:end].strip()
        if text.lower() in furniture:
            continue
        name = _SOURCE_SUFFIX.sub("", text)
        words = name.split()
        if 1 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words):
            return start, end
        return None
    return None


def _dispatch_mark(article: Article, lines: list[tuple[int, int]]) -> Span | None:
    outlets = _outlets()
    for start, _end in lines:
        m = re.match(r"\s*\(([^()]{2,40})\)", article.folded[start:])
        if m and m.group(1).strip().lower() in outlets:
            return article.span(start + m.start(1), start + m.end(1))
    return None


def _trimmed(article: Article, start: int, end: int) -> Span:
    text = article.folded[start:end]
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return article.span(start + lead, end - trail)
