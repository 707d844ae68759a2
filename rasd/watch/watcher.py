"""The watch loop: each source polled on its own interval, its new items coded and stored, alerts sent.

A source that fails keeps its error, waits ``every·2^failures`` (capped, or longer when the
server said Retry-After) and is tried again; the others go on. Items are remembered (URL or
path with a content hash) only once their reports are stored, and a source's HTTP validators
only once all its items are handled, so stopping at any moment loses nothing and a restart
repeats nothing. One report is coded at a time (the pipeline is CPU-bound and SQLite has one
writer); fetching runs concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import statistics
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from rasd.resources import Resources
from rasd.watch import state
from rasd.watch.config import SourceSpec, WatchConfig
from rasd.watch.fetch import Fetcher, FetchError
from rasd.watch.process import Outcome, store_reports
from rasd.watch.sources import Context, Item, list_items

logger = logging.getLogger(__name__)


@dataclass
class PollResult:
    source: str
    ok: bool
    error: str | None = None
    items: int = 0  # listed
    new_items: int = 0  # not seen before (or changed)
    documents: int = 0  # new documents stored
    events: int = 0  # new events
    failures: int = 0  # reports that could not be read or coded
    item_errors: int = 0  # items to try again next poll
    not_modified: bool = False


@dataclass
class RoundSummary:
    polls: list[PollResult] = field(default_factory=list)
    alerts_sent: int = 0
    alerts_failed: int = 0
    digests: int = 0

    @property
    def failed_sources(self) -> list[PollResult]:
        return [p for p in self.polls if not p.ok]


class Watcher:
    """Watches the sources of a ``WatchConfig`` into ``store``; alerts through a ``Dispatcher``."""

    def __init__(
        self, config: WatchConfig, store, res: Resources, *, env: dict[str, str] | None = None
    ) -> None:
        from rasd.alerts.dispatch import Dispatcher

        self.config = config
        self.store = store
        self.res = res
        self.engine = store.engine
        opts = config.options
        state.ensure_tables(self.engine)
        self.fetcher = Fetcher(
            timeout=opts.timeout,
            per_host_interval=opts.per_host_interval,
            max_bytes=res.settings.max_input_bytes,
            contact=opts.user_agent_contact,
            robots=opts.robots,
        )
        self.ctx = Context(self.fetcher, self.engine, res.settings, opts)
        self.dispatcher = Dispatcher(store, config, env=env, gazetteer=res.gazetteer)
        self.sources = [s for s in config.sources if s.enabled]
        self._lags: dict[str, deque[float]] = {s.name: deque(maxlen=100) for s in self.sources}
        self._code_lock = asyncio.Lock()
        self._stop = asyncio.Event()
        health = state.load_health(self.engine)
        for s in self.sources:  # register every source, keeping what a previous run learnt
            row = health.get(s.name, {})
            state.save_health(self.engine, s.name, {"kind": s.kind, "target": s.target, **_keep(row)})

    async def close(self) -> None:
        await self.fetcher.close()

    def stop(self) -> None:
        """Ask ``run`` to finish its current polls and return."""
        self._stop.set()

    # one source ---------------------------------------------------------------------------------
    async def poll(self, spec: SourceSpec) -> PollResult:
        """Poll ``spec`` once: list, code what is new, remember it, record health."""
        started = state.now()
        result = PollResult(source=spec.name, ok=True)
        try:
            listing = await list_items(spec, self.ctx)
        except FetchError as e:
            result.ok, result.error = False, f"{e.message} [{e.code}]"
            self._record(spec, started, result, retry_after=e.retry_after)
            logger.warning("source %s: %s", spec.name, e)
            return result
        except Exception as e:  # a poller bug on one source must not stop the others
            logger.exception("source %s: polling failed", spec.name)
            result.ok, result.error = False, f"{e.__class__.__name__}: {e} [internal]"
            self._record(spec, started, result)
            return result
        result.not_modified = listing.not_modified
        result.items = len(listing.items)
        seen = await asyncio.to_thread(
            state.seen_items, self.engine, spec.name, [i.key for i in listing.items]
        )
        todo = []
        for item in listing.items:
            prior = seen.get(item.key)
            if prior is None or prior.content_hash != item.content_hash:
                todo.append((item, 0))
            elif prior.status == "error":
                todo.append((item, prior.attempts))  # tried before and failed: again, up to a limit
        limit = spec.max_items or self.config.options.max_items_per_poll
        deferred = len(todo) > limit
        result.new_items = len(todo)
        for item, attempts in todo[:limit]:
            outcome = await self._handle(spec, item, attempts)
            if outcome is None:
                result.item_errors += 1
                continue
            result.documents += outcome.new_documents
            result.events += outcome.events_added
            result.failures += len(outcome.failures)
        if result.item_errors == 0 and not deferred:
            await asyncio.to_thread(listing.commit)  # validators saved only once everything listed is handled
        self._record(spec, started, result)
        return result

    async def _handle(self, spec: SourceSpec, item: Item, attempts: int) -> Outcome | None:
        """Load and code one item; None when it must be tried again (its page would not come)."""
        try:
            reports = await item.load()
        except FetchError as e:
            if attempts + 1 >= self.config.options.max_item_attempts and item.fallback:
                logger.warning(
                    "source %s: %s failed %d times, using the feed's summary: %s",
                    spec.name,
                    item.key,
                    attempts + 1,
                    e,
                )
                reports = await item.fallback()
            else:
                # out of attempts: skipped for good; else remembered as an error and tried again next round
                final = attempts + 1 >= self.config.options.max_item_attempts
                await asyncio.to_thread(
                    state.mark_seen,
                    self.engine,
                    spec.name,
                    item.key,
                    item.content_hash,
                    "skipped" if final else "error",
                    error=str(e),
                )
                return Outcome() if final else None
        async with self._code_lock:
            outcome = await asyncio.to_thread(store_reports, reports, self.store, self.res)
        await asyncio.to_thread(
            state.mark_seen,
            self.engine,
            spec.name,
            item.key,
            item.content_hash,
            outcome.status,
            doc_id=outcome.doc_ids[0] if outcome.doc_ids else None,
            error="; ".join(f.message for f in outcome.failures) or None,
            published_at=item.published,
        )
        if outcome.new_documents:
            t0 = item.published if item.published and item.published <= state.now() else None
            if t0 is not None:
                self._lags[spec.name].append((state.now() - t0).total_seconds())
        return outcome

    def _record(
        self, spec: SourceSpec, started: dt.datetime, r: PollResult, retry_after: float | None = None
    ) -> None:
        """Health: last success or error, counters, lag, and when the source is next due (with backoff)."""
        row = state.load_health(self.engine).get(spec.name, {})
        failures = 0 if r.ok else (row.get("consecutive_failures") or 0) + 1
        wait = spec.every if r.ok else min(spec.every * 2**failures, self.config.options.max_backoff)
        if retry_after:
            wait = max(wait, min(retry_after, self.config.options.max_backoff))
        lags = self._lags[spec.name]
        values: dict[str, Any] = {
            "kind": spec.kind,
            "target": spec.target,
            "last_attempt": state.iso(started),
            "consecutive_failures": failures,
            "next_due": state.iso(state.now() + dt.timedelta(seconds=wait)),
            "items_seen": (row.get("items_seen") or 0) + r.new_items - r.item_errors,
            "documents": (row.get("documents") or 0) + r.documents,
            "events": (row.get("events") or 0) + r.events,
            "failures": (row.get("failures") or 0) + r.failures,
        }
        if r.ok:
            values["last_success"] = state.iso(state.now())
        else:
            values["last_error"], values["last_error_at"] = r.error, state.iso(state.now())
        if lags:
            values["last_lag_seconds"] = round(lags[-1], 3)
            values["median_lag_seconds"] = round(statistics.median(lags), 3)
        state.save_health(self.engine, spec.name, values)

    # rounds ---------------------------------------------------------------------------------------
    def due(self, when: dt.datetime | None = None) -> list[SourceSpec]:
        """Sources whose next poll time has come (a new source is due at once)."""
        when = when or state.now()
        health = state.load_health(self.engine)
        out = []
        for s in self.sources:
            nd = state.parse_iso(health.get(s.name, {}).get("next_due"))
            if nd is None or nd <= when:
                out.append(s)
        return out

    async def run_round(self, *, only_due: bool = False, digests: bool = True) -> RoundSummary:
        """Poll every source (or the due ones) once, concurrently, then deliver alerts."""
        specs = self.due() if only_due else list(self.sources)
        sem = asyncio.Semaphore(self.config.options.max_concurrent)

        async def one(spec: SourceSpec) -> PollResult:
            async with sem:
                return await self.poll(spec)

        summary = RoundSummary(polls=list(await asyncio.gather(*(one(s) for s in specs))))
        await self._alerts(summary, digests=digests)
        return summary

    async def _alerts(self, summary: RoundSummary | None = None, digests: bool = True) -> None:
        try:
            d = await self.dispatcher.run(digests=digests)
        except Exception:  # alerting trouble is logged; watching goes on
            logger.exception("alert dispatch failed")
            return
        if summary is not None:
            summary.alerts_sent += d.sent
            summary.alerts_failed += d.failed
            summary.digests += d.digests

    async def run(
        self, *, max_seconds: float | None = None, tick: float = 0.25, alert_every: float = 5.0
    ) -> None:
        """Poll each source when due until ``stop()`` (or ``max_seconds``); alerts after every poll that
        stored events, and every ``alert_every`` seconds for confirmations, retries and digests."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_seconds if max_seconds else None
        running: dict[str, asyncio.Task] = {}
        sem = asyncio.Semaphore(self.config.options.max_concurrent)
        alert_due = 0.0
        pending_alerts = asyncio.Event()

        async def one(spec: SourceSpec) -> None:
            async with sem:
                r = await self.poll(spec)
            if r.events:
                pending_alerts.set()

        while not self._stop.is_set() and (deadline is None or loop.time() < deadline):
            for spec in self.due():
                if spec.name not in running:
                    running[spec.name] = asyncio.create_task(one(spec))
            for name in [n for n, task in running.items() if task.done()]:
                task = running.pop(name)
                if task.exception():
                    logger.error("source %s: %s", name, task.exception())
            if pending_alerts.is_set() or loop.time() >= alert_due:
                pending_alerts.clear()
                alert_due = loop.time() + alert_every
                await self._alerts()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), tick)
        if running:
            await asyncio.gather(*running.values(), return_exceptions=True)
        await self._alerts(digests=False)


def _keep(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("name", "kind", "target", "updated_at")}
