"""A word list as a trie matches exactly what the plain list matches, preferring the same words."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.text.alternation import alternation


def _plain(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


#: few letters, so that words share prefixes and nest (ثلاث / ثلاثه), and texts hold them often
_LETTERS = "ثلاهو ب.("
_words = st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=5), max_size=12)


@hsettings(max_examples=300, deadline=None)
@given(_words, st.text(alphabet=_LETTERS, max_size=40))
def test_the_trie_finds_what_the_plain_list_finds(words, text):
    for wrap in ("(?P<w>{})", r"(?<!\w)(?P<w>{})(?!\w)", r"(?P<w>{})(?:\s+و(?:{}))*"):
        plain = re.compile(wrap.format(_plain(words), _plain(words)))
        trie = re.compile(wrap.format(alternation(words), alternation(words)))
        assert [(m.span(), m.group("w")) for m in trie.finditer(text)] == [
            (m.span(), m.group("w")) for m in plain.finditer(text)
        ]


def test_the_longest_word_wins_and_a_shorter_one_is_tried_when_it_cannot_match():
    pat = re.compile(rf"(?:{alternation(['ثلاث', 'ثلاثه', 'ثمان'])})(?!\w)")
    assert pat.match("ثلاثه ايام").group() == "ثلاثه"
    assert pat.match("ثلاث ايام").group() == "ثلاث"
    assert pat.match("ثلاثون") is None  # neither word ends there
    assert alternation(["ثلاث", "ثلاثه", "ثمان"]) == "ث(?:لاث(?:ه)?|مان)"


def test_special_characters_are_escaped_and_an_empty_list_is_the_empty_pattern():
    assert re.fullmatch(alternation(["a.b", "(x)"]), "a.b")
    assert not re.fullmatch(alternation(["a.b"]), "axb")
    assert alternation([]) == "|".join([]) == ""
