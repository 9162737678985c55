"""Run every extractor over an article, in dependency order.

Each extractor module exposes ``extract(article, found) -> list[record]`` and may read what
earlier extractors put into ``found`` (an :class:`~vietgov.model.Extraction`).
"""

from __future__ import annotations

from vietgov.extract import documents, events, figures, organisations, persons
from vietgov.model import Article, Extraction


def extract(article: Article) -> Extraction:
    """All facts found in one article."""
    found = Extraction(article)
    found.organisations = organisations.extract(article, found)
    found.documents = documents.extract(article, found)
    found.persons = persons.extract(article, found)
    found.events = events.extract(article, found)
    found.figures = figures.extract(article, found)
    return found
