"""The store's contract: what the pipeline, the CLI and the API may ask of a database.

Both backends (SQLite by default, PostgreSQL by URL) implement ``Store``; nothing
outside ``rasd.store`` touches SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from rasd.models import Document, Event, Failure, Mention


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by ``rasd export``, ``GET /api/events`` and the web page."""

    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # kb id or a name (English or Arabic, substring)
    country: str | None = None  # ISO-3166 alpha-2
    admin1: str | None = None
    text: str | None = None  # full-text search over the source documents' bodies
    status: str | None = None
    min_confidence: float | None = None
    limit: int = 100
    offset: int = 0
    sort: str = "-event_date"  # a field name, "-" for descending


@dataclass(frozen=True, slots=True)
class ReviewAction:
    """An analyst's decision on an event, written to the audit log."""

    action: str  # confirm | edit | reject
    reviewer: str  # the authenticated account's name (the API never takes it from the request body)
    note: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    #: The event version the edit was based on; a stale one is refused (ConflictError). None: no check.
    expected_version: int | None = None


class Store(Protocol):
    url: str

    def has_document(self, doc_id: str) -> bool: ...
    def save_document(self, doc: Document, mentions: list[Mention] | None = None) -> bool:
        """Insert a document (and its mentions); False if it was already stored."""
        ...

    def save_events(self, events: list[Event]) -> list[Event]:
        """Insert events, merging each into a stored duplicate when dedup says so; returns the stored forms."""
        ...

    def record_failure(self, failure: Failure) -> None: ...
    def get_document(self, doc_id: str) -> Document | None: ...
    def get_event(self, event_id: str) -> Event | None: ...
    def query_events(self, flt: EventFilter) -> tuple[list[Event], int]:
        """Events matching ``flt`` (one page) and the total count."""
        ...

    def query_event_dicts(self, flt: EventFilter) -> tuple[list[dict[str, Any]], int]:
        """The same page as JSON-ready dicts (``Event.to_dict`` form), without building dataclasses."""
        ...

    def review(self, event_id: str, action: ReviewAction) -> Event: ...
    def review_versioned(self, event_id: str, action: ReviewAction) -> tuple[Event, int]:
        """Review atomically (``action.expected_version`` checked in the same transaction); the new version."""
        ...

    def get_event_versioned(self, event_id: str) -> tuple[Event, int] | None:
        """An event with its edit version (the API's ETag)."""
        ...

    accounts: Any  # rasd.store.accounts.Accounts: users, roles, API tokens, page sessions

    def audit_log(self, event_id: str) -> list[dict[str, Any]]: ...
    def stats(self, flt: EventFilter | None = None) -> dict[str, Any]:
        """Counts by event type, by ISO week and by admin1."""
        ...

    def facets(self) -> dict[str, Any]:
        """Values present in the store (countries, admin1, types, statuses, actors, dates, bounds)."""
        ...

    def close(self) -> None: ...
