"""Issue 12: the Arabic page is Arabic throughout, labels do not collide, timeline ticks are unique.

Debian's Chromium via Playwright over `rasd serve` (fixtures in conftest.py).
"""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import OUTPUT

pytestmark = pytest.mark.browser

ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")


def _events(server) -> list[dict]:
    return httpx.get(f"{server}/api/events", params={"limit": 1000}).json()["items"]


def test_meta_names_governorates_districts_and_sources_in_arabic(server):
    meta = httpx.get(f"{server}/api/meta").json()
    assert meta["admin_names"]["admin1"]["Deir ez-Zor"] == "دير الزور"
    assert meta["admin_names"]["admin2"]["Deir ez-Zor|Abu Kamal"] == "البوكمال"
    assert meta["source_names"]["src-activists"]["ar"] == "ناشطون"
    assert meta["source_names"]["syria-tv"]["ar"] == "تلفزيون سوريا"


def test_the_arabic_detail_names_admin_units_sources_and_notes_in_arabic(page, server):
    meta = httpx.get(f"{server}/api/meta").json()
    names = meta["admin_names"]

    def arabic_place(e):
        loc = e.get("location") or {}
        return (
            loc.get("name_ar")
            and loc.get("admin1") in names["admin1"]
            and f"{loc['admin1']}|{loc.get('admin2')}" in names["admin2"]
            and e.get("attribution")
            and e.get("notes")
        )

    event = next(e for e in _events(server) if arabic_place(e))
    loc = event["location"]
    page.click(f"#event-list li[data-event-id='{event['event_id']}']")
    page.wait_for_selector("table.fields")
    assert page.evaluate("document.documentElement.lang") == "ar"

    admin = page.inner_text("table.fields tr[data-field=location] td .admin")
    assert ARABIC.search(admin) and not LATIN.search(admin), admin
    assert names["admin1"][loc["admin1"]] in admin
    assert "، " in admin  # the Arabic comma between district, governorate and country
    location = page.inner_text("table.fields tr[data-field=location] td")
    for latin in {loc["name_en"], loc["admin1"], loc.get("admin2") or loc["admin1"]}:
        assert latin not in location

    sources = page.inner_text("table.fields tr[data-field=attribution] td")
    assert ARABIC.search(sources) and not LATIN.search(sources), sources
    outlet = page.inner_text(".source .source-meta .outlet")
    assert ARABIC.search(outlet) and not LATIN.search(outlet), outlet

    notes = page.inner_text("table.fields tr[data-field=notes] td")
    assert ARABIC.search(notes) and not LATIN.search(notes), notes
    assert loc["name_ar"] in notes and loc["name_en"] not in notes
    # numbers and dates are isolated left-to-right inside the Arabic text
    assert page.locator("table.fields tr[data-field=event_date] td bdi[dir=ltr]").count() == 1
    assert page.locator("table.fields tr[data-field=location] td bdi[dir=ltr]").count() == 1

    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "detail-ar-names.png"))

    # English keeps the stored English note and the English names
    page.click("#lang-switch")
    assert page.inner_text("table.fields tr[data-field=notes] td") == event["notes"]
    assert loc["admin1"] in page.inner_text("table.fields tr[data-field=location] td .admin")
    assert not page.errors, page.errors
