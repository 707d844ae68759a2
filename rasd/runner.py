"""``rasd run``: ingest → read → deduplicate → store, resumable and idempotent.

Each document is stored in one transaction with its mentions and events, so a run
killed at any point leaves whole documents; a rerun skips every document already
stored (by doc_id), and stable event ids keep events from doubling.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rasd.errors import RasdError
from rasd.ingest import read
from rasd.models import Failure
from rasd.pipeline import process_document
from rasd.resources import Resources

logger = logging.getLogger(__name__)


@dataclass
class RunSummary:
    documents_new: int = 0
    documents_stored_before: int = 0
    failures: list[Failure] = field(default_factory=list)
    events_new: int = 0
    events_merged: int = 0


def run(
    paths: Iterable[str | Path],
    store,
    res: Resources,
    *,
    stdin=None,
    on_document: Callable[[str, str], None] | None = None,
) -> RunSummary:
    """Process every report in ``paths`` into ``store``; ``on_document(source, outcome)`` reports progress."""
    summary = RunSummary()
    for item in read(paths, res.settings, stdin=stdin):
        if isinstance(item, Failure):
            summary.failures.append(item)
            store.record_failure(item)
            if on_document:
                on_document(item.source, "failed")
            continue
        if store.has_document(item.doc_id):
            summary.documents_stored_before += 1
            if on_document:
                on_document(item.source_uri, "already stored")
            continue
        try:
            processed = process_document(item, res)
            new, added, merged = store.save_processed(item, list(processed.mentions), list(processed.events))
        except RasdError as e:
            failure = Failure(
                source=e.source or item.source_uri, code=e.code, message=e.message, stage="process"
            )
            summary.failures.append(failure)
            store.record_failure(failure)
            if on_document:
                on_document(item.source_uri, "failed")
            continue
        if new:
            summary.documents_new += 1
        else:
            summary.documents_stored_before += 1
        summary.events_new += added
        summary.events_merged += merged
        if on_document:
            on_document(item.source_uri, f"{added} new, {merged} merged event(s)")
    return summary
