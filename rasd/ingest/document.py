"""Building a ``Document``: the id is the sha256 of the normalised body.

Normalising before hashing makes the same report with other diacritics, digits
or spacing (a common syndication artefact) one document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from typing import Any

from rasd.errors import EmptyInputError, TooLargeError
from rasd.models import Document
from rasd.settings import Settings
from rasd.text import normalise_key

logger = logging.getLogger(__name__)


def doc_id_for(body: str) -> str:
    """Stable id of a report body. Example: ``doc_id_for("قصفٌ") == doc_id_for("قصف")``."""
    return hashlib.sha256(normalise_key(body).encode("utf-8")).hexdigest()


#: Publication dates rasd can reason about: a page's metadata saying year 9999 is dropped, not trusted.
_EARLIEST, _LATEST = 1900, 2200


def _plausible(when: dt.datetime | None) -> bool:
    return when is None or _EARLIEST <= when.year < _LATEST


#: Arabic presentation forms: glyph shapes (isolated, initial, final forms and lam-alef ligatures) that some
#: publishing systems write instead of letters. They look right and match nothing (``اﻹسكندرية`` is no
#: Alexandria), so they become the letters they show (NFKC), before any span is taken.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")


def unshaped(text: str) -> str:
    """``text`` with Arabic presentation forms replaced by the letters they show; any other text unchanged."""
    if not _PRESENTATION.search(text):
        return text
    return _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def make_document(body: str, settings: Settings, *, source: str, **fields: Any) -> Document:
    """A Document for ``body`` (already clean of chrome).

    Raises:
        EmptyInputError: too short to be a report.
        TooLargeError: longer than ``settings.max_body_chars`` (no news report is; reading it would hold the
            batch for minutes).
    """
    # NUL is no text (and PostgreSQL refuses it); one-for-one replacement keeps every offset
    body = body.strip("\n\r\t \ufeff").replace("\x00", "\ufffd")
    letters = unshaped(body)
    if letters is not body:  # glyph shapes turned into letters: the body is no longer a run of the source
        body = letters
        fields["source_offset"] = None
    if isinstance(fields.get("title"), str):
        fields["title"] = unshaped(fields["title"])
    if len(body) > settings.max_body_chars:
        raise TooLargeError(
            f"report body of {len(body):,} characters exceeds the limit of {settings.max_body_chars:,} "
            "(max_body_chars)",
            source=source,
        )
    if not _plausible(fields.get("published_at")):
        logger.warning(
            "%s: publication date %s dropped (outside %d–%d)",
            source,
            fields["published_at"],
            _EARLIEST,
            _LATEST - 1,
        )
        fields["published_at"] = None
    if len(normalise_key(body)) < settings.min_body_chars:
        raise EmptyInputError(
            f"no report text ({len(body)} characters of body after removing page chrome)", source=source
        )
    fields.setdefault("ingested_at", dt.datetime.now(dt.UTC))
    fields.setdefault("source_uri", source)
    return Document(doc_id=doc_id_for(body), body=body, **fields)
