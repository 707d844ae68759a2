"""One report's drafted events into its events: the same happening told twice is one event, and what a report
tells about a happening in a sentence of its own (a toll) is joined to it.

ACLED codes one event per place, day and type. A report retells: a definite noun (``القصف``) refers back, a generic
killing restates the strike that caused it, a toll stands in a sentence of its own, a demonstration is described
peaceful in one sentence and dispersed in the next. These rules fold such drafts together; each is a function of the
drafts alone. After the folds, three passes over the events: one event per place, day and sub-event
(``one_per_place``), a state force's shooting beside a crowd is that crowd's event (``shot_at_the_crowd``), and a
trigger told at places in two countries stays in the report's (``one_country``).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right

from rasd.coding.actors import DEFAULT_ACTORS, STATE_FORCES
from rasd.coding.tolls import toll_in
from rasd.geo.specific import refine_places
from rasd.models import ActorRef, Event, Evidence

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


#: families whose generic words ("قتل", "هجوم", "انفجار") often retell a happening the report tells in full
TOLD_AGAIN = frozenset({"attack_civilians", "clash", "ied"})


#: the mark of a draft told inside a quotation: an official or a witness retelling what the report has told
QUOTED = "q"
#: the mark of ground fighting (``lex.ground_fighting``, a repelled attack): a battle of its own beside an explosion
FOUGHT = "f"


#: how grave a demonstration was: one crowd at one place and day is coded once, at its gravest; a crowd that
#: rioted is a riot whatever force met it (ACLED), so riots outrank excessive force
_SEVERITY = {
    "Peaceful protest": 1,
    "Protest with intervention": 2,
    "Excessive force against protesters": 3,
    "Violent demonstration": 4,
    "Mob violence": 4,
}


def _trigger_at(e: Event) -> int:
    return next((x.start for x in e.evidence if x.field == "event_type"), 0)


def _violent(e: Event) -> bool:
    return e.event_type in _VIOLENT


def _compatible(a: Event, b: Event) -> bool:
    """Same sub-event, compatible modality ("reported" says nothing either way), place and actors.

    A later mention whose place was only inherited from context (precision ≥ 2, no place of its
    own) is not a new place: it can join the earlier event.
    """
    if a.sub_event_type != b.sub_event_type:
        return False
    if (
        b.location is not None
        and a.location is not None
        and (b.geo_precision or 1) >= 2
        and not any(x.field == "location" for x in b.evidence)
    ):
        b = dataclasses.replace(b, location=a.location)
    if a.modality != b.modality and "reported" not in (a.modality, b.modality):
        return False
    la, lb = a.location, b.location
    if la and lb and (la.geonameid or la.name_ar) != (lb.geonameid or lb.name_ar):
        return False
    ids_a = {x.kb_id for x in (a.actor1, a.actor2) if x} - DEFAULT_ACTORS
    ids_b = {x.kb_id for x in (b.actor1, b.actor2) if x} - DEFAULT_ACTORS
    return not ids_a or not ids_b or bool(ids_a & ids_b)


def _same_place(a: Event, b: Event) -> bool:
    if a.location is None or b.location is None:
        return True
    own_b = any(x.field == "location" for x in b.evidence)
    return not own_b or (a.location.geonameid or a.location.name_ar) == (
        b.location.geonameid or b.location.name_ar
    )


def _near(a: Event, b: Event) -> bool:
    """Close enough to be the place of one happening told twice: no place, one place inside the other's
    governorate when one is only a region, or within 40 km."""
    la, lb = a.location, b.location
    if la is None or lb is None or la.lat is None or lb.lat is None:
        return True
    if max(a.geo_precision or 1, b.geo_precision or 1) >= 2 and la.admin1 and la.admin1 == lb.admin1:
        return True
    from rasd.geo.resolve import haversine_km

    return haversine_km(la, lb) <= 40


def _has_doer(e: Event) -> bool:
    return any(x.field == "actor1" for x in e.evidence)


def _restated(out: list[tuple[Event, str, frozenset[str]]], ev: Event) -> int | None:
    """An earlier event of the same type, place and day, when one of the two names no doer: a restatement.

    Two strikes on one village on one day by two named air forces stay two events; "the village was shelled"
    after "Israeli jets struck the village" is the same happening told again.
    """
    if ev.location is None:
        return None
    for i, (kept, _, _) in enumerate(out):
        if (
            kept.event_type == ev.event_type
            and kept.location is not None
            and (kept.location.geonameid or kept.location.name_ar)
            == (ev.location.geonameid or ev.location.name_ar)
            and kept.event_date == ev.event_date
            and not (_has_doer(kept) and _has_doer(ev))
        ):
            return i
    return None


def _same_day(a: Event, b: Event) -> bool:
    """The same day, or a day the other's week-precise date (no date in its sentence) may stand for."""
    if a.event_date is None or b.event_date is None or a.event_date == b.event_date:
        return True
    loose = max(a.time_precision, b.time_precision) >= 2
    return loose and abs((a.event_date - b.event_date).days) <= 7


def _two_towns(a: Event, b: Event, towns_only: bool = True) -> bool:
    """Each names a town of its own, and the towns differ: a killing or an attack told at a town near a strike's is a
    happening of that town (``وقتل جندي في عملية بمديرية X``، ``وفي قرية Y هاجم مسلحون السكان``), not the strike
    told again. A place near a town or a village known through its parent counts as a town (not a region);
    ``towns_only`` asks for the places themselves (ACLED precision 1), as a definite noun, which points back,
    needs (``وفي مدينة X أدى القصف إلى``)."""
    la, lb = a.location, b.location
    if la is None or lb is None or _region(a) or _region(b):
        return False
    if towns_only and ((a.geo_precision or 1) != 1 or (b.geo_precision or 1) != 1):
        return False
    if not all(any(x.field == "location" for x in e.evidence) for e in (a, b)):
        return False
    return (la.geonameid or la.name_ar) != (lb.geonameid or lb.name_ar)


def _deal_told(out: list[tuple[Event, str, frozenset[str]]], ev: Event) -> int | None:
    """The agreement already drafted, when ``ev`` is one too: a report tells one deal (a swap, a truce, a
    settlement) and then its terms, each naming a place (who leaves for Idlib, where prisoners were handed
    over); it rarely reports two deals in one day."""
    if ev.sub_event_type != "Agreement":
        return None
    return next(
        (
            i
            for i, (k, _, _) in enumerate(out)
            if k.sub_event_type == "Agreement"
            and _same_day(k, ev)
            and (k.modality == ev.modality or "reported" in (k.modality, ev.modality))
        ),
        None,
    )  # talks that failed beside talks that go on are two happenings


#: place cues of a city's quarter (as the resolver normalises them): "حي الجامعة", "أحياء العدل واليرموك"
_QUARTER_CUES = frozenset({"حي", "الحي", "بحي", "احياء", "الاحياء", "حاره", "حارات"})


def _quarter_of(out: list[tuple[Event, str, frozenset[str]]], ev: Event) -> int | None:
    """The event already drafted at the city whose quarter ``ev`` is (same sub-event, same day).

    ACLED codes the quarters of one city on one day as one event at the city (docs/annotation.md); a report that
    names the city's event and then lists the quarters it reached ("حملة اعتقالات في بغداد… استهدفت أحياء X وY")
    tells one happening, not one per quarter. Only a quarter known through its city (an unknown name after a
    quarter cue, placed at its parent) is folded: a quarter the gazetteer knows may be a happening of its own.
    """
    loc = ev.location
    if loc is None or loc.cue not in _QUARTER_CUES or not loc.parent_name:
        return None
    for i, (kept, _, _) in enumerate(out):
        k = kept.location
        if (
            k is not None
            and kept.sub_event_type == ev.sub_event_type
            and kept.event_date == ev.event_date
            and (
                k.name_ar == loc.parent_name or (loc.parent_geonameid and k.geonameid == loc.parent_geonameid)
            )
        ):
            return i
    return None


#: how far from a city a place it is said to hold may lie (a district of Aden, a village kept at its town)
_HELD_KM = 15.0


def _told_at_city(out: list[tuple[Event, str, frozenset[str]]], ev: Event) -> int | None:
    """The event already drafted at a place inside the city ``ev`` is told at, with the same sub-event, day and toll.

    A report tells the happening at its most specific place first (``في منطقة X بمديرية Y محافظة عدن``, 30 killed),
    then retells it at the city (``وقال شهود في المدينة إن الهجوم...``, with its toll): one happening, coded at the
    specific place. The earlier place must be a part of the city: a village or quarter kept at it, or a unit of the
    national hierarchy the text gives as part of a place (precision 2), in the city's first-level unit within 15 km;
    and the specific telling gives a toll that the city's repeats or leaves out (without a toll, or with
    another, the two may be two happenings: strikes on a town and on its villages the same day).
    """
    from rasd.geo.resolve import haversine_km
    from rasd.geo.specific import refines

    city = ev.location
    if (
        city is None
        or city.lat is None
        or (ev.geo_precision or 1) != 1
        or city.feature_code in ("ADM1", "ADM2")
    ):
        return None
    for i in range(len(out) - 1, -1, -1):
        kept = out[i][0]
        k = kept.location
        if k is None or k.lat is None or kept.sub_event_type != ev.sub_event_type or not _same_day(kept, ev):
            continue
        if (k.geonameid or k.name_ar) == (city.geonameid or city.name_ar):
            continue
        if not kept.fatalities.best or ev.fatalities.best not in (0, kept.fatalities.best):
            continue  # a toll told at the specific place, none or the same at the city: strikes without one differ
        part = refines(k, city) or (k.decision == "hierarchy" and (kept.geo_precision or 1) >= 2)
        inside = (
            part
            and bool(k.admin1)
            and (k.admin1, k.country) == (city.admin1, city.country)
            and haversine_km(k, city) <= _HELD_KM
        )
        if inside:
            return i
    return None


def _crowd_at(out: list[tuple[Event, str, frozenset[str]]], ev: Event) -> int | None:
    """The demonstration already drafted at ``ev``'s place and day, if ``ev`` is one too; a telling with no place of
    its own joins only a crowd near the place it was read at (a crowd in another city is another crowd)."""
    if ev.sub_event_type not in _SEVERITY:
        return None
    for i, (kept, _, _) in enumerate(out):
        if (
            kept.sub_event_type in _SEVERITY
            and _same_day(kept, ev)
            and _same_place(kept, ev)
            and _near(kept, ev)
        ):
            return i
    return None


def _named(a: ActorRef | None, b: ActorRef | None) -> ActorRef | None:
    """Of two readings of one role, the actor the text names over ACLED's default."""
    if a is None or (a.kb_id in DEFAULT_ACTORS and b is not None and b.kb_id not in DEFAULT_ACTORS):
        return b
    return a


def _merge_two(a: Event, b: Event, fold: bool = False, own_roles: bool = False) -> Event:
    """``a`` absorbs ``b``. With ``fold`` (b was a generic mention of a), a keeps its own type and roles.

    A demonstration keeps its roles whatever it absorbs: its crowd is actor 1 by ACLED's rule, not a default that a
    named force in a retelling replaces."""
    own_roles = own_roles or a.event_type in ("Protests", "Riots")
    chain = list(a.attribution)
    for s in b.attribution:
        if all(s.kb_id != c.kb_id or s.name != c.name for c in chain):
            chain.append(s)
    better_place = (
        a.location
        if a.location and (not b.location or (a.geo_precision or 3) <= (b.geo_precision or 3))
        else b.location
    )
    better_date = a if a.time_precision <= b.time_precision else b
    tolls = [e.fatalities for e in (a, b) if e.fatalities.min is not None]
    fat = min(tolls, key=lambda f: f.best) if tolls else a.fatalities
    return dataclasses.replace(
        a,
        modality=a.modality if a.modality != "reported" else b.modality,
        actor1=a.actor1 if own_roles else _named(a.actor1, b.actor1),
        actor2=a.actor2 if own_roles else _named(a.actor2, b.actor2),
        assoc_actor1=tuple({x.kb_id: x for x in (*a.assoc_actor1, *b.assoc_actor1)}.values()),
        location=better_place,
        geo_precision=a.geo_precision if better_place is a.location else b.geo_precision,
        event_date=better_date.event_date,
        time_precision=better_date.time_precision,
        fatalities=fat,
        civilian_targeting=a.civilian_targeting or b.civilian_targeting,
        attribution=tuple(chain),
        evidence=a.evidence + b.evidence,
        confidence=max(a.confidence, b.confidence),
    )


def merge_within(drafts: list[tuple[Event, str, frozenset[str]]]) -> list[Event]:
    """Several segments of one report about one happening → one event.

    Either the same sub-event (the talks, then what they stipulate), or a later generic mention
    that an earlier, more specific event explains ("the battles" after "took the town", "the
    attack" after "a car bomb exploded") at the same place: it folds into that event.
    """
    out: list[tuple[Event, str, frozenset[str]]] = []
    # a trigger split over several towns ("سيطروا على قرى X وY وZ"): each town is a happening of its own, even told
    # in a quotation (arrests over several towns are a riot's or a protest's intervention, docs/annotation.md)
    towns: dict[int, set] = {}
    for ev, _, _ in drafts:
        if ev.location is not None and ev.sub_event_type != "Arrests":
            towns.setdefault(_trigger_at(ev), set()).add(ev.location.geonameid or ev.location.name_ar)
    for ev, fam, subsumes in drafts:
        if (
            QUOTED in subsumes and len(towns.get(_trigger_at(ev), ())) < 3
        ):  # "قال المسؤول: "في القصف الذي تعرضت له البلدة..."": the same happening told again
            told = next(
                (i for i in range(len(out) - 1, -1, -1) if out[i][0].event_type == ev.event_type),
                None,
            )
            # a quoted statement with a toll of its own tells a happening of its own ("... أدت إلى سقوط شهيد")
            if told is not None and not ev.fatalities.best:
                kept, kfam, ksub = out[told]
                out[told] = (_merge_two(kept, ev, fold=True), kfam, ksub)
                continue
        deal = _deal_told(out, ev)
        if deal is not None:  # the deal's terms name the places it concerns, not new deals
            kept, kfam, ksub = out[deal]
            out[deal] = (_merge_two(kept, ev, fold=True), kfam, ksub)
            continue
        if (
            "*" in subsumes
        ):  # "القصف" after a reported shelling: the same happening, unless it names a new place
            target = next(
                (
                    i
                    for i in range(len(out) - 1, -1, -1)
                    if _violent(out[i][0]) == _violent(ev)
                    and (_same_place(out[i][0], ev) or _near(out[i][0], ev))
                    and not _two_towns(out[i][0], ev)
                ),
                None,
            )
            if target is not None:
                kept, kfam, ksub = out[target]
                out[target] = (_merge_two(kept, ev, fold=True), kfam, ksub)
                continue
            subsumes = subsumes - {"*"}
        if "~" in subsumes and _violent(ev):  # "قُتل 22 قروياً" beside the attack that killed them
            target = next(
                (
                    i
                    for i in range(len(out) - 1, -1, -1)
                    if _violent(out[i][0]) and _near(out[i][0], ev) and not _two_towns(out[i][0], ev, False)
                ),
                None,
            )
            if target is not None:
                kept, kfam, ksub = out[target]
                out[target] = (_merge_two(kept, ev, fold=True), kfam, ksub)
                continue
        elif _violent(
            ev
        ):  # the specific happening told after a generic line about it (a title's "22 killed")
            target = next(
                (i for i, (k, _, ks) in enumerate(out) if "~" in ks and _violent(k) and _near(k, ev)), None
            )
            if target is not None:
                kept, _, _ = out[target]
                out[target] = (_merge_two(ev, kept, fold=True), fam, subsumes)
                continue
        same = _restated(out, ev)
        if same is not None:  # "قصفت ... بيت حانون" after "غارات إسرائيلية على بيت حانون": one happening
            kept, kfam, ksub = out[same]
            if _has_doer(ev) and not _has_doer(kept):
                out[same] = (_merge_two(ev, kept, fold=True), fam, subsumes)
            else:
                out[same] = (_merge_two(kept, ev, fold=True), kfam, ksub)
            continue
        city = _quarter_of(out, ev)
        if city is not None:  # "… في بغداد"، then "استهدفت أحياء العدل والجامعة": one event at the city
            kept, kfam, ksub = out[city]
            out[city] = (_merge_two(kept, ev, fold=True), kfam, ksub)
            continue
        held = _told_at_city(out, ev)
        if (
            held is not None
        ):  # "... في منطقة X بمديرية Y محافظة عدن"، then "مصدر أمني في عدن": told again at the city
            kept, kfam, ksub = out[held]
            merged = _merge_two(kept, ev, fold=True)  # at the specific place, not the city that holds it
            out[held] = (
                dataclasses.replace(merged, location=kept.location, geo_precision=kept.geo_precision),
                kfam,
                ksub,
            )
            continue
        crowd = _crowd_at(out, ev)
        if crowd is not None:  # one demonstration per place and day: the gravest reading of it stands
            kept, kfam, ksub = out[crowd]
            if _SEVERITY[ev.sub_event_type] > _SEVERITY[kept.sub_event_type]:
                out[crowd] = (_merge_two(ev, kept, fold=True, own_roles=True), fam, subsumes)
            else:
                out[crowd] = (_merge_two(kept, ev, fold=True, own_roles=True), kfam, ksub)
            continue
        for i, (kept, kfam, ksub) in enumerate(out):
            if _apart(kept, ksub, ev, subsumes):
                continue
            if _compatible(kept, ev) or (fam in ksub and _same_place(kept, ev) and _same_day(kept, ev)):
                out[i] = (_merge_two(kept, ev, fold=fam != kfam), kfam, ksub)
                break
            if (
                kfam in subsumes and _same_place(ev, kept) and _same_day(ev, kept)
            ):  # the specific one came second
                out[i] = (_merge_two(ev, kept, fold=True), fam, subsumes)
                break
        else:
            out.append((ev, fam, subsumes))
    return refine_places([e for e, _, _ in out], [d for d, _, _ in drafts])


def _apart(a: Event, a_marks: frozenset[str], b: Event, b_marks: frozenset[str]) -> bool:
    """Ground fighting and an explosion at one place and day are two events (ACLED codes the battle and the
    shelling of the town each), though a mere "attack" beside an explosion names the explosion again. Ground
    fighting is a repelled attack (``FOUGHT``) or a clash whose words name both its armed sides (``_two_sides``)."""
    explosion = "Explosions/Remote violence"
    return ((FOUGHT in a_marks or _two_sides(a)) and b.event_type == explosion) or (
        (FOUGHT in b_marks or _two_sides(b)) and a.event_type == explosion
    )


def _two_sides(e: Event) -> bool:
    """A clash whose own words name both armed sides (``مواجهات بين الجيش والحوثيين``): fighting told as a
    happening of its own, not the shelling's or the air strike's retelling."""
    if (e.event_type, e.sub_event_type) != ("Battles", "Armed clash"):
        return False
    named = {x.field for x in e.evidence if x.field in ("actor1", "actor2")}
    a1, a2 = e.actor1, e.actor2
    if len(named) < 2 or a1 is None or a2 is None or a2.inter == 7:
        return False
    return not (a1.inter in STATE_FORCES and a2.inter in STATE_FORCES and a1.country == a2.country)


def _region(e: Event) -> bool:
    """Placed only at a governorate or a province (an administrative area, or ACLED precision 3); a village
    no gazetteer knows, placed at its governorate, is a town all the same."""
    loc = e.location
    return (
        loc is not None
        and loc.decision != "unknown-at-parent"
        and ((e.geo_precision or 1) >= 3 or loc.feature_class == "A")
    )


def fold_regions(events: list[Event]) -> list[Event]:
    """An event placed only at a governorate, beside an event of the same sub-event and day at a town inside that
    governorate, is that event told from afar ("غارات على ريف إدلب" then "على بلدة سرجة"): ACLED codes the
    most specific place, so the regional telling joins the first town's event. A regional telling with no date of
    its own (week-precise) joins a town's event of that week. Its toll stays behind: a
    governorate's dead are often the day's total over all its towns, not this town's."""
    out = list(events)
    keep = [True] * len(out)
    for i, e in enumerate(out):
        if not _region(e) or e.location.admin1 is None:
            continue
        for j, t in enumerate(out):
            if (
                j != i
                and keep[j]
                and not _region(t)
                and t.sub_event_type == e.sub_event_type
                and (t.event_date == e.event_date or (e.time_precision >= 2 and _same_day(t, e)))
                and t.location is not None
                and t.location.admin1 == e.location.admin1
                and t.location.country == e.location.country
            ):
                out[j] = dataclasses.replace(_merge_two(t, e, fold=True), fatalities=t.fatalities)
                keep[i] = False
                break
    return [e for e, k in zip(out, keep, strict=True) if k]


def one_per_place(events: list[Event]) -> list[Event]:
    """ACLED's unit: one event per place, day and sub-event. Two events left at one place on one day with one
    sub-event (a region's strike refined to the town another telling already named, a telling dated by a weekday
    read apart from the day's date) are one happening told twice, unless each names a doer the other does not.

    Example: ``"غارة على بلدة X"`` and, after the toll, ``"جراء الغارة على بلدة X"`` → one air strike at X.
    """
    out: list[Event] = []
    for e in events:
        same = next((i for i, k in enumerate(out) if _one_happening(k, e)), None)
        if same is None:
            out.append(e)
        else:
            out[same] = _merge_two(out[same], e, fold=True)
    return out


def _one_happening(a: Event, b: Event) -> bool:
    la, lb = a.location, b.location
    if la is None or lb is None or a.event_date is None or a.event_date != b.event_date:
        return False
    if a.sub_event_type != b.sub_event_type or (la.geonameid or la.name_ar) != (lb.geonameid or lb.name_ar):
        return False
    if a.modality != b.modality and "reported" not in (a.modality, b.modality):
        return False
    doers = {
        x.actor1.name_en for x in (a, b) if x.actor1 is not None and x.actor1.kb_id not in DEFAULT_ACTORS
    }
    return len(doers) <= 1  # the same ACLED actor (a force and its air arm) or one telling without a doer


def shot_at_the_crowd(events: list[Event]) -> list[Event]:
    """A killing or shooting by a state force told beside a demonstration or a riot of the same day, near its place
    (``"استشهد شاب برصاص الاحتلال خلال مواجهات"``): the force the crowd met, part of that event (its toll), not an
    attack of its own (ACLED: force used on demonstrators is the demonstration's intervention)."""
    crowds = [i for i, e in enumerate(events) if e.event_type in ("Protests", "Riots")]
    if not crowds:
        return events
    out = list(events)
    keep = [True] * len(out)
    for i, e in enumerate(out):
        if e.sub_event_type != "Attack" or e.actor1 is None or e.actor1.inter not in STATE_FORCES:
            continue
        j = next(
            (j for j in crowds if keep[j] and out[j].event_date == e.event_date and _near(out[j], e)), None
        )
        if j is not None:
            crowd = out[j]
            merged = _merge_two(crowd, e, fold=True, own_roles=True)
            out[j] = dataclasses.replace(merged, location=crowd.location, geo_precision=crowd.geo_precision)
            keep[i] = False
    return [e for e, k in zip(out, keep, strict=True) if k]


def one_country(events: list[Event], country: str | None) -> list[Event]:
    """A trigger told at places in two countries ("تظاهرة في عمّان تضامنا مع غزة", a city abroad read in a street's
    or a person's name): the happening is where the report is, the place abroad a name in passing. Only events of one
    trigger are compared: a report may tell happenings in two countries, each with its own words.

    Example: ``"فرقت الشرطة تظاهرة في إربد تضامنا مع غزة"`` in a report from Jordan → one event, at Irbid.
    """
    if country is None:
        return events
    by_trigger: dict[int, list[Event]] = {}
    for e in events:
        by_trigger.setdefault(_trigger_at(e), []).append(e)
    abroad = set()
    for told in by_trigger.values():
        if len(told) > 1 and any(e.location is not None and e.location.country == country for e in told):
            abroad |= {
                id(e) for e in told if e.location is not None and e.location.country not in (None, country)
            }
    return [e for e in events if id(e) not in abroad]


def orphan_tolls(
    doc,
    events: list[Event],
    drafts,
    reading,
    sentence_contexts,
    report,
    lex,
    silenced: frozenset[int] | set[int] = frozenset(),
) -> list[Event]:
    """A sentence that only counts the dead ("وأسفر ذلك عن مقتل 8 مدنيين") gives its toll to the event told just
    before it, or, in a title or lead, to the first event after it; never to an event that has its own toll.
    ``silenced``: sentences whose drafts were dropped (background, a statement): their dead are not this news'."""
    if not events:
        return events
    sents = reading.sentences
    starts = [st.start for st in sents]
    drafted = set()
    for e, _, _ in drafts:
        at = _trigger_at(e)
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < sents[i].end:
            drafted.add(i)
    events = list(events)
    told = _ByTrigger([_trigger_at(e) for e in events])
    for i, st in enumerate(sents):
        if i in drafted or i in silenced or (report.cut is not None and st.start >= report.cut):
            continue
        toll = toll_in(reading, st.start, st.end, lex)  # before the contexts: most sentences count no dead
        if toll is None or any(c.strong for c in sentence_contexts.get(i, ())):
            continue
        target = told.last_before(st.start)
        if target is None:
            target = told.first_from(st.end)
        if target is None or events[target].fatalities.min is not None:
            continue
        e = events[target]
        span = Evidence(
            "fatalities",
            st.start + toll.start,
            st.start + toll.end,
            doc.doc_id,
            st.text[toll.start : toll.end],
        )
        events[target] = dataclasses.replace(
            e,
            fatalities=toll.fatalities,
            evidence=(*e.evidence, span),
            civilian_targeting=e.civilian_targeting or toll.civilians,
        )
    return events


class _ByTrigger:
    """Events by where their trigger stands: the last event (in the list's order) told before an offset and
    the first told after one, in log time (a long report has hundreds of events and of toll sentences)."""

    def __init__(self, ats: list[int]) -> None:
        order = sorted(range(len(ats)), key=lambda k: ats[k])
        self._ats = [ats[k] for k in order]
        self._max_upto: list[int] = []  # the largest event index among the first i by position
        best = -1
        for k in order:
            best = max(best, k)
            self._max_upto.append(best)
        self._min_from: list[int] = [0] * len(order)  # the smallest event index among those from i on
        low = len(ats)
        for i in range(len(order) - 1, -1, -1):
            low = min(low, order[i])
            self._min_from[i] = low

    def last_before(self, at: int) -> int | None:
        i = bisect_left(self._ats, at)
        return self._max_upto[i - 1] if i > 0 else None

    def first_from(self, at: int) -> int | None:
        i = bisect_left(self._ats, at)
        return self._min_from[i] if i < len(self._ats) else None
