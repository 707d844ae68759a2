"""A religious feast kept (``بذكرى المولد``) is no anniversary of war: sentences written for this test."""

import datetime as dt

import pytest

PUBLISHED = dt.datetime(2024, 3, 12, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def explain(resources):
    from rasd.coding.api import explain_events

    def run(text, published=PUBLISHED):
        return explain_events(text, published_at=published, resources=resources)

    return run


def test_arrests_during_a_feast_are_news(explain):
    text = "اعتقلت الشرطة أمس ثمانية شبان في مدينة الخليل خلال احتفال الأهالي بذكرى المولد."
    assert [e.sub_event_type for e in explain(text)[0]] == ["Arrests"]
