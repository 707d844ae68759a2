"""``rasd eval``: score extracted events against a hand-annotated gold file (DESIGN.md's format)."""

from rasd.evaluate.gold import GoldDoc, GoldEvent, load_gold
from rasd.evaluate.score import Report, score

__all__ = ["GoldDoc", "GoldEvent", "Report", "load_gold", "score"]
