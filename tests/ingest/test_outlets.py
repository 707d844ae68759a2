"""The outlet table's chrome and tail patterns joined into one expression: the same lines are chrome, tail or caption."""

import re

from hypothesis import given
from hypothesis import strategies as st

from rasd.ingest.outlets import any_match, joined, load_outlets
from rasd.text import normalise_key

LINES = [
    "حجم الخط",
    "شارك",
    "تابعنا على فيسبوك",
    "اقرا ايضا",
    "اقرا ايضا:",
    "المصدر : وكالات",
    "قصفت طائرات حربية بلدة في الريف الشرقي صباح اليوم",
    "دمار في السوق بعد القصف (ارشيف - انترنت)",
    "صوره: اثار القصف",
    "list 3 of 4 items",
    "+A",
    "facebook",
    "",
]


def _one_by_one(patterns, key, how="match"):
    return any(getattr(p, how)(key) for p in patterns)


def test_every_table_line_is_read_as_each_pattern_would_read_it():
    table = load_outlets()
    for raw in LINES:
        key = normalise_key(raw)
        for outlet in (None, *table.outlets):
            every = table.chrome + (
                outlet.chrome if outlet else tuple(q for o in table.outlets for q in o.chrome)
            )
            assert table.is_chrome(key, outlet) == _one_by_one(every, key), (raw, outlet)
        assert table.is_tail(key) == _one_by_one(table.tail_markers, key)
        assert table.is_caption(key) == _one_by_one(table.caption_markers, key, "search")
    assert table.is_chrome(normalise_key("حجم الخط")) and not table.is_chrome(normalise_key(LINES[6]))
    assert len(table.chrome_patterns(None)) == 1  # the table's patterns join


@given(st.text(alphabet="abcxy-: ", max_size=12))
def test_joined_patterns_match_where_one_of_them_does(key):
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in ("^ab$", "^(x|y)+:?", "c-", "^$"))
    assert len(joined(patterns)) == 1
    assert any_match(joined(patterns), key) == _one_by_one(patterns, key)
    assert bool(joined(patterns)[0].search(key)) == _one_by_one(patterns, key, "search")


def test_patterns_that_cannot_be_joined_are_kept_apart():
    backref = (re.compile(r"^(a)\1$"), re.compile(r"^(b)$"))
    named_twice = (re.compile(r"^(?P<s>a)$"), re.compile(r"^(?P<s>b)$"))
    mixed_flags = (re.compile("^a$"), re.compile("^b$", re.IGNORECASE))
    for patterns in (backref, named_twice, mixed_flags):
        assert joined(patterns) == patterns
    assert any_match(backref, "aa") and not any_match(backref, "ab")
    assert any_match(named_twice, "b") and not any_match(mixed_flags, "A")
