"""What a reprisal answers is its cause, not a happening told: sentences written for this test (issue 10)."""


def test_what_a_reprisal_answers_is_not_told_as_news(explain):
    text = "قصفت قوات النظام أمس بلدة نبل بالمدفعية ردا على اختطاف مسلحين مجهولين ضابطا في مدينة دوما."
    events, dropped = explain(text)
    assert {e.event_type for e in events} == {"Explosions/Remote violence"}  # the abduction is the cause
    assert any(d.reason.startswith("what a reprisal answers") for d in dropped)


def test_a_named_campaign_of_reprisal_between_quotes(explain):
    text = 'قصفت الفصائل أمس مواقع الجيش في بلدة الباب بالمدفعية ضمن "معركة الرد" على اختطاف قائدها في مدينة منبج.'
    events, dropped = explain(text)
    assert {e.event_type for e in events} == {"Explosions/Remote violence"}
    assert any("reprisal" in d.reason for d in dropped)


def test_the_reprisal_itself_after_a_pointer_is_news(explain):
    # "ردا على ذلك" points back: what follows is the reprisal, told as news
    text = "ردا على ذلك قصفت قوات النظام أمس بلدة نبل بالمدفعية الثقيلة."
    assert [e.sub_event_type for e in explain(text)[0]] == ["Shelling/artillery/missile attack"]
