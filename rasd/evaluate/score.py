"""Scoring: one-to-one matching of predicted to gold events, then field accuracies and an error list.

A predicted event matches a gold one when the event type is the same, the place is within 25 km and the dates
agree within the coarser of the two precisions (day: the same day ±1, week: ±7 days, month: the same month).
A gold place with no coordinates of its own (a village no gazetteer has) is matched at its annotated parent, and
counts as placed right when rasd kept the village's name (compared without a leading cue word: gold
``قرية الزيتونة`` and rasd's ``الزيتونة`` are one name). Matching is one-to-one and maximal (Hungarian
assignment). Leftover pairs that would match but for the type are "wrong type" errors; the rest are missed or
invented events.

Which pairs: among the maximal matchings, the one whose pairs agree most on sub-event type, then on place, then
are nearest. The tie-breaks only choose between matchings of the same size, so they never change how many events
match (precision, recall, F1); they keep two villages that share their parent's coordinates from being paired
crosswise, which would count both places wrong.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from rasd.evaluate.gold import GoldDoc, GoldEvent
from rasd.models import Event
from rasd.text import normalise_key


def _km(lat1, lon1, lat2, lon2) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _gold_point(gold: GoldEvent) -> tuple[float, float] | None:
    loc = gold.location or {}
    if loc.get("lat") is not None and loc.get("lon") is not None:
        return loc["lat"], loc["lon"]
    if loc.get("parent_lat") is not None and loc.get("parent_lon") is not None:
        return loc["parent_lat"], loc["parent_lon"]
    return None


def distance(pred: Event, gold: GoldEvent) -> float:
    point = _gold_point(gold)
    if not pred.location or pred.location.lat is None or point is None:
        return math.inf
    return _km(pred.location.lat, pred.location.lon, *point)


#: Words that introduce a place name rather than belong to it (``قرية X``، ``حي X``): a gold name and rasd's
#: name are compared without them.
_CUES = frozenset(
    normalise_key(w)
    for w in [
        "قرية",
        "بلدة",
        "مدينة",
        "حي",
        "مخيم",
        "منطقة",
        "ناحية",
        "مديرية",
        "عزلة",
        "مزرعة",
        "ضاحية",
        "بلدية",
        "قضاء",
        "مستوطنة",
        "مستعمرة",
    ]
)


def _bare_name(name: str) -> str:
    """The name without a leading cue word: ``قرية الزيتونة`` → ``الزيتونه`` (normalised)."""
    key = normalise_key(name)
    head, _, rest = key.partition(" ")
    return rest if rest and head in _CUES else key


def place_right(pred: Event, gold: GoldEvent) -> bool:
    """Within 10 km of the annotated place; for a place with no coordinates, its name kept (cue words aside)."""
    loc = gold.location or {}
    if loc.get("lat") is None and loc.get("name"):
        want = _bare_name(loc["name"])
        names = (
            {getattr(pred.location, a, None) for a in ("name_as_written", "name_ar")}
            if pred.location
            else set()
        )
        return any(n and _bare_name(n) == want for n in names)
    return distance(pred, gold) <= 10


def dates_agree(pred: Event, gold: GoldEvent) -> bool:
    if pred.event_date is None or gold.event_date is None:
        return pred.event_date is None and gold.event_date is None
    precision = max(pred.time_precision, gold.time_precision)
    if precision >= 3:
        return (pred.event_date.year, pred.event_date.month) == (gold.event_date.year, gold.event_date.month)
    window = 7 if precision == 2 else 1
    return abs((pred.event_date - gold.event_date).days) <= window


def _keys(name: str | None) -> set[str]:
    """Comparable forms of an actor name: ACLED's bracketed years dropped, ``SDF: Syrian …`` both ways."""
    if not name:
        return set()
    out = []
    for part in (name, *name.split(":", 1)[1:], name.split(":", 1)[0] if ":" in name else ""):
        s = part.lower()
        while "(" in s and ")" in s[s.index("(") :]:
            a = s.index("(")
            b = s.index(")", a)
            inner = s[a + 1 : b]
            s = s[:a] + (f" {inner} " if not any(ch.isdigit() for ch in inner) else " ") + s[b + 1 :]
        s = " ".join(s.replace("-", " ").replace("'", "").split())
        if s:
            out.append(s)
    return set(out)


def actor_match(pred, gold: str | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    g = _keys(gold)
    p = _keys(pred.name_en) | _keys(getattr(pred, "acled", None)) | _keys(pred.kb_id)
    return bool(g & p)


def fatalities_exact(pred: Event, gold: GoldEvent) -> bool:
    f = gold.fatalities or {}
    return (pred.fatalities.best or 0) == (f.get("min") or 0)


def fatalities_in_range(pred: Event, gold: GoldEvent) -> bool:
    f = gold.fatalities or {}
    lo, hi = f.get("min") or 0, f.get("max") if f.get("max") is not None else (f.get("min") or 0)
    return lo <= (pred.fatalities.best or 0) <= hi


def matches(pred: Event, gold: GoldEvent, *, ignore_type: bool = False) -> bool:
    return (
        (ignore_type or pred.event_type == gold.event_type)
        and distance(pred, gold) <= 25
        and dates_agree(pred, gold)
    )


def _assign(preds: list[Event], golds: list[GoldEvent], ignore_type: bool = False) -> list[tuple[int, int]]:
    pairs = [
        (i, j)
        for i, p in enumerate(preds)
        for j, g in enumerate(golds)
        if matches(p, g, ignore_type=ignore_type)
    ]
    if not pairs:
        return []
    # A non-match costs 1e6, a match at most 25 - 0 and at least -100 - 50 - 0: any matching with one pair more is
    # cheaper, so the tie-breaks (sub-event type 100, place 50, then km) only pick among maximal matchings.
    cost = np.full((len(preds), len(golds)), 1e6)
    for i, j in pairs:
        p, g = preds[i], golds[j]
        cost[i, j] = distance(p, g) - 100 * (p.sub_event_type == g.sub_event_type) - 50 * place_right(p, g)
    rows, cols = linear_sum_assignment(cost)
    return [(i, j) for i, j in zip(rows, cols, strict=True) if cost[i, j] < 1e6]


@dataclass
class DocResult:
    path: str
    gold: int
    predicted: int
    matched: list[tuple[Event, GoldEvent]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    doc_id: str = ""
    country: str | None = None
    wrong_type: list[tuple[Event, GoldEvent]] = field(default_factory=list)


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
    return {"precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r), "gold": n_gold, "predicted": n_pred}


@dataclass
class Report:
    docs: list[DocResult]

    def _ratio(self, num: int, den: int) -> float:  # kept for callers of the old API
        return _ratio(num, den)

    def metrics(self) -> dict[str, float]:
        tp = sum(len(d.matched) for d in self.docs)
        n_pred = sum(d.predicted for d in self.docs)
        n_gold = sum(d.gold for d in self.docs)
        p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
        pairs = [pg for d in self.docs for pg in d.matched]
        actor_tp = actor_pred = actor_gold = 0
        for pred, gold in pairs:
            for pa, ga in ((pred.actor1, gold.actor1), (pred.actor2, gold.actor2)):
                actor_pred += pa is not None
                actor_gold += ga is not None
                actor_tp += pa is not None and ga is not None and actor_match(pa, ga)
        ap, ar = _ratio(actor_tp, actor_pred), _ratio(actor_tp, actor_gold)
        no_event = [d for d in self.docs if d.gold == 0]

        def date_ok(pred: Event, gold: GoldEvent) -> bool:
            return pred.event_date == gold.event_date or (
                gold.time_precision >= 3
                and pred.event_date is not None
                and gold.event_date is not None
                and (pred.event_date.year, pred.event_date.month)
                == (gold.event_date.year, gold.event_date.month)
            )

        return {
            "event_precision": p,
            "event_recall": r,
            "event_f1": _ratio(2 * p * r, p + r),
            "sub_event_accuracy": _ratio(
                sum(pr.sub_event_type == g.sub_event_type for pr, g in pairs), len(pairs)
            ),
            "actor_f1": _ratio(2 * ap * ar, ap + ar),
            "actor1_accuracy": _ratio(sum(actor_match(pr.actor1, g.actor1) for pr, g in pairs), len(pairs)),
            "place_accuracy_10km": _ratio(sum(place_right(pr, g) for pr, g in pairs), len(pairs)),
            "fatality_accuracy": _ratio(sum(fatalities_in_range(pr, g) for pr, g in pairs), len(pairs)),
            "fatality_exact": _ratio(sum(fatalities_exact(pr, g) for pr, g in pairs), len(pairs)),
            "date_accuracy": _ratio(sum(date_ok(pr, g) for pr, g in pairs), len(pairs)),
            "modality_accuracy": _ratio(sum(pr.modality == g.modality for pr, g in pairs), len(pairs)),
            "events_per_no_event_report": _ratio(sum(d.predicted for d in no_event), len(no_event)),
            "no_event_reports": len(no_event),
            "matched": tp,
            "predicted": n_pred,
            "gold": n_gold,
            "documents": len(self.docs),
        }

    def by_type(self) -> dict[str, dict[str, float]]:
        """Precision by predicted type, recall by gold type."""
        tp: dict[str, int] = defaultdict(int)
        n_pred: dict[str, int] = defaultdict(int)
        n_gold: dict[str, int] = defaultdict(int)
        for d in self.docs:
            for pr, _ in d.matched:
                tp[pr.event_type] += 1
                n_pred[pr.event_type] += 1
                n_gold[pr.event_type] += 1
            for pr in d.spurious:
                n_pred[pr.event_type] += 1
            for g in d.missed:
                n_gold[g.event_type] += 1
        return {t: _prf(tp[t], n_pred[t], n_gold[t]) for t in sorted(set(n_pred) | set(n_gold))}

    def by_country(self) -> dict[str, dict[str, float]]:
        groups: dict[str, list[DocResult]] = defaultdict(list)
        for d in self.docs:
            groups[d.country or "?"].append(d)
        out = {}
        for c, ds in sorted(groups.items()):
            row = _prf(sum(len(d.matched) for d in ds), sum(d.predicted for d in ds), sum(d.gold for d in ds))
            row["documents"] = len(ds)
            out[c] = row
        return out

    def errors(self) -> list[dict]:
        """Every error with its kind and document: missed, invented, wrong type, wrong actor/place/toll."""
        out = []
        for d in self.docs:
            for g in d.missed:
                out.append({"kind": "missed", "doc": d.doc_id, "gold": _brief(g)})
            for p in d.spurious:
                kind = "invented (no-event report)" if d.gold == 0 else "invented"
                out.append({"kind": kind, "doc": d.doc_id, "predicted": _brief(p)})
            for p, g in d.wrong_type:
                out.append({"kind": "wrong type", "doc": d.doc_id, "gold": _brief(g), "predicted": _brief(p)})
            for p, g in d.matched:
                if not actor_match(p.actor1, g.actor1):
                    out.append({"kind": "wrong actor1", "doc": d.doc_id, "gold": g.actor1,
                                "predicted": p.actor1.name_en if p.actor1 else None})  # fmt: skip
                if not place_right(p, g):
                    out.append({"kind": "wrong place", "doc": d.doc_id, "gold": (g.location or {}).get("name"),
                                "predicted": p.location.name_ar if p.location else None})  # fmt: skip
                if not fatalities_exact(p, g):
                    out.append({"kind": "wrong toll", "doc": d.doc_id, "gold": g.fatalities,
                                "predicted": p.fatalities.best})  # fmt: skip
        return out


def _brief(e) -> str:
    if isinstance(e, GoldEvent):
        where = (e.location or {}).get("name")
        return f"{e.sub_event_type} @ {where} {e.event_date} actor1={e.actor1}"
    where = e.location.name_ar if e.location else None
    return f"{e.sub_event_type} @ {where} {e.event_date} actor1={e.actor1.name_en if e.actor1 else None}"


def score(gold: list[GoldDoc], predicted: dict[str, list[Event]]) -> Report:
    """Compare predictions (keyed by the gold document's path) with the gold events."""
    results = []
    for doc in gold:
        preds = predicted.get(str(doc.path), [])
        golds = list(doc.events)
        pairs = _assign(preds, golds)
        mp, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        rest_p = [i for i in range(len(preds)) if i not in mp]
        rest_g = [j for j in range(len(golds)) if j not in mg]
        typed = _assign([preds[i] for i in rest_p], [golds[j] for j in rest_g], ignore_type=True)
        wp = {rest_p[a] for a, _ in typed}
        wg = {rest_g[b] for _, b in typed}
        results.append(
            DocResult(
                str(doc.path),
                len(golds),
                len(preds),
                [(preds[i], golds[j]) for i, j in pairs],
                [golds[j] for j in rest_g if j not in wg],
                [preds[i] for i in rest_p if i not in wp],
                doc.doc_id or doc.path.name,
                doc.country,
                [(preds[rest_p[a]], golds[rest_g[b]]) for a, b in typed],
            )
        )
    return Report(results)
