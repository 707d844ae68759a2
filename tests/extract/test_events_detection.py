"""Which sentences of a real report tell a happening: rules added for issue 10, each on sentences written for this
test (no publisher's text)."""


def test_a_state_a_place_lives_through_is_no_happening(explain):
    # the imperfect "تشهد"/"تتعرض" tells what a place lives through from time to time...
    text = "اعتقلت الشرطة أمس ثلاثة مسلحين في مدينة القصرين. وتشهد جبال القصرين مواجهات متقطعة بين الجيش والمسلحين."
    events, dropped = explain(text)
    assert [e.event_type for e in events] == ["Strategic developments"]
    assert any("state a place lives through" in d.reason for d in dropped)
    text = "وتتعرض القرى الحدودية في محافظة دهوك باستمرار إلى قصف تركي."
    assert explain(text)[0] == []


def test_a_state_verb_after_a_detached_and_is_still_a_state(explain):
    # "و تعيش" with the conjunction written apart, and the state's cause named some words on ("على خلفية ..."):
    # still what the region lives through, not a clash of the news
    text = (
        "اعتقلت الشرطة أمس ثلاثة مسلحين في مدينة القصرين. و تعيش المناطق الجبلية غرب البلاد حالة توتر على "
        "خلفية المواجهات بين الجيش والمسلحين."
    )
    events, dropped = explain(text)
    assert [e.event_type for e in events] == ["Strategic developments"]
    assert any("state a place lives through" in d.reason for d in dropped)


def test_a_state_verb_with_a_date_is_news(explain):
    # "تشهد المدينة منذ صباح اليوم" says when: the fighting is today's news
    text = "تشهد مدينة القصرين منذ صباح اليوم الثلاثاء مواجهات عنيفة بين الجيش ومسلحين."
    assert [e.event_type for e in explain(text)[0]] == ["Battles"]


def test_a_summary_line_in_the_imperfect_tells_the_news(explain):
    # a title or summary line uses the imperfect for the news itself: no state there
    text = "تشهد مدينة الناصرية احتجاجات غاضبة بعد مقتل شاب برصاص الشرطة."
    assert [e.event_type for e in explain(text)[0]] == ["Protests"]


def test_an_officer_killed_by_gunmen_is_a_battle(explain):
    # an officer or soldiers killed are armed: ACLED codes the attack on them as an armed clash, not as violence
    # against civilians
    text = "اغتال مسلحان مجهولان اليوم عقيدا في الجيش اليمني في حي المنصورة بمدينة عدن."
    assert [(e.event_type, e.sub_event_type) for e in explain(text)[0]] == [("Battles", "Armed clash")]
    text = "قتل مسلحون مجهولون اليوم مدرسا في حي المنصورة بمدينة عدن."
    assert [e.event_type for e in explain(text)[0]] == ["Violence against civilians"]


def test_a_repelled_attack_is_never_an_attack_on_civilians(explain):
    # someone repelled it: armed men stood on both sides, whatever verb tells the attack
    text = "وذكر ضابط أن الحامية في مدينة المجلد نجحت أمس في صد هجوم كبير شنه مسلحو الدعم السريع بالرشاشات."
    assert [(e.event_type, e.sub_event_type) for e in explain(text)[0]] == [("Battles", "Armed clash")]


def test_roads_closed_with_burnt_tyres_are_a_riot(explain):
    # burning tyres make a demonstration a riot (docs/annotation.md), whichever adjective says they burn
    text = "أغلق العشرات من المحتجين اليوم شوارع في مدينة الناصرية بالإطارات المحترقة."
    assert [(e.event_type, e.sub_event_type) for e in explain(text)[0]] == [
        ("Riots", "Violent demonstration")
    ]


def test_a_demonstration_the_report_calls_confrontations_is_a_riot(explain):
    # the crowd's confrontations are told in a later sentence that names no place: still this demonstration's
    text = (
        "اندلعت احتجاجات ليلة البارحة في مدينة نواذيبو، وأوقفت الشرطة العشرات."
        " كما تم قطع خدمة الإنترنت بعيد اندلاع هذه المواجهات."
    )
    events = explain(text)[0]
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Violent demonstration")]
    assert events[0].actor1.name_en.startswith("Rioters")


def test_what_has_happened_lately_is_a_recap(explain):
    # "في الآونة الأخيرة" sums up a span of time, as "في الفترة الأخيرة" does: no happening of the news
    text = "وتكررت في الآونة الأخيرة الهجمات بالطائرات المسيرة على مطار أربيل."
    events, dropped = explain(text)
    assert events == []
    assert any("recap" in d.reason for d in dropped)


def test_an_attempt_to_defuse_a_bomb_disrupted_nothing(explain):
    text = (
        "جرح مهندس في فريق الهندسة اليوم أثناء محاولته تفكيك عبوة ناسفة وضعت على جانب طريق في مدينة بعقوبة."
    )
    events, dropped = explain(text)
    assert not any(e.sub_event_type == "Disrupted weapons use" for e in events)
    assert any("attempt" in d.reason for d in dropped)
    text = "تمكن مهندس في فريق الهندسة اليوم من تفكيك عبوة ناسفة وضعت على جانب طريق في مدينة بعقوبة."
    assert [e.sub_event_type for e in explain(text)[0]] == ["Disrupted weapons use"]


def test_detaining_ships_is_no_arrest(explain):
    # an arrest takes people; a held tanker or a held cargo is no arrest
    text = "تتهم الحكومة الحوثيين باحتجاز السفن النفطية في ميناء الحديدة ومنع دخولها."
    assert explain(text)[0] == []
    text = "أقدمت قوات الأمن اليوم على احتجاز خمسة شبان في ميناء الحديدة."
    assert [e.sub_event_type for e in explain(text)[0]] == ["Arrests"]


def test_the_definite_retelling_of_a_recalled_happening_is_background(explain):
    # the bombing is dated years before the report: "the suicide attack" told next, with no date, is that bombing
    text = (
        "أعلنت وزارة الداخلية اليوم إعادة فتح ملف التحقيق.\n"
        "واستهدف تفجير انتحاري دورية للحرس الوطني في 3 مارس 2016 في مدينة تونس.\n"
        "ونفذ الهجوم الانتحاري شاب كان يحمل حزاما ناسفا في مدينة تونس."
    )
    events, dropped = explain(text)
    assert events == []
    assert any("refers back" in d.reason for d in dropped)


def test_a_happening_called_a_massacre_is_no_new_one(explain):
    # "described as a massacre" names the strike already told, at its place, not one more attack
    text = (
        "قتل عشرة مدنيين في غارة جوية على سوق مدينة نيالا أمس.\n"
        "ووصف ناشطون ما جرى في نيالا بأنه مجزرة بحق العائلات."
    )
    assert [e.event_type for e in explain(text)[0]] == ["Explosions/Remote violence"]


def test_tear_gas_in_a_report_of_demonstrations_is_their_intervention(explain):
    # tear gas is force used on a crowd: in a report of demonstrations, the one in its town was dispersed
    text = (
        "انطلقت اليوم الجمعة مسيرات احتجاجية في مدينة قسنطينة رافعة شعارات مناهضة للسلطة."
        " واستخدمت الشرطة الغاز المسيل للدموع في مدينة وهران."
    )
    subs = sorted(e.sub_event_type for e in explain(text)[0])
    assert subs == ["Peaceful protest", "Protest with intervention"]
    # with no crowd anywhere, tear gas tells no demonstration
    assert explain("استخدمت قوات الأمن اليوم الغاز المسيل للدموع في مدينة وهران.")[0] == []


def test_whether_is_no_condition(explain):
    # "ما إذا" asks whether someone died: the strikes were carried out
    text = (
        "شنت طائرات التحالف اليوم غارات على مدينة صعدة، ولم يعرف بعد ما إذا كان قتلى قد سقطوا جراء الغارات."
    )
    events = explain(text)[0]
    assert [(e.sub_event_type, e.modality) for e in events] == [("Air/drone strike", "reported")]
    # a plain "إذا" sets a condition: nothing has happened
    text = "وقال المتحدث إنه إذا شنت الطائرات غارات على مدينة صعدة فسيكون الرد قاسيا."
    assert explain(text)[0] == []


def test_a_man_shot_beside_a_strike_is_a_killing_of_its_own(explain):
    # a gunshot is no retelling of the drone strike told before it, though both killed in the same town
    text = (
        "استشهد مواطنان اليوم في قصف شنته طائرة مسيرة إسرائيلية على مجموعة من المواطنين في بلدة بيت حانون.\n"
        "كما استشهد شاب برصاص قوات الاحتلال قرب دوار النجمة في مدينة رفح."
    )
    types = sorted(e.event_type for e in explain(text)[0])
    assert types == ["Explosions/Remote violence", "Violence against civilians"]


def test_members_of_a_force_killed_are_armed(explain):
    # "عنصرين من ..." counts members of a force: killing them is an armed clash, as killing soldiers is
    text = "قتل مسلحون مجهولون اليوم عنصرين من حرس المنشأة النفطية في بلدة الشحيل بريف دير الزور."
    assert [(e.event_type, e.sub_event_type) for e in explain(text)[0]] == [("Battles", "Armed clash")]
