"""The audience view's page (share/page.py, share/view.py): what the room reads,
in the family's language, from the same writers as the family's copy."""

from __future__ import annotations

import datetime as dt
import html
import re

import attrs
import pytest

from iep_meeting.documents.html import WrittenBlocks
from iep_meeting.meeting.clock import Phase
from iep_meeting.model.plan import ActionItem, Decision, Outcome, ParkingLotItem, Plan, Status
from iep_meeting.model.progress import SectionStatus
from iep_meeting.model.translations import translated, typed_texts, with_translation
from iep_meeting.share.meeting_source import AgendaStep, LiveMeeting
from iep_meeting.share.page import CONTENT_SECURITY_POLICY, SCRIPT, STYLE, notes_html, page_html, regions
from iep_meeting.share.view import Note, View, notes, snapshot
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.words.locale import Strings
from tests.live_meeting import FakeMeeting


@pytest.fixture(scope="module")
def english() -> Strings:
    return locale_strings("en")


@pytest.fixture(scope="module")
def spanish() -> Strings:
    return locale_strings("es")


def text_of(markup: str) -> str:
    """The words of some HTML, as a reader meets them (tags out, spaces joined)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def view_of(meeting: LiveMeeting) -> View:
    return snapshot(meeting)


def test_the_agenda_shows_where_the_team_is_and_the_time_left(english: Strings) -> None:
    shown = regions(view_of(FakeMeeting()), english)
    agenda = shown["agenda"]
    assert agenda.count("<li") == 7
    now = re.search(r'<li aria-current="step">(.*?)</li>', agenda)
    assert now is not None
    assert text_of(now.group(1)) == "Now: ◐ Goals (in progress · 20 minutes) 12 minutes are left for this part."
    # every status in words beside its symbol, never by colour alone
    assert "✓ Welcome and start-up (done · 10 minutes)" in text_of(agenda)
    assert "! Close and sign-off (needs attention · 10 minutes)" in text_of(agenda)
    assert "The meeting ends at 16:30" in text_of(agenda)
    assert text_of(shown["now"]).startswith("Now: Goals 12 minutes are left for this part. Goals for this year")


def test_the_current_section_shows_its_part_of_the_plan_in_plain_words(english: Strings) -> None:
    meeting = FakeMeeting()
    now = text_of(regions(view_of(meeting), english)["now"])
    goal = meeting.plan.goals[0]
    assert " ".join(goal.baseline.split()) in now and "By the end of the year" in now  # the family copy's labels
    meeting.go_to("services")
    now = text_of(regions(view_of(meeting), english)["now"])
    assert "Now: Special education and related services" in now and "Help at school" in now
    assert "Who: " in now and "How much: " in now  # a table, written as a list a phone can show


def test_decisions_with_disagreement_the_parking_lot_and_next_steps_are_always_shown(english: Strings) -> None:
    shown = {name: text_of(html) for name, html in regions(view_of(FakeMeeting()), english).items()}
    assert "What the team decided" in shown["decisions"]
    assert "Who did not agree, and why: Alex Example (parent) preferred 120 minutes" in (shown["decisions"])
    # each person's agreement, in their own words, beside the decisions
    assert (
        "Riley Stubbs (explains the test results): does not agree with the plan. In their own words:"
        in (shown["decisions"])
    )
    assert "Band schedule next year" in shown["parking"] and "Raised by: " in shown["parking"]
    assert "Send the draft IEP home in Spanish" in shown["next"] and "By when: March 19, 2026" in shown["next"]


def test_at_the_close_the_current_section_does_not_repeat_what_is_always_shown(english: Strings) -> None:
    shown = regions(view_of(FakeMeeting(current="close")), english)
    now = text_of(shown["now"])
    assert now.endswith("What the team writes down in this part is further down this page.")
    assert "What the team decided" not in now and "Parking lot" not in now and "Who agrees" not in now
    assert "Who agrees with the plan" in text_of(shown["decisions"])


def test_a_section_with_nothing_to_write_says_the_team_talks(english: Strings) -> None:
    meeting = FakeMeeting(current="break")
    meeting.steps = (*meeting.steps, attrs.evolve(meeting.steps[0], id="break", title="Break", parts=()))
    assert "In this part the team talks." in text_of(regions(view_of(meeting), english)["now"])


def test_a_district_s_own_section_stays_in_its_english_marked_as_english(spanish: Strings) -> None:
    meeting = FakeMeeting(language="es")
    meeting.steps = (*meeting.steps, AgendaStep("bus", "Bus and transportation", 5, SectionStatus.NOT_STARTED, ()))
    shown = regions(view_of(meeting), spanish)
    assert '<span lang="en">Bus and transportation</span>' in shown["agenda"]  # no Spanish words for it


def test_an_english_page_keeps_the_agenda_s_titles_as_on_the_facilitator_s_screen(english: Strings) -> None:
    assert "Goals" in text_of(regions(view_of(FakeMeeting()), english)["agenda"])


def test_tables_are_written_as_lists_so_a_phone_never_scrolls_sideways(english: Strings) -> None:
    for section in ("start-up", "present-levels", "goals", "services", "placement", "close"):
        shown = regions(view_of(FakeMeeting(current=section)), english)
        assert not any("<table" in html for html in shown.values()), section


def test_a_spanish_page_marks_english_words_as_english(spanish: Strings) -> None:
    view = view_of(FakeMeeting(language="es"))
    shown = regions(view, spanish)
    page = page_html(view, spanish, shown, 1, [locale_strings("en"), spanish])
    assert page.startswith('<!DOCTYPE html>\n<html lang="es">')
    # each section named as the family's agenda sheet names it, in Spanish
    assert "Metas para el año" in text_of(shown["agenda"]) and ">Goals<" not in shown["agenda"]
    assert text_of(shown["now"]).startswith("Ahora: Metas para el año")
    assert "Ahora: " in text_of(shown["now"]) and "Quedan 12 minutos para esta parte." in text_of(shown["now"])
    assert '<span class="typed" lang="en">' in shown["decisions"]  # what the team typed, in English
    assert "Lo que decidió el equipo" in shown["decisions"]
    # the languages to pick from, each in its own words, the page's marked as the current one
    assert '<a href="/?lang=en" lang="en" hreflang="en">English</a>' in page
    assert '<a href="/?lang=es" lang="es" hreflang="es" aria-current="true">Español</a>' in page


def test_a_spanish_page_shows_the_interpreter_s_translation_of_the_team_s_words(spanish: Strings) -> None:
    meeting = FakeMeeting(language="es")
    topic = next(text for text in typed_texts(meeting.plan) if text.text == "Band schedule next year")
    made = translated(topic, "Spanish", "El horario de banda del próximo año", "Lupe Sample, interpreter", None)
    meeting.plan = with_translation(meeting.plan, made)
    parking = regions(view_of(meeting), spanish)["parking"]
    # the translation, in the page's language (no lang="en"), still marked as the team's words
    assert '<span class="typed"><span class="tag" lang="es">(palabras del equipo) </span>El horario de banda' in parking
    assert "Band schedule next year" not in parking
    assert '<span class="typed">Alex Example</span>' in parking  # a name has no language of its own


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_written_again_after_each_change_is_the_page_written_afresh(language: str) -> None:
    """Only the blocks that changed are written again (WrittenBlocks): what the viewers
    get is still exactly the page as it is now, tags said once a section included."""
    strings = locale_strings(language)
    meeting = FakeMeeting(language=language)
    written = WrittenBlocks()
    topic = next(text for text in typed_texts(meeting.plan) if text.text == "Band schedule next year")
    changes = [
        lambda plan: attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], target="Reads 90 words"), *plan.goals[1:])),
        lambda plan: attrs.evolve(plan, goals=plan.goals[1:]),  # the first goal, which said the tag, is gone
        lambda plan: with_translation(plan, translated(topic, "Spanish", "El horario de banda", "Lupe Sample", None)),
        lambda plan: attrs.evolve(plan, parking_lot=()),
    ]
    assert regions(view_of(meeting), strings, written=written) == regions(view_of(meeting), strings)
    for change in changes:
        meeting.plan = change(meeting.plan)
        again = regions(view_of(meeting), strings, written=written)
        assert again == regions(view_of(meeting), strings)
    assert "Reads 90 words" not in again["now"] and "(" in again["now"]  # the tag moved to the next goal


def test_typed_text_is_never_markup(english: Strings) -> None:
    hostile = '<img src=x onerror="alert(1)"> & </section>'
    meeting = FakeMeeting()
    meeting.plan = attrs.evolve(meeting.plan, parking_lot=(ParkingLotItem(topic=hostile, raised_by="Alex Example"),))
    shown = regions(view_of(meeting), english)
    assert "<img" not in shown["parking"] and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown["parking"]


def test_the_page_s_script_and_styles_are_the_only_ones_allowed(english: Strings) -> None:
    view = view_of(FakeMeeting())
    page = page_html(view, english, regions(view, english), 7, [english])
    assert page.count("<script>") == 1 and f"<script>{SCRIPT}</script>" in page
    assert page.count("<style>") == 1 and f"<style>{STYLE}</style>" in page
    assert ' style="' not in page  # an inline style attribute would need 'unsafe-inline'
    assert '<body data-version="7">' in page
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "default-src 'none'" in CONTENT_SECURITY_POLICY
    # what is just recorded is said in a polite live region, apart from the rest of the page
    assert '<p id="announce" role="status" aria-live="polite">' in page


# --- what was just recorded --------------------------------------------------------------------------------------


def test_records_and_moves_are_announced_but_typing_is_not(english: Strings) -> None:
    meeting = FakeMeeting()
    before = view_of(meeting)
    meeting.edit(lambda plan: attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], baseline="typed"),)))
    assert notes(before, view_of(meeting)) == ()
    decision = Decision(
        time=dt.datetime(2026, 3, 12, 16, 0), section="placement", what="ESY is not needed", outcome=Outcome.NOT_AGREED
    )
    step = ActionItem(owner="Casey Fixture", what="Call the family")

    def record(plan: Plan) -> Plan:
        return attrs.evolve(plan, decisions=(*plan.decisions, decision), action_items=(*plan.action_items, step))

    before = view_of(meeting)
    meeting.edit(record)
    meeting.go_to("services")
    after = view_of(meeting)
    found = notes(before, after)
    assert found == (
        Note("moved", "Special education and related services", section="services"),
        Note("decision", "ESY is not needed", Outcome.NOT_AGREED),
        Note("step", "Call the family"),
    )
    said = text_of(notes_html(found, after, english))
    assert said == (
        "The team moved on to: Special education and related services "
        "New decision (Not agreed): (the team's words) ESY is not needed "
        "New next step: (the team's words) Call the family"
    )
    moved_in_spanish = notes_html(found[:1], after, locale_strings("es"))
    assert text_of(moved_in_spanish).endswith(": Ayuda en la escuela")  # where the team went, in Spanish
    meeting.go_to("accommodations")  # written with a later view (a slow viewer's): still the services, in Spanish
    later = notes_html(found[:1], view_of(meeting), locale_strings("es"))
    assert text_of(later).endswith(": Ayuda en la escuela")


def test_the_plan_made_final_is_announced_alone(spanish: Strings) -> None:
    meeting = FakeMeeting()
    before = view_of(meeting)
    meeting.edit(lambda plan: attrs.evolve(plan, status=Status.FINAL))
    after = view_of(meeting)
    assert notes(before, after) == (Note("final"),)
    assert notes_html(notes(before, after), after, spanish) == "El plan ya es final."


# --- time ----------------------------------------------------------------------------------------------------------


def test_the_clock_changes_the_view_only_once_a_minute() -> None:
    meeting = FakeMeeting()
    first = view_of(meeting)
    meeting.spend(10)
    assert view_of(meeting) == first  # 11:50 left still reads "12 minutes"
    meeting.spend(60)
    assert view_of(meeting) != first


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"section_spent": 25 * 60}, "This part is 5 minutes over its time."),
        ({"now": dt.datetime(2026, 3, 12, 16, 31)}, "The meeting is 1 minute past the time it was to end."),
        ({"planned_end": None}, "No end time was set."),
        (
            {"phase": Phase.BEFORE_START, "starts": dt.datetime(2026, 3, 12, 15, 30)},
            "The meeting starts at 15:30",
        ),
        (
            {"phase": Phase.ANOTHER_DAY, "meeting_date": dt.date(2026, 3, 19)},
            "The day of the meeting: March 19, 2026",
        ),
        ({"phase": Phase.FINAL}, "The meeting is over, and the plan is final."),
    ],
)
def test_the_time_in_words(english: Strings, changes: dict[str, object], said: str) -> None:
    meeting = FakeMeeting()
    meeting.reading = attrs.evolve(meeting.reading, **changes)  # type: ignore[arg-type]
    assert said in text_of(regions(view_of(meeting), english)["agenda"] + regions(view_of(meeting), english)["now"])
