import re

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.text import normalise
from rasd.text.numbers import _tables, find_numbers, numbers_of


@pytest.mark.parametrize(
    "text,value,lo,hi,vague,kind",
    [
        ("مقتل ثلاثة مدنيين", 3, 3, 3, False, "words"),
        ("قتل ٢٥ شخصاً", 25, 25, 25, False, "digits"),
        ("نحو 1,500 مقاتل", 1500, 1500, 1500, False, "digits"),
        ("ألف وخمسمئة عنصر", 1500, 1500, 1500, False, "words"),
        ("خمسة عشر قتيلاً", 15, 15, 15, False, "words"),
        ("خمسة وعشرين جريحاً", 25, 25, 25, False, "words"),
        ("يتراوح بين 1500 إلى 2000 عنصر", 1500, 1500, 2000, False, "range"),
        ("من 10 إلى 15 قتيلاً", 10, 10, 15, False, "range"),
        ("سقوط 7 - 9 قتلى", 7, 7, 9, False, "range"),
        ("وقوع عشرات الضحايا", 10, 10, None, True, "vague"),
        ("مئات النازحين", 100, 100, None, True, "vague"),
        ("عدد من المدنيين", 3, 3, None, True, "vague"),
    ],
)
def test_numbers(text, value, lo, hi, vague, kind):
    [n] = find_numbers(text)
    assert (n.value, n.min, n.max, n.vague, n.kind) == (value, lo, hi, vague, kind)
    assert text[n.start : n.end].strip()


def test_no_number_inside_words():
    assert find_numbers("الخمسينيات والعشريني") == []


def test_a_glued_conjunction_or_preposition_starts_a_number_but_a_letter_inside_a_word_does_not():
    assert [n.value for n in find_numbers("مقتل 3 مدنيين و5 جنود وسقوط ب4 قذائف")] == [3, 5, 4]
    assert find_numbers("أبو5 سهم5") == []  # "و"/"ب" inside a word is no conjunction


def test_numbers_of_a_part_are_placed_in_the_whole():
    text = "قبل ذلك، قُتل ثلاثةٌ وجرح 12 بين 10 و12 آذار."
    at = text.index("قُتل")
    part = text[at:]
    whole = [(n.start + at, n.end + at, n.min, n.max) for n in find_numbers(part)]
    assert [(n.start, n.end, n.min, n.max) for n in numbers_of(normalise(part), at)] == whole
    assert [text[a:b] for a, b, _, _ in whole] == ["ثلاثةٌ", "12", "بين 10 و12"]


def _plain_pattern() -> re.Pattern:
    """The number expression written plainly (word lists as alternations, the word start as one lookbehind
    alternation): what the tables' tuned expression must match exactly."""
    t = _tables()
    words = "|".join(sorted(map(re.escape, t.words), key=len, reverse=True))
    vague = "|".join(sorted(map(re.escape, t.vague), key=len, reverse=True))
    one = rf"(?:\d{{1,3}}(?:[,٬]\d{{3}})+|\d+(?:\.\d+)?|(?:(?:{words})(?:\s+و\s*(?:{words}))*(?:\s+عشر)?))"
    return re.compile(
        rf"(?:(?<![\w])|(?<=(?<![\w])[وب]))(?:(?P<between>بين|من)\s+)?(?P<a>{one})"
        rf"(?:\s*(?:الي|و|حتي|-|–)\s*(?P<b>{one}))?(?![\w])|(?<![\w])(?P<vague>{vague})(?![\w])"
    )


_PIECES = st.sampled_from(
    ["و", "ب", "بين", "من", " ", "3", "12", "ثلاثه", "عشر", "عشرات", "مئات", "الي", "-", "ا", "،"]
)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=10))
def test_the_tuned_expression_matches_as_the_plain_one(pieces):
    text = "".join(pieces)
    plain = _plain_pattern()
    assert [(m.span(), m.groupdict()) for m in _tables().pattern.finditer(text)] == [
        (m.span(), m.groupdict()) for m in plain.finditer(text)
    ]


def test_anchored_scan_finds_what_the_full_pattern_finds() -> None:
    """Numbers are looked for only where a digit, a number word, "بين"/"من" or a vague quantity starts (after a
    glued "و"/"ب" too): the same matches as the full pattern over the whole text."""
    from rasd.text.anchored import anchored_matches

    text = (
        "قتل ثلاثة مدنيين وجرح 12 آخرون، وبين 20 إلى 30 نازحا غادروا، و5 جنود وبعشرات القذائف. "
        "سقط ألف وخمسمئة صاروخ على مدى 1,500 يوم، من 3 حتى 7 قرى، واصيب عدد من المارة. رقم7 وب9 ثلاثةعشر"
    )
    t = _tables()
    norm = normalise(text).text
    expected = [(m.span(), m.groupdict()) for m in t.pattern.finditer(norm)]
    found = [(m.span(), m.groupdict()) for m in anchored_matches(t.anchors, t.pattern, norm)]
    assert len(expected) >= 8
    assert found == expected
