"""Events from segments: triggers → typed events with roles, place, date, toll and evidence; `merge.py` folds a
report's retellings together, `decide.py` says which drafts are no happening at all."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from rasd.coding.actors import (
    STATE_FORCES,
    acled_roles,
    actor_ref,
    affiliated,
    carried_actor,
    clash_sides,
    interaction,
    is_armed,
    nationality_doer,
    patron,
    remote_doer,
    report_country,
    report_force,
)
from rasd.coding.arguments import PlaceChoice, assign_roles, choose_date, choose_places, headline_place
from rasd.coding.attribution import modality, sources
from rasd.coding.decide import (
    NO_PLACE,
    contexts_in,
    drop_reason,
    opens_pluperfect,
    report_context,
    told_as_earlier,
)
from rasd.coding.merge import (
    FOUGHT,
    QUOTED,
    TOLD_AGAIN,
    fold_regions,
    merge_within,
    one_country,
    one_per_place,
    orphan_tolls,
    shot_at_the_crowd,
)
from rasd.coding.tolls import toll_in
from rasd.coding.triggers import Trigger, might_hold, phrase_in, triggers_in
from rasd.geo.headline import HEADLINE_REASON
from rasd.models import Document, Event, Evidence, Fatalities, Mention, Place
from rasd.text.dates import find_dates
from rasd.text.reading import ByStart, Reading, read
from rasd.text.segments import Segment


def _ev(field: str, a: int, b: int, doc: Document) -> Evidence:
    return Evidence(field, a, b, doc.doc_id, doc.body[a:b])


#: bombs in the plural, with no word of a blast: what a cache holds ("مخزن يحتوي على العبوات الناسفة") as often
#: as what went off
_STOCKED_BOMBS = frozenset({("عبوات", "ناسفه"), ("الغام",)})


_BLAST = "Explosions/Remote violence"


def _select_triggers(
    reading: Reading, k: int, lex, known: frozenset[str] = frozenset(), names: Sequence[tuple[int, int]] = ()
) -> list[Trigger]:
    """Segment ``k``'s triggers, one per family. ``names``: spans (into the segment) of the place names in it; a
    war word inside a name (``جرف`` in ``جرف الصخر``, ``التوجيه`` beside ``مديرية``) is part of the name."""
    seg = reading.segments[k]
    found = [
        t
        for t in triggers_in(reading, k, lex, known)
        if (not t.family.requires or phrase_in(seg.norm.text, t.family.requires))
        and not any(a < t.end and t.start < b for a, b in names)
    ]
    weapon_only = [
        t
        for t in found
        if (t.family.name == "shelling" and len(t.words) == 1 and t.words[0] in lex.weapon_nouns)
        or t.family.name
        == "grenade"  # its words are all nouns ("قنابل يدوية"): found in a cache as often as thrown
        or (t.family.name == "ied" and t.words in _STOCKED_BOMBS)
    ]
    if weapon_only and (
        any(t.family.name == "clash" for t in found) or phrase_in(seg.norm.text, lex.weapon_not_fired)
    ):  # weapons named in a battle, or captured or owned, are no shelling of their own
        found = [t for t in found if t not in weapon_only]
    cue = phrase_in(seg.norm.text, lex.background_cues)
    if cue is not None:  # "على غرار ما حدث في مفاوضات الرقة": what follows the cue is background
        cut = seg.norm.to_original(cue[1], cue[1] + 1)[0]
        found = [t for t in found if t.start < cut]
    # a targeting verb right after another war word tells that word's happening ("تفجير استهدف الحملة", "هجوم آخر
    # استهدف الجيش"): the generic words of the strike families are their targeting verbs
    found = [t for t in found if not _governed_targeting(t, found, seg, lex)]
    # an attack that was repelled ("تصدى لهجوم") is a battle, not the generic "attack" that names another word's event
    fought = {id(t) for t in found if t.family.name == "clash" and _fought(seg, t, lex)}
    specific = [t for t in found if not t.family.weak and (t.words not in lex.generic or id(t) in fought)]
    if specific:
        found = [
            t
            for t in found
            if not t.family.weak
            and (
                t.words not in lex.generic
                or id(t) in fought
                or t.family.name in {s.family.name for s in specific}
            )
        ]
    # A specific family subsumes the generic ones it explains ("هجوم" in a bombing report is the bombing).
    # Ground fighting told beside an explosion is a battle of its own (``_fought``).
    subsumed = {name for t in found for name in t.family.subsumes}
    by_other = {name for t in found if t.family.event_type != _BLAST for name in t.family.subsumes}
    found = [
        t
        for t in found
        if t.family.name not in subsumed or (t.family.name not in by_other and id(t) in fought)
    ] or found
    # one trigger per family: the first, or the first that is no generic word ("تفجير مدرعة بعبوة ناسفة" is told by
    # its bomb: a bombing of its own, not a generic blast that retells the happening before it)
    out: dict[str, Trigger] = {}
    for t in found:
        first = out.get(t.family.name)
        if first is None or (first.words in lex.generic and t.words not in lex.generic):
            out[t.family.name] = t
    return sorted(out.values(), key=lambda t: t.start)


def _governed_targeting(t: Trigger, found: list[Trigger], seg: Segment, lex) -> bool:
    """``t`` is a strike family's targeting verb (its generic word) at most two words after a war word of another
    family, whose happening it describes (``تفجير استهدف الحملة``)."""
    if t.words not in lex.generic or t.family.name not in _STRIKES:
        return False
    return any(
        other.end <= t.start
        and other.family.name not in _STRIKES
        and len(seg.text[other.end : t.start].split()) <= 2
        for other in found
    )


#: the strike families, whose generic words (استهدف، استهداف) name the weapon only by the words beside them
_STRIKES = frozenset({"air", "shelling"})


def _sub_event(
    trig: Trigger, seg: Segment, actor1: Mention | None, actor2: Mention | None, kb
) -> tuple[str, str]:
    fam = trig.family
    et, st = fam.event_type, fam.sub_event_type
    a1 = kb.get(actor1.kb_id) if actor1 is not None and actor1.kb_id in kb else None
    a2 = kb.get(actor2.kb_id) if actor2 is not None and actor2.kb_id in kb else None
    by_air_actor = a1 is not None and (a1.id in fam.air_actors or a1.parent in fam.air_actors)
    if (fam.air_actors or fam.air_words) and (by_air_actor or phrase_in(seg.norm.text, fam.air_words)):
        return "Explosions/Remote violence", "Air/drone strike"
    if fam.by_inter:
        st = fam.by_inter.get(a1.inter if a1 else -1, st)
    for target, words in fam.upgrades.items():
        if target.startswith("Riots|") and fam.name == "clash" and a1 is not None and a1.inter == 4:
            continue  # settlers or a tribe attacking with stones: an attack by an identity militia, not a riot
        if phrase_in(seg.norm.text, words):
            if "|" in target:
                et, st = target.split("|")
            else:
                st = target
            break
    if fam.name == "clash" and a2 is not None and a2.inter == 7 and _governed(trig, seg, actor2):
        return "Violence against civilians", "Attack"
    return et, st


#: how far after a clash word its target may stand to be what was attacked (``هاجم مسلحون مدنيين``), not people
#: the fighting frightened a clause on (``واقتربت المعارك من السوق فهرب منه المتسوقون``)
_TARGET_REACH = 30


def _governed(trig: Trigger, seg: Segment, target: Mention) -> bool:
    """``target`` is named before the clash word or within a few words after it."""
    return target.start - (seg.start + trig.end) <= _TARGET_REACH


def _one_sided(trig: Trigger, roles, kb, seg: Segment, lex, reading: Reading) -> bool:
    """An attack with no armed opponent: on civilians ("هاجم مستوطنون قرية"), not a battle.

    Clashes and confrontations (``اشتباكات``، ``مواجهات``) have two sides by their meaning, whoever they kill (ACLED
    codes civilians caught in fighting to the battle); an attack verb does only when an armed target is named.
    """
    target = roles.actor2
    if target is not None and target.kb_id in kb and kb.get(target.kb_id).inter != 7:
        return False
    if phrase_in(seg.norm.text, lex.armed_targets):
        return False  # a base, a patrol, soldiers: the attacked are armed
    if trig.family.event_type == "Violence against civilians":  # a killing that armed victims made a battle
        return _armed_only_as_doer(trig, seg, lex)
    if trig.words[0] not in lex.attack_words:
        return False
    # what the attack word governs, a few words on ("هجوم آخر استهدف الجيش", "هاجموا نقطة تفتيش"): armed men; the
    # doer named right after the verb ("هاجمت قوات الدعم السريع قرية") is no target
    start = trig.end
    doer = roles.actor1
    if doer is not None and trig.end <= doer.start - seg.start <= trig.end + 2:
        start = min(len(seg.text), doer.end - seg.start)
    after = seg.norm.slice_text(start, min(len(seg.text), start + 40)).split()[:4]
    return not any(w in lex.armed_nouns or w[1:] in lex.armed_nouns for w in after)


def _armed_only_as_doer(trig: Trigger, seg: Segment, lex) -> bool:
    """The armed men a killing names are its doers, after a doer's role word (``قُتل المزارعون على يد
    متشددين``، ``من قبل مسلحين``): the killed were not armed, and the killing stays an attack on civilians."""
    words = trig.family.upgrades.get("Battles|Armed clash")
    found = phrase_in(seg.norm.text, words) if words else None
    if found is None:
        return False
    before = " ".join(seg.norm.text[max(0, found[1] - 16) : found[1]].split())
    # "من" alone counts the killed as often as it names who killed ("قتل خمسة من المسلحين")
    markers = [m for m in lex.actor1_markers if m != "من"]
    return any(before == m or before.endswith(" " + m) for m in markers)


def _taken_from(roles, trig: Trigger, seg: Segment, seg_actors: Sequence[Mention], reading: Reading, kb):
    """``استعادة الفلوجة من تنظيم داعش``: ground is taken *from* the group after ``من`` (the loser), by the armed
    actor named before the trigger. (Elsewhere ``قصف من التحالف`` names the doer, so the role marker stays.)"""
    a1 = roles.actor1
    t_abs = seg.start + trig.start
    if trig.family.name != "territory" or a1 is None or a1.start < t_abs:
        return roles
    if reading.norm_text(max(seg.start, a1.start - 8), a1.start).split()[-1:] != ["من"]:
        return roles
    before = [m for m in seg_actors if m.start < t_abs and m.kb_id != a1.kb_id and is_armed(m, kb)]
    if not before:
        return roles
    return dataclasses.replace(roles, actor1=before[-1], actor2=a1)


def _implied_deaths(events: list[Event], reading: Reading, lex) -> list[Event]:
    """An assassination or execution told with no toll anywhere ("اغتيال الناشط", "أعدموا شاباً") killed its
    target: one death, unless it was an attempt ("محاولة اغتيال", "نجا من")."""
    out = []
    for e in events:
        if e.fatalities.min is None and e.modality == "reported":
            for x in e.evidence:
                if x.field != "event_type":
                    continue
                words = tuple(w.lstrip("وفبل") for w in reading.norm_text(x.start, x.end).split())
                words = tuple(w[2:] if w.startswith("ال") else w for w in words)
                before = reading.norm_text(max(0, x.start - 25), x.start).split()[-2:]
                tried = any(w.lstrip("وفبل") in _ATTEMPT for w in before)
                if words in lex.killing_words and not tried:
                    e = dataclasses.replace(
                        e, fatalities=Fatalities(best=1, min=1, max=1), evidence=(*e.evidence, _ev2(x))
                    )
                    break
        out.append(e)
    return out


_ATTEMPT = frozenset({"محاوله", "محاولات", "نجا", "نجاته", "فشل", "فشلت"})


def _ev2(x: Evidence) -> Evidence:
    return Evidence("fatalities", x.start, x.end, x.doc_id, x.text)


def _in_quotes(body: str, pos: int) -> bool:
    """``pos`` stands inside a quotation opened earlier in its paragraph ("..." or “...”)."""
    para = body[body.rfind("\n", 0, pos) + 1 : pos]
    return para.count('"') % 2 == 1 or para.count("“") > para.count("”")


_CROWD_STEMS = ("متظاهر", "محتج", "المتظاهر", "المحتج", "مشارك", "المشارك")


def _protesters_among_dead(reading: Reading, lo: int, hi: int, toll) -> bool:
    """The dead the toll of ``text[lo:hi]`` counts are demonstrators ("مقتل 3 متظاهرين"), not the victims of the
    shelling that a protest was held against ("قصف أوقع 5 قتلى وأثار موجة احتجاجات")."""
    window = reading.norm_text(max(lo, lo + toll.start - 40), min(hi, lo + toll.end + 40))
    return any(s in window for s in _CROWD_STEMS)


class _Draft:
    """A drafted event, built (roles, actors, evidence: most of extraction's work) the first time it is asked
    for. Most drafts are dropped for a reason read before the build (a date long before the report); only an
    explanation shows their events."""

    __slots__ = ("_make", "_built")

    def __init__(self, make: Callable[[], tuple[Event, bool]]) -> None:
        self._make = make
        self._built: tuple[Event, bool] | None = None

    def build(self) -> tuple[Event, bool]:
        """The event, and whether its roles name a doer (before ACLED's ordering of the actors)."""
        if self._built is None:
            self._built = self._make()
        return self._built

    @property
    def event(self) -> Event:
        return self.build()[0]

    @property
    def doer(self) -> bool:
        return self.build()[1]


def _whatever_the_toll(decide: Callable[..., str | None]) -> str | None:
    """The reason ``decide`` (``drop_reason`` given all but the toll) gives a dated draft, when it is the same
    whatever the toll says (none, a toll with no dead, dead): reading the toll is then no use. None when the
    reason depends on it, or the draft stands (a dated draft is no late commentary and recalls nothing)."""
    reasons = {
        decide(has_toll=has_toll, deaths=deaths, recalled_again=False, bare_late=False)
        for has_toll, deaths in ((False, False), (True, False), (True, True))
    }
    return reasons.pop() if len(reasons) == 1 else None


def _last_told_as_background(told: Sequence[tuple[_Draft, bool]], event_type: str) -> bool:
    """Whether the last telling of ``event_type`` (kept, or dropped as background) was dropped as background.
    Only the tellings after the last kept one of that type are built to learn their type."""
    for draft, background in reversed(told):
        if draft.event.event_type == event_type:
            return background
    return False


class _SentenceContexts:
    """Each sentence's non-event contexts (``contexts_in``) and whether it recalls an earlier happening
    (``told_as_earlier``), read the first time a draft or an orphan toll asks: most sentences have no trigger.
    ``get`` answers as a dict of the sentences that hold a segment would."""

    def __init__(self, reading: Reading, lex) -> None:
        self._norms = reading.sentence_norms
        self._lex = lex
        self._read = {seg.sentence for seg in reading.segments}
        self._contexts: dict[int, tuple] = {}
        self._earlier: dict[int, bool] = {}

    def __getitem__(self, i: int) -> tuple:
        got = self._contexts.get(i)
        if got is None:
            got = self._contexts[i] = contexts_in(self._norms[i], self._lex)
        return got

    def get(self, i: int, default: tuple = ()) -> tuple:
        return self[i] if i in self._read else default

    def earlier(self, i: int) -> bool:
        got = self._earlier.get(i)
        if got is None:
            got = self._earlier[i] = told_as_earlier(self._norms[i], self._lex)
        return got


@dataclass(frozen=True, slots=True)
class Dropped:
    """A drafted event that is no event, and why (kept for explanation and tests)."""

    event: Event
    reason: str


#: what follows a dateline's city: a date ("27 يناير"، "- 5 مارس")، the agency in brackets, a dash or a colon
_AFTER_DATELINE = re.compile(r"\s*(?:[-–—:/|،,]\s*)?(?:\(|\d|[\u0660-\u0669]|[-–—:])")


def _dateline(body: str, p: Place) -> bool:
    """``الموصل 3 مارس (رويترز) قال ضابط…``: the city a wire report was filed from opens its line and is
    followed by a date, the agency or a dash. It says where the reporter was, not where anything happened."""
    if p.start is None or p.end is None:
        return False
    line_start = body.rfind("\n", 0, p.start) + 1
    if body[line_start : p.start].strip(" \t\u200f\u200e-–—"):
        return False
    return bool(_AFTER_DATELINE.match(body, p.end))


def _inside_actor(p: Place, actors: ByStart[Mention], longest: int) -> bool:
    """A place named inside an actor's name ("سرايا القدس", "لواء القدس", "أنصار بيت المقدس") is part of the name,
    not where anything happened. Only actors starting at most ``longest`` characters before the place can hold it."""
    if p.start is None or p.end is None:
        return False
    return any(
        m.start <= p.start and p.end <= m.end and (m.start, m.end) != (p.start, p.end)
        for m in actors.within(p.start - longest, p.start + 1)
    )


def extract_events(
    doc: Document,
    mentions: Sequence[Mention],
    places: Sequence[Place],
    kb,
    lex,
    reading: Reading | None = None,
    headline: Sequence[Place] = (),
) -> list[Event]:
    """All events in ``doc``, merged where two segments describe one happening."""
    return extract_with_reasons(doc, mentions, places, kb, lex, reading, headline, keep_dropped=False)[0]


def extract_with_reasons(
    doc: Document,
    mentions: Sequence[Mention],
    places: Sequence[Place],
    kb,
    lex,
    reading: Reading | None = None,
    headline: Sequence[Place] = (),
    *,
    keep_dropped: bool = True,
) -> tuple[list[Event], list[Dropped]]:
    """The events of ``doc``, and the drafts that were dropped with the reason for each. ``reading`` is the
    body's one reading (``rasd.text.reading``), read here when the caller has none. ``headline``: the places
    only the title names (``rasd.geo.headline_places``, no span); a draft the body gives no place (none in its
    segment, its sentence or the running context) is put at the headline's place. ``keep_dropped=False``
    leaves the dropped list empty: a draft dropped for a reason known before it is built (a date long before
    the report, most of them) is then never built, and the events are the same."""
    reading = reading or read(doc.body, lex.segment_breaks)
    segs = reading.segments
    sents = reading.sentences
    dates = find_dates(doc.body, doc.published_at, reading.norm)
    actors = [m for m in mentions if m.kind == "actor" and not patron(reading, m, lex)]
    cited = [m for m in mentions if m.kind == "source"]
    actors_at = ByStart(actors, lambda m: m.start)
    longest = max((m.end - m.start for m in actors), default=0)
    locs = [p for p in places if not p.is_feature and not _inside_actor(p, actors_at, longest)]
    locs = [p for p in locs if not _dateline(doc.body, p)] or locs
    cited_at = ByStart(cited, lambda m: m.start)
    dates_at = ByStart(dates, lambda d: d.start)
    locs_at = ByStart(locs, lambda p: p.start or -1)
    named_at = ByStart([p for p in places if p.start is not None and p.end is not None], lambda p: p.start)
    country = report_country(locs, actors, kb)
    # the headline's place, for the drafts of a body that names no place ("قصف على بلدة X" over a body that only
    # says "البلدة"); a body with places of its own keeps them: a draft before its first place is no news of its own
    fallback = headline_place(headline) if not locs else None
    report = report_context(doc.body, sents, lex, reading.norm, doc.title or "")
    sentence_contexts = _SentenceContexts(reading, lex)
    recent: list[Mention] = []
    last_place: Place | None = None
    drafts: list[tuple[Event, str, frozenset[str]]] = []  # event, family, families it subsumes
    families: set[str] = set()  # the families drafted so far
    dropped: list[Dropped] = []
    dropped_at: list[tuple[int, str]] = []  # the sentence of each dropped draft: its toll is no orphan
    # each telling kept or dropped as background, in order: "ونفذ الهجوم الانتحاري شاب" after a bombing recalled from
    # years ago tells that bombing again, not a new one (``_last_told_as_background``)
    told: list[tuple[_Draft, bool]] = []
    for k, seg in enumerate(segs):
        seg_actors = actors_at.within(seg.start, seg.end)
        sent = sents[seg.sentence]
        sentence_places = locs_at.within(sent.start, sent.end)
        # the segment's own places, short of a background aside (only those can be its events' places); a
        # segment that names no place needs no search for the aside
        own_locs = locs_at.within(seg.start, seg.end)
        if own_locs:
            cue = phrase_in(seg.norm.text, lex.background_cues)
            if cue:
                own_locs = locs_at.within(seg.start, seg.start + seg.norm.to_original(cue[1], cue[1] + 1)[0])
        known = frozenset(families)
        names = [(p.start - seg.start, p.end - seg.start) for p in named_at.within(seg.start, seg.end)]
        triggers = _select_triggers(reading, k, lex, known, names)
        if triggers:  # what every draft of the segment shares: its date (read in its sentence) and modality
            armed = any(is_armed(m, kb) for m in seg_actors)
            when = choose_date(
                seg, dates_at.within(sent.start, sent.end), (sent.start, sent.end), doc.published_at
            )
            mode = modality(seg, lex, doc.doc_id)
            if mode[0] == "planned" and mode[1] is not None and _was_planning(reading, mode[1], lex):
                mode = ("reported", None)  # a plan told in the past tense: whom the happening befell
            dated = when[0] is not None
        for trig in triggers:
            for choice in choose_places(doc.body, seg, trig, own_locs, sentence_places, last_place, lex):
                if choice.place is None and fallback is not None:  # only near the event: at least precision 2
                    choice = PlaceChoice(fallback, max(fallback.geo_precision, 2), choice.lo, choice.hi)
                draft = _Draft(
                    partial(
                        _build,
                        doc,
                        seg,
                        trig,
                        choice,
                        seg_actors,
                        recent[:],  # as it stands now: the build may come after later segments' actors
                        kb,
                        lex,
                        cited_at,
                        (sent.start, sent.end),
                        country,
                        reading,
                        when,
                        mode,
                    )
                )
                if keep_dropped:
                    draft.build()
                decide = partial(
                    drop_reason,
                    family=trig.family.name,
                    sentence_contexts=sentence_contexts[seg.sentence],
                    report=report,
                    trigger_at=seg.start + trig.start,
                    armed_actor=armed,
                    has_place=bool(own_locs),
                    modality=mode[0],
                    event_date=when[1],
                    dated_explicitly=dated,
                    published=doc.published_at,
                    located=choice.place is not None,
                    earlier=sentence_contexts.earlier(seg.sentence) or _told_as_past(seg, trig, lex),
                    news_told=bool(drafts),
                    news_date=drafts[0][0].event_date if drafts else None,
                    day_precise=when[2] == 1,
                    attempted=trig.family.no_purpose and _attempted(seg, trig, lex),
                    motive=_motive(seg, trig, lex),
                    provoked=_provoked(seg, trig, lex),
                    speakers=_speakers(seg, trig, lex),
                    habitual=_habitual(seg, trig, lex),
                    pluperfect=opens_pluperfect(reading.sentence_norms[seg.sentence], lex),
                    month_only=when[2] >= 3,
                    lex=lex,
                )
                reason = _whatever_the_toll(decide) if dated and not keep_dropped else None
                if reason is None:
                    toll = toll_in(reading, choice.lo, choice.hi, lex)
                    reason = decide(
                        has_toll=toll is not None,
                        deaths=toll is not None and bool(toll.fatalities.best),
                        recalled_again=not dated
                        and (_definite(seg, trig) or _after_demonstrative(seg, trig))
                        and _last_told_as_background(told, draft.event.event_type),
                        bare_late=seg.sentence >= lex.late_sentence
                        and not (toll is not None or dated or draft.doer),
                    )
                if reason is not None:
                    if keep_dropped:
                        dropped.append(Dropped(draft.event, reason))
                    dropped_at.append((seg.sentence, reason))
                    if reason.startswith("background"):
                        told.append((draft, True))
                    continue
                told.append((draft, False))
                event = remote_doer(draft.event, drafts)
                event = clash_sides(event, drafts, seg.start, seg.end)
                anaphoric = (trig.words in lex.anaphoric or _after_demonstrative(seg, trig)) and bool(drafts)
                fought = trig.family.name == "clash" and _fought(seg, trig, lex)
                marks = (
                    ({"*"} if anaphoric else set())
                    | (
                        {"~"}
                        if trig.words in lex.generic
                        and trig.family.name in TOLD_AGAIN
                        and not fought
                        and not _shot(seg, trig, lex)
                        else set()
                    )
                    | ({QUOTED} if _in_quotes(doc.body, seg.start + trig.start) else set())
                    | ({FOUGHT} if fought else set())
                )
                drafts.append((event, trig.family.name, trig.family.subsumes | marks))
                families.add(trig.family.name)
        recent.extend(seg_actors)
        seg_places = own_locs
        if seg_places:  # the most precise place the segment names carries over ("جرابلس شمال حلب" → Jarablus)
            best = min(seg_places, key=lambda p: p.geo_precision)
            inside = last_place is not None and last_place.admin1 and last_place.admin1 == best.admin1
            if not (best.geo_precision >= 3 and inside and last_place.geo_precision < best.geo_precision):
                last_place = best  # a region named again does not replace the town the report is in
    events = one_country(one_per_place(shot_at_the_crowd(fold_regions(merge_within(drafts)))), country)
    # a happening dropped only for want of a place is still news: its sentence's dead may be a retelling's toll
    silenced = {i for i, reason in dropped_at if reason != NO_PLACE}
    events = orphan_tolls(doc, events, drafts, reading, sentence_contexts, report, lex, silenced)
    events = [_one_armed_side(_called_a_riot(e, reading, lex, kb, country)) for e in events]
    return _implied_deaths([_deadly_crowd(e) for e in events], reading, lex), dropped


#: ACLED's interaction code of identity militias (settlers, tribes, communal groups)
_IDENTITY_MILITIA = 4
#: ... and of civilians
_CIVILIANS = 7


def _allies_abroad(a1, a2, where: str | None) -> bool:
    """The two sides read for a clash are one foreign country's state force and a militia of that same country
    (Israeli settlers and Israel's army in the West Bank): allies, not opponents."""
    if a1 is None or a2 is None or a1.country is None or a1.country != a2.country or a1.country == where:
        return False
    return (a1.inter in STATE_FORCES) != (a2.inter in STATE_FORCES) and _IDENTITY_MILITIA in (
        a1.inter,
        a2.inter,
    )


def _was_planning(reading: Reading, cue: Evidence, lex) -> bool:
    """``ألقت القبض على خلية كانت تخطط لاقتحام``، ``المحتجين الذين كانوا يستعدون للخروج``: a plan in the past
    tense describes who was arrested or dispersed, what they had meant to do; the arrest or the dispersal happened."""
    before = reading.norm_text(max(0, cue.start - 12), cue.start).split()[-1:]
    return bool(before) and before[0] in lex.pluperfect_openers


def _signature_doer(
    trig: Trigger, actor1: Mention | None, kb, lex, country, span, body: str
) -> Mention | None:
    """The force a weapon is the signature of (``براميل متفجرة``: the Syrian regime's air force), in its country,
    unless the doer read is already that force or one of its units; None otherwise."""
    sig = lex.signature_doers.get(" ".join(trig.words))
    if sig is None or sig not in kb:
        return None
    actor = kb.get(sig)
    if country is not None and actor.country not in (None, country):
        return None
    family = {sig, actor.parent} - {None}
    if actor1 is not None and actor1.kb_id in kb:
        own = kb.get(actor1.kb_id)
        if own.id in family or own.parent in family:
            return None
    return Mention("actor", span[0], span[1], body[span[0] : span[1]], " ".join(trig.words), sig, 0.8)


#: demonstratives: "هذه الغارة", "ذلك الهجوم" point back at a happening already told
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "تلك", "ذلك", "هذين", "هاتين", "هؤلاء"})


def _after_demonstrative(seg: Segment, trig: Trigger) -> bool:
    """The trigger follows a demonstrative ("بخصوص هذه الغارة الجوية"): the report refers back to a happening it
    has told, it does not tell a new one."""
    before = seg.text[max(0, trig.start - 12) : trig.start].split()
    return bool(before) and before[-1] in _DEMONSTRATIVES


def _definite(seg: Segment, trig: Trigger) -> bool:
    """The trigger is a definite noun (``الهجوم الانتحاري``، ``والقصف``): it names a happening the reader knows."""
    words = seg.norm.slice_text(trig.start, trig.end).split()
    if not words:
        return False
    first = words[0]
    return any(first.startswith(p + "ال") for p in ("", "و", "ف", "ب", "وب", "فب", "ل", "ول"))


def _fought(seg: Segment, trig: Trigger, lex) -> bool:
    """An attack that was repelled (``تصدت القوات لهجوم``): a battle, fought on the ground. (Clash words alone
    are not enough: beside a shelling, reports mostly tell the shelling's own fighting with them.)"""
    before = seg.norm.slice_text(max(0, trig.start - 60), trig.start).split()[-6:]
    if any(w in lex.repel_words or w[1:] in lex.repel_words for w in before):
        return True
    # an attack armed men suffered ("عقب تعرض دورية للجيش لهجوم"): they were the target, and fought
    suffered = [i for i, w in enumerate(before) if w in lex.suffer_words or w[1:] in lex.suffer_words]
    return bool(suffered) and any(w in lex.armed_nouns for w in before[suffered[-1] + 1 :])


def _attempted(seg: Segment, trig: Trigger, lex) -> bool:
    """``تصدوا لمحاولة التقدم``، ``يحاولون التوصل إلى وقف لإطلاق النار``: an attempt at a change of hands or a deal
    is not the change or the deal (violence attempted is violence, and is not asked about)."""
    before = seg.norm.slice_text(max(0, trig.start - 80), trig.start).split()[-6:]
    return any(w in lex.attempt_words or w[1:] in lex.attempt_words for w in before)


def _motive(seg: Segment, trig: Trigger, lex) -> bool:
    """``تظاهرات ضد القصف``، ``احتجاجا على اعتقال``، ``تضامنا مع المحتجين``: the trigger names what people
    stand against or with, not a happening the report tells."""
    words = seg.norm.slice_text(max(0, trig.start - 40), trig.start).split()[-3:]
    # the words before the trigger end with a cue when one of their tails is a cue: one set lookup per tail
    cues = _as_set(lex.motive_before)
    return any(" ".join(words[-k:]) in cues for k in range(1, len(words) + 1)) if words else "" in cues


@lru_cache(maxsize=8)
def _as_set(words: tuple[str, ...]) -> frozenset[str]:
    """A lexicon's word tuple as a set, once (a lookup in it costs one hash, not a pass over the tuple)."""
    return frozenset(words)


def _provoked(seg: Segment, trig: Trigger, lex) -> bool:
    """``قصفت القوات القرية ردا على اغتيال أحد قادتها``: a reprisal cue a few words before the trigger, with no
    comma or pointer (``ردا على ذلك، قصفت``) between them, makes it what provoked the news, not a happening told."""
    if not lex.response_before:
        return False
    before = " ".join(seg.norm.slice_text(max(0, trig.start - 100), trig.start).split()[-9:])
    if not might_hold(before, _response_heads(lex.response_before)):
        return False  # every cue starts with its first word as written: with none of them, no cue
    for m in _response_pattern(lex.response_before).finditer(before):
        between = before[m.end() :]
        if not ("،" in between or "," in between or set(between.split()) & lex.pointer_words):
            return True
    return False


@lru_cache(maxsize=2)
def _response_heads(cues: tuple[str, ...]) -> frozenset[str]:
    """The first word of each reprisal cue: ``_provoked``'s pattern can match only where one of them stands."""
    return frozenset((c.split() or [""])[0] for c in cues)


@lru_cache(maxsize=2)
def _response_pattern(cues: tuple[str, ...]) -> re.Pattern:
    gap = r"[\s\"'«»“”]+"  # quotes may close a named campaign between the words ("معركة الرد" على)

    def words(cue: str) -> str:
        return gap.join(re.escape(w) for w in cue.split())

    alts = "|".join(
        words(c[:-2]) + gap + "ل" if c.endswith(" ل") else words(c) + r"(?=\s|$)"
        for c in sorted(cues, key=len, reverse=True)
    )
    return re.compile(rf"(?:^|(?<=\s))[وفك]?(?:{alts})")


def _speakers(seg: Segment, trig: Trigger, lex) -> bool:
    """``وقال محتجون``، ``وأكد المتظاهرون``: the protesters speak; the protest itself is told elsewhere (or not at
    all), not by these words."""
    if trig.family.name != "protest":
        return False
    before = seg.norm.slice_text(max(0, trig.start - 20), trig.start).split()[-1:]
    return bool(before) and (
        before[0] in lex.reporting_verbs or before[0].removeprefix("و") in lex.reporting_verbs
    )


def _told_as_past(seg: Segment, trig: Trigger, lex) -> bool:
    """``غارات سابقة``، ``هجوم سابق``، ``الهجمات الماضية``: the trigger names earlier happenings, not a new one."""
    after = seg.norm.slice_text(trig.end, min(len(seg.text), trig.end + 30)).split()[:2]
    return bool(after) and (after[0] in lex.past_after or (len(after) > 1 and after[1] in lex.past_after))


def _shot(seg: Segment, trig: Trigger, lex) -> bool:
    """A killing told with a word of a shooting (``استشهد شاب برصاص قوات الاحتلال``): a gunshot of its own, not the
    strike or blast told before it told again (only a killing of the attack family, not a blast's "انفجار")."""
    return trig.family.name == "attack_civilians" and phrase_in(seg.norm.text, lex.shooting_words) is not None


def _habitual(seg: Segment, trig: Trigger, lex) -> bool:
    """``وتشهد مرتفعات القصرين مواجهات متقطعة``، ``وتتعرض المناطق الحدودية باستمرار إلى قصف``: an imperfect verb
    of a state a few words before the trigger, opening a clause of the body's narration (joined by ``و``), tells
    what a place lives through, not a happening of the news (the news is told in the perfect: ``شهدت المدينة
    اشتباكات``). A title or a summary line uses the same imperfect for the news itself (``تشهد البلدة احتجاجات بعد
    مقتل شاب``): there it is no state. A ``و`` written apart from its verb (``و يعيش``) joins the clause all the
    same."""
    before = seg.norm.slice_text(max(0, trig.start - 90), trig.start).split()[-10:]
    return any(
        (w.startswith("و") and w[1:] in lex.habitual_verbs)
        or (w in lex.habitual_verbs and k and before[k - 1] == "و")
        for k, w in enumerate(before)
    )


def _called_a_riot(e: Event, reading: Reading, lex, kb, country: str | None) -> Event:
    """A demonstration that the report, in a retelling folded into it, calls by a riot word of the protest family
    (confrontations: ``بعيد اندلاع هذه المواجهات``): a riot (ACLED), as when its own sentence says so. Only the
    tellings merged into the demonstration count (fighting at another place or day stays an event of its own)."""
    if e.event_type != "Protests":
        return e
    family = next((f for f in lex.families if f.name == "protest"), None)
    words = family.upgrades.get("Riots|Violent demonstration") if family is not None else None
    if not words:
        return e
    spans = [x for x in e.evidence if x.field == "event_type"][1:]  # the tellings folded into the first
    if not any(phrase_in(reading.norm_text(x.start, x.end), words) for x in spans):
        return e
    where = country or (e.location.country if e.location is not None else None)
    a1, a2 = acled_roles("Riots", "Violent demonstration", e.actor1, e.actor2, kb, where, e.event_date, False)
    return dataclasses.replace(
        e,
        event_type="Riots",
        sub_event_type="Violent demonstration",
        actor1=a1,
        actor2=a2,
        interaction=interaction(a1, a2),
    )


def _one_armed_side(e: Event) -> Event:
    """A clash of a militia from abroad (settlers) whose other side, once its tellings are joined, is civilians
    ("تصدى الأهالي لمستوطنين هاجموا البلدة، وسط مواجهات"): it had one armed side, and is an attack on them (ACLED's
    battles are between armed, organised sides)."""
    if (e.event_type, e.sub_event_type) != ("Battles", "Armed clash"):
        return e
    if e.actor2 is None or e.actor2.inter != _CIVILIANS or e.actor1 is None:
        return e
    if e.actor1.inter != _IDENTITY_MILITIA or e.actor1.country in (None, e.actor2.country):
        return e  # a tribe or clan of the country may fight armed residents; settlers from abroad fight none
    return dataclasses.replace(
        e, event_type="Violence against civilians", sub_event_type="Attack", civilian_targeting=True
    )


def _deadly_crowd(e: Event) -> Event:
    """A dispersed demonstration whose toll, joined from another sentence, counts dead: force met it with lethal
    effect, "Excessive force against protesters" by ACLED's rule, with the force as actor 1."""
    if e.sub_event_type != "Protest with intervention" or not e.fatalities.best:
        return e
    if e.actor2 is None or e.actor2.inter not in STATE_FORCES:
        return e  # no force named: who killed is unknown
    force, crowd = e.actor2, e.actor1
    return dataclasses.replace(
        e,
        sub_event_type="Excessive force against protesters",
        actor1=force,
        actor2=crowd,
        interaction=interaction(force, crowd),
    )


def _build(
    doc,
    seg,
    trig,
    choice,
    seg_actors,
    recent,
    kb,
    lex,
    cited_at,
    sentence,
    country,
    reading,
    when,
    mode,
) -> tuple[Event, bool]:
    """The draft of ``trig`` at ``choice``'s place, and whether its roles name a doer. ``when`` (the segment's
    date) and ``mode`` (its modality) were read before the build, to decide whether the draft is worth
    building."""
    t_abs = (seg.start + trig.start, seg.start + trig.end)
    roles = assign_roles(seg, trig, seg_actors, kb, lex, recent)
    doer = affiliated(roles.actor1, seg_actors, reading)
    if doer is not roles.actor1 and roles.actor2 is not None and roles.actor2.kb_id == doer.kb_id:
        # "هاجم مسلحون من X موقعاً لـY": X is the group the gunmen belong to, not whom they struck; the target is
        # read again among the others
        others = [m for m in seg_actors if m.kb_id != doer.kb_id]
        again = assign_roles(seg, trig, others, kb, lex, recent).actor2
        roles = dataclasses.replace(
            roles, actor2=again if again is not None and again.kb_id != doer.kb_id else None
        )
    roles = dataclasses.replace(roles, actor1=doer, actor2=affiliated(roles.actor2, seg_actors, reading))
    roles = _taken_from(roles, trig, seg, seg_actors, reading, kb)
    doer = nationality_doer(seg, trig, lex, kb)
    if doer is not None and (roles.actor1 is None or roles.actor1.kb_id != doer.kb_id):
        # "غارات أمريكية على الحوثيين": the adjective names who struck; the actor first read as the doer is the target
        target = roles.actor2 or (
            roles.actor1 if roles.actor1 is not None and roles.actor1.start > doer.start else None
        )
        roles = dataclasses.replace(roles, actor1=doer, actor2=target)
    signed = _signature_doer(trig, roles.actor1, kb, lex, country, t_abs, doc.body)
    if signed is not None:
        roles = dataclasses.replace(
            roles,
            actor1=signed,
            actor2=roles.actor2 if roles.actor2 is None or roles.actor2.kb_id != signed.kb_id else None,
        )
    if roles.actor1 is None:
        # The doer named just before ("اقتحمت قوات الاحتلال البلدة، واعتقلت ..."): coders carry it over.
        carried = carried_actor(recent, seg, sentence, kb)
        if carried is not None and (roles.actor2 is None or carried.kb_id != roles.actor2.kb_id):
            roles = dataclasses.replace(roles, actor1=carried)
    et, st = _sub_event(trig, seg, roles.actor1, roles.actor2, kb)
    if (
        et == "Battles"
        and st == "Armed clash"
        and not _fought(seg, trig, lex)  # an attack someone repelled had armed men on both sides
        and _one_sided(trig, roles, kb, seg, lex, reading)
    ):
        et, st = "Violence against civilians", "Attack"
    place, precision = choice.place, choice.precision
    date_span, date, time_precision = when
    toll = toll_in(reading, choice.lo, choice.hi, lex)  # remembered by the reading: read once per span
    toll_base = choice.lo
    if toll is None and (choice.lo, choice.hi) == (seg.start, seg.end):
        toll_base = seg.start
    mode, mode_ev = mode
    # Sources cited in the segment, else earlier in the same sentence ("ذكرت شبكات محلية، أن ...").
    seg_sources = cited_at.within(seg.start, seg.end) or cited_at.within(sentence[0], seg.start)
    # Actors are named for the report's country: a strike in a village the gazetteer puts abroad is still Syria's.
    where = country or (place.country if place is not None else None)
    a1 = actor_ref(roles.actor1, kb, where, date)
    a2 = actor_ref(roles.actor2, kb, where, date)
    if (et, st) == ("Battles", "Armed clash") and _allies_abroad(a1, a2, where):
        # settlers and the army that guards them ("مواجهات بين المستوطنين بحماية قوات الاحتلال"): one side, whose
        # opponents are the unnamed residents; an attack by the militia on civilians (ACLED)
        et, st = "Violence against civilians", "Attack"
        a1, a2 = (a2, None) if a1.inter in STATE_FORCES else (a1, None)
    civilians_hit = bool(toll and toll.civilians) or bool(
        phrase_in(seg.norm.text, lex.civilian_words) and et == "Explosions/Remote violence"
    )
    if (
        et == "Protests"
        and st != "Peaceful protest"
        and not any(a and a.inter in STATE_FORCES for a in (a1, a2))
    ):
        # force used on a crowd, with no force named beside it: the force the report named before
        a2 = actor_ref(report_force(recent, kb), kb, where, date) or a2
    if (et, st) == ("Violence against civilians", "Attack") and a2 is not None and a2.inter in STATE_FORCES:
        # gunmen killing police or soldiers: ACLED's civilians are unarmed, so armed men on both sides fought
        et, st = "Battles", "Armed clash"
    a1, a2 = acled_roles(et, st, a1, a2, kb, where, date, civilians_hit)
    evidence = [_ev("event_type", *t_abs, doc), _ev("sub_event_type", *t_abs, doc)]
    for name, m in (("actor1", roles.actor1), ("actor2", roles.actor2)):
        if m is not None:
            evidence.append(_ev(name, m.start, m.end, doc))
    if place is not None and place.start is not None:
        own = seg.start <= place.start < seg.end
        evidence.append(_ev("location" if own else "location (context)", place.start, place.end, doc))
    if date_span is not None:
        evidence.append(_ev("event_date", date_span.start, date_span.end, doc))
    if (
        et == "Protests"
        and toll is not None
        and toll.fatalities.best > 0
        and st != "Excessive force against protesters"
        and _protesters_among_dead(reading, choice.lo, choice.hi, toll)
    ):
        # protesters killed: force was used on them (ACLED), whoever the sentence names
        st = "Excessive force against protesters"
        if not any(a and a.inter in STATE_FORCES for a in (a1, a2)):
            a2 = actor_ref(report_force(recent, kb), kb, where, date) or a2
        a1, a2 = acled_roles(et, st, a1, a2, kb, where, date, civilians_hit)
    fatalities, notes = Fatalities(), []
    civilian = bool(a2 and a2.inter == 7)
    if toll is not None:
        fatalities = toll.fatalities
        evidence.append(_ev("fatalities", toll_base + toll.start, toll_base + toll.end, doc))
        civilian = civilian or toll.civilians
        if toll.note:
            notes.append(toll.note)
    if mode_ev is not None:
        evidence.append(mode_ev)
    for m in seg_sources:
        evidence.append(_ev("attribution", m.start, m.end, doc))
    if et == "Violence against civilians":
        civilian = True
    confidence = (
        0.3
        + 0.2 * (roles.actor1 is not None)
        + 0.2 * (place is not None)
        + 0.1 * (date_span is not None)
        + 0.1 * bool(seg_sources)
        + 0.1 * (roles.actor2 is not None)
    )
    at = f" in {place.name_en or place.name_ar}" if place else ""
    who = a1.name_en if a1 else "Unidentified actor"
    whom = f" against {a2.name_en}" if a2 else ""
    notes.insert(0, f"{st} ({et}) by {who}{whom}{at}, {mode}.")
    if place is not None and place.start is None and place.reason.startswith(HEADLINE_REASON):
        notes.insert(1, "Place named only in the headline: the body names none for this event.")
    key = f"{doc.doc_id}|{st}|{t_abs[0]}" + (
        f"|{place.start}" if place is not None and choice.lo != seg.start else ""
    )
    eid = hashlib.sha256(key.encode()).hexdigest()[:16]
    event = Event(
        event_id=eid,
        doc_ids=(doc.doc_id,),
        event_type=et,
        sub_event_type=st,
        event_date=date,
        time_precision=time_precision,
        actor1=a1,
        actor2=a2,
        assoc_actor1=tuple(r for r in (actor_ref(m, kb, where, date) for m in roles.assoc) if r is not None),
        interaction=interaction(a1, a2),
        civilian_targeting=civilian,
        location=place,
        geo_precision=precision,
        fatalities=fatalities,
        modality=mode,
        attribution=sources(doc, seg_sources, kb),
        evidence=tuple(evidence),
        confidence=round(min(confidence, 1.0), 2),
        notes=" ".join(notes),
    )
    return event, roles.actor1 is not None
