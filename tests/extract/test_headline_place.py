"""A place named only in the headline: the place of the events a body gives none (the body says only "البلدة" or
"القرية"), recorded as such; the body's own places stay first. Sentences written for these tests."""

BODY = "قتل ثلاثة مدنيين أمس في قصف مدفعي استهدف البلدة، وفق ما أفاد ناشطون."
HEADLINE = "مقتل ثلاثة مدنيين بقصف على بلدة سراقب\n"


def test_the_body_names_no_place_the_headline_does(explain, extract):
    events, dropped = explain(BODY)  # with no headline the event has no place: ACLED codes none
    assert events == [] and any(d.reason.startswith("no place") for d in dropped)
    for events in (explain(HEADLINE + BODY)[0], extract(HEADLINE + BODY)):
        [event] = events
        assert event.location.name_en == "Saraqib"
        assert event.location.start is None  # no span in the body
        assert event.location.reason.startswith("named only in the headline")
        assert event.geo_precision == 2  # only near what the body tells: it names no place itself
        assert "headline" in event.notes
        assert not any(x.field.startswith("location") for x in event.evidence)


def test_a_village_the_headline_names_over_a_body_that_says_the_village(explain):
    text = (
        "اشتباكات في قرية الزيتونة بريف حماة الشمالي\n"
        "اندلعت اشتباكات عنيفة أمس بين فصائل المعارضة وقوات النظام على أطراف القرية."
    )
    [event] = explain(text)[0]
    assert event.event_type == "Battles"
    assert event.location.name_as_written == "الزيتونة"


def test_the_body_place_comes_first(explain):
    # a body naming a place of its own keeps it, even for a draft told before it
    text = HEADLINE + "قتل ثلاثة مدنيين أمس في قصف مدفعي استهدف مدينة إدلب."
    assert [e.location.name_en for e in explain(text)[0]] == ["Idlib"]
    assert [e.location.name_en for e in explain(HEADLINE + BODY)[0]] == ["Saraqib"]
    # a body with places of its own: its place-less draft before them is no event at the headline's town
    text = HEADLINE + BODY + " وفي مدينة إدلب خرج المئات أمس في مظاهرة تطالب بالإفراج عن المعتقلين."
    assert [(e.event_type, e.location.name_en) for e in explain(text)[0]] == [("Protests", "Idlib")]


def test_a_headline_naming_places_apart_gives_no_place(explain):
    # two governorates: a protest the body places nowhere could be in either; one town: there
    body = "خرج المئات أمس في مظاهرات جابت شوارع المدينة ورفعوا شعارات تطالب بالإفراج عن المعتقلين."
    events, dropped = explain("مظاهرات في درعا والسويداء\n" + body)
    assert events == [] and any(d.reason.startswith("no place") for d in dropped)
    assert [e.location.name_en for e in explain("مظاهرات في السويداء\n" + body)[0]] == ["As-Suwayda"]


def test_a_dateline_headline_gives_no_place(explain):
    # where the reporter filed from is not where the shelling was
    assert explain("سراقب - وكالات\n" + BODY)[0] == []
    assert [e.location.name_en for e in explain("قصف على سراقب\n" + BODY)[0]] == ["Saraqib"]
