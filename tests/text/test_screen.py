"""The word-list screen says no only when no word of the list is in the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.text.screen import first_possible, might_hold


def test_a_listed_word_anywhere_lets_the_text_through():
    cues = frozenset({"قريه", "مدينه"})
    assert might_hold("قصف على قريه الزيتونه", cues)
    assert might_hold("والقريهالصغيره", cues)  # word boundaries are left to the rule behind the screen
    assert not might_hold("قصف على بلده الزيتونه", cues)


def test_an_empty_word_is_in_every_text():
    assert might_hold("اي نص", frozenset({""}))


@hsettings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ابت ", min_size=1, max_size=3), min_size=1, max_size=5),
    st.text("ابت ", max_size=30),
)
def test_the_screen_answers_as_a_substring_search(words, text):
    assert might_hold(text, frozenset(words)) == any(w in text for w in words)


_ALPHABET = "ابلو ت"


@hsettings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=5),
    st.text(_ALPHABET, max_size=40),
)
def test_no_phrase_starts_before_the_first_possible_offset(words, text):
    at = first_possible(text, frozenset(words))
    starts = [i for w in words for i in range(len(text)) if text.startswith(w, i)]
    if at is None:
        assert starts == []
    else:
        assert starts and min(starts) >= at


@hsettings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=5),
    st.text(_ALPHABET, max_size=40),
)
def test_a_phrase_is_found_as_a_search_from_the_start_finds_it(words, text):
    from rasd.coding.triggers import _phrase_regex, phrase_in

    key = frozenset(words)
    m = _phrase_regex(key).search(text)
    assert phrase_in(text, key) == ((m.group("p"), m.start(), m.end()) if m else None)
