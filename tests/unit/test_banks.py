"""Banks of accommodations, related services and goal domains."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from iep_meeting.model.banks import (
    BankAccommodation,
    Banks,
    GoalDomain,
    RelatedServiceKind,
    merge_banks,
    search_accommodations,
    search_goal_domains,
    search_related_services,
)
from iep_meeting.model.plan import AppliesTo, GoalArea, ServiceKind
from iep_meeting.store.agenda_files import AGENDA_DIR_ENV
from iep_meeting.store.bank_files import BANK_FILES, builtin_bank_dir, load_bank_file, load_banks
from iep_meeting.store.errors import FileProblemError

CATEGORIES = {"presentation", "response", "setting", "timing", "organization", "behavior"}


@pytest.fixture(scope="module")
def builtin() -> Banks:
    banks = Banks()
    for name in BANK_FILES:
        banks = merge_banks(banks, load_bank_file(builtin_bank_dir() / name))
    return banks


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- the built-in banks ------------------------------------------------------------


def test_builtin_accommodations(builtin):
    items = builtin.accommodations
    assert len(items) >= 30
    assert {item.category for item in items} <= CATEGORIES
    assert {item.applies_to for item in items} == set(AppliesTo)
    assert all(item.description.strip() for item in items)
    descriptions = [item.description.casefold() for item in items]
    assert len(set(descriptions)) == len(descriptions)
    for expected in ("extended time (1.5x)", "separate", "preferential seating", "speech-to-text", "calculator"):
        assert any(expected in text for text in descriptions), expected


def test_builtin_related_services(builtin):
    names = [service.name.casefold() for service in builtin.related_services]
    assert len(set(names)) == len(names)
    for expected in (
        "speech-language",
        "occupational therapy",
        "physical therapy",
        "counseling",
        "psychological",
        "social work",
        "orientation and mobility",
        "audiology",
        "nurse",
        "transportation",
        "interpreting",
        "parent counseling and training",
    ):
        assert any(expected in name for name in names), expected
    for service in builtin.related_services:
        assert service.provider and service.setting and service.description


def test_builtin_goal_domains(builtin):
    domains = {domain.domain: domain for domain in builtin.goal_domains}
    assert len(domains) == len(builtin.goal_domains)
    for name, area in (
        ("reading fluency", GoalArea.ACADEMIC),
        ("reading comprehension", GoalArea.ACADEMIC),
        ("written expression", GoalArea.ACADEMIC),
        ("math calculation", GoalArea.ACADEMIC),
        ("math problem solving", GoalArea.ACADEMIC),
        ("self-regulation", GoalArea.FUNCTIONAL),
        ("social communication", GoalArea.FUNCTIONAL),
        ("executive functioning", GoalArea.FUNCTIONAL),
        ("fine motor", GoalArea.FUNCTIONAL),
    ):
        assert domains[name].area is area
    for domain in builtin.goal_domains:
        assert "___" in domain.example
        assert domain.baseline_hint and domain.target_hint and domain.measured_by_hint


def test_load_banks_without_user_files_is_the_builtin(builtin, tmp_path):
    assert load_banks(tmp_path / "nothing-here") == builtin
    assert load_banks() == builtin  # the (empty) folder from the environment


# --- bank items become plan items ----------------------------------------------------


def test_bank_items_become_plan_items():
    accommodation = BankAccommodation(
        description="Extended time (1.5x) on tests and quizzes", applies_to=AppliesTo.BOTH, category="timing"
    ).to_accommodation("accommodation-3")
    assert accommodation.description == "Extended time (1.5x) on tests and quizzes"
    assert accommodation.applies_to is AppliesTo.BOTH and accommodation.id == "accommodation-3"

    service = RelatedServiceKind(
        name="Speech-language therapy", provider="speech-language pathologist", setting="therapy room"
    ).to_service("service-2")
    assert service.kind is ServiceKind.RELATED_SERVICE and service.id == "service-2"
    assert (service.description, service.provider, service.setting) == (
        "Speech-language therapy",
        "speech-language pathologist",
        "therapy room",
    )
    assert service.minutes is None  # decided by the team, never by the bank

    goal = GoalDomain(domain="reading fluency", area=GoalArea.ACADEMIC).to_goal("g1")
    assert (goal.id, goal.area, goal.domain, goal.statement) == ("g1", GoalArea.ACADEMIC, "reading fluency", "")


# --- search ---------------------------------------------------------------------------


def test_search_all_words_case_insensitive(builtin):
    found = search_accommodations(builtin, "EXTENDED time")
    assert found
    assert all("extended" in a.description.lower() and "time" in a.description.lower() for a in found)
    assert any("1.5x" in a.description for a in found)


def test_search_words_may_match_the_category(builtin):
    timing = search_accommodations(builtin, "timing")
    assert timing and all(a.category == "timing" for a in timing)
    # One word in the category, one in the description.
    tests_in_setting = search_accommodations(builtin, "setting tests")
    assert tests_in_setting
    assert all(a.category == "setting" or "setting" in a.description.lower() for a in tests_in_setting)
    assert all("tests" in a.description.lower() or "tests" in a.category for a in tests_in_setting)


def test_search_partial_words_and_no_match(builtin):
    assert search_accommodations(builtin, "calc") == tuple(
        a for a in builtin.accommodations if "calc" in a.description.lower()
    )
    assert search_accommodations(builtin, "calculator zebra") == ()
    assert search_accommodations(builtin, "") == builtin.accommodations
    assert search_accommodations(builtin, "   ") == builtin.accommodations


def test_search_keeps_bank_order():
    banks = Banks(
        accommodations=(
            BankAccommodation(description="Breaks during tests", applies_to=AppliesTo.ASSESSMENTS, category="timing"),
            BankAccommodation(description="Read aloud", applies_to=AppliesTo.BOTH, category="presentation"),
            BankAccommodation(description="Movement breaks", applies_to=AppliesTo.CLASSROOM, category="timing"),
        )
    )
    assert [a.description for a in search_accommodations(banks, "breaks")] == ["Breaks during tests", "Movement breaks"]
    assert [a.description for a in search_accommodations(banks, "TIMING move")] == ["Movement breaks"]


def test_search_services_and_goal_domains(builtin):
    assert search_related_services(builtin, "speech")[0].name == "Speech-language therapy"
    assert any("orientation" in s.name.lower() for s in search_related_services(builtin, "cane"))
    assert {d.domain for d in search_goal_domains(builtin, "reading")} >= {"reading fluency", "reading comprehension"}
    assert all(d.area is GoalArea.FUNCTIONAL for d in search_goal_domains(builtin, "functional"))


# --- user banks -------------------------------------------------------------------------


def test_user_banks_are_appended_without_repeats(builtin, tmp_path):
    write(
        tmp_path / "banks",
        "accommodations.toml",
        """\
        [[accommodations]]
        description = "Use of a fidget tool"
        applies_to = "classroom"
        category = "behavior"

        [[accommodations]]
        description = "  extended TIME (1.5x) on tests and   quizzes"
        applies_to = "classroom"
        """,
    )
    write(
        tmp_path / "banks",
        "related-services.toml",
        """\
        [[related_services]]
        name = "Music therapy"
        provider = "board-certified music therapist"

        [[related_services]]
        name = "Speech-language therapy"
        provider = "someone else"
        """,
    )
    write(
        tmp_path / "banks",
        "goal-areas.toml",
        """\
        [[goal_domains]]
        domain = "keyboarding"
        area = "academic"
        """,
    )
    banks = load_banks(tmp_path)
    assert banks.accommodations[: len(builtin.accommodations)] == builtin.accommodations
    assert [a.description for a in banks.accommodations[len(builtin.accommodations) :]] == ["Use of a fidget tool"]
    assert banks.related_services[-1].name == "Music therapy"
    assert len(banks.related_services) == len(builtin.related_services) + 1
    speech = [s for s in banks.related_services if s.name == "Speech-language therapy"]
    assert len(speech) == 1 and speech[0].provider != "someone else"  # the built-in one is kept
    assert banks.goal_domains[-1].domain == "keyboarding"


def test_user_banks_found_through_env(monkeypatch, builtin, tmp_path):
    write(
        tmp_path / "banks",
        "accommodations.toml",
        '[[accommodations]]\ndescription = "Use of a fidget tool"\napplies_to = "classroom"\n',
    )
    monkeypatch.setenv(AGENDA_DIR_ENV, str(tmp_path))
    assert load_banks().accommodations[-1].description == "Use of a fidget tool"


def test_broken_user_bank_file_names_file_key_and_line(tmp_path):
    path = write(
        tmp_path / "banks",
        "accommodations.toml",
        """\
        [[accommodations]]
        description = "Use of a fidget tool"
        applies_to = "class"
        categroy = "behavior"
        """,
    )
    with pytest.raises(FileProblemError) as caught:
        load_banks(tmp_path)
    message = str(caught.value)
    assert caught.value.what == "bank file"
    assert str(path) in message
    assert "line 3, at accommodations[0].applies_to" in message
    assert 'did you mean "classroom"?' in message
    assert "line 4" in message and "did you mean 'category'?" in message


def test_broken_user_bank_file_can_be_skipped(builtin, tmp_path):
    broken = write(tmp_path / "banks", "goal-areas.toml", "[[goal_domains]]\ndomain = 3\n")
    write(
        tmp_path / "banks",
        "accommodations.toml",
        '[[accommodations]]\ndescription = "Use of a fidget tool"\napplies_to = "classroom"\n',
    )
    skipped: list[FileProblemError] = []
    banks = load_banks(tmp_path, on_error=skipped.append)
    assert [error.path for error in skipped] == [broken]
    assert banks.goal_domains == builtin.goal_domains
    assert banks.accommodations[-1].description == "Use of a fidget tool"


def test_bank_file_with_an_unknown_name_is_refused(tmp_path):
    path = write(tmp_path, "accomodations.toml", "")
    message = str(pytest.raises(FileProblemError, load_bank_file, path).value)
    assert "accommodations.toml" in message


def test_bank_file_holding_the_wrong_list(tmp_path):
    path = write(tmp_path, "goal-areas.toml", '[[accommodations]]\ndescription = "x"\napplies_to = "both"\n')
    message = str(pytest.raises(FileProblemError, load_bank_file, path).value)
    assert "unknown key 'accommodations'" in message and "goal_domains" in message
