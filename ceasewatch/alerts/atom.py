"""The alerts as an Atom feed (RFC 4287), for a feed reader or another monitor's watcher."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from ceasewatch.records import Alert


def alerts_atom(alerts: Sequence[Alert], *, base_url: str, updated: str) -> str:
    """The newest alerts first; each entry links to its event page and quotes its evidence."""
    base = base_url.rstrip("/")
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             "<title>ceasewatch alerts</title>",
             f"<id>{escape(base)}/alerts.atom</id>",
             f"<link rel=\"self\" href={quoteattr(base + '/alerts.atom')}/>",
             f"<link rel=\"alternate\" href={quoteattr(base + '/alerts')}/>",
             f"<updated>{escape(alerts[0].created_at.isoformat() if alerts else updated)}"
             "</updated>",
             "<author><name>ceasewatch</name></author>"]
    for alert in alerts:
        link = f"{base}/events/{alert.event_id}"
        evidence = alert.payload.get("evidence")
        quotes = "".join(
            f"<p>{escape(str(e.get('document', '')))}: «{escape(str(e.get('sentence', '')))}»"
            f"</p>" for e in (evidence if isinstance(evidence, list) else [])
            if isinstance(e, dict))
        stamp = alert.created_at.isoformat()
        parts += ["<entry>",
                  f"<id>urn:ceasewatch:alert:{escape(alert.key)}</id>",
                  f"<title>{escape(alert.title)}</title>",
                  f"<link rel=\"alternate\" href={quoteattr(link)}/>",
                  f"<updated>{escape(stamp)}</updated>",
                  f"<published>{escape(stamp)}</published>",
                  f"<content type=\"html\">{escape(quotes)}</content>",
                  "</entry>"]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
