"""Event coding: a document's mentions and resolved places → ACLED-taxonomy events with evidence.

The stage is named for what analysts call it (coding events, as ACLED does); the Python API that runs the whole
pipeline on one report is ``rasd.extract(text)`` (``rasd/__init__.py``, ``rasd.coding.api``). The two names differ
so that importing this package never hides that function.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasd.coding.events import extract_events as _extract
from rasd.models import Document, Event, Mention, Place

__all__ = ["run"]


def run(
    doc: Document,
    mentions: Sequence[Mention],
    places: Sequence[Place],
    res,
    reading=None,
    headline: Sequence[Place] = (),
) -> list[Event]:
    """Every event in ``doc``. ``res`` is a ``rasd.resources.Resources`` (actors, lexicon, settings);
    ``reading`` the body's one reading (``rasd.text.reading``), made here when not given; ``headline`` the
    places only the title names (``rasd.geo.headline_places``), the place of an event the body gives none."""
    return _extract(doc, mentions, places, res.actors, res.lexicon, reading, headline)
