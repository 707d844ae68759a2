"""Happenings told in words the lexicon missed: accusative nouns, air raids told with "أغار", strikes named by the
force that made them, hideouts destroyed. Sentences written for this test (issue 10)."""


def _types(events):
    return sorted(e.sub_event_type for e in events)


def test_an_accusative_blast_is_a_blast(explain):
    text = "وأفادت مصادر أمنية بأن انفجاراً وقع صباح أمس قرب سوق مدينة تكريت وأدى إلى مقتل شخصين."
    assert _types(explain(text)[0]) == ["Remote explosive/landmine/IED"]


def test_an_accusative_withdrawal_is_a_transfer(explain):
    text = "وشهدت مدينة سرت مساء أمس انسحاباً كاملاً لقوات اللواء التاسع من مواقعها."
    assert _types(explain(text)[0]) == ["Non-violent transfer of territory"]


def test_an_air_force_raiding_is_an_air_strike(explain):
    # "أغار" of gunmen on a village is an attack (test_events_raids); of aircraft an air strike
    text = "وأغار الطيران الحربي الإسرائيلي ظهر أمس على أطراف بلدة عيترون في جنوب لبنان."
    assert _types(explain(text)[0]) == ["Air/drone strike"]


def test_strikes_named_by_a_foreign_force_are_air_strikes(explain):
    text = "قتل ثلاثة مسلحين في ضربات أميركية استهدفت مواقع لهم قرب مدينة القائم أمس."
    assert _types(explain(text)[0]) == ["Air/drone strike"]
    # a free kick is no strike
    assert explain("سجل اللاعب هدف التعادل من ضربة ثابتة في مدينة حمص أمس.")[0] == []


def test_a_hideout_destroyed_is_a_disrupted_weapon(explain):
    text = "دمرت وحدات الجيش أمس ثلاثة مخابئ للجماعات الإرهابية في ولاية البويرة شرق العاصمة."
    assert _types(explain(text)[0]) == ["Disrupted weapons use"]
    # a hideout named alone is none
    assert explain("لجأ السكان إلى مخبأ تحت الأرض في مدينة البويرة أمس خوفا من العاصفة.")[0] == []


def test_clashes_that_kill_civilians_are_still_clashes(explain):
    # ACLED: fighting between two armed sides is a battle whoever it kills; only an attack word with no armed
    # target is violence against civilians
    text = "اندلعت اشتباكات عنيفة بين عشيرتين في مدينة الميادين أمس أسفرت عن مقتل طفل ومسن."
    assert _types(explain(text)[0]) == ["Armed clash"]


def test_a_raid_in_a_report_of_air_strikes_is_an_air_strike(explain):
    text = (
        "شنت طائرات حربية إسرائيلية غارة على بلدة عيترون في جنوب لبنان ظهر أمس. "
        "كما أغار على أطراف بلدة الناقورة بعد ساعة."
    )
    assert _types(explain(text)[0]) == ["Air/drone strike", "Air/drone strike"]
    # jihadists raiding a village in the same report attack it from the ground
    raid = text + " وفي المساء أغار إرهابيون على قرية رميش وقتلوا راعيا."
    assert _types(explain(raid)[0]) == ["Air/drone strike", "Air/drone strike", "Attack"]


def test_targeting_in_a_report_of_shelling_is_shelling(explain):
    # "استهدفت بلدات" after the shelling was told: more of it, at each town named
    text = (
        "قصفت قوات النظام بالمدفعية الثقيلة بلدة سرمين في ريف إدلب صباح أمس. "
        "وأضاف المراسل أن القوات استهدفت بعد الظهر بلدة بنش."
    )
    told = [("Shelling/artillery/missile attack", "سرمين"), ("Shelling/artillery/missile attack", "بنش")]
    assert [(e.sub_event_type, e.location.name_ar) for e in explain(text)[0]] == told
    # missiles able to target a town are no strike
    able = text + " وقال القائد إن قواته تمتلك صواريخ قادرة على استهداف مدينة إدلب."
    assert [(e.sub_event_type, e.location.name_ar) for e in explain(able)[0]] == told
    # gunmen targeting a post fire no shells
    gunmen = told[:1] + [("Shelling/artillery/missile attack", "بنش")]
    armed = text.replace("أن القوات استهدفت", "أن مسلحين استهدفوا")
    assert [(e.sub_event_type, e.location.name_ar) for e in explain(armed)[0]] != gunmen


def test_gunmen_attacking_what_troops_hold_fight_a_battle(explain):
    # gunmen vs a checkpoint or the army: armed men on both sides (ACLED), read from what the attack word governs
    text = "هاجم مسلحون مجهولون نقطة تفتيش في مدينة الرمادي فجر أمس."
    assert _types(explain(text)[0]) == ["Armed clash"]
    text = "هاجم مسلحون مجهولون سوقا شعبية في مدينة الرمادي فجر أمس."
    assert _types(explain(text)[0]) == ["Attack"]


def test_air_defences_make_no_missile_an_air_strike(explain):
    text = "أطلق الحوثيون صاروخا على مدينة جازان أمس، وقالت قوات الدفاع الجوي إن الصاروخ سقط في منطقة خالية."
    assert _types(explain(text)[0]) == ["Shelling/artillery/missile attack"]


def test_a_missile_intercepted_is_a_disrupted_weapon(explain):
    text = "أعلنت السعودية اعتراض الدفاعات الجوية صاروخا باليستيا فوق مدينة جازان فجر أمس."
    assert _types(explain(text)[0]) == ["Disrupted weapons use"]


def test_an_arrest_of_men_who_were_planning_is_an_arrest(explain):
    text = "ألقت قوات الأمن أمس القبض على خلية كانت تخطط لاقتحام مبنى المحافظة في مدينة كركوك."
    events = explain(text)[0]
    assert [(e.sub_event_type, e.modality) for e in events] == [("Arrests", "reported")]


def test_a_blast_told_by_its_bomb_is_a_bombing_of_its_own(explain):
    # "تفجير" alone may retell the happening before it; "تفجير مدرعة بعبوة ناسفة" names its bomb: a new one
    text = (
        "اشتبك مسلحون مع قوات الشرطة عند حاجز في مدينة العريش صباح أمس. "
        "وقتل مجند بعد الظهر إثر تفجير آلية عسكرية بعبوة ناسفة على مشارف مدينة الشيخ زويد."
    )
    assert _types(explain(text)[0]) == ["Armed clash", "Remote explosive/landmine/IED"]


def test_settlers_and_the_army_guarding_them_are_one_side(explain):
    # ACLED: settlers attacking a village under the army's guard attack civilians; the army is no opponent
    text = "اندلعت مواجهات عنيفة أمس بين المستوطنين وقوات الاحتلال في بلدة برقة شمال غرب نابلس."
    events = explain(text)[0]
    assert [(e.sub_event_type, e.actor1.name_en, e.actor2.name_en) for e in events] == [
        ("Attack", "Israeli Settlers (Israel)", "Civilians (Palestine)")
    ]


def test_settlers_confronted_by_residents_attack_civilians(explain):
    # the confrontations' other side, once the tellings are joined, is the residents: settlers fought no armed side
    text = (
        "وتصدى سكان بلدة بورين جنوب نابلس، كما قال شهود، لعشرات المستوطنين هاجموا البلدة من جهتها الشرقية أمس، "
        "واندلعت مواجهات في المكان، بينما هاجم المستوطنون سيارات الأهالي بالحجارة عند مدخل البلدة."
    )
    events = explain(text)[0]
    assert [(e.sub_event_type, e.actor2.name_en) for e in events] == [("Attack", "Civilians (Palestine)")]


def test_a_targeting_verb_after_a_blast_tells_the_blast(explain):
    # "تفجير استهدف دورية": the blast targeted the patrol; not one more air strike of the report's kind
    text = (
        "شنت طائرات حربية غارات على مواقع للمسلحين قرب مدينة رفح صباح أمس. "
        "وقتل جنديان في تفجير استهدف دورية للجيش قرب مدينة العريش مساء أمس."
    )
    assert _types(explain(text)[0]) == ["Air/drone strike", "Remote explosive/landmine/IED"]
