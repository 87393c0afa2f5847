"""The meeting screen as the team sees it: agenda, clock, saving, quitting, bad input."""

from __future__ import annotations

import datetime as dt
import errno
import os

import attrs
import pytest
from rich.cells import cell_len
from textual.widgets import Input

from iep_meeting.cli.main import main
from iep_meeting.meeting.autosave import SaveState
from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import Student
from iep_meeting.store.plan_file import PlanFile, load_plan
from iep_meeting.store.seal import sealed
from iep_meeting.tui.widgets.agenda_list import AgendaList
from iep_meeting.tui.widgets.meeting_bar import SAVE_ROOM, MeetingBar, who_texts
from tests.app.harness import (
    FakeClock,
    back_to_the_meeting,
    editor_as,
    field,
    make_app,
    settled,
    wait_for_save_state,
    wait_saved,
    write_plan,
)
from tests.factories import small_plan


def bar_text(app) -> str:
    bar = app.meeting_screen.query_one(MeetingBar)
    return " ".join(str(label.render()) for label in bar.query("Label") if label.display)  # as on screen


async def test_top_bar_shows_student_kind_clock_and_save_state(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "Jordan Vance" in text and "annual review" in text and "draft" in text
        # The start-up's 10 minutes of an 85-minute agenda, fitted to the 90 minutes from 15:30 to 17:00.
        assert "11:00 left" in text and "ends 17:00" in text
        assert "saved" in text
        clock.advance(minutes=12)
        await pilot.pause(1.1)  # the clock label refreshes once a second
        assert "OVER by 1:00" in bar_text(app)


def clock_text(app) -> str:
    return str(app.meeting_screen.query_one(MeetingBar).query_one("#clock").render())


async def clock_shows(pilot, app, text: str, limit: float = 3.0) -> None:
    """Wait until the clock label shows `text` (it refreshes once a second; bounded, fails loudly)."""
    waited = 0.0
    while clock_text(app) != text:
        await pilot.pause(0.05)
        waited += 0.05
        assert waited < limit, f"the clock shows {clock_text(app)!r}, not {text!r}"


async def test_the_clock_follows_the_meetings_start_end_and_final_plan(tmp_path):
    # The sample meeting is on 2026-12-03 from 15:30 to 17:00; the app opens at 15:18.
    clock = FakeClock(dt.datetime(2026, 12, 3, 15, 18))
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await clock_shows(pilot, app, "starts 15:30 (in 12:00) · ends 17:00")
        assert "OVER" not in bar_text(app) and "PAST END" not in bar_text(app)

        clock.advance(minutes=17)  # 15:35: the meeting's time counts from 15:30, not from the opening
        await clock_shows(pilot, app, "time 5:00 · section 6:00 left · ends 17:00")

        clock.advance(minutes=90)  # 17:05
        await clock_shows(pilot, app, "time 1:35:00 · section OVER by 1:24:00 · PAST END 17:00 by 5:00")
        assert app.meeting_screen.query_one("#clock").has_class("-over")

        app.session.finalize(clock.now.date())  # the session tells the app, as after ctrl+f
        await clock_shows(pilot, app, "meeting over · final")
        assert not app.meeting_screen.query_one("#clock").has_class("-over")
        clock.advance(minutes=30)
        app.session.tick()  # what the session's clock does every second
        await pilot.pause()
        assert clock_text(app) == "meeting over · final"  # stopped: no elapsed time, no overrun


@pytest.mark.parametrize(
    ("today", "says"),
    [(dt.date(2026, 12, 1), "meeting on 2026-12-03"), (dt.date(2026, 12, 10), "meeting was on 2026-12-03")],
)
async def test_on_another_day_the_clock_names_the_meetings_day(tmp_path, today, says):
    clock = FakeClock(dt.datetime.combine(today, dt.time(17, 30)))  # after the planned end, on another day
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await clock_shows(pilot, app, says)
        assert "PAST END" not in bar_text(app) and "OVER" not in bar_text(app)


async def test_a_final_plan_opens_with_the_clock_stopped(tmp_path):
    app = make_app(tmp_path, sealed(finalize(small_plan(), dt.date(2026, 3, 12))))
    async with app.run_test(size=(120, 36)) as pilot:
        await clock_shows(pilot, app, "meeting over · final")


def assert_whole_on_the_line(app) -> None:
    """Every label of the top bar is on the screen, whole: none is cut or pushed off."""
    bar = app.meeting_screen.query_one(MeetingBar)
    for label in bar.query("Label"):
        text = str(label.render())
        if label.id == "who":  # what is left, in whole words: never "Jordan Vance · an…"
            forms = who_texts(app.session.plan, app.session.readonly_reason)
            assert text in forms, text
            # Only the name alone is cut with "…", when not even it fits (sharing, at 80 columns).
            assert cell_len(text) <= label.region.width or text == forms[-1], (text, label.region)
            assert label.region.width >= 6
            continue
        # The save state always has the room of its widest mark, so the bar keeps still while saving.
        width = max(SAVE_ROOM, cell_len(text)) if label.id == "save" else cell_len(text)
        assert label.region.width == width, (label.id, text, label.region)
        assert label.region.right <= bar.region.right - 1, (label.id, text, label.region)


@pytest.mark.parametrize(
    ("now", "clock_says"),
    [
        (dt.datetime(2026, 12, 3, 15, 18), "starts 15:30 (in 12:00) · ends 17:00"),
        (
            dt.datetime(2026, 12, 3, 15, 42),
            "time 12:00 · 11:00 left · ends 17:00",
        ),  # started at 15:30; 11 minutes fitted
    ],
)
async def test_at_80_columns_the_top_bar_keeps_the_clocks_words_and_the_save_state(tmp_path, now, clock_says):
    app = make_app(tmp_path, clock=FakeClock(now))
    async with app.run_test(size=(80, 24)) as pilot:
        await clock_shows(pilot, app, clock_says)
        text = bar_text(app)
        assert "! 15 open" in text and "✓ saved" in text  # the checklist gave up its word "checklist"
        assert_whole_on_the_line(app)


async def test_at_80_columns_an_overrun_and_a_failed_save_still_fit_with_words(tmp_path, monkeypatch):
    clock = FakeClock()  # 15:42 on the meeting's day
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(hours=1, minutes=25)  # 17:07: the section and the meeting both run over
        await clock_shows(pilot, app, "time 1:37:00 · OVER · PAST END by 7:00")
        await back_to_the_meeting(pilot, app)  # the end is near, the section's time is up: keep going
        assert bar_text(app).endswith("! 15 open ✓ saved")
        assert_whole_on_the_line(app)

        monkeypatch.setattr(
            os, "replace", lambda s, d: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device"))
        )
        timekeeper = field(app, "facilitation", "timekeeper").editor
        timekeeper.focus()
        await pilot.pause()  # Widget.focus() lands a message later
        assert app.screen is app.meeting_screen and app.focused is timekeeper, (app.screen, app.focused)
        await pilot.press("x")
        await settled(pilot, app)
        assert app.session.plan.facilitation.timekeeper.endswith("x"), "the key was not typed into the field"
        await wait_for_save_state(pilot, app, SaveState.FAILED, limit=3)
        await pilot.pause()
        assert bar_text(app).endswith("time 1:37:00 · OVER · PAST END by 7:00 ! 15 ✗ NOT SAVED")
        assert_whole_on_the_line(app)


@pytest.mark.parametrize(
    ("after", "clock_starts"), [(dt.timedelta(0), "time 12:00 · "), (dt.timedelta(hours=2), "time 2:12:00 · ")]
)
async def test_at_every_width_the_top_bar_labels_are_whole_and_the_clock_says_time(tmp_path, after, clock_starts):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(seconds=after.total_seconds())
        for width in range(80, 161, 5):
            await pilot.resize_terminal(width, 24)
            app.session.tick()  # what the session's clock does every second
            await pilot.pause()
            assert clock_text(app).startswith(clock_starts), (width, clock_text(app))
            assert_whole_on_the_line(app)
            assert "saved" in bar_text(app)


async def test_agenda_shows_status_words_and_moves_with_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one(AgendaList)
        first = str(agenda.get_option_at_index(0).prompt)
        assert "▶ Welcome and start-up" in first and "in progress" in first
        await pilot.press("f6")
        assert app.session.current.id == "present-levels"
        await pilot.press("f6", "f6")
        assert app.session.current.id == "services"
        await pilot.press("f5")
        assert app.session.current.id == "goals"
        assert "transition" not in [s.id for s in app.session.sections]  # Jordan is 13


async def test_typing_is_saved_within_a_second_and_literal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        facilitator = field(app, "facilitation", "timekeeper")
        facilitator.editor.focus()
        await pilot.press(*"Ann [bold]Lee [/]")
        await wait_saved(pilot, app, limit=1.5)
        assert load_plan(app.session.plan_file.path).facilitation.timekeeper == "Ann [bold]Lee [/]"
        assert "Ann [bold]Lee [/]" in editor_as(Input, facilitator).value


async def test_markup_like_names_render_literally_in_the_bar(tmp_path):
    plan = small_plan()
    plan = attrs.evolve(plan, student=attrs.evolve(plan.student, name="[bold]Ann[/] Lee ["))
    app = make_app(tmp_path, plan)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "[bold]Ann[/] Lee [" in bar_text(app)


async def test_save_failure_is_shown_kept_retried_and_can_go_elsewhere(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        real_replace = os.replace

        def disk_full(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", disk_full)
        field(app, "facilitation", "timekeeper").editor.focus()
        await pilot.press(*"Dev")
        await wait_for_save_state(pilot, app, SaveState.FAILED, limit=3)
        banner = app.screen.query_one("#save-problem")
        assert banner.display and "No space left on device" in str(banner.render())
        assert "NOT SAVED" in bar_text(app)
        assert app.session.plan.facilitation.timekeeper == "Dev"  # kept in memory
        assert load_plan(app.session.plan_file.path).facilitation.timekeeper == ""

        # Save elsewhere (F12) while the disk still refuses the original file.
        monkeypatch.setattr(os, "replace", real_replace)
        copy = tmp_path / "elsewhere.toml"
        await pilot.press("f12")
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        path_input.value = str(copy)
        await pilot.press("enter")
        await pilot.pause()
        assert load_plan(copy).facilitation.timekeeper == "Dev"
        assert app.session.plan_file.path == copy
        assert not app.screen.query_one("#save-problem").display


async def test_save_retries_after_the_disk_recovers(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    app_screen_saves = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.session.autosave.retry_every = 0.2
        real_replace = os.replace
        monkeypatch.setattr(os, "replace", lambda s, d: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
        field(app, "facilitation", "timekeeper").editor.focus()
        await pilot.press("X")
        await wait_for_save_state(pilot, app, SaveState.FAILED, limit=3)
        monkeypatch.setattr(os, "replace", real_replace)
        await wait_saved(pilot, app)
        app_screen_saves.append(load_plan(app.session.plan_file.path).facilitation.timekeeper)
    assert app_screen_saves == ["X"]


async def test_quitting_saves_what_was_just_typed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        field(app, "facilitation", "timekeeper").editor.focus()
        await pilot.press(*"Lee")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert load_plan(tmp_path / "plan.toml").facilitation.timekeeper == "Lee"
    assert not (tmp_path / "plan.toml.lock").exists()


async def test_read_only_plan_refuses_edits_and_says_why(tmp_path):
    app = make_app(tmp_path, read_only=True)
    before = (tmp_path / "plan.toml").read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#readonly-note")
        assert note.display and "Read-only" in str(note.render())
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MeetingScreen"  # no decision dialog opened
        await pilot.press("ctrl+q")
    assert (tmp_path / "plan.toml").read_bytes() == before


def test_run_on_a_locked_plan_says_who_has_it_and_writes_nothing(tmp_path, capsys):
    path = write_plan(tmp_path)
    before = path.read_bytes()
    with PlanFile.open(path):
        code = main(["run", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "open for editing" in err and "--read-only" in err
    assert path.read_bytes() == before


def test_run_on_a_broken_plan_gives_the_line_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    path.write_text("schema = 1\n[student\n")
    assert main(["run", str(path)]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "Traceback" not in err
    assert path.read_text() == "schema = 1\n[student\n"
    assert not (tmp_path / "plan.toml.lock").exists()


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 48)])
async def test_layout_keeps_the_essentials_visible(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.meeting_screen.query_one(MeetingBar)
        assert bar.region.width == size[0] and bar.region.y == 0
        agenda = app.screen.query_one(AgendaList)
        assert agenda.region.height > 0 and agenda.region.width >= 20
        section_title = app.screen.query_one("#section-title")
        assert section_title.region.height == 1
        # the form ends where its column does, so scrolling reaches its last rows
        editor = app.screen.query_one("#editor-start-up")
        assert editor.region.bottom == app.screen.query_one("#main").region.bottom
        assert str(bar.query_one("#save").render()) in ("✓ saved",)
        for label_id in ("#who", "#clock", "#save"):
            assert bar.query_one(label_id).region.width > 0, label_id


async def test_help_lists_every_meeting_key(tmp_path):
    from iep_meeting.tui.commands import MEETING_COMMANDS
    from iep_meeting.tui.dialogs.help import HelpScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = [str(label.render()) for label in app.screen.query("Label")]
        for command in MEETING_COMMANDS:
            assert command.key in shown
            assert any(text.startswith(command.title) for text in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MeetingScreen"


async def test_command_palette_offers_sections_and_actions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to section: Accommodations")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current.id == "accommodations"


def test_a_changed_birth_date_brings_the_transition_section(tmp_path):
    import datetime as dt

    from iep_meeting.meeting.session import open_session

    session = open_session(write_plan(tmp_path), now=FakeClock())
    assert "transition" not in [s.id for s in session.sections]
    older = Student(name="Jordan Vance", date_of_birth=dt.date(2011, 1, 5))
    session.apply(lambda plan: attrs.evolve(plan, student=older))
    assert "transition" in [s.id for s in session.sections]
    session.plan_file.close()
