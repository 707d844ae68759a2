"""Accounts over HTTP: who may write, CSRF and Host/Origin checks, stale edits, strict validation.

A real SQLite store behind the real app (TestClient); the sentences and accounts are written here.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from rasd.api.main import create_app
from rasd.store.sql import SqlStore

PASSWORD = "a long passphrase for tests"


@pytest.fixture()
def app_store(tmp_path, settings, resources, sample_text):
    store = SqlStore(f"sqlite:///{tmp_path / 'auth.sqlite'}", settings)
    for name, role in (("rev", "reviewer"), ("view", "viewer"), ("boss", "admin")):
        store.accounts.add_user(name, PASSWORD, role)
    tokens = {name: store.accounts.create_token(name) for name in ("rev", "view", "boss")}
    app = create_app(settings.replace(allowed_hosts="testserver"), store, resources)
    with TestClient(app, headers={"Authorization": f"Bearer {tokens['rev']}"}) as c:
        assert c.post("/api/documents", json={"text": sample_text}).status_code == 201
    yield app, store, tokens
    store.close()


@pytest.fixture()
def anon(app_store):
    with TestClient(app_store[0]) as c:
        yield c


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _first(client) -> tuple[str, int]:
    eid = client.get("/api/events").json()["items"][0]["event_id"]
    return eid, client.get(f"/api/events/{eid}").json()["version"]


def test_anonymous_reads_but_never_writes(anon, app_store, sample_text):
    _, store, _ = app_store
    eid, version = _first(anon)
    assert anon.get("/api/stats").status_code == 200
    r = anon.patch(f"/api/events/{eid}", json={"action": "reject", "version": version})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert anon.post("/api/documents", json={"text": sample_text + " مكرر"}).status_code == 401
    assert store.get_event(eid).status == "machine" and store.audit_log(eid) == []
    bad = anon.patch(f"/api/events/{eid}", json={"action": "reject"}, headers=_bearer("rasd_forged"))
    assert bad.status_code == 401


def test_viewer_is_refused_reviewer_is_audited_under_their_own_name(anon, app_store):
    _, store, tokens = app_store
    eid, version = _first(anon)
    body = {"action": "reject", "version": version, "reviewer": "someone-else"}
    assert anon.patch(f"/api/events/{eid}", json=body, headers=_bearer(tokens["view"])).status_code == 403
    r = anon.patch(f"/api/events/{eid}", json=body, headers=_bearer(tokens["rev"]))
    assert (
        r.status_code == 200 and r.json()["status"] == "rejected" and r.headers["etag"] == f'"{version + 1}"'
    )
    assert [(a["reviewer"], a["action"]) for a in store.audit_log(eid)] == [("rev", "reject")]
    boss = anon.patch(
        f"/api/events/{eid}",
        json={"action": "confirm", "version": version + 1},
        headers=_bearer(tokens["boss"]),
    )
    assert boss.status_code == 200  # an admin can do what a reviewer can
    store.accounts.revoke_tokens("rev")
    assert anon.get("/api/events", headers=_bearer(tokens["rev"])).status_code == 401


def test_stale_edits_get_412_or_409_and_change_nothing(anon, app_store):
    _, store, tokens = app_store
    eid, version = _first(anon)
    h = _bearer(tokens["rev"])
    assert anon.patch(f"/api/events/{eid}", json={"action": "confirm"}, headers=h).status_code == 428
    ok = anon.patch(
        f"/api/events/{eid}", json={"action": "confirm"}, headers={**h, "If-Match": f'"{version}"'}
    )
    assert ok.status_code == 200
    stale = {"action": "edit", "changes": {"notes": "late"}}
    r = anon.patch(f"/api/events/{eid}", json=stale, headers={**h, "If-Match": f'"{version}"'})
    assert r.status_code == 412 and "version" in r.json()["detail"]
    assert anon.patch(f"/api/events/{eid}", json={**stale, "version": version}, headers=h).status_code == 409
    for tag in ('W/"2"', '"two"', "garbage"):
        assert anon.patch(f"/api/events/{eid}", json=stale, headers={**h, "If-Match": tag}).status_code == 412
    assert store.get_event(eid).notes != "late" and len(store.audit_log(eid)) == 1
    assert anon.get(f"/api/events/{eid}").headers["etag"] == f'"{version + 1}"'


INVALID_CHANGES = [
    {"fatalities": {"best": "lots"}},
    {"fatalities": {"best": -5}},
    {"fatalities": {"best": 3, "min": 5}},
    {"fatalities": {"best": 10**9}},
    {"fatalities": {"best": True}},
    {"fatalities": {"best": 2, "extra": 1}},
    {"modality": "nonsense"},
    {"time_precision": 999},
    {"time_precision": True},
    {"event_date": 12},
    {"event_date": "yesterday"},
    {"event_date": "9999-01-01"},
    {"civilian_targeting": "yes"},
    {"civilian_targeting": 1},
    {"notes": 5},
    {"notes": "x" * 6000},
    {"notes": "nul \x00 inside"},
    {"event_type": "Battles", "sub_event_type": "Grenade"},
    {"event_type": None},
    {"location": {"name_ar": "سراقب", "lat": 95, "lon": 36}},
    {"location": {"name_ar": "سراقب", "lat": 35.8}},
    {"actor1": {"kb_id": "x"}},
    {"actor1": {"kb_id": "x", "name_en": "X", "inter": 42}},
    {"event_id": "hijack"},
    {"status": "confirmed"},
    {"evidence": []},
]


def test_every_invalid_edit_is_a_4xx_and_changes_nothing(anon, app_store):
    _, store, tokens = app_store
    eid, version = _first(anon)
    before = store.get_event(eid)
    for changes in INVALID_CHANGES:
        r = anon.patch(
            f"/api/events/{eid}",
            json={"action": "edit", "changes": changes, "version": version},
            headers=_bearer(tokens["rev"]),
        )
        assert 400 <= r.status_code < 500, (changes, r.status_code, r.text)
    assert store.get_event(eid) == before and store.audit_log(eid) == []


def test_non_standard_json_numbers_are_refused(anon, app_store):
    _, store, tokens = app_store
    eid, version = _first(anon)
    for literal in ("NaN", "Infinity", "-Infinity"):
        body = {
            "action": "edit",
            "version": version,
            "changes": {"location": {"name_ar": "x", "lat": 0, "lon": 1}},
        }
        raw = json.dumps(body).replace('"lat": 0', f'"lat": {literal}')
        r = anon.patch(
            f"/api/events/{eid}",
            content=raw,
            headers={**_bearer(tokens["rev"]), "content-type": "application/json"},
        )
        assert r.status_code == 422, literal
    assert store.audit_log(eid) == []


def test_a_valid_edit_of_each_kind_is_stored(anon, app_store):
    _, store, tokens = app_store
    eid, version = _first(anon)
    changes = {
        "fatalities": {"best": 4},
        "modality": "claimed",
        "time_precision": 2,
        "event_date": "2018-11-20",
        "civilian_targeting": True,
        "notes": "من تقرير المشفى",
        "location": {"name_ar": "هجين", "name_en": "Hajin", "lat": 34.69, "lon": 40.83, "country": "SY"},
    }
    r = anon.patch(
        f"/api/events/{eid}",
        json={"action": "edit", "changes": changes, "version": version},
        headers=_bearer(tokens["rev"]),
    )
    assert r.status_code == 200, r.text
    e = store.get_event(eid)
    assert (e.fatalities.best, e.fatalities.min, e.fatalities.max) == (4, 4, 4)
    assert (e.modality, e.time_precision, str(e.event_date), e.civilian_targeting) == (
        "claimed",
        2,
        "2018-11-20",
        True,
    )
    assert e.location.name_en == "Hajin" and e.status == "edited"


def test_hostile_queries_are_422_not_500(anon):
    for params in (
        {"text": "\x00"},
        {"actor": "a\x00b"},
        {"offset": 2**63 + 5},
        {"offset": -1},
        {"limit": 10**6},
    ):
        assert anon.get("/api/events", params=params).status_code == 422, params
        assert anon.get(
            "/api/stats", params={k: v for k, v in params.items() if k in ("text", "actor")}
        ).status_code in (200, 422)


def test_deep_json_body_is_a_4xx(anon, app_store):
    _, _, tokens = app_store
    eid, _ = _first(anon)
    deep = b'{"action": "edit", "changes": {"notes": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}"
    r = anon.patch(
        f"/api/events/{eid}",
        content=deep,
        headers={**_bearer(tokens["rev"]), "content-type": "application/json"},
    )
    assert 400 <= r.status_code < 500


def test_page_session_needs_its_csrf_token_for_writes(anon, app_store):
    _, store, _ = app_store
    eid, version = _first(anon)
    assert anon.post("/api/login", json={"name": "rev", "password": "wrong password!"}).status_code == 401
    r = anon.post("/api/login", json={"name": "rev", "password": PASSWORD})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    csrf = r.json()["csrf"]
    assert anon.get("/api/me").json() == {
        "authenticated": True,
        "name": "rev",
        "role": "reviewer",
        "csrf": csrf,
        "read_open": True,
    }
    body = {"action": "confirm", "version": version}
    assert anon.patch(f"/api/events/{eid}", json=body).status_code == 403  # the cookie alone: refused
    assert anon.patch(f"/api/events/{eid}", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    ok = anon.patch(f"/api/events/{eid}", json=body, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200 and store.audit_log(eid)[0]["reviewer"] == "rev"
    assert anon.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert anon.get("/api/me").json()["authenticated"] is False
    assert (
        anon.patch(
            f"/api/events/{eid}", json={**body, "version": version + 1}, headers={"X-CSRF-Token": csrf}
        ).status_code
        == 401
    )


def test_failed_logins_are_throttled(anon):
    codes = [
        anon.post("/api/login", json={"name": "view", "password": f"guess {i}"}).status_code for i in range(7)
    ]
    assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]
    assert anon.post("/api/login", json={"name": "view", "password": PASSWORD}).status_code == 429


def test_foreign_host_and_cross_origin_writes_are_refused(anon, app_store):
    _, _, tokens = app_store
    eid, version = _first(anon)
    assert anon.get("/api/events", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding
    h = {**_bearer(tokens["rev"])}
    body = {"action": "confirm", "version": version}
    for extra in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        assert anon.patch(f"/api/events/{eid}", json=body, headers={**h, **extra}).status_code == 403
    same = anon.patch(f"/api/events/{eid}", json=body, headers={**h, "Origin": "http://testserver"})
    assert same.status_code == 200


def test_closed_reading_needs_an_account(app_store, settings, resources):
    _, store, tokens = app_store
    app = create_app(settings.replace(allowed_hosts="testserver", read_requires_login=True), store, resources)
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/export").status_code == 401
        assert "events" not in c.get("/api/health").json()
        assert c.get("/api/events", headers=_bearer(tokens["view"])).status_code == 200
        assert c.get("/").status_code == 200  # the page itself, to sign in on


def test_serve_refuses_to_listen_beyond_loopback_without_accounts(settings):
    from rasd.api.exposure import check_exposure
    from rasd.errors import AuthError

    with pytest.raises(AuthError, match="--allow-no-accounts"):
        check_exposure(settings.replace(host="0.0.0.0"), accounts=0, allow_no_accounts=False)
    told = check_exposure(settings.replace(host="0.0.0.0"), accounts=0, allow_no_accounts=True)
    assert any("anyone" in w for w in told)
    assert not any("beyond" in w for w in check_exposure(settings, accounts=2, allow_no_accounts=False))
    assert any("allowed_hosts" in w for w in check_exposure(settings.replace(host="0.0.0.0"), 1, False))


def test_serve_command_refuses_before_listening(tmp_path):
    from typer.testing import CliRunner

    from rasd.cli import app
    from rasd.errors import AuthError

    db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    r = CliRunner().invoke(app, ["serve", "--db", db, "--create", "--host", "0.0.0.0", "--port", "1"])
    assert isinstance(r.exception, AuthError) and r.exception.code == "exposed"
