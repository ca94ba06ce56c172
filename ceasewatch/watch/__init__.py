"""Live monitoring: watched sources polled politely, new reports ingested end to end.

``schedule`` (intervals, back-off), ``fetch`` (conditional GET), ``poll`` (one source: fetch,
read, fetch linked articles, ingest), ``runner`` (the long-running loop of ``ceasewatch
watch``).
"""
