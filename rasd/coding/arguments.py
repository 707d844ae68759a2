"""An event's arguments: who acted (actor1), on whom (actor2), where, when.

Roles come from position and role words: Arabic puts the actor before the verb
(``أن التنظيم تقدم``) or after it (``أغلقت ميليشيا الحشد``); ``من قبل``/``على يد``/``من``
after the trigger mark the doer; ``ضد``/``على حساب``/``استهدف`` the target; ``بين X و Y``
both sides. ``الطرفان`` means the two actors last named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rasd.coding.triggers import Trigger
from rasd.kb.lexicon import Lexicon
from rasd.models import Mention, Place
from rasd.text import normalise
from rasd.text.dates import DateSpan
from rasd.text.segments import Segment


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: Mention | None
    actor2: Mention | None
    assoc: tuple[Mention, ...] = ()


def _before(text: str, pos: int, n: int = 16) -> str:
    """The words before ``pos``, without a proclitic left hanging from the mention (``نقطة لـقسد`` → ``نقطه``)."""
    words = normalise(text[max(0, pos - n) : pos]).text.replace('"', " ").replace("ـ", " ").split()
    if words and words[-1] in ("ل", "لل", "ب", "و", "ف", "وب", "ول", "فب", "فل"):
        words = words[:-1]
    return " ".join(words)


def assign_roles(
    seg: Segment, trig: Trigger, actors: list[Mention], kb, lex: Lexicon, recent: list[Mention]
) -> Roles:
    """actor1/actor2 for a trigger among the segment's actor mentions (spans absolute in the body)."""
    t_abs = seg.start + trig.start
    body_rel = seg.text
    distinct: list[Mention] = []
    for m in actors:
        if all(d.kb_id != m.kb_id for d in distinct):
            distinct.append(m)
    if len(distinct) < 2 and any(w in seg.norm.text.split() for w in lex.both_parties) and len(recent) >= 2:
        distinct = recent[-2:]

    def inter(m: Mention) -> int | None:
        return kb.get(m.kb_id).inter if m.kb_id in kb else None

    if trig.family.name == "agreement":
        parties = [m for m in distinct if inter(m) != 7] or distinct
        return Roles(
            parties[0] if parties else None, parties[1] if len(parties) > 1 else None, tuple(parties[2:])
        )

    actor1 = actor2 = None
    t_end = seg.start + trig.end
    occurrences = sorted(actors, key=lambda m: m.start)
    if len(distinct) > len({m.kb_id for m in occurrences}):  # "الطرفان" stood in for the two parties
        occurrences = distinct
    # A verbal noun followed at once by an actor ("سيطرة التنظيم", "قصف التحالف"): that actor is the doer,
    # or, for arrests and abductions ("اعتقال ناشط"), the target.
    following = [m for m in occurrences if 0 <= m.start - t_end <= 3]
    if following:
        if trig.words in trig.family.object_follows:
            actor2 = following[0]
        elif inter(following[0]) != 7:
            actor1 = following[0]
    for m in occurrences:  # every occurrence: a role word may stand before any of them
        if actor1 is not None and m.kb_id == actor1.kb_id or actor2 is not None and m.kb_id == actor2.kb_id:
            continue
        before = _before(body_rel, m.start - seg.start)
        if (
            m.start > t_abs
            and actor1 is None
            and inter(m) != 7
            and any(before.endswith(w) for w in lex.actor1_markers)
        ):
            actor1 = m
        elif actor2 is None and any(before.endswith(w) for w in lex.actor2_markers):
            actor2 = m
        elif actor1 is None and before.endswith("بين"):
            actor1 = m
    if actor1 is None:
        prior = [
            m
            for m in occurrences
            if m.start < t_abs and inter(m) != 7 and (actor2 is None or m.kb_id != actor2.kb_id)
        ]
        after = [
            m
            for m in occurrences
            if m.start >= t_abs and inter(m) != 7 and (actor2 is None or m.kb_id != actor2.kb_id)
        ]
        actor1 = prior[-1] if prior else after[0] if after else None
    if actor2 is None and trig.family.default_target:
        others = [m for m in occurrences if actor1 is None or m.kb_id != actor1.kb_id]
        later = [m for m in others if m.start > t_abs]
        actor2 = later[0] if later else others[-1] if others else None
    taken = {m.kb_id for m in (actor1, actor2) if m is not None}
    assoc = tuple(m for m in distinct if m.kb_id not in taken)
    return Roles(actor1, actor2, assoc)


def choose_place(
    seg: Segment, trig: Trigger, places: list[Place], sentence_places: list[Place], last: Place | None
) -> tuple[Place | None, int | None]:
    """The event's location and its ACLED geo precision.

    A place in the trigger's own clause (the first after the trigger, else the first) keeps its
    precision; otherwise the place the report was last talking about, then any place in the
    segment or sentence — those are only near the event (precision ≥ 2).
    """
    from rasd.text.sentences import clauses

    t_abs = seg.start + trig.start
    clause = next((c for c in clauses(seg.text) if c.start <= trig.start < c.end), None)
    lo, hi = (seg.start + clause.start, seg.start + clause.end) if clause else (seg.start, seg.end)
    inside = [p for p in places if lo <= (p.start or -1) < hi]
    if inside:
        after = [p for p in inside if (p.start or 0) >= t_abs]
        p = after[0] if after else inside[0]
        return p, p.geo_precision
    # Places named before the trigger are its antecedents ("في مدن هجين والسوسة التي تتعرض لقصف");
    # then those after it (places in a background aside were already left out by the caller).
    in_segment = [p for p in places if seg.start <= (p.start or -1) < seg.end]
    before = [p for p in in_segment if (p.start or 0) < t_abs]
    after = [p for p in in_segment if (p.start or 0) >= t_abs]
    for p in [*before, *after, *([last] if last else []), *sentence_places]:
        return p, max(p.geo_precision, 2)
    return None, None


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    place: Place | None
    precision: int | None
    lo: int  # the part of the segment (body offsets) that speaks of this place: its toll is read there
    hi: int


def _own_place(p: Place) -> bool:
    """A place an event of a list can be at: a known town (precision 1), or a village the gazetteer lacks that a
    settlement cue names (``قريتي X وY``) — ACLED codes each village of a list, even one located at its parent."""
    if p.is_feature:
        return False
    return p.geo_precision == 1 or (p.decision == "unknown-at-parent" and p.geo_precision == 2)


def _key(p: Place) -> object:
    """Two mentions of one place: the same GeoNames id, or for a place the gazetteer lacks, the same name."""
    if p.decision == "unknown-at-parent":
        return ("unknown", normalise(p.name_as_written or p.name_ar).text)
    return p.geonameid or p.name_ar


_DISTANCE = {
    "كم",
    "كلم",
    "كيلو",
    "كيلومتر",
    "كيلومترا",
    "كيلومترات",
    "متر",
    "مترا",
    "بعد",
    "علي",
    "نحو",
    "حوالي",
    "العاصمه",  # "في منطقة المشتل في شرق العاصمة بغداد"
    "عاصمه",
}


_UNITS = {"كم", "كلم", "كيلو", "كيلومتر", "كيلومترا", "كيلومترات", "ميل", "اميال"}


def _after_between(before: list[str]) -> bool:
    """``بين X``، ``بين مدينتي X``: the words right before a place open a "between" phrase."""
    from rasd.geo.placeness import placeness

    return before[-1:] == ["بين"] or (before[-2:-1] == ["بين"] and before[-1] in placeness().settlement)


def container_gap(gap: str) -> bool:
    """True when the words between two place names make the second one contain (or only locate) the first:
    ``X التابعة لبلدة Y``، ``X في ريف Y``، ``X (14 كم جنوب Y)``، ``X Y`` (adjacent). A comma or a conjunction
    between them makes a list (``X، Y``، ``X وY``): two places of their own."""
    from rasd.geo.context import geo_context
    from rasd.geo.placeness import placeness

    words = re.findall(r"[\u0621-\u064A]+|[0-9\u0660-\u0669]+", gap)
    if not words:
        return not re.search(r"[،,؛;]", gap)
    ctx, rules = geo_context(), placeness()
    allowed = {*rules.connectors, *rules.settlement, *rules.weak, *ctx.near, *ctx.region, *_DISTANCE} - {"و"}
    for w in words:
        if w[0].isdigit() or "\u0660" <= w[0] <= "\u0669":
            continue
        bare = w[1:] if len(w) > 2 and w[0] in "بلف" else w
        if w not in allowed and bare not in allowed:
            return False
    return True


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return normalise(text[max(0, pos - 60) : pos]).text.replace('"', " ").split()[-n:]


def choose_places(
    doc_text: str,
    seg: Segment,
    trig: Trigger,
    places: list[Place],
    sentence_places: list[Place],
    last: Place | None,
    lex: Lexicon,
) -> list[PlaceChoice]:
    """The event's location, or one location per place when the segment names several towns for one trigger.

    ACLED codes one event per place: "غارات على سراقب وأريحا وبنش" is three strikes. Places split over are the
    segment's own places (ACLED precision 1, or a named village the gazetteer lacks, even one known only by its
    governorate) from the trigger's clause on, except where the attackers came from (``من مواقعها في X``) and a
    place that only contains the one before it (``سرمدا في إدلب``).
    """
    from rasd.geo.origin import continues_list, from_origin, words_before
    from rasd.geo.specific import refines
    from rasd.text.sentences import clauses

    clause = next((c for c in clauses(seg.text) if c.start <= trig.start < c.end), None)
    from_pos = seg.start + (clause.start if clause else 0)
    own = sorted(
        (
            p
            for p in places
            if from_pos <= (p.start or -1) < seg.end
            and (_own_place(p) or (p.decision == "unknown-at-parent" and not p.is_feature))
        ),
        key=lambda p: p.start or 0,
    )
    split: list[Place] = []
    between = origin = False
    for p in own:
        before = words_before(doc_text, p.start or 0, 5)
        # "من مواقعها في X"، "المتمركزة في بلدتي X وY": where the fire came from, the whole list of it
        origin = from_origin(before, lex.origin_markers) or (origin and continues_list(before))
        if origin:
            continue
        if any(w in _UNITS for w in before[-4:]):  # "(34 كلم غربي مدينة منبج)": a point of reference
            continue
        if _after_between(before) or (between and before[-1:] == ["و"]):
            between = True  # "بين مدينتي الرقة ودير الزور": a line between two places, not two events
            continue
        between = False
        if split:
            prev = split[-1]
            gap = " ".join(normalise(doc_text[prev.end or 0 : p.start or 0]).text.replace('"', " ").split())
            if gap in lex.container_links or container_gap(gap):
                continue
        if all(_key(q) != _key(p) for q in split):
            split.append(p)
    if len(split) >= 2:
        out = []
        for k, p in enumerate(split):
            lo = seg.start if k == 0 else (split[k - 1].end or seg.start)
            hi = split[k + 1].start if k + 1 < len(split) else seg.end
            out.append(
                PlaceChoice(p, 1 if p.decision != "unknown-at-parent" else p.geo_precision, lo, hi or seg.end)
            )
        return out
    place, precision = choose_place(seg, trig, places, sentence_places, last)
    if len(split) == 1 and refines(split[0], place):
        # "اختطف ... من بلدة المنصورة في ريف المدينة": the clause's village, not the town it is put at
        return [PlaceChoice(split[0], split[0].geo_precision, seg.start, seg.end)]
    return [PlaceChoice(place, precision, seg.start, seg.end)]


def choose_date(
    seg: Segment, dates: list[DateSpan], sentence: tuple[int, int], published: dt.datetime | None
) -> tuple[DateSpan | None, dt.date | None, int]:
    """The date expression in the segment, else in the sentence; else the publication date.

    With no date expression the event is dated on the publication day at week precision
    (2): reports describe recent days without always saying which.
    """
    for lo, hi in ((seg.start, seg.end), sentence):
        inside = [d for d in dates if lo <= d.start < hi]
        if inside:
            d = min(inside, key=lambda d: d.precision)
            return d, d.date, d.precision
    if published is None:
        return None, None, 3
    return None, published.date(), 2
