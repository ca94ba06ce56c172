"""Nothing theater-specific in new code: the Afghanistan–Pakistan names live in data.

The files listed in ``KNOWN`` still name that theater in code or docstrings (the gazetteer's
country order, examples in docstrings, the sitrep's default): a debt to pay off, not a
licence. This test fails when any other module starts naming it; drop a module from the
list once it no longer does. (Modules of the export, import, reliability and evidence work,
merged together, joined the list with examples in their docstrings and the theater's default.)
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ceasewatch"
NAMES = re.compile(r"Afghanistan|Pakistan|Afghan|Kabul|Islamabad|Taliban|\bTTP\b|Durand|"
                   r"Torkham|Chaman|Khyber|afpak")
KNOWN = frozenset({
    "accords/accord_file.py",
    "accords/detection.py",
    "accords/ledger.py",
    "accords/rules.py",
    "accords/verification.py",
    "cli/demo.py",
    "cli/external.py",
    "cli/merge.py",
    "cli/sitrep.py",
    "evaluate.py",
    "exports/codes.py",
    "exports/items.py",
    "fusion/candidates.py",
    "fusion/clustering.py",
    "fusion/compatibility.py",
    "fusion/evidence.py",
    "fusion/inspect.py",
    "imports/__init__.py",
    "imports/compare.py",
    "ingest/feed.py",
    "ingest/html.py",
    "ingest/language.py",
    "ingest/metadata.py",
    "nlp/actors.py",
    "nlp/arabic_script/__init__.py",
    "nlp/arabic_script/calendar.py",
    "nlp/arabic_script/dates.py",
    "nlp/claimants.py",
    "nlp/fuzzy_places.py",
    "nlp/gazetteer.py",
    "nlp/learned/training.py",
    "nlp/lexicon.py",
    "nlp/matcher.py",
    "nlp/spans.py",
    "nlp/stages/actors.py",
    "nlp/stages/arguments.py",
    "nlp/stages/attribution.py",
    "nlp/stages/learned.py",
    "nlp/stages/numbers.py",
    "nlp/stages/places.py",
    "nlp/zh/__init__.py",
    "nlp/zh/segment.py",
    "records.py",
})


def test_no_new_module_names_the_first_theater() -> None:
    naming = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
              if NAMES.search(p.read_text(encoding="utf-8"))}
    assert naming - KNOWN == set(), "theater names belong in data/theaters/<name>/"


def test_the_theater_modules_are_neutral() -> None:
    for module in ("theaters.py", "nlp/world_places.py", "cli/theater.py"):
        assert not NAMES.search((PACKAGE / module).read_text(encoding="utf-8")), module
