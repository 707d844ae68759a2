"""A town the fighters belong to (``كتيبة تتبع مدينة الزنتان``) is no place of the fighting: a sentence written
for this test (issue 10)."""


def test_the_town_militias_belong_to_is_not_where_they_fought(explain):
    text = "اشتبكت أمس في مدينة غريان كتيبة تتبع مدينة الزنتان مع مسلحين مجهولين."
    assert [e.location.name_ar for e in explain(text)[0]] == ["غريان"]
