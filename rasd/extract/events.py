"""Events from segments: triggers → typed, argumented events with evidence, merged within a report."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from rasd.extract.actors import acled_roles, actor_ref, is_armed, report_country
from rasd.extract.arguments import assign_roles, choose_date, choose_places
from rasd.extract.attribution import modality, sources
from rasd.extract.decide import contexts_in, drop_reason, report_context, told_as_earlier
from rasd.extract.segments import Segment, segments
from rasd.extract.tolls import find_toll
from rasd.extract.triggers import Trigger, find_triggers, phrase_in
from rasd.models import ActorRef, Document, Event, Evidence, Fatalities, Mention, Place
from rasd.text import normalise
from rasd.text.dates import find_dates
from rasd.text.sentences import sentences


def _ev(field: str, a: int, b: int, doc: Document) -> Evidence:
    return Evidence(field, a, b, doc.doc_id, doc.body[a:b])


def _select_triggers(seg: Segment, lex, known: frozenset[str] = frozenset()) -> list[Trigger]:
    found = [
        t
        for t in find_triggers(seg.text, lex, known)
        if not t.family.requires or phrase_in(seg.norm.text, t.family.requires)
    ]
    weapon_only = [
        t
        for t in found
        if t.family.name == "shelling" and len(t.words) == 1 and t.words[0] in lex.weapon_nouns
    ]
    if weapon_only and (
        any(t.family.name == "clash" for t in found) or phrase_in(seg.norm.text, lex.weapon_not_fired)
    ):  # weapons named in a battle, or captured or owned, are no shelling of their own
        found = [t for t in found if t not in weapon_only]
    cue = phrase_in(seg.norm.text, lex.background_cues)
    if cue is not None:  # "على غرار ما حدث في مفاوضات الرقة": what follows the cue is background
        cut = seg.norm.to_original(cue[1], cue[1] + 1)[0]
        found = [t for t in found if t.start < cut]
    specific = [t for t in found if not t.family.weak and t.words not in lex.generic]
    if specific:
        found = [
            t
            for t in found
            if not t.family.weak
            and (t.words not in lex.generic or t.family.name in {s.family.name for s in specific})
        ]
    # A specific family subsumes the generic ones it explains ("هجوم" in a bombing report is the bombing).
    subsumed = {name for t in found for name in t.family.subsumes}
    found = [t for t in found if t.family.name not in subsumed] or found
    # one trigger per family: the first
    seen, out = set(), []
    for t in found:
        if t.family.name not in seen:
            seen.add(t.family.name)
            out.append(t)
    return out


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
        if phrase_in(seg.norm.text, words):
            if "|" in target:
                et, st = target.split("|")
            else:
                st = target
            break
    if fam.name == "clash" and a2 is not None and a2.inter == 7:
        return "Violence against civilians", "Attack"
    return et, st


def _trigger_at(e: Event) -> int:
    return next((x.start for x in e.evidence if x.field == "event_type"), 0)


def _orphan_tolls(doc, events: list[Event], drafts, sents, sentence_contexts, report, lex) -> list[Event]:
    """A sentence that only counts the dead ("وأسفر ذلك عن مقتل 8 مدنيين") gives its toll to the event told just
    before it, or, in a title or lead, to the first event after it; never to an event that has its own toll."""
    if not events:
        return events
    drafted = {i for i, st in enumerate(sents) for e, _, _ in drafts if st.start <= _trigger_at(e) < st.end}
    events = list(events)
    for i, st in enumerate(sents):
        if (
            i in drafted
            or any(c.strong for c in sentence_contexts.get(i, ()))
            or (report.cut is not None and st.start >= report.cut)
        ):
            continue
        toll = find_toll(st.text, lex)
        if toll is None:
            continue
        before = [k for k, e in enumerate(events) if _trigger_at(e) < st.start]
        after = [k for k, e in enumerate(events) if _trigger_at(e) >= st.end]
        target = before[-1] if before else after[0] if after else None
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


def _remote_doer(event: Event, drafts: list[tuple[Event, str, frozenset[str]]]) -> Event:
    """An air strike or shelling whose doer this sentence does not name was made by the force the report named
    for the strikes before it ("غارات روسية على ... كما قصفت الطائرات قرية ..."), as an ACLED coder reads it."""
    if event.event_type != "Explosions/Remote violence" or event.actor1 is None:
        return event
    if event.actor1.kb_id != "unidentified-armed-group":
        return event
    for kept, _, _ in reversed(drafts):
        if (
            kept.event_type == event.event_type
            and kept.actor1 is not None
            and kept.actor1.kb_id not in DEFAULT_ACTORS
            and any(x.field == "actor1" for x in kept.evidence)
        ) and (kept.sub_event_type == event.sub_event_type or kept.actor1.inter in (1, 8)):
            return dataclasses.replace(
                event, actor1=kept.actor1, interaction=_interaction(kept.actor1, event.actor2)
            )
    return event


def _patron(text: str, m: Mention, lex) -> bool:
    """``الموالية لإيران``: the actor is named as someone's backer, not as a party to what happened."""
    before = normalise(text[max(0, m.start - 30) : m.start]).text.split()[-2:]
    return any(w in lex.patron_markers for w in before)


def _carried_actor(recent: list[Mention], seg: Segment, sentence: tuple[int, int], kb) -> Mention | None:
    """The last armed actor named earlier in the sentence, or in the sentence before it."""
    for m in reversed(recent):
        if m.start < sentence[0] - 400:
            break
        if m.kb_id in kb and kb.get(m.kb_id).inter in (1, 2, 3, 4, 8) and m.start < seg.start:
            return m
    return None


def _one_sided(trig: Trigger, roles, kb, seg: Segment, lex) -> bool:
    """An attack with no armed opponent: on civilians ("هاجم مستوطنون قرية"), not a battle.

    Clashes and confrontations (``اشتباكات``، ``مواجهات``) have two sides by their meaning; an attack verb does
    only when an armed target is named.
    """
    target = roles.actor2
    if target is not None and target.kb_id in kb and kb.get(target.kb_id).inter != 7:
        return False
    if trig.words[0] in lex.attack_words:
        return True
    return target is None and _civilian_victims(seg, lex)


def _civilian_victims(seg: Segment, lex) -> bool:
    """The segment's dead or targets are civilians: an armed attack with no armed opponent is on them."""
    toll = find_toll(seg.text, lex)
    return bool(toll and toll.civilians)


def nationality_doer(seg: Segment, trig: Trigger, lex, kb) -> Mention | None:
    """``غارات أمريكية``, ``قصف مدفعي تركي``: a nationality adjective within three words after the trigger; else
    one shortly before it in the segment (``عدوان أمريكي جديد بـ 23 غارة``)."""
    from rasd.text.tokens import strip_clitics, tokenise

    if not lex.nationality_doers:
        return None

    def first(text: str, offset: int, toks) -> Mention | None:
        for tok in toks:
            for form in strip_clitics(tok.norm):
                actor_id = lex.nationality_doers.get(form)
                if actor_id and actor_id in kb:
                    a, b = seg.start + offset + tok.start, seg.start + offset + tok.end
                    return Mention("actor", a, b, text[tok.start : tok.end], form, actor_id, 0.8)
        return None

    tail = seg.text[trig.end : trig.end + 40]
    found = first(tail, trig.end, tokenise(tail)[:3])
    if found is None:
        lo = max(0, trig.start - 50)
        head = seg.text[lo : trig.start]
        found = first(head, lo, list(reversed(tokenise(head)))[:6])
    return found


def _interaction(a: ActorRef | None, b: ActorRef | None) -> int | None:
    codes = sorted(x.inter for x in (a, b) if x is not None and x.inter)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


#: actors an event gets by ACLED's defaults, not from the text: they never contradict a named actor
DEFAULT_ACTORS = frozenset({"unidentified-armed-group", "civilians", "protesters", "rioters"})


@dataclass(frozen=True, slots=True)
class Dropped:
    """A drafted event that is no event, and why (kept for explanation and tests)."""

    event: Event
    reason: str


def extract_events(
    doc: Document, mentions: Sequence[Mention], places: Sequence[Place], kb, lex
) -> list[Event]:
    """All events in ``doc``, merged where two segments describe one happening."""
    return extract_with_reasons(doc, mentions, places, kb, lex)[0]


def extract_with_reasons(
    doc: Document, mentions: Sequence[Mention], places: Sequence[Place], kb, lex
) -> tuple[list[Event], list[Dropped]]:
    """The events of ``doc``, and the drafts that were dropped with the reason for each."""
    segs = segments(doc.body, lex.segment_breaks)
    sents = sentences(doc.body)
    dates = find_dates(doc.body, doc.published_at)
    actors = [m for m in mentions if m.kind == "actor" and not _patron(doc.body, m, lex)]
    cited = [m for m in mentions if m.kind == "source"]
    locs = [p for p in places if not p.is_feature]
    country = report_country(locs, actors, kb)
    report = report_context(doc.body, sents, lex)
    sentence_contexts: dict[int, tuple] = {}
    recent: list[Mention] = []
    last_place: Place | None = None
    drafts: list[tuple[Event, str, frozenset[str]]] = []  # event, family, families it subsumes
    dropped: list[Dropped] = []
    for seg in segs:
        seg_actors = [m for m in actors if seg.start <= m.start < seg.end]
        sent = sents[seg.sentence]
        if seg.sentence not in sentence_contexts:
            sentence_contexts[seg.sentence] = contexts_in(normalise(sent.text).text, lex)
        sentence_places = [p for p in locs if sent.start <= (p.start or -1) < sent.end]
        cue = phrase_in(seg.norm.text, lex.background_cues)
        cut = seg.start + seg.norm.to_original(cue[1], cue[1] + 1)[0] if cue else seg.end
        seg_locs = [p for p in locs if not (cut <= (p.start or -1) < seg.end)]
        armed = any(is_armed(m, kb) for m in seg_actors)
        known = frozenset(f for _, f, _ in drafts)
        for trig in _select_triggers(seg, lex, known):
            for choice in choose_places(doc.body, seg, trig, seg_locs, sentence_places, last_place, lex):
                event, facts = _build(
                    doc,
                    seg,
                    trig,
                    choice,
                    seg_actors,
                    recent,
                    kb,
                    lex,
                    cited,
                    dates,
                    (sent.start, sent.end),
                    country,
                )
                reason = drop_reason(
                    family=trig.family.name,
                    sentence_contexts=sentence_contexts[seg.sentence],
                    report=report,
                    trigger_at=seg.start + trig.start,
                    armed_actor=armed,
                    has_place=any(seg.start <= (p.start or -1) < seg.end for p in seg_locs),
                    has_toll=facts["toll"],
                    has_date=facts["dated"],
                    modality=event.modality,
                    event_date=event.event_date,
                    dated_explicitly=facts["dated"],
                    published=doc.published_at,
                    located=event.location is not None,
                    earlier=told_as_earlier(normalise(sent.text).text),
                )
                if reason is not None:
                    dropped.append(Dropped(event, reason))
                    continue
                event = _remote_doer(event, drafts)
                anaphoric = trig.words in lex.anaphoric and bool(drafts)
                marks = ({"*"} if anaphoric else set()) | (
                    {"~"} if trig.words in lex.generic and trig.family.name in _TOLD_AGAIN else set()
                )
                drafts.append((event, trig.family.name, trig.family.subsumes | marks))
        recent.extend(seg_actors)
        seg_places = [p for p in seg_locs if seg.start <= (p.start or -1) < seg.end]
        if seg_places:  # the most precise place the segment names carries over ("جرابلس شمال حلب" → Jarablus)
            best = min(seg_places, key=lambda p: p.geo_precision)
            inside = last_place is not None and last_place.admin1 and last_place.admin1 == best.admin1
            if not (best.geo_precision >= 3 and inside and last_place.geo_precision < best.geo_precision):
                last_place = best  # a region named again does not replace the town the report is in
    events = _merge_within(drafts)
    return _orphan_tolls(doc, events, drafts, sents, sentence_contexts, report, lex), dropped


def _build(
    doc, seg, trig, choice, seg_actors, recent, kb, lex, cited, dates, sentence, country
) -> tuple[Event, dict]:
    t_abs = (seg.start + trig.start, seg.start + trig.end)
    roles = assign_roles(seg, trig, seg_actors, kb, lex, recent)
    doer = nationality_doer(seg, trig, lex, kb)
    if doer is not None and (roles.actor1 is None or roles.actor1.kb_id != doer.kb_id):
        # "غارات أمريكية على الحوثيين": the adjective names who struck; the actor first read as the doer is the target
        target = roles.actor2 or (
            roles.actor1 if roles.actor1 is not None and roles.actor1.start > doer.start else None
        )
        roles = dataclasses.replace(roles, actor1=doer, actor2=target)
    if roles.actor1 is None:
        # The doer named just before ("اقتحمت قوات الاحتلال البلدة، واعتقلت ..."): coders carry it over.
        carried = _carried_actor(recent, seg, sentence, kb)
        if carried is not None and (roles.actor2 is None or carried.kb_id != roles.actor2.kb_id):
            roles = dataclasses.replace(roles, actor1=carried)
    et, st = _sub_event(trig, seg, roles.actor1, roles.actor2, kb)
    if et == "Battles" and st == "Armed clash" and _one_sided(trig, roles, kb, seg, lex):
        et, st = "Violence against civilians", "Attack"
    place, precision = choice.place, choice.precision
    date_span, date, time_precision = choose_date(seg, dates, sentence, doc.published_at)
    part = doc.body[choice.lo : choice.hi]
    toll = find_toll(part, lex)
    toll_base = choice.lo
    if toll is None and (choice.lo, choice.hi) == (seg.start, seg.end):
        toll_base = seg.start
    mode, mode_ev = modality(seg, lex, doc.doc_id)
    # Sources cited in the segment, else earlier in the same sentence ("ذكرت شبكات محلية، أن ...").
    seg_sources = [m for m in cited if seg.start <= m.start < seg.end] or [
        m for m in cited if sentence[0] <= m.start < seg.start
    ]
    # Actors are named for the report's country: a strike in a village the gazetteer puts abroad is still Syria's.
    where = country or (place.country if place is not None else None)
    a1 = actor_ref(roles.actor1, kb, where, date)
    a2 = actor_ref(roles.actor2, kb, where, date)
    civilians_hit = bool(toll and toll.civilians) or bool(
        phrase_in(seg.norm.text, lex.civilian_words) and et == "Explosions/Remote violence"
    )
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
    ):
        # protesters killed: force was used on them (ACLED), whoever the sentence names
        st = "Excessive force against protesters"
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
        interaction=_interaction(a1, a2),
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
    return event, {"toll": toll is not None, "dated": date_span is not None}


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


_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _violent(e: Event) -> bool:
    return e.event_type in _VIOLENT


def _same_place(a: Event, b: Event) -> bool:
    if a.location is None or b.location is None:
        return True
    own_b = any(x.field == "location" for x in b.evidence)
    return not own_b or (a.location.geonameid or a.location.name_ar) == (
        b.location.geonameid or b.location.name_ar
    )


def _merge_within(drafts: list[tuple[Event, str, frozenset[str]]]) -> list[Event]:
    """Several segments of one report about one happening → one event.

    Either the same sub-event (the talks, then what they stipulate), or a later generic mention
    that an earlier, more specific event explains ("the battles" after "took the town", "the
    attack" after "a car bomb exploded") at the same place: it folds into that event.
    """
    out: list[tuple[Event, str, frozenset[str]]] = []
    for ev, fam, subsumes in drafts:
        if (
            "*" in subsumes
        ):  # "القصف" after a reported shelling: the same happening, unless it names a new place
            target = next(
                (
                    i
                    for i in range(len(out) - 1, -1, -1)
                    if _violent(out[i][0]) == _violent(ev)
                    and (_same_place(out[i][0], ev) or _near(out[i][0], ev))
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
                (i for i in range(len(out) - 1, -1, -1) if _violent(out[i][0]) and _near(out[i][0], ev)), None
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
        crowd = _crowd_at(out, ev)
        if crowd is not None:  # one demonstration per place and day: the gravest reading of it stands
            kept, kfam, ksub = out[crowd]
            if _SEVERITY[ev.sub_event_type] > _SEVERITY[kept.sub_event_type]:
                out[crowd] = (_merge_two(ev, kept, fold=True, own_roles=True), fam, subsumes)
            else:
                out[crowd] = (_merge_two(kept, ev, fold=True, own_roles=True), kfam, ksub)
            continue
        for i, (kept, kfam, ksub) in enumerate(out):
            if _compatible(kept, ev) or (fam in ksub and _same_place(kept, ev)):
                out[i] = (_merge_two(kept, ev, fold=fam != kfam), kfam, ksub)
                break
            if kfam in subsumes and _same_place(ev, kept):  # the specific one came second
                out[i] = (_merge_two(ev, kept, fold=True), fam, subsumes)
                break
        else:
            out.append((ev, fam, subsumes))
    return [e for e, _, _ in out]


#: families whose generic words ("قتل", "هجوم", "انفجار") often retell a happening the report tells in full
_TOLD_AGAIN = frozenset({"attack_civilians", "clash", "ied"})


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


#: how grave a demonstration was: one crowd at one place and day is coded once, at its gravest; a crowd that
#: rioted is a riot whatever force met it (ACLED), so riots outrank excessive force
_SEVERITY = {
    "Peaceful protest": 1,
    "Protest with intervention": 2,
    "Excessive force against protesters": 3,
    "Violent demonstration": 4,
    "Mob violence": 4,
}


def _same_day(a: Event, b: Event) -> bool:
    """The same day, or a day the other's week-precise date (no date in its sentence) may stand for."""
    if a.event_date is None or b.event_date is None or a.event_date == b.event_date:
        return True
    loose = max(a.time_precision, b.time_precision) >= 2
    return loose and abs((a.event_date - b.event_date).days) <= 7


def _crowd_at(out: list[tuple[Event, str, frozenset[str]]], ev: Event) -> int | None:
    """The demonstration already drafted at ``ev``'s place and day, if ``ev`` is one too."""
    if ev.sub_event_type not in _SEVERITY:
        return None
    for i, (kept, _, _) in enumerate(out):
        if kept.sub_event_type in _SEVERITY and _same_day(kept, ev) and _same_place(kept, ev):
            return i
    return None


def _named(a: ActorRef | None, b: ActorRef | None) -> ActorRef | None:
    """Of two readings of one role, the actor the text names over ACLED's default."""
    if a is None or (a.kb_id in DEFAULT_ACTORS and b is not None and b.kb_id not in DEFAULT_ACTORS):
        return b
    return a


def _merge_two(a: Event, b: Event, fold: bool = False, own_roles: bool = False) -> Event:
    """``a`` absorbs ``b``. With ``fold`` (b was a generic mention of a), a keeps its own type and roles."""
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
