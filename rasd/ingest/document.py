"""Building a ``Document``: the id is the sha256 of the normalised body.

Normalising before hashing makes the same report with other diacritics, digits
or spacing (a common syndication artefact) one document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from rasd.errors import EmptyInputError
from rasd.models import Document
from rasd.settings import Settings
from rasd.text import normalise_key


def doc_id_for(body: str) -> str:
    """Stable id of a report body. Example: ``doc_id_for("قصفٌ") == doc_id_for("قصف")``."""
    return hashlib.sha256(normalise_key(body).encode("utf-8")).hexdigest()


def make_document(body: str, settings: Settings, *, source: str, **fields: Any) -> Document:
    """A Document for ``body`` (already clean of chrome), or EmptyInputError when too short to be a report."""
    body = body.strip("\n\r\t \ufeff")
    if len(normalise_key(body)) < settings.min_body_chars:
        raise EmptyInputError(
            f"no report text ({len(body)} characters of body after removing page chrome)", source=source
        )
    fields.setdefault("ingested_at", dt.datetime.now(dt.UTC))
    fields.setdefault("source_uri", source)
    return Document(doc_id=doc_id_for(body), body=body, **fields)
