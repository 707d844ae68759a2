"""Forgiving filters, the same in `rasd export` and the API: country by ISO2/ISO3/English/Arabic name, types in
any case, actors by id, name or alias, several values, fatalities ≥ N, interaction; warnings for no match."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rasd.cli import app
from rasd.export.query import FilterRequest, resolve
from rasd.store.sql import SqlStore
from tests.export.export_store import fill, make_events


@pytest.fixture(scope="module")
def db(tmp_path_factory, settings) -> str:
    path = tmp_path_factory.mktemp("filters") / "f.sqlite"
    store = SqlStore(f"sqlite:///{path}", settings)
    fill(store)
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def events():
    return make_events()[1]


def _ids(store, **kw) -> set[str]:
    r = resolve(FilterRequest(**kw), store)
    return {e.event_id for e in r.select(store)}


def test_resolve_forgiving_values(db, settings, events):
    store = SqlStore(f"sqlite:///{db}", settings)
    try:
        syria = {e.event_id for e in events if e.location and e.location.country == "SY"}
        assert syria
        for v in ("SY", "sy", "SYR", "Syria", "syria", "سوريا", "سورية"):
            assert _ids(store, country=(v,)) == syria, v
        iraq = {e.event_id for e in events if e.location and e.location.country == "IQ"}
        assert _ids(store, country=("Syria", "IQ")) == syria | iraq
        assert _ids(store, country=("Syria,Iraq",)) == syria | iraq
        battles = {e.event_id for e in events if e.event_type == "Battles"}
        assert _ids(store, event_type=("battles",)) == _ids(store, event_type=("BATTLES",)) == battles
        protests = {e.event_id for e in events if e.event_type == "Protests"}
        assert _ids(store, event_type=("battles", "protests")) == battles | protests
        assert _ids(store, sub_event_type=("armed clash",)) == battles
        isis = {
            e.event_id
            for e in events
            if any(a and a.kb_id == "isis" for a in (e.actor1, e.actor2, *e.assoc_actor1))
        }
        for v in ("isis", "داعش", "تنظيم الدولة", "Islamic State"):
            assert _ids(store, actor=(v,)) == isis, v
        assert _ids(store, min_fatalities=8) == {e.event_id for e in events if e.fatalities.best >= 8}
        assert _ids(store, interaction=(12,)) == {e.event_id for e in events if e.interaction == 12} != set()
        r = resolve(FilterRequest(country=("Narnia",)), store)
        assert r.select(store) == [] and "Narnia" in r.warnings[0]
        r = resolve(FilterRequest(event_type=("picnics",)), store)
        assert r.select(store) == [] and "picnics" in r.warnings[0] and "Battles" in r.warnings[0]
        r = resolve(FilterRequest(country=("Egypt",)), store)  # a real country, nothing stored there
        assert r.select(store) == [] and "no stored event" in r.warnings[0]
        r = resolve(
            FilterRequest(country=("Syria", "Narnia")), store
        )  # one good value: its events, one warning
        assert {e.event_id for e in r.select(store)} == syria and len(r.warnings) == 1
        assert resolve(FilterRequest(country=("SY",), actor=("isis",)), store).warnings == ()
    finally:
        store.close()


def test_cli_filters_and_warning_line(db, settings, monkeypatch, events):
    monkeypatch.setenv("RASD_CACHE_DIR", settings.cache_dir)
    runner = CliRunner()
    r = runner.invoke(
        app, ["export", "--db", db, "--format", "jsonl", "--country", "سوريا", "--event-type", "battles"]
    )
    assert r.exit_code == 0 and r.stderr == ""
    got = [json.loads(x) for x in r.stdout.splitlines()]
    assert got and all(e["event_type"] == "Battles" and e["location"]["country"] == "SY" for e in got)
    r = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--actor", "داعش", "--actor", "قسد"])
    assert len(r.stdout.splitlines()) == sum(
        any(a and a.kb_id in ("isis", "sdf") for a in (e.actor1, e.actor2, *e.assoc_actor1)) for e in events
    )
    r = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--country", "Atlantis"])
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.startswith("warning: country 'Atlantis'")
    r = runner.invoke(
        app, ["export", "--db", db, "--format", "jsonl", "--min-fatalities", "9", "--interaction", "27"]
    )
    assert {json.loads(x)["event_id"] for x in r.stdout.splitlines()} == {
        e.event_id for e in events if e.fatalities.best >= 9 and e.interaction == 27
    }


def test_api_filters_and_warnings(db, settings, resources, events):
    from rasd.api.main import create_app

    store = SqlStore(f"sqlite:///{db}", settings)
    try:
        with TestClient(create_app(settings.replace(allowed_hosts="testserver"), store, resources)) as c:
            syria = sum(1 for e in events if e.location and e.location.country == "SY")
            page = c.get("/api/events", params={"country": "Syria", "limit": 1000}).json()
            assert page["total"] == syria and page["warnings"] == []
            both = c.get("/api/events", params=[("country", "SYR"), ("country", "العراق")]).json()
            assert both["total"] == syria + sum(
                1 for e in events if e.location and e.location.country == "IQ"
            )
            paged = c.get(
                "/api/events", params=[("country", "SYR"), ("country", "IQ"), ("limit", 5), ("offset", 5)]
            )
            assert len(paged.json()["items"]) == 5 and paged.json()["total"] == both["total"]
            none = c.get("/api/events", params={"actor": "nobody-at-all"}).json()
            assert none["total"] == 0 and "nobody-at-all" in none["warnings"][0]
            stats = c.get("/api/stats", params={"event_type": "BATTLES,riots"}).json()
            assert stats["total"] == sum(e.event_type == "Battles" for e in events)
            assert any("Riots" in w for w in stats["warnings"])  # a real type that nothing stored has
            r = c.get("/api/export", params={"format": "jsonl", "min_fatalities": 10})
            assert len(r.text.splitlines()) == sum(e.fatalities.best >= 10 for e in events)
    finally:
        store.close()
