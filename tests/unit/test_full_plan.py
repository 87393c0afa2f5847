"""The full IEP: every part of the plan, in English and in Spanish, DRAFT or
final with its seal, and `iep-meeting export full`."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.full_plan import full_plan
from iep_meeting.documents.html import document_html
from iep_meeting.model.plan import (
    AssessmentParticipation,
    Attendance,
    ContactMethod,
    CopyMethod,
    DecisionAction,
    DecisionSubject,
    Excusal,
    FamilyCopy,
    GoalArea,
    InterpreterStatus,
    Meeting,
    MeetingKind,
    ParkingLotState,
    Period,
    Plan,
    Progress,
    Status,
    Student,
)
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from iep_meeting.words.labels import ENGLISH, SPECIAL_FACTORS
from tests.complete_plans import alternate_assessment, transition_age
from tests.factories import small_plan
from tests.hostile import PAYLOAD, with_payload

EN, ES = locale_strings("en"), locale_strings("es")

HEADINGS = {
    "en": [
        "Student and meeting",
        "Team and who took part",
        "Present levels: how the student is doing now",
        "Goals for this year",
        "Services",
        "Accommodations",
        "State and district tests",
        "Placement",
        "Special factors",
        "Summer services (extended school year)",
        "Decisions",
        "Parking lot",
        "Next steps",
        "Consent and sign-off",
        "Copies for the family",
    ],
    "es": [
        "Estudiante y reunión",
        "El equipo y quién participó",
        "Niveles actuales: cómo le va al estudiante ahora",
        "Metas para este año",
        "Servicios",
        "Acomodaciones",
        "Pruebas estatales y del distrito",
        "Ubicación educativa",
        "Factores especiales",
        "Servicios de verano (año escolar extendido)",
        "Decisiones",
        "Temas pendientes",
        "Próximos pasos",
        "Consentimiento y firmas",
        "Copias para la familia",
    ],
}


def html_of(plan, strings=EN) -> str:
    return document_html(full_plan(plan, strings))


def text_of(html: str) -> str:
    """The words a reader sees (without what only a screen reader hears)."""
    seen = re.sub(r'<span class="tag"[^>]*>[^<]*</span>', "", html)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seen)))


def headings(html: str) -> list[str]:
    return [html_lib.unescape(heading) for heading in re.findall(r"<h2>(.*?)</h2>", html)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_part_of_the_iep_in_order(language):
    html = html_of(small_plan(), EN if language == "en" else ES)
    assert headings(html) == HEADINGS[language]
    assert f'<html lang="{language}">' in html


def test_transition_only_when_the_plan_has_it():
    assert "Transition" not in headings(html_of(small_plan()))
    html = html_of(transition_age())
    assert headings(html).index("Transition") == headings(html).index("Special factors") + 1
    text = text_of(html)
    assert "More school or training After graduation, Sam will attend" in text
    assert "Transition services Job shadowing at two local shops ; " in text
    assert "Told about the rights that pass to the student at 18 on January 15, 2026" in text


def test_the_facts_a_district_looks_for():
    text = text_of(html_of(small_plan()))
    # the student and the meeting
    assert "Student ID FAKE-000123" in text and "Date of birth May 4, 2013" in text
    assert "Kind of meeting Annual review" in text and "Starts at 15:30 Planned to end at 16:45" in text
    assert "Interpreter Provided: Lupe Sample (Spanish)" in text
    assert "Case manager (not recorded in the meeting)" in text
    # the team, the excusal and the tries to reach the parent
    assert "Jordan Placeholder General education teacher 7th grade ELA teacher Excused in writing" in text
    assert "Kind of excusal Their area is discussed; parent consented in writing and they sent written input" in text
    assert "Written input Sam participates well in class discussion." in text
    assert "February 19, 2026 Letter written notice of meeting sent home" in text
    # present levels and last year's goals
    assert "How the disability affects learning Slow reading limits" in text
    assert "Progressing: not met yet, but moving toward it From 64 to 82" in text
    # goals with their steps, services and the goals they serve
    assert "Kind of goal Academic" in text and "Time behind the goal 90 minutes per week" in text
    assert "Reads 7th grade passages at 92 words correct per minute. 3 of 4 probes June 12, 2026" in text
    assert "Specialized reading and writing instruction : helps with Goal 1, Goal 2" in text
    # tests, placement, special factors, summer
    assert "How Sam takes state and district tests The regular test, with accommodations" in text
    assert "Time in general education 85% of the school day" in text
    assert (
        "Why any time apart from students without disabilities Sam is out of general "
        "education for 150 minutes a week" in text
    )
    assert "Assistive technology Yes Text-to-speech software." in text
    assert "Summer services (extended school year) School help in the summer Needed? No" in text
    # decisions with the options and the disagreement, and the parts of a notice
    assert "Decision 2: March 12, 2026, 16:21" in text
    assert "Who did not agree, and why Alex Example (parent) preferred 120 minutes" in text
    assert "Push-in support in ELA only not enough time on fluency" in text
    assert "For the Prior Written Notice The school proposes to start or change something" in text
    assert "Other things that mattered (not recorded in the meeting)" in text
    # parking lot, consent, signatures and their statements, copies given
    assert "Band schedule next year Alex Example Carried to a follow-up meeting" in text
    assert "The parent consents Yes Date of consent March 12, 2026" in text
    assert (
        "Riley Stubbs Explains the test results No March 12, 2026 "
        "Would have preferred a separate reading comprehension goal." in text
    )
    assert "In person March 12, 2026 Spanish" in text


def test_an_alternate_assessment_says_why():
    text = text_of(html_of(alternate_assessment()))
    assert "An alternate assessment" in text
    assert "Why not the regular test Sam's instruction follows the extended standards" in text
    assert "Why the other test fits The alternate test measures the extended standards" in text


def test_a_plan_all_in_general_education_needs_no_explanation():
    plan = small_plan(lre=attrs.evolve(small_plan().lre, general_education_percent=100, explanation=""))
    assert "Not needed: all of the day is in general education." in text_of(html_of(plan))


def test_a_nearly_empty_plan_says_what_was_not_recorded():
    plan = Plan(
        student=Student(name="Pat Sample"),
        meeting=Meeting(kind=MeetingKind.INITIAL),
        period=Period(start=dt.date(2026, 9, 1), end=dt.date(2027, 8, 31)),
    )
    html = html_of(plan)
    assert headings(html) == HEADINGS["en"]
    text = text_of(html)
    assert "Date (not recorded in the meeting)" in text
    assert "No team members were written down." in text and "No one has signed yet." in text
    assert "Time in general education (not recorded in the meeting)" in text
    assert "Behavior Not looked at yet" in text and "Needed? Not decided yet" in text


def test_spanish_iep_is_in_spanish():
    text = text_of(html_of(small_plan(), ES))
    for spanish in (
        "El IEP de Sam Example: el plan completo",
        "Tipo de reunión Revisión anual",
        "Con excusa por escrito",
        "Avanza: todavía no se cumplió, pero se acerca",
        "Tiempo en educación general 85% del día escolar",
        "Tecnología de asistencia Sí",
        "Para el Aviso previo por escrito La escuela propone iniciar o cambiar algo",
        "Pasa a una reunión de seguimiento",
        "BORRADOR",
    ):
        assert spanish in text
    for english in ("Kind of meeting", "Excused in writing", "Time in general education", "Who signed", "DRAFT"):
        assert english not in text


def test_a_goals_area_is_the_teams_words_in_a_spanish_iep_and_its_heading_the_programs():
    plan = small_plan()
    html = html_of(plan, ES)
    goal = plan.goals[0]
    assert "<h3>Meta 1</h3>" in html and f"Meta 1: {goal.domain}" not in html
    # Marked as the team's words in English (no translation here), right before the statement.
    tag = '<span class="tag" lang="es">(palabras del equipo, en inglés) </span>'
    area = f'<span class="typed" lang="en">{tag}{goal.domain}</span>: '
    assert area + f'<span class="typed" lang="en">{goal.statement.strip()[:20]}' in html
    assert f"<h3>Goal 1: {goal.domain}</h3>" in html_of(plan, EN)  # in English, the heading names it


def test_english_values_are_the_app_s_words():
    # One vocabulary: in English, a plan value reads as on the screen (words/labels.py). Where the
    # screen's words speak of today ("in person, today"), a document read later says it without.
    elsewhere = {Attendance.IN_PERSON: "in person", ParkingLotState.RESOLVED: "resolved at the meeting"}
    elsewhere[CopyMethod.IN_PERSON] = "in person"
    for enum, prefix in (
        (MeetingKind, "meeting_kind"),
        (Attendance, "attendance"),
        (Excusal, "excusal"),
        (ContactMethod, "contact_method"),
        (InterpreterStatus, "interpreter"),
        (Progress, "progress"),
        (AssessmentParticipation, "participation"),
        (ParkingLotState, "parking"),
        (CopyMethod, "copy_method"),
        (DecisionAction, "action"),
        (DecisionSubject, "subject"),
    ):
        for member in enum:
            assert EN.text(f"{prefix}.{member.value}") == elsewhere.get(member, ENGLISH.label(member)), member
            assert ES.text(f"{prefix}.{member.value}").strip()
    for area in GoalArea:
        assert EN.text(f"goal_area.{area.value}") == ENGLISH.short(area)
    for name, (heading, _in_sentence, _question) in SPECIAL_FACTORS.items():
        assert EN.text(f"factor.{name}").startswith(heading)


def test_draft_mark_or_final_date_and_seal():
    assert '@page { @top-right { content: "DRAFT";' in html_of(small_plan())
    seal = "0123456789abcdef" * 4
    final = small_plan(status=Status.FINAL)
    final = attrs.evolve(
        final, sign_off=attrs.evolve(final.sign_off, finalized=dt.date(2026, 3, 12), content_sha256=seal)
    )
    final = attrs.evolve(
        final,
        family_copies=(FamilyCopy(method=CopyMethod.EMAIL, date=dt.date(2026, 3, 13), document="full", sha256=seal),),
    )
    html = html_of(final)
    assert "@top-right" not in html and "DRAFT" not in html
    text = text_of(html)
    assert "This plan was made final on March 12, 2026. Its seal is 0123456789ab." in text
    assert "Made final on March 12, 2026 Seal 0123456789ab" in text
    assert "Email March 13, 2026 full 0123456789ab" in text


def test_hostile_typed_text_comes_out_literally():
    hostile = '<script>alert(1)</script>{student}&amp;"'
    plan = with_payload(transition_age())
    plan = attrs.evolve(plan, lre=attrs.evolve(plan.lre, explanation=hostile))
    for strings in (EN, ES):
        html = html_of(plan, strings)
        assert "<script" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;{student}&amp;amp;&quot;" in html
        assert not any(piece in html for piece in ("\u001b", "\u0007", "\u009b", "\u202e", "\u2066"))
        assert "␛" in html
    assert PAYLOAD not in html


def test_export_full(tmp_path):
    path = create_plan_file(tmp_path / "sam-example.iep.toml", small_plan())
    assert main(["export", "full", str(path), "--lang", "es"]) == 0
    html = (tmp_path / "sam-example-full-es.html").read_text()
    assert "El IEP de Sam Example: el plan completo" in html


@pytest.mark.parametrize("kind", ["full", "teachers"])
def test_the_schools_documents_are_in_english_unless_asked_even_for_a_spanish_speaking_family(tmp_path, kind):
    plan = tmp_path / "sam.iep.toml"
    plan.write_bytes(sample_plan_path().read_bytes())  # the sample family reads Spanish
    assert main(["export", kind, str(plan)]) == 0
    assert '<html lang="en">' in (tmp_path / f"sam-{kind}-en.html").read_text()
    assert main(["export", kind, str(plan), "--lang", "es"]) == 0
    assert '<html lang="es">' in (tmp_path / f"sam-{kind}-es.html").read_text()
