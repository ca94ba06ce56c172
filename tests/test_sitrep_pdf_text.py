"""The PDF sitrep carries Chinese (and other scripts) as real text in embedded fonts: poppler's
``pdftotext`` reads the Chinese title of a Chinese report back, ``pdffonts`` lists an embedded
CJK font, and ``pdftoppm`` renders every page to a PNG.

Needs WeasyPrint (the ``pdf`` extra), poppler-utils and a CJK font (Debian's fonts-noto-cjk);
``.ci/run`` installs them, and the test says which one is missing where it skips.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "zh" / "spin_boldak_zh.txt"
TITLE = "阿巴边境斯平布尔达克附近再次发生交火"  # the report's title, from its sidecar


def _cjk_font_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                            check=False).stdout
    return bool(listed.strip())


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for tool in ("pdftotext", "pdftoppm", "pdffonts"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is missing: install Debian's poppler-utils")
    if not _cjk_font_installed():
        pytest.skip("no Chinese font: install Debian's fonts-noto-cjk")
    pytest.importorskip("matplotlib")
    pytest.importorskip("ceasewatch.nlp.pipeline", reason="extraction is not in this build")
    from ceasewatch import api
    from ceasewatch.reports.render import write_sitrep
    from ceasewatch.reports.sitrep import build_sitrep
    from ceasewatch.store import open_store

    folder = tmp_path_factory.mktemp("pdf-zh")
    with open_store(folder / "zh.db") as store:
        assert api.ingest(store, [str(FIXTURE)]).ok
        model = build_sitrep(store, date(2025, 11, 2), date(2025, 11, 8))
    try:
        return write_sitrep(model, folder / "sitrep.pdf")
    except Exception as exc:  # WeasyPrint without pango
        if "pango" in str(exc).lower() or "weasyprint" in str(exc).lower():
            pytest.skip(f"WeasyPrint or its system libraries (pango) are missing: {exc}")
        raise


def test_the_chinese_text_of_the_pdf_is_extracted(pdf: Path) -> None:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert TITLE in text.replace("\n", "")
    assert "Spin Boldak" in text  # and the Latin text beside it


def test_a_cjk_font_is_embedded(pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "WenQuanYi" in line
           or "Droid" in line]
    assert cjk, fonts
    assert all(" yes " in line for line in cjk)  # embedded (a subset), not referenced


def test_every_page_renders_to_png(pdf: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True)
    pages = sorted(tmp_path.glob("page*.png"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=False).stdout if shutil.which("pdfinfo") else ""
    expected = next((int(line.split()[-1]) for line in info.splitlines()
                     if line.startswith("Pages:")), None)
    assert pages and (expected is None or len(pages) == expected)
    for page in pages:
        data = page.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
