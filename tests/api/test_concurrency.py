"""Many writers at once against a real server on loopback (uvicorn in a thread), on SQLite and PostgreSQL.

Concurrent edits of one event: every accepted edit started from the state the previous one left (the audit
is one unbroken chain), nothing committed is reverted, and no request gets a 500. Concurrent submissions,
overlapping on purpose: every report stored once, no 500, no "database is locked".
"""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn

from rasd.api.main import create_app

THREADS = 8
EDITS_EACH = 3
REPORT = (
    "قصف على بلدة {town}\n\n2022.06.{day:02d} | 10:00 إدلب\n\n"
    "قصفت قوات النظام السوري بالمدفعية بلدة {town} جنوب إدلب صباح اليوم، ما أدى إلى مقتل {n} مدنيين "
    "وإصابة آخرين، بحسب الدفاع المدني (بلاغ رقم {i})."
)
TOWNS = ["كفرنبل", "معرة النعمان", "سراقب", "أريحا"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def live(store, settings, resources, sample_text):
    """(base URL, reviewer token, store): the real app served by uvicorn on 127.0.0.1."""
    store.accounts.add_user("rev", "a long passphrase for tests", "reviewer")
    token = store.accounts.create_token("rev")
    port = _free_port()
    app = create_app(settings.replace(port=port), store, resources)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    r = httpx.post(f"{base}/api/documents", json={"text": sample_text}, headers=_auth(token), timeout=60)
    assert r.status_code == 201, r.text
    yield base, token, store
    server.should_exit = True
    thread.join(10)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_concurrent_edits_lose_no_update(live):
    base, token, store = live
    eid = httpx.get(f"{base}/api/events").json()["items"][0]["event_id"]
    url = f"{base}/api/events/{eid}"
    statuses: list[int] = []

    def editor(k: int) -> None:
        with httpx.Client(headers=_auth(token), timeout=30) as c:
            for j in range(EDITS_EACH):
                while True:  # read, edit, and on a stale version read again: what a careful client does
                    tag = c.get(url).headers["etag"]
                    r = c.patch(
                        url,
                        json={"action": "edit", "changes": {"notes": f"editor {k} edit {j}"}},
                        headers={"If-Match": tag},
                    )
                    statuses.append(r.status_code)
                    if r.status_code != 412:
                        break

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(editor, range(THREADS)))
    assert set(statuses) <= {200, 412} and statuses.count(200) == THREADS * EDITS_EACH
    audit = store.audit_log(eid)
    assert len(audit) == THREADS * EDITS_EACH
    for previous, row in zip(audit, audit[1:], strict=False):
        assert row["before"]["notes"] == previous["after"]["notes"]  # no edit started from a stale state
    assert store.get_event(eid).notes == audit[-1]["after"]["notes"]
    assert httpx.get(url).json()["version"] == 1 + THREADS * EDITS_EACH


def test_concurrent_submissions_store_each_report_once(live):
    base, token, store = live
    before = store.counts()["documents"]
    texts = [REPORT.format(town=TOWNS[i % 4], day=1 + i, n=1 + i % 5, i=i) for i in range(THREADS * 2)]
    shared = REPORT.format(town="خان شيخون", day=28, n=2, i=999)  # every thread submits this one too
    results: list[tuple[int, bool]] = []

    def submitter(k: int) -> None:
        with httpx.Client(headers=_auth(token), timeout=60) as c:
            for text in (texts[2 * k], shared, texts[2 * k + 1]):
                r = c.post(f"{base}/api/documents", json={"text": text})
                results.append((r.status_code, r.json().get("new", False) if r.status_code == 201 else False))

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(submitter, range(THREADS)))
    assert [s for s, _ in results] == [201] * (THREADS * 3), results
    assert sum(new for _, new in results) == len(texts) + 1  # the shared report is new exactly once
    counts = store.counts()
    assert counts["documents"] == before + len(texts) + 1
    assert counts["failures"] == 0
