"""One happening, many reports: three outlets, one strike; two strikes the same day stay two."""

import datetime as dt
from zoneinfo import ZoneInfo

from rasd.dedup import find_duplicate, merge
from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.settings import Settings

PUB = dt.datetime(2021, 9, 7, 12, 0, tzinfo=ZoneInfo("Asia/Damascus"))
REPORTS = [
    "غارات على أريحا\n\nعنب بلدي - إدلب\n\nشنت طائرات حربية روسية صباح اليوم غارات على مدينة أريحا جنوب إدلب، "
    "ما أسفر عن مقتل أربعة مدنيين وإصابة آخرين، بحسب الدفاع المدني السوري.",
    "مجزرة في أريحا\n\nتلفزيون سوريا - متابعات\n\nقتل ستة مدنيين بينهم طفلان بغارة للطيران الروسي استهدفت سوقاً "
    "شعبياً في مدينة أريحا بريف إدلب اليوم، وفق ما أفاد مراسل تلفزيون سوريا.",
    "قصف روسي\n\nالجزيرة نت - سوريا\n\nقال المرصد السوري لحقوق الإنسان إن الطائرات الروسية قصفت اليوم وسط مدينة "
    "أريحا، ما أدى إلى مقتل خمسة أشخاص.",
]
OTHER_STRIKES = [
    "غارة على جسر الشغور\n\nعنب بلدي - إدلب\n\nشنت طائرات حربية روسية اليوم غارات على مدينة جسر الشغور غرب إدلب، "
    "ما أسفر عن مقتل مدنيين اثنين.",
    "قصف على معرة النعمان\n\nعنب بلدي - إدلب\n\nشنت طائرات حربية روسية اليوم غارات على مدينة معرة النعمان جنوب إدلب "
    "دون ورود أنباء عن ضحايا.",
]


def _run(store, resources, texts):
    for i, text in enumerate(texts):
        doc = read_text(text, resources.settings, source_uri=f"report-{i}", published_at=PUB)
        p = process_document(doc, resources)
        store.save_processed(doc, list(p.mentions), list(p.events))


def test_three_outlets_one_strike(store, resources):
    _run(store, resources, REPORTS)
    from rasd.store import EventFilter

    strikes, n = store.query_events(EventFilter(sub_event_type="Air/drone strike"))
    assert n == 1, [(e.location.name_en, e.event_date) for e in strikes]
    [e] = strikes
    assert len(e.doc_ids) == 3 and store.counts()["event_sources"] == 3
    assert e.fatalities.best == 4  # the lowest credible toll
    assert "4" in e.notes and "6" in e.notes  # the dispute is noted
    reasons = store.merge_reasons(e.event_id)
    assert len(reasons) == 2 and all("km apart" in r["reason"] for r in reasons)
    outlets = {s.name for s in e.attribution if s.kind == "outlet"}
    assert {"Enab Baladi", "Syria TV", "Al Jazeera"} <= outlets


def test_two_strikes_same_day_same_governorate_stay_two(store, resources):
    _run(store, resources, OTHER_STRIKES)
    from rasd.store import EventFilter

    strikes, n = store.query_events(EventFilter(sub_event_type="Air/drone strike", admin1="Idlib"))
    assert n == 2 and len({e.location.geonameid for e in strikes}) == 2


def test_merge_rules_on_hand_built_events():
    from rasd.models import Event, Fatalities, Place

    def ev(eid, lat, prec, best, tp=1, admin2="Ariha"):
        return Event(
            eid,
            (eid,),
            "Battles",
            "Armed clash",
            dt.date(2021, 9, 7),
            tp,
            location=Place("x", lat=lat, lon=36.6, admin2=admin2),
            geo_precision=prec,
            fatalities=Fatalities(best, best, best),
        )

    s = Settings.load()
    a, b, far = ev("a", 35.81, 2, 7, tp=2), ev("b", 35.82, 1, 3), ev("c", 36.5, 1, 1, admin2="Harem")
    dup = find_duplicate(b, [far, a], s)
    assert dup is not None and dup[0].event_id == "a"
    m = merge(a, b, dup[1])
    assert (
        m.geo_precision == 1
        and m.time_precision == 1
        and m.fatalities.best == 3
        and set(m.doc_ids) == {"a", "b"}
    )
    assert find_duplicate(far, [a], s) is None
