"""Actors and roles: gazetteer, metonymy, coreference of names, titles, boilerplate."""

from __future__ import annotations

import pytest

from ingest.extract import extract_doc
from ingest.nlp import load_pipeline
from ingest.records import Article


@pytest.fixture(scope="module")
def run():
    nlp = load_pipeline()

    def _run(text: str):
        ex = extract_doc(nlp(text), Article(id="t", text=text, source="t.txt"))
        return ex, {a.id: a for a in ex.actors}
    return _run


def actor_names(ex):
    return {a.name for a in ex.actors}


def test_capital_as_actor_but_not_as_place(run):
    ex, _ = run("The Kremlin said the talks in Madrid were useless. Security guarantees have long been sought by Kyiv.")
    names = actor_names(ex)
    assert {"Russia", "Ukraine"} <= names and "Spain" not in names and "Madrid" not in names


def test_city_as_modifier_is_not_an_actor(run):
    ex, _ = run("Leaders left the Paris gathering without a deal.")
    assert "France" not in actor_names(ex)


def test_demonym_and_code_map_to_state_with_iso3(run):
    ex, _ = run("Ukrainian forces advanced while US officials met in Geneva.")
    states = {a.name: a for a in ex.actors if a.kind == "state"}
    assert states["Ukraine"].key == "state:UKR" and states["United States"].iso3 == "USA"
    assert "Ukrainian" in states["Ukraine"].aliases


def test_surname_joins_person_even_when_tagged_otherwise(run):
    ex, _ = run("Donald Trump met Macron on Monday. Any deal would require approval by Trump.")
    trumps = [a for a in ex.actors if "Trump" in a.name]
    assert len(trumps) == 1 and trumps[0].kind == "person" and trumps[0].mentions == 2


def test_groups_from_the_entity_ruler(run):
    ex, _ = run("The coalition of the willing met as Nato and the EU weighed new sanctions.")
    kinds = {a.name: a.kind for a in ex.actors}
    assert kinds["coalition of the willing"] == "group" and kinds["Nato"] == "group"


def test_boilerplate_makes_no_actors(run):
    ex, _ = run("Spain rejected the plan.\nWith assistance from Maria Lopez.\nSign up to the Europe newsletter.")
    assert "Maria Lopez" not in actor_names(ex)


@pytest.mark.parametrize("text,person,title,of", [
    ("French President Emmanuel Macron arrived.", "Emmanuel Macron", "President", "France"),
    ("Sweden's prime minister, Magdalena Andersson, spoke.", "Magdalena Andersson", "prime minister", "Sweden"),
    ("Jens Stoltenberg, Nato's secretary general, spoke.", "Jens Stoltenberg", "secretary general", "Nato"),
    ("The former Russian president Dmitry Medvedev spoke.", "Dmitry Medvedev", "former Russian president", "Russia"),
    ("Jared Kushner, Donald Trump's son-in-law, also attended.", "Jared Kushner", "son-in-law", "Donald Trump"),
])
def test_title_shapes(run, text, person, title, of):
    ex, names = run(text)
    (role,) = [r for r in ex.roles if names[r.person].name == person]
    assert role.title.lower().endswith(title.split()[-1].lower())
    assert of in (names[role.of].name, *names[role.of].aliases)
    assert text[role.start:role.end] == role.evidence


def test_role_description_resolves_to_the_person(run):
    ex, names = run("Ukrainian President Volodymyr Zelenskiy arrived in Rome. "
                    "The Ukrainian president has said he asked Italy for more air defence systems.")
    (s,) = [s for s in ex.stances if s.kind == "REQUEST"]
    assert names[s.actor].name == "Volodymyr Zelenskiy" and names[s.target].name == "Italy"


def test_honorific_joins_the_full_name(run):
    ex, _ = run("Patricia Lane spoke on Monday. Ms Lane said little.")
    (lane,) = [a for a in ex.actors if "Lane" in a.name]
    assert lane.name == "Patricia Lane" and lane.mentions == 2


def test_party_adjective_gives_the_title_its_of_actor(run):
    ex, names = run("Tory leader Michael Howard spoke. Liberal Democrat spokeswoman Jane Cole replied.")
    of = {names[r.person].name: names[r.of].name for r in ex.roles}
    assert of == {"Michael Howard": "Conservatives", "Jane Cole": "Liberal Democrats"}


def test_bare_title_describes_the_last_named_subject_and_takes_his_state(run):
    ex, names = run("Boris Johnson arrived in Brussels on Monday. "
                    "The prime minister said the UK would send more missiles to Ukraine.")
    (role,) = ex.roles
    assert (names[role.person].name, role.title, names[role.of].name) == ("Boris Johnson", "prime minister", "United Kingdom")
    (s,) = ex.stances
    assert names[s.actor].name == "Boris Johnson" and s.kind == "PLEDGE" and "missiles" in s.position.label


def test_name_in_apposition_to_a_title_is_a_person_whatever_ner_says(run):
    ex, _ = run("The Shadow Secretary of State for the Family, Theresa May, said the plans were a gimmick.")
    assert [(a.name, a.kind) for a in ex.actors] == [("Theresa May", "person")]


def test_seat_qualifying_a_title_gives_its_state(run):
    ex, names = run("Johnson also denied claims from Kremlin spokesperson Dmitry Peskov that he was anti-Russian.")
    (role,) = ex.roles
    assert names[role.person].name == "Dmitry Peskov" and names[role.of].name == "Russia"


def test_names_used_as_places_or_things_are_not_actors(run):
    ex, _ = run("Heavy fighting continued around the city of Popasna. Poland sent Bradley vehicles.")
    assert not ({"Popasna", "Bradley"} & actor_names(ex))


@pytest.mark.parametrize("text,person,title,of", [
    ("Jens Stoltenberg arrived. Stoltenberg, the Nato chief, spoke.", "Jens Stoltenberg", "chief", "Nato"),
    ("The head of the UN, Maria Costa, spoke.", "Maria Costa", "head", "United Nations"),
    ("Spain's foreign minister, Ana Ruiz, spoke.", "Ana Ruiz", "foreign minister", "Spain"),
    ("Poland's defence minister Jan Nowak spoke.", "Jan Nowak", "defence minister", "Poland"),
])
def test_title_shapes_after_and_around_the_name(run, text, person, title, of):
    ex, names = run(text)
    (role,) = [r for r in ex.roles if names[r.person].name == person]
    assert role.title.lower().endswith(title.split()[-1]) and of in (names[role.of].name, *names[role.of].aliases)


@pytest.mark.parametrize("text,person,title,of", [
    # a counterpart has the title of the person 'his' refers to, for the state the adjective names
    ("Chile’s foreign minister, Ana Ruiz, met her Peruvian counterpart, Luis Soto, on Tuesday.",
     "Luis Soto", "foreign minister", "Peru"),
    # the predicate of a relative 'who is'
    ("Tom Baker, who is Britain's defence secretary, spoke.", "Tom Baker", "defence secretary", "United Kingdom"),
    # the parser makes the name the object of the title's 'for' phrase
    ("Labour's deputy minister for women Jane Hill spoke.", "Jane Hill", "minister", "Labour"),
])
def test_counterparts_relatives_and_split_title_phrases(run, text, person, title, of):
    ex, names = run(text)
    (role,) = [r for r in ex.roles if names[r.person].name == person]
    assert role.title.lower().endswith(title.split()[-1]) and of in (names[role.of].name, *names[role.of].aliases)


def test_a_definite_title_qualified_by_a_party_describes_the_last_named_subject(run):
    ex, names = run("Tom Baker has launched an attack on the budget. The Tory leader said taxes were too high.")
    (role,) = ex.roles
    assert names[role.person].name == "Tom Baker" and role.title.endswith("leader") and names[role.of].name == "Conservatives"


def test_an_outlets_own_teasers_name_no_actors(run):
    ex, _ = run("But, as Mary Quint writes this week, drones are changing farming. "
                "Elsewhere, Paul Rudd looks at how the festival became a phenomenon.")
    assert not {"Mary Quint", "Paul Rudd"} & actor_names(ex)


def test_churches_and_un_offices_are_organizations(run):
    ex, _ = run("The Russian Orthodox church declined to comment. The UN human rights office published a report.")
    kinds = {a.name: a.kind for a in ex.actors}
    assert kinds.get("Russian Orthodox church") == "organization" and kinds.get("UN human rights office") == "organization"


def test_a_closing_quote_glued_to_the_next_sentence_is_split_off(run):
    ex, _ = run("“We will not give up,” she said. “It is a tragedy.”Marta Lind would not commit to the plan.")
    assert "Marta Lind" in actor_names(ex)
