"""Ingestion: files, folders, stdin and feeds -> :class:`~ceasewatch.records.Document`.

``sources`` walks the inputs and dispatches by format to ``text`` (encodings), ``html``
(trafilatura) and ``feed`` (feedparser); ``metadata`` merges sidecar, page, feed and date-line
metadata; ``language`` identifies languages offline, per document and per paragraph. Nothing
here touches the store: ``ceasewatch.api.ingest`` stores what ``iter_documents`` yields.
"""
