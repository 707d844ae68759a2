"""The live feed in a real browser: an event stored while the page is open appears without reloading.

`rasd serve` runs on a SQLite file; the test stores a report in that file (rasd's own pipeline and
store, as `rasd watch` would) and Debian's headless Chromium, driven by Playwright, must show it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.store.sql import SqlStore
from tests.watch.watch_reports import SHELLING_SARAQIB
from tests.web.conftest import serving

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser


@pytest.fixture()
def served(tmp_path, settings):
    db = f"sqlite:///{tmp_path / 'live.sqlite'}"
    SqlStore(db, settings).close()  # created (and migrated) before the server opens it
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    with serving(db, env) as base:
        yield base, db


def test_an_event_stored_while_the_page_is_open_appears_in_the_live_feed(served, settings, resources):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import expect, sync_playwright

    base, db = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(locale="ar")
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            expect(page.locator("#live-status")).to_have_attribute("data-state", "open", timeout=10_000)
            assert page.get_attribute("#live-count", "data-count") == "0"

            store = SqlStore(db, settings)
            try:
                doc = read_text("قصف على سراقب\n\n" + SHELLING_SARAQIB, settings, source_uri="test://saraqib")
                processed = process_document(doc, resources)
                store.save_processed(doc, list(processed.mentions), list(processed.events))
            finally:
                store.close()
            ids = {e.event_id for e in processed.events}
            assert ids

            # The badge counts the new events; nothing was reloaded (the same document is still there).
            page.evaluate("window.__same_page = true")
            expect(page.locator("#live-count")).to_have_attribute("data-count", str(len(ids)), timeout=15_000)
            assert page.evaluate("window.__same_page") is True
            page.click("#live-toggle")
            items = page.locator("#live-list li.live-item")
            expect(items).to_have_count(len(ids))
            shown = set(
                page.eval_on_selector_all("#live-list li.live-item", "els => els.map(e => e.dataset.eventId)")
            )
            assert shown == ids
            assert "سراقب" in items.first.locator("blockquote").inner_text()
            assert page.get_attribute("#live-count", "data-count") == "0"  # looked at
            # Its link opens the event's detail view.
            first = next(iter(ids)) if len(ids) == 1 else shown.pop()
            page.click(f"#live-list li[data-event-id='{first}'] a.live-open")
            page.wait_for_function(f"location.hash === '#event={first}'")
            expect(page.locator("#detail")).to_be_visible()
            assert not errors, errors
        finally:
            browser.close()
