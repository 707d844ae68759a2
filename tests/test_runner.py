"""`rasd run` writes reports in batches per transaction: the same store as one report at a time, and a
report the database refuses fails alone (its batch is written again one report at a time)."""

from __future__ import annotations

import dataclasses
import json

import sqlalchemy as sa

from rasd.errors import StoreError
from rasd.runner import run
from rasd.store.sql import SqlStore

TOWNS = ["هجين", "الميادين", "منبج", "سراقب", "الرقة"]


def _reports(folder) -> None:
    folder.mkdir()
    for i in range(12):
        k = i % 6  # two reports of each happening
        (folder / f"r{i:02d}.txt").write_text(
            f"تقرير {i}\n\n2022.05.{1 + k:02d} | 10:00 دمشق\n\n"
            f"قال ناشطون إن قوات النظام السوري قصفت مدينة {TOWNS[k % 5]} صباح اليوم، ما أسفر عن مقتل "
            f"{k + 2} أشخاص (البلاغ {i}).\n",
            encoding="utf-8",
        )
    (folder / "r99.txt").write_text((folder / "r00.txt").read_text(encoding="utf-8"), encoding="utf-8")


def _content(store) -> tuple:
    """Documents, events (without their timestamps), merges and sources, in a fixed order."""
    with store.engine.connect() as c:
        rows = [
            sorted(tuple(r) for r in c.execute(sa.text(q)))
            for q in (
                "SELECT doc_id, near_duplicate_of FROM documents",
                "SELECT kept_event_id, merged_event_id, reason FROM merges",
                "SELECT event_id, doc_id FROM event_sources",
            )
        ]
        events = sorted(
            json.dumps({k: v for k, v in json.loads(data).items() if not k.endswith("_at")}, sort_keys=True)
            for (data,) in c.execute(sa.text("SELECT data FROM events"))
        )
    return (*rows, events)


def test_batches_store_what_single_writes_store(tmp_path, resources):
    _reports(tmp_path / "in")
    stores = {}
    for batch in (1, 5):
        res = dataclasses.replace(resources, settings=resources.settings.replace(write_batch=batch))
        store = SqlStore(f"sqlite:///{tmp_path / f'b{batch}.sqlite'}", res.settings)
        summary = run([tmp_path / "in"], store, res)
        assert summary.documents_new == 12 and summary.documents_stored_before == 1 and not summary.failures
        stores[batch] = _content(store)
        store.close()
    assert stores[1][1], "the corpus has merges"
    assert stores[1] == stores[5]


def test_a_refused_report_fails_alone(tmp_path, resources, monkeypatch):
    _reports(tmp_path / "in")
    res = dataclasses.replace(resources, settings=resources.settings.replace(write_batch=5))
    store = SqlStore(f"sqlite:///{tmp_path / 'refused.sqlite'}", res.settings)
    real = store._insert_document

    def refusing(c, doc, mentions):
        if "البلاغ 3)" in doc.body:
            raise StoreError("the database refused a value", source=doc.doc_id, code="bad-data")
        return real(c, doc, mentions)

    monkeypatch.setattr(store, "_insert_document", refusing)
    failures = []
    summary = run([tmp_path / "in"], store, res, on_failure=failures.append)
    assert [f.source.rsplit("/", 1)[-1] for f in failures] == ["r03.txt"]
    assert summary.documents_new == 11
    assert store.counts()["documents"] == 11
    store.close()
