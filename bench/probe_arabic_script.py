"""How well Pashto, Dari and Urdu names and dates are read: a probe on composed sentences.

The 24 sentences below were composed for this probe in the style of Afghan and Pakistani news
(none is copied from a report, none is one of ``tests/test_arabic_script.py``'s); each lists
the places and actors a careful annotator would link, the dates it states (publication date:
Monday 10 November 2025) and the event it reports. The probe prints, per language, recall and
precision of place and actor linking, date accuracy and the events the pipeline finds, then
every miss and every unexpected link. It is a measurement, not a test: the sentences are too
few to tune rules on.

    .venv/bin/python bench/probe_arabic_script.py [--json] [--verbose]

Gold conventions: ``places``/``actors`` are required links (a tuple means "any of these");
country names and country-level places are neither required nor counted as wrong, and
``optional`` lists further links that are acceptable but not required.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from typing import Any

PUBLISHED = date(2025, 11, 10)
AF = ("Government of Afghanistan (Taliban)", "Military Forces of Afghanistan (Taliban)")
PK_FORCES = "Military Forces of Pakistan"
PK_GOV = "Government of Pakistan"


@dataclass(frozen=True)
class Probe:
    lang: str
    text: str
    places: tuple[str | tuple[str, ...], ...] = ()
    actors: tuple[str | tuple[str, ...], ...] = ()
    dates: tuple[str, ...] = ()
    event: tuple[str, ...] = ()  # acceptable native event types; () = no event
    optional: tuple[str, ...] = ()


PROBES: tuple[Probe, ...] = (
    # -- Urdu -----------------------------------------------------------------------------
    Probe("ur", "پاکستانی فوج نے 12 اکتوبر کو چمن کے قریب افغان طالبان کی چوکیوں کو نشانہ بنایا۔",
          ("Chaman",), (PK_FORCES, AF), ("2025-10-12",), ("armed_clash", "shelling")),
    Probe("ur", "آئی ایس پی آر کے مطابق شمالی وزیرستان میں فتنہ الخوارج کے 15 دہشت گرد مارے گئے۔",
          ("North Waziristan",), (PK_FORCES, "TTP"), (), ("armed_clash",)),
    Probe("ur", "طورخم بارڈر 20 اکتوبر 2025ء کو تجارت کے لیے دوبارہ کھول دیا گیا۔",
          ("Torkham",), (), ("2025-10-20",), ("border_reopening",)),
    Probe("ur", "قطر اور ترکی کی ثالثی سے دوحہ میں پاکستان اور افغانستان کے درمیان جنگ بندی کا"
                " معاہدہ طے پا گیا۔",
          ("Doha",), ("Government of Qatar", "Government of Turkey"), (),
          ("ceasefire_agreement",), (PK_GOV, AF[0])),
    Probe("ur", "کرم میں سرحد پار سے فائرنگ کے نتیجے میں ایف سی کے دو اہلکار شہید ہو گئے۔",
          ("Kurram",), (PK_FORCES,), (), ("armed_clash", "shelling")),
    Probe("ur", "وزیر دفاع خواجہ آصف نے کہا کہ کابل کی طالبان حکومت دہشت گردی روکنے میں ناکام رہی"
                " ہے۔",
          ("Kabul",), (AF[0],), (), (), (PK_GOV,)),
    Probe("ur", "استنبول میں مذاکرات کا تیسرا دور 6 نومبر کو شروع ہوا۔",
          ("Istanbul",), (), ("2025-11-06",), ("talks_held",)),
    Probe("ur", "صوبہ بلوچستان کے ضلع ژوب میں سکیورٹی فورسز نے شدت پسندوں کے خلاف آپریشن کیا۔",
          ("Zhob", "Balochistan"), (), (), (), (PK_FORCES,)),
    # -- Pashto ---------------------------------------------------------------------------
    Probe("ps", "د پاکستان پوځ د تلې په ۱۷مه په کابل او پکتیکا هوايي بریدونه وکړل.",
          ("Kabul", "Paktika"), (PK_FORCES,), ("2025-10-09",), ("air_strike",)),
    Probe("ps", "د اسلامي امارت ویاند ذبیح الله مجاهد وویل چې د سپین بولدک په سیمه کې نښتې وشوې.",
          ("Spin Boldak",), (AF,), (), ("armed_clash",)),
    Probe("ps", "د تورخم لاره د اکتوبر په ۱۲مه وتړل شوه.",
          ("Torkham",), (), ("2025-10-12",), ("border_closure",)),
    Probe("ps", "په خوست ولایت کې د پاکستاني ځواکونو په برید کې درې ملکي وګړي ووژل شول.",
          ("Khost",), (PK_FORCES,), (),
          ("attack_on_civilians", "air_strike", "shelling", "armed_clash"),
          ("Civilians (Afghanistan)",)),
    Probe("ps", "د قطر او ترکیې په منځګړیتوب په دوحه کې اوربند لاسلیک شو.",
          ("Doha",), ("Government of Qatar", "Government of Turkey"), (),
          ("ceasefire_agreement",)),
    Probe("ps", "د کندهار والي وویل چې د ډیورنډ کرښې په اوږدو کې جګړې روانې دي.",
          ("Kandahar", "Afghanistan-Pakistan border"), (), (), ("armed_clash",), (AF[0],)),
    Probe("ps", "تحریک طالبان پاکستان په خیبر پښتونخوا کې پر یوې پوستې برید وکړ.",
          ("Khyber Pakhtunkhwa",), ("TTP",), (), ("armed_clash",)),
    Probe("ps", "د لړم په ۱۵مه په استانبول کې د خبرو درېیم پړاو پیل شو.",
          ("Istanbul",), (), ("2025-11-06",), ("talks_held",)),
    # -- Dari -----------------------------------------------------------------------------
    Probe("fa", "نیروهای پاکستانی روز پنجشنبه در نزدیکی اسپین بولدک با نیروهای امارت اسلامی درگیر"
                " شدند.",
          ("Spin Boldak",), (PK_FORCES, AF[1]), ("2025-11-06",), ("armed_clash",)),
    Probe("fa", "سخنگوی وزارت دفاع ملی گفت که حملات هوایی پاکستان در ولایت پکتیکا ده غیرنظامی را"
                " کشته است.",
          ("Paktika",), (), (), ("air_strike",),
          (*AF, PK_GOV, PK_FORCES, "Civilians (Afghanistan)")),
    Probe("fa", "گذرگاه تورخم پس از بیست روز بازگشایی شد.",
          ("Torkham",), (), (), ("border_reopening",)),
    Probe("fa", "توافق آتش‌بس روز ۲۷ میزان در دوحه امضا شد.",
          ("Doha",), (), ("2025-10-19",), ("ceasefire_agreement",)),
    Probe("fa", "طالبان پاکستانی از خاک افغانستان برای حمله به پاکستان استفاده می‌کنند.",
          (), ("TTP",), (), (), (PK_GOV,)),
    Probe("fa", "در ولسوالی دند پتان ولایت پکتیا درگیری‌های مرزی رخ داد.",
          ("Dand Patan", "Paktia"), (), (), ("armed_clash",)),
    Probe("fa", "هیئت امارت اسلامی به رهبری ملا محمد یعقوب در استانبول با هیئت پاکستانی دیدار کرد.",
          ("Istanbul",), (AF, PK_GOV), (), ("talks_held",)),
    Probe("fa", "ارتش پاکستان روز ۱۷ میزان ۱۴۰۴ شهر کابل را بمباران کرد.",
          ("Kabul",), (PK_FORCES,), ("2025-10-09",), ("air_strike",)),
)


def _ok(found: set[str], want: str | tuple[str, ...]) -> bool:
    return bool(found & ({want} if isinstance(want, str) else set(want)))


def _allowed(p: Probe, kind: str) -> set[str]:
    wanted = p.places if kind == "places" else p.actors
    out = set(p.optional)
    for w in wanted:
        out |= {w} if isinstance(w, str) else set(w)
    return out


def probe(p: Probe) -> dict[str, Any]:
    """Links, dates and events found in one sentence, scored against its gold."""
    from ceasewatch.nlp.languages import get_language
    from ceasewatch.nlp.pipeline import extract_mentions
    from ceasewatch.records import Document, content_hash

    res = get_language(p.lang)
    assert res is not None, p.lang
    place_spans = res.find_places(p.text, ("AF", "PK"))
    places = {s.place.name for s in place_spans}
    countries = {s.place.name for s in place_spans if s.place.precision == "country"}
    actors = {s.actor.name for s in res.find_actors(p.text)}
    dates = [d.value.isoformat() for d in res.find_dates(p.text, PUBLISHED)]
    doc = Document(id=content_hash(p.text), text=p.text, origin="probe", name="probe.txt",
                   format="text", published=PUBLISHED, published_precision="day",
                   language=p.lang)
    events = [m.native_type for m in extract_mentions(doc)]
    triggers = sorted({m.lastgroup or "" for m in res.lexicon.triggers.finditer(p.text)})
    return {
        "lang": p.lang, "text": p.text,
        "places_hit": sum(_ok(places, w) for w in p.places), "places_want": len(p.places),
        "places_wrong": sorted(places - _allowed(p, "places") - countries),
        "places_missed": [w for w in p.places if not _ok(places, w)],
        "actors_hit": sum(_ok(actors, w) for w in p.actors), "actors_want": len(p.actors),
        # a bare country name links to its government: neither required nor wrong
        "actors_wrong": sorted(actors - _allowed(p, "actors") - {PK_GOV, AF[0]}),
        "actors_missed": [w for w in p.actors if not _ok(actors, w)],
        "dates_right": int(sorted(dates) == sorted(p.dates)), "dates": dates,
        "dates_want": list(p.dates), "event_want": list(p.event), "triggers": triggers,
        "trigger_right": int(bool(set(p.event) & set(triggers))) if p.event
        else int(not triggers),
        # undated sentences are never events (by design): only dated ones can be extracted
        "events": events, "event_right": int(bool(set(p.event) & set(events))) if p.event
        else int(not events),
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for lang in ("ur", "ps", "fa", "all"):
        mine = [r for r in rows if lang in ("all", r["lang"])]

        def total(key: str, rows: list[dict[str, Any]] = mine) -> int:
            return sum(r[key] if isinstance(r[key], int) else len(r[key]) for r in rows)

        hits_p, hits_a = total("places_hit"), total("actors_hit")
        out[lang] = {
            "sentences": len(mine),
            "place_recall": f"{hits_p}/{total('places_want')}",
            "place_wrong_links": total("places_wrong"),
            "actor_recall": f"{hits_a}/{total('actors_want')}",
            "actor_wrong_links": total("actors_wrong"),
            "dated_sentences_right": f"{sum(r['dates_right'] for r in mine if r['dates_want'])}"
                                     f"/{sum(1 for r in mine if r['dates_want'])}",
            "undated_sentences_without_false_date":
                f"{sum(r['dates_right'] for r in mine if not r['dates_want'])}"
                f"/{sum(1 for r in mine if not r['dates_want'])}",
            "trigger_right": f"{sum(r['trigger_right'] for r in mine)}/{len(mine)}",
            "dated_events_extracted":
                f"{sum(r['event_right'] for r in mine if r['dates_want'] and r['event_want'])}"
                f"/{sum(1 for r in mine if r['dates_want'] and r['event_want'])}",
        }
    return out


def main(argv: list[str]) -> int:
    rows = [probe(p) for p in PROBES]
    summary = summarise(rows)
    if "--json" in argv:
        print(json.dumps({"summary": summary, "sentences": rows}, ensure_ascii=False, indent=1))
        return 0
    for lang, s in summary.items():
        print(f"{lang:<4} " + "  ".join(f"{k}={v}" for k, v in s.items()))
    for r in rows:
        faults = {k: r[k] for k in ("places_missed", "places_wrong", "actors_missed",
                                    "actors_wrong") if r[k]}
        if not r["dates_right"]:
            faults["dates"] = f"{r['dates']} (want {r['dates_want']})"
        if not r["trigger_right"]:
            faults["triggers"] = f"{r['triggers']} (want one of {r['event_want']})"
        if r["dates_want"] and not r["event_right"]:
            faults["events"] = f"{r['events']} (want one of {r['event_want']})"
        if faults or "--verbose" in argv:
            print(f"\n[{r['lang']}] {r['text']}")
            for k, v in faults.items():
                print(f"    {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
