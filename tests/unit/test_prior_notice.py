"""Prior Written Notice drafts (34 CFR 300.503): one notice a decision the school
proposes or refuses, every part the law asks for, the district's words from
its file, DRAFT always, and `iep-meeting export notice`."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import stat
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.html import document_html
from iep_meeting.documents.prior_notice import build_notice
from iep_meeting.model.plan import Decision, DecisionAction, DecisionSubject, OptionConsidered, Outcome, Status
from iep_meeting.store.agenda_files import available_agendas
from iep_meeting.store.district_files import load_district
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from tests.factories import small_plan
from tests.hostile import PAYLOAD, with_payload

EN, ES = locale_strings("en"), locale_strings("es")

DISTRICT = """\
[notice]
district = "Placeholder Unified School District"
safeguards = "A copy of the procedural safeguards comes with this notice. For another, call 555-0100."
help = "Placeholder Parent Center, 555-0199; the state department of education, 555-0150."
contact = "Pat Sample, special education office, 555-0100, pat.sample@example.org"

[notice.es]
district = "Distrito Escolar Unificado Placeholder"
safeguards = "Con este aviso va una copia de las garantías procesales. Para otra, llame al 555-0100."
"""


def text_of(html: str) -> str:
    """The words a reader sees (without what only a screen reader hears)."""
    seen = re.sub(r'<span class="tag"[^>]*>[^<]*</span>', "", html)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seen)))


@pytest.fixture
def agenda_dir(tmp_path):
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "district.toml").write_text(DISTRICT)
    return folder


def refusal() -> Decision:
    return Decision(
        time=dt.datetime(2026, 3, 12, 16, 35),
        section="services",
        what="Extended school year services this summer.",
        outcome=Outcome.NOT_AGREED,
        disagreed="Alex Example (parent) asked for summer reading.",
        options=(
            OptionConsidered(option="Summer reading program, 4 weeks", why_rejected="no regression over breaks"),
            OptionConsidered(option="Reading packets for home", why_rejected="not a service the team can check"),
        ),
        action=DecisionAction.REFUSES,
        subject=DecisionSubject.SERVICES,
        reasons="Sam kept his reading level over the winter and spring breaks.",
        evaluations_used="Fluency probes before and after each break.",
        other_factors="The family may ask again at the June review.",
    )


def plan_with_refusal():
    plan = small_plan()
    return attrs.evolve(plan, decisions=(*plan.decisions, refusal()))


def notice_html(plan, agenda_dir, strings=EN):
    return document_html(build_notice(plan, strings, EN, agenda_dir))


def sections(html: str) -> dict[str, str]:
    """Each notice's text, by its section id."""
    found = re.findall(r'<section id="([^"]+)"([^>]*)>(.*?)</section>', html, re.S)
    return {section_id: text_of(body) for section_id, _attrs, body in found}


def test_one_notice_a_page_for_each_decision_the_school_proposes_or_refuses(agenda_dir):
    html = notice_html(plan_with_refusal(), agenda_dir)
    # small_plan's first decision has no action (the goals agreed): no notice follows from it
    assert list(sections(html)) == ["notice-1", "notice-2"]
    assert html.count('class="new-page"') == 2
    first, second = sections(html).values()
    assert "Notice 1: the school proposes a change" in first
    assert "Reading and writing instruction in the resource room, 150 minutes a week." in first
    assert "Notice 2: the school says no to a change" in second
    assert "What the school says no to Extended school year services this summer." in second


def test_each_notice_says_what_the_law_asks_for(agenda_dir):
    notice = sections(notice_html(plan_with_refusal(), agenda_dir))["notice-2"]
    # (1) the action, (2) why, (3) what it is based on, (7) other factors
    assert "Placeholder Unified School District says no to starting or changing something for Sam Example." in notice
    assert "Part of the plan Services and supports (the free appropriate public education, FAPE)" in notice
    assert "Why Sam kept his reading level over the winter and spring breaks." in notice
    assert "The tests, records and reports used Fluency probes before" in notice
    assert "Other things that mattered The family may ask again at the June review." in notice
    assert "Not agreed. Who did not agree, and why: Alex Example (parent) asked" in notice
    # (6) each option considered, and why it was rejected
    for option, why in (
        ("Summer reading program, 4 weeks", "no regression over breaks"),
        ("Reading packets for home", "not a service the team can check"),
    ):
        assert f"{option} {why}" in notice
    # (4) the procedural safeguards and how to get a copy, (5) sources of help, and whom to ask
    assert (
        "They are called procedural safeguards. A copy of the procedural safeguards comes with this notice." in notice
    )
    assert "Help with the law (IDEA) Placeholder Parent Center, 555-0199" in notice
    assert "Questions about this notice Pat Sample, special education office" in notice


def test_what_the_meeting_did_not_record_is_shown_as_not_recorded(agenda_dir):
    bare = Decision(
        time=dt.datetime(2026, 3, 12, 16, 40),
        section="placement",
        what="Move science to the co-taught class.",
        action=DecisionAction.PROPOSES,
    )
    plan = small_plan(decisions=(bare,))
    notice = sections(notice_html(plan, agenda_dir))["notice-1"]
    for label in ("Part of the plan", "Why", "The tests, records and reports used", "Other things that mattered"):
        assert f"{label} (not recorded in the meeting)" in notice
    assert "and why the team did not pick them: (not recorded in the meeting)" in notice
    spanish = sections(notice_html(plan, agenda_dir, ES))["notice-1"]
    assert "Por qué (no se anotó en la reunión)" in spanish


def test_the_spanish_notice_is_in_spanish_with_the_osep_terms(agenda_dir):
    html = notice_html(plan_with_refusal(), agenda_dir, ES)
    text = text_of(html)
    assert '<html lang="es">' in html
    assert "Aviso previo por escrito para Sam Example" in text
    assert "BORRADOR" in text and "DRAFT" not in text
    notice = sections(html)["notice-2"]
    assert "Aviso 2: la escuela se niega a un cambio" in notice
    assert "Lo que la escuela se niega a hacer" in notice and "Por qué" in notice
    assert "Otras opciones que el equipo consideró, y por qué no las eligió" in notice
    assert "Se llaman garantías procesales. Con este aviso va una copia de las garantías procesales." in notice
    assert "Distrito Escolar Unificado Placeholder se niega a iniciar o cambiar algo" in notice
    for english in ("What the school", "Why not", "Your rights", "procedural safeguards", "(not recorded"):
        assert english not in notice
    # What the district wrote only in English is shown in English, marked as the district's
    # (not as the team's words, which the team's typed text still is), and said so once
    tag = '<span class="tag" lang="es">(palabras del distrito, en inglés) </span>'
    assert f'<span class="typed" lang="en">{tag}Placeholder Parent Center' in html
    assert "(palabras del equipo, en inglés)" in html
    assert "Algunos textos del distrito están en inglés" in text
    assert "Algunos textos del distrito" not in text_of(notice_html(plan_with_refusal(), agenda_dir, EN))


def test_a_notice_is_a_draft_on_every_page_even_from_a_final_plan(agenda_dir):
    final = small_plan(status=Status.FINAL)
    final = attrs.evolve(
        final, sign_off=attrs.evolve(final.sign_off, finalized=dt.date(2026, 3, 12), content_sha256="ab" * 32)
    )
    html = notice_html(final, agenda_dir)
    assert '@page { @top-right { content: "DRAFT";' in html
    text = text_of(html)
    assert "This notice is a draft. The district checks it before it is sent to you." in text
    assert "This plan was made final on March 12, 2026. Its seal is abababababab." in text


def test_a_plan_without_decisions_or_without_a_proposal_or_refusal_is_refused(agenda_dir):
    with pytest.raises(StoreError, match="the plan has no decisions"):
        build_notice(small_plan(decisions=()), EN, EN, agenda_dir)
    agreed_only = small_plan(decisions=small_plan().decisions[:1])
    with pytest.raises(StoreError) as raised:
        build_notice(agreed_only, EN, EN, agenda_dir)
    message = str(raised.value)
    assert "no decision of this plan says that yet" in message
    first = "Decision 1 (March 12, 15:52): “The team agreed on three annual goals: reading …”: whether the school"
    assert first in message
    assert "None of" not in message and "does not" not in message  # no double negative
    assert "For the Prior Written Notice: does the school propose something, or refuse it?" in message
    assert 'action = "proposes" or "refuses"' in message
    assert "upgrade" not in message  # the app writes an older format anew: nothing to do first


def test_the_refusal_for_a_final_plan_says_to_amend_not_to_edit_what_is_sealed(agenda_dir):
    agreed_only = small_plan(decisions=small_plan().decisions[:1], status=Status.FINAL)
    with pytest.raises(StoreError) as raised:
        build_notice(agreed_only, EN, EN, agenda_dir)
    message = str(raised.value)
    assert "This plan is final" in message and "iep-meeting amend PLAN NEW" in message
    assert "decision log (F8" not in message.split("This plan is final")[0]  # no edit the app would refuse


# --- the district file ---------------------------------------------------------------------------------------------


def test_a_district_file_key_missing_empty_unknown_or_not_text_is_refused_with_its_line(tmp_path):
    path = tmp_path / "district.toml"
    path.write_text(
        '[notice]\ndistrict = "X"\nsafegards = "copies at the office"\ncontact = ""\n\n[notice.es]\nhelp = 3\n'
    )
    with pytest.raises(FileProblemError) as raised:
        load_district(tmp_path)
    message = str(raised.value)
    assert f"{path}: cannot read this district file." in message
    assert "line 3, at notice.safegards: unknown key 'safegards' — did you mean 'safeguards'?" in message
    assert "line 4, at notice.contact: is empty: write who to ask about a notice" in message
    assert "line 7, at notice.es.help: expected text in quotes, got a number (3)" in message
    assert "line 1, at notice.safeguards: is missing: write how the parents get a copy" in message
    assert "line 1, at notice.help: is missing" in message
    assert "Nothing was written." in message


def test_a_district_file_is_not_taken_for_an_agenda(agenda_dir):
    listing = available_agendas(agenda_dir)
    assert not listing.errors
    assert "district" not in listing.ids


# --- the command line ---------------------------------------------------------------------------------------------


@pytest.fixture
def plan_path(tmp_path):
    return create_plan_file(tmp_path / "sam-example.iep.toml", plan_with_refusal())


def test_export_notice_writes_the_drafts(plan_path, agenda_dir, capsys):
    assert main(["--agenda-dir", str(agenda_dir), "export", "notice", str(plan_path), "--lang", "en"]) == 0
    out = plan_path.with_name("sam-example-notice-en.html")
    assert "Prior Written Notice for Sam Example" in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Wrote the Prior Written Notice draft (en, HTML)" in capsys.readouterr().out


def test_export_notice_without_a_district_file_names_the_file_and_keys_and_writes_nothing(plan_path, tmp_path, capsys):
    empty = tmp_path / "no-district"
    empty.mkdir()
    assert main(["--agenda-dir", str(empty), "export", "notice", str(plan_path)]) == 2
    err = capsys.readouterr().err
    assert f"{empty / 'district.toml'} does not exist" in err
    assert "notice.safeguards" in err and "notice.help" in err and "notice.contact" in err
    assert '[notice]\ndistrict = "Placeholder Unified School District"' in err  # an example to copy
    assert "Nothing was written." in err
    assert not list(plan_path.parent.glob("*.html"))


def test_export_notice_with_a_key_missing_names_the_key_and_writes_nothing(plan_path, agenda_dir, capsys):
    (agenda_dir / "district.toml").write_text(DISTRICT.replace('help = "Placeholder Parent Center', 'hlp = "x'))
    assert main(["--agenda-dir", str(agenda_dir), "export", "notice", str(plan_path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "district.toml: cannot read this district file" in err
    assert "at notice.help: is missing: write where to get help understanding IDEA" in err
    assert "did you mean 'help'?" in err
    assert not list(plan_path.parent.glob("*.html"))


def test_export_notice_of_a_plan_without_decisions_writes_nothing(tmp_path, agenda_dir, capsys):
    path = create_plan_file(tmp_path / "pat.iep.toml", small_plan(decisions=()))
    assert main(["--agenda-dir", str(agenda_dir), "export", "notice", str(path)]) == 2
    assert "the plan has no decisions" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.html"))


def test_hostile_typed_and_district_text_comes_out_literally(tmp_path):
    hostile = '<script>alert(1)</script>{student}&amp;"'
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "district.toml").write_text(DISTRICT.replace("Pat Sample", "Pat <b>Sample</b>\\u001b[2J"))
    plan = with_payload(plan_with_refusal())
    plan = attrs.evolve(plan, decisions=tuple(attrs.evolve(d, reasons=hostile) for d in plan.decisions))
    for strings in (EN, ES):
        html = notice_html(plan, folder, strings)
        assert "<script" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;{student}&amp;amp;&quot;" in html
        assert "Pat &lt;b&gt;Sample&lt;/b&gt;␛[2J" in html
        assert not any(piece in html for piece in ("\u001b", "\u0007", "\u009b", "\u202e", "\u2066"))
    assert PAYLOAD not in html


def test_the_documented_example_is_a_district_file(tmp_path):
    example = Path(__file__).parents[2] / "docs" / "district.example.toml"
    (tmp_path / "district.toml").write_text(example.read_text())
    district = load_district(tmp_path)
    assert district.notice_words("es").all_translated
    assert district.notice_words("en").all_translated
    assert not district.notice_words("vi").all_translated
