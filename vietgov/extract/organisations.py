"""Placeholder: the organisations extractor (being written)."""

from __future__ import annotations

from typing import Any

from vietgov.model import Article, Extraction


def extract(article: Article, found: Extraction) -> list[Any]:
    return []
