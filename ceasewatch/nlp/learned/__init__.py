"""Learned parts of extraction: features, linear models and their training.

The rule stages find what rules are right for (datelines, calendars, numbers, gazetteer
spans, cue words); the models here decide what rules got wrong on real reporting: which
sentences report an event and of what type (``event_model``), which date expression dates
an event (``date_model``) and which place it happened at (``place_model``). Each model is a
linear model over sparse binary features whose weights ship as JSON under
``ceasewatch/data/models/`` with the hash of the annotated data they were trained on;
``python -m ceasewatch.nlp.train`` rebuilds them from the repository's corpus.
"""
