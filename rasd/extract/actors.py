"""Actors as ACLED codes them: named for the report's country, with the defaults an ACLED coder applies.

A generic word (``الجيش``, ``قوات الأمن``, ``مدنيين``) names the army, police or civilians of the country the
report is about; an ambiguous alias (``القوات الحكومية``) is read as that country's. ACLED's defaults: an attack
whose doer is not named is by an ``Unidentified Armed Group (Country)``; a protest's actor 1 is the protesters,
and force used on them has the force as actor 1 and ``Protesters (Country)`` as actor 2; a riot's actor 1 is the
rioters; violence against civilians and explosions that kill civilians have ``Civilians (Country)`` as actor 2.

Example: an Iraqi report's ``"اعتقلت قوات الأمن"`` → actor 1 ``Police Forces of Iraq``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from rasd.models import ActorRef, Mention, Place
from rasd.text import normalise_key

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
        return next((r for r in refs if r is not None and r.inter == 1), None)

    if event_type == "Protests":
        force = state(a1, a2)
        crowd = generic("protesters")
        if sub_event_type == "Excessive force against protesters":
            return force or generic("state-police"), crowd
        if sub_event_type == "Protest with intervention":
            return crowd, force or generic("state-police")
        return crowd, None
    if event_type == "Riots":
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
        if a1 is None:
            a1 = generic("unidentified-armed-group")
        if a2 is None and (
            event_type == "Violence against civilians"
            or (event_type == "Explosions/Remote violence" and civilians_hit)
        ):
            a2 = generic("civilians")
        return a1, a2
    if sub_event_type == "Arrests" and a1 is None:
        return generic("state-police"), a2
    return a1, a2
