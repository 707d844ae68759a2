"""Dialect words for yesterday and the day before (sentences written for this test)."""

import datetime as dt

import pytest

from rasd.text.dates import find_dates

PUBLISHED = dt.datetime(2024, 7, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("اندلعت احتجاجات ليلة البارحة في نواكشوط", dt.date(2024, 7, 1)),
        ("قصفت المدفعية البلدة البارحة", dt.date(2024, 7, 1)),
        ("هاجم مسلحون القرية أمس الأول", dt.date(2024, 6, 30)),
    ],
)
def test_yesterday_in_dialect(text, day):
    assert [d.date for d in find_dates(text, PUBLISHED)] == [day]
