"""The role rules' word helpers in ``rasd.coding.arguments``: ``ends_with`` (the phrase a run of words ends with,
the longest first, a clitic allowed on its first word; most words end no phrase and are turned away at once) and
``_seg_words`` (the words of a window of a segment, cut from the segment blanked once)."""

import re

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.coding.arguments import _seg_words, ends_with
from rasd.text.reading import read

PHRASES = frozenset({"سيطره", "تحت سيطره", "الواقعه تحت سيطره", "موالي"})


def test_the_longest_phrase_wins():
    assert ends_with(["البلدة", "الواقعه", "تحت", "سيطره"], PHRASES) == "الواقعه تحت سيطره"


def test_a_shorter_phrase_when_the_longer_is_not_there():
    assert ends_with(["قرية", "تحت", "سيطره"], PHRASES) == "تحت سيطره"


def test_a_clitic_on_the_first_word_of_a_phrase():
    assert ends_with(["قرية", "وتحت", "سيطره"], PHRASES) == "تحت سيطره"


def test_a_one_word_phrase_behind_a_clitic():
    """The last word is no phrase's last word as written, only without its clitic (``وموالي`` → ``موالي``)."""
    assert ends_with(["فصيل", "وموالي"], PHRASES) == "موالي"


def test_no_phrase():
    assert ends_with(["قصفت", "الطائرات", "القرية"], PHRASES) is None
    assert ends_with([], PHRASES) is None


def test_a_phrase_longer_than_allowed_is_not_read():
    assert ends_with(["البلدة", "الواقعه", "تحت", "سيطره"], PHRASES, longest=2) == "تحت سيطره"


SEGMENTED = "قصفتْ طائراتٌ «حربية» بلدة (هجين) فجر اليوم، بينما قال ناشطون: إن القصف استمر."


@hsettings(max_examples=300, deadline=None)
@given(st.integers(0, len(SEGMENTED)), st.integers(0, len(SEGMENTED)))
def test_the_words_of_any_window_are_the_window_blanked_and_split(a, b):
    r = read(SEGMENTED, ("بينما",))
    for seg in r.segments:
        lo, hi = max(a, seg.start), min(b, seg.end)
        expected = (
            re.sub(r"[^\w]+", " ", seg.norm.slice_text(lo - seg.start, hi - seg.start)).split()
            if hi > lo
            else []
        )
        assert _seg_words(seg, a, b) == expected


def test_the_words_of_a_window_leave_out_quotes_and_brackets():
    seg = read(SEGMENTED, ("بينما",)).segments[0]
    assert _seg_words(seg, seg.start, seg.end)[:5] == ["قصفت", "طائرات", "حربيه", "بلده", "هجين"]
