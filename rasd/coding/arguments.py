"""An event's arguments: who acted (actor1), on whom (actor2), where, when.

Roles come from position and role words: Arabic puts the actor before the verb
(``أن التنظيم تقدم``) or after it (``أغلقت ميليشيا الحشد``); ``من قبل``/``على يد``/``من``
after the trigger mark the doer; ``ضد``/``على حساب``/``استهدف`` the target; ``بين X و Y``
both sides. ``الطرفان`` means the two actors last named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasd.coding.triggers import Trigger
from rasd.kb.actors.roles import RoleCues, bare, load_roles
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


#: letters a word is made of; anything else (quotes, brackets, tatweel, punctuation) parts words
_NON_WORD = re.compile(r"[^\w]+")
_NON_WORD_CHAR = re.compile(r"[^\w]")

#: a clitic left standing alone where a name was cut from it ("لـقسد" → "ل", "قسد")
_CLITICS = frozenset({"ل", "لل", "ب", "و", "ف", "وب", "ول", "فب", "فل", "وال", "ال"})


def _seg_words(seg: Segment, a: int, b: int) -> list[str]:
    """The normalised words of the body's ``[a, b)`` inside ``seg``, read from the segment's one normalisation."""
    a, b = max(a, seg.start), min(b, seg.end)
    if b <= a:
        return []
    i, j = seg.norm.span_indexes(a - seg.start, b - seg.start)
    return _blanked(seg.norm.text)[i:j].split()


@lru_cache(maxsize=256)
def _blanked(norm_text: str) -> str:
    """``norm_text`` with every character that is no letter or digit a space, one for one: a segment is blanked
    once for all the windows its rules read (a part of it, split, is the part blanked and split)."""
    return _NON_WORD_CHAR.sub(" ", norm_text)


def _before(text: str, pos: int, n: int = 16) -> str:
    """The words before ``pos``, without a proclitic left hanging from the mention (``نقطة لـقسد`` → ``نقطه``)."""
    return _words_of_window(text[max(0, pos - n) : pos])


@lru_cache(maxsize=4096)
def _words_of_window(window: str) -> str:
    """``_before``'s words of the text just before a name (the same few words stand before names again and
    again: read each window once)."""
    words = normalise(window).text.replace('"', " ").replace("ـ", " ").split()
    if words and words[-1] in ("ل", "لل", "ب", "و", "ف", "وب", "ول", "فب", "فل"):
        words = words[:-1]
    return " ".join(words)


def words_before(seg: Segment, pos: int, n: int = 8) -> list[str]:
    """Up to ``n`` words before body offset ``pos`` in ``seg``, without a clitic cut from the name at ``pos``."""
    words = _seg_words(seg, pos - 12 * n, pos)[-n - 1 :]
    if words and words[-1] in _CLITICS:
        words = words[:-1]
    return words[-n:]


def ends_with(words: list[str], phrases: frozenset[str], longest: int = 3) -> str | None:
    """The phrase of ``phrases`` that ``words`` end with, the longest first; a word may carry a clitic."""
    if not words:
        return None
    last = words[-1]
    if last not in _last_words(phrases):
        # most words end no phrase: only a one-word phrase behind a clitic (``وسيطرة``) may
        return last[1:] if len(last) > 2 and last[1:] in phrases else None
    for k in range(min(longest, len(words)), 0, -1):
        tail = words[-k:]
        for cand in (" ".join(tail), " ".join([tail[0][1:], *tail[1:]]) if len(tail[0]) > 2 else ""):
            if cand and cand in phrases:
                return cand
    return None


@lru_cache(maxsize=64)
def _last_words(phrases: frozenset[str]) -> frozenset[str]:
    """The words ``phrases`` end with (``ends_with`` asks for a set's last words once per process)."""
    return frozenset(p.rsplit(" ", 1)[-1] for p in phrases)


def _number(word: str) -> bool:
    """A count: digits, a number word (``ستة``) or a vague one (``عشرات``), read from the text layer's tables."""
    if word[:1].isdigit():
        return True
    from rasd.text.numbers import _tables

    tables = _tables()
    return word in tables.words or word in tables.vague


@lru_cache(maxsize=4)
def _cue_pattern(kind: str) -> re.Pattern:
    """Any cue word of ``kind`` inside a normalised text (a clitic may stand before it)."""
    cues = load_roles()
    if kind == "loss":
        words = cues.loss_nouns | cues.loss_verbs | cues.ranks | cues.loss_after
    else:
        words = cues.control_words | cues.holder_clauses
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _told(seg: Segment, kind: str) -> bool:
    """The segment holds a cue word of ``kind`` ("loss": a loss or the ranks; "hold": a holder's words)."""
    return _cue_pattern(kind).search(seg.norm.text) is not None


def lost_men(seg: Segment, m: Mention, cues: RoleCues) -> bool:
    """``m`` names the side that lost men: ``مقتل 30 عنصرا من حركة الشباب``، ``خسائر في صفوف قسد``، ``عناصر حزب
    الله سقطوا بين قتيل وجريح``، ``5 جنود من الجيش قتلوا``. Such an actor is the target, never the doer (ACLED)."""
    before = words_before(seg, m.start)
    if before and before[-1] in cues.ranks:
        return True
    counted = False
    k = len(before)
    while k > 0:
        w = before[k - 1]
        bare = w[1:] if len(w) > 3 and w[0] in "وفب" else w
        if w in cues.loss_nouns or bare in cues.loss_nouns:
            return True
        if (w in cues.loss_verbs or bare in cues.loss_verbs) and counted:
            return True
        if _number(w) or w in cues.loss_fillers or w in cues.unit_nouns:
            counted = counted or _number(w) or (w in cues.loss_fillers and w not in ("من", "في", "على"))
            k -= 1
            continue
        break
    after = _seg_words(seg, m.end, m.end + 40)[:4]
    # "عناصر حزب الله العراقي سقطوا": an adjective of the name may stand before the loss
    if _starts_with(after, cues.loss_after) or _starts_with(after[1:], cues.loss_after):
        return True
    return counted and _starts_with(after, cues.loss_after_counted)


def _starts_with(words: list[str], phrases: frozenset[str]) -> bool:
    return any(" ".join(words[:k]) in phrases for k in range(1, min(3, len(words)) + 1))


#: a name right after the preposition ل ("مواقع للحوثيين", "نقطة لـقسد"): it owns the thing named before it
_POSSESSED = re.compile(r"(?:^|[\s\"'(«“])[وف]?ل[\sـ\"'(«“]*$")


def _agent_of(seg: Segment, trig: Trigger, m: Mention, cues: RoleCues) -> bool:
    """``قصف مدفعي لقوات الدعم السريع``، ``غارات جوية لطيران النظام``: a trigger, its adjectives, then ``ل`` and the
    name of who did it (not after ``كمين``، ``استهداف``: there ``ل`` names the target)."""
    t_end = seg.start + trig.end
    if m.start <= t_end or m.start - t_end > 40 or not possessed(seg, m, cues):
        return False
    if any(w in cues.target_after_l or w[1:] in cues.target_after_l for w in trig.words):
        return False
    gap = _seg_words(seg, t_end, m.start)
    if gap and gap[-1] in _CLITICS:
        gap = gap[:-1]
    return all(bare(w) in cues.trigger_adjectives for w in gap)


def _marker_before_units(before: str, markers, cues: RoleCues) -> str | None:
    """The role word that ends ``before`` once the unit nouns at its end are set aside (``من قبل عناصر`` →
    ``من قبل``), or None when no unit noun stands there or no role word is left before them."""
    words = before.split()
    cut = 0
    while words[: len(words) - cut]:
        rest = words[: len(words) - cut]
        if len(rest) >= 2 and " ".join(rest[-2:]) in cues.unit_nouns:
            cut += 2
        elif rest[-1] in cues.unit_nouns:
            cut += 1
        else:
            break
    if not cut or cut >= len(words):
        return None
    head = " ".join(words[: len(words) - cut])
    return max((w for w in markers if head.endswith(w)), key=len, default=None)


def _ls_noun_before(before: str) -> bool:
    """``… لدورية من``: the word before a closing ``من`` carries the preposition ``ل`` (for whom or what)."""
    words = before.split()
    return len(words) >= 2 and words[-1] == "من" and words[-2].startswith("ل") and len(words[-2]) > 3


def _launched_by(seg: Segment, trig: Trigger, m: Mention, cues: RoleCues) -> bool:
    """``لهجوم واسع شنه مسلحو التنظيم``، ``غارة نفذتها طائرات مجهولة``: the trigger, up to three words of its
    adjectives, a verb that launched it (the trigger its object pronoun), unit nouns, then who launched it."""
    t_end = seg.start + trig.end
    if m.start <= t_end or m.start - t_end > 60:
        return False
    gap = _seg_words(seg, t_end, m.start)
    if gap and gap[-1] in _CLITICS:
        gap = gap[:-1]
    # the trigger's adjectives, whatever their case ("هجوما واسعا"): up to three words
    k = next((i for i, w in enumerate(gap[:4]) if w in cues.launch_verbs), None)
    if k is None:
        return False
    return _only_units(gap[k + 1 :], cues)


@lru_cache(maxsize=2)
def _force_noun_pattern(kind: str) -> re.Pattern:
    cues = load_roles()
    words = cues.fallen_soldiers | cues.fallen_police
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![\w])[وبل]?({alt})(?![\w])")


def _fallen_force(seg: Segment, cues: RoleCues, lex: Lexicon, kb) -> Mention | None:
    """``قتل جنديان``، ``إصابة ثلاثة شرطيين``، ``مقتل جندي تركي``: men of a state's forces named by what they are,
    after a loss word, are the target: the country's army or police, or the state a nationality after them names.
    A mention made for them (span: the noun), for ``actor_ref`` to name in the report's country."""
    text = seg.norm.text
    if not _told(seg, "loss"):
        return None
    for hit in _force_noun_pattern("force").finditer(text):
        before = _NON_WORD.sub(" ", text[max(0, hit.start() - 60) : hit.start()]).split()[-5:]
        k = len(before)
        while k > 0 and (_number(before[k - 1]) or before[k - 1] in cues.loss_fillers):
            k -= 1
        word = before[k - 1] if k > 0 else ""
        bare_word = word[1:] if len(word) > 3 and word[0] in "وفب" else word
        if not ({word, bare_word} & (cues.loss_nouns | cues.loss_verbs)):
            continue
        noun = hit.group(1)
        actor_id = "state-police" if noun in cues.fallen_police else "state-military"
        after = _NON_WORD.sub(" ", text[hit.end() : hit.end() + 20]).split()[:1]
        if after:
            adj = after[0]
            for form in (adj, adj[:-2] if adj.endswith(("ين", "ون", "ان")) else adj, adj[:-1] + "ي"):
                if form in lex.nationality_doers:
                    actor_id = lex.nationality_doers[form]
                    break
        if actor_id not in kb:
            return None
        a, b = seg.norm.to_original(hit.start(1), hit.end(1))
        return Mention("actor", seg.start + a, seg.start + b, seg.text[a:b], noun, actor_id, 0.7)
    return None


def _struck_thing_of(seg: Segment, m: Mention, cues: RoleCues) -> bool:
    """``مخازن أسلحة للحوثيين``، ``كمينا للقوات المالية``، ``تجمع لعناصر من الحشد``، ``قاعدة للجيش``: ``m`` owns a
    post or thing, or its men gathered, where the blow fell."""
    before = words_before(seg, m.start, 5)
    while before and (before[-1] in ("من", "في") or _unit(before[-1], cues)):
        before = before[:-1]
    if not before:
        return False
    last = bare(before[-1][1:] if before[-1][:1] in "لب" and len(before[-1]) > 3 else before[-1])
    head = last in cues.target_nouns or last in cues.posts
    if head:
        return True
    if not possessed(seg, m, cues):
        return False
    return any(bare(w) in cues.target_nouns or bare(w) in cues.unnamed_heads for w in before[-2:])


def _member_of(seg: Segment, m: Mention, cues: RoleCues) -> bool:
    """``أحدهما من ناشطي حركة حماس``، ``قيادي في حزب الله``: ``m`` is the movement someone belongs to."""
    before = words_before(seg, m.start, 2)
    if before and before[-1] in ("في", "ب", "من"):
        before = before[:-1]
    return bool(before) and bare(before[-1]) in cues.member_nouns


def _unit(word: str, cues: RoleCues) -> bool:
    """A unit noun, bare or with the preposition ل or ب (``لعناصر``)."""
    return word in cues.unit_nouns or (word[:1] in "لب" and word[1:] in cues.unit_nouns)


def possessed(seg: Segment, m: Mention, cues: RoleCues) -> bool:
    """``مخازن أسلحة للحوثيين``: the name owns what was struck, so it is the target's side, not the doer. After an
    owner word (``طائرات تابعة لروسيا``) it names the force that struck (see ``rasd.coding.actors.patron``)."""
    if not _POSSESSED.search(seg.text[max(0, m.start - seg.start - 4) : m.start - seg.start]):
        return False
    before = words_before(seg, m.start, 1)
    return not (before and bare(before[-1]) in cues.owner_words)


def holds_place(seg: Segment, m: Mention, cues: RoleCues) -> bool:
    """``الخاضعة لسيطرة X``، ``التي تسيطر عليها X``: X holds the place where it happened, and did not do it."""
    words = words_before(seg, m.start, 4)
    return (
        ends_with(words, cues.control_words) is not None or ends_with(words, cues.holder_clauses) is not None
    )


def _subject_gap(seg: Segment, a: int, b: int, cues: RoleCues) -> bool:
    """Between a verb at ``a`` and a name at ``b`` stand only unit nouns (``نهبت عناصر بوكو حرام``): the name is
    the verb's subject, as Arabic puts it after the verb."""
    gap = _seg_words(seg, a, b)
    if gap and gap[-1] in _CLITICS:
        gap = gap[:-1]
    return _only_units(gap, cues)


def _only_units(words: list[str], cues: RoleCues) -> bool:
    """Every word is part of a unit noun (``عناصر``، ``مسلحو``، two-word ones such as ``قوات من``): nothing
    stands between a verb and the name it governs."""
    k = 0
    while k < len(words):
        if " ".join(words[k : k + 2]) in cues.unit_nouns:
            k += 2
        elif words[k] in cues.unit_nouns:
            k += 1
        else:
            return False
    return True


def assign_roles(
    seg: Segment, trig: Trigger, actors: list[Mention], kb, lex: Lexicon, recent: list[Mention]
) -> Roles:
    """actor1/actor2 for a trigger among the segment's actor mentions (spans absolute in the body).

    Who did what to whom, as an ACLED coder reads the clause: the subject of the trigger (before the verb, or
    right after it with only unit nouns between: ``نهبت عناصر بوكو حرام``), the doer a role word marks (``من
    قبل``، ``على يد``), the target a role word marks (``ضد``، ``استهدفت X`` after someone), both sides of
    ``بين X و Y`` in that order. An actor whose men were killed (``مقتل عناصر من X``) is the target, and one that
    only holds the place (``الخاضعة لسيطرة X``) is no doer.
    """
    cues = load_roles()
    t_abs = seg.start + trig.start
    body_rel = seg.text
    distinct: list[Mention] = []
    for m in actors:
        if all(d.kb_id != m.kb_id for d in distinct):
            distinct.append(m)

    def inter(m: Mention) -> int | None:
        return kb.get(m.kb_id).inter if m.kb_id in kb else None

    # "اندلعت اشتباكات بين الطرفين": the two sides named last, before the trigger
    both = any(w in seg.norm.text.split() for w in lex.both_parties)
    told_after = _seg_words(seg, seg.start + trig.end, seg.start + trig.end + 40)[:4] if both else []
    both_after = any(w in lex.both_parties for w in told_after)
    if both and (len(distinct) < 2 or both_after):
        named = [m for m in actors if m.start < seg.start + trig.start]
        parties = _last_parties([*recent, *named] if both_after else recent, inter)
        if len(parties) == 2 and trig.family.name != "agreement":
            # "اندلعت اشتباكات بين الطرفين": the two sides last named, the first named (who struck first) first
            return Roles(parties[0], parties[1], ())
        if len(parties) == 2:
            distinct = parties

    if trig.family.name == "agreement":
        parties = [m for m in distinct if inter(m) != 7] or distinct
        return Roles(
            parties[0] if parties else None, parties[1] if len(parties) > 1 else None, tuple(parties[2:])
        )

    actor1 = actor2 = None
    t_end = seg.start + trig.end
    occurrences = sorted(actors, key=lambda m: m.start)
    # most segments tell no losses and name no holder: look for the cue words once before reading each name
    losers = {id(m) for m in occurrences if lost_men(seg, m, cues)} if _told(seg, "loss") else set()
    holders = {id(m) for m in occurrences if holds_place(seg, m, cues)} if _told(seg, "hold") else set()

    def may_act(m: Mention) -> bool:
        return inter(m) != 7 and id(m) not in losers and id(m) not in holders

    # someone named before the trigger in its clause: a name after the verb is then its object, not its subject
    subject_before = any(
        m.start < t_abs and is_armed_id(m, kb) and may_act(m) and not _reports(seg, m, t_abs, cues)
        for m in occurrences
    )
    # A verbal noun followed at once by an actor ("سيطرة التنظيم", "قصف التحالف"): that actor is the doer,
    # or, for arrests and abductions ("اعتقال ناشط"), the target. So is a verb's subject after it.
    targets_after_l = any(w in cues.target_after_l or w[1:] in cues.target_after_l for w in trig.words)
    following = next(
        (
            m
            for m in occurrences
            if m.start >= t_end
            and (
                (m.start - t_end <= 3 and not (targets_after_l and possessed(seg, m, cues)))
                or (not subject_before and _subject_gap(seg, t_end, m.start, cues))
                or _agent_of(seg, trig, m, cues)
                or _launched_by(seg, trig, m, cues)
            )
        ),
        None,
    )
    if following is not None:
        if trig.words in trig.family.object_follows:
            actor2 = following
        elif may_act(following):
            actor1 = following
    for m in occurrences:  # every occurrence: a role word may stand before any of them
        if actor1 is not None and m.kb_id == actor1.kb_id or actor2 is not None and m.kb_id == actor2.kb_id:
            continue
        before = _before(body_rel, m.start - seg.start)
        # most names follow no role word: ``endswith`` asks of all of them at once, in C, before finding which
        marked2 = (
            next((w for w in lex.actor2_markers if before.endswith(w)), None)
            if before.endswith(lex.actor2_markers)
            else None
        )
        if marked2 in cues.unit_nouns and m.start < t_abs:
            marked2 = None  # "عناصر من داعش اختطفوا": the men named before the verb did it
        if marked2 is not None and _subject_marker(marked2, m, seg, occurrences, cues, may_act):
            marked2 = (
                None  # "استهدف التنظيم بالقذائف مواقع X": no one before the verb, its next name is the doer
            )
            if actor1 is None and may_act(m):
                actor1 = m
                continue
        # the longer role word wins: "عناصر من X" marks a target, where "من X" alone marks a doer
        marked1 = (
            max((w for w in lex.actor1_markers if before.endswith(w)), key=len, default=None)
            if before.endswith(lex.actor1_markers)
            else None
        )
        if marked1 is None and marked2 is not None:
            # "من قبل عناصر X", "على يد مسلحي X": a doer's role word, then the men of X, marks X as the doer
            marked1 = _marker_before_units(
                _before(body_rel, m.start - seg.start, 40), lex.actor1_markers, cues
            )
            if marked1 is not None:
                marked2 = None
        if marked1 is not None and marked2 is not None and len(marked2) > len(marked1):
            marked1 = None
        if marked1 == "من" and targets_after_l and m.start > t_abs and _ls_noun_before(before):
            # "كميناً لدورية من الجيش": the ambush was laid for the army's patrol, the army is its target
            marked1, marked2 = None, "من"
        if m.start > t_abs and actor1 is None and may_act(m) and marked1 is not None:
            actor1 = m
        elif actor2 is None and marked2 is not None:
            actor2 = m
        elif actor1 is None and before.endswith("بين") and may_act(m):
            actor1 = m
    if actor1 is None:
        prior = [
            m
            for m in occurrences
            if m.start < t_abs and may_act(m) and (actor2 is None or m.kb_id != actor2.kb_id)
        ]
        after = [
            m
            for m in occurrences
            if m.start >= t_abs
            and may_act(m)
            and not possessed(seg, m, cues)
            and not _struck_thing_of(seg, m, cues)
            and not _member_of(seg, m, cues)
            and (actor2 is None or m.kb_id != actor2.kb_id)
        ]
        actor1 = prior[-1] if prior else after[0] if after else None
    if actor2 is None:
        against = [m for m in occurrences if m.start > t_abs and (actor1 is None or m.kb_id != actor1.kb_id)]
        actor2 = next((m for m in against if _opponent(seg, m, cues)), None)
    if actor2 is None:
        # "كمينا للقوات المالية", "مخازن للحوثيين": the owner of what was struck was struck
        owned = [
            m for m in occurrences if m.start > t_abs and _struck_thing_of(seg, m, cues) and m is not actor1
        ]
        actor2 = next((m for m in owned if actor1 is None or m.kb_id != actor1.kb_id), None)
    if actor2 is None:
        lost = [m for m in occurrences if id(m) in losers and (actor1 is None or m.kb_id != actor1.kb_id)]
        if lost:
            actor2 = lost[0]  # the side that lost men was the one struck
    if actor2 is None:
        fallen = _fallen_force(seg, cues, lex, kb)
        if fallen is not None and (actor1 is None or fallen.kb_id != actor1.kb_id):
            actor2 = fallen
    if actor2 is None and trig.family.default_target:
        others = [
            m for m in occurrences if (actor1 is None or m.kb_id != actor1.kb_id) and not ally(seg, m, cues)
        ]
        later = [m for m in others if m.start > t_abs]
        actor2 = later[0] if later else others[-1] if others else None
    taken = {m.kb_id for m in (actor1, actor2) if m is not None}
    assoc = tuple(m for m in distinct if m.kb_id not in taken)
    return Roles(actor1, actor2, assoc)


def ally(seg: Segment, m: Mention, cues: RoleCues) -> bool:
    """``بالتنسيق مع X``، ``بمساعدة طائرات X``، ``بدعم من X``: X fought beside the doer."""
    before = words_before(seg, m.start, 5)
    while before and before[-1] in cues.unit_nouns:
        before = before[:-1]
    if ends_with(before, cues.ally_markers) is not None:
        return True
    return (
        len(before) > 1
        and before[-1] in cues.opponent_words
        and (before[-2] in cues.ally_words or bare(before[-2]) in cues.ally_words)
    )


def _opponent(seg: Segment, m: Mention, cues: RoleCues) -> bool:
    """``اشتباكات مع X``: X fought the doer; not ``بالتنسيق مع X`` (X fought beside it)."""
    before = words_before(seg, m.start, 2)
    return bool(before) and before[-1] in cues.opponent_words and not ally(seg, m, cues)


def _reports(seg: Segment, m: Mention, t_abs: int, cues: RoleCues) -> bool:
    """``أعلن الجيش في بيان أن ... نهبت عناصر بوكو حرام``: ``m`` is the subject of the clause that reports the
    happening (a complementiser stands between it and the trigger), not of the trigger's own clause."""
    return any(w in cues.complementisers for w in _seg_words(seg, m.end, t_abs))


def is_armed_id(m: Mention, kb) -> bool:
    """An armed actor (state forces, rebels, militias, external forces): one that can be a verb's subject."""
    return m.kb_id in kb and kb.get(m.kb_id).inter in (1, 2, 3, 4, 8)


#: punctuation that ends a clause
_STOPS = frozenset("،,.:؛;!؟?\"'»”)-–")


def _subject_marker(marker, m, seg: Segment, occurrences, cues: RoleCues, may_act) -> bool:
    """A target verb (``استهدفت``) right before ``m`` with no armed actor named before that verb: ``m`` is the
    verb's subject (``استهدفت فصائل المعارضة بصاروخ راجمة للنظام``), not its object."""
    if marker not in cues.target_verbs:
        return False
    if any(o.start < m.start and o is not m and may_act(o) for o in occurrences):
        return False
    # the verb opens its clause (after a stop, a comma or a particle): a noun before it ("القصف استهدف X") is
    # its subject, and X its object
    raw = seg.text[: m.start - seg.start].rstrip(" ـ\"'«“(")
    raw = raw[: len(raw) - len(raw.split()[-1])].rstrip() if raw.split() else ""
    if not raw or raw[-1] in _STOPS:
        return True
    before = words_before(seg, seg.start + len(raw), 1)
    return not before or before[-1] in cues.clause_openers


def _last_parties(recent: list[Mention], inter) -> list[Mention]:
    """The two armed actors named last (``الطرفان``), in the order the report first named them."""
    out: list[Mention] = []
    for m in reversed(recent):
        if inter(m) in (1, 2, 3, 4, 8) and all(o.kb_id != m.kb_id for o in out):
            out.append(m)
            if len(out) == 2:
                break
    return out[::-1]


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
    # the trigger's clause bounds the segment's own places: with none to split over, no need to split it
    clause = next((c for c in clauses(seg.text) if c.start <= trig.start < c.end), None) if places else None
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


def _landmark(p: Place) -> bool:
    """A square, a street or a compound the gazetteer lacks (``ساحة الورود``): it says where in a town a happening
    was, never a happening of its own beside the town (the quarters of one city on one day are one event)."""
    from rasd.geo.placeness import placeness

    return p.decision == "unknown-at-parent" and p.cue in placeness().landmark


def _landmark_in(doc_text: str, town: Place, places: list[Place], lo: int, lex: Lexicon) -> Place | None:
    """The landmark named right before ``town`` and put in it (``في شارع X في مدينة Y``): the town's place in a
    list of places, said more precisely."""
    from rasd.geo.specific import refines

    for p in places:
        if lo <= (p.start or -1) < (town.start or 0) and _landmark(p) and refines(p, town):
            gap = " ".join(normalise(doc_text[p.end or 0 : town.start or 0]).text.replace('"', " ").split())
            if gap in lex.container_links or container_gap(gap):
                return p
    return None


def _own_place(p: Place) -> bool:
    """A place an event of a list can be at: a known town (precision 1), or a village the gazetteer lacks that a
    settlement cue names (``قريتي X وY``) — ACLED codes each village of a list, even one located at its parent."""
    if p.is_feature or _landmark(p):
        return False
    return p.geo_precision == 1 or (p.decision == "unknown-at-parent" and p.geo_precision == 2)


#: a first-level unit joined to a list by its cue (normalised): "في مدينتي X وY وولاية Z"
_LISTED_REGION_CUES = frozenset({"ولايه", "محافظه", "اقليم"})


def _listed_region(doc_text: str, p: Place, words_before) -> bool:
    """A governorate or state that a list of places ends with (``في مدينتي كسلا والقضارف وولاية سنار``):
    a place of its own in the list, coded at the region (ACLED precision 3), as the towns before it are. Only one
    that ``و`` and a region cue join to the list; a region that merely holds the towns (``في ولاية X``) is no item."""
    if p.feature_code != "ADM1" or p.start is None:
        return False
    before = words_before(doc_text, p.start, 2)
    if before and before[-1] in {"و" + c for c in _LISTED_REGION_CUES}:
        return True
    written = normalise(p.name_as_written or "").text.split()
    return before[-1:] == ["و"] and bool(written) and written[0] in _LISTED_REGION_CUES


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
    # what a capital is called ("في العاصمة المؤقتة عدن"، "العاصمة الإدارية المؤقتة"): still the city that holds X
    "المؤقته",
    "الاداريه",
    "الاقتصاديه",
    "السياسيه",
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


#: Event families whose people are taken from a place (arrests, abductions): the place after "من" is the event's.
_TAKEN_FROM = frozenset({"arrests", "abduction"})


#: Words that make the next place a point of reference for the one before (normalised): "قرب منطقة Z".
_NEAR_REFERENCE = frozenset({"قرب", "بالقرب", "مقربه", "بمحاذاه", "جوار", "بجوار"})


def _near_reference(before: list[str]) -> bool:
    """The words before a place, settlement cues aside, end in "near" (``قرب``، ``بالقرب من``)."""
    from rasd.geo.placeness import placeness

    words = [w for w in before if w not in placeness().settlement and re.search(r"[\u0621-\u064A]", w)]
    if words[-1:] == ["من"]:
        words = words[:-1]
    return bool(words) and words[-1] in _NEAR_REFERENCE


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
    from rasd.geo.origin import continues_list, from_origin, home_town, words_before
    from rasd.geo.specific import refines
    from rasd.text.sentences import clauses

    # "شاباً ينحدر من مدينة X": a person's home town is no place of what was done to them while the report names
    # another (in the segment, the sentence, or the place it was talking about)
    def _home(p: Place) -> bool:
        return p.start is not None and home_town(words_before(doc_text, p.start, 5))

    away = [p for p in places if not _home(p)], [p for p in sentence_places if not _home(p)]
    if any(away) or last is not None:
        places, sentence_places = away
    # the trigger's clause bounds the segment's own places: with none to split over, no need to split it
    clause = next((c for c in clauses(seg.text) if c.start <= trig.start < c.end), None) if places else None
    from_pos = seg.start + (clause.start if clause else 0)
    own = sorted(
        (
            p
            for p in places
            if from_pos <= (p.start or -1) < seg.end
            and (
                _own_place(p)
                or (p.decision == "unknown-at-parent" and not p.is_feature and not _landmark(p))
                or _listed_region(doc_text, p, words_before)
            )
        ),
        key=lambda p: p.start or 0,
    )
    split: list[Place] = []
    between = origin = False
    # the last name that a cue word put inside the one before it ("حي X بمديرية Y"): the next name may contain it
    # in turn ("... في العاصمة Z"), the whole chain being the first name's place
    inner: Place | None = None
    # people taken "from" a town ("اعتقلت شابين من بلدتي X وY") were taken there: "من" is no origin of the fire
    markers = lex.origin_markers - {"من"} if trig.family.name in _TAKEN_FROM else lex.origin_markers
    for p in own:
        before = words_before(doc_text, p.start or 0, 5)
        # "من مواقعها في X"، "المتمركزة في بلدتي X وY": where the fire came from, the whole list of it
        origin = from_origin(before, markers) or (origin and continues_list(before))
        if origin:
            continue
        if any(w in _UNITS for w in before[-4:]):  # "(34 كلم غربي مدينة منبج)": a point of reference
            continue
        if split and _near_reference(before):  # "من بلدة X شرق Y، قرب منطقة Z": Z only says where X is
            continue
        if _after_between(before) or (between and before[-1:] == ["و"]):
            between = True  # "بين مدينتي الرقة ودير الزور": a line between two places, not two events
            continue
        between = False
        if split:
            contained = False
            for prev in (split[-1], inner):
                if prev is None:
                    continue
                gap = " ".join(
                    normalise(doc_text[prev.end or 0 : p.start or 0]).text.replace('"', " ").split()
                )
                contained = gap in lex.container_links or container_gap(gap)
                if contained:
                    # a name joined by punctuation alone ("طريق العريش- الشيخ زويد") is no link of a chain
                    inner = p if re.search(r"[\u0621-\u064A]", gap) else None
                    break
            if contained:
                continue
        inner = None
        if all(_key(q) != _key(p) for q in split):
            split.append(p)
    if len(split) >= 2:
        split = [_landmark_in(doc_text, p, places, from_pos, lex) or p for p in split]
        out = []
        for k, p in enumerate(split):
            lo = seg.start if k == 0 else (split[k - 1].end or seg.start)
            hi = split[k + 1].start if k + 1 < len(split) else seg.end
            own_precision = (
                p.geo_precision if p.decision == "unknown-at-parent" or p.feature_code == "ADM1" else 1
            )
            out.append(PlaceChoice(p, own_precision, lo, hi or seg.end))
        return out
    place, precision = choose_place(seg, trig, places, sentence_places, last)
    if len(split) == 1 and refines(split[0], place):
        # "خطف ... من قرية الدوير في ريف البلدة": the clause's village, not the town it is put at
        return [PlaceChoice(split[0], split[0].geo_precision, seg.start, seg.end)]
    if not split or (len(split) == 1 and _key(split[0]) == _key(place) if place else False):
        # "... من قرية X بريف Y الشرقي، قتلا ...": the segment's one village kept at the chosen town, even before
        # the trigger's clause, says where in the town's countryside; "في ساحة X في مدينة Y": the square in Y
        villages = {
            _key(p): p
            for p in places
            if seg.start <= (p.start or -1) < seg.end
            and not p.is_feature
            and refines(p, place)
            and (not split or _landmark(p))
        }
        if len(villages) == 1:
            [village] = villages.values()
            return [PlaceChoice(village, village.geo_precision, seg.start, seg.end)]
    return [PlaceChoice(place, precision, seg.start, seg.end)]


def headline_place(headline: Sequence[Place]) -> Place | None:
    """The place the headline puts its news at, for the events the body gives no place: its first place, when
    the others only say where that one is (``بلدة X بريف Y``: X, Y containing it); none when it names places
    apart (``في X وY``, two governorates), since an event with no place of its own could be at either.

    Example: ``قصف على بلدة X بريف حماة`` → X; ``مظاهرات في درعا والسويداء`` → None.
    """
    named = [p for p in headline if not p.is_feature]
    if not named:
        return None
    first = named[0]
    if any(
        p.country != first.country or (p.admin1 and first.admin1 and p.admin1 != first.admin1) for p in named
    ):
        return None
    return first


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
