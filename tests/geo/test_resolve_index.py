"""Place resolution's indexes give what scanning every place gave: the band of the nearest resolved place
(``_Resolved``) and the names starting just after a name (``_MentionsAfter``)."""

from __future__ import annotations

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.models import Mention, Place

resolve = importlib.import_module("rasd.geo.resolve")

COORD = st.tuples(st.floats(min_value=28.0, max_value=40.0), st.floats(min_value=33.0, max_value=48.0))


def _place(lat: float, lon: float) -> Place:
    return Place(name_ar="x", name_en="x", lat=lat, lon=lon)


@settings(max_examples=200, deadline=None)
@given(
    resolved=st.lists(COORD, max_size=30),
    point=COORD,
    without=st.integers(min_value=0, max_value=40),
)
def test_nearest_band_equals_the_scan(resolved, point, without):
    index = resolve._Resolved()
    places = {j: _place(*c) for j, c in enumerate(resolved)}
    for j, p in places.items():
        index.set(j, p)
    p = _place(*point)
    others = [a for j, a in places.items() if j != without]
    if not others:
        return
    expected = resolve._proximity(min(resolve.haversine_km(p, a) for a in others))
    assert index.proximity(p, without=without) == expected


def test_a_moved_place_leaves_its_old_cell():
    index = resolve._Resolved()
    index.set(0, _place(35.0, 40.0))
    index.set(1, _place(33.0, 36.0))
    index.set(1, _place(35.01, 40.01))  # mention 1 re-resolved elsewhere
    assert index.proximity(_place(33.0, 36.0), without=0) == 0.0
    assert index.proximity(_place(35.0, 40.0), without=0) == 2.0


@given(starts=st.lists(st.integers(min_value=0, max_value=200), max_size=40), lo=st.integers(0, 200))
def test_mentions_after_equals_the_scan(starts, lo):
    places = [Mention("place", s, s + 3, "abc", "abc") for s in starts]
    after = resolve._MentionsAfter(places)
    assert after.within(lo, lo + 25) == [j for j, m in enumerate(places) if lo <= m.start <= lo + 25]
