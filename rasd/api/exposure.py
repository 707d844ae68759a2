"""Whether ``rasd serve`` may listen where it is asked to, and what it must warn about.

On loopback only this machine reaches the server. Beyond it, anyone on the network does: without a
single account nobody could review and reading would be open to all, so the server refuses to start
unless explicitly told (``--allow-no-accounts``), and then warns.

Example: ``check_exposure(settings.replace(host="0.0.0.0"), accounts=0, allow_no_accounts=False)``
raises ``AuthError``.
"""

from __future__ import annotations

import ipaddress

from rasd.api.guard import allowed_hosts
from rasd.errors import AuthError
from rasd.settings import Settings


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(settings: Settings, accounts: int, allow_no_accounts: bool) -> list[str]:
    """The warnings to print before serving; raises ``AuthError`` when serving would be unsafe.

    Raises:
        AuthError: listening beyond loopback with no account and without ``allow_no_accounts``.
    """
    warnings: list[str] = []
    if is_loopback(settings.host):
        if accounts == 0:
            warnings.append("no accounts yet: reviewing needs one (rasd users add NAME --role reviewer)")
        return warnings
    if accounts == 0 and not allow_no_accounts:
        raise AuthError(
            f"refusing to listen on {settings.host} (beyond this machine) with no accounts: add one "
            "(rasd users add NAME --role reviewer) or pass --allow-no-accounts",
            source=settings.host,
            code="exposed",
        )
    warnings.append(f"listening on {settings.host}: reachable from other machines")
    if accounts == 0:
        warnings.append("no accounts: anyone who reaches the server reads everything, nobody can review")
    elif not settings.read_requires_login:
        warnings.append(
            "reading needs no account (read_requires_login = false): anyone reaching it reads all"
        )
    if allowed_hosts(settings) is None:
        warnings.append(
            "any Host header is answered: set allowed_hosts (RASD_ALLOWED_HOSTS) to this server's names"
        )
    warnings.append("rasd serves plain HTTP: put it behind a TLS proxy before passwords cross a network")
    return warnings
