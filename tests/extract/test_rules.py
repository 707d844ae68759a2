"""Each extraction rule on a sentence written for this test (none of them is in the gold set)."""

import datetime as dt


def _one(events, sub):
    found = [e for e in events if e.sub_event_type == sub]
    assert found, [(e.sub_event_type, e.actor1 and e.actor1.kb_id) for e in events]
    return found[0]


def test_air_strike_by_air_actor_with_toll(extract):
    e = _one(
        extract(
            "شنت طائرات حربية روسية غارات على بلدة كفرنبل جنوب إدلب، ما أسفر عن مقتل ثلاثة مدنيين وإصابة سبعة آخرين."
        ),
        "Air/drone strike",
    )
    assert e.actor1.kb_id == "ru-forces" and e.fatalities.best == 3 and not e.fatalities.vague
    assert e.civilian_targeting


def test_shelling_stays_shelling_without_air_words(extract):
    e = _one(
        extract("قصفت قوات النظام بالمدفعية الثقيلة قرية البارة في جبل الزاوية أمس."),
        "Shelling/artillery/missile attack",
    )
    assert e.actor1.kb_id == "sy-gov-forces"
    assert e.event_date == dt.date(2023, 5, 13) and e.time_precision == 1


def test_government_regains_territory(extract):
    e = _one(
        extract("استعادت قوات النظام السيطرة على مدينة سراقب بعد معارك مع هيئة تحرير الشام."),
        "Government regains territory",
    )
    assert e.actor1.kb_id == "sy-gov-forces"


def test_non_state_overtakes(extract):
    e = _one(
        extract("سيطرت هيئة تحرير الشام على بلدة الأتارب بعد انسحاب الفصائل منها."),
        "Non-state actor overtakes territory",
    )
    assert e.actor1.kb_id == "hts"


def test_combatant_counts_and_injuries_are_no_deaths(extract):
    events = extract(
        "هاجم نحو 300 عنصر من تنظيم داعش مواقع للجيش العراقي قرب تلعفر، ما أدى إلى إصابة 12 جندياً."
    )
    assert events and all(e.fatalities.min is None for e in events)


def test_range_toll_is_conservative(extract):
    e = _one(
        extract("انفجرت سيارة مفخخة في مدينة الباب، ما أدى إلى مقتل بين 8 إلى 12 شخصاً."),
        "Remote explosive/landmine/IED",
    )
    assert (e.fatalities.best, e.fatalities.min, e.fatalities.max) == (8, 8, 12)


def test_ied_noun_without_explosion_is_no_event(extract):
    events = extract("زرع الطرفان الألغام والعبوات الناسفة في الطرقات المؤدية إلى القرية.")
    assert not [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]


def test_arrest_object_follows(extract):
    e = _one(extract("اعتقلت قوات سوريا الديمقراطية ناشطين في مدينة الرقة فجر اليوم."), "Arrests")
    assert e.actor1.kb_id == "sdf"


def test_protest_with_intervention(extract):
    e = _one(
        extract("تظاهر مئات المحتجين في مدينة الناصرية، وفرقت قوات الأمن المتظاهرين بالغاز المسيل للدموع."),
        "Protest with intervention",
    )
    assert e.event_type == "Protests"


def test_claimed_and_denied(extract):
    claimed = extract("تبنى تنظيم داعش الهجوم على حاجز للجيش العراقي في قضاء الطارمية.")
    assert any(e.modality == "claimed" for e in claimed)
    denied = extract("نفت وزارة الدفاع التركية قصف قرية قرب منبج.")
    assert any(e.modality == "denied" for e in denied)


def test_planned_is_no_event_yet(resources):
    from rasd.coding.api import explain_events

    text = "تعتزم الحكومة والفصائل توقيع اتفاق لوقف إطلاق النار في درعا الأسبوع المقبل."
    events, dropped = explain_events(text, resources=resources)
    assert not events  # ACLED codes what happened, not what is planned
    assert any(d.event.sub_event_type == "Agreement" and d.reason.startswith("planned") for d in dropped)


def test_control_state_is_no_event(extract):
    events = extract("يعيش آلاف النازحين في مناطق سيطرة الجيش الوطني السوري شمال حلب.")
    assert not [e for e in events if e.event_type == "Battles"]


def test_the_two_parties_stand_for_the_last_two_actors(extract):
    events = extract(
        "اشتبك الجيش الوطني مع قوات سوريا الديمقراطية قرب منبج. واتفق الطرفان على هدنة في مدينة الباب."
    )
    agreement = _one(events, "Agreement")
    assert {agreement.actor1.kb_id, agreement.actor2.kb_id} == {"sdf", "sna"}


def test_attribution_chain(extract):
    e = _one(
        extract("أفاد المرصد السوري لحقوق الإنسان بأن طائرة مسيرة تركية استهدفت سيارة قرب القامشلي."),
        "Air/drone strike",
    )
    assert any(s.kb_id == "src-sohr" for s in e.attribution)


def test_hijri_and_maghrebi_dates(extract):
    from zoneinfo import ZoneInfo

    published = dt.datetime(2021, 1, 4, 9, 0, tzinfo=ZoneInfo("Africa/Tripoli"))
    e = extract("اشتباكات عنيفة في مدينة سرت يوم 3 جانفي 2021 بين قوات حفتر وقوات حكومة الوفاق.", published)[
        0
    ]
    assert e.event_date == dt.date(2021, 1, 3)


def test_an_old_date_is_background(resources):
    from rasd.coding.api import explain_events

    text = "اشتباكات عنيفة في مدينة سرت يوم 3 جانفي 2021 بين قوات حفتر وقوات حكومة الوفاق."
    published = dt.datetime(2023, 5, 14, 10, 0, tzinfo=dt.UTC)  # two years on, 2021 is history
    events, dropped = explain_events(text, published_at=published, resources=resources)
    assert not events and any(d.reason.startswith("background") for d in dropped)
