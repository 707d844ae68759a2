"""The thin orchestrator: sequences stage calls and nothing else.

ingest → match (actor/place/source mentions) → geo (resolve places in context)
→ extract (events) → dedup/store. Places are resolved before events are built so
that extraction can choose an event's location knowing which toponyms are real
locations and which are features (rivers, deserts) or regions. When the body
names no place, the headline's places are resolved (no span in the body) and an
event falls back on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasd.models import Document, Event, Mention, Place
from rasd.resources import Resources

if TYPE_CHECKING:  # the reading is made at run time, inside read_document
    from rasd.text.reading import Reading


@dataclass(frozen=True, slots=True)
class Processed:
    document: Document
    mentions: tuple[Mention, ...]
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    #: the places only the headline names (no span: ``Document.title`` is not the body)
    headline_places: tuple[Place, ...] = ()


def read_document(doc: Document, res: Resources) -> tuple[Reading, list[Mention], list[Place], list[Place]]:
    """The reading stages before events: the body's one reading, its mentions, its resolved places and the
    headline's places to fall back on (none when the body names a place). ``rasd.coding.api.explain_events`` runs
    the same stages, so an explanation is of the very events ``process_document`` gives."""
    from rasd.geo import fallback_places, resolve
    from rasd.kb.match import find_mentions
    from rasd.text.reading import read

    reading = read(doc.body, res.lexicon.segment_breaks)
    mentions = find_mentions(doc.body, res.matcher, reading.norm)
    places = resolve(doc, mentions, res.gazetteer, res.settings, reading)
    headline = fallback_places(doc, mentions, places, res.matcher, res.gazetteer, res.settings)
    return reading, mentions, places, headline


def process_document(doc: Document, res: Resources) -> Processed:
    """Run every reading stage on one document."""
    from rasd.coding import run as extract_events

    reading, mentions, places, headline = read_document(doc, res)
    events = extract_events(doc, mentions, places, res, reading, headline)
    return Processed(doc, tuple(mentions), tuple(places), tuple(events), tuple(headline))
