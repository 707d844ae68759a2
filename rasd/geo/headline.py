"""The places a report's headline names: the report's place when its body names none.

Ingest takes a page's title off its body (``Document.title``), and every span points into the body, so a report
headed ``مقتل ثلاثة بقصف على بلدة X`` whose body only says ``القرية`` or ``البلدة`` gives its events no place of
their own. ACLED codes every event at a location; the headline's place is where the report's news happened. The
headline is resolved by the same resolver as the body, with the body beside it (so its places, actors and country
are the headline's context), and its places are returned without a span: the body holds no evidence of them.

A headline that is only a dateline or a byline (``مقديشو - وكالات``، ``وكالة X – بغداد``) names where the
reporter was, not where anything happened: its places are left out, as a body's dateline city is.

Example: title ``قصف على بلدة معرة النعمان``، body ``قتل شخصان في قصف استهدف البلدة`` → one Place
``معرة النعمان`` with no span, its reason starting ``named only in the headline``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from rasd.geo.resolve import resolve
from rasd.models import Document, Mention, Place
from rasd.settings import Settings

#: The separators of a dateline or a byline: a dash of any length, the Arabic tatweel used as one, a bar, a
#: slash, a colon or a comma
_SEPARATOR = "-–—ـ|/:,،"
#: a place that opens the headline and is followed by a separator, a date or a bracket (``حلب , سوريا , 25``)
_AFTER = re.compile(rf"\s*(?:[{_SEPARATOR}]|\(|\d|[\u0660-\u0669])")
#: a place right after a separator (``شفق نيوز– دهوك``، ``بغداد/دهوك``)
_BEFORE = re.compile(rf"[{_SEPARATOR}]\s*$")

#: what a headline place's reason starts with (kept on the Place, so an analyst sees why it has no evidence)
HEADLINE_REASON = "named only in the headline"


def _dateline(title: str, p: Place) -> bool:
    """True when ``p`` stands in the headline as a dateline or byline does: opening it before a separator, a
    date or a bracket, or right after a separator."""
    if p.start is None or p.end is None:
        return True
    if not title[: p.start].strip(" \t\u200f\u200e") and _AFTER.match(title, p.end):
        return True
    return bool(_BEFORE.search(title[: p.start]))


def headline_places(
    doc: Document,
    title_mentions: Sequence[Mention],
    body_mentions: Sequence[Mention],
    gazetteer,
    settings: Settings,
) -> list[Place]:
    """The places ``doc.title`` names, resolved in the context of the body, each with no span.

    Args:
        doc: the report (its ``title`` is read; ``body`` gives context).
        title_mentions: the matcher's mentions in ``doc.title`` (spans into the title).
        body_mentions: the matcher's mentions in ``doc.body``.
        gazetteer: a loaded ``Gazetteer``.
        settings: passed on to the resolver.

    Returns:
        The headline's places in its order, ``start``/``end`` None, ``reason`` starting with
        ``HEADLINE_REASON``; none when the headline names no place or is a dateline.
    """
    title = doc.title or ""
    if not title.strip() or not any(m.kind == "place" for m in title_mentions):
        return []
    # the headline as the page had it, above its body: one text, so the resolver reads the body's places, actors and
    # countries as the headline's context; only the headline's own places are kept
    offset = len(title) + 1
    both = dataclasses.replace(doc, body=f"{title}\n{doc.body}")
    shifted = [dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in body_mentions]
    out = []
    for p in resolve(both, [*title_mentions, *shifted], gazetteer, settings):
        if p.start is None or p.start >= offset or _dateline(title, p):
            continue
        why = f"{HEADLINE_REASON} (the body has no span of it)" + (f"; {p.reason}" if p.reason else "")
        out.append(dataclasses.replace(p, start=None, end=None, reason=why))
    return out


def fallback_places(
    doc: Document,
    body_mentions: Sequence[Mention],
    body_places: Sequence[Place],
    matcher,
    gazetteer,
    settings,
) -> list[Place]:
    """The headline's places when the body names none to fall back on, else none (and the headline is not read:
    most reports name their places in the body, and reading the headline costs a second resolution)."""
    from rasd.kb.match import find_mentions

    if not doc.title or any(not p.is_feature for p in body_places):
        return []
    return headline_places(doc, find_mentions(doc.title, matcher), body_mentions, gazetteer, settings)
