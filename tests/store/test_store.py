"""The store on a real SQLite file and a real PostgreSQL server: round trips, search, filters, review."""

import datetime as dt

import pytest

from rasd.errors import NotFoundError, StoreError
from rasd.models import ActorRef, Document, Event, Evidence, Fatalities, Place
from rasd.store import EventFilter, ReviewAction

BODY = "قصفت طائرات التحالف الدولي بلدة هجين شرق دير الزور، ما أسفر عن مقتل خمسة مدنيين بحسب ناشطين."


def _doc(body=BODY, i=0):
    return Document(
        doc_id=f"d{i:03d}" + "0" * 60,
        body=body,
        title="غارات",
        outlet="Syria TV",
        published_at=dt.datetime(2018, 11, 27, 13, 11, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    )


def _event(
    eid="e1",
    doc_id="d000" + "0" * 60,
    lat=34.689,
    lon=40.831,
    day=27,
    et="Explosions/Remote violence",
    sub="Air/drone strike",
    best=5,
    country="SY",
    admin1="Deir ez-Zor",
):
    return Event(
        eid,
        (doc_id,),
        et,
        sub,
        dt.date(2018, 11, day),
        1,
        actor1=ActorRef("coalition", "International Coalition", "التحالف الدولي", 8),
        actor2=ActorRef("civilians", "Civilians", "مدنيون", 7),
        location=Place("هجين", "Hajin", lat=lat, lon=lon, admin1=admin1, admin2="Abu Kamal", country=country),
        geo_precision=1,
        fatalities=Fatalities(best, best, best),
        confidence=0.8,
        evidence=(Evidence("event_type", 0, 4, doc_id, "قصفت"),),
    )


def test_document_round_trip_and_idempotence(store):
    doc = _doc()
    assert store.save_document(doc) is True
    assert store.save_document(doc) is False
    back = store.get_document(doc.doc_id)
    assert back.body == doc.body and back.published_at == doc.published_at and back.title == doc.title
    assert store.get_document("nope") is None


def test_event_round_trip(store):
    store.save_document(_doc())
    [saved] = store.save_events([_event()])
    back = store.get_event("e1")
    assert (
        back.location == saved.location
        and back.fatalities == saved.fatalities
        and back.actor1 == saved.actor1
    )
    assert back.evidence == _event().evidence


def test_full_text_search_on_arabic(store):
    store.save_document(_doc())
    store.save_events([_event()])
    other = _doc("اعتقلت قوات الأمن ناشطين في مدينة البصرة فجر اليوم بحسب مصادر محلية.", i=1)
    store.save_document(other)
    store.save_events(
        [
            _event(
                "e2",
                other.doc_id,
                lat=30.5,
                lon=47.8,
                et="Strategic developments",
                sub="Arrests",
                country="IQ",
                admin1="Basra",
            )
        ]
    )
    assert [e.event_id for e in store.query_events(EventFilter(text="هجين"))[0]] == ["e1"]
    assert [e.event_id for e in store.query_events(EventFilter(text="البصره"))[0]] == [
        "e2"
    ]  # normalised query


def test_filters_pagination_and_sort(store):
    store.save_document(_doc())
    for i in range(5):
        store.save_events([_event(f"e{i}", lat=34.689 + i, day=20 + i)])
    events, total = store.query_events(EventFilter(limit=2, offset=0, sort="-event_date"))
    assert total == 5 and [e.event_id for e in events] == ["e4", "e3"]
    assert store.query_events(EventFilter(bbox=(40.0, 34.0, 41.0, 36.0)))[1] == 2
    assert store.query_events(EventFilter(since=dt.date(2018, 11, 23)))[1] == 2
    assert store.query_events(EventFilter(actor="coalition"))[1] == 5
    assert store.query_events(EventFilter(actor="Nobody"))[1] == 0
    with pytest.raises(StoreError):
        store.query_events(EventFilter(sort="body; drop table events"))


def test_review_and_audit(store):
    store.save_document(_doc())
    store.save_events([_event()])
    edited = store.review(
        "e1",
        ReviewAction(
            "edit",
            "analyst-1",
            "toll from hospital",
            {"fatalities": {"best": 4, "min": 4, "max": 4, "vague": False}},
        ),
    )
    assert edited.status == "edited" and edited.fatalities.best == 4
    assert store.review("e1", ReviewAction("confirm", "analyst-2")).status == "confirmed"
    log = store.audit_log("e1")
    assert [r["action"] for r in log] == ["edit", "confirm"] and log[0]["before"]["fatalities"]["best"] == 5
    with pytest.raises(NotFoundError):
        store.review("missing", ReviewAction("confirm", "x"))
    with pytest.raises(StoreError):
        store.review("e1", ReviewAction("edit", "x", changes={"event_id": "hijack"}))


def test_hostile_strings_are_stored_inert(store):
    nasty = "'); DROP TABLE events; -- <script>alert(1)</script>"
    doc = _doc(BODY + nasty)
    store.save_document(doc)
    store.save_events([_event()])
    store.review("e1", ReviewAction("edit", nasty, nasty, {"notes": nasty}))
    assert store.get_event("e1").notes == nasty and store.audit_log("e1")[0]["reviewer"] == nasty
    assert store.query_events(EventFilter(text=nasty))[1] >= 0
    assert store.counts()["events"] == 1


def test_stats(store):
    store.save_document(_doc())
    store.save_events([_event("a"), _event("b", lat=36.2, lon=37.1, admin1="Aleppo", day=12)])
    s = store.stats()
    assert s["total"] == 2 and s["by_event_type"] == {"Explosions/Remote violence": 2}
    assert set(s["by_admin1"]) == {"Deir ez-Zor", "Aleppo"} and len(s["by_week"]) == 2


def test_near_duplicate_documents_are_linked(store, sample_text):
    a = _doc(sample_text)
    b = _doc(
        sample_text + "\nوقال مراسلنا إن الطيران ما زال يحلق في الأجواء.", i=1
    )  # a syndicated copy, lightly edited
    c = _doc(BODY + " " + "وتشهد المنطقة نزوحاً واسعاً منذ أسابيع. " * 5, i=2)
    store.save_document(a)
    store.save_document(b)
    store.save_document(c)
    assert store.near_duplicates(a.doc_id) == [b.doc_id]
    assert store.near_duplicates(c.doc_id) == []


def test_bad_url_is_named():
    with pytest.raises(StoreError) as e:
        from rasd.store.sql import SqlStore

        SqlStore("postgresql://nobody@127.0.0.1:1/none")
    assert "127.0.0.1:1" in str(e.value)
