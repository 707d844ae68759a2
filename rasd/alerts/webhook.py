"""Webhook delivery: JSON POSTed with an HMAC-SHA256 signature, retried with backoff.

Headers a receiver can rely on:

- ``X-Rasd-Delivery``: the delivery's id (the same on every retry: receivers can drop repeats);
- ``X-Rasd-Timestamp``: Unix seconds when signed;
- ``X-Rasd-Signature``: ``sha256=`` + hex HMAC-SHA256 of ``"{timestamp}.{body}"`` with the rule's
  secret (only when the rule has one) — ``verify_signature`` checks it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx

from rasd.watch.fetch import user_agent

logger = logging.getLogger(__name__)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_signature(
    secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: float = 300.0
) -> bool:
    """Whether ``signature`` is ours for ``body`` and ``timestamp`` is recent (a replay is refused)."""
    try:
        fresh = abs(time.time() - float(timestamp)) <= tolerance
    except ValueError:
        return False
    return fresh and hmac.compare_digest(sign(secret, timestamp, body), signature)


@dataclass(frozen=True, slots=True)
class Result:
    ok: bool
    attempts: int
    error: str | None = None


async def post_json(
    url: str,
    payload: dict[str, Any],
    *,
    secret: str | None,
    delivery_id: str,
    kind: str = "alert",
    attempts: int = 4,
    backoff: float = 1.0,
    timeout: float = 10.0,
    contact: str = "",
) -> Result:
    """POST ``payload``; a network error, 429 or 5xx is retried after backoff·2^n seconds, a 4xx is final."""
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    error = None
    async with httpx.AsyncClient(timeout=timeout, trust_env=False) as client:
        for n in range(attempts):
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": user_agent(contact),
                "X-Rasd-Delivery": delivery_id,
                "X-Rasd-Event": kind,
                "X-Rasd-Timestamp": ts,
            }
            if secret:
                headers["X-Rasd-Signature"] = sign(secret, ts, body)
            try:
                r = await client.post(url, content=body, headers=headers)
            except httpx.HTTPError as e:
                error = f"{e.__class__.__name__}: {e}"
            else:
                if r.status_code < 300:
                    return Result(True, n + 1)
                error = f"HTTP {r.status_code}"
                if r.status_code < 500 and r.status_code != 429:
                    return Result(False, n + 1, error)
            if n + 1 < attempts:
                await asyncio.sleep(backoff * 2**n)
    logger.warning("webhook %s failed after %d attempts: %s", url, attempts, error)
    return Result(False, attempts, error)
