"""Host and Origin checks, before any route runs.

- **Host** (DNS rebinding): a page on ``evil.example`` whose name is re-pointed at 127.0.0.1 reaches a
  loopback server with ``Host: evil.example``. Only the names in ``allowed_hosts`` are answered — by default
  the loopback names and the address ``rasd serve`` listens on.
- **Origin** (cross-site writes): a write (POST, PUT, PATCH, DELETE) whose ``Origin`` is not this server, or
  that the browser marks ``Sec-Fetch-Site: cross-site``, is refused before it reaches a route. Scripts send
  no Origin and are judged by their token alone.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from rasd.settings import Settings

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def allowed_hosts(settings: Settings) -> frozenset[str] | None:
    """The Host names answered (lower case, no port); None when any is (a wildcard bind with no list)."""
    listed = {h.strip().lower().strip("[]") for h in settings.allowed_hosts.split(",") if h.strip()}
    if "*" in listed:
        return None
    if listed:
        return frozenset(listed)
    if settings.host in _WILDCARDS:
        return None
    return LOOPBACK_NAMES | {settings.host.lower().strip("[]")}


def _hostname(value: str) -> str:
    """``example.org:8765`` → ``example.org``; ``[::1]:8765`` → ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class RequestGuard:
    """ASGI middleware: 400 for a Host not allowed, 403 for a cross-origin write (see the module docstring)."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.hosts = allowed_hosts(settings)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        host = headers.get("host", "")
        if self.hosts is not None and _hostname(host) not in self.hosts:
            await _refuse(send, 400, f"Host {host[:100]!r} is not served here (allowed_hosts)")
            return
        if scope.get("method") in _UNSAFE:
            origin = headers.get("origin")
            if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower()):
                await _refuse(send, 403, f"cross-origin write refused (Origin {origin[:100]!r})")
                return
            if headers.get("sec-fetch-site") == "cross-site":
                await _refuse(send, 403, "cross-site write refused (Sec-Fetch-Site)")
                return
        await self.app(scope, receive, send)


async def _refuse(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
