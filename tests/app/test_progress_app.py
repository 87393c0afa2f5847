"""`iep-meeting progress PLAN`: the screen a teacher records progress on,
driven with the keyboard as a teacher would (Pilot), and two snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from textual.widgets import Input, Label, Static, TextArea

from iep_meeting.model.goal_progress import GoalReport, ProgressCode, goal_texts
from iep_meeting.model.plan import CopyMethod
from iep_meeting.model.translations import translated
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.key_files import load_keys_file
from iep_meeting.store.progress_file import ProgressFile, load_progress, progress_path
from iep_meeting.tui.commands import ACTIVE_TOGETHER, COMMANDS, KeyNames
from iep_meeting.tui.progress.app import ProgressApp
from tests.app.harness import settled
from tests.app.test_type_ahead import burst, pressed, typed
from tests.progress_data import final_plan_file, weekly_points

TODAY = dt.date(2026, 12, 3)
SIZE = (120, 36)


@pytest.fixture
def progress(tmp_path: Path) -> Iterator[ProgressFile]:
    plan_path = final_plan_file(tmp_path / "sam.iep.toml")
    with ProgressFile.open(plan_path) as opened:
        opened.add_points(weekly_points("reading-fluency", 12, start=84, step=0.6), TODAY)
        yield opened


def app_on(progress: ProgressFile) -> ProgressApp:
    return ProgressApp(progress.plan, progress.record, progress, today=lambda: TODAY, cursor_blink=False)


def text_of(app: ProgressApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_a_point_is_the_value_and_enter(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "5", "enter")  # 2 keys of value, 1 key to add
        await pilot.pause()
        record = load_progress(progress.path)
        assert record is not None
        point = record.points[-1]
        assert (point.goal, point.value, point.date) == ("reading-fluency", 95, TODAY)
        assert point.unit == "words correct per minute"  # the goal's unit, not typed again
        assert "Added 95 words correct per minute on 2026-12-03" in text_of(app, "#message")
        assert app.query_one("#value", Input).value == ""  # ready for the next one
        assert "13 points" in text_of(app, "#recent")


async def test_the_next_goal_is_one_key_and_its_point_goes_to_it(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+down")
        assert "Goal 2 of 3: written expression" in str(app.query_one("#goal-title").render())
        await pilot.press("ctrl+down", "4", "tab", "5", "enter")  # goal 3: 4 of 5 attempts
        await pilot.pause()
        record = load_progress(progress.path)
        assert record is not None
        assert (record.points[-1].goal, record.points[-1].value, record.points[-1].of) == ("task-initiation", 4, 5)
        assert "too few points" in text_of(app, "#standing")  # said in words, not colour


async def test_a_goals_first_point_names_its_unit_and_the_next_takes_it(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+down")  # written expression: no points yet
        unit = app.query_one("#unit", Input)
        assert unit.placeholder == "unit (none yet)"
        await pilot.press("1", "2", "tab", "tab", *"correct word sequences", "enter")
        await pilot.pause()
        assert "Added 12 correct word sequences on 2026-12-03" in text_of(app, "#message")
        assert (unit.value, unit.placeholder) == ("", "unit: correct word sequences")
        await pilot.press("1", "4", "enter")  # the value and Enter: the goal's unit
        await pilot.pause()
        await pilot.press("3", "tab", "5")  # successes of attempts keep a unit of their own: none yet
        assert unit.placeholder == "unit (none yet)"
    record = load_progress(progress.path)
    assert record is not None
    assert [(p.value, p.unit) for p in record.points if p.goal == "written-expression"] == [
        (12, "correct word sequences"),
        (14, "correct word sequences"),
    ]


async def test_a_bad_value_is_refused_and_nothing_is_written(progress: ProgressFile) -> None:
    before = progress.path.read_bytes()
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "i", "n", "e", "enter")
        await pilot.pause()
        assert "Not added: value 'nine' is not a number" in text_of(app, "#message")
        assert app.query_one("#value", Input).value == "nine"  # kept, to correct
    assert progress.path.read_bytes() == before


async def test_on_track_is_said_in_words(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE):
        assert "✓ on track" in text_of(app, "#standing")
        chart = text_of(app, "#chart")
        assert "●" in chart and "·" in chart and "aim line" in chart


async def test_in_progress_alone_is_refused_as_a_narrative(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("s", "tab", "y", "tab", "tab", *"In progress", "ctrl+s")
        await pilot.pause()
        problem = str(app.screen.query_one("#problem").render())
        assert '"In progress" alone is not a narrative' in problem
        record = load_progress(progress.path)
        assert record is not None and record.reports == ()  # nothing recorded


async def test_the_period_report_is_recorded_verbatim(progress: ProgressFile) -> None:
    app = app_on(progress)
    narrative = "Sam reads 90 words a minute, on the aim line. Echo reading goes on."
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("p", "tab", "n", "tab", *"Absent 3 weeks; 15 more minutes a week.", "tab")
        await pilot.press(*narrative, "ctrl+s")
        await pilot.pause()
        record = load_progress(progress.path)
        assert record is not None
        (report,) = record.reports
        assert (report.code, report.sufficient, report.period) == (ProgressCode.PARTIAL, False, dt.date(2026, 12, 15))
        assert report.narrative == narrative and report.why_not == "Absent 3 weeks; 15 more minutes a week."
        assert "Last report (period to 2026-12-15): partial progress; not enough" in text_of(app, "#report")


async def test_not_enough_without_a_reason_is_refused(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("p", "tab", "n", "tab", "tab", *"Reads 88 words a minute.", "ctrl+s")
        await pilot.pause()
        assert "say why, and what the team will change" in str(app.screen.query_one("#problem").render())


async def test_the_report_sent_to_the_family_is_recorded(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("m", "ctrl+s")
        await pilot.pause()
        record = load_progress(progress.path)
        assert record is not None
        (sent,) = record.sent
        assert (sent.method, sent.date, sent.language) == (CopyMethod.MAIL, TODAY, "Spanish")  # the family's


async def test_a_point_typed_by_mistake_is_taken_back_and_says_why(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "5", "0", "enter")  # 950 typed for 95
        await pilot.pause()
        await pilot.press("f4", "ctrl+s")  # the last point to start with; no reason yet
        await pilot.pause()
        assert "say why the point is taken back" in str(app.screen.query_one("#problem").render())
        await pilot.press(*"typed 950 for 95", "ctrl+s")
        await pilot.pause()
        assert "Took back the point of 950 on 2026-12-03" in text_of(app, "#message")
        assert "12 points" in text_of(app, "#recent") and "950" not in text_of(app, "#recent")
    record = load_progress(progress.path)
    assert record is not None
    (withdrawal,) = record.withdrawn
    assert (withdrawal.value, withdrawal.date, withdrawal.why, withdrawal.on) == (950, TODAY, "typed 950 for 95", TODAY)
    assert record.points[-1].value == 950  # its line stays in the file: it is only added to


async def test_read_only_adds_nothing(progress: ProgressFile) -> None:
    app = ProgressApp(progress.plan, progress.record, None, today=lambda: TODAY, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert "Read-only" in text_of(app, "#message")
        assert app.query_one("#value", Input).disabled
        await pilot.press("f5")
        assert "Read-only: no aim line can be set here." in text_of(app, "#message")
        assert app.screen is app.screen_stack[0]  # no dialog opened


def keys_from(keys_file: Path, text: str) -> KeyNames:
    keys_file.write_text(text, encoding="utf-8")
    return KeyNames(load_keys_file(keys_file, {c.id: c.key for c in COMMANDS}, ACTIVE_TOGETHER))


async def test_the_keys_are_remapped_by_keys_toml(progress: ProgressFile, tmp_path: Path) -> None:
    keys = keys_from(tmp_path / "keys.toml", 'progress-report = "f7"\nprogress-sent = "f8"\ndialog-save = "ctrl+y"\n')
    app = ProgressApp(progress.plan, progress.record, progress, today=lambda: TODAY, cursor_blink=False, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        assert "No period report yet: F7 writes one." in text_of(app, "#report")  # the words name the user's key
        await pilot.press("f2")  # no longer the report's key
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        await pilot.press("f8")
        await pilot.pause()
        assert "ctrl+y records · Escape cancels" in "".join(str(label.render()) for label in app.screen.query("Label"))
        await pilot.press("m", "ctrl+y")
        await pilot.pause()
    record = load_progress(progress.path)
    assert record is not None and [sent.method for sent in record.sent] == [CopyMethod.MAIL]


def test_two_keys_of_the_progress_screen_cannot_share_a_key(tmp_path: Path) -> None:
    with pytest.raises(FileProblemError, match="'f3' also runs 'progress-sent'"):
        keys_from(tmp_path / "keys.toml", 'progress-report = "f3"\n')


def test_snapshot_of_the_progress_screen(progress: ProgressFile, snap_compare) -> None:
    assert snap_compare(app_on(progress), terminal_size=SIZE)


def test_snapshot_of_the_period_report(progress: ProgressFile, snap_compare) -> None:
    async def fill(pilot) -> None:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("s", "tab", "y", "tab", "tab", *"In progress", "ctrl+s")
        await pilot.pause()

    assert snap_compare(app_on(progress), terminal_size=SIZE, run_before=fill)


def test_snapshot_of_the_translation_dialog(progress: ProgressFile, snap_compare) -> None:
    progress.add_report(
        GoalReport(
            goal="reading-fluency", period=dt.date(2026, 6, 15), code=ProgressCode.PARTIAL, sufficient=False,
            why_not="Absent 3 weeks; 15 more minutes a week.", narrative="Sam reads 90 words a minute, on the line.",
        )
    )  # fmt: skip

    async def translate(pilot) -> None:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press(*"Sam lee 90 palabras por minuto, sobre la línea.")

    assert snap_compare(app_on(progress), terminal_size=SIZE, run_before=translate)


def test_progress_file_is_beside_the_plan(progress: ProgressFile) -> None:
    assert progress.path == progress_path(progress.plan_path)


async def test_keys_typed_as_f2_opens_the_report_land_in_its_first_field(progress: ProgressFile) -> None:
    """Typed at once, as a fast typist or a slow remote terminal sends them: the
    keys after F2 wait for the dialog and go to its first field, the keys after
    Escape to the point's value again (tui/type_ahead.py)."""
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, pressed("f2"), typed("s"), pressed("tab"), typed("y"), pressed("tab", "tab"), typed("Reads 98."))
        await settled(pilot, app)
        dialog = app.screen
        assert dialog.query_one("#code", Input).value == "s"
        assert dialog.query_one("#sufficient", Input).value == "y"
        assert dialog.query_one("#narrative", TextArea).text == "Reads 98."
        burst(app, pressed("escape"), typed("97"))
        await settled(pilot, app)
        assert app.screen is not dialog and app.query_one("#value", Input).value == "97"


async def test_the_last_point_to_take_back_is_filled_in_exactly(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"95.12345", "enter")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.query_one("#value", Input).value == "95.12345"  # as recorded, not rounded
        await pilot.press(*"typed a digit too many", "ctrl+s")
        await pilot.pause()
        assert "Took back the point of 95.1 on 2026-12-03" in text_of(app, "#message")
    record = load_progress(progress.path)
    assert record is not None and [w.value for w in record.withdrawn] == [95.12345]


async def test_f5_sets_the_aim_line_the_texts_read_wrong(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+down")  # the writing goal: "1 paragraph …" to "3 of 4 on the rubric …"
        await pilot.pause()
        assert "Aim line: 1 on 2026-03-16 → 75 on 2027-03-15 (read from the goal's baseline and target; F5" in (
            text_of(app, "#aim")
        )
        await pilot.press("f5")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#baseline", Input).value == "1" and dialog.query_one("#target", Input).value == "75"
        await pilot.press("tab", "backspace", "backspace", "x", "ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and "Not recorded: target 'x' is not a number" in str(
            dialog.query_one("#problem").render()
        )
        await pilot.press("backspace", "3", "ctrl+s")
        await pilot.pause()
        assert app.screen is not dialog
        assert "written-expression's aim line now runs from 1 to 3" in text_of(app, "#message")
        assert "Aim line: 1 on 2026-03-16 → 3 on 2027-03-15 (set by the team; F5" in text_of(app, "#aim")
    record = load_progress(progress.path)
    assert record is not None and [(aim.goal, aim.target) for aim in record.aims] == [("written-expression", 3)]


async def test_a_point_of_another_measure_is_listed_and_never_drawn_on_the_aim_line(progress: ProgressFile) -> None:
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        chart_before = text_of(app, "#chart")
        await pilot.press("1", "tab", "5", "enter")  # 1 of 5 comprehension questions, on the fluency goal
        await pilot.pause()
        record = load_progress(progress.path)
        assert record is not None and (record.points[-1].of, record.points[-1].unit) == (5, "")  # not in wcpm
        assert "1 of them were measured another way than the chart's points (the last: 1 of 5 on 2026-12-03)" in (
            text_of(app, "#recent")
        )
        assert text_of(app, "#chart") == chart_before  # not 20 words a minute at the foot of the chart
        assert "✓ on track" in text_of(app, "#standing")  # 20 % is not counted against the aim line


async def test_f6_translates_the_goals_report_into_the_familys_language(progress: ProgressFile) -> None:
    progress.add_report(
        GoalReport(
            goal="reading-fluency", period=dt.date(2026, 6, 15), code=ProgressCode.PARTIAL, sufficient=False,
            why_not="Absent 3 weeks.", narrative="Sam reads 90 words a minute.",
        )
    )  # fmt: skip
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        shown = "\n".join(str(label.render()) for label in app.screen.query("Label"))
        assert "reading-fluency in Spanish" in shown and "4 of 4 texts still to translate" in shown
        assert "○ to translate · The report to 2026-06-15, the team's narrative:\nSam reads 90 words a minute." in shown
        await pilot.press(*"Sam lee 90 palabras por minuto.", "ctrl+s")  # the first text; the others later
        await pilot.pause()
        assert "✓ 1 translation into Spanish recorded." in text_of(app, "#message")
        await pilot.press("f6")
        await pilot.pause()
        shown = "\n".join(str(label.render()) for label in app.screen.query("Label"))
        assert "3 of 4 texts still to translate" in shown and "✓ translated · The report" in shown
    record = load_progress(progress.path)
    assert record is not None
    (made,) = record.translations
    assert (made.key, made.language, made.text) == (
        "reports[goal=reading-fluency,period=2026-06-15].narrative", "Spanish", "Sam lee 90 palabras por minuto.",
    )  # fmt: skip
    assert made.by == "Lupe Sample (Spanish)" and made.date == TODAY  # who and when, as the plan's translations


async def test_f6_says_why_there_is_nothing_to_translate(progress: ProgressFile) -> None:
    app = ProgressApp(progress.plan, progress.record, None, today=lambda: TODAY, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        assert "Read-only: no translation can be recorded here." in text_of(app, "#message")
    english = attrs.evolve(
        progress.plan,
        student=attrs.evolve(
            progress.plan.student,
            home_language="English",
            guardians=tuple(attrs.evolve(g, language="English") for g in progress.plan.student.guardians),
        ),
    )
    app = ProgressApp(english, progress.record, progress, today=lambda: TODAY, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        assert "The plan names no family language but English" in text_of(app, "#message")
        assert app.screen is app.screen_stack[0]


async def test_f6_puts_a_translation_out_of_date_first_and_keeps_it_out_of_date_unless_edited(
    progress: ProgressFile,
) -> None:
    report = GoalReport(
        goal="reading-fluency", period=dt.date(2026, 6, 15), code=ProgressCode.MET, sufficient=True,
        narrative="Sam reads 90 words a minute.",
    )  # fmt: skip
    progress.add_report(report)
    (narrative,) = [item for item in goal_texts(progress.record, "reading-fluency") if item.key.endswith("narrative")]
    progress.add_translations([translated(narrative, "Spanish", "Sam lee 90 palabras.", "Ana Ruiz", TODAY)])
    progress.add_report(attrs.evolve(report, narrative="Sam reads 95 words a minute."))  # the English changed since
    app = app_on(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        labels = [str(label.render()) for label in app.screen.query("Label")]
        assert (
            labels[2] == "! out of date · The report to 2026-06-15, the team's narrative:\nSam reads 95 words a minute."
        )
        assert app.screen.query_one("#text-0", TextArea).text == "Sam lee 90 palabras."  # to start from
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not recorded: nothing new" in str(app.screen.query_one("#problem", Label).render())
    record = load_progress(progress.path)
    assert record is not None and len(record.translations) == 1
