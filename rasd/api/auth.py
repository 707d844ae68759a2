"""Who is asking, and may they: API tokens, page sessions with CSRF tokens, roles, and open or closed reading.

- Scripts send ``Authorization: Bearer rasd_…`` (``rasd users token NAME``). A token is not sent by a browser
  on its own, so token requests need no CSRF token.
- The page logs in (``POST /api/login``) and gets an HttpOnly, SameSite=Strict session cookie plus a CSRF
  token it must echo in ``X-CSRF-Token`` on every write: a cookie alone never authorises a write.
- Reading is open unless ``read_requires_login``; writing always needs an account of the right role
  (``reviewer`` to review or submit). The audit records the authenticated account, never a name the request
  gives.

Example: ``@router.patch(..., dependencies=[Depends(require("reviewer"))])``; ``user: ReviewerDep``.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from rasd.store.accounts import User

SESSION_COOKIE = "rasd_session"
CSRF_HEADER = "x-csrf-token"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def _unauthorised(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": 'Bearer realm="rasd"'})


def authenticate(request: Request) -> User | None:
    """The account behind this request (token or session cookie), None when anonymous.

    A token or cookie that is present but wrong is a 401, not anonymity: a script with a revoked token
    should hear so rather than silently read as nobody. The session's CSRF token is kept on
    ``request.state.csrf`` for ``require``.
    """
    if hasattr(request.state, "user"):
        return request.state.user
    accounts = request.app.state.store.accounts
    user: User | None = None
    request.state.csrf = None
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorised("Authorization must be 'Bearer <token>'")
        user = accounts.user_for_token(token.strip())
        if user is None:
            raise _unauthorised("unknown or revoked API token")
        request.state.via = "token"
    elif request.cookies.get(SESSION_COOKIE):
        found = accounts.session(request.cookies[SESSION_COOKIE])
        if found is not None:  # an expired cookie is just anonymity: the page asks to sign in again
            user, request.state.csrf = found
            request.state.via = "session"
    request.state.user = user
    return user


def _check_csrf(request: Request) -> None:
    if request.method in _SAFE or getattr(request.state, "via", None) != "session":
        return
    sent = request.headers.get(CSRF_HEADER, "")
    expected = request.state.csrf or ""
    if not sent or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(403, "missing or wrong CSRF token (X-CSRF-Token): reload the page")


def require(role: str):
    """A dependency: the request's account, which must hold ``role`` (401 anonymous, 403 too weak)."""

    def dependency(request: Request) -> User:
        user = authenticate(request)
        if user is None:
            raise _unauthorised(f"sign in: this needs a {role} account")
        _check_csrf(request)
        if not user.can(role):
            raise HTTPException(403, f"the account {user.name!r} is a {user.role}; this needs a {role}")
        return user

    dependency.__name__ = f"require_{role}"
    return dependency


def reader(request: Request) -> User | None:
    """Reading: open to anyone unless ``read_requires_login``, then any account (a viewer at least)."""
    user = authenticate(request)
    if user is None and request.app.state.settings.read_requires_login:
        raise _unauthorised("sign in: reading this store needs an account")
    return user


ReviewerDep = Annotated[User, Depends(require("reviewer"))]
ReaderDep = Annotated[User | None, Depends(reader)]


class LoginThrottle:
    """At most ``limit`` failed logins per account name and per client address in ``window`` seconds.

    Kept in memory: it slows password guessing against one server process, which is what a login form
    can do; argon2's cost does the rest.
    """

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def succeeded(self, name_key: str) -> None:
        with self._lock:
            self._failures.pop(name_key, None)
