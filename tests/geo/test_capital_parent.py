"""A neighbourhood the gazetteer lacks that the text puts in "the capital" alone (``حي X، وهو حي تابع للعاصمة``) is
kept by name at the capital of the report's country, one event, not an event at the capital beside it. Sentences
written for these tests."""

import datetime as dt

import rasd

_DAY = dt.datetime(2024, 5, 9, 12, tzinfo=dt.UTC)


def test_a_quarter_of_the_capital_named_only_as_such_is_kept_by_name():
    text = (
        "أطلقت قوات الأمن التونسية مساء أمس الغاز المسيل للدموع على محتجين أحرقوا الإطارات في حي الربيع، "
        "وهو حي تابع للعاصمة."
    )
    [event] = rasd.extract(text, published_at=_DAY)
    assert event.location.name_as_written == "الربيع"
    assert event.location.country == "TN"
