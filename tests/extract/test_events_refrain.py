"""An instruction to refrain (``بالامتناع عن إطلاق النار``) tells no force used, nor do the victims that name a
sit-in (``أهالي ضحايا القصف``) tell a new shelling, nor a sum asked (``مقابل إطلاق سراح``) a release: sentences
written for this test (issue 10)."""


def test_an_order_not_to_shoot_is_no_force_used(explain):
    text = "أمر وزير الداخلية أمس قوات الأمن بالامتناع عن إطلاق النار على المحتجين في مدينة الحلة."
    assert explain(text)[0] == []


def test_relatives_of_victims_name_no_new_shelling(explain):
    # "أهالي ضحايا القصف": the shelling says who the sitters-in are; it is not told as news here
    text = "اعتصم أهالي ضحايا القصف المدفعي أمس أمام مبنى المحافظة في مدينة كركوك."
    assert [e.event_type for e in explain(text)[0]] == ["Protests"]


def test_a_release_asked_in_exchange_is_no_release(explain):
    # "مقابل إطلاق سراح": the price of a release demanded, not a release (no agreement)
    text = "وطلبت الجماعة المسلحة أمس مبلغا كبيرا مقابل إطلاق سراح الطبيب في مدينة بنغازي."
    assert explain(text)[0] == []
