"""The family's copy holds the whole plan for the family, in the family's language:
the team's words translated where a translation is kept, the rest marked as
English and listed at the end; whom to call and how; the family's rights; every
part of the plan a family needs; and none of the slips a family noticed."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path

import attrs
import pytest

from iep_meeting.documents.export import build_document
from iep_meeting.documents.html import document_html
from iep_meeting.model.plan import (
    AssessmentParticipation,
    Decision,
    ExtendedSchoolYear,
    FollowUp,
    Objective,
    OptionConsidered,
    Outcome,
    Plan,
    Student,
)
from iep_meeting.model.translations import translated, typed_texts, with_translation
from iep_meeting.store.bank_files import load_bank_file, load_banks
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.locale_files import builtin_locale_dir, load_table
from tests.complete_plans import transition_age
from tests.factories import small_plan

DISTRICT = """
[notice]
district = "Placeholder Unified School District"
safeguards = "Call the special education office at 555-0100 for another copy."
help = "Placeholder Parent Center, 555-0199, help@parentcenter.example.org"
contact = "Pat Sample, special education office, 555-0100, pat.sample@example.org"

[notice.es]
contact = "Pat Sample, oficina de educación especial, 555-0100, pat.sample@example.org"
"""


def html_of(plan: Plan, language: str = "en", user_dir: Path | None = None) -> str:
    return document_html(build_document("family", plan, language, user_dir))


def text_of(html: str) -> str:
    """The words a reader sees (without what only a screen reader hears)."""
    seen = re.sub(r'<span class="tag"[^>]*>[^<]*</span>', "", html)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seen)))


def section(html: str, section_id: str) -> str:
    start = html.index(f'<section id="{section_id}"')
    return html[start : html.index("</section>", start)]


def goal_texts(html: str) -> int:
    """How many texts of the goals the list at the end says are still in English."""
    found = re.search(r"Metas para este año: (\d+) textos", text_of(section(html, "still-in-english")))
    assert found is not None
    return int(found.group(1))


def spanish(plan: Plan, key: str, text: str) -> Plan:
    item = next(item for item in typed_texts(plan) if item.key == key)
    return with_translation(plan, translated(item, "Spanish", text, "Lupe Sample, interpreter", dt.date(2026, 3, 13)))


# --- the team's words in the family's language ------------------------------------------------------------------


def test_a_translated_text_reads_in_spanish_and_what_is_still_english_is_marked_and_listed() -> None:
    plan = small_plan()
    goal = plan.goals[0]
    plan = spanish(plan, f"goals[id={goal.id}].statement", "Sam leerá en voz alta 110 palabras por minuto.")
    html = html_of(plan, "es")
    goals = section(html, "goals")
    tag = r'(<span class="tag"[^>]*>[^<]*</span>)?'
    assert re.search(f'<span class="typed">{tag}Sam leerá en voz alta 110 palabras por minuto.</span>', goals)
    assert html_lib.escape(goal.statement.strip()) not in goals
    assert re.search(f'<span class="typed" lang="en">{tag}{re.escape(html_lib.escape(goal.baseline))}</span>', goals)
    listed = text_of(section(html, "still-in-english"))
    assert "Estas partes todavía están en inglés. Pida a la escuela que se las den en español:" in listed
    untranslated = goal_texts(html_of(small_plan(), "es"))
    assert goal_texts(html) == untranslated - 1  # the goal translated is no longer counted
    assert "Sam leerá" not in listed and "82 words" not in listed


def test_an_out_of_date_translation_is_not_used() -> None:
    plan = small_plan()
    goal = plan.goals[0]
    plan = spanish(plan, f"goals[id={goal.id}].statement", "Traducción vieja.")
    plan = attrs.evolve(plan, goals=(attrs.evolve(goal, statement="A changed goal."), *plan.goals[1:]))
    html = html_of(plan, "es")
    assert "Traducción vieja." not in html
    assert goal_texts(html) == goal_texts(html_of(small_plan(), "es"))


def test_everything_translated_leaves_no_list_and_an_english_copy_never_has_one() -> None:
    plan = small_plan()
    for item in list(typed_texts(plan)):
        plan = spanish(plan, item.key, f"ES {item.text}")
    html = html_of(plan, "es")
    assert 'id="still-in-english"' not in html and 'lang="en"' not in html
    assert 'id="still-in-english"' not in html_of(small_plan(), "en")


def test_the_team_s_words_are_named_to_a_screen_reader_once_a_section() -> None:
    html = html_of(small_plan(), "es")
    for section_id in ("goals", "services", "accommodations"):
        part = section(html, section_id)
        assert part.count("(palabras del equipo, en inglés)") == 1, section_id
    english = html_of(small_plan(), "en")
    assert html_lib.unescape(section(english, "goals")).count("(the team's words)") == 1
    assert html_lib.unescape(english).count("(the team's words)") < 20


# --- whom to call, and the family's rights ------------------------------------------------------------------------


def with_case_manager(plan: Plan) -> Plan:
    team = tuple(
        attrs.evolve(member, phone="555-0123", email="casey.fixture@example.org")
        if member.name == "Casey Fixture"
        else member
        for member in plan.team
    )
    return attrs.evolve(plan, team=team, student=attrs.evolve(plan.student, case_manager="Casey Fixture"))


def test_the_case_manager_s_phone_and_email_from_the_team_record_and_the_email_is_a_whole_link() -> None:
    html = html_of(with_case_manager(small_plan()))
    contact = section(html, "contact")
    assert "Case manager: Casey Fixture" in text_of(contact)
    assert "Phone: 555-0123" in text_of(contact)
    assert '<a href="mailto:casey.fixture@example.org">casey.fixture@example.org</a>' in contact
    assert "\u200b" not in html


def test_the_district_s_contact_rights_copy_and_help_come_from_its_file(tmp_path: Path) -> None:
    (tmp_path / "district.toml").write_text(DISTRICT)
    html = html_of(small_plan(), "es", tmp_path)
    contact = text_of(section(html, "contact"))
    assert "El distrito escolar: Pat Sample, oficina de educación especial" in contact
    rights = section(html, "rights")
    assert "Call the special education office at 555-0100 for another copy." in text_of(rights)
    assert '<a href="mailto:help@parentcenter.example.org">' in rights
    assert "(palabras del distrito, en inglés)" in rights  # not written in Spanish by the district


def test_without_a_district_file_the_rights_are_the_plain_federal_ones() -> None:
    rights = text_of(section(html_of(small_plan()), "rights"))
    for words in ("procedural safeguards", "mediation", "state complaint", "due process hearing", "IEP meeting"):
        assert words in rights
    assert "Su" in text_of(section(html_of(small_plan(), "es"), "rights"))


# --- the whole plan --------------------------------------------------------------------------------------------


def test_placement_tests_summer_consent_and_each_person_s_own_words() -> None:
    plan = small_plan(esy=ExtendedSchoolYear(eligible=True, note="Reading group, four weeks in July."))
    signatures = tuple(
        attrs.evolve(s, statement="I agree with all but request a speech screening.") if s.name == "Alex Example" else s
        for s in plan.sign_off.signatures
    )
    plan = attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, signatures=signatures))
    text = text_of(html_of(plan))
    assert "Sam is in general education classes for 85% of the school day." in text
    assert "Why some time is apart from them: Sam is out of general education for 150 minutes" in text
    assert "How Sam takes state and district tests: the regular test, with accommodations" in text
    assert "Accommodations on these tests:" in text
    assert "Sam will get school help in the summer. Reading group, four weeks in July." in text
    assert "The parent said yes to the plan on March 12, 2026." in text
    assert "Alex Example (parent): agrees with the plan. In their own words: I agree with all but request" in text
    assert "Riley Stubbs (explains the test results): does not agree with the plan." in text


def test_the_next_meeting_says_when_and_what_it_will_decide() -> None:
    tabled = Decision(
        time=dt.datetime(2026, 3, 12, 16, 40), section="services", what="Counseling minutes.", outcome=Outcome.TABLED
    )
    plan = small_plan(
        follow_up=FollowUp(closed=dt.date(2026, 3, 12), date=dt.date(2026, 4, 2), open_items=("Transition plan",)),
        decisions=(*small_plan().decisions, tabled),
    )
    text = text_of(section(html_of(plan), "follow_up"))
    assert "The team meets again. It will be on April 2, 2026." in text
    assert "At that meeting, the team will decide:" in text
    assert "Transition plan" in text and "Band schedule next year" in text and "Counseling minutes." in text
    # A decision not made yet reads as one sentence, never "yet.:"
    assert ".:" not in text_of(html_of(plan)) and ".:" not in text_of(html_of(plan, "es"))


def test_short_term_objectives_are_listed_under_their_goal() -> None:
    plan = small_plan()
    goal = attrs.evolve(
        plan.goals[0],
        objectives=(
            Objective(
                statement="95 words correct per minute", criterion="3 of 4 probes", target_date=dt.date(2026, 6, 12)
            ),
        ),
    )
    text = text_of(section(html_of(attrs.evolve(plan, goals=(goal, *plan.goals[1:]))), "goals")).replace(" ,", ",")
    assert "Steps toward goal 1: 95 words correct per minute — 3 of 4 probes, by June 12, 2026" in text


def test_a_transition_age_plan_has_its_transition_section_and_a_younger_one_none() -> None:
    html = html_of(transition_age())
    text = text_of(section(html, "transition"))
    assert "community college's welding certificate program" in text and "Job shadowing at two local shops" in text
    assert 'id="transition"' not in html_of(small_plan())


def test_an_alternate_assessment_says_why_in_the_tests_section() -> None:
    plan = small_plan()
    assessment = attrs.evolve(
        plan.assessment,
        participation=AssessmentParticipation.ALTERNATE,
        why_regular_not_appropriate="Sam's instruction follows the extended standards.",
        why_alternate_appropriate="The alternate test measures them.",
    )
    text = text_of(section(html_of(attrs.evolve(plan, assessment=assessment)), "tests"))
    assert "an alternate assessment" in text and "The alternate test measures them." in text


# --- the slips -------------------------------------------------------------------------------------------------


def test_empty_facts_are_left_out_never_printed_empty() -> None:
    plan = small_plan()
    bare = attrs.evolve(plan, student=Student(name="Sam Example"))
    for language in ("en", "es"):
        text = text_of(html_of(bare, language))
        assert "School: ." not in text and "Grade: ." not in text
        assert "Escuela: ." not in text and "Grado: ." not in text
    assert "School: Placeholder Middle School. Grade: 7." in text_of(html_of(plan))


def test_jargon_and_year_month_day_dates_in_the_team_s_words_are_explained() -> None:
    plan = small_plan()
    goal = attrs.evolve(plan.goals[0], baseline="82 wcpm on 2026-02-10")
    text = text_of(section(html_of(attrs.evolve(plan, goals=(goal, *plan.goals[1:]))), "glossary"))
    assert "wcpm Words correct per minute" in text
    assert "year-month-day dates" in text and "2026-03-12 is March 12" in text
    assert "year-month-day" not in text_of(html_of(small_plan()))


def test_a_format_1_option_with_its_reason_in_its_own_words_is_never_not_recorded() -> None:
    plan = small_plan()
    option = OptionConsidered(option="Push-in support only: rejected, not enough time on fluency.")
    decision = attrs.evolve(plan.decisions[1], options=(option,))
    full = document_html(build_document("full", attrs.evolve(plan, decisions=(plan.decisions[0], decision)), "en"))
    text = text_of(full)
    assert "Push-in support only: rejected, not enough time on fluency." in text
    assert "Why not (not recorded in the meeting)" not in text


SPANISH_SLIPS = ("maestro", "quedó final", "a dónde", "revisa la escuela", "El texto en un recuadro")


@pytest.mark.parametrize("slip", SPANISH_SLIPS)
def test_the_spanish_strings_have_none_of_the_slips_a_family_noticed(slip: str) -> None:
    table = load_table(builtin_locale_dir() / "es.toml")
    assert not [key for key, value in table.items() if slip in value]


def test_spanish_roles_are_gender_neutral_and_yes_no_questions_are_not_answered_de_acuerdo() -> None:
    table = load_table(builtin_locale_dir() / "es.toml")
    assert table["role.special-education-teacher"] == "docente de educación especial"
    assert table["role.regular-education-teacher"] == "docente de educación general"
    assert not table["notice.agreement"].startswith("¿")  # its answer is an outcome, not yes or no
    assert table["outcome.agreed"] != "De acuerdo"


# --- the banks' own words ------------------------------------------------------------------------------------------


def test_a_chosen_bank_item_is_already_in_spanish_and_an_edited_one_is_not() -> None:
    plan = small_plan()
    banks = load_banks()
    chosen = banks.accommodations[4].to_accommodation("accommodation-9")  # "Large-print materials"
    edited = attrs.evolve(banks.accommodations[5].to_accommodation("accommodation-10"), description="Braille books")
    service = banks.related_services[0].to_service("service-9")  # speech-language therapy
    plan = attrs.evolve(plan, accommodations=(*plan.accommodations, chosen, edited), services=(*plan.services, service))
    html = html_of(plan, "es")
    assert "Materiales en letra grande" in text_of(section(html, "accommodations"))
    assert "Braille books" in text_of(section(html, "accommodations"))
    services = text_of(section(html, "services"))
    assert "Terapia del habla y del lenguaje" in services
    assert "especialista en patología del habla y del lenguaje (SLP)" in services
    assert "Large-print materials" in html_of(plan, "en")


def test_a_bank_s_words_name_only_fields_a_plan_item_takes(tmp_path: Path) -> None:
    path = tmp_path / "accommodations.toml"
    path.write_text(
        '[[accommodations]]\ndescription = "Big print"\napplies_to = "both"\ntranslations.es.descripton = "x"\n'
    )
    with pytest.raises(FileProblemError, match="unknown field 'descripton': an item's words in es are for description"):
        load_bank_file(path)
