"""Rule profiles: the state's rules as data, chosen by the plan, its agenda or the default,
added to or replaced from a district's folder, and refused with a located message when broken."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.model.rules import FEDERAL, RULE_TABLES, Profile
from iep_meeting.store.agenda_files import agenda_from_text, find_agenda
from iep_meeting.store.codec import DocumentError
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.plan_file import create_plan_file
from iep_meeting.store.profile_files import (
    UnknownProfileError,
    available_profiles,
    find_profile,
    profile_for,
    profile_from_text,
)
from tests.conftest import UserFolders
from tests.factories import PERIOD_START, small_plan

ANNUAL = find_agenda("annual-review").agenda

PLANNING = """
[transition_planning]
age = 14
cite = "State rule 15"
source = "State code §15"

[[transition_planning.items]]
id = "employment"
words = "employment goals"
cite = "State code §15(a)"
shown_by = "transition.employment_goal"
from_age = 18
"""

STATE = """\
id = "district"
title = "A district's own rules"

[transition]
age = 14
cite = "State rule 14"
source = "State code §14, quoted"
"""


def without_texts(profile: Profile) -> Profile:
    """The profile's rules without the texts that only document them (its quotes and guidance)."""
    return attrs.evolve(
        profile,
        description="",
        source="",
        **{table: attrs.evolve(getattr(profile, table), quote="", guidance="") for table in RULE_TABLES},
    )


def test_the_federal_file_says_what_the_program_assumes():
    federal = find_profile("federal").profile
    assert without_texts(federal) == FEDERAL
    assert federal.transition.quote.startswith("Beginning not later than the first IEP")  # the texts are there


def test_each_shipped_state_profile_cites_a_source_for_every_rule():
    sources, errors = available_profiles()
    assert errors == []
    states = [source.profile for source in sources if source.id != "federal"]
    assert {p.id for p in states} == {"texas", "massachusetts"}
    for profile in states:
        for rule in (profile.transition, profile.majority, profile.consent, profile.signatures):
            assert rule.cite.strip() and rule.source.strip()
    assert find_profile("massachusetts").profile.transition.age == 14
    assert find_profile("massachusetts").profile.consent.every_iep
    assert find_profile("texas").profile.signatures.meaning.value == "attendance"


def test_the_plan_names_its_profile_else_the_agenda_else_federal():
    plan = small_plan()
    assert profile_for(plan, ANNUAL) == find_profile("federal").profile
    texan_agenda = attrs.evolve(ANNUAL, profile="texas")
    assert profile_for(plan, texan_agenda).id == "texas"
    assert profile_for(attrs.evolve(plan, profile="massachusetts"), texan_agenda).id == "massachusetts"


def test_a_district_adds_and_overrides_profiles_in_its_folder(isolated_user: UserFolders):
    folder = isolated_user.agendas / "profiles"
    folder.mkdir()
    (folder / "district.toml").write_text(STATE)
    (folder / "texas.toml").write_text(STATE.replace('"district"', '"texas"').replace("age = 14", "age = 15"))
    assert find_profile("district").profile.transition_age == 14
    texas = find_profile("texas")
    assert texas.profile.transition_age == 15 and not texas.built_in
    assert {s.id for s in available_profiles()[0]} == {"federal", "texas", "massachusetts", "district"}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (STATE.replace("age = 14", "age = 40"), "line 5, at transition.age: expected an age from 12 to 21"),
        (STATE.replace("cite =", "cited ="), "unknown key 'cited' — did you mean 'cite'?"),
        (STATE.replace('cite = "State rule 14"\n', ""), "line 4, at transition: say where this rule comes from"),
        (STATE + '[signatures]\nmeaning = "agree"\ncite = "c"\nsource = "s"\n', 'did you mean "agreement"?'),
        (
            STATE + '[[requires]]\npath = "goals.basline"\nwords = "w"\ncite = "c"\n',
            "at requires[0].path: 'goals.basline' is not a plan field path — did you mean 'goals.baseline'?",
        ),
        (STATE.replace('"district"', '"other"'), "the id 'other' must match the file name: set id = \"district\""),
        ("id = [", "line 1"),
        (
            STATE + PLANNING.replace('shown_by = "transition.employment_goal"', 'shown_by = "goals.target"'),
            "at transition_planning.items[0].shown_by: 'goals.target' is not a transition field",
        ),
        (STATE + PLANNING.replace("from_age = 18", "from_age = 81"), "at transition_planning.items[0].from_age"),
        (STATE + PLANNING.replace("age = 14\n", ""), "say from which age the items are considered"),
        (STATE + PLANNING + PLANNING.split("\n", 6)[-1], "the id 'employment' is used twice"),
        (STATE + "[recess]\noffered = true\n", "line 8, at recess: say where this rule comes from"),
        (STATE + '[translation]\nlanguage = "spanich"\ncite = "c"\nsource = "s"\n', 'did you mean "spanish"?'),
    ],
    ids=[
        "age",
        "unknown-key",
        "no-cite",
        "meaning",
        "path",
        "id",
        "not-toml",
        "shown-by",
        "item-age",
        "planning-age",
        "item-twice",
        "recess-cite",
        "translation",
    ],
)
def test_a_bad_profile_is_refused_with_file_line_and_key(text, says, isolated_user: UserFolders):
    folder = isolated_user.agendas / "profiles"
    folder.mkdir()
    (folder / "district.toml").write_text(text)
    with pytest.raises(FileProblemError) as caught:
        find_profile("district")
    message = str(caught.value)
    assert "district.toml" in message and says in message, message
    sources, errors = available_profiles()  # the others still load
    assert "federal" in {s.id for s in sources} and len(errors) == 1


def test_an_unknown_profile_names_the_ones_there_are():
    with pytest.raises(UnknownProfileError) as caught:
        profile_for(attrs.evolve(small_plan(), profile="texs"), ANNUAL)
    assert "'texs'" in str(caught.value) and "Did you mean 'texas'?" in str(caught.value)


def test_a_profile_text_parses_alone():
    profile = profile_from_text(STATE, "district")
    assert profile.transition.cite == "State rule 14" and profile.majority == FEDERAL.majority


def test_an_agenda_that_still_sets_the_ages_is_told_where_they_went():
    text = (
        find_agenda("annual-review")
        .path.read_text()
        .replace('meeting_kind = "annual-review"', 'meeting_kind = "annual-review"\ntransition_age = 14')
    )
    with pytest.raises(DocumentError) as caught:
        agenda_from_text(text, "annual-review")
    assert "transition_age is set by the state's rule profile now" in caught.value.problems[0].describe()


def test_check_follows_the_plans_profile(tmp_path: Path, capsys):
    fourteen = small_plan(profile="massachusetts")
    fourteen = attrs.evolve(
        fourteen, student=attrs.evolve(fourteen.student, date_of_birth=dt.date(PERIOD_START.year - 14, 9, 1))
    )
    path = tmp_path / "plan.toml"
    create_plan_file(path, fourteen)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "M.G.L. c. 71B §2" in out and "14 or older" in out
    create_plan_file(tmp_path / "unknown.toml", small_plan(profile="nowhere"))
    assert main(["check", str(tmp_path / "unknown.toml")]) == 1
    assert "rule profile 'nowhere', which does not exist" in capsys.readouterr().out


def test_the_profiles_command_lists_each_with_its_rules(capsys):
    assert main(["profiles"]) == 0
    out = capsys.readouterr().out
    assert "massachusetts" in out and "transition at 14" in out and "consent to every IEP" in out
    assert "signatures show who took part" in out
    # Each rule with its citation, its text and what rests on agency guidance, as the file holds them.
    texas = find_profile("texas").profile
    recess = "Recess: one recess of up to 10 school days for the parent or adult student who disagrees"
    assert f"{recess} ({texas.recess.cite})" in out
    assert f"“{texas.disagreement.quote}”" in out and f"agency guidance: {texas.recess.guidance}" in out
    assert "- employment goals and objectives (Tex. Educ. Code §29.011(a)(6))" in out


def test_a_profile_file_without_id_or_title_is_refused(isolated_user: UserFolders):
    folder = isolated_user.agendas / "profiles"
    folder.mkdir()
    (folder / "district.toml").write_text('[transition]\nage = 15\ncite = "c"\nsource = "s"\n')
    with pytest.raises(FileProblemError) as caught:
        find_profile("district")
    assert 'the profile has no id: add id = "district"' in str(caught.value)
    assert "the profile has no title" in str(caught.value)
