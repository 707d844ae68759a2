"""Is a real happening reported here? Report- and sentence-level decisions, each with its reason.

War words are everywhere in Arabic news: a striker's ``هجوم كاسح``, a gas cylinder's ``انفجار``, a verdict on old
car bombs, an anniversary of a massacre, a statement that warns of ``التصعيد``, a list of related links at the end
of a page. rasd decides, for each sentence, which kinds of non-event context it belongs to (cue words are data in
``events.yaml``), and for the report whether its title sets one for the whole text; an event drafted in such a
context is dropped, and the reason is kept (``rasd.coding.api.explain_events`` returns the dropped drafts with it).

Example: ``"فاز المنتخب بهدفين بعد هجوم كاسح"`` → the sentence's context is ``sports``: no event.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from rasd.coding.triggers import phrase_in
from rasd.kb.lexicon import Context, Lexicon
from rasd.text import normalise
from rasd.text.alternation import alternation
from rasd.text.normalise import normalised_text
from rasd.text.screen import first_possible


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What the report as a whole is: the strong context of its title, and where related links begin."""

    kind: str | None
    cut: int | None  # body offset after which nothing is read for events
    spare: frozenset[str] = (
        frozenset()
    )  # families the report's kind does not silence (protests on an anniversary)


def contexts_in(norm_text: str, lex: Lexicon) -> tuple[Context, ...]:
    """Every non-event context whose cue stands in ``norm_text`` (one scan for all contexts)."""
    pattern, owner, cues, recap_guard, guards, guards_after, ambiguous = _context_rules(lex)
    since = "منذ" in norm_text and _since_a_date(
        norm_text, recap_guard
    )  # "منذ أغسطس الماضي"، "منذ تمرده في 2009"
    at = first_possible(norm_text, cues)
    if at is None:
        return tuple(c for c in lex.contexts if c.name == "recap") if since else ()
    found: set[str] = set()
    doubtful: dict[str, set[str]] = {}  # context → its ambiguous cues seen
    # no cue starts before ``at``, and at most two letters of clitics ("وب", "ال") come before one
    for m in pattern.finditer(norm_text, max(0, at - 2)):
        cue = m.group("p")
        name = owner[cue]
        guard = guards.get(name)
        if guard and set(norm_text[max(0, m.start() - 40) : m.start()].split()[-4:]) & guard:
            continue  # "الأعنف منذ سنوات": a superlative, not a span of time recalled
        after = guards_after.get(name)
        if after and set(re.findall(r"\w+", norm_text[m.end() : m.end() + 30])[:2]) & after:
            continue  # "ذكرى المولد النبوي": a feast kept, not a happening of war recalled
        if cue in ambiguous.get(name, ()):
            doubtful.setdefault(name, set()).add(cue.removeprefix("ال"))  # "نادي … النادي" is one cue
        else:
            found.add(name)
    found |= {name for name, seen in doubtful.items() if len(seen) >= 2}
    if since:
        found.add("recap")  # a span since a dated start
    return tuple(c for c in lex.contexts if c.name in found)


@lru_cache(maxsize=4)
def _context_rules(lex: Lexicon) -> tuple:
    """``contexts_in``'s pattern and tables, once per lexicon (hashed by identity: hashing its contexts for a
    lookup cost as much as building them)."""
    contexts = lex.contexts
    pattern, owner, cues = _context_pattern(contexts)
    recap_guard = next((c.unless_after for c in contexts if c.name == "recap"), frozenset())
    guards = {c.name: c.unless_after for c in contexts if c.unless_after}
    guards_after = {c.name: c.unless_before for c in contexts if c.unless_before}
    ambiguous = {c.name: c.ambiguous for c in contexts if c.ambiguous}
    return pattern, owner, cues, recap_guard, guards, guards_after, ambiguous


@lru_cache(maxsize=1)
def _since_pattern() -> re.Pattern:
    """ "منذ" and, within three words, a month's name or a year: a span of time recalled, whatever the words."""
    from rasd.text.dates import _tables

    months = alternation(_tables().months)  # a trie: the same names, longest first
    return re.compile(rf"(?<!\w)و?منذ(?:\s+\S+){{0,4}}?\s+(?:(?:{months})(?!\w)|(?:19|20)\d\d(?!\d))")


def _since_a_date(norm_text: str, guard: frozenset[str]) -> bool:
    """A span since a dated start, unless a superlative measures the news against it ("الأعنف منذ 2015")."""
    for m in _since_pattern().finditer(norm_text):
        if not set(norm_text[max(0, m.start() - 40) : m.start()].split()[-4:]) & guard:
            return True
    return False


@lru_cache(maxsize=4)
def _context_pattern(contexts: tuple[Context, ...]) -> tuple[re.Pattern, dict[str, str], frozenset[str]]:
    owner: dict[str, str] = {}
    for c in contexts:
        for cue in c.cues:
            owner.setdefault(cue, c.name)
    alt = alternation(owner)  # a trie: the same cues, longest first, each letter tried once per position
    return re.compile(rf"(?<!\w)(?:[وفبلك]{{0,2}}|ال)?(?P<p>{alt})(?!\w)"), owner, frozenset(owner)


def report_context(body: str, sentences, lex: Lexicon, body_norm=None, title: str = "") -> ReportContext:
    """The title's strong context, if any, and the start of a related-links block (``body_norm``: the body's
    ``Normalised``, when the caller has it; ``title``: the document's title when ingest took it off the body)."""
    kind, spare = None, frozenset()
    if sentences or title:
        # the title and the lead, past page debris ("[ad_1]", an outlet's name, a dateline, "نشر في ...")
        lead = list(islice((s for s in sentences if _wordy(s.text)), 2))  # read no further than the second
        first = normalised_text(" ".join([title[:300], *(s.text for s in (*sentences[:2], *lead))])[:900])
        strong = [
            c
            for c in contexts_in(first, lex)
            if (c.strong or c.name in _TITLE_KINDS) and not c.cut_after and c.name not in _SENTENCE_ONLY
        ]
        if strong:
            kind, spare = strong[0].name, strong[0].spare
    # the sentence holding the first cue of a related-links block: one search of the whole body (sentences end at
    # punctuation or a line break, so a cue found in the body is a cue found in its sentence)
    cut = None
    cues = _link_cues(lex)
    norm = body_norm if body_norm is not None else normalise(body)
    hit = phrase_in(norm.text, cues)
    if hit is not None:
        at = norm.to_original(hit[1], hit[1] + 1)[0]
        starts = [s.start for s in sentences]
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < sentences[i].end:
            cut = sentences[i].start
    return ReportContext(kind, cut, spare)


@lru_cache(maxsize=4)
def _link_cues(lex: Lexicon) -> frozenset[str]:
    """The cues of a related-links block, once per lexicon (hashed by identity)."""
    return frozenset().union(*(c.cues for c in lex.contexts if c.cut_after))


def _wordy(text: str) -> bool:
    """A line of prose, not page debris: six words of three letters or more (a dateline's "الأحد 7 مارس 2021
    09:15 صـ 23 رجب 1442 هـ" has ten tokens but only three such words)."""
    n = 0
    for w in text.split():  # counted only up to the sixth: a long sentence is prose well before its end
        if len(w) >= 3 and (w.isalpha() or sum(c.isalpha() for c in w) >= 3):
            n += 1
            if n == 6:
                return True
    return False


def drop_reason(
    *,
    family: str,
    sentence_contexts: tuple[Context, ...],
    report: ReportContext,
    trigger_at: int,
    armed_actor: bool,
    has_place: bool,
    has_toll: bool,
    modality: str,
    event_date: dt.date | None,
    dated_explicitly: bool,
    published: dt.datetime | None,
    located: bool,
    earlier: bool,
    lex: Lexicon,
    bare_late: bool = False,
    news_told: bool = False,
    news_date: dt.date | None = None,
    day_precise: bool = False,
    attempted: bool = False,
    motive: bool = False,
    provoked: bool = False,
    speakers: bool = False,
    deaths: bool = False,
    habitual: bool = False,
    recalled_again: bool = False,
    pluperfect: bool = False,
    month_only: bool = False,
) -> str | None:
    """Why a drafted event is no event, or None when it stands.

    Args:
        family: the trigger's family (protests survive an anniversary or a statement: they are the happening).
        sentence_contexts: the non-event contexts of the trigger's sentence.
        report: the report's own context.
        armed_actor: an armed actor (state, rebel, militia, external) is named in the trigger's segment.
        has_place, has_toll: the segment names a place of its own, a toll.
        dated_explicitly: the segment or its sentence gives a date expression.
        earlier: the sentence recalls an earlier happening in the pluperfect (``told_as_earlier``).
        news_told: the report has already told a happening (a recalled one after it is background).
        news_date: the date of the first happening the report told: one dated explicitly more than
            ``lex.recalled_days`` before it to the day (``day_precise``), told after it, is a reminder; a month
            recalled ("أواخر تشرين الأول الفائت") may still be the span the news belongs to.
        attempted: an attempt word governs the trigger of a family that names an outcome (a change of hands,
            a deal): the attempt is not the outcome.
        deaths: the draft has a death toll (in a drill or a match report, only the dead make war words real).
        speakers: the trigger names protesters as the speakers of a reporting verb (``وقال محتجون``).
        motive: the trigger is the object of opposition or solidarity (``lex.motive_before``).
        provoked: the trigger is what a reprisal answers (``lex.response_before``: ``ردا على اغتيال قائدها``).
        habitual: an imperfect verb of a state governs the trigger (``lex.habitual_verbs``): what a place lives
            through from time to time, news only when a date says when.
        pluperfect: the sentence opens with ``كان``/``وكانت`` (with or without ``قد``): told after the news and dated
            before it, what it tells is a reminder.
        month_only: the segment dates the happening only to a month (``في شباط 2023``): with dead counted, a
            tally over the month (a monitor's monthly report), not a happening of a day.
        recalled_again: the trigger is a definite noun (``الهجوم الانتحاري``) with no date of its own, and the
            last telling of its type was dropped as background: it tells that old happening again.
        bare_late: the trigger stands late in the report (``late_sentence``) and its segment names no doer, toll
            or date: commentary on the news already told ("القصف يهدد المدنيين"), not a happening of its own.
        lex: the lexicon, for its thresholds (``background_days``, ``retrospective_days``).
    """
    if report.cut is not None and trigger_at >= report.cut:
        return "in a list of related links"
    if modality in ("planned", "conditional"):
        return f"{modality}: not (yet) a happening"
    if motive:
        return "what people stand against or with (ضد القصف، احتجاجا على، تضامنا مع), not a happening told"
    if provoked:
        return "what a reprisal answers (ردا على، انتقاما ل): told as its cause, not as a happening"
    if speakers:
        return "protesters who speak (وقال محتجون): the protest is not told by these words"
    if attempted:
        return "an attempt (محاولة التقدم، يحاولون التوصل): not the happening itself"
    if not located:
        return NO_PLACE
    for c in sentence_contexts:
        if family in c.spare or c.cut_after:
            continue
        if c.strong or c.name == report.kind:  # in a statement report, what the statement names is its object
            return f"{c.name} context"
        if not (has_place and (has_toll or dated_explicitly)):
            return f"{c.name} context with no place and toll or date"
    if report.kind is not None and not armed_actor and family not in report.spare:
        return f"a {report.kind} report and no armed actor in the sentence"
    if report.kind in _MAKE_BELIEVE and not deaths and family not in report.spare:
        return f"a {report.kind} report: its war words are play or figures of speech unless someone died"
    if (
        dated_explicitly
        and event_date is not None
        and published is not None
        and (published.date() - event_date).days > lex.background_days
    ):
        return f"background: dated {event_date}, long before the report"
    if dated_explicitly and month_only and deaths:
        return "dead counted over a month: a tally, not a happening of a day"
    if (
        news_told
        and dated_explicitly
        and day_precise
        and event_date is not None
        and news_date is not None
        and (news_date - event_date).days > lex.recalled_days
    ):  # "وفي العاشر من يناير، استعادت ..." after the day's news: a reminder of what led to it
        return f"background: dated {event_date}, before the news the report has told ({news_date})"
    if recalled_again:
        return "background: refers back (الهجوم) to a happening recalled as background"
    if bare_late:
        return "late in the report with no doer, toll or date: commentary, not a new happening"
    if habitual and not dated_explicitly:
        return "a state a place lives through (وتشهد المنطقة مواجهات متقطعة), not a happening told"
    if earlier and not dated_explicitly:
        return "background: told as an earlier happening (وكانت ... قد) with no date"
    if earlier and news_told:  # ACLED: recalled background is coded only when nothing else is reported
        return "background: an earlier happening (وكانت ... قد) recalled after the report's news"
    if (
        pluperfect
        and news_told
        and dated_explicitly
        and event_date is not None
        and news_date is not None
        and event_date < news_date
    ):  # "وكانت القوات سيطرت يوم أمس على …" after today's news: what led to it
        return (
            f"background: told in the pluperfect (وكان) and dated {event_date}, before the news ({news_date})"
        )
    if report.kind in _RETROSPECTIVE and family not in report.spare and not (
        dated_explicitly and event_date is not None and published is not None
        and 0 <= (published.date() - event_date).days <= lex.retrospective_days
    ):  # fmt: skip
        return f"a {report.kind} report: only a newly dated happening is news"
    return None


#: the reason for a draft with no place: a real happening, only not codable (its sentence's toll still counts)
NO_PLACE = "no place: ACLED codes every event at a location"

#: contexts that silence their own sentence only: a title that sums up months of attacks ("منذ أشهر") heads a
#: report of the latest one
_SENTENCE_ONLY = frozenset({"recap"})

#: weak contexts that still make the whole report of their kind when its title has one: a report headed by a
#: condemnation tells the statement; the happening it names is its object, not news of the report's own
_TITLE_KINDS = frozenset({"statement"})

#: report kinds whose armed actors fight in play or in words (drills, matches, price wars): a happening in such a
#: report needs a toll of its own as well as an armed actor
_MAKE_BELIEVE = frozenset({"exercise", "sports", "economy"})

#: report kinds that look back: what they tell happened before, unless a recent date says otherwise
_RETROSPECTIVE = frozenset({"court", "history"})


def opens_pluperfect(norm_sentence: str, lex: Lexicon) -> bool:
    """``وكانت القوات سيطرت …``: the sentence opens with the auxiliary of the pluperfect, ``قد`` or not."""
    words = norm_sentence.split(maxsplit=1)[:1]
    return bool(words) and words[0] in lex.pluperfect_openers


def told_as_earlier(norm_sentence: str, lex: Lexicon) -> bool:
    """``وكانت قوات النظام قد قصفت …``: the pluperfect that Arabic news uses to recall an earlier happening; or
    an opener that announces background (``يذكر أن``، ``الجدير بالذكر``)."""
    words = norm_sentence.split(maxsplit=8)[:8]  # the opening words only: a sentence is not split to its end
    if not words:
        return False
    if words[0] in lex.pluperfect_openers and "قد" in words[1:]:
        return True
    # an opener is the head's first words, whole ("يذكر ان" heads "يذكر ان القوات"): looked up in a set
    openers = _openers(lex)
    return any(" ".join(words[:k]) in openers for k in range(1, min(4, len(words)) + 1))


@lru_cache(maxsize=4)
def _openers(lex: Lexicon) -> frozenset[str]:
    """The background openers as a set, once per lexicon: a sentence's leading words are looked up in it."""
    return frozenset(lex.background_openers)
