"""The daily digest: summary in Arabic and English with counts, a map PNG, the CSV; sent once a day."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io

from PIL import Image
from typer.testing import CliRunner

from rasd.alerts.digest import build, send_due_digests, window
from rasd.alerts.dispatch import Dispatcher
from rasd.alerts.rules import AlertRule, Digest
from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.store.sql import SqlStore
from rasd.watch import parse_config
from tests.watch.watch_reports import CLASH_HAJIN, SHELLING_SARAQIB, STRIKE_MAYADIN


def _fill(store, resources):
    for i, text in enumerate((STRIKE_MAYADIN, CLASH_HAJIN, SHELLING_SARAQIB)):
        doc = read_text(f"تقرير {i}\n\n{text}", resources.settings, source_uri=f"test://{i}")
        p = process_document(doc, resources)
        store.save_processed(doc, list(p.mentions), list(p.events))


def test_the_digest_counts_maps_and_attaches_the_days_events(tmp_path, settings, resources):
    store = SqlStore(f"sqlite:///{tmp_path / 'd.sqlite'}", settings)
    try:
        _fill(store, resources)
        now = dt.datetime.now(dt.UTC)
        rule = AlertRule("deir", admin1=("Deir ez-Zor",), digest=Digest(at="07:00", tz="UTC"))
        d = build(
            store, rule, now.date().isoformat(), now - dt.timedelta(hours=1), now + dt.timedelta(hours=1)
        )
        assert {e.location.admin1 for e in d.events} == {"Deir ez-Zor"} and len(d.events) == 2
        assert d.by_type == {"Explosions/Remote violence": 1, "Battles": 1}
        assert "معارك 1" in d.text and "Battles 1" in d.text and "الميادين" in d.text and "Hajin" in d.text
        assert d.fatalities == 5
        rows = list(csv.DictReader(io.StringIO(d.csv.decode("utf-8"))))
        assert len(rows) == 2 and {r["event_type"] for r in rows} == set(d.by_type)
        img = Image.open(io.BytesIO(d.png))
        assert img.format == "PNG" and img.width == 640
        # the dots are drawn: the event types' colours are in the picture
        colours = {c for _, c in img.convert("RGB").getcolors(1 << 20)}
        assert (0xD6, 0x27, 0x28) in colours and (0xFF, 0x7F, 0x0E) in colours
        empty = build(store, rule, "2000-01-01", now - dt.timedelta(days=9), now - dt.timedelta(days=8))
        assert not empty.events and "لا أحداث" in empty.text
    finally:
        store.close()


def test_a_due_digest_is_mailed_once_with_map_and_csv(tmp_path, settings, resources, mail_sink):
    store = SqlStore(f"sqlite:///{tmp_path / 'd.sqlite'}", settings)
    config = parse_config(
        f"""
smtp: {{host: 127.0.0.1, port: {mail_sink.port}, sender: rasd@example.org}}
sources: [{{name: x, kind: folder, path: /nonexistent, every: 1m}}]
alerts:
  - {{name: syria, country: SY, email: [desk@example.org], digest: {{at: "00:00", tz: UTC}}}}
"""
    )
    try:
        _fill(store, resources)
        d = Dispatcher(store, config)
        rules = d.rules()
        assert window(rules[0], dt.datetime.now(dt.UTC) + dt.timedelta(days=1)) is not None
        tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        assert asyncio.run(send_due_digests(d, rules, tomorrow)) == 1
        assert asyncio.run(send_due_digests(d, rules, tomorrow)) == 0  # once a day
        (msg,) = mail_sink.messages
        assert "Daily digest" in msg["Subject"] and "3 events" in msg["Subject"]
        parts = {p.get_filename(): p for p in msg.iter_attachments()}
        csv_part = next(p for n, p in parts.items() if n and n.endswith(".csv"))
        assert len(list(csv.DictReader(io.StringIO(csv_part.get_content())))) == 3
        pngs = [p for p in msg.walk() if p.get_content_type() == "image/png"]
        assert pngs and Image.open(io.BytesIO(pngs[0].get_content())).format == "PNG"
        assert "ملخص يومي" in msg.get_body(("plain",)).get_content()
    finally:
        store.close()


def test_rasd_digest_writes_the_files(tmp_path, settings, resources):
    from rasd.cli import app

    db = f"sqlite:///{tmp_path / 'd.sqlite'}"
    store = SqlStore(db, settings)
    _fill(store, resources)
    store.close()
    sources = tmp_path / "s.yaml"
    sources.write_text(
        "sources: [{name: x, kind: folder, path: /nonexistent, every: 1m}]\n"
        "alerts: [{name: idlib, admin1: Idlib, webhook: http://127.0.0.1:9/x}]\n",
        encoding="utf-8",
    )
    today = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    r = CliRunner().invoke(
        app,
        [
            "digest",
            str(sources),
            "--rule",
            "idlib",
            "--db",
            db,
            "--date",
            today.isoformat(),
            "-o",
            str(tmp_path / "out"),
        ],
        env={"RASD_CACHE_DIR": settings.cache_dir},
    )
    assert r.exit_code == 0, r.output
    files = sorted(p.suffix for p in (tmp_path / "out").iterdir())
    assert files == [".csv", ".html", ".png", ".txt"]
    assert "Idlib" in r.output or "إدلب" in r.output
