"""The traps a new facilitator fell into, each closed: an answer key that picks
the wrong answer, examples that pass for answers, a list that ignores Space,
a form for the wrong person, Enter that saves too soon, names not found, the
focus thrown elsewhere, ctrl+u that deletes part of a line, "copys"."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, SelectionList, TextArea

from iep_meeting.model.edits import new_plan
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.dialogs.record import ParkingLotDialog
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.fields import BoundField
from iep_meeting.tui.widgets.records import RecordList

from .harness import editor_as, field, make_app, open_section, saved, settled

SIZE = (120, 36)
FORMATS = ("YYYY-MM-DD", "HH:MM", "minutes", "0 to 100")


def records(app: IEPMeetingApp, *list_path: str | int) -> RecordList:
    return next(r for r in app.screen.query(RecordList) if r.list_path == list_path)


async def test_n_answers_no_to_a_needed_question(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "placement")
        needed = next(f for f in app.screen.query(BoundField) if f.path[-1] == "needed")
        app.screen.set_focus(needed.editor)
        await pilot.press("n")
        assert (await saved(pilot, app)).special_factors.behavior.needed is False


async def test_every_placeholder_reads_as_an_example_in_italics(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        checked = 0
        for section in app.session.sections:
            await open_section(pilot, app, section.id)
            for bound in app.screen.query_one(f"#editor-{section.id}").query(BoundField):
                editor = bound.editor
                if not isinstance(editor, (Input, TextArea)) or not str(editor.placeholder):
                    continue
                text = str(editor.placeholder)
                frame = "___" in text or text.endswith("...")  # a sentence to complete
                assert text.startswith(("e.g. ", "usually: ")) or text in FORMATS or frame, (
                    f"{bound.path}: placeholder {text!r} could pass for an answer"
                )
                part = "input--placeholder" if isinstance(editor, Input) else "text-area--placeholder"
                assert editor.get_component_rich_style(part).italic, f"{bound.path}: placeholder not in italics"
                checked += 1
        assert checked > 20


async def test_space_ticks_the_first_goal_of_every_service_at_once(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "services")
        goals = field(app, "services", 0, "goals").editor
        assert isinstance(goals, SelectionList)
        app.screen.set_focus(goals)
        await pilot.press("space")  # service-1 served goal-1: Space unticks it, no Down needed
        await pilot.press("down", "ctrl+down")  # the next service, in the same field
        await settled(pilot, app)
        assert goals.highlighted == 0, "the highlight carried over from the previous service"
        await pilot.press("space")
        plan = await saved(pilot, app)
    assert plan.services[0].goals == ()
    assert set(plan.services[1].goals) == {"goal-1", "goal-2"}


async def test_contact_attempts_belong_to_parents_only(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "start-up")
        attempts = records(app, "team", 0, "contact_attempts")
        assert app.session.plan.team[0].role.value == "parent" and attempts.display
        app.screen.set_focus(field(app, "team", 0, "name").editor)
        for _ in range(3):  # to the special education teacher
            await pilot.press("ctrl+down")
        await settled(pilot, app)
        assert app.session.plan.team[3].role.value != "parent"
        assert not attempts.display


async def test_enter_takes_a_suggested_name_found_by_any_word_then_saves(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "goals")
        await pilot.press("f3", *"Bus times")
        await settled(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, ParkingLotDialog)
        raised_by = editor_as(Input, dialog.field("raised_by"))
        dialog.set_focus(raised_by)
        await pilot.press(*"okaf", "enter")  # "Dev Okafor" is found by his last name
        await settled(pilot, app)
        assert app.screen is dialog, "Enter took the suggestion and also closed the dialog"
        assert raised_by.value == "Dev Okafor"
        await pilot.press("enter")  # the last field: now it saves
        await settled(pilot, app)
        assert isinstance(app.screen, MeetingScreen)
        assert (await saved(pilot, app)).parking_lot[-1].raised_by == "Dev Okafor"


async def test_the_action_item_owner_suggests_team_names(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        owner = editor_as(Input, field(app, "action_items", 0, "owner"))
        app.screen.set_focus(owner)
        await pilot.press("end", "ctrl+u", *"c whit", "right")  # → takes "Carl Whitfield"
        await settled(pilot, app)
        assert owner.value == "Carl Whitfield"
        assert (await saved(pilot, app)).action_items[0].owner == "Carl Whitfield"


async def test_removing_a_sign_off_participant_keeps_the_focus_in_that_list(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        signatures = records(app, "sign_off", "signatures")
        app.screen.set_focus(signatures.query_one("#add"))
        await pilot.press("ctrl+n")
        await settled(pilot, app)
        await pilot.press(*"Helen Marsh", "ctrl+n")
        await settled(pilot, app)
        await pilot.press("ctrl+r", "tab", "enter")  # remove, and confirm
        await settled(pilot, app)
        assert app.focused is not None and signatures in app.focused.ancestors, app.focused
        assert [s.name for s in (await saved(pilot, app)).sign_off.signatures] == ["Helen Marsh"]


async def test_ctrl_u_deletes_to_the_start_of_the_line_as_written(tmp_path):
    app = make_app(tmp_path)
    long_line = "Jordan reads grade-level passages aloud " * 6  # wraps over several rows
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "goals")
        statement = field(app, "goals", 0, "statement").editor
        assert isinstance(statement, TextArea)
        app.screen.set_focus(statement)
        before = statement.text
        statement.move_cursor(statement.document.end)  # as a click after the last word
        await pilot.press("enter", *long_line.strip())
        await settled(pilot, app)
        assert statement.wrapped_document.height > statement.document.line_count  # it does wrap
        await pilot.press("ctrl+u")
        await settled(pilot, app)
        assert statement.text == before + "\n", "ctrl+u kept part of the line, or took the line above"
        assert (await saved(pilot, app)).goals[0].statement == before + "\n"


async def test_an_empty_list_says_how_to_add_in_plain_english(tmp_path):
    plan = new_plan("Sam Fictional", find_agenda("annual-review").agenda, dt.date(2026, 12, 3))
    app = make_app(tmp_path, plan)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "start-up")
        team = records(app, "team")
        assert str(team.query_one(".list-empty").render()).startswith("No team members yet.")
        await open_section(pilot, app, "close")
        copies = records(app, "family_copies")
        assert str(copies.query_one(".list-empty").render()).startswith("No copies yet.")
        app.screen.set_focus(copies.query_one("#add"))
        await pilot.press("ctrl+n")  # the key the text names works in the list
        assert len((await saved(pilot, app)).family_copies) == 1
