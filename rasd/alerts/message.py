"""What an alert says: the event in Arabic and English, its evidence quoted, a link to its detail view.

Example (an air strike on Al Mayadin with five dead)::

    غارة جوية أو بمسيّرة في الميادين (دير الزور، SY) — 2024-03-01 — 5 قتلى
    Air/drone strike in Al Mayadin (Deir ez-Zor, SY) — 2024-03-01 — 5 killed
    الدليل / Evidence: «… شنت غارة على مواقع تنظيم الدولة في مدينة الميادين …»
"""

from __future__ import annotations

import functools
import html
import re
from importlib import resources
from typing import Any

import yaml

from rasd.models import Event

_SENTENCE_END = re.compile(r"[.!?؟؛\n]")


@functools.lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """Arabic taxonomy names and phrases (``rasd/data/alerts/labels.yaml``)."""
    text = resources.files("rasd").joinpath("data/alerts/labels.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@functools.lru_cache(maxsize=1)
def _admin1_ar() -> dict[str, str]:
    """Governorates' Arabic names, from the gazetteer's data (``rasd/data/gazetteer/admin1.csv``)."""
    import csv
    import io

    text = resources.files("rasd").joinpath("data/gazetteer/admin1.csv").read_text(encoding="utf-8")
    return {r["name_en"]: r["name_ar"] for r in csv.DictReader(io.StringIO(text)) if r.get("name_ar")}


def word(key: str, lang: str) -> str:
    return labels()["words"][f"{key}_{lang}"]


def type_ar(name: str) -> str:
    return labels()["taxonomy"].get(name, name)


def quote(body: str, start: int, end: int, limit: int = 320) -> str:
    """The sentence of ``body`` around ``[start, end)``, shortened to about ``limit`` characters.

    Example: ``quote("قال ناشطون. قصفت الطائرات هجين. ثم…", 12, 16)`` → ``"قصفت الطائرات هجين."``
    """
    s = start
    while s > 0 and not _SENTENCE_END.match(body[s - 1]):
        s -= 1
    e = end
    while e < len(body) and not _SENTENCE_END.match(body[e]):
        e += 1
    if e < len(body) and body[e] != "\n":
        e += 1
    text = body[s:e].strip()
    if len(text) > limit:
        centre = (start - s + end - s) // 2
        lo = max(0, centre - limit // 2)
        text = ("…" if lo else "") + text[lo : lo + limit].strip() + "…"
    return text


def evidence_quote(event: Event, documents: dict[str, Any]) -> tuple[str, str | None]:
    """The sentence that reports the event (its trigger's evidence, else its first), and its report's URL.

    ``documents`` maps doc_id to a Document (or None when not stored).
    """
    ordered = sorted(
        event.evidence, key=lambda ev: (ev.field not in ("event_type", "sub_event_type"), ev.field)
    )
    for ev in ordered:
        doc = documents.get(ev.doc_id) or (documents.get(event.doc_ids[0]) if event.doc_ids else None)
        if doc is not None and 0 <= ev.start < ev.end <= len(doc.body):
            return quote(doc.body, ev.start, ev.end), doc.source_uri or None
        if ev.text:
            return ev.text, None
    return "", None


def place_text(event: Event, lang: str) -> str:
    loc = event.location
    if loc is None:
        return word("unknown_place", lang)
    name = (
        (loc.name_ar or loc.name_as_written or loc.name_en)
        if lang == "ar"
        else (loc.name_en_ascii or loc.name_en or loc.name_ar)
    )
    admin = loc.admin1 or ""
    if lang == "ar" and loc.admin1:
        admin = _admin1_ar().get(loc.admin1, loc.admin1)
    where = (
        "، ".join(x for x in (admin, loc.country or "") if x)
        if lang == "ar"
        else ", ".join(x for x in (admin, loc.country or "") if x)
    )
    return f"{name} ({where})" if where else name


def headline(event: Event, lang: str) -> str:
    kind = type_ar(event.sub_event_type) if lang == "ar" else event.sub_event_type
    parts = [f"{kind} {word('in', lang)} {place_text(event, lang)}"]
    if event.event_date:
        parts.append(event.event_date.isoformat())
    if event.fatalities.best:
        n = f"{event.fatalities.best}" + ("+" if event.fatalities.vague else "")
        parts.append(f"{n} {word('killed', lang)}")
    if event.civilian_targeting:
        parts.append(word("civilians", lang))
    return " — ".join(parts)


def actors_text(event: Event) -> str:
    names = []
    for a in (event.actor1, event.actor2):
        if a:
            names.append(f"{a.name_en}" + (f" / {a.name_ar}" if a.name_ar else ""))
    return " ⟷ ".join(names)


def alert_payload(
    rule: str, event: Event, documents: dict[str, Any], public_url: str, when: str
) -> dict[str, Any]:
    """The alert as JSON (webhooks) — also the source of the e-mail's text."""
    text, url = evidence_quote(event, documents)
    return {
        "type": "rasd.alert",
        "rule": rule,
        "trigger": when,  # new | confirmed
        "event_id": event.event_id,
        "url": f"{public_url}/#event={event.event_id}",
        "headline": {"ar": headline(event, "ar"), "en": headline(event, "en")},
        "actors": actors_text(event),
        "quote": text,
        "report_url": url,
        "evidence": [
            {"field": ev.field, "text": ev.text, "doc_id": ev.doc_id, "start": ev.start, "end": ev.end}
            for ev in event.evidence
        ],
        "event": event.to_dict(),
    }


def alert_email(payload: dict[str, Any]) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of an alert e-mail; Arabic first, right-to-left in HTML."""
    h = payload["headline"]
    subject = f"[rasd] {payload['rule']}: {h['en']}"
    lines = [
        h["ar"],
        h["en"],
        "",
        f"{word('actors', 'ar')} / {word('actors', 'en')}: {payload['actors']}" if payload["actors"] else "",
        f"{word('evidence', 'ar')} / {word('evidence', 'en')}: «{payload['quote']}»"
        if payload["quote"]
        else "",
        f"{word('source', 'ar')} / {word('source', 'en')}: {payload['report_url']}"
        if payload["report_url"]
        else "",
        f"{word('open', 'ar')} / {word('open', 'en')}: {payload['url']}",
        f"{word('rule', 'ar')} / {word('rule', 'en')}: {payload['rule']}"
        + (
            f" ({word('confirmed', 'ar')} / {word('confirmed', 'en')})"
            if payload["trigger"] == "confirmed"
            else ""
        ),
    ]
    text = "\n".join(x for x in lines if x is not None) + "\n"
    e = html.escape
    body = (
        f'<div dir="rtl" lang="ar"><h2>{e(h["ar"])}</h2>'
        + (f"<blockquote>{e(payload['quote'])}</blockquote>" if payload["quote"] else "")
        + f'</div><div dir="ltr" lang="en"><h3>{e(h["en"])}</h3>'
        + (f"<p>{e(payload['actors'])}</p>" if payload["actors"] else "")
        + f'<p><a href="{e(payload["url"])}">{e(word("open", "en"))} / {e(word("open", "ar"))}</a></p>'
        + (
            f'<p><a href="{e(payload["report_url"])}">{e(payload["report_url"])}</a></p>'
            if payload["report_url"]
            else ""
        )
        + f"<p><small>{e(word('rule', 'en'))}: {e(payload['rule'])}</small></p></div>"
    )
    return subject, text, body
