"""``rasd.extract(text_or_document)``: the Python entry point for one report."""

from __future__ import annotations

import dataclasses
import datetime as dt

from rasd.models import Document, Event


def _document(text_or_document: str | Document, published_at: dt.datetime | None, res) -> Document:
    """A report given as text (a page-text dump or plain text) or as a ``Document``, dated if a date is given."""
    from rasd.ingest import read_text

    if isinstance(text_or_document, str):
        return read_text(text_or_document, res.settings, published_at=published_at)
    if published_at is not None:
        return dataclasses.replace(text_or_document, published_at=published_at)
    return text_or_document


def extract_events(
    text_or_document: str | Document, *, published_at: dt.datetime | None = None, resources=None
) -> list[Event]:
    """Every event in one report (a page-text dump, plain text or a ``Document``)."""
    from rasd.pipeline import process_document
    from rasd.resources import default_resources

    res = resources or default_resources()
    return list(process_document(_document(text_or_document, published_at, res), res).events)


def explain_events(
    text_or_document: str | Document, *, published_at: dt.datetime | None = None, resources=None
) -> tuple[list[Event], list]:
    """The events of one report, and the drafted events that were dropped, each with its reason
    (``"sports context"``, ``"planned: not (yet) a happening"``…): why rasd saw no event where a war word stood."""
    from rasd.coding.events import extract_with_reasons
    from rasd.pipeline import read_document
    from rasd.resources import default_resources

    res = resources or default_resources()
    doc = _document(text_or_document, published_at, res)
    reading, mentions, places, headline = read_document(doc, res)
    return extract_with_reasons(doc, mentions, places, res.actors, res.lexicon, reading, headline)
