"""The IRI minting policy (see docs/design.md): ASCII, stable, derived from identifying parts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from vietgov.model import Span
from vietgov.rdf.namespaces import CODE, DEFAULT_BASE
from vietgov.reading.normalize import ascii_key

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 80


def slug(text: str) -> str:
    """ASCII slug: diacritics stripped, đ→d, lower case, other runs → ``-``.

    Long texts are cut at a word boundary and get a short hash so that the slug stays unique.
    """
    s = _NON_ALNUM.sub("-", ascii_key(text)).strip("-")
    if not s:
        raise ValueError(f"nothing to slug in {text!r}")
    if len(s) > _MAX_SLUG:
        digest = hashlib.sha1(s.encode()).hexdigest()[:8]
        s = s[:_MAX_SLUG].rsplit("-", 1)[0] + "-" + digest
    return s


@dataclass(frozen=True)
class Iris:
    """Mints data IRIs under a base IRI, which ends with ``/`` (helper nodes use ``#``)."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith("/") or "#" in self.base or "://" not in self.base:
            raise ValueError(f"base IRI must be absolute, end with '/' and have no '#': "
                             f"{self.base}")

    def document(self, issuer_code: str, type_part: str, year: int | None, number: str) -> str:
        year_part = str(year) if year else "undated"
        return (f"{self.base}document/{slug(issuer_code)}/{slug(type_part)}/{year_part}/"
                f"{slug(number.replace('.', '-'))}")

    def named_document(self, name: str, article_id: str | None = None) -> str:
        """A document known by name; scoped to one article when its identity is incomplete."""
        if article_id is not None:
            return f"{self.article(article_id)}/document/{slug(name)}"
        return f"{self.base}document/named/{slug(name)}"

    def organisation(self, key: str) -> str:
        return f"{self.base}org/{slug(key)}"

    def person(self, name: str, organisation_key: str | None,
               article_id: str | None = None) -> str:
        """A person by name and main organisation; without one, scoped to its article."""
        if organisation_key is None:
            if article_id is None:
                raise ValueError(f"person {name!r} needs an organisation or an article")
            return f"{self.article(article_id)}/person/{slug(name)}"
        return f"{self.base}person/{slug(name)}/{slug(organisation_key)}"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{slug(article_id)}"

    def mention(self, article_id: str, span: Span) -> str:
        return f"{self.article(article_id)}/mention/{span.start}-{span.end}"

    def statement(self, subject: str, predicate: str, obj: str, mention: str) -> str:
        digest = hashlib.sha1("\x1f".join((subject, predicate, obj, mention)).encode())
        return f"{self.base}statement/{digest.hexdigest()[:20]}"

    def of(self, kind: str, *parts: str) -> str:
        """Any other entity: ``{base}{kind}/{slug(part)}/…`` (events, figures, posts …)."""
        return f"{self.base}{kind}/" + "/".join(slug(p) for p in parts)

    def graph(self, name: str) -> str:
        return f"{self.base}graph/{slug(name)}"


def code(scheme: str, concept: str) -> str:
    """IRI of a concept in one of our code lists, e.g. ``code('document-type', 'nghi-quyet')``."""
    return f"{CODE}{scheme}/{concept}"
