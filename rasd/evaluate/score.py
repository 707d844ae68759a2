"""Scoring: one-to-one matching of predicted to gold events, then field accuracies.

A predicted event matches a gold one when the event type is the same, the place is
within 25 km and the dates agree within the coarser of the two precisions (day: the
same day ±1, week: ±7 days, month: the same month). Matching is one-to-one and
maximal (Hungarian assignment via scipy when available, else greedy by distance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rasd.evaluate.gold import GoldDoc, GoldEvent
from rasd.models import Event


def _km(lat1, lon1, lat2, lon2) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def distance(pred: Event, gold: GoldEvent) -> float:
    if not pred.location or pred.location.lat is None or not gold.location:
        return math.inf
    return _km(pred.location.lat, pred.location.lon, gold.location["lat"], gold.location["lon"])


def dates_agree(pred: Event, gold: GoldEvent) -> bool:
    if pred.event_date is None or gold.event_date is None:
        return pred.event_date is None and gold.event_date is None
    precision = max(pred.time_precision, gold.time_precision)
    if precision >= 3:
        return (pred.event_date.year, pred.event_date.month) == (gold.event_date.year, gold.event_date.month)
    window = 7 if precision == 2 else 1
    return abs((pred.event_date - gold.event_date).days) <= window


def _norm(name: str | None) -> str:
    return (name or "").lower().replace("(", " ").replace(")", " ").strip()


def actor_match(pred, gold: str | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    g = _norm(gold)
    return (
        g in (_norm(pred.kb_id), _norm(pred.name_en)) or g in _norm(pred.name_en) or _norm(pred.name_en) in g
    )


def matches(pred: Event, gold: GoldEvent) -> bool:
    return pred.event_type == gold.event_type and distance(pred, gold) <= 25 and dates_agree(pred, gold)


def _assign(preds: list[Event], golds: list[GoldEvent]) -> list[tuple[int, int]]:
    pairs = [(i, j) for i, p in enumerate(preds) for j, g in enumerate(golds) if matches(p, g)]
    if not pairs:
        return []
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        cost = np.full((len(preds), len(golds)), 1e6)
        for i, j in pairs:
            cost[i, j] = distance(preds[i], golds[j]) - 100 * (
                preds[i].sub_event_type == golds[j].sub_event_type
            )
        rows, cols = linear_sum_assignment(cost)
        return [(i, j) for i, j in zip(rows, cols, strict=True) if cost[i, j] < 1e6]
    except ImportError:
        used_p, used_g, out = set(), set(), []
        for i, j in sorted(pairs, key=lambda ij: distance(preds[ij[0]], golds[ij[1]])):
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                out.append((i, j))
        return out


@dataclass
class DocResult:
    path: str
    gold: int
    predicted: int
    matched: list[tuple[Event, GoldEvent]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)


@dataclass
class Report:
    docs: list[DocResult]

    def _ratio(self, num: int, den: int) -> float:
        return num / den if den else 0.0

    def metrics(self) -> dict[str, float]:
        tp = sum(len(d.matched) for d in self.docs)
        n_pred = sum(d.predicted for d in self.docs)
        n_gold = sum(d.gold for d in self.docs)
        p, r = self._ratio(tp, n_pred), self._ratio(tp, n_gold)
        pairs = [pg for d in self.docs for pg in d.matched]
        actor_tp = actor_pred = actor_gold = 0
        for pred, gold in pairs:
            for pa, ga in ((pred.actor1, gold.actor1), (pred.actor2, gold.actor2)):
                actor_pred += pa is not None
                actor_gold += ga is not None
                actor_tp += pa is not None and ga is not None and actor_match(pa, ga)
        ap, ar = self._ratio(actor_tp, actor_pred), self._ratio(actor_tp, actor_gold)

        def fat_ok(pred: Event, gold: GoldEvent) -> bool:
            f = gold.fatalities or {}
            lo, hi = f.get("min") or 0, f.get("max") if f.get("max") is not None else (f.get("min") or 0)
            return lo <= (pred.fatalities.best or 0) <= hi

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
            "event_f1": self._ratio(2 * p * r, p + r),
            "sub_event_accuracy": self._ratio(
                sum(pr.sub_event_type == g.sub_event_type for pr, g in pairs), len(pairs)
            ),
            "actor_f1": self._ratio(2 * ap * ar, ap + ar),
            "place_accuracy_10km": self._ratio(sum(distance(pr, g) <= 10 for pr, g in pairs), len(pairs)),
            "fatality_accuracy": self._ratio(sum(fat_ok(pr, g) for pr, g in pairs), len(pairs)),
            "date_accuracy": self._ratio(sum(date_ok(pr, g) for pr, g in pairs), len(pairs)),
            "modality_accuracy": self._ratio(sum(pr.modality == g.modality for pr, g in pairs), len(pairs)),
            "matched": tp,
            "predicted": n_pred,
            "gold": n_gold,
            "documents": len(self.docs),
        }


def score(gold: list[GoldDoc], predicted: dict[str, list[Event]]) -> Report:
    """Compare predictions (keyed by the gold document's path) with the gold events."""
    results = []
    for doc in gold:
        preds = predicted.get(str(doc.path), [])
        golds = list(doc.events)
        pairs = _assign(preds, golds)
        mp, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        results.append(
            DocResult(
                str(doc.path),
                len(golds),
                len(preds),
                [(preds[i], golds[j]) for i, j in pairs],
                [g for j, g in enumerate(golds) if j not in mg],
                [p for i, p in enumerate(preds) if i not in mp],
            )
        )
    return Report(results)
