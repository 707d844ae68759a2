"""A surname after a title and a given name (``عقيد سالم X``) is a person's, even when X is also a town in a
country the report supports through an actor. Sentences written for these tests."""

import datetime as dt
from zoneinfo import ZoneInfo

from rasd.geo import resolve
from rasd.kb.match import find_mentions
from rasd.models import Document


def test_a_surname_after_a_rank_and_a_given_name_is_no_place(settings, gazetteer, matcher):
    text = "أعلن عقيد خالد الرمادي، قائد القطاع الشمالي، أن قوات حرس الحدود ضبطت أمس سيارة محملة بالأسلحة."
    doc = Document(
        doc_id="t", body=text, published_at=dt.datetime(2020, 1, 1, tzinfo=ZoneInfo("Africa/Cairo"))
    )
    places = resolve(doc, find_mentions(text, matcher), gazetteer, settings)
    assert "الرمادي" not in [p.name_as_written for p in places]
