"""The analyst's review: states of events, claims and alleged violations, who may set them,
per-user tokens, and the queue of what to check first.

Machine-drafted, human-verified: every item starts as *draft*; a named analyst marks it
*verified*, *rejected* or *needs review* with a note, and every decision is kept, dated, in the
store's ``review_decisions`` table. Publishing (``sitrep --verified-only``, ``export
--verified-only``, ``serve --verified-only``) shows only what someone has verified.
"""
