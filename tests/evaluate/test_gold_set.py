"""The development gold set is well formed: documents exist, taxonomy is ACLED's, places are sourced."""

from pathlib import Path

from rasd.evaluate import load_gold
from rasd.kb.lexicon import TAXONOMY

GOLD = Path(__file__).resolve().parents[1] / "gold" / "dev.jsonl"
BOXES = {
    "SY": (32.3, 35.7, 37.4, 42.4),
    "IQ": (29.0, 38.7, 37.4, 48.6),
    "YE": (12.0, 42.5, 19.0, 54.0),
    "LY": (19.5, 9.3, 33.2, 25.2),
    "SD": (8.6, 21.8, 22.3, 38.6),
}


def test_gold_set_shape():
    docs = load_gold(GOLD)
    assert len(docs) >= 40
    countries = {d.path.name.split("-")[0] for d in docs}
    assert countries == {"syria", "iraq", "yemen", "libya", "sudan"}
    subs = set()
    for d in docs:
        assert d.path.exists(), d.path
        assert d.published_at is not None and d.published_at.tzinfo is not None
        for e in d.events:
            assert e.sub_event_type in TAXONOMY[e.event_type]
            assert e.location["source"].startswith(("https://", "cur:"))
            subs.add(e.sub_event_type)
    assert len(subs) >= 12
    assert any(not d.events for d in docs)  # a report with no event at all


def test_places_lie_in_their_country():
    cc = {"syria": "SY", "iraq": "IQ", "yemen": "YE", "libya": "LY", "sudan": "SD"}
    for d in load_gold(GOLD):
        lat0, lon0, lat1, lon1 = BOXES[cc[d.path.name.split("-")[0]]]
        for e in d.events:
            assert lat0 <= e.location["lat"] <= lat1 and lon0 <= e.location["lon"] <= lon1, (
                d.path.name,
                e.location,
            )
