"""Storage: SQLite by default (a file, zero set-up), PostgreSQL by URL."""

from rasd.store.base import EventFilter, ReviewAction, Store

__all__ = ["EventFilter", "ReviewAction", "Store", "open_store"]


def open_store(url: str, settings=None) -> Store:
    """Open (and migrate) the store at ``url`` (``sqlite:///file`` or ``postgresql://…``).

    ``settings`` carries the dedup thresholds; defaults apply when it is not given.
    """
    from rasd.store.sql import SqlStore

    return SqlStore(url, settings)
