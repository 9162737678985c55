"""Read plain-text articles from a corpus folder; unreadable input gets a clear error."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from vietgov.model import Article
from vietgov.reading.metadata import read_metadata
from vietgov.reading.normalize import fold


@dataclass(frozen=True)
class ArticleError(Exception):
    """An article that cannot be read; names the file and, where it helps, the line."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def article_id(path: Path) -> str:
    """The article's id: its file name without ``.txt``."""
    return path.stem


def list_articles(corpus: Path) -> list[Path]:
    """The ``.txt`` files of a corpus folder (recursively), in a stable order."""
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    return sorted(p for p in corpus.rglob("*.txt") if p.is_file())


def read_article(path: Path) -> Article:
    """Read one article; raise :class:`ArticleError` for empty, binary or non-UTF-8 files."""
    data = path.read_bytes()
    if not data.strip():
        raise ArticleError(path, "empty file: an article needs text")
    if b"\x00" in data:
        raise ArticleError(path, "binary file (NUL bytes): not a plain-text article",
                           _line_at(data, data.index(b"\x00")))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ArticleError(
            path,
            f"not UTF-8: byte 0x{data[err.start]:02x} at byte offset {err.start} cannot be decoded;"
            " re-save the file as UTF-8",
            _line_at(data, err.start),
        ) from None
    text = text.removeprefix("\ufeff")
    bad = next((i for i, c in enumerate(text) if _is_control(c)), None)
    if bad is not None:
        raise ArticleError(path, f"control character U+{ord(text[bad]):04X} in text: not a "
                           "plain-text article", text.count("\n", 0, bad) + 1)
    warnings: list[str] = []
    if not unicodedata.is_normalized("NFC", text):
        warnings.append(
            f"{path.name}: text is not in Unicode NFC (decomposed accents); it is folded for "
            "matching, offsets still refer to the file as stored, quotes are published in NFC"
        )
    folded, to_source = fold(text)
    article = Article(
        id=article_id(path), path=path, text=text, folded=folded, folded_to_text=to_source,
        warnings=tuple(warnings),
    )
    return replace(article, **read_metadata(article))


def read_corpus(corpus: Path) -> Iterator[Article | ArticleError]:
    """Every article of a corpus, or the error that stopped it from being read."""
    return read_articles(list_articles(corpus))


def read_articles(paths: list[Path]) -> Iterator[Article | ArticleError]:
    """Each article, or the error that stopped it from being read, in the order given."""
    for path in paths:
        try:
            yield read_article(path)
        except ArticleError as err:
            yield err
        except OSError as err:
            yield ArticleError(path, f"cannot read: {err.strerror or err}")


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _is_control(c: str) -> bool:
    return unicodedata.category(c) == "Cc" and c not in "\n\r\t\f"
