"""Accounts, roles, API tokens and page sessions, kept in the store beside the record they protect.

Passwords are hashed with argon2id (argon2-cffi); API tokens and session cookies are random 256-bit
strings of which only the sha256 is stored, so a copy of the database gives no way in. Roles:

- ``viewer``: reads events, documents and exports (also possible anonymously when reading is open);
- ``reviewer``: also confirms, edits and rejects events and submits reports;
- ``admin``: everything (accounts are managed from the command line: ``rasd users``).

Example: ``accounts.add_user("huda", "a long passphrase", "reviewer")``, then
``accounts.verify_password("huda", "a long passphrase").role == "reviewer"``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from rasd.errors import AuthError
from rasd.store import schema as t

Role = Literal["viewer", "reviewer", "admin"]
ROLES: tuple[str, ...] = ("viewer", "reviewer", "admin")
#: What each role may do, cumulative: a reviewer can do what a viewer can.
RANK = {"viewer": 1, "reviewer": 2, "admin": 3}
MIN_PASSWORD = 10
TOKEN_PREFIX = "rasd_"
_NAME = re.compile(r"^[\w.@-]{1,64}$")
#: argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane): ~50 ms a login here, costly to guess at
#: scale. Each hash records its parameters, so raising them later re-hashes on the next sign-in.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
#: Verified against when the user does not exist, so a wrong name takes as long as a wrong password.
_DUMMY = _HASHER.hash("not a password of anyone")


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """True when this user's role includes ``role`` (``admin`` includes ``reviewer`` and ``viewer``)."""
        return RANK[self.role] >= RANK[role]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Accounts:
    """Account operations on one store's engine (``store.accounts``)."""

    def __init__(self, engine: sa.Engine, writer) -> None:
        self.engine = engine
        self._write = writer  # the store's retrying write transaction

    # users -----------------------------------------------------------------
    def add_user(self, name: str, password: str, role: str) -> User:
        """Create an account.

        Raises:
            AuthError: a bad name or role, a password under ``MIN_PASSWORD`` characters, or the name taken.
        """
        _check_name(name)
        _check_role(role)
        _check_password(password, name)
        digest = _HASHER.hash(password)

        def tx(c: sa.Connection) -> User:
            if c.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).first():
                raise AuthError("an account with this name exists", source=name, code="exists")
            uid = c.execute(
                t.users.insert().values(
                    name=name, role=role, password_hash=digest, created_at=_now().isoformat()
                )
            ).inserted_primary_key[0]
            return User(int(uid), name, role)

        return self._write(tx)

    def set_password(self, name: str, password: str) -> None:
        _check_password(password, name)
        digest = _HASHER.hash(password)
        self._update(name, password_hash=digest)
        self.end_sessions(name)

    def set_role(self, name: str, role: str) -> None:
        _check_role(role)
        self._update(name, role=role)

    def set_disabled(self, name: str, disabled: bool) -> None:
        self._update(name, disabled=disabled)
        if disabled:
            self.end_sessions(name)

    def _update(self, name: str, **values) -> None:
        def tx(c: sa.Connection) -> None:
            if c.execute(t.users.update().where(t.users.c.name == name).values(**values)).rowcount == 0:
                raise AuthError("no such account", source=name, code="no-account")

        self._write(tx)

    def remove_user(self, name: str) -> None:
        def tx(c: sa.Connection) -> None:
            uid = c.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).scalar()
            if uid is None:
                raise AuthError("no such account", source=name, code="no-account")
            c.execute(t.api_tokens.delete().where(t.api_tokens.c.user_id == uid))
            c.execute(t.sessions.delete().where(t.sessions.c.user_id == uid))
            c.execute(t.users.delete().where(t.users.c.id == uid))

        self._write(tx)

    def list_users(self) -> list[dict]:
        u, k = t.users.c, t.api_tokens.c
        tokens = sa.select(sa.func.count()).where(k.user_id == u.id).scalar_subquery()
        with self.engine.connect() as c:
            rows = c.execute(
                sa.select(u.name, u.role, u.disabled, u.created_at, tokens.label("tokens")).order_by(u.name)
            ).mappings()
            return [dict(r) for r in rows]

    def count(self) -> int:
        """Active accounts: ``rasd serve`` refuses to listen beyond loopback while there are none."""
        with self.engine.connect() as c:
            return int(
                c.execute(
                    sa.select(sa.func.count()).select_from(t.users).where(~t.users.c.disabled)
                ).scalar_one()
            )

    def verify_password(self, name: str, password: str) -> User | None:
        """The account when ``password`` is right (and the account enabled), else None; constant effort."""
        with self.engine.connect() as c:
            row = c.execute(
                sa.select(t.users.c.id, t.users.c.role, t.users.c.password_hash, t.users.c.disabled).where(
                    t.users.c.name == name
                )
            ).first()
        try:
            _HASHER.verify(row.password_hash if row else _DUMMY, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or row.disabled:
            return None
        if _HASHER.check_needs_rehash(row.password_hash):
            self._update(name, password_hash=_HASHER.hash(password))
        return User(int(row.id), name, row.role)

    # API tokens ------------------------------------------------------------
    def create_token(self, name: str, label: str = "") -> str:
        """A new API token for ``name`` (``Authorization: Bearer rasd_…``); shown once, stored as its hash."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)

        def tx(c: sa.Connection) -> None:
            uid = c.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).scalar()
            if uid is None:
                raise AuthError("no such account", source=name, code="no-account")
            c.execute(
                t.api_tokens.insert().values(
                    user_id=uid, token_hash=_digest(token), label=label, created_at=_now().isoformat()
                )
            )

        self._write(tx)
        return token

    def revoke_tokens(self, name: str) -> int:
        """Revoke every token of ``name``; returns how many."""

        def tx(c: sa.Connection) -> int:
            uid = c.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).scalar()
            if uid is None:
                raise AuthError("no such account", source=name, code="no-account")
            return c.execute(t.api_tokens.delete().where(t.api_tokens.c.user_id == uid)).rowcount

        return self._write(tx)

    def user_for_token(self, token: str) -> User | None:
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        u, k = t.users.c, t.api_tokens.c
        with self.engine.connect() as c:
            row = c.execute(
                sa.select(u.id, u.name, u.role)
                .select_from(t.api_tokens.join(t.users, k.user_id == u.id))
                .where(k.token_hash == _digest(token), ~u.disabled)
            ).first()
        return User(int(row.id), row.name, row.role) if row else None

    # page sessions ---------------------------------------------------------
    def create_session(self, user: User, hours: float) -> tuple[str, str]:
        """(session cookie value, CSRF token) for a page login lasting ``hours``."""
        session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = _now()

        def tx(c: sa.Connection) -> None:
            c.execute(t.sessions.delete().where(t.sessions.c.expires_at < now.isoformat()))
            c.execute(
                t.sessions.insert().values(
                    token_hash=_digest(session),
                    user_id=user.id,
                    csrf=csrf,
                    created_at=now.isoformat(),
                    expires_at=(now + dt.timedelta(hours=hours)).isoformat(),
                )
            )

        self._write(tx)
        return session, csrf

    def session(self, cookie: str) -> tuple[User, str] | None:
        """(user, CSRF token) of a live session cookie, else None."""
        if not cookie or len(cookie) > 200:
            return None
        u, s = t.users.c, t.sessions.c
        with self.engine.connect() as c:
            row = c.execute(
                sa.select(u.id, u.name, u.role, s.csrf)
                .select_from(t.sessions.join(t.users, s.user_id == u.id))
                .where(s.token_hash == _digest(cookie), s.expires_at > _now().isoformat(), ~u.disabled)
            ).first()
        return (User(int(row.id), row.name, row.role), row.csrf) if row else None

    def end_session(self, cookie: str) -> None:
        self._write(
            lambda c: c.execute(t.sessions.delete().where(t.sessions.c.token_hash == _digest(cookie)))
        )

    def end_sessions(self, name: str) -> None:
        def tx(c: sa.Connection) -> None:
            uid = sa.select(t.users.c.id).where(t.users.c.name == name).scalar_subquery()
            c.execute(t.sessions.delete().where(t.sessions.c.user_id == uid))

        self._write(tx)


def _check_name(name: str) -> None:
    if not _NAME.match(name or ""):
        raise AuthError(
            "an account name is 1–64 letters, digits, '.', '_', '@' or '-'",
            source=name or "",
            code="bad-name",
        )


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AuthError(f"role {role!r} is not one of {', '.join(ROLES)}", source=role, code="bad-role")


def _check_password(password: str, name: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AuthError(
            f"a password needs at least {MIN_PASSWORD} characters", source=name, code="weak-password"
        )
    if password.strip().lower() == name.lower():
        raise AuthError("the password may not be the account name", source=name, code="weak-password")
