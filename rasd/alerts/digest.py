"""The daily digest of a rule: the day's events as a short Arabic/English summary with counts by
type and place, a small map, and the events as ACLED CSV — what an information officer sends
colleagues each morning.

A rule with ``digest: {at: "07:00", tz: Asia/Damascus}`` gets, once that time has passed each
day, the events coded in the 24 hours before it that match the rule (new or confirmed alike;
rejected ones never). Sent digests are recorded like alerts, so a restart sends none twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import io
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from rasd.alerts import events as ev_read
from rasd.alerts import mail, state
from rasd.alerts.mapimage import render
from rasd.alerts.message import place_text, type_ar, word
from rasd.alerts.rules import AlertRule
from rasd.export import export_events
from rasd.models import Event


@dataclass
class DigestContent:
    rule: str
    date: str  # the local day it is sent on, YYYY-MM-DD
    start: dt.datetime
    end: dt.datetime
    events: list[Event]
    subject: str = ""
    text: str = ""
    html: str = ""
    csv: bytes = b""
    png: bytes = b""
    by_type: dict[str, int] = field(default_factory=dict)
    by_place: dict[str, int] = field(default_factory=dict)
    fatalities: int = 0


def window(rule: AlertRule, when: dt.datetime) -> tuple[str, dt.datetime, dt.datetime] | None:
    """(local date, start, end) of the digest due at ``when``, or None before the day's send time."""
    if rule.digest is None:
        return None
    tz = ZoneInfo(rule.digest.tz)
    local = when.astimezone(tz)
    hh, mm = (int(x) for x in rule.digest.at.split(":"))
    send = local.replace(hour=hh, minute=mm, second=0, microsecond=0)
    if local < send:
        return None
    return send.date().isoformat(), send - dt.timedelta(days=1), send


def window_for_date(rule: AlertRule, day: dt.date) -> tuple[str, dt.datetime, dt.datetime]:
    """The window of the digest sent on local ``day`` (for previews and re-sends)."""
    digest = rule.digest or _default_digest()
    tz = ZoneInfo(digest.tz)
    hh, mm = (int(x) for x in digest.at.split(":"))
    send = dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=tz)
    return day.isoformat(), send - dt.timedelta(days=1), send


def _default_digest():
    from rasd.alerts.rules import Digest

    return Digest()


def build(
    store, rule: AlertRule, date: str, start: dt.datetime, end: dt.datetime, public_url: str = ""
) -> DigestContent:
    """The digest of ``rule`` for the window ``[start, end)``."""
    events = [e for e in ev_read.created_between(store.engine, start, end) if rule.matches(e, when="any")]
    d = DigestContent(rule=rule.name, date=date, start=start, end=end, events=events)
    types = Counter(e.event_type for e in events)
    places = Counter((place_text(e, "ar"), place_text(e, "en")) for e in events)
    d.fatalities = sum(e.fatalities.best or 0 for e in events)
    d.by_type = dict(types.most_common())
    d.by_place = {en: n for (ar, en), n in places.most_common()}
    period = f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} ({end.tzinfo})"
    ar_lines = [f"{word('digest_title', 'ar')}: {rule.name} — {date}", period, ""]
    en_lines = [f"{word('digest_title', 'en')}: {rule.name} — {date}", period, ""]
    if not events:
        ar_lines.append(word("none", "ar"))
        en_lines.append(word("none", "en"))
    else:
        ar_lines.append(f"{len(events)} {word('events', 'ar')}، {word('fatalities', 'ar')}: {d.fatalities}")
        en_lines.append(
            f"{len(events)} {word('events', 'en')}, {word('fatalities', 'en').lower()}: {d.fatalities}"
        )
        ar_lines.append(
            f"{word('by_type', 'ar')}: " + "، ".join(f"{type_ar(t)} {n}" for t, n in types.most_common())
        )
        en_lines.append(f"{word('by_type', 'en')}: " + ", ".join(f"{t} {n}" for t, n in types.most_common()))
        ar_lines.append(
            f"{word('by_place', 'ar')}: " + "، ".join(f"{ar} {n}" for (ar, _), n in places.most_common(10))
        )
        en_lines.append(
            f"{word('by_place', 'en')}: " + ", ".join(f"{en} {n}" for (_, en), n in places.most_common(10))
        )
    listing = [
        f"- {e.event_date or ''} {e.sub_event_type} — {place_text(e, 'en')}"
        + (f" — {e.fatalities.best} {word('killed', 'en')}" if e.fatalities.best else "")
        + (f" — {public_url}/#event={e.event_id}" if public_url else "")
        for e in events[:50]
    ]
    d.subject = (
        f"[rasd] {word('digest_title', 'en')} {rule.name} {date}: {len(events)} {word('events', 'en')}"
    )
    d.text = "\n".join([*ar_lines, "", *en_lines, "", *listing]) + "\n"
    esc = html.escape
    d.html = (
        '<div dir="rtl" lang="ar">' + "".join(f"<p>{esc(x)}</p>" for x in ar_lines if x) + "</div>"
        '<div dir="ltr" lang="en">'
        + "".join(f"<p>{esc(x)}</p>" for x in en_lines if x)
        + '<p><img src="cid:map" alt="map"></p><ul>'
        + "".join(f"<li>{esc(x[2:])}</li>" for x in listing)
        + "</ul></div>"
    )
    buf = io.StringIO()
    export_events(events, "acled-csv", buf)
    d.csv = buf.getvalue().encode("utf-8")
    d.png = render(events, title=f"rasd - {rule.name} - {date} - {len(events)} events")
    return d


def payload(d: DigestContent) -> dict:
    """The digest as webhook JSON: summary, counts, CSV text and the map as base64 PNG."""
    import base64

    return {
        "type": "rasd.digest",
        "rule": d.rule,
        "date": d.date,
        "start": d.start.isoformat(),
        "end": d.end.isoformat(),
        "events": len(d.events),
        "fatalities": d.fatalities,
        "by_type": d.by_type,
        "by_place": d.by_place,
        "text": d.text,
        "event_ids": [e.event_id for e in d.events],
        "csv": d.csv.decode("utf-8"),
        "map_png_base64": base64.b64encode(d.png).decode("ascii"),
    }


def email(smtp, rule: AlertRule, d: DigestContent):
    return mail.build_message(
        smtp,
        rule.email,
        d.subject,
        d.text,
        d.html,
        attachments=[(f"rasd-{d.rule}-{d.date}.csv", d.csv, "text/csv")],
        inline_image=(f"rasd-{d.rule}-{d.date}.png", d.png),
    )


async def send_due_digests(dispatcher, rules: list[AlertRule], when: dt.datetime | None = None) -> int:
    """Send every digest whose time has come today and that was not sent yet; how many were sent."""
    when = when or dt.datetime.now(dt.UTC)
    sent = 0
    for rule in rules:
        due = window(rule, when)
        if due is None:
            continue
        date, start, end = due
        channels = []
        if rule.webhook:
            channels.append(("webhook", rule.webhook.url))
        if rule.email and dispatcher.config.smtp:
            channels.append(("email", ", ".join(rule.email)))
        claimed = [
            (ch, did)
            for ch, target in channels
            if (
                did := state.claim(
                    dispatcher.engine, rule=rule.name, kind="digest", channel=ch, subject=date, target=target
                )
            )
        ]
        if not claimed:
            continue
        d = await asyncio.to_thread(build, dispatcher.store, rule, date, start, end, dispatcher.public_url)
        for ch, did in claimed:
            if ch == "webhook":
                ok, _ = await dispatcher._webhook(did, rule, payload(d), kind="digest")
            else:
                ok, _ = await dispatcher._send_mail(did, rule, email(dispatcher.config.smtp, rule, d))
            sent += ok
    return sent
