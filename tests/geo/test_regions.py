"""Governorates, states and regions named as the event's location (no town of that name): ACLED precision 3."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from rasd.geo import resolve
from rasd.kb.match import find_mentions
from rasd.models import Document


def _places(text, settings, gazetteer, matcher, tz="Africa/Cairo"):
    doc = Document(doc_id="t", body=text, published_at=dt.datetime(2020, 1, 1, tzinfo=ZoneInfo(tz)))
    return resolve(doc, find_mentions(text, matcher), gazetteer, settings)


def test_north_sinai_is_a_region_of_egypt(settings, gazetteer, matcher):
    [p] = _places("مقتل جنديين في هجوم في شمال سيناء", settings, gazetteer, matcher)
    assert (p.country, p.feature_code, p.geo_precision) == ("EG", "ADM1", 3)
    assert p.name_as_written == "شمال سيناء"


@pytest.mark.parametrize(
    "text,written,country",
    [
        ("مقتل جندي في هجوم بشمالي سيناء", "شمالي سيناء", "EG"),
        ("اشتباكات في محافظة شمال سيناء", "محافظة شمال سيناء", "EG"),
        ("قصف مدفعي على مواقع في ولاية شمال كردفان", "ولاية شمال كردفان", "SD"),
        ("معارك عنيفة في شمالي دارفور", "شمالي دارفور", "SD"),
        ("هجوم لتنظيم الدولة على نقطة للجيش في صحراء الأنبار", "الأنبار", "IQ"),
        ("انفجار عبوة ناسفة في محافظة صلاح الدين", "محافظة صلاح الدين", "IQ"),
        ("غارات إسرائيلية متواصلة على مرتفعات في جنوبي لبنان", "جنوبي لبنان", "LB"),
        ("مداهمات واعتقالات واسعة في ريف دمشق", "ريف دمشق", "SY"),
        ("اشتباكات بين قوات الحكومة ومسلحين في محافظة شبوة", "محافظة شبوة", "YE"),
        ("كمين لحركة الشباب يستهدف قافلة في إقليم شبيلي السفلى", "إقليم شبيلي السفلى", "SO"),
    ],
)
def test_region_forms(text, written, country, settings, gazetteer, matcher):
    found = [p for p in _places(text, settings, gazetteer, matcher) if p.feature_code == "ADM1"]
    assert found, text
    assert (found[0].country, found[0].geo_precision, found[0].name_as_written) == (country, 3, written)


def test_bare_adjective_is_not_a_governorate(settings, gazetteer, matcher):
    # "الغربية" alone is an adjective (the western …): only "محافظة الغربية" is Gharbia
    assert not [
        p
        for p in _places("قصف على المناطق الغربية", settings, gazetteer, matcher)
        if p.feature_code == "ADM1"
    ]


def test_unknown_village_in_a_state_goes_to_the_reports_town_there(settings, gazetteer, matcher):
    # the village is not in the gazetteer; the text puts it in North Kordofan and names Bara, a town of that state
    text = "هاجمت قوات الدعم السريع قرية ود الزين بولاية شمال كردفان، على بعد كيلومترات من مدينة بارا"
    [village] = [
        p for p in _places(text, settings, gazetteer, matcher, "Africa/Khartoum") if p.name_ar == "ود الزين"
    ]
    assert (village.country, village.admin1, village.geo_precision) == ("SD", "North Kordofan", 2)
    assert village.parent_name == "بارا"


# The Sahel: the gazetteer holds no GeoNames places there, only curated regions and towns; a report from another
# zone (a Syrian outlet) keeps them when it names the country («وسط مالي»: Mali only in forms that are not the
# adjective «مالي», financial).
@pytest.mark.parametrize(
    "text,tz,written,country,precision",
    [
        ("قتل مسلحون عشرات القرويين في منطقة موبتي وسط مالي", "Asia/Damascus", "منطقة موبتي", "ML", 3),
        ("اندلعت معارك بين المتمردين والجيش في كيدال شمالي مالي", "Asia/Damascus", "كيدال", "ML", 1),
        ("كمين لمسلحين يقتل جنودا في إقليم تيلابيري غربي النيجر", "Asia/Damascus", "إقليم تيلابيري", "NE", 3),
        ("حاصر المسلحون بلدة جيبو في شمال بوركينا فاسو منذ أشهر", "Asia/Damascus", "جيبو", "BF", 1),
        ("قصف الجيش التشادي مواقع لبوكو حرام في منطقة البحيرة", "Asia/Damascus", "منطقة البحيرة", "TD", 3),
        ("انفجرت عبوة في سوق بمدينة مايدوغوري شمال شرقي نيجيريا", "Asia/Damascus", "مايدوغوري", "NG", 1),
    ],
)
def test_sahel_places_when_the_country_is_named(
    text, tz, written, country, precision, settings, gazetteer, matcher
):
    found = [p for p in _places(text, settings, gazetteer, matcher, tz) if p.name_as_written == written]
    assert found, text
    assert (found[0].country, found[0].geo_precision) == (country, precision)


def test_financial_mali_names_no_country(settings, gazetteer, matcher):
    # «الدعم المالي» is financial support: Mali is not named, so a Syrian report's Malian homonym stays out
    text = "أعلنت الحكومة تقديم الدعم المالي للمزارعين في كيدال"
    assert not [p for p in _places(text, settings, gazetteer, matcher, "Asia/Damascus") if p.country == "ML"]


@pytest.mark.parametrize(
    "text",
    [
        "فاز الفريق بلقب الدوري بعد مباراة في دوري أبطال أوروبا",  # دوري: league, not Dori (Burkina Faso)
        "سقطت قذيفة في منطقة البحيرة قرب الخرطوم",  # the lake area near Khartoum, not Chad's Lac
        "وقال الوزير أود أن أبين أن العمالة المهرة مطلوبة في شتى البقاع",  # I explain, skilled, places: no region
    ],
)
def test_region_homonyms_stay_out_of_other_reports(text, settings, gazetteer, matcher):
    found = [
        p
        for p in _places(text, settings, gazetteer, matcher, "Africa/Khartoum")
        if p.country in ("BF", "TD", "YE", "LB")
    ]
    assert not found, found


def test_the_lake_chad_region_is_chads_lac_at_bol(settings, gazetteer, matcher):
    """«منطقة بحيرة تشاد» names Chad's Lac region, placed at its capital Bol; the lake alone stays the lake."""
    [region] = _places(
        "هاجم مسلحون موقعا للجيش في منطقة بحيرة تشاد", settings, gazetteer, matcher, "Africa/Ndjamena"
    )
    assert (region.feature_code, region.admin1, region.geo_precision) == ("ADM1", "Lac", 3)
    assert abs(region.lat - 13.47) < 0.05 and abs(region.lon - 14.71) < 0.05
    [lake] = _places("قتل صيادون في جزر بحيرة تشاد", settings, gazetteer, matcher, "Africa/Ndjamena")
    assert lake.feature_code == "AREA"
