"""Reads during a big upload (issue 16): nothing an upload needs runs on the event loop or
holds the interpreter lock for long."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasewatch import records
from ceasewatch.records import content_hash


def _whole(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab é\n\t\u3000\x1c\u2028")), max_size=80),
       piece=st.integers(1, 9))
def test_the_hash_by_pieces_is_the_hash_of_the_whole(text: str, piece: int) -> None:
    saved = records.HASH_PIECE_CHARS
    records.HASH_PIECE_CHARS = piece
    try:
        assert content_hash(text) == _whole(text)
    finally:
        records.HASH_PIECE_CHARS = saved


def test_a_long_text_hashes_as_before() -> None:
    text = "Pakistani and Afghan forces exchanged fire near Chaman.\n\n " * 5000
    assert content_hash(text) == _whole(text)


def test_an_upload_is_hashed_and_written_off_the_event_loop(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from fastapi.testclient import TestClient

    from ceasewatch.web import api as web_api
    from ceasewatch.web.app import create_app

    on_loop: list[bool] = []
    real = web_api.upload_path

    def spy(folder: Path, name: str | None, data: bytes) -> Path:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return real(folder, name, data)

    monkeypatch.setattr(web_api, "upload_path", spy)
    app = create_app(tmp_path / "u.db", token="t", uploads_dir=tmp_path / "up")
    with TestClient(app) as client:
        answer = client.post("/api/documents", headers={"Authorization": "Bearer t"},
                             files={"file": ("a.txt", b"Troops clashed near Chaman on 3 May.")})
    assert answer.status_code in (200, 201)
    assert on_loop == [False]
