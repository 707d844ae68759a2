"""The thin orchestrator: sequences stage calls and nothing else.

ingest → match (actor/place/source mentions) → geo (resolve places in context)
→ extract (events) → dedup/store. Places are resolved before events are built so
that extraction can choose an event's location knowing which toponyms are real
locations and which are features (rivers, deserts) or regions.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.models import Document, Event, Mention, Place
from rasd.resources import Resources


@dataclass(frozen=True, slots=True)
class Processed:
    document: Document
    mentions: tuple[Mention, ...]
    places: tuple[Place, ...]
    events: tuple[Event, ...]


def process_document(doc: Document, res: Resources) -> Processed:
    """Run every reading stage on one document."""
    from rasd.coding import run as extract_events
    from rasd.geo import resolve
    from rasd.kb.match import find_mentions
    from rasd.text.reading import read

    reading = read(doc.body, res.lexicon.segment_breaks)
    mentions = find_mentions(doc.body, res.matcher, reading.norm)
    places = resolve(doc, mentions, res.gazetteer, res.settings, reading)
    events = extract_events(doc, mentions, places, res, reading)
    return Processed(doc, tuple(mentions), tuple(places), tuple(events))
