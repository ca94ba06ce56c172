"""The team's annotated corpus (``corpus/``): every batch passes the annotation checks
(fields, verbatim evidence, one incident per document, sidecars, no held-out text)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not (SHARED / "excluded.py").exists(), reason="../shared/corpus absent")
def test_every_batch_passes_the_annotation_checks() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "corpus" / "check_gold.py")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]
    articles = int(out.stdout.strip().splitlines()[-1].split()[0])
    assert articles >= 150
