"""Drafts are built only when something needs them (``rasd.coding.events._Draft``): a draft dropped for a reason
read before its build (a date long before the report) is never built when no explanation is asked for. The
events must be the same either way, and the explanation must still show every dropped draft with its reason."""

import datetime as dt

import pytest

PUBLISHED = dt.datetime(2024, 3, 12, 8, 0, tzinfo=dt.UTC)

#: the news, then two happenings recalled with old dates, then a definite noun that tells the old bombing again
REPORT = (
    "قصفت قوات النظام بلدة كفرنبل في ريف إدلب صباح اليوم، فقتل ثلاثة مدنيين بين منازلهم.\n"
    "وفي 5 آذار 2016 استهدفت طائرات حربية البلدة نفسها وقتل فيها أربعة أشخاص.\n"
    "وفي 3 حزيران 2015 فجر انتحاري سيارة مفخخة في سوق مدينة إدلب.\n"
    "ونفذ الهجوم الانتحاري شاب من المدينة.\n"
)


def _both_ways(resources, text: str):
    from rasd.coding.events import extract_with_reasons
    from rasd.geo import resolve
    from rasd.ingest import read_text
    from rasd.kb.match import find_mentions

    doc = read_text(text, resources.settings, published_at=PUBLISHED)
    mentions = find_mentions(doc.body, resources.matcher)
    places = resolve(doc, mentions, resources.gazetteer, resources.settings)
    args = (doc, mentions, places, resources.actors, resources.lexicon)
    return extract_with_reasons(*args), extract_with_reasons(*args, keep_dropped=False)


@pytest.fixture(scope="module")
def outcomes(resources):
    return _both_ways(resources, REPORT)


def test_old_dated_drafts_are_dropped_as_background(outcomes):
    (_, dropped), _ = outcomes
    reasons = [d.reason for d in dropped]
    assert any(r.startswith("background: dated 2016-03-05") for r in reasons), reasons
    assert any(r.startswith("background: dated 2015-06-03") for r in reasons), reasons


def test_the_same_events_whether_or_not_the_dropped_drafts_are_kept(outcomes):
    (events, _), (lazy_events, lazy_dropped) = outcomes
    assert events, "the report's news is an event"
    assert [e.to_dict() for e in lazy_events] == [e.to_dict() for e in events]
    assert lazy_dropped == []


def test_a_retelling_of_a_background_happening_is_found_without_the_explanation(outcomes):
    """The lazy path learns the type of a draft dropped as background only when a later definite noun asks."""
    (events, dropped), (lazy_events, _) = outcomes
    assert any(d.reason.startswith("background: refers back") for d in dropped), [d.reason for d in dropped]
    assert len(lazy_events) == len(events)


def test_dropped_events_are_full_events(outcomes):
    """What ``rasd extract --explain`` shows: each dropped draft with its type, place and date."""
    (_, dropped), _ = outcomes
    old = next(d for d in dropped if d.reason.startswith("background: dated 2015-06-03"))
    assert old.event.event_type == "Explosions/Remote violence"
    assert old.event.event_date == dt.date(2015, 6, 3)
    assert any(x.field == "event_type" for x in old.event.evidence)
