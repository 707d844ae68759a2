"""The scorer on hand-built events (not on the extractor)."""

import dataclasses
import datetime as dt
from pathlib import Path

from rasd.evaluate import GoldDoc, GoldEvent, score
from rasd.models import ActorRef, Event, Fatalities, Place

HAJIN = {"name": "هجين", "lat": 34.689, "lon": 40.831}


def _gold(**kw):
    base = dict(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="coalition",
        actor2="civilians",
        location=HAJIN,
        event_date=dt.date(2018, 11, 27),
        time_precision=1,
        fatalities={"min": 10, "max": None},
        modality="reported",
    )
    base.update(kw)
    return GoldEvent(**base)


def _pred(lat=34.689, lon=40.831, day=27, eid="p", sub="Air/drone strike", best=10):
    return Event(
        eid,
        ("d",),
        "Explosions/Remote violence",
        sub,
        dt.date(2018, 11, day),
        1,
        actor1=ActorRef("coalition", "International Coalition"),
        actor2=ActorRef("civilians", "Civilians"),
        location=Place("هجين", lat=lat, lon=lon),
        fatalities=Fatalities(best, best, None, True),
    )


def _run(golds, preds):
    doc = GoldDoc(Path("/x/a.txt"), None, tuple(golds))
    return score([doc], {"/x/a.txt": preds}).metrics()


def test_perfect_prediction():
    m = _run([_gold()], [_pred()])
    assert m["event_f1"] == 1.0 and m["actor_f1"] == 1.0 and m["place_accuracy_10km"] == 1.0
    assert m["fatality_accuracy"] == 1.0 and m["date_accuracy"] == 1.0


def test_spurious_event_costs_precision_only():
    m = _run([_gold()], [_pred(), _pred(lat=36.2, lon=37.1, eid="q")])
    assert m["event_precision"] == 0.5 and m["event_recall"] == 1.0


def test_far_place_fails_the_match():
    m = _run([_gold()], [_pred(lat=34.689 + 0.3)])  # ~33 km north
    assert m["matched"] == 0 and m["event_f1"] == 0.0


def test_one_to_one():
    m = _run([_gold()], [_pred(eid="a"), _pred(eid="b")])
    assert m["matched"] == 1 and m["event_precision"] == 0.5


def test_date_within_precision():
    assert _run([_gold()], [_pred(day=28)])["matched"] == 1  # day precision: ±1 day
    assert _run([_gold()], [_pred(day=20)])["matched"] == 0
    assert _run([_gold(time_precision=3)], [_pred(day=2)])["matched"] == 1  # month precision


def test_sub_event_and_toll_accuracy():
    m = _run(
        [_gold(fatalities={"min": 3, "max": 3})], [_pred(sub="Shelling/artillery/missile attack", best=5)]
    )
    assert m["matched"] == 1 and m["sub_event_accuracy"] == 0.0 and m["fatality_accuracy"] == 0.0


def _village(name, eid, sub="Air/drone strike"):
    """A prediction of a village no gazetteer has, placed at its parent (Hajin's point here)."""
    return dataclasses.replace(_pred(eid=eid, sub=sub), location=Place(name, lat=34.689, lon=40.831))


def _gold_village(name):
    return _gold(location={"name": name, "lat": None, "lon": None, "parent": "هجين",
                           "parent_lat": 34.689, "parent_lon": 40.831})  # fmt: skip


def test_villages_sharing_a_parent_point_are_paired_by_name():
    golds = [_gold_village("قرية الأولى"), _gold_village("قرية الثانية")]
    preds = [_village("الثانية", "a"), _village("الأولى", "b")]  # listed the other way round
    m = _run(golds, preds)
    assert m["matched"] == 2 and m["place_accuracy_10km"] == 1.0


def test_a_gold_name_is_compared_without_its_cue_word():
    assert _run([_gold_village("بلدة الأولى")], [_village("الأولى", "a")])["place_accuracy_10km"] == 1.0
    assert _run([_gold_village("الأولى")], [_village("الثانية", "a")])["place_accuracy_10km"] == 0.0


def test_the_place_tie_break_never_changes_how_many_events_match():
    """Pairing by place could only choose among matchings of maximal size: a prediction that agrees on place with
    one gold event but is the only match of another still goes to the other, and the counts stay as without it."""
    near = {"name": "قرب", "lat": 34.689 + 0.15, "lon": 40.831}  # ~17 km off: matches, placed wrong
    golds = [_gold_village("الأولى"), _gold(location=near)]
    preds = [_village("الأولى", "a")]
    m = _run(golds, preds)
    assert m["matched"] == 1
    # Two predictions, two golds: one of the pairs is placed right by name, the other matches only by distance.
    m2 = _run(golds, [_village("الأولى", "a"), _village("الثانية", "b")])
    assert m2["matched"] == 2 and m2["place_accuracy_10km"] == 0.5
    # Without any name agreement the same pairs match: the counts, and so precision, recall and F1, are unchanged.
    m3 = _run(golds, [_village("الثالثة", "a"), _village("الثانية", "b")])
    assert (m3["matched"], m3["event_f1"]) == (m2["matched"], m2["event_f1"])
