"""CLI: ``rasd watch`` (live monitoring) and ``rasd digest`` (a rule's daily digest, previewed or sent)."""

from __future__ import annotations

import datetime as dt
import os
import signal
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOption

SourcesArgument = Annotated[
    Path, typer.Argument(help="The sources file (YAML): sources, alerts, options, smtp.")
]


def register(app: typer.Typer) -> None:
    """Add ``watch`` and ``digest`` to ``app``."""
    app.command("watch")(watch)
    app.command("digest")(digest)


def _print_health(engine) -> None:
    from rich.console import Console
    from rich.table import Table

    from rasd.watch.health import health_table, source_health

    table = Table(title="sources")
    for col in (
        "source",
        "status",
        "last success",
        "last error",
        "items",
        "docs",
        "events",
        "lag",
        "next poll",
    ):
        table.add_column(col)
    for row in health_table(source_health(engine)):
        table.add_row(*row)
    Console(width=160).print(table)


def watch(
    sources: SourcesArgument,
    db: DbOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Poll every due source once, deliver alerts, exit (for cron).")
    ] = False,
    every_source: Annotated[
        bool, typer.Option("--all", help="With --once: poll every source, due or not.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Only validate the sources file and list what it holds.")
    ] = False,
    duration: Annotated[
        float | None, typer.Option("--for", help="Stop after this many seconds (default: until Ctrl-C).")
    ] = None,
) -> None:
    """Watch RSS/Atom feeds, pages, sitemaps and folders; code new reports as they appear; send alerts.

    Each source is polled on its own interval, politely (conditional requests, per-host pace,
    backoff on failure, robots.txt, a User-Agent naming rasd). What was seen is remembered in
    the store, so a restart neither repeats nor misses an item. Prints each source's health.
    Exit code 1 with --once when a source failed, 2 when the sources file is invalid.

    Example: rasd watch sources.yaml --db sqlite:///rasd.sqlite --once
    """
    from rasd.settings import from_environment
    from rasd.watch import load_config

    settings = from_environment(db_url=db)
    config = load_config(sources, os.environ, default_tz=settings.default_timezone)
    if check:
        for s in config.sources:
            typer.echo(f"source {s.name}: {s.kind} {s.target} every {s.every:g}s")
        for r in config.alerts:
            channels = [
                c
                for c, on in (
                    ("webhook", r.webhook),
                    ("email", r.email),
                    ("feed", r.feed),
                    ("digest", r.digest),
                )
                if on
            ]
            typer.echo(f"alert {r.name}: on {r.status} events → {', '.join(channels) or 'nothing'}")
        typer.echo(f"{sources}: valid ({len(config.sources)} sources, {len(config.alerts)} alert rules)")
        return

    import asyncio  # here, not at the top: every rasd command imports this module

    from rasd.resources import load_resources
    from rasd.store import open_store

    res = load_resources(settings)
    store = open_store(settings.db_url, settings)
    failed = False
    try:
        failed = asyncio.run(
            _watch(config, store, res, once=once, every_source=every_source, duration=duration)
        )
        _print_health(store.engine)
    finally:
        store.close()
    if once and failed:
        raise typer.Exit(1)


async def _watch(config, store, res, *, once: bool, every_source: bool, duration: float | None) -> bool:
    from rasd.watch import Watcher

    watcher = Watcher(config, store, res, env=dict(os.environ))
    try:
        if once:
            summary = await watcher.run_round(only_due=not every_source)
            for p in summary.polls:
                if p.ok:
                    note = "not modified" if p.not_modified else f"{p.new_items} new item(s)"
                    typer.echo(
                        f"{p.source}: {note}, {p.documents} document(s), {p.events} event(s)"
                        + (f", {p.failures} failed" if p.failures else "")
                    )
                else:
                    typer.echo(f"error: {p.source}: {p.error}", err=True)
            typer.echo(
                f"alerts: {summary.alerts_sent} sent, {summary.alerts_failed} failed; digests: {summary.digests}"
            )
            return bool(summary.failed_sources)
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, watcher.stop)
        typer.echo(f"watching {len(watcher.sources)} source(s); Ctrl-C to stop", err=True)
        await watcher.run(max_seconds=duration)
        return False
    finally:
        await watcher.close()


def digest(
    sources: SourcesArgument,
    rule: Annotated[str, typer.Option("--rule", help="The alert rule's name.")],
    db: DbOption = None,
    date: Annotated[
        str | None, typer.Option(help="The day it is sent on, YYYY-MM-DD (default: today).")
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for the .txt, .html, .png and .csv.")
    ] = Path("."),
    send: Annotated[
        bool, typer.Option("--send", help="Also send it (webhook/e-mail) now, even if sent before.")
    ] = False,
) -> None:
    """Build a rule's daily digest (Arabic/English summary, counts by type and place, map, CSV) into a folder.

    Example: rasd digest sources.yaml --rule deir-ez-zor --date 2024-03-02 -o digests/
    """
    from rasd.alerts import state as alert_state
    from rasd.alerts.digest import build, email, payload, window_for_date
    from rasd.settings import from_environment
    from rasd.store import open_store
    from rasd.watch import load_config

    settings = from_environment(db_url=db)
    config = load_config(sources, os.environ, default_tz=settings.default_timezone)
    chosen = next((r for r in config.alerts if r.name == rule), None)
    store = open_store(settings.db_url, settings)
    try:
        alert_state.ensure_tables(store.engine)
        if chosen is None:
            chosen = next(
                (r for r in alert_state.load_rules(store.engine, dict(os.environ)) if r.name == rule), None
            )
        if chosen is None:
            typer.echo(f"error: no alert rule named {rule!r} in {sources} or the store", err=True)
            raise typer.Exit(2)
        day = dt.date.fromisoformat(date) if date else dt.date.today()
        key, start, end = window_for_date(chosen, day)
        public = config.options.public_url or f"http://{settings.host}:{settings.port}"
        d = build(store, chosen, key, start, end, public)
        output.mkdir(parents=True, exist_ok=True)
        stem = output / f"rasd-{chosen.name}-{key}"
        stem.with_suffix(".txt").write_text(d.text, encoding="utf-8")
        stem.with_suffix(".html").write_text(
            d.html.replace("cid:map", stem.with_suffix(".png").name), encoding="utf-8"
        )
        stem.with_suffix(".png").write_bytes(d.png)
        stem.with_suffix(".csv").write_bytes(d.csv)
        typer.echo(d.text)
        typer.echo(f"wrote {stem}.txt/.html/.png/.csv ({len(d.events)} events)", err=True)
        if send:
            import asyncio as aio

            from rasd.alerts import mail
            from rasd.alerts.webhook import post_json

            if chosen.webhook:
                r = aio.run(
                    post_json(
                        chosen.webhook.url,
                        payload(d),
                        secret=chosen.webhook.secret,
                        delivery_id=f"digest-{chosen.name}-{key}",
                        kind="digest",
                    )
                )
                typer.echo(f"webhook: {'sent' if r.ok else r.error}", err=True)
            if chosen.email and config.smtp:
                mail.send(config.smtp, email(config.smtp, chosen, d))
                typer.echo(f"e-mail: sent to {', '.join(chosen.email)}", err=True)
    finally:
        store.close()
