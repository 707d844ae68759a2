import datetime as dt

import pytest

from rasd.text.dates import find_dates

PUB = dt.datetime(2018, 11, 27, 13, 11)  # a Tuesday


@pytest.mark.parametrize(
    "text,date,precision",
    [
        ("أواخر شهر تشرين الأول الفائت", dt.date(2018, 10, 31), 3),
        ("أواخر الشهر الفائت", dt.date(2018, 10, 31), 3),
        ("مطلع الشهر الماضي", dt.date(2018, 10, 1), 3),
        ("27 تشرين الثاني 2018", dt.date(2018, 11, 27), 1),
        ("2018/11/27", dt.date(2018, 11, 27), 1),
        ("27-11-2018", dt.date(2018, 11, 27), 1),
        ("5 يناير 2020", dt.date(2020, 1, 5), 1),
        ("3 جانفي 2021", dt.date(2021, 1, 3), 1),
        ("12 كانون الأول", dt.date(2017, 12, 12), 1),  # a month after publication: last year
        ("أمس", dt.date(2018, 11, 26), 1),
        ("فجر اليوم", dt.date(2018, 11, 27), 1),
        ("أول أمس", dt.date(2018, 11, 25), 1),
        ("الأسبوع الماضي", dt.date(2018, 11, 20), 2),
        ("الشهر الماضي", dt.date(2018, 10, 15), 3),
        ("يوم الأحد", dt.date(2018, 11, 25), 1),
        ("يوم الثلاثاء الماضي", dt.date(2018, 11, 20), 1),
        ("15 ربيع الأول 1440 هـ", dt.date(2018, 11, 23), 1),
        ("في أبريل/نيسان الماضي", dt.date(2018, 4, 15), 3),
        ("في 24 نوفمبر (تشرين الثاني) 2015", dt.date(2015, 11, 24), 1),  # bracketed gloss keeps the year
        ("في 5 حزيران (يونيو) 2014", dt.date(2014, 6, 5), 1),
        ("في 5 يونيو - حزيران 2014", dt.date(2014, 6, 5), 1),
        ("في العاشر من يناير", dt.date(2018, 1, 10), 1),  # ordinal days
        ("والحادي والعشرين من تموز 2016", dt.date(2016, 7, 21), 1),
        ("في الثاني عشر من شهر آذار 2019", dt.date(2019, 3, 12), 1),
    ],
)
def test_dates(text, date, precision):
    found = find_dates(text, PUB)
    assert found, text
    assert (found[0].date, found[0].precision) == (date, precision)
    assert text[found[0].start : found[0].end] == found[0].text


def test_sample_relative_date(sample_text):
    found = [d for d in find_dates(sample_text, PUB) if "تشرين الأول" in d.text]
    assert found and found[0].date.month == 10 and found[0].date.year == 2018 and found[0].precision == 3


def test_words_that_are_not_dates():
    assert find_dates("قتل أب وابنه", PUB) == []
    assert find_dates("اليوم", None) == []  # a relative date needs a publication date


def test_dates_read_from_a_given_normalisation_are_the_same():
    """Extraction hands ``find_dates`` the report's one normalisation instead of normalising it again."""
    from rasd.text import normalise

    text = "في ٣ آذارَ ٢٠٢٤ قصفت الطائرات البلدة، وفي الخامس من نيسان انسحبت القوات."
    published = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    given = find_dates(text, published, normalise(text))
    assert given == find_dates(text, published)
    assert [d.date for d in given][:1] == [dt.date(2024, 3, 3)]


def test_anchored_scan_finds_what_the_full_pattern_finds() -> None:
    """Dates are looked for only where a digit or a date's first word starts a word: that shortcut must find
    exactly the matches of the full pattern run over the whole text, inside words and glued to letters too."""
    from rasd.text.anchored import anchored_matches
    from rasd.text.dates import _tables
    from rasd.text.normalise import normalise

    text = (
        "قال مسؤول محلي يوم الاثنين الماضي إن الاشتباكات بدأت أواخر شهر تشرين الأول الفائت، وتجددت في "
        "العاشر من يناير 2019 ثم في 2019/02/03 و3-4-2019، بعد أن هدأت أمس. وفي الحادي والعشرين من تموز "
        "قتل شخصان، وذكر آخر أن أبا علي غادر في آب، ولم يعد منذ الأسبوع الماضي. رقم4 ويناير2019 و١٢ آذار"
    )
    t = _tables()
    norm = normalise(text).text
    expected = [(m.span(), m.groupdict()) for m in t.pattern.finditer(norm)]
    found = [(m.span(), m.groupdict()) for m in anchored_matches(t.anchors, t.pattern, norm)]
    assert len(expected) >= 6
    assert found == expected
