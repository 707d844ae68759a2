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


_LABEL_CLASHES = """() => {
  const shown = (e) => getComputedStyle(e).visibility !== "hidden";
  const map = document.querySelector("#map").getBoundingClientRect();
  const inside = (r) => r.width > 0 && r.right > map.left && r.left < map.right && r.bottom > map.top && r.top < map.bottom;
  const labels = [...document.querySelectorAll("#map .place-label")].filter(shown)
    .map((e) => ({ text: e.textContent, box: (e.firstElementChild || e).getBoundingClientRect() }))
    .filter((l) => inside(l.box));
  const markers = [...document.querySelectorAll("#map .ev-cluster, #map .ev-marker")]
    .map((e) => ({ text: "marker " + e.textContent, box: e.getBoundingClientRect() })).filter((m) => inside(m.box));
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const clashes = [];
  labels.forEach((a, i) => {
    for (const b of [...labels.slice(i + 1), ...markers]) if (hit(a.box, b.box)) clashes.push([a.text, b.text]);
  });
  return { labels: labels.length, markers: markers.length, clashes };
}"""


def _settle(page) -> None:
    """Wait for the zoom and the clusters' animation to end and the labels to be sorted out after them."""
    page.wait_for_timeout(400)
    page.wait_for_function(
        "() => !document.querySelector('#map .leaflet-cluster-anim, #map .leaflet-zoom-anim')"
    )
    page.wait_for_timeout(300)
    page.evaluate("() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))")


def test_map_labels_do_not_collide_with_each_other_or_with_markers(page):
    page.wait_for_selector("body[data-basemap=ready]")
    page.wait_for_selector(".ev-cluster, .ev-marker")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    seen = []
    steps = ["-", "-", "+", "+", "+", "+", "+"]
    for i, step in enumerate([None, *steps]):
        if step:
            page.click(".leaflet-control-zoom-in" if step == "+" else ".leaflet-control-zoom-out")
        _settle(page)
        state = page.evaluate(_LABEL_CLASHES)
        zoom = page.evaluate("() => document.querySelectorAll('#map .place-label').length")
        assert not state["clashes"], (i, state["clashes"][:5])
        seen.append((zoom, state["labels"]))
        if i == 2:
            page.screenshot(path=str(OUTPUT / "map-labels-regional.png"))
    # an event chosen: the map pans to it at a district's zoom, among its markers and town labels
    page.locator("#event-list li.ev-row").first.click()
    page.wait_for_selector("table.fields")
    _settle(page)
    state = page.evaluate(_LABEL_CLASHES)
    assert not state["clashes"], state["clashes"][:5]
    assert state["labels"] > 0 and state["markers"] > 0, state
    page.screenshot(path=str(OUTPUT / "map-labels-district.png"))
    assert all(shown > 0 for _, shown in seen), seen
    assert any(total > shown for total, shown in seen), "some labels had to give way"
    assert not page.errors, page.errors


def test_timeline_ticks_are_unique(page):
    page.wait_for_selector("#timeline .x-axis .tick text")
    ticks = page.eval_on_selector_all("#timeline .x-axis .tick text", "els => els.map(e => e.textContent)")
    assert len(ticks) >= 3, ticks
    assert len(set(ticks)) == len(ticks), ticks
    # a narrow window packs more ticks; they still read differently
    page.set_viewport_size({"width": 700, "height": 900})
    page.wait_for_timeout(300)
    ticks = page.eval_on_selector_all("#timeline .x-axis .tick text", "els => els.map(e => e.textContent)")
    assert len(set(ticks)) == len(ticks), ticks
    # and so do a brushed period's ticks in English, on day bins
    page.click("#lang-switch")
    page.fill("input[name=since]", "2018-10-25")
    page.fill("input[name=until]", "2018-11-30")
    page.click("#apply")
    page.wait_for_timeout(500)
    ticks = page.eval_on_selector_all("#timeline .x-axis .tick text", "els => els.map(e => e.textContent)")
    assert len(ticks) >= 2 and len(set(ticks)) == len(ticks), ticks
