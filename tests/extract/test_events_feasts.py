"""A religious feast kept (``بذكرى المولد``) is no anniversary of war: sentences written for this test."""


def test_arrests_during_a_feast_are_news(explain):
    text = "اعتقلت الشرطة أمس ثمانية شبان في مدينة الخليل خلال احتفال الأهالي بذكرى المولد."
    assert [e.sub_event_type for e in explain(text)[0]] == ["Arrests"]
