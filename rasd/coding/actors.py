"""Actors as ACLED codes them: named for the report's country, with the defaults an ACLED coder applies.

A generic word (``الجيش``, ``قوات الأمن``, ``مدنيين``) names the army, police or civilians of the country the
report is about; an ambiguous alias (``القوات الحكومية``) is read as that country's. ACLED's defaults: an attack
whose doer is not named is by an ``Unidentified Armed Group (Country)``; a protest's actor 1 is the protesters,
and force used on them has the force as actor 1 and ``Protesters (Country)`` as actor 2; a riot's actor 1 is the
rioters; violence against civilians and explosions that kill civilians have ``Civilians (Country)`` as actor 2.

Example: an Iraqi report's ``"اعتقلت قوات الأمن"`` → actor 1 ``Police Forces of Iraq``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Sequence

from rasd.coding.arguments import _CLITICS, _NON_WORD, ends_with
from rasd.coding.triggers import Trigger
from rasd.kb.actors.roles import bare, load_roles
from rasd.models import ActorRef, Event, Mention, Place
from rasd.text import normalise_key
from rasd.text.reading import Reading
from rasd.text.segments import Segment

#: actors an event gets by ACLED's defaults, not from the text: they never contradict a named actor
DEFAULT_ACTORS = frozenset(
    {"unidentified-armed-group", "unidentified-military-forces", "civilians", "protesters", "rioters"}
)

#: the defaults that stand for "the report names no doer"
UNNAMED_DOERS = frozenset({"unidentified-armed-group", "unidentified-military-forces"})

#: sub-events whose target, when the report names none, is the civilians they were done to (ACLED): people
#: arrested, property looted or destroyed
_ON_CIVILIANS = frozenset({"Arrests", "Looting/property destruction"})

#: ACLED inter codes of armed actors (state forces, rebels, militias, external forces)
ARMED = frozenset({1, 2, 3, 4, 8})


def report_country(places: Sequence[Place], actors: Sequence[Mention], kb) -> str | None:
    """The country the report is about: where its places lie, else whose actors it names."""
    votes = Counter(p.country for p in places if p.country and not p.is_feature)
    if votes:
        return votes.most_common(1)[0][0]
    for m in actors:
        if m.kb_id in kb:
            a = kb.get(m.kb_id)
            if a.country and a.type != "external":
                return a.country
    return None


def actor_ref(m: Mention | None, kb, country: str | None, day: dt.date | None) -> ActorRef | None:
    """A mention's actor, read in the report's country."""
    if m is None:
        return None
    if m.kb_id not in kb:
        return ActorRef(m.kb_id or m.surface, m.surface, m.surface)
    actor_id = kb.pick(m.kb_id, normalise_key(m.surface.replace('"', " ")), country, day)
    return kb.ref_in(actor_id, country, day)


def is_armed(m: Mention, kb) -> bool:
    """An armed actor acting: police at the scene of an accident do not make it political violence."""
    if m.kb_id not in kb:
        return False
    a = kb.get(m.kb_id)
    return a.inter in ARMED and not (a.inter == 1 and "police" in a.id)


#: ACLED's inter codes of forces that may meet a crowd: the state's own (1) and foreign state forces (8: an
#: occupying army, as in the West Bank and Gaza)
STATE_FORCES = frozenset({1, 8})

#: sub-events whose weapon is planted or carried by its user: a suicide bomber, an IED, a landmine
_PLANTED = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})


def acled_roles(
    event_type: str,
    sub_event_type: str,
    a1: ActorRef | None,
    a2: ActorRef | None,
    kb,
    country: str | None,
    day: dt.date | None,
    civilians_hit: bool,
) -> tuple[ActorRef | None, ActorRef | None]:
    """ACLED's actor 1 and actor 2 for an event, given the actors found around its trigger."""

    if a1 is not None and a2 is not None and a1.kb_id == a2.kb_id:
        a2 = None

    def generic(actor_id: str) -> ActorRef:
        return kb.ref_in(actor_id, country, day)

    def state(*refs: ActorRef | None) -> ActorRef | None:
        return next((r for r in refs if r is not None and r.inter in STATE_FORCES), None)

    if event_type == "Protests":
        force = state(a1, a2)
        crowd = generic("protesters")
        if sub_event_type == "Excessive force against protesters":
            # lethal force by no force the report names: unidentified, as any unnamed doer (ACLED)
            return force or generic("unidentified-armed-group"), crowd
        if sub_event_type == "Protest with intervention":
            return crowd, force or generic("state-police")
        return crowd, None
    if event_type == "Riots":
        if a1 is not None and a1.inter == 4 and a1.country and a1.country != country:
            # settlers rioting in the West Bank are rioters of their own country, and not their own target
            return kb.ref_in("rioters", a1.country, day), a2 if a2 is not None and a2.inter != 5 else None
        crowd = generic("rioters")
        other = (
            a2
            if a2 is not None and a2.inter != 5
            else a1
            if a1 is not None and a1.inter not in (5, 6)
            else None
        )
        return crowd, other
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        if a1 is not None and a1.inter in (6, 7):  # the victims were read as the doers
            a1, a2 = None, a2 or a1
        if sub_event_type in _PLANTED and a1 is not None and a1.inter in STATE_FORCES:
            # bombs are planted and set off by armed groups against the forces a sentence names: a state force
            # beside a bomb is its target, unless the other side is a state's too
            if a2 is not None and a2.inter not in STATE_FORCES and a2.inter not in (6, 7):
                a1, a2 = a2, a1
            else:
                a1, a2 = None, a2 or a1
        if a1 is None:
            a1 = generic("unidentified-armed-group")
        if a2 is None and (
            event_type == "Violence against civilians"
            or (event_type == "Explosions/Remote violence" and civilians_hit)
        ):
            a2 = generic("civilians")
        return a1, a2
    if sub_event_type == "Arrests" and a1 is None:
        a1 = generic("state-police")
    if sub_event_type in _ON_CIVILIANS and a2 is None:
        a2 = generic("civilians")
    return a1, a2


def interaction(a: ActorRef | None, b: ActorRef | None) -> int | None:
    codes = sorted(x.inter for x in (a, b) if x is not None and x.inter)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def patron(reading: Reading, m: Mention, lex) -> bool:
    """The actor is named as someone's backer or the holder of a place, not as a party to what happened.

    ``الموالية لإيران``، ``المدعومة من تركيا``: a backer. ``الواقعة تحت سيطرة X``: the place's holder. An owner
    word names a patron only after a named actor (``فيلق الشام التابع للجيش الحر``); after an unnamed force or
    post (``طائرات حربية تابعة لروسيا``، ``نقطة تابعة لقسد``) it names the force itself, a party.
    """
    cues = load_roles()
    words = reading.plain_words(max(0, m.start - 60), m.start)
    if words and words[-1] in _CLITICS:
        words = words[:-1]
    if ends_with(words, cues.control_words) is not None:
        return True
    if ends_with(words, cues.landmark_heads, 2) is not None or (
        words and words[-1] in ("مع",) and ends_with(words[:-1], cues.landmark_heads, 2) is not None
    ):
        return True
    n = len(words)
    for k in range(max(0, n - 2), n):
        w = words[k]
        b = bare(w[1:] if w[:1] in "وف" and len(w) > 3 else w)
        if b in cues.owner_words:
            return not _unnamed_head(words[:k], cues)
        if w in lex.patron_markers or b in cues.backer_words:
            return True
    return False


def _unnamed_head(words: list[str], cues) -> bool:
    """The words before an owner word end with an unnamed force or post (``طائرات حربية``، ``قوات``)."""

    def head(w: str) -> bool:
        return bare(w) in cues.unnamed_heads or (w[:1] in "وف" and bare(w[1:]) in cues.unnamed_heads)

    if words and head(words[-1]):
        return True
    return len(words) >= 2 and bare(words[-1]) in cues.head_adjectives and head(words[-2])


#: what may stand between unnamed gunmen and the group they belong to ("مسلحون من تنظيم داعش")
_OF = frozenset({"من", "تابعون ل", "تابعين ل", "ينتمون الي", "يتبعون", "يتبعون ل", "من عناصر", "من مقاتلي"})


@functools.cache
def _belongs() -> frozenset[str]:
    """What may stand between unnamed men and their group: ``_OF`` and the owner words with their ``ل``."""
    owners = load_roles().owner_words
    return _OF | {f"{w} ل" for w in owners} | {f"ال{w} ل" for w in owners}


def affiliated(m: Mention | None, actors: Sequence[Mention], reading: Reading) -> Mention | None:
    """``مسلحون من تنظيم القاعدة``: unnamed gunmen said to belong to a named group are that group (ACLED codes
    the group); so are forces only pointed back at (``القوات التابعة للحوثيين``). Any other mention is returned
    as it is."""
    if m is None or (m.kb_id != "unidentified-armed-group" and m.score >= 1.0):
        return m
    belongs = _belongs()
    for other in actors:
        if other.start >= m.end and other.kb_id != m.kb_id:
            gap = reading.norm_text(m.end, other.start).strip(" ،,\"'“”«»")
            if gap in belongs:
                return other
            if other.start - m.end > 20:
                break
    return m


def carried_actor(recent: list[Mention], seg: Segment, sentence: tuple[int, int], kb) -> Mention | None:
    """The last armed actor named earlier in the sentence, or in the sentence before it."""
    for m in reversed(recent):
        if m.start < sentence[0] - 400:
            break
        if m.kb_id in kb and kb.get(m.kb_id).inter in (1, 2, 3, 4, 8) and m.start < seg.start:
            return m
    return None


def report_force(recent: list[Mention], kb) -> Mention | None:
    """The state force the report named last before this point (``قوات الاحتلال``, ``الأمن``): the force that met
    a demonstration told without one ("أصيب متظاهرون برصاص حي") is the report's, not the country's police by
    default. State forces only, the country's own or a foreign one (``STATE_FORCES``)."""
    for m in reversed(recent):
        if m.kb_id in kb and kb.get(m.kb_id).inter in STATE_FORCES:
            return m
    return None


def nationality_doer(seg: Segment, trig: Trigger, lex, kb) -> Mention | None:
    """``غارات أمريكية``, ``قصف مدفعي تركي``: a nationality adjective of the trigger (right after it, or after its
    own adjectives); else one shortly before it in the segment (``عدوان أمريكي جديد بـ 23 غارة``). An adjective
    of the thing struck (``استهداف موقع إسرائيلي``، ``قاعدة تركية``) names the target's side, not the doer."""
    from rasd.text.tokens import strip_clitics

    if not lex.nationality_doers:
        return None
    cues = load_roles()
    struck = cues.target_nouns | cues.posts

    def first(text: str, offset: int, words: _Words, order, adjacent: bool = False) -> Mention | None:
        """The first nationality (or, after a hedge, any actor's name) among ``words`` visited in ``order``."""
        starts, ends, norms = words
        hedged = -9
        for n, k in enumerate(order):
            norm = norms[k]
            if norm in _HEDGES:
                hedged = n
            of_target = k > 0 and bare(norms[k - 1]) in struck and n - hedged > 3
            for form in () if of_target else strip_clitics(norm):
                actor_id = lex.nationality_doers.get(form)
                if not actor_id and n - hedged <= 3:
                    # "طائرات يرجح أنها للنظام": after a hedge, any actor's name says whose they were
                    actor_id = next(iter(kb.readings(form)), None)
                    actor_id = actor_id if actor_id and kb.get(actor_id).kind == "actor" else None
                if actor_id and actor_id in kb:
                    a, b = seg.start + offset + starts[k], seg.start + offset + ends[k]
                    return Mention("actor", a, b, text[starts[k] : ends[k]], form, actor_id, 0.8)
            if adjacent and not _describes_trigger(norm, cues):
                return None  # a noun after the trigger: what follows describes it, not the trigger
        return None

    tail = seg.text[trig.end : trig.end + 60]
    words = _words_of(tail)
    norms = words[2]
    # "بقصف لطائرات حربية يرجح أنها روسية": a hedged attribution may stand a few words further on
    hedge = next((k for k, w in enumerate(norms[:4]) if w in _HEDGES), None)
    if hedge is not None:
        found = first(tail, trig.end, words, range(min(len(norms), hedge + 5)))
    else:
        found = first(tail, trig.end, words, range(min(len(norms), 3)), adjacent=True)
    if found is None:
        lo = max(0, trig.start - 50)
        head = seg.text[lo : trig.start]
        head_words = _words_of(head)
        head_norms = head_words[2]
        n = len(head_norms)
        # a hedge just before the trigger ("مقاتلات يرجح أنها للنظام أغارت") reads forwards
        at = next((k for k in range(n - 1, max(-1, n - 5), -1) if head_norms[k] in _HEDGES), None)
        found = first(head, lo, head_words, range(at, n)) if at is not None else None
        found = found or first(head, lo, head_words, range(n - 1, max(-1, n - 7), -1))
    return found


#: a window's words as parallel lists: where each starts and ends, and its normalised form
_Words = tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]


@functools.lru_cache(maxsize=512)
def _words_of(text: str) -> _Words:
    """The words of a window around a trigger, as ``tokenise`` finds them (detached clitics too) but with no
    ``Token`` built per word: the rule reads only their spans and forms, a few of them (short windows recur)."""
    from rasd.text.tokens import words_at

    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    words_at(text, 0, starts, ends, norms, [])
    return tuple(starts), tuple(ends), tuple(norms)  # shared by the cache: never to be changed


def _describes_trigger(word: str, cues) -> bool:
    """A word that may stand between a trigger and the nationality of who did it: the trigger's adjectives, the
    doer's machines and their adjectives (``قصفت طائرات مقاتلة تركية``)."""
    b = bare(word)
    return (
        b in cues.trigger_adjectives
        or b in cues.head_adjectives
        or word in cues.unit_nouns
        or b in cues.unit_nouns
    )


#: words that attribute with a doubt ("يرجح أنها روسية"): ACLED codes the likely doer
_HEDGES = frozenset({"يرجح", "يعتقد", "يرجح انها", "يعتقد انها", "يرجح انه", "يعتقد انه"})


def remote_doer(event: Event, drafts: list[tuple[Event, str, frozenset[str]]]) -> Event:
    """An air strike or shelling whose doer this sentence does not name was made by the force the report named
    for the strikes before it ("غارات روسية على ... كما قصفت الطائرات قرية ..."), as an ACLED coder reads it.

    An air strike by warplanes that no one in the report is named for is by ``Unidentified Military Forces``
    (ACLED: several air forces fly over the region's wars, and only states fly warplanes); one by drones, which
    armed groups fly too, stays by an unidentified armed group."""
    if event.event_type != "Explosions/Remote violence" or event.actor1 is None:
        return event
    if event.actor1.kb_id not in UNNAMED_DOERS:
        return event
    for kept, _, _ in reversed(drafts):
        if (
            kept.event_type == event.event_type
            and kept.actor1 is not None
            and kept.actor1.kb_id not in DEFAULT_ACTORS
            and any(x.field == "actor1" for x in kept.evidence)
        ) and (kept.sub_event_type == event.sub_event_type or kept.actor1.inter in (1, 8)):
            return dataclasses.replace(
                event, actor1=kept.actor1, interaction=interaction(kept.actor1, event.actor2)
            )
    if event.sub_event_type == "Air/drone strike" and not _by_drone(event):
        from rasd.kb.actors import load_actors

        doer = load_actors().ref("unidentified-military-forces")
        return dataclasses.replace(event, actor1=doer, interaction=interaction(doer, event.actor2))
    return event


def _by_drone(event: Event) -> bool:
    """The words that tell the strike name a drone (``طائرة مسيرة``، ``درون``)."""
    cues = load_roles()
    said = " ".join(x.text for x in event.evidence if x.field in ("event_type", "sub_event_type"))
    words = _NON_WORD.sub(" ", normalise_key(said)).split()
    return any(w.startswith(stem) or w[1:].startswith(stem) for w in words for stem in cues.drone_stems)


def clash_sides(event: Event, drafts: list[tuple[Event, str, frozenset[str]]], lo: int, hi: int) -> Event:
    """A clash whose sentence names neither side (``واندلعت الاشتباكات في منطقة X``) is fought by the two sides of
    the clash the report told before ("اشتباكات بين الجيش وقوات الدعم السريع"), in that order: ACLED keeps a
    battle's sides together, where the last armed actor named would carry only one of them, often the second.
    ``lo``/``hi``: the event's segment; an actor named inside it is the event's own."""
    if event.sub_event_type != "Armed clash":
        return event
    if any(x.field in ("actor1", "actor2") and lo <= x.start < hi for x in event.evidence):
        return event
    for kept, _, _ in reversed(drafts):
        if kept.sub_event_type != "Armed clash":
            continue
        if kept.actor1 is not None and kept.actor1.kb_id not in DEFAULT_ACTORS:
            return dataclasses.replace(
                event,
                actor1=kept.actor1,
                actor2=kept.actor2,
                interaction=interaction(kept.actor1, kept.actor2),
            )
        return event  # the clash told just before names no side: nothing to carry
    return event
