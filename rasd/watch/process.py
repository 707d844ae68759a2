"""Coding an item's reports into the store: rasd's own pipeline, one document per transaction.

The same steps as ``rasd run`` (``rasd.runner``) for documents that arrive one at a time:
a stored document is skipped by its id, a new one goes through ``process_document`` and
``save_processed``. Any failure becomes a recorded ``Failure`` naming the report; the
watcher never stops on one.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from dataclasses import dataclass, field

from rasd.errors import RasdError
from rasd.models import Document, Failure
from rasd.pipeline import process_document
from rasd.resources import Resources
from rasd.watch.state import write_lock

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What an item's reports came to."""

    doc_ids: list[str] = field(default_factory=list)
    new_documents: int = 0
    known_documents: int = 0
    events_added: int = 0
    events_merged: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.new_documents:
            return "stored"
        if self.known_documents:
            return "duplicate"
        if self.failures:
            return "failed"
        return "unchanged"


def store_reports(reports: list[Document | Failure], store, res: Resources) -> Outcome:
    """Code and store each report (a Failure is recorded as it is)."""
    out = Outcome()
    lock = write_lock(store.engine) if hasattr(store, "engine") else nullcontext()
    for item in reports:
        if isinstance(item, Failure):
            out.failures.append(item)
            with lock:
                store.record_failure(item)
            continue
        out.doc_ids.append(item.doc_id)
        if store.has_document(item.doc_id):
            out.known_documents += 1
            continue
        try:
            processed = process_document(item, res)
            with lock:
                new, added, merged = store.save_processed(
                    item, list(processed.mentions), list(processed.events)
                )
        except RasdError as e:
            failure = Failure(
                source=e.source or item.source_uri, code=e.code, message=e.message, stage="watch"
            )
        except Exception as e:  # a bug on one report must not stop the watch: record it and go on
            logger.exception("coding %s (doc %s) failed", item.source_uri, item.doc_id[:12])
            failure = Failure(
                source=item.source_uri or item.doc_id,
                code="internal",
                message=f"{e.__class__.__name__}: {e}",
                stage="watch",
            )
        else:
            if new:
                out.new_documents += 1
            else:
                out.known_documents += 1
            out.events_added += added
            out.events_merged += merged
            continue
        out.failures.append(failure)
        with lock:
            store.record_failure(failure)
    return out
