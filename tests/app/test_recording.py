"""Recording during the meeting: decisions (F2), parking-lot topics (F3), action
items (F4), and the decision log (F8) — from keys to the saved plan file."""

from __future__ import annotations

import datetime as dt

import attrs
from textual.widgets import Button, DataTable, Input

from iep_meeting.model.plan import ActionItem, Decision, Outcome, ParkingLotItem
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.dialogs.record import ActionItemDialog, DecisionDialog, ParkingLotDialog
from iep_meeting.tui.screens.decision_log import DecisionLogScreen
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.option_row import OptionRow
from tests.app.harness import FakeClock, editor_as, make_app, settled, wait_saved

SIZE = (120, 36)
NOW = dt.datetime(2026, 12, 3, 15, 42, 37)  # seconds are dropped from the stamp


def saved(app):
    return load_plan(app.session.plan_file.path)


def problem_text(dialog) -> str:
    label = dialog.query_one("#problem")
    return str(label.render()) if label.display else ""


def rendered(widget) -> str:
    """The text a widget puts on the screen, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def plan_with_decisions():
    plan = load_plan(sample_plan_path())
    at = dt.datetime(2026, 12, 3, 15, 5)
    return attrs.evolve(
        plan,
        decisions=(
            Decision(time=at, section="present-levels", what="Ann [bold]Lee reads at grade 5 level"),
            Decision(
                time=at.replace(minute=20),
                section="goals",
                what="Goal 2 target stays at 90 wpm",
                outcome=Outcome.NOT_AGREED,
                disagreed="[/] Renata Vance: too low",
            ),
            Decision(
                time=at.replace(minute=31), section="services", what="ESY decided next month", outcome=Outcome.TABLED
            ),
        ),
    )


async def choose_not_agreed(pilot) -> None:
    """From the 'what' field: to the outcome choice, and its key for "not agreed"."""
    await pilot.press("tab", "n")


# --- F2: decisions ---------------------------------------------------------------------


async def test_f2_records_a_decision_with_time_section_and_disagreement(tmp_path):
    app = make_app(tmp_path, clock=FakeClock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")  # the team is on present levels now
        await pilot.press("f2")
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        assert "Present levels" in str(dialog.query_one(".dialog-title").render())
        await pilot.press(*"4 [bold]x[/]")
        await choose_not_agreed(pilot)
        assert dialog.draft.outcome is Outcome.NOT_AGREED
        assert dialog.query_one("#disagree-prompt").display  # asks who disagreed
        await pilot.press("tab", *"Tom: 5")
        assert not dialog.query_one("#disagree-prompt").display
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        await wait_saved(pilot, app)
        assert saved(app).decisions == (
            Decision(
                time=dt.datetime(2026, 12, 3, 15, 42),
                section="present-levels",
                what="4 [bold]x[/]",
                outcome=Outcome.NOT_AGREED,
                disagreed="Tom: 5",
            ),
        )


async def test_decision_dialog_keeps_its_buttons_on_a_small_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen.region
        for selector in ("#record", "#cancel", ".dialog-keys", ".dialog-title"):
            assert screen.contains_region(app.screen.query_one(selector).region), selector


async def test_empty_decision_is_refused_with_a_message(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)  # stays open
        assert "Write what was decided" in problem_text(dialog)
        await pilot.press(*"   ", "ctrl+s")  # spaces are not a decision either
        assert isinstance(app.screen, DecisionDialog)
        assert app.session.plan.decisions == ()
        await pilot.press("escape")  # only spaces typed: asks first
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#confirm")
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.plan.decisions == ()


async def test_escape_closes_at_once_when_nothing_was_typed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, DecisionDialog)  # F2 opened the dialog ...
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)  # ... and Escape closed it, asking nothing
        assert app.session.plan.decisions == ()


async def test_escape_after_typing_asks_before_discarding(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", *"ESY", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # "Keep editing"
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog) and dialog.draft.what == "ESY"
        await pilot.press("escape")
        await pilot.click("#confirm")  # "Discard"
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.plan.decisions == ()
        assert app.session.autosave.version == 0  # the plan was never touched


async def test_not_agreed_without_disagreement_asks_first(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "X")
        await choose_not_agreed(pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # "Write it down": back in the dialog
        assert isinstance(app.screen, DecisionDialog)
        await pilot.press("ctrl+s")
        await pilot.click("#confirm")  # "Record anyway"
        await settled(pilot, app)  # the dialog records as it closes: wait for it (a loaded CI run did not)
        assert isinstance(app.screen, MeetingScreen)
        (decision,) = app.session.plan.decisions
        assert decision.outcome is Outcome.NOT_AGREED and decision.disagreed == ""


# --- F3, F4: parking lot and action items -------------------------------------------------------


async def test_f3_parks_a_topic_with_the_current_section(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        assert isinstance(app.screen, ParkingLotDialog)
        await pilot.press("enter")  # empty topic: Enter only moves on
        await pilot.press("ctrl+s")
        assert "Write the topic" in problem_text(app.screen)
        await pilot.press(*"Bus [red]", "enter", *"ren", "enter")  # Enter takes the suggested name
        assert isinstance(app.screen, ParkingLotDialog)  # and stays, so it can be checked
        await pilot.press("enter")  # the last field: saves
        assert isinstance(app.screen, MeetingScreen)
        await wait_saved(pilot, app)
        assert saved(app).parking_lot == (
            ParkingLotItem(topic="Bus [red]", raised_by="Renata Vance", section="start-up"),
        )


async def test_f4_action_item_refuses_an_unclear_date_until_fixed(tmp_path):
    app = make_app(tmp_path)
    before = app.session.plan.action_items
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, ActionItemDialog)
        assert "Write who will do it" in problem_text(dialog)
        await pilot.press(*"pri", "enter")  # the suggested team member
        assert dialog.draft.owner == "Priya Nandakumar"
        await pilot.press("ctrl+s")
        assert "Write what they will do" in problem_text(dialog)
        await pilot.press(*"[b]Call", "tab", *"12/3", "ctrl+s")
        assert isinstance(app.screen, ActionItemDialog)
        message = problem_text(dialog)
        assert "12/3" in message and "year-month-day" in message
        assert app.session.plan.action_items == before  # nothing added
        await pilot.press("ctrl+u", *"2026-12-15", "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        await wait_saved(pilot, app)
        assert saved(app).action_items == (
            *before,
            ActionItem(owner="Priya Nandakumar", what="[b]Call", due=dt.date(2026, 12, 15)),
        )


async def test_saving_reads_the_fields_even_before_their_messages_arrive(tmp_path):
    """ctrl+s right after the last key: what is on screen is what gets saved."""
    app = make_app(tmp_path)
    before = app.session.plan.action_items
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        dialog = app.screen
        assert isinstance(dialog, ActionItemDialog)
        owner, what, due = (editor_as(Input, dialog.field(name)) for name in ("owner", "what", "due"))
        owner.value, what.value, due.value = "Ann [bold]Lee", "Call", "12/3"
        dialog.action_record()  # at once: the fields' Changed messages are still queued
        await pilot.pause()
        assert isinstance(app.screen, ActionItemDialog) and "12/3" in problem_text(dialog)
        due.value = "2026-12-15"
        dialog.action_record()
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.plan.action_items == (
            *before,
            ActionItem(owner="Ann [bold]Lee", what="Call", due=dt.date(2026, 12, 15)),
        )


# --- F8: the decision log -------------------------------------------------------------------


async def test_log_lists_decisions_literally(tmp_path):
    app = make_app(tmp_path, plan_with_decisions())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        log = app.screen
        assert isinstance(log, DecisionLogScreen)
        table = log.query_one(DataTable)
        assert table.row_count == 3
        text = rendered(table)
        assert "Ann [bold]Lee reads" in text
        assert "[/] Renata Vance: too low" in text
        assert "! not agreed" in text and "◐ tabled" in text and "✓ agreed" in text  # words, not colour
        assert "Annual goals" in text and "15:20" in text  # section title and time
        assert "Ann [bold]Lee reads" in str(log.query_one("#log-detail").render())
        await pilot.press("f8")
        assert isinstance(app.screen, MeetingScreen)


async def test_log_edits_a_decision_keeping_its_time_and_section(tmp_path):
    app = make_app(tmp_path, plan_with_decisions(), clock=FakeClock(NOW))
    original = app.session.plan.decisions
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8", "down", "enter")
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog) and dialog.draft == original[1]
        assert dialog.draft.outcome is Outcome.NOT_AGREED  # not reset by the choice starting up
        assert editor_as(OptionRow, dialog.field("outcome")).value is Outcome.NOT_AGREED
        assert "Save changes" in str(dialog.query_one("#record", Button).label)
        await pilot.press("end", *" v2", "ctrl+s")
        await settled(pilot, app)  # keys typed as the dialog opens wait until it is drawn
        assert isinstance(app.screen, DecisionLogScreen)
        assert "90 wpm v2" in rendered(app.screen.query_one(DataTable))
        await wait_saved(pilot, app)
        decisions = saved(app).decisions
        assert decisions[1] == attrs.evolve(original[1], what="Goal 2 target stays at 90 wpm v2")
        assert decisions[0] == original[0] and decisions[2] == original[2]


async def test_log_deletes_a_decision_only_after_confirming(tmp_path):
    app = make_app(tmp_path, plan_with_decisions())
    original = app.session.plan.decisions
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8", "down", "down", "ctrl+r")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # cancel keeps it
        assert isinstance(app.screen, DecisionLogScreen)
        assert app.session.plan.decisions == original
        await pilot.press("ctrl+r")
        await pilot.click("#confirm")
        assert isinstance(app.screen, DecisionLogScreen)
        assert app.screen.query_one(DataTable).row_count == 2
        await wait_saved(pilot, app)
        assert saved(app).decisions == original[:2]


async def test_read_only_log_opens_but_refuses_changes(tmp_path):
    app = make_app(tmp_path, plan_with_decisions(), read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)  # keys typed while the app starts wait for its first field
        await pilot.press("f2")
        assert isinstance(app.screen, MeetingScreen)  # greyed out: nothing opens
        await pilot.press("f8")
        assert isinstance(app.screen, DecisionLogScreen)
        await pilot.press("enter", "ctrl+r")
        assert isinstance(app.screen, DecisionLogScreen)  # no dialog
        assert any("read-only" in n.message for n in app._notifications)
        assert app.session.plan.decisions == plan_with_decisions().decisions
