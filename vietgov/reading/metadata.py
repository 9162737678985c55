"""Title, byline and outlet of an article, where the article itself states them.

Rules:

* the publication date is a dateline — a line near the top or the bottom that holds nothing but
  a full date, optionally with a weekday, a time ("10:42", "- 11:05"), a time zone or a word
  such as "Cập nhật" (``mappings/datelines.yaml``). A date inside a sentence is never taken for
  the publication date;
* the title is the first line of four or more words that is neither a link nor a dateline;
* the byline is the last line before any page furniture ("Xem thêm") when it is short and
  name-like: one or more names (each one to five capitalised or upper-case words) joined by
  "-", "," or "và", optionally after a credit label ("Tin, ảnh:", "Bài và ảnh:"; rows with
  ``role: credit-label`` in ``mappings/page_furniture.yaml``, left out of the byline) and
  optionally followed by "(nguồn: <outlet>)". The names are kept as written, separators
  included;
* the outlet is that source or an outlet's dispatch mark (``mappings/outlets.yaml``) opening
  one of the first paragraphs after the title (a lead or a photo caption may come first):
  "(TTXVN) …", "(Chinhphu.vn) - …", "TTO - …" or "Đồng Nai (TTXVN) - …" (a place, then the
  mark in brackets). Only the mark is taken, as written.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from vietgov.extract.dates import match_date
from vietgov.mappings import load_yaml
from vietgov.model import Article, Span
from vietgov.reading.normalize import fold_text

_LINE = re.compile(r"[^\n]+")
_SOURCE_SUFFIX = re.compile(r"\s*\((?:nguồn|theo)\s*:\s*([^()]+?)\s*\)\s*$", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*[-,&]\s*|\s+và\s+")
_MAX_NAME_WORDS = 5
_MAX_NAMES = 4
_DISPATCH_LINES = 4  # paragraphs after the title where a dispatch mark may open the text
_LETTERS = r"[^\W\d_]+"


@cache
def _outlets() -> dict[str, str]:
    """Dispatch marks and names of known outlets, folded and lower-cased → canonical name."""
    table: dict[str, str] = {}
    for row in load_yaml("outlets.yaml"):
        for form in [row["name"], *row.get("marks", [])]:
            table[fold_text(form).lower()] = row["name"]
    return table


@cache
def _bare_marks() -> re.Pattern[str]:
    """"TTO - …", "QĐND Online - …": a mark as the outlet writes it (case kept), then a dash."""
    forms = sorted({fold_text(f) for row in load_yaml("outlets.yaml")
                    for f in [row["name"], *row.get("marks", [])]}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
    return re.compile(rf"[ ]*(?P<mark>{body})[ ]+-[ ]+(?=\S)")


@cache
def _bracketed_mark() -> re.Pattern[str]:
    """"(TTXVN) …", "(Chinhphu.vn) - …", "Đồng Nai (TTXVN) - …"."""
    return re.compile(rf"[ ]*(?:(?P<place>{_LETTERS}(?: {_LETTERS}){{0,3}})[ ]+)?"
                      r"\((?P<mark>[^()\n]{2,40})\)(?:[ ]*-)?(?=[ ]+\S)")


@cache
def _furniture() -> frozenset[str]:
    return frozenset(fold_text(row["text"]).lower() for row in load_yaml("page_furniture.yaml")
                     if row.get("role", "line") == "line")


@cache
def _credit_label() -> re.Pattern[str]:
    """A credit label opening a byline ("Tin, ảnh:"), then the names."""
    labels = sorted((fold_text(r["text"]) for r in load_yaml("page_furniture.yaml")
                     if r.get("role") == "credit-label"), key=len, reverse=True)
    body = "|".join(r"\s*".join(re.escape(part) for part in re.split(r"\s+", label))
                    for label in labels)
    return re.compile(rf"\s*(?:{body})\s*:\s*", re.IGNORECASE)


def read_metadata(article: Article) -> dict[str, Any]:
    """Fields of :class:`Article` found in its text: ``title``, ``author``, ``outlet``,
    ``published`` and ``published_span``."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(article.folded)
             if m.group().strip()]
    found: dict[str, Any] = {}
    datelines = {ln: d for ln in [*lines[:6], *lines[-4:]] if (d := _dateline(article, *ln))}
    title_index = next((i for i, ln in enumerate(lines)
                        if ln not in datelines and _is_title(article.folded[ln[0]:ln[1]])),
                       None)
    if title_index is not None:
        found["title"] = _trimmed(article, *lines[title_index])
    byline = _byline(article, lines)
    if byline:
        start, end = byline
        line = article.folded[start:end]
        source = _SOURCE_SUFFIX.search(line)
        if source:
            outlet_start = start + source.start(1)
            found["outlet"] = article.span(outlet_start, outlet_start + len(source.group(1)))
            end = start + source.start()
        label = _credit_label().match(article.folded, start, end)
        if label:
            start = label.end()
        found["author"] = _trimmed(article, start, end)
    if "outlet" not in found:
        after_title = lines[title_index + 1:] if title_index is not None else lines
        body = [ln for ln in after_title if ln not in datelines][:_DISPATCH_LINES]
        dispatch = _dispatch_mark(article, body)
        if dispatch:
            found["outlet"] = dispatch
    if datelines:
        found["published"], found["published_span"] = next(iter(datelines.values()))
    return found


@cache
def _dateline_pattern() -> re.Pattern[str]:
    rows = load_yaml("datelines.yaml")
    words = sorted((fold_text(r["text"]) for r in rows if r["role"] in ("weekday", "label")),
                   key=len, reverse=True)
    word = "|".join(map(re.escape, words))
    return re.compile(rf"\s*(?:(?:{word})\s*[,:]?\s*)*(?P<date>\S.*?)"
                      r"(?:\s*[,-]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?"
                      r"(?:\s*\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}\)?)?\s*$", re.IGNORECASE)


def _dateline(article: Article, start: int, end: int) -> tuple[date, Span] | None:
    """The date of a line that is only a date (with weekday, time, zone or label), or None."""
    m = _dateline_pattern().fullmatch(article.folded, start, end)
    if not m:
        return None
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
        label = _credit_label().match(text)
        names = _SOURCE_SUFFIX.sub("", text[label.end():] if label else text)
        return (start, end) if _is_names(names) else None
    return None


def _is_names(text: str) -> bool:
    """One to four names joined by "-", ",", "&" or "và", each of name-like words."""
    names = _NAME_SEPARATOR.split(text.strip())
    if not 1 <= len(names) <= _MAX_NAMES:
        return False
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= _MAX_NAME_WORDS:
            return False
        if not all(map(_is_name_word, words)):
            return False
    return True


def _is_name_word(word: str) -> bool:
    """A capitalised ("Sơn") or upper-case ("HIẾU") word; "H'Nin", "Y-Moan", "Th." too."""
    first, *rest = re.split(r"['-]", word.removesuffix("."))
    return (first.isalpha() and first[0].isupper()
            and (first[1:].islower() or first[1:].isupper() or len(first) == 1)
            and all(part.isalpha() for part in rest))


def _dispatch_mark(article: Article, lines: list[tuple[int, int]]) -> Span | None:
    """The outlet's mark opening one of ``lines`` (the first paragraphs after the title)."""
    outlets = _outlets()
    for start, end in lines:
        m = _bracketed_mark().match(article.folded, start, end)
        place = m.group("place") if m else None
        if place and not all(w[0].isupper() for w in place.split()):
            m = None  # "Sáng nay (TTXVN)": a place is written with capitals
        if m and m.group("mark").strip().lower() in outlets:
            return _trimmed(article, m.start("mark"), m.end("mark"))
        m = _bare_marks().match(article.folded, start, end)
        if m:
            return article.span(m.start("mark"), m.end("mark"))
    return None


def _trimmed(article: Article, start: int, end: int) -> Span:
    text = article.folded[start:end]
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return article.span(start + lead, end - trail)
