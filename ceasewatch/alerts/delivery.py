"""Webhook delivery: each alert POSTed once as JSON, retried with back-off until it lands.

An alert is marked delivered in the store only after the receiver answered 2xx; a receiver
that is down gets the alert later (back-off doubling from ``retry_s``, at most an hour), not
never. The alert's key travels as ``Idempotency-Key``: a crash between a receiver's 2xx and
the store's record is the one case a receiver can see an alert twice, and the key lets it tell.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ceasewatch.records import Alert
from ceasewatch.store import Store

MAX_RETRY_S = 3600.0


@dataclass(frozen=True, slots=True)
class Delivery:
    key: str
    webhook: str
    ok: bool
    status: int | None
    error: str | None


def absolute_links(payload: dict[str, object], base_url: str | None) -> dict[str, object]:
    """The payload with its links made absolute under ``base_url`` (the server's address)."""
    if not base_url:
        return payload
    base = base_url.rstrip("/")
    out = dict(payload)
    links = payload.get("links")
    if isinstance(links, dict):
        out["links"] = {k: base + str(v) for k, v in links.items()}
    evidence = payload.get("evidence")
    if isinstance(evidence, list):
        out["evidence"] = [dict(e, link=base + str(e.get("link", ""))) if isinstance(e, dict)
                           else e for e in evidence]
    return out


def post_alert(alert: Alert, *, base_url: str | None = None, timeout: float = 10.0,
               user_agent: str = "ceasewatch") -> Delivery:
    assert alert.webhook is not None
    body = json.dumps(absolute_links(alert.payload, base_url), ensure_ascii=False).encode()
    request = urllib.request.Request(alert.webhook, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": user_agent,
        "Idempotency-Key": alert.key})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Delivery(alert.key, alert.webhook, True, response.status, None)
    except urllib.error.HTTPError as exc:
        return Delivery(alert.key, alert.webhook, False, exc.code, f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return Delivery(alert.key, alert.webhook, False, None,
                        str(getattr(exc, "reason", exc)))


def deliver_pending(store: Store, *, base_url: str | None = None, timeout: float = 10.0,
                    retry_s: float = 30.0, now: datetime | None = None,
                    user_agent: str = "ceasewatch") -> list[Delivery]:
    """POST every alert whose webhook delivery is due; record each outcome."""
    moment = now or datetime.now(UTC)
    done = []
    for alert in store.alerts.pending(moment):
        result = post_alert(alert, base_url=base_url, timeout=timeout, user_agent=user_agent)
        with store.atomic():
            if result.ok:
                store.alerts.mark_delivered(alert.key)
            else:
                wait = min(retry_s * 2 ** alert.attempts, MAX_RETRY_S)
                store.alerts.mark_failed(alert.key, result.error or "failed",
                                         moment + timedelta(seconds=wait))
        done.append(result)
    return done
