"""The family's copy: its content in English and Spanish, the HTML file, and
`iep-meeting export family`."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import stat

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.document import Terms, Typed
from iep_meeting.documents.family_copy import family_copy, hard_texts
from iep_meeting.documents.html import document_html
from iep_meeting.model.plan import Decision, Outcome, Role, SignOff, Status, TeamMember
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from tests.factories import small_plan
from tests.hostile import PAYLOAD, with_payload

EN, ES = locale_strings("en"), locale_strings("es")


def html_of(plan, language="en"):
    strings = EN if language == "en" else ES
    return document_html(family_copy(plan, strings, EN))


def text_of(html: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def not_agreed_plan():
    decision = Decision(
        time=dt.datetime(2026, 3, 12, 16, 30),
        section="services",
        what="Extended school year services this summer.",
        outcome=Outcome.NOT_AGREED,
        disagreed="Alex Example (parent) asked for summer reading; the district said no.",
    )
    plan = small_plan()
    return attrs.evolve(plan, decisions=(*plan.decisions, decision))


def test_the_english_copy_says_what_it_is_and_that_the_full_iep_is_free():
    text = text_of(html_of(small_plan()))
    assert "Sam Example's IEP: a copy for the family" in text
    assert "meeting on March 12, 2026" in text
    assert "The full IEP is yours too. It is free." in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_goal_reads_now_by_the_end_of_the_year_how_the_school_checks(language):
    html = html_of(small_plan(), language)
    now, by_end, checks = (
        ("Now", "By the end of the year", "How the school checks")
        if language == "en"
        else ("Ahora", "Al final del año", "Cómo lo mide la escuela")
    )
    # one table, read across: the goal, then now → by the end of the year → how the school checks
    header = html[html.index("<thead>", html.index('id="goals"')) :].split("</thead>")[0]
    positions = [header.index(f'<th scope="col">{label}</th>') for label in (now, by_end, checks)]
    assert positions == sorted(positions)
    row = html[html.index("reading fluency") :].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in re.split(r"<td[^>]*>", row)[1:]]
    assert "82 words correct per minute (winter benchmark)." in cells[0]
    assert "110 words correct per minute on 3 of 4 consecutive probes." in cells[1]
    assert len(cells) == 3


def test_when_progress_is_reported_is_said_once_when_every_goal_shares_it_else_per_goal():
    plan = small_plan()
    text = text_of(html_of(plan))
    assert text.count("When you hear how it is going") == 1
    assert "When you hear how it is going: quarterly, with report cards" in text
    first, *rest = plan.goals
    varied = attrs.evolve(plan, goals=(attrs.evolve(first, reporting="every 6 weeks, by email"), *rest))
    text = text_of(html_of(varied))
    assert text.count("When you hear how it is going") == len(plan.goals)
    assert "every 6 weeks, by email" in text


def test_services_are_a_table_with_header_cells_and_the_plan_year_said_once():
    plan = small_plan()
    html = html_of(plan)
    for header in ("What", "Who", "How much", "Where"):
        assert f'<th scope="col">{header}</th>' in html
    row = html[html.index('<th scope="row">Special education: ') :].split("</tr>")[0]
    assert "Specialized reading and writing instruction" in row
    assert '<td data-label="How much">150 minutes per week</td>' in row
    assert "resource room" in row
    # every service runs the plan year: said once under the table, no "When" column
    assert '<th scope="col">When</th>' not in html
    assert "The help goes on all year: from March 16, 2026 to March 15, 2027." in text_of(html)


def test_a_service_with_its_own_dates_gets_a_when_column():
    plan = small_plan()
    first, *rest = plan.services
    short = attrs.evolve(first, start=dt.date(2026, 3, 16), end=dt.date(2026, 6, 12))
    html = html_of(attrs.evolve(plan, services=(short, *rest)))
    assert '<th scope="col">When</th>' in html
    assert "March 16, 2026 to June 12, 2026" in html and "March 16, 2026 to March 15, 2027" in html
    assert "goes on all year" not in html


def test_spanish_services_minutes_and_dates_in_spanish():
    html = html_of(small_plan(), "es")
    assert '<th scope="col">Cuánto</th>' in html
    assert '<td data-label="Cuánto">150 minutos por semana</td>' in html
    assert '<td data-label="Cuánto">60 minutos por mes</td>' in html
    assert "La ayuda sigue todo el año: del 16 de marzo de 2026 al 15 de marzo de 2027." in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_what_was_not_agreed_and_who_disagreed(language):
    text = text_of(html_of(not_agreed_plan(), language))
    assert ("Not agreed:" if language == "en" else "No hubo acuerdo:") in text
    assert "Extended school year services this summer." in text
    assert "asked for summer reading; the district said no." in text
    assert "Riley Stubbs" in text  # signed that they disagree with the IEP
    assert "Would have preferred a separate reading comprehension goal." in text


def test_next_steps_have_owner_and_date_and_contacts_are_named():
    text = text_of(html_of(small_plan()))
    assert "Casey Fixture" in text and "Send the draft IEP home in Spanish" in text and "March 19, 2026" in text
    plan = small_plan()
    plan = attrs.evolve(plan, student=attrs.evolve(plan.student, case_manager="Casey Fixture"))
    text = text_of(html_of(plan))
    assert "Case manager: Casey Fixture." in text
    assert "You can call or visit Placeholder Middle School" in text


def _glossary(copy) -> list[str]:
    found = [section for section in copy.sections if section.id == "glossary"]
    block = found[0].blocks[0] if found else Terms(())
    assert isinstance(block, Terms)
    return [term for term, _means in block.terms]


def test_the_glossary_holds_only_the_terms_the_copy_uses():
    terms = _glossary(family_copy(small_plan(), EN))
    assert "IEP" in terms and "special education" in terms and "accommodation" in terms
    assert "extended school year" not in terms and "transition" not in terms
    assert "extended school year" in _glossary(family_copy(not_agreed_plan(), EN))
    bare = small_plan(services=(), accommodations=(), decisions=(), team=(), goals=(), sign_off=SignOff())
    assert "special education" not in _glossary(family_copy(bare, EN))


def test_the_spanish_glossary_uses_the_spanish_terms_and_finds_them_in_the_team_s_english():
    terms = _glossary(family_copy(not_agreed_plan(), ES, EN))
    assert "Programa de Educación Individualizado (IEP)" in terms
    assert "educación especial" in terms and "acomodaciones" in terms
    assert "año escolar extendido (ESY)" in terms  # from the typed "Extended school year ..."


def test_spanish_copy_marks_the_team_s_words_as_english():
    html = html_of(small_plan(), "es")
    assert '<html lang="es">' in html
    assert '<span class="typed" lang="en">' in html
    assert "palabras del equipo" in html
    assert '<span class="typed" lang="en">' not in html_of(small_plan(), "en")


def test_a_draft_says_draft_on_every_page_and_a_final_plan_its_date_and_seal():
    html = html_of(small_plan())
    # In the top margin of every printed page (tests/unit/test_family_copy_browser.py prints it)
    assert '@page { @top-right { content: "DRAFT";' in html
    assert "BORRADOR" in html_of(small_plan(), "es")
    seal = "0123456789abcdef" * 4
    final = small_plan(status=Status.FINAL)
    final = attrs.evolve(
        final, sign_off=attrs.evolve(final.sign_off, finalized=dt.date(2026, 3, 12), content_sha256=seal)
    )
    html = html_of(final)
    assert "@top-right" not in html and "DRAFT" not in html
    assert "made final on March 12, 2026. Its seal is 0123456789ab." in html


def test_the_file_is_self_contained_plain_html():
    html = html_of(small_plan())
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "<h1>" in html and "<h2>" in html and "@page" in html
    assert "text-align: left" in html and "font-size: 12pt" in html


def test_hostile_typed_text_comes_out_literally():
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>{student}&amp;"'
    plan = with_payload(small_plan())
    plan = attrs.evolve(plan, goals=tuple(attrs.evolve(goal, baseline=hostile) for goal in plan.goals))
    for language in ("en", "es"):
        html = html_of(plan, language)
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;{student}&amp;amp;&quot;" in html
        assert not any(piece in html for piece in ("\u001b", "\u0007", "\u009b", "\u202e", "\u2066"))
        assert "␛" in html
    assert PAYLOAD not in html


def test_typed_text_stays_typed():
    copy = family_copy(small_plan(), ES, EN)
    typed = [piece.text for piece in copy.texts() if isinstance(piece, Typed)]
    assert "Specialized reading and writing instruction" in typed


# --- the command line ---------------------------------------------------------------------------------------------


@pytest.fixture
def plan_path(tmp_path):
    return create_plan_file(tmp_path / "sam-example.iep.toml", small_plan())


def test_export_default_name_language_and_mode(plan_path, capsys):
    # small_plan's first guardian with a language set speaks Spanish.
    assert main(["export", "family", str(plan_path)]) == 0
    out = plan_path.with_name("sam-example-family-es.html")
    assert out.is_file() and '<html lang="es">' in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "sam-example-family-es.html" in capsys.readouterr().out


def test_export_default_language_is_english_without_a_spanish_speaker(tmp_path):
    plan = small_plan()
    guardians = tuple(attrs.evolve(guardian, language="") for guardian in plan.student.guardians)
    plan = attrs.evolve(
        plan,
        student=attrs.evolve(plan.student, guardians=guardians),
        meeting=attrs.evolve(plan.meeting, interpreter=""),
    )
    path = create_plan_file(tmp_path / "pat.iep.toml", plan)
    assert main(["export", "family", str(path)]) == 0
    assert (tmp_path / "pat-family-en.html").is_file()


@pytest.mark.parametrize("where", ["meeting", "team"])
def test_export_default_language_is_the_interpreters_when_no_guardian_names_one(tmp_path, where):
    """A family that needed a Spanish interpreter gets its copy in Spanish, though the
    plan names English as the home language and no guardian's language."""
    plan = small_plan()
    guardians = tuple(attrs.evolve(guardian, language="") for guardian in plan.student.guardians)
    meeting = attrs.evolve(plan.meeting, interpreter="Lupe Sample (Spanish)" if where == "meeting" else "")
    team = plan.team
    if where == "team":
        team = (*team, TeamMember(name="Lupe Sample", role=Role.INTERPRETER, title="Spanish interpreter"))
    plan = attrs.evolve(plan, student=attrs.evolve(plan.student, guardians=guardians), meeting=meeting, team=team)
    path = create_plan_file(tmp_path / "pat.iep.toml", plan)
    assert main(["export", "family", str(path)]) == 0
    assert '<html lang="es">' in (tmp_path / "pat-family-es.html").read_text()


def test_export_refuses_to_overwrite_without_force(plan_path, capsys):
    out = plan_path.with_name("copy.html")
    out.write_text("the family's copy of last week")
    out.chmod(0o644)
    assert main(["export", "family", str(plan_path), "--lang", "en", "-o", str(out)]) == 2
    assert "exists: not replaced. Add --force" in capsys.readouterr().err
    assert out.read_text() == "the family's copy of last week"
    assert main(["export", "family", str(plan_path), "--lang", "en", "-o", str(out), "--force"]) == 0
    assert '<html lang="en">' in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "letter"], "is not a document kind"),
        (["export", "family", "--lang", "fr"], "--lang fr: no strings for it. Available: en, es"),
    ],
)
def test_export_says_what_is_not_there_yet(plan_path, capsys, argv, message):
    assert main([*argv[:2], str(plan_path), *argv[2:]]) == 2
    assert message in capsys.readouterr().err
    assert not list(plan_path.parent.glob("*.html"))


def test_export_of_an_unreadable_plan_writes_nothing(tmp_path, capsys):
    path = tmp_path / "broken.iep.toml"
    path.write_text("schema = 2\n[student\n")
    assert main(["export", "family", str(path)]) == 2
    assert "cannot read this plan file" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.html"))


def test_export_warns_about_typed_text_above_grade_8_naming_the_field(plan_path, capsys):
    assert main(["export", "family", str(plan_path), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "warning: Goals › Goal 2 (written expression) › statement reads at grade" in err
    # the copy shows it as typed
    html = plan_path.with_name("sam-example-family-en.html").read_text()
    assert "a 3-paragraph response with an introduction, supporting details and a conclusion." in html
    plain = small_plan(goals=(), decisions=())
    assert hard_texts(plain) == []


def test_a_district_draft_mark_cannot_end_the_style_element():
    from iep_meeting.documents.html import _css_string

    quoted = _css_string('DRAFT"; } </style><script>alert(1)</script>')
    inside = quoted[1:-1]
    assert '"' not in inside and "<" not in inside and "}" not in inside
    assert quoted.startswith('"DRAFT') and quoted.endswith('"')
