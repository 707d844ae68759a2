"""What alerting remembers in the store: the rules in force, every delivery, and how far it has read.

Created with SQLAlchemy Core ``create_all`` on the store's engine (beside the store's own
tables, not in its migration). A delivery has a unique key — rule, kind, channel and the
event (or the digest's day) — so a restart or a second round never sends the same alert
twice, and a failed one is retried a bounded number of times.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

import sqlalchemy as sa

from rasd.alerts.rules import AlertRule, parse_rule
from rasd.watch.state import _create_all, iso, now, write_lock
from rasd.watch.yamlcheck import Checker, ConfigError, LDict, load_lines

logger = logging.getLogger(__name__)

metadata = sa.MetaData()

rules = sa.Table(
    "alert_rules",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("spec", sa.Text, nullable=False),  # the rule as YAML/JSON text (no secrets: secret_env only)
    sa.Column("origin", sa.String(8), nullable=False),  # file | page
    sa.Column("file_hash", sa.String(64)),  # the file's version last applied (a later file edit wins)
    sa.Column("updated_by", sa.Text),
    sa.Column("updated_at", sa.String(40)),
)
deliveries = sa.Table(
    "alert_deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    sa.Column("rule", sa.String(200), index=True),
    sa.Column("kind", sa.String(8)),  # alert | digest
    sa.Column("channel", sa.String(8)),  # webhook | email
    sa.Column("event_id", sa.String(64)),  # the event (alerts) or the day, YYYY-MM-DD (digests)
    sa.Column("target", sa.Text),
    sa.Column("status", sa.String(8)),  # pending | sent | failed
    sa.Column("attempts", sa.Integer, default=0),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", sa.String(40)),
    sa.Column("tried_at", sa.String(40)),
    sa.Column("sent_at", sa.String(40)),
)
cursors = sa.Table(
    "alert_cursors",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(80)),
)


def ensure_tables(engine: sa.Engine) -> None:
    _create_all(metadata, engine)


def delivery_key(rule: str, kind: str, channel: str, subject: str) -> str:
    return hashlib.sha256(f"{rule}\x1f{kind}\x1f{channel}\x1f{subject}".encode()).hexdigest()


# rules -------------------------------------------------------------------------------------------
def _spec_text(rule: AlertRule) -> str:
    return json.dumps(rule.to_spec(), ensure_ascii=False, sort_keys=True)


def sync_file_rules(engine: sa.Engine, file_rules: tuple[AlertRule, ...]) -> None:
    """Bring the sources file's rules into the store.

    A rule new in the file is added; a rule whose file text changed since it was last applied
    takes the file's version (even over a page edit: the file was edited after); a rule the
    file no longer has is removed unless an admin created it in the page.
    """
    names = {r.name for r in file_rules}
    with write_lock(engine), engine.begin() as c:
        stored = {r.name: r for r in c.execute(sa.select(rules))}
        for rule in file_rules:
            text = _spec_text(rule)
            h = hashlib.sha256(text.encode()).hexdigest()
            row = stored.get(rule.name)
            values = dict(
                spec=text, origin="file", file_hash=h, updated_by="sources file", updated_at=iso(now())
            )
            if row is None:
                c.execute(rules.insert().values(name=rule.name, **values))
            elif row.file_hash != h:
                c.execute(rules.update().where(rules.c.name == rule.name).values(**values))
        for name, row in stored.items():
            if name not in names and row.origin == "file":
                c.execute(rules.delete().where(rules.c.name == name))


def parse_rule_text(text: str, source: str, env: dict[str, str] | None = None) -> AlertRule:
    """One rule from YAML (or JSON) text, as the page's editor sends it.

    Raises:
        ConfigError: with each problem's line in ``text``.
    """
    doc = load_lines(text, source)
    chk = Checker()
    d = chk.mapping(doc, "the rule", 1)
    rule = parse_rule(d, chk, "the rule", env=env) if isinstance(d, LDict) else None
    if chk.problems or rule is None:
        raise ConfigError(source, chk.problems or [(1, "no rule")])
    return rule


def load_rules(engine: sa.Engine, env: dict[str, str] | None = None) -> list[AlertRule]:
    """The rules in force (a stored rule that no longer validates is logged and left out)."""
    out = []
    with engine.connect() as c:
        rows = c.execute(sa.select(rules.c.name, rules.c.spec).order_by(rules.c.name)).all()
    for name, spec in rows:
        try:
            out.append(parse_rule_text(spec, f"alert rule {name!r}", env if env is not None else {}))
        except ConfigError as e:
            logger.warning("alert rule %r left out: %s", name, e)
    return out


def rule_rows(engine: sa.Engine) -> list[dict[str, Any]]:
    with engine.connect() as c:
        return [dict(r) for r in c.execute(sa.select(rules).order_by(rules.c.name)).mappings()]


def save_page_rule(engine: sa.Engine, rule: AlertRule, user: str) -> None:
    values = dict(spec=_spec_text(rule), origin="page", updated_by=user, updated_at=iso(now()))
    with write_lock(engine), engine.begin() as c:
        if c.execute(rules.update().where(rules.c.name == rule.name).values(**values)).rowcount == 0:
            c.execute(rules.insert().values(name=rule.name, file_hash=None, **values))


def delete_rule(engine: sa.Engine, name: str) -> bool:
    with write_lock(engine), engine.begin() as c:
        return c.execute(rules.delete().where(rules.c.name == name)).rowcount > 0


# deliveries --------------------------------------------------------------------------------------
def claim(engine: sa.Engine, *, rule: str, kind: str, channel: str, subject: str, target: str) -> int | None:
    """Register a delivery; its row id, or None when it was already made (or given up)."""
    key = delivery_key(rule, kind, channel, subject)
    with write_lock(engine), engine.begin() as c:
        if c.execute(sa.select(deliveries.c.id).where(deliveries.c.key == key)).first():
            return None
        try:
            res = c.execute(
                deliveries.insert().values(
                    key=key,
                    rule=rule,
                    kind=kind,
                    channel=channel,
                    event_id=subject,
                    target=target,
                    status="pending",
                    attempts=0,
                    created_at=iso(now()),
                )
            )
        except sa.exc.IntegrityError:
            return None
        return int(res.inserted_primary_key[0])


def finish(engine: sa.Engine, delivery_id: int, ok: bool, error: str | None = None) -> None:
    with write_lock(engine), engine.begin() as c:
        c.execute(
            deliveries.update()
            .where(deliveries.c.id == delivery_id)
            .values(
                status="sent" if ok else "failed",
                attempts=deliveries.c.attempts + 1,
                last_error=None if ok else (error or "")[:2000],
                tried_at=iso(now()),
                sent_at=iso(now()) if ok else None,
            )
        )


def retryable(engine: sa.Engine, max_attempts: int) -> list[dict[str, Any]]:
    """Failed (or interrupted) deliveries still worth another try."""
    with engine.connect() as c:
        rows = c.execute(
            sa.select(deliveries).where(
                deliveries.c.status.in_(("failed", "pending")), deliveries.c.attempts < max_attempts
            )
        ).mappings()
        return [dict(r) for r in rows]


def recent_deliveries(engine: sa.Engine, limit: int = 100) -> list[dict[str, Any]]:
    with engine.connect() as c:
        rows = c.execute(sa.select(deliveries).order_by(deliveries.c.id.desc()).limit(limit)).mappings()
        return [dict(r) for r in rows]


# cursors -----------------------------------------------------------------------------------------
def get_cursor(engine: sa.Engine, name: str) -> str | None:
    with engine.connect() as c:
        row = c.execute(sa.select(cursors.c.value).where(cursors.c.name == name)).first()
    return row[0] if row else None


def set_cursor(engine: sa.Engine, name: str, value: str) -> None:
    with write_lock(engine), engine.begin() as c:
        if c.execute(cursors.update().where(cursors.c.name == name).values(value=value)).rowcount == 0:
            c.execute(cursors.insert().values(name=name, value=value))
