"""What the extractors found, as plain JSON-ready data (for ``vietgov extract``)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from vietgov.model import Article, Extraction, Span

KINDS = ("organisations", "documents", "persons", "events", "figures", "relations")


def to_data(value: Any) -> Any:
    """Dataclasses → dicts, spans → {start, end, text}, dates → ISO strings; recursively."""
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end, "text": value.text}
    if isinstance(value, Article):
        return article_data(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_data(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    return value


def article_data(article: Article) -> dict[str, Any]:
    """The article's metadata (not its text)."""
    return {
        "id": article.id, "file": article.path.as_posix(),
        "title": to_data(article.title), "author": to_data(article.author),
        "outlet": to_data(article.outlet), "published": to_data(article.published),
        "published_span": to_data(article.published_span),
        "warnings": list(article.warnings),
    }


def extraction_data(found: Extraction) -> dict[str, Any]:
    """One article's findings: metadata, one list per kind, and the facts left out."""
    data: dict[str, Any] = {"article": article_data(found.article)}
    for kind in KINDS:
        data[kind] = to_data(getattr(found, kind))
    data["skipped"] = list(found.skipped)
    return data
