"""CLI: ``rasd users`` — accounts, roles and API tokens of a store."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rasd.cli.common import DbOption

users = typer.Typer(help="Accounts (viewer, reviewer, admin) and API tokens.", no_args_is_help=True)

NameArgument = Annotated[str, typer.Argument(help="Account name (letters, digits, . _ @ -).")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
]


def register(app: typer.Typer) -> None:
    """Add the ``users`` group to ``app``."""
    app.add_typer(users, name="users")


def _accounts(db: str | None, *, create: bool = False):
    """The store's accounts. Only ``add`` may start a new store; the other commands refuse a mistyped path
    (opening it would create an empty store and report "no accounts")."""
    from rasd.cli.common import require_store
    from rasd.settings import from_environment
    from rasd.store import open_store

    settings = from_environment(db_url=db)
    if not create:
        require_store(settings)
    return open_store(settings.db_url, settings)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users.command("add")
def add(
    name: NameArgument,
    role: Annotated[str, typer.Option(help="viewer, reviewer or admin.")] = "reviewer",
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Create an account; the password is asked for (twice) or read with --password-stdin.

    Example: rasd users add huda --role reviewer
    """
    store = _accounts(db, create=True)
    try:
        user = store.accounts.add_user(name, _password(password_stdin), role)
    finally:
        store.close()
    typer.echo(f"added {user.name} ({user.role})")


@users.command("list")
def list_(db: DbOption = None) -> None:
    """List accounts: name, role, enabled, API tokens, created.

    Example: rasd users list --db sqlite:///rasd.sqlite
    """
    store = _accounts(db)
    try:
        rows = store.accounts.list_users()
    finally:
        store.close()
    for r in rows:
        state = "disabled" if r["disabled"] else "enabled"
        typer.echo(
            f"{r['name']:<24} {r['role']:<9} {state:<9} tokens={r['tokens']}  {r['created_at'] or '-'}"
        )
    if not rows:
        typer.echo("no accounts (writing through the API is impossible until one is added)", err=True)


@users.command("passwd")
def passwd(name: NameArgument, password_stdin: PasswordStdin = False, db: DbOption = None) -> None:
    """Set an account's password (its page sessions end).

    Example: rasd users passwd huda
    """
    store = _accounts(db)
    try:
        store.accounts.set_password(name, _password(password_stdin))
    finally:
        store.close()
    typer.echo(f"password of {name} changed")


@users.command("role")
def role(
    name: NameArgument,
    new_role: Annotated[str, typer.Argument(metavar="ROLE", help="viewer, reviewer or admin.")],
    db: DbOption = None,
) -> None:
    """Change an account's role.

    Example: rasd users role huda admin
    """
    store = _accounts(db)
    try:
        store.accounts.set_role(name, new_role)
    finally:
        store.close()
    typer.echo(f"{name} is now {new_role}")


@users.command("disable")
def disable(
    name: NameArgument,
    enable: Annotated[bool, typer.Option("--enable", help="Enable the account again instead.")] = False,
    db: DbOption = None,
) -> None:
    """Disable an account (its sessions and tokens stop working) or, with --enable, enable it again.

    Example: rasd users disable huda
    """
    store = _accounts(db)
    try:
        store.accounts.set_disabled(name, not enable)
    finally:
        store.close()
    typer.echo(f"{name} {'enabled' if enable else 'disabled'}")


@users.command("remove")
def remove(name: NameArgument, db: DbOption = None) -> None:
    """Delete an account with its tokens and sessions (the audit keeps its name).

    Example: rasd users remove huda
    """
    store = _accounts(db)
    try:
        store.accounts.remove_user(name)
    finally:
        store.close()
    typer.echo(f"removed {name}")


@users.command("token")
def token(
    name: NameArgument,
    label: Annotated[str, typer.Option(help="What the token is for (shown by nothing but the store).")] = "",
    revoke: Annotated[
        bool, typer.Option("--revoke", help="Revoke every token of the account instead.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Print a new API token for scripts (shown once: only its hash is kept), or revoke them all.

    Example: rasd users token huda --label nightly-import  →  curl -H "Authorization: Bearer rasd_…" …
    """
    store = _accounts(db)
    try:
        if revoke:
            typer.echo(f"revoked {store.accounts.revoke_tokens(name)} token(s) of {name}")
            return
        typer.echo(store.accounts.create_token(name, label))
    finally:
        store.close()
