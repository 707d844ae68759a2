"""People arrested or abducted "from" a town (``من بلدتي X وY``) were taken there: the towns are the events'
places (fire "from" a town, ``قصفت من مواقعها في X``, still comes from elsewhere). Sentences written for these
tests."""

import datetime as dt

import rasd

_DAY = dt.datetime(2024, 5, 9, 12, tzinfo=dt.UTC)


def _places(text: str) -> list[tuple[str, str]]:
    return [
        (e.sub_event_type, e.location.name_as_written)
        for e in rasd.extract(text, published_at=_DAY)
        if e.location is not None
    ]


def test_arrests_from_two_towns_are_two_events_at_the_towns():
    text = "في محافظة جنين، اعتقل جنود الاحتلال فجر اليوم خمسة شبان من بلدتي قباطية وعرابة."
    assert _places(text) == [("Arrests", "قباطية"), ("Arrests", "عرابة")]


def test_abductions_from_two_villages_are_at_the_villages():
    text = "اختطف مسلحون مجهولون مساء أمس ثلاثة شبان من بلدتي الحراك والمسيفرة في ريف درعا الشرقي."
    assert [name for _, name in _places(text)] == ["الحراك", "المسيفرة"]
