"""Per-source health, for ``rasd watch`` output and ``/api/health``: last success, last error, items
seen, documents and events stored, lag (publication or file time → stored), next poll."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from rasd.watch import state


def source_health(engine: sa.Engine) -> list[dict[str, Any]]:
    """Every watched source's health row (empty when nothing was ever watched in this store)."""
    try:
        rows = state.load_health(engine)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return []  # the watcher's tables do not exist yet
    out = []
    for name in sorted(rows):
        r = rows[name]
        failing = (r.get("consecutive_failures") or 0) > 0
        out.append(
            {
                "name": name,
                "kind": r.get("kind"),
                "target": r.get("target"),
                "status": "failing" if failing else ("ok" if r.get("last_success") else "pending"),
                "last_success": r.get("last_success"),
                "last_error": r.get("last_error"),
                "last_error_at": r.get("last_error_at"),
                "consecutive_failures": r.get("consecutive_failures") or 0,
                "items_seen": r.get("items_seen") or 0,
                "documents": r.get("documents") or 0,
                "events": r.get("events") or 0,
                "failures": r.get("failures") or 0,
                "last_lag_seconds": r.get("last_lag_seconds"),
                "median_lag_seconds": r.get("median_lag_seconds"),
                "next_due": r.get("next_due"),
            }
        )
    return out


def health_table(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Rows for a terminal table: name, status, last success, last error, items, docs, events, lag."""
    out = []
    for r in rows:
        lag = r["median_lag_seconds"]
        out.append(
            [
                r["name"],
                r["status"],
                (r["last_success"] or "—")[:19],
                (r["last_error"] or "")[:60],
                str(r["items_seen"]),
                str(r["documents"]),
                str(r["events"]),
                f"{lag:.1f}s" if lag is not None else "—",
                (r["next_due"] or "")[:19],
            ]
        )
    return out
