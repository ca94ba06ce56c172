"""Accords, their commitments, and the ledger of alleged violations.

The route through this package::

    accord_file  (analyst's YAML/TOML, validated)  ─┐
    curation     (bundled accords, import, merge)   ├─> store.accords
    detection    (agreement event -> draft accord) ─┘
    rules        (which event may breach which commitment; rules are data)
    verification (who blames whom -> claimed / corroborated / acknowledged / disputed)
    ledger       (refresh_violations: called by api.analyse_document after fusion)
    summary      (commitment states, weekly counts for charts)

Knowledge lives in ``ceasewatch/data`` (:mod:`.knowledge` loads it): the commitment cue
lexicon, the violation rules, the armed groups one party accuses another of hosting, the words
that tell which side a claimant speaks for, and the curated accords.
"""
