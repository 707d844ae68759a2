"""Alerts: rules over coded events (``rules``), deliveries by webhook and e-mail (``dispatch``), the
page's live feed (``live``) and a daily digest per rule (``digest``)."""

from rasd.alerts.rules import AlertRule

__all__ = ["AlertRule"]
