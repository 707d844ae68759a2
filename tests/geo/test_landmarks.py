"""Squares, streets and compounds (``ساحة``، ``شارع``، ``مجمع``، ``دوار``): the cue is a word of the name, the
landmark is kept at the town the text puts it in, and never makes an event of its own beside that town.
Sentences written for these tests."""

import datetime as dt

import rasd
from rasd.geo import resolve
from rasd.geo.unknown import unknown_names
from rasd.kb.match import find_mentions
from rasd.models import Document
from rasd.text import normalise

_DAY = dt.datetime(2024, 3, 14, 12, tzinfo=dt.UTC)


def _places(text: str) -> list[tuple[str, str]]:
    return [
        (e.location.name_as_written or e.location.name_ar, e.location.decision)
        for e in rasd.extract(text, published_at=_DAY)
        if e.location is not None
    ]


def test_a_landmark_keeps_its_cue_word_in_its_name():
    [name] = unknown_names(normalise("تجمع المحتجون في ساحة الورود أمام مبنى المحافظة"))
    assert name.surface == "ساحة الورود"


def test_a_battlefield_or_a_main_street_names_no_landmark():
    assert unknown_names(normalise("قاتلوا في ساحة المعركة حتى الفجر")) == []
    assert unknown_names(normalise("أغلقوا شارعا رئيسيا ثم شارع رئيسي آخر")) == []


def test_the_street_of_the_clause_is_the_events_place():
    text = "قتل مسلحون مجهولون شابا بالرصاص في شارع الزيتون شرقي مدينة حمص مساء الثلاثاء."
    assert _places(text) == [("شارع الزيتون", "unknown-at-parent")]


def test_a_landmark_in_a_list_stands_for_its_town():
    text = "شنت الطائرات الحربية غارات على شارع البساتين في مدينة إدلب وعلى بلدة سرمين صباح اليوم."
    assert [name for name, _ in _places(text)] == ["شارع البساتين", "سرمين"]


def test_a_square_the_text_puts_in_no_town_is_no_place(settings, gazetteer, matcher):
    # many towns have a square of that name: the town named in another sentence is only a guess
    text = "وصل وفد حكومي إلى مدينة حلب أمس. وتظاهر المئات في ساحة الجابري مساء السبت."
    found = resolve(Document(doc_id="t", body=text), find_mentions(text, matcher), gazetteer, settings)
    assert "ساحة الجابري" not in [p.name_as_written for p in found]
    beside = "وتظاهر المئات في ساحة الجابري وسط مدينة حلب مساء السبت."
    found = resolve(Document(doc_id="t", body=beside), find_mentions(beside, matcher), gazetteer, settings)
    assert [p.parent_name for p in found if p.name_as_written == "ساحة الجابري"] == ["حلب"]
