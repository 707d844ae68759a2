"""The per-document time budget: a document that takes too long is a failure and the batch goes on."""

from __future__ import annotations

import dataclasses
import time

import pytest

from rasd.budget import time_budget
from rasd.errors import TimeBudgetError
from rasd.runner import run
from rasd.store.sql import SqlStore

REPORT = (
    "اشتباكات في ريف إدلب\n\n2023.04.{day:02d} | 11:00 إدلب\n\n"
    "اندلعت اشتباكات بين قوات النظام السوري وفصائل المعارضة على محور كفرنبل جنوب إدلب، ما أدى إلى مقتل "
    "{n} عناصر، بحسب مصادر محلية (تقرير {i})."
)


def test_budget_interrupts_a_runaway_block():
    started = time.monotonic()
    with pytest.raises(TimeBudgetError) as e, time_budget(0.2, "loop.txt"):
        while True:
            pass
    assert e.value.source == "loop.txt" and e.value.code == "time-budget"
    assert time.monotonic() - started < 5
    with time_budget(5, "quick.txt"):  # a block within its budget runs untouched, and the timer is cleared
        pass
    time.sleep(0.3)


def test_over_budget_documents_fail_by_name_and_the_rest_are_stored(tmp_path, resources, settings):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(3):
        (reports / f"r{i}.txt").write_text(REPORT.format(day=1 + i, n=2 + i, i=i), encoding="utf-8")
    store = SqlStore(f"sqlite:///{tmp_path / 'b.sqlite'}", settings)
    try:
        tight = dataclasses.replace(resources, settings=settings.replace(document_time_budget_s=1e-6))
        summary = run([reports], store, tight)
        assert [f.code for f in summary.failures] == ["time-budget"] * 3
        assert {f.source for f in summary.failures} == {str(reports / f"r{i}.txt") for i in range(3)}
        summary = run([reports], store, resources)  # with the default budget they all go through
        assert summary.documents_new == 3 and not summary.failures
        assert store.counts()["failures"] == 3
    finally:
        store.close()
