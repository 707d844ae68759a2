"""The web page in a real browser (Debian's headless Chromium via Playwright) over `rasd serve`.

Each test reads what it expects from the API of the same server, so nothing here is tied to the
sample's particular events.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.conftest import OUTPUT, REVIEWER, login, serving

pytestmark = pytest.mark.browser


def _events(server, **params) -> list[dict]:
    return httpx.get(f"{server}/api/events", params={"limit": 1000, **params}).json()["items"]


def _located(events):
    return [e for e in events if e.get("location") and e["location"].get("lat") is not None]


def _list_count(page) -> int:
    return int(page.get_attribute("#event-list", "data-count"))


def test_map_shows_a_marker_per_located_event_and_only_talks_to_its_server(page, server):
    located = _located(_events(server))
    assert located, "the store should hold located events"
    page.wait_for_selector(".ev-cluster, .ev-marker")
    # Clustered: the clusters' counts and the lone markers add up to the located events.
    clustered = sum(int(t) for t in page.locator(".ev-cluster span").all_inner_texts())
    singles = page.locator(".ev-marker").count()
    assert clustered + singles == len(located)
    # Unclustered: one marker element per located event, each carrying its event id.
    page.uncheck("#cluster")
    expect(page.locator(".ev-marker")).to_have_count(len(located))
    ids = set(page.eval_on_selector_all(".ev-marker", "els => els.map(e => e.dataset.eventId)"))
    assert ids == {e["event_id"] for e in located}
    # The basemap is drawn (canvas) and labelled from the server's own data.
    page.wait_for_selector("body[data-basemap=ready]")
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1
    assert page.locator(".place-label").count() > 0
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map.png"))
    assert (OUTPUT / "map.png").stat().st_size > 10_000
    hosts = {urlparse(u).netloc for u in page.requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {urlparse(server).netloc}, hosts
    assert not page.errors, page.errors


def test_brushing_the_timeline_shrinks_the_list_and_the_map(page, server):
    events = _events(server)
    total = len(events)
    assert _list_count(page) == total
    bins = page.locator("#timeline g.bin")
    assert bins.count() >= 2, "the test store spans several periods"
    last = bins.nth(bins.count() - 1)
    start, end = last.get_attribute("data-start"), last.get_attribute("data-end")
    inside = [e for e in events if e["event_date"] and start <= e["event_date"] < end]
    assert 0 < len(inside) < total
    box = last.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] - 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=4)
    page.mouse.move(box["x"] + box["width"] + 2, y, steps=4)
    page.mouse.up()
    page.wait_for_selector(f"#event-list[data-count='{len(inside)}']")
    shown = set(page.eval_on_selector_all("#event-list li.ev-row", "els => els.map(e => e.dataset.eventId)"))
    assert shown == {e["event_id"] for e in inside}
    page.uncheck("#cluster")
    expect(page.locator(".ev-marker")).to_have_count(len(_located(inside)))
    page.click("#clear-brush")
    page.wait_for_selector(f"#event-list[data-count='{total}']")


def test_event_evidence_is_highlighted_in_the_rtl_report(page, server):
    event = max(_events(server), key=lambda e: len({ev["field"] for ev in e["evidence"]}))
    detail = httpx.get(f"{server}/api/events/{event['event_id']}").json()
    page.click(f"#event-list li[data-event-id='{event['event_id']}']")
    page.wait_for_selector("article.report mark.ev")
    article = page.locator("article.report").first
    assert article.get_attribute("dir") == "rtl"
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    body = detail["documents"][0]["body"]
    assert article.inner_text().replace("\n", "") == body.replace("\n", "")
    marks = page.eval_on_selector_all(
        "article.report mark.ev",
        "els => els.map(e => ({text: e.textContent, fields: e.dataset.fields.split(' '), bg: getComputedStyle(e).backgroundColor}))",
    )
    highlighted = {f for m in marks for f in m["fields"]}
    for ev in event["evidence"]:
        assert ev["field"] in highlighted, ev["field"]
        assert any(ev["field"] in m["fields"] and m["text"] in ev["text"] for m in marks)
    first_colour = {}
    for m in marks:
        first_colour.setdefault(m["fields"][0], m["bg"])
        assert m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert len(set(first_colour.values())) == len(first_colour), "each field has its own colour"
    # The field table's swatch shows the same colour as the field's highlight.
    field = event["evidence"][0]["field"]
    swatch = page.locator(f"table.fields tr[data-field='{field}'] .swatch")
    if swatch.count():
        mark_bg = next(m["bg"] for m in marks if m["fields"][0] == field) if field in first_colour else None
        if mark_bg:
            assert swatch.evaluate("el => getComputedStyle(el).backgroundColor") == mark_bg
    assert not page.errors, page.errors


def test_confirm_is_kept_after_reload(page, server):
    event = next(e for e in _events(server) if e["status"] == "machine")
    page.click(f"#event-list li[data-event-id='{event['event_id']}']")
    page.wait_for_selector("#btn-confirm")
    page.click("#btn-confirm")
    assert "الدخول" in page.inner_text("#review-msg")  # signed out: asked to sign in, nothing written
    assert page.is_visible("#login-form")
    assert httpx.get(f"{server}/api/events/{event['event_id']}").json()["event"]["status"] == "machine"
    login(page)
    assert REVIEWER in page.inner_text("#reviewer")  # the review box now names the account
    page.fill("#review-note", "checked against the report")
    page.click("#btn-confirm")
    page.wait_for_selector("#detail-status[data-status=confirmed]")
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("#detail-status[data-status=confirmed]")  # the #event= link reopens it
    assert (
        page.get_attribute(f"#event-list li[data-event-id='{event['event_id']}']", "data-status")
        == "confirmed"
    )
    audit = httpx.get(f"{server}/api/events/{event['event_id']}/audit").json()
    assert [(a["action"], a["reviewer"]) for a in audit][-1] == ("confirm", REVIEWER)
    assert REVIEWER in page.inner_text("#account-name")  # the session outlives a reload


def test_edit_from_the_page_changes_the_event(page, server):
    event = next(e for e in _events(server) if e["status"] == "machine")
    login(page)
    page.click(f"#event-list li[data-event-id='{event['event_id']}']")
    page.click("#btn-edit")
    new_toll = (event["fatalities"]["best"] or 0) + 3
    page.fill(".editor input[name=fatalities]", str(new_toll))
    page.click("#btn-save-edit")
    page.wait_for_selector("#detail-status[data-status=edited]")
    stored = httpx.get(f"{server}/api/events/{event['event_id']}").json()["event"]
    assert stored["fatalities"]["best"] == new_toll and stored["status"] == "edited"
    assert str(new_toll) in page.inner_text("table.fields tr[data-field=fatalities] td")


def test_review_queue_walks_machine_events_least_confident_first(page, server):
    queued = _events(server, status="machine", sort="confidence")
    assert len(queued) >= 2
    page.click("#tab-queue")
    page.wait_for_selector(f"#event-list[data-mode=queue][data-count='{len(queued)}']")
    order = page.eval_on_selector_all("#event-list li.ev-row", "els => els.map(e => e.dataset.eventId)")
    assert order == [e["event_id"] for e in queued]
    login(page)
    page.click(f"#event-list li[data-event-id='{queued[0]['event_id']}']")
    page.click("#btn-reject")
    # The next event in the queue opens by itself, and the rejected one has left the queue.
    page.wait_for_selector(f"#event-list[data-count='{len(queued) - 1}']", state="attached")
    expect(page).to_have_url(re.compile(f"#event={queued[1]['event_id']}$"))
    assert httpx.get(f"{server}/api/events/{queued[0]['event_id']}").json()["event"]["status"] == "rejected"


def test_language_switch_and_filters(page, server):
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.click("#lang-switch")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
    assert page.inner_text("#tab-map") == "Map"
    assert page.locator("article.report").count() == 0 or page.get_attribute("article.report", "dir") == "rtl"
    types = {e["event_type"] for e in _events(server)}
    chosen = sorted(types)[0]
    expected = len(_events(server, event_type=chosen))
    page.select_option("select[name=event_type]", chosen)
    page.click("#apply")
    page.wait_for_selector(f"#event-list[data-count='{expected}']")
    assert f"event_type={chosen.replace('/', '%2F').replace(' ', '+')}" in page.get_attribute(
        "#export-csv", "href"
    )
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate("document.documentElement.lang") == "en"  # the choice is remembered


def test_hostile_strings_render_as_text(page, server):
    nasty = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    event = _events(server)[-1]
    url = f"{server}/api/events/{event['event_id']}"
    version = httpx.get(url).json()["version"]
    r = httpx.patch(
        url,
        json={"action": "edit", "note": nasty, "changes": {"notes": nasty}, "version": version},
        headers=server.auth,
    )
    assert r.status_code == 200
    page.goto(f"{server}/#event={event['event_id']}")
    page.wait_for_selector("#detail-status")
    page.wait_for_selector("#audit li")
    assert page.inner_text("table.fields tr[data-field=notes] td") == nasty
    assert nasty in page.inner_text("#audit")
    assert page.locator("#detail img, #detail script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_index_is_served_with_a_strict_policy(server):
    r = httpx.get(server + "/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "http://" not in r.text and "https://" not in r.text
    assert dt.date.fromisoformat(httpx.get(server + "/api/meta").json()["date_range"][0])


def test_a_stale_edit_is_refused_and_the_event_reloaded(page, server):
    event = next(e for e in _events(server) if e["status"] == "machine")
    url = f"{server}/api/events/{event['event_id']}"
    login(page)
    page.click(f"#event-list li[data-event-id='{event['event_id']}']")
    page.wait_for_selector("#btn-confirm")
    # someone else rejects it while the page still shows the version it loaded
    version = httpx.get(url).json()["version"]
    r = httpx.patch(url, json={"action": "reject", "version": version}, headers=server.auth)
    assert r.status_code == 200
    page.click("#btn-confirm")
    page.wait_for_selector("#detail-status[data-status=rejected]")  # reloaded: the other edit is shown
    assert "آخر" in page.inner_text("#review-msg")  # and the analyst is told why
    assert httpx.get(url).json()["event"]["status"] == "rejected"  # the stale confirm changed nothing
    page.click("#btn-confirm")  # now based on the current version, it goes through
    page.wait_for_selector("#detail-status[data-status=confirmed]")


def test_a_viewer_cannot_review_and_a_wrong_password_is_refused(page, server):
    page.click("#btn-login")
    page.fill("#login-name", REVIEWER)
    page.fill("#login-password", "not the password")
    page.click("#login-submit")
    expect(page.locator("#login-msg")).not_to_be_empty()
    assert page.locator("#account-name").count() == 0
    page.fill("#login-name", "viewer-only")
    page.fill("#login-password", "a long passphrase for tests")
    page.click("#login-submit")
    page.wait_for_selector("#account-name")
    event = _events(server)[0]
    page.click(f"#event-list li[data-event-id='{event['event_id']}']")
    page.click("#btn-reject")
    assert "الدخول" in page.inner_text("#review-msg")
    assert httpx.get(f"{server}/api/events/{event['event_id']}").json()["event"]["status"] == event["status"]


def test_closed_reading_asks_to_sign_in_then_shows_the_map(browser, server):
    with serving(server.db, server.env, "--read-requires-login") as closed:
        assert httpx.get(f"{closed}/api/events").status_code == 401
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
        page = context.new_page()
        try:
            page.goto(closed + "/")
            page.wait_for_selector("body[data-ready=login]")
            assert page.is_visible("#login-form") and page.locator(".ev-marker, .ev-cluster").count() == 0
            page.fill("#login-name", REVIEWER)
            page.fill("#login-password", "a long passphrase for tests")
            page.click("#login-submit")
            page.wait_for_selector("body[data-ready=true]")  # reloaded, signed in: the map and its events
            page.wait_for_selector(".ev-cluster, .ev-marker")
            assert REVIEWER in page.inner_text("#account-name")
        finally:
            context.close()


def test_the_detail_shows_how_the_place_was_decided(page, server):
    """Issue 11: which words made it a place and which reading won are part of the event's detail."""
    event = next(e for e in _located(_events(server)) if e["location"].get("decision"))
    loc = event["location"]
    page.click(f"#event-list li[data-event-id='{event['event_id']}']")
    row = page.locator("table.fields tr[data-field='place_decision'] td")
    expect(row).to_be_visible()
    text = row.inner_text()
    assert loc["name_as_written"] in text
    if loc.get("cue"):
        assert loc["cue"] in text
    assert ("من المعجم" in text) or ("غير موجود" in text) or ("التقسيم" in text) or loc["decision"] in text
    assert not page.errors, page.errors
