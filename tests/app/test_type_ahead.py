"""Nothing typed is lost: keys and pastes sent right after a move — a section
change, a checklist jump, a dialog opening or closing, a record added or
removed — all arrive, in order, in the field the move leads to, and in the file.

The keys are sent the way a fast typist or a paste reaches the app: all at
once, without waiting for the app to catch up (Pilot's `press` waits after each
key, which hides exactly this).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import Input, TextArea

from iep_meeting.model.paths import get_in
from iep_meeting.model.plan import Attendance
from iep_meeting.tui.widgets.checklist_view import grouped
from iep_meeting.tui.widgets.fields import BoundField, Kind
from iep_meeting.tui.widgets.option_row import OptionRow
from iep_meeting.tui.widgets.records import RecordList

from .harness import editor_as, make_app, open_section, saved, settled

TYPED = "Said at 3:05, word for word"
PASTED = " (and a pasted line)"


def typed(text: str) -> list[events.Key]:
    return [events.Key(char if char.isalnum() else _character_to_key(char), char) for char in text]


def pressed(*names: str) -> list[events.Key]:
    return [events.Key(name, None) for name in names]


def burst(app: App[Any], *parts: list[events.Key] | events.Key | events.Paste) -> None:
    """Every event in `parts` (events, or lists of them), posted to the app at once."""
    for part in parts:
        for event in part if isinstance(part, list) else [part]:
            app.post_message(event)


def what_to_type(widget) -> tuple[list[events.Key | events.Paste], object]:
    """Keys that make sense in the field a move landed on, and what the field
    then shows: a one-key choice takes another answer; a number is typed anew;
    a text the plan holds is added to, as a user adds to it: in a one-line
    field after End (typing alone never extends it), in a longer text on a
    line of its own."""
    field = next((node for node in widget.ancestors if isinstance(node, BoundField)), None)
    if isinstance(widget, OptionRow):
        key, value = next((k, v) for k, (_, v) in zip(widget.keys, widget.options) if v != widget.value)
        return [*typed(key)], value
    if field is not None and field.kind is Kind.NUMBER:
        return [*pressed("ctrl+u"), *typed("75")], "75"
    assert isinstance(widget, (Input, TextArea)), f"a move landed on {widget!r}, which takes no typing"
    before = shown(widget)
    if isinstance(widget, Input):
        return [*pressed("end"), *typed(TYPED), events.Paste(PASTED)], before + TYPED + PASTED
    new_line = "\n" if before and not before.endswith("\n") else ""
    return [*typed(TYPED), events.Paste(PASTED)], before + new_line + TYPED + PASTED


def shown(widget):
    if isinstance(widget, OptionRow):
        return widget.value
    return widget.value if isinstance(widget, Input) else widget.text


async def test_keys_sent_with_each_section_change_land_where_that_sections_discussion_starts(tmp_path):
    # First, at a typist's pace: the field each section puts the focus in.
    (tmp_path / "walk").mkdir()
    (tmp_path / "fast").mkdir()
    walk_app = make_app(tmp_path / "walk")
    landings = []
    async with walk_app.run_test(size=(120, 36)) as pilot:
        for section in walk_app.session.sections:
            await open_section(pilot, walk_app, section.id)
            landing = walk_app.focused
            assert landing is not None
            field = next((n for n in landing.ancestors if isinstance(n, BoundField)), None)
            keys, expected = what_to_type(landing)
            landings.append((section.id, landing.id, field.path if field else None, keys, expected))
            if section.starts_at:  # the agenda names where the discussion starts: the cursor is there
                assert field is not None and [s for s in field.path if isinstance(s, str)] == section.starts_at.split(
                    "."
                )

    # Then at once, each section on its first visit (its form not built yet).
    app = make_app(tmp_path / "fast")
    async with app.run_test(size=(120, 36)) as pilot:
        for number, (section_id, widget_id, path, keys, expected) in enumerate(landings):
            move = pressed("f6") if number else []  # the meeting opens on the first section
            burst(app, move, *keys)
            await settled(pilot, app)
            landing = _landing(app, widget_id, path)
            assert landing is app.focused, f"{section_id}: the focus is on {app.focused!r}"
            now = shown(landing)
            assert now == expected, f"{section_id}: {now!r}"
            if path is not None:
                value = get_in(app.session.plan, path)
                assert (value if isinstance(landing, OptionRow) else _text(value)) == now, f"{section_id}: the plan"
        plan = app.session.plan
        on_disk = await saved(pilot, app)
    for _section_id, _widget_id, path, *_ in landings:
        if path is not None:
            assert get_in(on_disk, path) == get_in(plan, path)


def _text(value) -> str:
    if value is None:
        return ""
    return "\n".join(value) if isinstance(value, tuple) else str(value)


def _landing(app, widget_id, path):
    """The widget a section's move lands on, found again in this app."""
    if path is not None:
        return next(f for f in app.screen.query(BoundField) if f.path == path).editor
    return app.screen.query_one(f"#{widget_id}")


async def test_keys_sent_with_a_checklist_jump_land_in_the_field_that_fixes_the_item(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        outcomes = shown_at(app, ("facilitation", "desired_outcomes"))
        burst(app, pressed("f10", *["down"] * outcomes, "enter"), typed(TYPED), events.Paste(PASTED))
        await settled(pilot, app)
        assert app.session.plan.facilitation.desired_outcomes == (TYPED + PASTED,)

        # A jump to a one-key choice: the key typed at once is the answer.
        dev = shown_at(app, ("team", 4, "attendance"))
        row = await _option_row_for(pilot, app, ("team", 4, "attendance"))
        present = row.keys[[value for _, value in row.options].index(Attendance.IN_PERSON)]
        burst(app, pressed("f10", *["down"] * dev, "enter"), typed(present))
        await settled(pilot, app)
        assert app.session.plan.team[4].attendance is Attendance.IN_PERSON
        on_disk = await saved(pilot, app)
    assert on_disk.facilitation.desired_outcomes == (TYPED + PASTED,)
    assert on_disk.team[4].attendance is Attendance.IN_PERSON


def shown_at(app, path) -> int:
    """How many rows down the checklist screen shows the finding at `path` (grouped by section)."""
    shown = [f for _, items in grouped(app.session.findings, app.session.sections) for f in items]
    return next(i for i, f in enumerate(shown) if f.path == path)


async def _option_row_for(pilot, app, path) -> OptionRow:
    await open_section(pilot, app, "start-up")
    team = next(w for w in app.screen.query(RecordList) if w.list_path == ("team",))
    team.select(path[1], app.session.plan)
    await pilot.pause()
    return editor_as(OptionRow, next(f for f in app.screen.query(BoundField) if f.path == path))


async def test_keys_sent_as_a_dialog_opens_and_closes_land_in_the_dialog_then_back_in_the_form(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "close")  # in the first action item's owner
        owner_before = app.session.plan.action_items[0].owner
        # F2, the decision at once, ctrl+s, and straight on with the form (after the owner's name).
        burst(app, pressed("f2"), typed("Extend reading services"), pressed("ctrl+s", "end"), typed(" and Ms. Kim"))
        await settled(pilot, app)
        assert app.session.plan.decisions[-1].what == "Extend reading services"
        assert app.session.plan.action_items[0].owner == owner_before + " and Ms. Kim"
        # F3 and Escape on an empty topic: back in the form at once.
        burst(app, pressed("f3", "escape"), events.Paste(PASTED))
        await settled(pilot, app)
        assert app.session.plan.action_items[0].owner == owner_before + " and Ms. Kim" + PASTED
        on_disk = await saved(pilot, app)
    assert on_disk.decisions[-1].what == "Extend reading services"
    assert on_disk.action_items[0].owner == owner_before + " and Ms. Kim" + PASTED


async def test_keys_sent_as_a_record_is_added_or_removed_land_in_that_lists_form(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "start-up")
        count = len(app.session.plan.team)
        # ctrl+n, and the new member's name typed at once.
        burst(app, pressed("ctrl+n"), typed("Ms. Dana Kim"))
        await settled(pilot, app)
        assert len(app.session.plan.team) == count + 1
        assert app.session.plan.team[-1].name == "Ms. Dana Kim"
        # Remove her again (Tab to the confirm button, Enter), then Tab to the
        # name of the member now selected and add to it: the focus stayed in the list.
        burst(app, pressed("ctrl+r", "tab", "enter", "tab", "tab", "tab", "end"), typed(" Jr."))
        await settled(pilot, app)
        team = app.session.plan.team
        assert len(team) == count
        assert team[-1].name.endswith(" Jr.")
        on_disk = await saved(pilot, app)
    assert [m.name for m in on_disk.team] == [m.name for m in team]
