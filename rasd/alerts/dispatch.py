"""Alerting: match new and newly confirmed events against the rules in force and deliver each once.

Runs in the watcher after every poll that stored something (and on a timer for reviewers'
confirmations and digests). What was sent is in ``alert_deliveries``, so a restart neither
repeats nor loses an alert: a delivery interrupted or refused is retried in later rounds,
a bounded number of times, at growing intervals.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from rasd.alerts import events as ev_read
from rasd.alerts import mail, state
from rasd.alerts.message import alert_email, alert_payload
from rasd.alerts.rules import AlertRule, resolve_places
from rasd.alerts.webhook import post_json
from rasd.models import Event
from rasd.watch.config import WatchConfig
from rasd.watch.state import iso, now

logger = logging.getLogger(__name__)


@dataclass
class DispatchSummary:
    matched: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    digests: int = 0
    errors: list[str] = field(default_factory=list)


class Dispatcher:
    """Rules from the store (seeded from the sources file), deliveries by webhook and e-mail."""

    def __init__(
        self, store, config: WatchConfig, *, env: dict[str, str] | None = None, gazetteer=None, basemap=None
    ):
        self.store = store
        self.engine = store.engine
        self.config = config
        self.options = config.options
        self.env = dict(env or {})
        self.gazetteer = gazetteer
        self.public_url = self.options.public_url or f"http://{store.settings.host}:{store.settings.port}"
        self._resolved: dict[tuple[str, Any], AlertRule] = {}
        self._basemap = basemap
        self._sem = asyncio.Semaphore(8)
        state.ensure_tables(self.engine)
        state.sync_file_rules(self.engine, config.alerts)
        for name in ("new", "confirmed"):
            if (
                state.get_cursor(self.engine, name) is None
            ):  # a new watcher alerts from now on, not on history
                start = iso(now())
                state.set_cursor(self.engine, name, start)
                state.set_cursor(self.engine, f"{name}-floor", start)

    def rules(self) -> list[AlertRule]:
        """The rules in force now (page edits apply on the next round), with places resolved."""
        out = []
        for rule in state.load_rules(self.engine, self.env):
            key = (rule.name, rule.near)
            if key not in self._resolved:
                resolved, error = resolve_places(rule, self.gazetteer) if self.gazetteer else (rule, None)
                if error:
                    logger.warning("%s: the rule matches nothing until fixed", error)
                self._resolved[key] = resolved
            out.append(self._resolved[key])
        return out

    async def run(self, *, digests: bool = True) -> DispatchSummary:
        summary = DispatchSummary()
        rules = [r for r in self.rules() if r.enabled]
        jobs: list[Any] = []
        for when, reader in (("new", ev_read.created_since), ("confirmed", ev_read.confirmed_since)):
            cursor = state.get_cursor(self.engine, when) or iso(now())
            rows = await asyncio.to_thread(reader, self.engine, cursor)
            floor = state.get_cursor(self.engine, f"{when}-floor") or ""
            for stamp, event in rows:
                if stamp <= floor:
                    continue  # coded before alerting began: history is not news
                for rule in rules:
                    if rule.matches(event, when=when):
                        summary.matched += 1
                        jobs += self._claims(rule, event, when)
                if stamp > cursor:
                    cursor = stamp
            if rows:
                state.set_cursor(self.engine, when, cursor)
        results = await asyncio.gather(*(job() for job in jobs))
        for ok, error in results:
            summary.sent += ok
            summary.failed += not ok
            if error:
                summary.errors.append(error)
        summary.retried = await self._retry(rules)
        if digests:
            from rasd.alerts.digest import send_due_digests

            summary.digests = await send_due_digests(self, rules)
        return summary

    # deliveries -----------------------------------------------------------------------------
    def _claims(self, rule: AlertRule, event: Event, when: str) -> list[Any]:
        """Register the rule's deliveries for ``event``; the jobs that send the ones not yet made."""
        jobs = []
        payload_cache: dict[str, Any] = {}

        def payload() -> dict[str, Any]:
            if "p" not in payload_cache:
                payload_cache["p"] = alert_payload(
                    rule.name, event, ev_read.documents_for(self.store, event), self.public_url, when
                )
            return payload_cache["p"]

        if rule.webhook:
            did = state.claim(
                self.engine,
                rule=rule.name,
                kind="alert",
                channel="webhook",
                subject=event.event_id,
                target=rule.webhook.url,
            )
            if did is not None:
                jobs.append(lambda did=did: self._webhook(did, rule, payload()))
        if rule.email and self.config.smtp:
            did = state.claim(
                self.engine,
                rule=rule.name,
                kind="alert",
                channel="email",
                subject=event.event_id,
                target=", ".join(rule.email),
            )
            if did is not None:
                jobs.append(lambda did=did: self._email(did, rule, payload()))
        return jobs

    async def _webhook(
        self, did: int, rule: AlertRule, payload: dict[str, Any], kind: str = "alert"
    ) -> tuple[bool, str | None]:
        async with self._sem:
            res = await post_json(
                rule.webhook.url,
                payload,
                secret=rule.webhook.secret,
                delivery_id=state.delivery_key(
                    rule.name, kind, "webhook", str(payload.get("event_id") or payload.get("date"))
                ),
                kind=kind,
                attempts=self.options.webhook_attempts,
                backoff=self.options.webhook_backoff,
                contact=self.options.user_agent_contact,
            )
        state.finish(self.engine, did, res.ok, res.error)
        return res.ok, None if res.ok else f"{rule.name}: webhook {rule.webhook.url}: {res.error}"

    async def _email(self, did: int, rule: AlertRule, payload: dict[str, Any]) -> tuple[bool, str | None]:
        subject, text, html = alert_email(payload)
        msg = mail.build_message(self.config.smtp, rule.email, subject, text, html)
        return await self._send_mail(did, rule, msg)

    async def _send_mail(self, did: int, rule: AlertRule, msg) -> tuple[bool, str | None]:
        try:
            async with self._sem:
                await asyncio.to_thread(mail.send, self.config.smtp, msg)
        except Exception as e:  # smtplib raises SMTPException, OSError, ssl errors…: all mean "not sent"
            error = f"{e.__class__.__name__}: {e}"
            state.finish(self.engine, did, False, error)
            logger.warning("alert %s: e-mail to %s failed: %s", rule.name, ", ".join(rule.email), error)
            return False, f"{rule.name}: e-mail: {error}"
        state.finish(self.engine, did, True)
        return True, None

    async def _retry(self, rules: list[AlertRule]) -> int:
        """Deliveries that failed (or were cut short by a crash), when their wait is over."""
        by_name = {r.name: r for r in rules}
        done = 0
        for row in state.retryable(self.engine, self.options.delivery_retries + 1):
            rule = by_name.get(row["rule"])
            if rule is None or row["kind"] != "alert":
                continue  # digests are rebuilt by their own schedule; a deleted rule sends nothing
            tried = row["tried_at"] or row["created_at"]
            wait = self.options.webhook_backoff * 2 ** (row["attempts"] + 2)
            if tried and now() - dt.datetime.fromisoformat(tried) < dt.timedelta(seconds=wait):
                continue
            event = self.store.get_event(row["event_id"])
            if event is None:
                continue
            payload = alert_payload(
                rule.name, event, ev_read.documents_for(self.store, event), self.public_url, "new"
            )
            if row["channel"] == "webhook" and rule.webhook:
                await self._webhook(row["id"], rule, payload)
            elif row["channel"] == "email" and rule.email and self.config.smtp:
                await self._email(row["id"], rule, payload)
            done += 1
        return done
