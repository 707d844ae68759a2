"""``rasd run``: ingest → read → deduplicate → store, resumable and idempotent.

Documents are stored with their mentions and events in transactions of
``settings.write_batch`` reports (one commit, a disk sync, per batch rather than per
report), so a run killed at any point leaves whole documents; a rerun skips every
document already stored (by doc_id) and redoes the uncommitted batch, and stable event
ids keep events from doubling. One input's failure — any exception, or its time budget
running out — is recorded and printed, and the batch goes on; a document the database
refuses fails alone (its batch is written again one report at a time).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rasd.budget import time_budget
from rasd.errors import RasdError, StoreError
from rasd.ingest import read, unexpected_failure
from rasd.models import Document, Failure
from rasd.pipeline import Processed, process_document
from rasd.resources import Resources

logger = logging.getLogger(__name__)


@dataclass
class RunSummary:
    documents_new: int = 0
    documents_stored_before: int = 0
    failures: list[Failure] = field(default_factory=list)
    events_new: int = 0
    events_merged: int = 0


def _outcome(summary: RunSummary, store, failure: Failure) -> None:
    summary.failures.append(failure)
    store.record_failure(failure)


def run(
    paths: Iterable[str | Path],
    store,
    res: Resources,
    *,
    stdin=None,
    on_document: Callable[[str, str], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> RunSummary:
    """Process every report in ``paths`` into ``store``.

    ``on_document(source, outcome)`` reports progress; ``on_failure(failure)`` is called the moment an
    input fails (so a run stopped later has already shown it). Any exception while processing one
    document — typed or not, or the document's time budget running out — is that document's failure;
    the batch goes on.
    """
    summary = RunSummary()
    budget = res.settings.document_time_budget_s

    def failed(failure: Failure) -> None:
        _outcome(summary, store, failure)
        if on_failure:
            on_failure(failure)
        if on_document:
            on_document(failure.source, "failed")

    pending: list[tuple[str, Document, Processed]] = []

    def counted(source: str, new: bool, added: int, merged: int) -> None:
        if new:
            summary.documents_new += 1
        else:
            summary.documents_stored_before += 1
        summary.events_new += added
        summary.events_merged += merged
        if on_document:
            on_document(source, f"{added} new, {merged} merged event(s)")

    def flush() -> None:
        batch = [(d, list(p.mentions), list(p.events)) for _, d, p in pending]
        sources = [source for source, _, _ in pending]
        pending.clear()
        if not batch:
            return
        try:
            results = store.save_processed_many(batch)
        except StoreError as e:
            if e.code != "bad-data":
                raise  # the database itself is unusable: stopping is the honest outcome
            results = None  # one report the database refuses: write them one by one so only it fails
        if results is not None:
            for source, result in zip(sources, results, strict=True):
                counted(source, *result)
            return
        for source, (doc, mentions, events) in zip(sources, batch, strict=True):
            try:
                counted(source, *store.save_processed(doc, mentions, events))
            except StoreError as e:
                if e.code != "bad-data":
                    raise
                failed(Failure(source=source, code=e.code, message=e.message, stage="store"))

    size = max(1, res.settings.write_batch)
    for item in read(paths, res.settings, stdin=stdin):
        if isinstance(item, Failure):
            failed(item)
            continue
        source = item.source_uri or item.doc_id
        if any(d.doc_id == item.doc_id for _, d, _ in pending) or store.has_document(item.doc_id):
            summary.documents_stored_before += 1
            if on_document:
                on_document(source, "already stored")
            continue
        try:
            with time_budget(budget, source):
                processed = process_document(item, res)
        except RasdError as e:
            failed(Failure(source=e.source or source, code=e.code, message=e.message, stage="process"))
            continue
        except Exception as e:  # a bug met on one document: recorded, the batch goes on
            failed(unexpected_failure(source, e, stage="process"))
            continue
        pending.append((source, item, processed))
        if len(pending) >= size:
            flush()
    flush()
    return summary
