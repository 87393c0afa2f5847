"""Each teacher's and provider's page (34 CFR 300.323(d)): their services, the
goals those serve, every accommodation and support, nobody else's services,
and a last page for the services no one on the team matches."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.html import document_html
from iep_meeting.documents.teacher_pages import assign, match_strength, teacher_pages
from iep_meeting.model.plan import Attendance, Frequency, Role, Service, ServiceKind, Status, TeamMember
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from tests.factories import PERIOD_END, PERIOD_START, small_plan
from tests.hostile import PAYLOAD, with_payload

EN, ES = locale_strings("en"), locale_strings("es")

SLP = TeamMember(
    name="Lee Mockwell",
    role=Role.RELATED_SERVICE_PROVIDER,
    title="speech-language pathologist",
    attendance=Attendance.IN_PERSON,
)
SPEECH = Service(
    id="service-9",
    kind=ServiceKind.RELATED_SERVICE,
    description="Speech therapy: expressive language",
    provider="SLP",
    minutes=30,
    per=Frequency.WEEKLY,
    setting="speech room",
    start=PERIOD_START,
    end=PERIOD_END,
    goals=("written-expression",),
)


def plan_with_slp():
    plan = small_plan()
    return attrs.evolve(plan, team=(*plan.team, SLP), services=(*plan.services, SPEECH))


def text_of(html: str) -> str:
    """The words a reader sees (without what only a screen reader hears)."""
    seen = re.sub(r'<span class="tag"[^>]*>[^<]*</span>', "", html)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seen)))


def pages(plan, strings=EN) -> dict[str, str]:
    """Each page's text, by its heading."""
    html = document_html(teacher_pages(plan, strings))
    found = re.findall(r'<section id="[^"]+"( class="new-page")?>\s*<h2>(.*?)</h2>(.*?)</section>', html, re.S)
    return {html_lib.unescape(heading): text_of(body) for _page, heading, body in found}


def test_who_gets_a_page():
    headings = list(pages(plan_with_slp()))
    assert headings == [
        "For Jordan Placeholder (7th grade ELA teacher)",
        "For Casey Fixture (resource room teacher, case manager)",
        "For Lee Mockwell (speech-language pathologist)",
        "Services with no provider on the team",
    ]
    # the parent, the student, the district representative and the psychologist give no service here


def test_each_teacher_sees_their_services_and_no_other_provider_s():
    by_page = pages(plan_with_slp())
    casey = by_page["For Casey Fixture (resource room teacher, case manager)"]
    lee = by_page["For Lee Mockwell (speech-language pathologist)"]
    assert "The services you give Sam" in casey and "Specialized reading and writing instruction" in casey
    assert "Speech therapy" not in casey and "School counseling" not in casey
    assert "Speech therapy: expressive language" in lee and "30 minutes per week" in lee
    assert "Specialized reading and writing instruction" not in lee and "School counseling" not in lee


def test_every_page_has_every_accommodation_with_where_it_applies_and_every_support():
    for heading, page in pages(plan_with_slp()).items():
        if heading.startswith("For "):
            assert "Extended time (1.5x) on tests and quizzes (in class and on tests)" in page
            assert "Tests read aloud, except reading comprehension (on state and district tests)" in page
            assert "Preferential seating near instruction (in class)" in page
            # the supplementary aid the general education teachers give: every teacher knows it
            assert "Aids and supports for class." in page and "Text-to-speech software" in page


def test_the_goals_each_teacher_helps_with():
    by_page = pages(plan_with_slp())
    jordan = by_page["For Jordan Placeholder (7th grade ELA teacher)"]
    casey = by_page["For Casey Fixture (resource room teacher, case manager)"]
    lee = by_page["For Lee Mockwell (speech-language pathologist)"]
    # a general education teacher: every goal, in their class
    assert "works on all of these goals in your class too" in jordan
    assert all(f"Goal {n}:" in jordan for n in (1, 2, 3))
    # the others: the goals their services serve, numbered as in the plan
    assert "Goal 1: reading fluency" in casey and "Goal 2: written expression" in casey
    assert "Goal 3:" not in casey
    assert "Goal 2: written expression" in lee and "Goal 1:" not in lee and "Goal 3:" not in lee


def test_a_service_that_matches_nobody_is_listed_on_the_last_page():
    last = pages(plan_with_slp())["Services with no provider on the team"]
    assert "School counseling: task initiation and self-monitoring" in last and "school counselor" in last
    assert "Find out who gives each one" in last
    assert "Services with no provider" not in pages(small_plan(services=small_plan().services[:1]))


def test_a_service_named_for_two_members_is_on_both_pages_each_naming_the_other():
    plan = small_plan()
    second = TeamMember(name="Dana Sample", role=Role.SPECIAL_EDUCATION_TEACHER, title="co-teacher")
    by_page = pages(attrs.evolve(plan, team=(*plan.team, second)))
    casey = by_page["For Casey Fixture (resource room teacher, case manager)"]
    dana = by_page["For Dana Sample (co-teacher)"]
    assert "Specialized reading and writing instruction" in casey and "Specialized reading" in dana
    assert "is also listed for: Dana Sample" in casey
    assert "is also listed for: Casey Fixture" in dana


def test_a_staff_member_who_is_not_a_teacher_gets_a_page_only_when_a_service_names_them():
    plan = small_plan()
    assert not any("Riley Stubbs" in heading for heading in pages(plan))
    counseling = attrs.evolve(plan.services[1], provider="Dr. Stubbs")
    by_page = pages(attrs.evolve(plan, services=(plan.services[0], counseling, plan.services[2])))
    assert "School counseling" in by_page["For Riley Stubbs (school psychologist)"]
    assert "Services with no provider on the team" not in by_page


@pytest.mark.parametrize(
    ("provider", "member", "strength"),
    [
        ("Casey Fixture", TeamMember(name="Casey Fixture", role=Role.SPECIAL_EDUCATION_TEACHER), 3),
        ("Ms. Fixture, resource room", TeamMember(name="Casey Fixture", role=Role.SPECIAL_EDUCATION_TEACHER), 3),
        ("speech-language pathologist", SLP, 2),
        ("SLP", SLP, 2),
        ("ELA teacher", TeamMember(name="J P", role=Role.REGULAR_EDUCATION_TEACHER, title="7th grade ELA teacher"), 2),
        (
            "resource teacher",
            TeamMember(name="C F", role=Role.SPECIAL_EDUCATION_TEACHER, title="case manager, resource teacher"),
            2,
        ),
        ("general education teachers", TeamMember(name="J P", role=Role.REGULAR_EDUCATION_TEACHER), 1),
        ("gen ed teacher", TeamMember(name="J P", role=Role.REGULAR_EDUCATION_TEACHER), 1),
        ("special education teacher", TeamMember(name="C F", role=Role.SPECIAL_EDUCATION_TEACHER), 1),
        ("special education teacher", TeamMember(name="J P", role=Role.REGULAR_EDUCATION_TEACHER), 0),
        ("teacher", TeamMember(name="C F", role=Role.SPECIAL_EDUCATION_TEACHER, title="resource teacher"), 0),
        ("school counselor", TeamMember(name="R S", role=Role.EVALUATION_INTERPRETER, title="school psychologist"), 0),
        ("Alex Example", TeamMember(name="Alex Example", role=Role.PARENT), 0),
        ("", TeamMember(name="C F", role=Role.SPECIAL_EDUCATION_TEACHER), 0),
    ],
)
def test_the_matching_rule(provider, member, strength):
    assert match_strength(provider, member) == strength


def test_nothing_is_dropped():
    plan = plan_with_slp()
    assignment = assign(plan)
    given = {service.id for services in assignment.services.values() for service in services}
    assert given | {service.id for service in assignment.unmatched} == {service.id for service in plan.services}


def test_a_general_education_teacher_sees_what_others_give_in_their_class():
    plan = small_plan()
    coteach = attrs.evolve(
        plan.services[0], id="service-7", description="Co-taught ELA", setting="general education classroom"
    )
    jordan = pages(attrs.evolve(plan, services=(*plan.services, coteach)))[
        "For Jordan Placeholder (7th grade ELA teacher)"
    ]
    assert "What others give Sam in your class" in jordan and "Co-taught ELA" in jordan
    assert "Specialized reading and writing instruction" not in jordan  # in the resource room


def test_spanish_pages_are_in_spanish():
    by_page = pages(plan_with_slp(), ES)
    lee = by_page["Para Lee Mockwell (speech-language pathologist)"]
    assert "Los servicios que usted le da a Sam" in lee and "Acomodaciones que debe dar" in lee
    assert "Servicios sin un proveedor del equipo" in by_page
    for english in ("The services you give", "Accommodations to give", "The plan runs"):
        assert english not in lee


def test_draft_mark_or_final_date_and_seal():
    html = document_html(teacher_pages(small_plan(), EN))
    assert '@page { @top-right { content: "DRAFT";' in html
    final = small_plan(status=Status.FINAL)
    final = attrs.evolve(
        final, sign_off=attrs.evolve(final.sign_off, finalized=dt.date(2026, 3, 12), content_sha256="cd" * 32)
    )
    html = document_html(teacher_pages(final, EN))
    assert "DRAFT" not in html and "Its seal is cdcdcdcdcdcd." in html


def test_a_team_without_teachers_gets_one_page_saying_so_and_every_service_listed():
    plan = small_plan()
    team = tuple(member for member in plan.team if member.role in (Role.PARENT, Role.STUDENT))
    by_page = pages(attrs.evolve(plan, team=team))
    assert "No teachers on the team" in by_page
    last = by_page["Services with no provider on the team"]
    assert all(service.description in last for service in plan.services)


def test_hostile_typed_text_comes_out_literally():
    hostile = '<script>alert(1)</script>{student}&amp;"'
    plan = with_payload(plan_with_slp())
    plan = attrs.evolve(plan, accommodations=tuple(attrs.evolve(a, note=hostile) for a in plan.accommodations))
    for strings in (EN, ES):
        html = document_html(teacher_pages(plan, strings))
        assert "<script" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;{student}&amp;amp;&quot;" in html
        assert not any(piece in html for piece in ("\u001b", "\u0007", "\u009b", "\u202e", "\u2066"))
    assert PAYLOAD not in html


def test_export_teachers(tmp_path):
    path = create_plan_file(tmp_path / "sam-example.iep.toml", plan_with_slp())
    assert main(["export", "teachers", str(path), "--lang", "en"]) == 0
    html = (tmp_path / "sam-example-teachers-en.html").read_text()
    assert "For Lee Mockwell (speech-language pathologist)" in html
