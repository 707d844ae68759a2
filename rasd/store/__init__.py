"""Storage: SQLite by default (a file, zero set-up), PostgreSQL by URL."""

from rasd.store.base import EventFilter, ReviewAction, Store

__all__ = ["EventFilter", "ReviewAction", "Store", "open_store"]


def open_store(url: str) -> Store:
    """Open (and migrate) the store at ``url`` (``sqlite:///file`` or ``postgresql://…``)."""
    from rasd.store.sql import SqlStore  # implemented by the store module

    return SqlStore(url)
