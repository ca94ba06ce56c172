"""The actor dictionary and the actors stage, on composed wire, statement and analysis text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch.nlp.actors import (
    ACTOR_KINDS,
    get_actor_dictionary,
    load_actor_dictionary,
    normalise,
    read_actors,
)
from ceasewatch.nlp.gazetteer import DATA_DIR
from ceasewatch.nlp.matcher import DataFileError, phrase_key
from ceasewatch.nlp.stages.actors import find_actors

PK_FORCES = "Military Forces of Pakistan"
PK_GOV = "Government of Pakistan"
AF_FORCES = "Military Forces of Afghanistan (Taliban)"
AF_GOV = "Government of Afghanistan (Taliban)"


@pytest.mark.parametrize(("surface", "name"), [
    ("Pakistani troops", PK_FORCES),
    ("Pak army", PK_FORCES),
    ("ISPR", PK_FORCES),
    ("Inter-Services Public Relations", PK_FORCES),
    ("Pakistan's military", PK_FORCES),
    ("Pakistan’s armed forces", PK_FORCES),
    ("Pakistani security forces", PK_FORCES),
    ("Frontier Corps", PK_FORCES),
    ("Pakistan Air Force", PK_FORCES),
    ("Pakistani jets", PK_FORCES),
    ("Islamabad", PK_GOV),
    ("Pakistani government", PK_GOV),
    ("Pakistan's information ministry", PK_GOV),
    ("Foreign Office", PK_GOV),
    ("Khawaja Asif", PK_GOV),
    ("Afghan forces", AF_FORCES),
    ("Afghan border forces", AF_FORCES),
    ("Taliban fighters", AF_FORCES),
    ("Ministry of Defence of Afghanistan", AF_FORCES),
    ("Kabul", AF_GOV),
    ("Taliban government", AF_GOV),
    ("Islamic Emirate", AF_GOV),
    ("Afghan officials", AF_GOV),
    ("Zabihullah Mujahid", AF_GOV),
    ("TTP", "TTP"),
    ("Tehrik-e-Taliban Pakistan", "TTP"),
    ("Tehrik-i-Taliban Pakistan", "TTP"),
    ("Tehreek-e-Taliban", "TTP"),
    ("Tehrik e Taliban Pakistan", "TTP"),
    ("Fitna al-Khawarij", "TTP"),
    ("IS-K", "ISKP"),
    ("Islamic State Khorasan Province", "ISKP"),
    ("Baloch Liberation Army", "BLA"),
    ("Afghan civilians", "Civilians (Afghanistan)"),
    ("Pakistani civilians", "Civilians (Pakistan)"),
    ("Qatari mediators", "Government of Qatar"),
    ("Türkiye", "Government of Turkey"),
    ("Reuters", "Reuters"),
])
def test_normalise_spellings(surface: str, name: str) -> None:
    actor = normalise(surface)
    assert actor is not None and actor.name == name


def test_afghan_taliban_versus_pakistani_taliban() -> None:
    assert normalise("Afghan Taliban").side == "AF"  # type: ignore[union-attr]
    assert normalise("Pakistani Taliban").side == "TTP"  # type: ignore[union-attr]
    assert normalise("Taliban").name == AF_GOV  # type: ignore[union-attr]
    text = ("Islamabad accuses the Afghan Taliban of sheltering the Pakistani Taliban, "
            "while Taliban fighters and Pakistani troops traded fire.")
    found = [(a.surface, a.actor.name) for a in find_actors(text)]
    assert found == [("Islamabad", PK_GOV), ("Afghan Taliban", AF_GOV),
                     ("Pakistani Taliban", "TTP"), ("Taliban fighters", AF_FORCES),
                     ("Pakistani troops", PK_FORCES)]


def test_normalise_claimant_phrases_reads_the_longest_spelling_inside() -> None:
    assert normalise("according to local Afghan officials").name == AF_GOV  # type: ignore
    assert normalise("a senior Pakistani military official").name == PK_FORCES  # type: ignore
    assert normalise("an unnamed source") is None
    assert normalise("") is None


def test_official_statement_offsets_and_sides() -> None:
    text = ("In a statement, ISPR said the Frontier Corps repulsed an attack by khawarij of "
            "the so-called TTP, and warned the Islamic Emirate's forces against further "
            "provocation.")
    spans = find_actors(text)
    for span in spans:
        assert text[span.start:span.end] == span.surface
    assert [(s.surface, s.actor.side) for s in spans] == [
        ("ISPR", "PK"), ("Frontier Corps", "PK"), ("khawarij", "TTP"), ("TTP", "TTP"),
        ("Islamic Emirate's forces", "AF")]


def test_acronyms_match_only_as_written() -> None:
    assert find_actors("the ttp, the fc and the bla are lower-case words here") == []
    assert [s.actor.name for s in find_actors("TTP and BLA")] == ["TTP", "BLA"]
    text = "U.N. monitors, U-N codes, U\nN labels, FC Barcelona fans and FC personnel"
    assert [(s.surface, s.actor.name) for s in find_actors(text)] == [
        ("U.N", "United Nations"), ("FC personnel", PK_FORCES)]


def test_unattributed_words_are_not_actors() -> None:
    text = "Security forces said militants attacked a checkpoint; the military responded."
    assert find_actors(text) == []


def test_dictionary_shape() -> None:
    actors = read_actors(DATA_DIR / "theaters" / "afpak" / "actors.yaml")
    names = [a.name for a, _ in actors]
    assert len(names) == len(set(names))
    assert all(a.kind in ACTOR_KINDS for a, _ in actors)
    assert {PK_FORCES, PK_GOV, AF_FORCES, AF_GOV, "TTP"} <= set(names)
    assert get_actor_dictionary().unresolved == ()
    owner: dict[tuple[str, ...], str] = {}
    for actor, aliases in actors:
        for alias in (actor.name, *aliases):
            key = phrase_key(alias)
            assert owner.setdefault(key, actor.name) == actor.name, f"{alias!r} names two actors"


def test_alias_file_adds_other_language_names(tmp_path: Path) -> None:
    aliases = tmp_path / "actor_aliases.xx.tsv"
    aliases.write_text("# test\n巴塔测试\tTTP\nد پاکستان پوځ\tMilitary Forces of Pakistan\n"
                       "某组织\tNo Such Actor\n", encoding="utf-8")
    dictionary = load_actor_dictionary(extra_alias_files=[aliases])
    assert any("No Such Actor" in line for line in dictionary.unresolved)
    spans = find_actors("据报道巴塔测试武装人员发动袭击", dictionary=dictionary)
    assert [(s.surface, s.actor.name) for s in spans] == [("巴塔测试", "TTP")]
    spans = find_actors("د پاکستان پوځ وویل", dictionary=dictionary)
    assert [s.actor.name for s in spans] == [PK_FORCES]


def test_bad_actor_file_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "theaters" / "afpak").mkdir(parents=True)
    path = tmp_path / "theaters" / "afpak" / "actors.yaml"
    path.write_text("actors:\n  - name: Someone\n    kind: wizard\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_actor_dictionary(data_dir=tmp_path)
    assert "actors.yaml" in str(err.value) and "actors[0].kind" in str(err.value)
    path.write_text("actors: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="invalid YAML"):
        load_actor_dictionary(data_dir=tmp_path)
