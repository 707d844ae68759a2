"""A store of 60 events written for these tests (sentences of our own), for reading every export format back.

Events are spaced 35 days apart so that none merges with another; a few have no place, some have
associated actors, a toll range, a formula-looking note, a place as the report wrote it, two sources.
"""

from __future__ import annotations

import datetime as dt

from rasd.models import ActorRef, Document, Event, Fatalities, Place, SourceRef

N_EVENTS = 60
UNLOCATED = {7, 19, 33, 51}  # indices of events without a place
PLACES = [
    ("SY", "Idlib", "إدلب", 35.93, 36.63, "Idlib"),
    ("SY", "Aleppo", "حلب", 36.20, 37.16, "Aleppo"),
    ("SY", "Hajin", "هجين", 34.69, 40.83, "Deir ez-Zor"),
    ("IQ", "Mosul", "الموصل", 36.34, 43.13, "Nineveh"),
    ("YE", "Taiz", "تعز", 13.58, 44.02, "Taiz"),
    ("LY", "Sirte", "سرت", 31.21, 16.59, "Sirte"),
]
TYPES = [
    ("Battles", "Armed clash", "اشتباكات عنيفة بين الطرفين قرب {p} أسفرت عن مقتل {n} مقاتلين."),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "قصف مدفعي على أطراف {p} قتل فيه {n}.",
    ),
    ("Violence against civilians", "Attack", "هجوم مسلح على مدنيين في {p} خلّف {n} قتلى."),
    ("Protests", "Peaceful protest", "خرج العشرات في مظاهرة سلمية وسط {p} دون إصابات."),
]
ACTORS = [
    ActorRef("sy-gov-forces", "Military Forces of Syria", "قوات النظام السوري", 1, "SY"),
    ActorRef("sdf", "SDF: Syrian Democratic Forces", "قوات سوريا الديمقراطية", 2, "SY"),
    ActorRef("isis", "Islamic State (Iraq and the Levant)", "تنظيم الدولة الإسلامية", 2, None),
    ActorRef("civ-sy", "Civilians (Syria)", "مدنيون", 7, "SY"),
]


def make_events() -> tuple[list[Document], list[Event]]:
    docs: list[Document] = []
    events: list[Event] = []
    start = dt.date(2015, 1, 5)
    for i in range(N_EVENTS):
        iso, en, ar, lat, lon, admin1 = PLACES[i % len(PLACES)]
        et, st, sentence = TYPES[i % len(TYPES)]
        n = (i * 3) % 11
        day = start + dt.timedelta(days=35 * i)
        body = f"{ar}: " + sentence.format(p=ar, n=n) + f" (تقرير رقم {i} كتبناه لاختبار التصدير)"
        doc = Document(
            doc_id=f"{i:04d}" + "d" * 60,
            body=body,
            source_uri=f"https://news.example/{i}" if i % 5 else f"/data/reports/feed.jsonl#L{i + 1}",
            outlet="Example News" if i % 2 else "مرصد المثال",
            title=f"خبر {i} من {ar}",
            published_at=dt.datetime(
                day.year, day.month, day.day, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=3))
            ),
        )
        docs.append(doc)
        extra = ()
        if i % 10 == 3:  # a second report of the same happening
            second = Document(
                doc_id=f"{i:04d}" + "e" * 60,
                body=body + " رواية ثانية.",
                source_uri=f"https://other.example/{i}",
            )
            docs.append(second)
            extra = (second.doc_id,)
        location = None
        if i not in UNLOCATED:
            location = Place(
                name_ar=ar,
                name_en=en,
                lat=lat + (i % 7) * 0.01,
                lon=lon,
                admin1=admin1,
                country=iso,
                name_as_written=f"مدينة {ar}" if i % 3 == 0 else ar,
            )
        a1 = ACTORS[i % len(ACTORS)]
        events.append(
            Event(
                event_id=f"{i:04x}" + "ab" * 6,
                doc_ids=(doc.doc_id, *extra),
                event_type=et,
                sub_event_type=st,
                event_date=day,
                actor1=a1,
                actor2=ACTORS[(i + 1) % len(ACTORS)] if i % 4 != 3 else None,
                assoc_actor1=(ACTORS[2],) if i % 6 == 0 else (),
                interaction=int(f"{a1.inter}{ACTORS[(i + 1) % len(ACTORS)].inter}") if i % 4 != 3 else None,
                location=location,
                geo_precision=1 + i % 3 if location else None,
                fatalities=Fatalities(best=n, min=n, max=n + 5 if i % 2 else n, vague=i % 9 == 0),
                modality=("reported", "claimed", "denied")[i % 3],
                attribution=(SourceRef("activists", None, "activists"),),
                confidence=round(0.3 + (i % 7) / 10, 2),
                notes='=HYPERLINK("http://evil.example")'
                if i == 4
                else f"Event {i}: written for the export test.",
                status=("machine", "confirmed", "edited")[i % 3],
                created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
                updated_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
            )
        )
    return docs, events


def fill(store) -> list[Event]:
    docs, events = make_events()
    for d in docs:
        store.save_document(d)
    stored = store.save_events(events)
    assert len(stored) == N_EVENTS and store.counts()["events"] == N_EVENTS  # nothing merged
    return stored
