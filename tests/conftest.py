"""Shared fixtures: the bundled corpus, read once, and the gold annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gold import GoldArticle, load_gold
from vietgov.extract import extract
from vietgov.model import Extraction
from vietgov.paths import CORPUS
from vietgov.reading.articles import read_article


@pytest.fixture(scope="session")
def gold() -> list[GoldArticle]:
    return load_gold()


@pytest.fixture(scope="session")
def extractions(gold: list[GoldArticle]) -> dict[str, Extraction]:
    """Gold id (``seed000``) → what the extractors find in the matching corpus article."""
    return {g.id: extract(read_article(CORPUS / Path(g.seed_file).name)) for g in gold}
