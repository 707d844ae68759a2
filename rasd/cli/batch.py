"""CLI: ``rasd batch`` — shards in, a deduplicated Parquet dataset out, on Dask."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import fail_line

_SHOWN = 20  # failure lines printed; the rest are in DIR/failures


def register(app: typer.Typer) -> None:
    """Add ``batch`` to ``app``."""
    app.command("batch")(batch)


def batch(
    shards: Annotated[
        list[str],
        typer.Argument(help="Shards: WARC, WARC.gz, JSONL, JSONL.gz files, directories of pages, globs."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Directory of the Parquet datasets and the manifest.")],
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Local worker processes (default: one per core).")
    ] = None,
) -> None:
    """Process shards on Dask into Parquet datasets (documents, events, mentions, failures) under --out.

    One task per shard; each worker loads the knowledge bases once. Events are deduplicated across
    shards with the store's merge rules. Kill it at any point and run it again: finished shards are
    kept; a rerun of a finished batch does nothing. Exit 1 if any report failed.

    Example: rasd batch archive/*.warc.gz feeds/*.jsonl.gz --out batch/ --workers 8
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from rasd.scale import dask_client, run_batch
    from rasd.scale.shards import expand_shards
    from rasd.settings import from_environment

    if scheduler and workers:
        typer.echo("error: give --scheduler or --workers, not both", err=True)
        raise typer.Exit(2)
    logging.getLogger("distributed").setLevel(logging.WARNING)  # the local scheduler's INFO lines
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)  # a line per shuffle started and ended
    settings = from_environment()
    err = Console(stderr=True)
    total = len(expand_shards(shards))
    with dask_client(settings, scheduler=scheduler, workers=workers) as client:
        err.print(f"Dask dashboard: {client.dashboard_link}")
        with Progress(
            TextColumn("[bold]rasd batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
        ) as bar:
            task = bar.add_task("shards", total=total)

            def on_shard(result, path: str) -> None:
                bar.advance(task)
                what = "failed" if result is None else f"{result.documents} docs, {result.events} events"
                bar.update(task, description=f"{Path(path).name[:40]}: {what}")

            def on_step(name: str) -> None:
                bar.update(task, completed=total, description=f"{name}…")

            summary = run_batch(shards, out, settings, client, on_shard=on_shard, on_step=on_step)
    for path, reason in summary.shards_failed:
        typer.echo(fail_line(path, "shard-failed", reason), err=True)
    if summary.failures:
        import pyarrow.dataset as ds

        shown = ds.dataset(out / "failures", format="parquet").head(_SHOWN).to_pylist()
        for f in shown:
            typer.echo(fail_line(f["source"], f["code"], f["message"]), err=True)
        if summary.failures > len(shown):
            typer.echo(f"… and {summary.failures - len(shown)} more in {out / 'failures'}", err=True)
    if not summary.shards_done_now and not summary.published:
        typer.echo(f"nothing to do: every shard is done and published in {out}")
    typer.echo(
        f"shards: {summary.shards} ({summary.shards_done_now} done now, {summary.shards_done_before} before, "
        f"{len(summary.shards_failed)} failed); reports: {summary.records}; documents: {summary.documents} "
        f"({summary.copies_dropped} repeated copies left out, {summary.near_duplicates} near duplicates); "
        f"events: {summary.events} ({summary.events_extracted} extracted, {summary.events_merged} merged "
        f"across reports); failures: {summary.failures} (in {out / 'failures'})"
    )
    if summary.seconds:
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in summary.seconds.items())
        typer.echo(f"time: {steps}; worker peak memory {summary.worker_peak_rss_mib:.0f} MiB")
    if summary.failures or summary.shards_failed:
        raise typer.Exit(1)
