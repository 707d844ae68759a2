"""The settlement-cue screen of ``unknown_names`` passes over a text only when no token of it is a cue."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rasd.geo.placeness import placeness
from rasd.geo.unknown import _TOKEN, _has_cue, unknown_names
from rasd.text import normalise


def _cue_token(text: str, settlement: frozenset[str]) -> bool:
    """What the token loop of ``unknown_names`` takes for a cue."""
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok in settlement or (tok[:1] in "وفبل" and tok[1:] in settlement):
            return True
    return False


_PIECES = st.sampled_from(["قريه", "حي", "مدينه", "و", "ب", "ال", "م", "ط", " ", "،", "(", "1", "x"])


@hsettings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_the_screen_says_yes_exactly_when_a_token_is_a_cue(pieces):
    settlement = placeness().settlement
    text = "".join(pieces)
    assert _has_cue(text, settlement) == _cue_token(text, settlement)


def test_a_cue_inside_a_longer_word_is_no_cue():
    settlement = placeness().settlement
    assert not _has_cue("في محيط الحسكه", settlement)  # "حي" ends no word here
    assert not _has_cue("الحي الشرقي", settlement)  # the article is no clitic of a cue
    assert _has_cue("قصف حي الزهور", settlement)
    assert _has_cue("في (وقريه) صغيره", settlement)


def test_names_are_found_after_a_cue_and_none_without_one():
    assert [u.normalised for u in unknown_names(normalise("قصفت الطائرات قرية الزيتونة في ريف حماة"))] == [
        "الزيتونه"
    ]
    assert unknown_names(normalise("اشتباكات في محيط مدينتنا الكبيرة")) == []
