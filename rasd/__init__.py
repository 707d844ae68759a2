"""rasd (رصد): an Arabic-first conflict event monitor.

Python API::

    import rasd
    events = rasd.extract("قصفت طائرات التحالف بلدة هجين أمس ...")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from rasd.models import Document, Event


def extract(text_or_document: str | Document, *, published_at=None, resources=None) -> list[Event]:
    """Every event in one report (text or ``Document``), each field with its evidence span."""
    from rasd.coding.api import extract_events

    return extract_events(text_or_document, published_at=published_at, resources=resources)
