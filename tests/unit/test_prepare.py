"""`iep-meeting prepare PLAN`: what the family gets before the meeting, in their
language: the agenda with its times and their own topics, the draft marked on
every page as a proposal for discussion (what last year's plan carried over
marked), the input form (one offline HTML page) and the form on paper. And
the family's copy after the meeting: each concern with what the team decided."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.agenda_sheet import agenda_sheet
from iep_meeting.documents.document import Document, Facts, Typed
from iep_meeting.documents.export import build_document
from iep_meeting.documents.html import document_html
from iep_meeting.documents.input_form import QUESTIONS, SCRIPT, input_form_html
from iep_meeting.documents.proposal import proposal
from iep_meeting.model.concerns import link
from iep_meeting.model.family_input import take_in
from iep_meeting.model.next_year import next_year_of
from iep_meeting.model.plan import DecisionAction, Follows, ParkingLotItem, ParkingLotState, Plan, Status
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.answers_file import MAX_NAME, MAX_TEXT
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from tests.factories import MEETING_DATE, small_plan
from tests.family_answers import CONCERNS, TOPICS, form_answers
from tests.hostile import PAYLOAD, raw_controls, with_payload

EN, ES = locale_strings("en"), locale_strings("es")
ANNUAL = find_agenda("annual-review").agenda


def with_input(plan: Plan | None = None) -> Plan:
    return take_in(plan or small_plan(), form_answers()).plan


def words(document: Document) -> str:
    return "".join(piece.text if isinstance(piece, Typed) else piece for piece in document.texts())


def typed_pieces(document: Document) -> list[Typed]:
    return [piece for piece in document.texts() if isinstance(piece, Typed)]


# --- the command --------------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


NAMES = ("sam-agenda-es.html", "sam-proposal-es.html", "sam-input-form-es.html")
PDF_NAMES = ("sam-agenda-es.pdf", "sam-proposal-es.pdf", "sam-paper-form-es.pdf")


def test_it_writes_each_document_in_the_familys_language_beside_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("typst")
    plan = create_plan_file(tmp_path / "sam.iep.toml", with_input())
    code, said = run(capsys, "prepare", plan)  # the family's language: the grandmother's Spanish
    assert code == 0, said
    for name in NAMES + PDF_NAMES:
        path = tmp_path / name
        assert path.is_file(), said
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a student's records
        assert str(path) in said
    assert f"iep-meeting import-input {plan} ANSWERS.json" in said


def test_into_another_folder_and_never_over_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = create_plan_file(tmp_path / "sam.iep.toml", small_plan())
    out = tmp_path / "for-the-family"
    code, said = run(capsys, "prepare", plan, "--out", out)
    assert code == 2 and "there is no such folder" in said
    out.mkdir()
    assert run(capsys, "prepare", plan, "--out", out, "--lang", "es")[0] == 0
    assert {path.name for path in out.iterdir()} >= set(NAMES)
    (out / NAMES[0]).write_text("changed by hand")
    (out / NAMES[1]).unlink()
    code, said = run(capsys, "prepare", plan, "--out", out, "--lang", "es")
    assert code == 2 and "exists: not replaced. Add --force" in said and "Nothing was written." in said
    assert not (out / NAMES[1]).exists()  # nothing written: not even what was missing
    assert run(capsys, "prepare", plan, "--out", out, "--lang", "es", "--force")[0] == 0
    assert (out / NAMES[0]).read_text() != "changed by hand" and (out / NAMES[1]).exists()


def test_a_meeting_date_that_has_passed_is_said_before_the_family_gets_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    for days, warned in ((7, False), (-5, True)):
        plan = small_plan()
        plan = attrs.evolve(plan, meeting=attrs.evolve(plan.meeting, date=today + dt.timedelta(days=days)))
        path = create_plan_file(tmp_path / f"in-{days}.iep.toml", plan)
        code, said = run(capsys, "prepare", path, "--lang", "en")
        assert code == 0, said
        warning = f"warning: the plan's meeting date, {plan.meeting.date}, has passed, and these documents give it"
        assert (warning in said) is warned, said


def test_a_final_plan_an_unknown_language_and_a_plan_as_target_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    final = create_plan_file(tmp_path / "final.iep.toml", attrs.evolve(small_plan(), status=Status.FINAL))
    code, said = run(capsys, "prepare", final)
    assert code == 2 and "is final: a proposal is sent before the meeting, from a draft" in said
    draft = create_plan_file(tmp_path / "sam.iep.toml", small_plan())
    assert "--lang xx: no strings for it" in run(capsys, "prepare", draft, "--lang", "xx")[1]
    (tmp_path / "sam-agenda-en.html").symlink_to(draft)
    code, said = run(capsys, "prepare", draft, "--lang", "en", "--force")
    assert code == 2 and "symbolic link" in said
    assert sorted(path.name for path in tmp_path.iterdir()) == ["final.iep.toml", "sam-agenda-en.html", "sam.iep.toml"]


# --- the agenda ---------------------------------------------------------------------------------------------------


def test_the_agenda_has_each_parts_time_and_the_familys_own_topics() -> None:
    plan = with_input()
    sections = ANNUAL.sections[:-2] + ANNUAL.sections[-1:]  # no transition: Sam is 12
    minutes = {section.id: 10 for section in sections}
    sheet = agenda_sheet(plan, sections, minutes, EN)
    text = words(sheet)
    assert sheet.status_note == (
        "Day: March 12, 2026 · Time: 3:30\u00a0p.m. to 4:40\u00a0p.m. · Place: Placeholder Middle School, room 114"
    )
    assert "3:30\u00a0p.m. to 3:40\u00a0p.m. (10 minutes)" in text and "4:30\u00a0p.m. to 4:40\u00a0p.m." in text
    assert "How Sam is doing now" in text and "Goals for the year" in text
    topic = next(piece for piece in typed_pieces(sheet) if piece.text == TOPICS[0])
    assert (topic.language, topic.tag) == ("es", "your own words")  # as the family wrote it
    html = document_html(sheet)
    # Set apart from the team's words, and named as theirs on the page, not only to a screen reader.
    own = f'<span class="typed family" lang="es"><span class="own-tag" lang="en">(your own words) </span>{TOPICS[0]}'
    assert own in html and '<span class="typed" lang="es">' not in html
    assert "Lupe Sample" in text  # the interpreter, named, not in the table of the team
    without = agenda_sheet(small_plan(), sections, minutes, ES)
    assert "Puede agregar un tema." in words(without)


def test_a_districts_own_section_keeps_its_title_marked_as_the_districts_english() -> None:
    own = attrs.evolve(ANNUAL.sections[0], id="district-welcome", title="Coffee and welcome")
    sheet = agenda_sheet(small_plan(), (own,), {"district-welcome": 5}, ES)
    piece = next(piece for piece in typed_pieces(sheet) if piece.text == "Coffee and welcome")
    assert piece.tag == ES.text("notice.district_english_tag")


# --- the proposal -------------------------------------------------------------------------------------------------


def areas_of(document: Document) -> list[Facts]:
    levels = next(section for section in document.sections if section.id == "present_levels")
    return [block for block in levels.blocks if isinstance(block, Facts)]


def test_in_spanish_an_areas_name_is_the_teams_words_not_an_english_heading() -> None:
    plan = small_plan()
    spanish = areas_of(proposal(plan, ES))
    assert [area.title for area in spanish][:2] == ["Área 1", "Área 2"]  # the program's words
    name = Typed(plan.present_levels.areas[0].area)
    assert spanish[0].facts[0] == ("El área", (name,))  # the team's words: translated, or marked as English
    assert areas_of(proposal(plan, EN))[0].title == "reading fluency"


def test_the_proposal_says_on_every_page_it_is_a_proposal_and_not_an_iep() -> None:
    document = proposal(with_input(), EN)
    assert document.draft_mark == "PROPOSAL FOR DISCUSSION"
    assert document.status_note.startswith("This is a proposal. It is not an IEP yet. At the meeting on March 12, 2026")
    html = document_html(document)
    assert "@page { @top-right { content: " in html  # printed on every page
    assert "<title>PROPOSAL FOR DISCUSSION — Sam Example&#x27;s IEP: a proposal for the meeting</title>" in html
    text = words(document)
    assert "Your concerns, and what the draft says" in text
    assert CONCERNS[0] in text and "Nothing in the draft answers it yet." in text
    assert "Last year's goals" in text and "Goals for this year" in text


def test_the_proposal_pdf_has_the_mark_on_every_page(tmp_path: Path) -> None:
    pytest.importorskip("typst")
    from iep_meeting.documents.pdf import document_pdf
    from tests.unit.test_pdf import pages, run, text

    pdf = tmp_path / "proposal.pdf"
    pdf.write_bytes(document_pdf(proposal(with_input(), ES), MEETING_DATE))
    assert pages(pdf) >= 2
    for page in range(1, pages(pdf) + 1):
        assert text(pdf, page).startswith("PROPUESTA PARA CONVERSAR"), page
    assert re.search(r"^Tagged:\s+yes$", run("pdfinfo", pdf), re.M)


def test_what_last_year_carried_over_is_marked_until_the_team_reviews_it() -> None:
    last = attrs.evolve(small_plan(), status=Status.FINAL)
    follows = Follows(path="last.iep.toml", sha256="0" * 64)
    plan = next_year_of(last, follows, ANNUAL, MEETING_DATE + dt.timedelta(days=365))
    document = proposal(plan, EN)
    sections = {section.id: section for section in document.sections}
    services = words(attrs.evolve(document, sections=(sections["services"],), intro=()))
    assert "From last year, to look at again: " + plan.services[0].description.strip() in services
    placement = words(attrs.evolve(document, sections=(sections["placement"],), intro=()))
    assert "From last year, to look at again: the time in general education" in placement
    assert "Parts marked From last year come from last year's IEP." in words(document)
    assert plan.follows is not None
    reviewed = attrs.evolve(plan, follows=attrs.evolve(plan.follows, to_review=()))
    assert "From last year" not in words(proposal(reviewed, EN))


# --- each concern, and what the team decided --------------------------------------------------------------------


def answered(plan: Plan) -> Plan:
    refusal = attrs.evolve(plan.decisions[0], action=DecisionAction.REFUSES)
    plan = attrs.evolve(plan, decisions=(refusal, *plan.decisions[1:]))
    topic = ParkingLotItem(topic="Who answers the phone", state=ParkingLotState.FOLLOW_UP)
    plan = attrs.evolve(plan, parking_lot=(*plan.parking_lot, topic))
    plan = link(link(plan, 0, "goals", 0), 0, "accommodations", 0)
    return link(link(plan, 1, "decisions", 0), 1, "parking_lot", len(plan.parking_lot) - 1)


def test_the_familys_copy_shows_each_concern_with_what_the_team_decided() -> None:
    plan = answered(with_input())
    copy = build_document("family", plan, "en")
    concerns = next(section for section in copy.sections if section.id == "concerns")
    assert copy.sections[0] is concerns and concerns.heading == "Your concerns, and what the team decided"
    rows = concerns.blocks[1].rows  # type: ignore[union-attr]
    first, second = ("".join(p.text if isinstance(p, Typed) else p for cell in row for p in cell) for row in rows)
    assert first.startswith(CONCERNS[0]) and "(From your form, March 5, 2026.)" in first
    assert f"Goal 1: {plan.goals[0].domain}" in first
    assert f"Accommodation: {plan.accommodations[0].description}" in first
    assert f"The school said no: {plan.decisions[0].what}" in second and "Prior Written Notice" in second
    assert "At the next meeting: Who answers the phone" in second
    concern = rows[0][0][0]
    assert isinstance(concern, Typed) and concern.language == "es" and concern.tag == "your own words"
    spanish = build_document("family", plan, "es")
    assert "Sus preocupaciones y lo que decidió el equipo" in words(spanish)
    # A plan without concerns has no such part.
    assert all(section.id != "concerns" for section in build_document("family", small_plan(), "en").sections)


# --- the input form -----------------------------------------------------------------------------------------------


class Form(HTMLParser):
    """The form's boxes, labels, fieldsets and its one script, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: dict[str, dict[str, str]] = {}
        self.labels: set[str] = set()
        self.legends = 0
        self.fieldsets = 0
        self.scripts: list[str] = []
        self.described: set[str] = set()
        self.ids: set[str] = set()
        self._in_script = False
        self.policy = ""
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag in ("textarea", "input"):
            self.boxes[values["id"]] = values
            self.described |= set(values.get("aria-describedby", "").split())
        elif tag == "label":
            self.labels.add(values["for"])
        elif tag == "fieldset":
            self.fieldsets += 1
        elif tag == "legend":
            self.legends += 1
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")
        elif tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.policy = values["content"]
        elif tag == "html":
            self.lang = values["lang"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parsed(html: str) -> Form:
    form = Form()
    form.feed(html)
    return form


def test_every_box_has_a_label_a_limit_and_its_fieldset() -> None:
    form = parsed(input_form_html(small_plan(), ES))
    assert form.lang == "es"
    expected = sum(len(group.questions) for group in QUESTIONS)
    assert len(form.boxes) == expected == 1 + 1 + 6 + 2 + 1 + 4 + 3
    assert set(form.boxes) == form.labels  # every box has its label
    assert form.fieldsets == form.legends == len(QUESTIONS)
    assert form.described <= form.ids  # every hint a box names is there
    for box in form.boxes.values():
        assert box["maxlength"] == str(MAX_NAME if box["id"] == "filled_by" else MAX_TEXT)


def test_its_one_script_is_the_one_its_policy_allows() -> None:
    form = parsed(input_form_html(small_plan(), EN))
    assert form.scripts == [SCRIPT]
    digest = base64.b64encode(hashlib.sha256(form.scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in form.policy
    assert "default-src 'none'" in form.policy and "connect-src" not in form.policy
    # The same script for every student and language: what differs is data.
    other = parsed(input_form_html(with_payload(small_plan()), ES))
    assert other.scripts == [SCRIPT] and other.policy == form.policy


def test_a_students_name_is_data_never_markup() -> None:
    plan = small_plan()
    hostile = attrs.evolve(plan, student=attrs.evolve(plan.student, name='Sam "><script>alert(1)</script>' + PAYLOAD))
    html = input_form_html(hostile, EN)
    assert html.count("<script") == 1 and "alert(1)</script>" not in html
    assert raw_controls(html) == []
    assert 'data-file="sam-script-alert-1-script-x-0-pwned-2j31mevil-answers"' in html


def test_the_full_iep_keeps_the_familys_own_words_and_each_concern() -> None:
    plan = answered(with_input())
    full = build_document("full", plan, "en")
    levels = next(section for section in full.sections if section.id == "present_levels")
    text = words(attrs.evolve(full, sections=(levels,), intro=()))
    assert "The family's own words, from their form of March 5, 2026" in text
    assert "Strengths and interestsSam es cariñoso y le encantan las novelas gráficas." in text
    assert f"{CONCERNS[1]} (From the family's form, March 5, 2026.)The school said no: " in text
    family = [piece for piece in typed_pieces(full) if piece.tag == "the family's own words"]
    assert family and all(piece.language == "es" for piece in family)
