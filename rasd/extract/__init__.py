"""Event extraction: a document's mentions and resolved places → ACLED-taxonomy events with evidence.

``rasd.extract`` is both this stage's package and the Python API ``rasd.extract(text)``:
importing a subpackage sets it as an attribute of its parent, which would hide the
function defined in ``rasd/__init__.py``, so the module itself is made callable.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence

from rasd.extract.events import extract_events as _extract
from rasd.models import Document, Event, Mention, Place

__all__ = ["run"]


def run(
    doc: Document, mentions: Sequence[Mention], places: Sequence[Place], res, reading=None
) -> list[Event]:
    """Every event in ``doc``. ``res`` is a ``rasd.resources.Resources`` (actors, lexicon, settings);
    ``reading`` the body's one reading (``rasd.text.reading``), made here when not given."""
    return _extract(doc, mentions, places, res.actors, res.lexicon, reading)


class _CallableModule(types.ModuleType):
    def __call__(self, text_or_document, *, published_at=None, resources=None) -> list[Event]:
        """``rasd.extract(text_or_document)``: every event in one report."""
        from rasd.extract.api import extract_events

        return extract_events(text_or_document, published_at=published_at, resources=resources)


sys.modules[__name__].__class__ = _CallableModule
