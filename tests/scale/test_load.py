"""``rasd load``: a batch's datasets into a real SQLite file and a real PostgreSQL server, idempotently."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.scale import run_batch
from rasd.scale.load import load_dataset
from rasd.store import EventFilter


@pytest.fixture(scope="module")
def finished(tmp_path_factory, shard_files, settings, dask_client):
    out = tmp_path_factory.mktemp("load") / "out"
    return out, run_batch(shard_files["shards"], out, settings, dask_client)


def test_load_into_each_backend_twice_adds_nothing_the_second_time(store, finished):
    out, summary = finished
    first = load_dataset(out, store)
    assert (first.documents, first.events, first.merges) == (
        summary.documents,
        summary.events,
        summary.events_merged,
    )
    assert first.mentions > first.documents
    again = load_dataset(out, store)
    assert (again.documents, again.events, again.merges, again.failures) == (0, 0, 0, 0)
    assert again.documents_present == summary.documents and again.events_present == summary.events
    counts = store.counts()
    assert counts["documents"] == summary.documents and counts["events"] == summary.events
    assert counts["merges"] == summary.events_merged
    # the map's queries work on the loaded events, full-text search included
    events, total = store.query_events(EventFilter(country="SY", limit=1000))
    assert total > 0 and all(e.location and e.location.country == "SY" for e in events)
    found, _ = store.query_events(EventFilter(text="سراقب", limit=1000))
    assert found and all(e.location is not None for e in found)
    merged = [e for e in store.query_events(EventFilter(limit=1000))[0] if len(e.doc_ids) > 1]
    assert merged and store.merge_reasons(merged[0].event_id)


def test_load_cli_and_a_directory_that_is_no_batch(tmp_path, finished):
    out, summary = finished
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    result = CliRunner().invoke(app, ["load", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert f"events: {summary.events} loaded" in result.output
    result = CliRunner().invoke(app, ["load", str(tmp_path), "--db", db])
    assert result.exit_code != 0
    assert "not a finished rasd batch" in str(result.exception) + result.output
