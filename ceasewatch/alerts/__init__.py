"""Alerts: rules over fused events and the ledger, raised once per key, delivered to a
webhook, an Atom feed (``/alerts.atom``) and the web UI (``/alerts``)."""

from ceasewatch.alerts.rules import RULE_KINDS, check_rule, raise_alerts

__all__ = ["RULE_KINDS", "check_rule", "raise_alerts"]
