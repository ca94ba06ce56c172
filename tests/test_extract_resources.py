"""The language registry, lexicon loading and the taxonomy crosswalk."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from ceasewatch.nlp import languages
from ceasewatch.nlp.lexicon import LexiconError, build_lexicon, load_lexicon
from ceasewatch.nlp.pipeline import build_pipeline, extract_mentions
from ceasewatch.nlp.taxonomy import TaxonomyError, get_taxonomy, parse_taxonomy
from ceasewatch.records import Document, content_hash

NATIVE_TYPES = {
    "armed_clash", "air_strike", "shelling", "explosion", "suicide_bombing",
    "attack_on_civilians", "territory_seized", "ceasefire_agreement", "talks_held",
    "border_closure", "border_reopening", "trade_suspension", "deportation", "arrest",
    "diplomatic_step", "diplomatic_visit", "abduction", "grenade", "drone_intercepted",
    "peaceful_protest"}


def test_taxonomy_has_exactly_the_native_types_with_acled_wording() -> None:
    tax = get_taxonomy()
    assert set(tax) == NATIVE_TYPES
    assert (tax["air_strike"].acled_event_type, tax["air_strike"].acled_sub_event_type) == (
        "Explosions/Remote violence", "Air/drone strike")
    assert tax["talks_held"].acled_sub_event_type == "Agreement"
    assert tax["border_reopening"].acled_sub_event_type == "Change to group/activity"
    assert tax["deportation"].acled_sub_event_type == "Other"
    assert tax["arrest"].acled_sub_event_type == "Arrests"
    # sub-types real reports hold that no native type reached before (54 gold events of
    # "Disrupted weapons use", 17 abductions, 14 peaceful protests, 5 grenades)
    assert tax["drone_intercepted"].acled_sub_event_type == "Disrupted weapons use"
    assert tax["abduction"].acled_sub_event_type == "Abduction/forced disappearance"
    assert tax["peaceful_protest"].acled_event_type == "Protests"
    assert tax["grenade"].acled_sub_event_type == "Grenade"
    for context in ("diplomatic_step", "diplomatic_visit"):
        assert tax[context].acled_event_type is None and tax[context].cameo
    assert all(t.cameo for t in tax.values())


def test_malformed_taxonomy_names_the_line() -> None:
    header = ("native_type\tacled_event_type\tacled_sub_event_type\tcameo\tcameo_label\t"
              "plover\tkind\tnote")
    with pytest.raises(TaxonomyError, match=":3"):
        parse_taxonomy(f"# comment\n{header}\nair_strike\tBattles\t\t195\tx\tASSAULT\tkinetic\t")


def test_every_english_trigger_type_is_in_the_taxonomy() -> None:
    assert set(load_lexicon("en").native_types) <= NATIVE_TYPES


def test_bad_lexicon_pattern_is_a_clear_error() -> None:
    with pytest.raises(LexiconError, match="bad trigger pattern"):
        build_lexicon("xx", {"triggers": {"armed_clash": ["clash(es"]}})
    with pytest.raises(LexiconError, match="unknown cue kinds"):
        build_lexicon("xx", {"triggers": {"armed_clash": ["clash"]}, "cues": {"maybe": ["x"]}})


def test_a_language_registers_without_editing_the_stages() -> None:
    english = languages.get_language("en")
    assert english is not None
    lexicon = build_lexicon("xx", {"triggers": {"armed_clash": ["kolizja"]}})
    calls: list[str] = []

    def factory() -> languages.LanguageResources:
        calls.append("built")
        return dataclasses.replace(english, code="xx", lexicon=lexicon)

    languages.register_language("xx", factory)
    try:
        text = "Na granicy doszło do kolizja on March 2, 2026."
        doc = Document(id=content_hash(text), text=text, origin="t", name="xx.txt",
                       format="text", published=date(2026, 3, 4), language="xx")
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("ceasewatch.nlp.stages.sentences._ingest_paragraph_languages",
                       lambda: None)
            found = extract_mentions(doc)
            extract_mentions(doc)
        assert [(m.native_type, m.language) for m in found] == [("armed_clash", "xx")]
        assert calls == ["built"]  # resources built once per process
    finally:
        languages._factories.pop("xx", None)
        languages._cache.pop("xx", None)


def test_unknown_language_is_skipped_not_guessed() -> None:
    assert languages.get_language("qq") is None


def test_pipeline_order_is_checked_when_built() -> None:
    with pytest.raises(ValueError, match="needs"):
        build_pipeline(("sentences", "events", "merge"))
    with pytest.raises(ValueError, match="unknown extraction stage"):
        build_pipeline(("sentences", "nonsense"))
