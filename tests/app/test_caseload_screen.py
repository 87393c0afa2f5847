"""The caseload screen (`iep-meeting` with no command): the caseload's rows,
filtered and sorted; Enter opens a plan in the meeting app and comes back; F2
starts next year's plan, F3 its progress; keys.toml remaps the keys; an empty
folder says what to do."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from iep_meeting.model.caseload import CaseItem, Urgency
from iep_meeting.model.plan import Plan, Status
from iep_meeting.store.caseload_scan import read_caseload
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.folders import user_keys_file
from iep_meeting.store.key_files import load_keys_file
from iep_meeting.tui.caseload.app import NOT_FINAL, CaseloadApp, Finished, OpenPlan, RunCommand
from iep_meeting.tui.caseload.launch import run_caseload
from iep_meeting.tui.caseload.view import CaseloadView, SortOrder
from iep_meeting.tui.commands import ACTIVE_TOGETHER, COMMANDS, KeyNames
from tests.caseload_plans import AS_OF, student_plan, write, write_caseload


class FakeRunner:
    """iep-meeting's commands as the screen runs them, answered by the test."""

    def __init__(self, *answers: Finished, make: tuple[Path, Plan] | None = None) -> None:
        self.answers = list(answers)
        self.calls: list[list[str]] = []
        self.make = make  # a plan the command makes when it succeeds (as `new` would)

    async def __call__(self, args: Sequence[str]) -> Finished:
        self.calls.append(list(args))
        answer = self.answers.pop(0)
        if self.make is not None and answer.code == 0:
            write(*self.make)
        return answer


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.chdir(tmp_path)
    return write_caseload(tmp_path / "plans")


def make_app(folder: Path = Path("plans"), **options: Any) -> CaseloadApp:
    return CaseloadApp(folder, as_of=AS_OF, theme_name="iep-dark", cursor_blink=False, **options)


async def until(pilot: Pilot[Any], done: Callable[[], bool], what: str, seconds: float = 4.0) -> None:
    """Wait (bounded: fails after `seconds`) until `done()`."""
    for _ in range(int(seconds / 0.02)):
        await pilot.pause(0.02)
        if done():
            await pilot.pause()
            return
    raise AssertionError(f"never: {what}")


async def read(pilot: Pilot[Any], app: CaseloadApp) -> None:
    """Wait (bounded) until the plans are read and shown."""
    await until(pilot, lambda: app.caseload is not None and not app.workers, "the plans were read")


def columns_fit(rows: DataTable[Any]) -> bool:
    """Each column drawn as wide as its widest cell."""
    return all(
        column.get_render_width(rows) - 2 * rows.cell_padding
        >= max((cell_len(str(cell)) for cell in rows.get_column(key)), default=0)
        for key, column in rows.columns.items()
    )


def items(app: CaseloadApp) -> list[tuple[str, CaseItem]]:
    return [(row.student.name if row.student else "", row.item) for row in app.rows]


def table(app: CaseloadApp) -> DataTable[Any]:
    return app.query_one("#rows", DataTable)


async def test_the_table_s_columns_fit_their_cells_as_soon_as_the_rows_are_in(plans: dict[str, Path]) -> None:
    """Not when Textual is next idle: drawn before that, and never again, every
    column was cut to its header ("✗ ove", "202", "Sam Exa"), as a loaded test
    run's snapshot showed (Textualize/textual#4470)."""
    app = make_app(view=CaseloadView(overdue_only=True))
    async with app.run_test(size=(120, 36)) as pilot:
        await read(pilot, app)
        await pilot.pause()
        assert table(app).row_count == 2 and columns_fit(table(app))
        app.view.overdue_only = False  # wider cells: "! needs attention", "no family copy recorded"
        app.refresh_rows()  # no await: nothing idle in between
        assert table(app).row_count > 2 and columns_fit(table(app))


async def test_the_screen_shows_the_caseloads_rows_most_urgent_first(plans: dict[str, Path]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        expected = read_caseload([Path("plans")], AS_OF)
        assert app.rows == list(expected.rows)
        assert table(app).row_count == len(expected.rows)
        first = [str(cell) for cell in table(app).get_row_at(0)]
        assert first == ["✗ overdue", "2025-10-01", "-349", "Sam Example", "action item past due"]
        detail = str(app.query_one("#detail", Static).render())
        assert "Casey Fixture: Send the reading probes home" in detail and "opens read-only" in detail


async def test_filters_keep_a_student_the_rows_due_within_n_days_or_the_overdue_ones(plans: dict[str, Path]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.click("#student")
        await pilot.press(*"lee")
        assert {name for name, _ in items(app)} == {"Lee Placeholder"}
        app.query_one("#student", Input).value = ""
        await pilot.click("#within")
        await pilot.press("3", "0")
        await pilot.pause()
        assert app.rows and all(row.days_left is not None and row.days_left <= 30 for row in app.rows)
        assert (("Ana Sample", CaseItem.ANNUAL_REVIEW)) in items(app)  # due in 20 days
        assert ("Lee Placeholder", CaseItem.DRAFT) not in items(app)  # in 70 days
        app.query_one("#within", Input).value = ""
        await pilot.click("#overdue")
        await pilot.pause()
        assert app.rows and {row.state for row in app.rows} == {Urgency.OVERDUE}
        status = str(app.query_one("#caseload-status").render())
        assert status == f"{len(app.rows)} of {len(app.caseload.rows)} rows, most urgent first"  # type: ignore[union-attr]


async def test_typing_on_the_rows_keeps_one_student(plans: dict[str, Path]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        assert app.focused is table(app)
        await pilot.press(*"ana")  # no Tab first: the letters go to the student filter
        await pilot.pause()
        assert app.query_one("#student", Input).value == "ana"
        assert {name for name, _ in items(app)} == {"Ana Sample"}


async def test_f4_and_the_columns_titles_sort(plans: dict[str, Path]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("f4")
        assert app.view.sort in {SortOrder.DUE}  # (a set: mypy keeps the narrowing of the line above)
        dues = [row.due for row in app.rows if row.due is not None]
        assert dues == sorted(dues) and app.rows[-1].due is None
        await pilot.press("f4")
        names = [name for name, _ in items(app) if name]
        assert names == sorted(names)
        await pilot.click("#rows", offset=(3, 0))  # the "state" title: most urgent first again
        await pilot.pause()
        assert app.view.sort.value == SortOrder.URGENCY.value  # a new read: the click changed it


async def test_enter_opens_the_rows_plan_read_only_when_final(plans: dict[str, Path]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("enter")
    assert app.return_value == OpenPlan(plans["sam"].absolute(), read_only=True)

    app = make_app(view=CaseloadView(student="Kim"))
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("enter")
    assert app.return_value == OpenPlan(plans["kim"].absolute(), read_only=False)


async def test_a_file_that_cannot_be_read_says_why_instead_of_opening(plans: dict[str, Path]) -> None:
    app = make_app(view=CaseloadView(selected=(str(plans["broken"].absolute()), "unreadable")))
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        assert app.selected_row() is not None and app.selected_row().item is CaseItem.UNREADABLE  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert any("broken.iep.toml cannot be opened: line 2" in n.message for n in app._notifications)


async def test_f2_starts_next_years_plan_from_the_students_current_one(plans: dict[str, Path]) -> None:
    new = plans["sam"].parent / "next.iep.toml"
    draft = student_plan("Sam Example", "FAKE-0001", dt.date(2013, 5, 4), AS_OF, status=Status.DRAFT)
    runner = FakeRunner(
        Finished(2, "", "iep-meeting: plans/sam/next.iep.toml already exists; choose another name."),
        Finished(0, "Created plans/sam/next.iep.toml for Sam Example.\n", ""),
        make=(new, draft),
    )
    app = make_app(runner=runner)
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("f2")
        dialog_input = app.screen.query_one("#path", Input)
        assert dialog_input.value == "plans/sam/2026-annual-review.iep.toml"  # the year the review is due
        dialog_input.value = "plans/sam/next.iep.toml"
        await pilot.press("enter")
        # The refusal comes back in the dialog, which asks again.
        await until(
            pilot, lambda: "already exists" in str(app.screen.query(".dialog-problem").first().render()), "refused"
        )
        await pilot.press("enter")
        await until(
            pilot, lambda: app.caseload is not None and app.caseload.plan_count == 7 and not app.workers, "read"
        )
        row = app.selected_row()
        assert row is not None and (row.item, row.plan) == (CaseItem.DRAFT, str(new.absolute()))
        assert any(n.message.startswith("Created plans/sam/next.iep.toml") for n in app._notifications)
    current = str(plans["sam"].absolute())
    assert runner.calls == [["new", "plans/sam/next.iep.toml", "--from", current]] * 2


async def test_f3_runs_the_progress_command_on_a_final_plan(plans: dict[str, Path]) -> None:
    app = make_app(view=CaseloadView(student="Kim"))  # only a draft
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("f3")
        await until(pilot, lambda: bool(app._notifications), "a notification")
        assert [n.message for n in app._notifications] == [NOT_FINAL.format(plan="kim/2026-initial.iep.toml")]
        assert app.is_running

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("f3")
        await until(pilot, lambda: not app.is_running, "the app exited")
    assert app.return_value == RunCommand(("progress", str(plans["sam"].absolute())))


def sort_of(app: CaseloadApp) -> SortOrder:
    """The screen's sort order now (read afresh after each key)."""
    return app.view.sort


async def test_the_keys_are_remapped_by_keys_toml(plans: dict[str, Path], tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.toml"
    keys_file.write_text('caseload-sort = "ctrl+o"\ncaseload-progress = "f9"\n', encoding="utf-8")
    keys = KeyNames(load_keys_file(keys_file, {c.id: c.key for c in COMMANDS}, ACTIVE_TOGETHER))
    app = make_app(keys=keys)
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("f4")  # no longer the sort key
        assert sort_of(app) is SortOrder.URGENCY
        await pilot.press("ctrl+o")
        assert sort_of(app) is SortOrder.DUE
        footer = {active.binding.id: key for key, active in app.active_bindings.items() if active.binding.id}
        assert footer["caseload-sort"] == "ctrl+o" and footer["caseload-progress"] == "f9"
        await pilot.press("f9")
        await until(pilot, lambda: not app.is_running, "the app exited")
    assert app.return_value is not None and isinstance(app.return_value, RunCommand)


def test_a_key_of_the_caseload_and_another_of_it_cannot_share_a_key(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.toml"
    keys_file.write_text('caseload-sort = "f5"\n', encoding="utf-8")  # F5 reads the plans again
    with pytest.raises(FileProblemError, match="'f5' also runs 'caseload-read-again'"):
        load_keys_file(keys_file, {c.id: c.key for c in COMMANDS}, ACTIVE_TOGETHER)


async def test_a_folder_without_plans_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    app = make_app(Path("empty"))
    async with app.run_test(size=(80, 24)) as pilot:
        await read(pilot, app)
        message = str(app.query_one("#empty", Static).render())
        assert "iep-meeting demo" in message and "iep-meeting new" in message
        assert not table(app).display
        await pilot.press("f2")  # no rows: the keys about rows do nothing
        assert app.is_running and len(app.screen_stack) == 1


def test_the_caseload_comes_back_after_the_meeting_app_as_it_was_left(tmp_path: Path) -> None:
    opened: list[OpenPlan] = []
    shown: list[tuple[CaseloadView, str]] = []
    plan = OpenPlan(tmp_path / "sam.iep.toml", read_only=True)
    outcomes: list[OpenPlan | None] = [plan, plan, None]

    def open_app(app: CaseloadApp) -> OpenPlan | None:
        shown.append((app.view, app.notice))
        app.view.student = "sam"  # what the user typed stays for the next time
        return outcomes.pop(0)

    def run_plan(chosen: OpenPlan) -> int:
        opened.append(chosen)
        if len(opened) == 2:
            raise StoreError("sam.iep.toml is open for editing elsewhere")
        return 0

    assert run_caseload(tmp_path, open_app=open_app, run_plan=run_plan) == 0
    assert opened == [plan, plan]
    assert [notice for _view, notice in shown] == ["", "", "sam.iep.toml is open for editing elsewhere"]
    assert all(view.student == "sam" for view, _notice in shown[1:])


def test_another_command_runs_and_the_caseload_comes_back(tmp_path: Path) -> None:
    ran: list[RunCommand] = []
    outcomes: list[RunCommand | None] = [RunCommand(("progress", "x.iep.toml")), None]
    run_caseload(tmp_path, open_app=lambda app: outcomes.pop(0), run_command=ran.append)
    assert ran == [RunCommand(("progress", "x.iep.toml"))]


@pytest.mark.parametrize(("code", "waits"), [(0, False), (2, True)])
def test_the_caseload_waits_only_to_let_a_commands_problem_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, waits: bool
) -> None:
    """The progress screen quit: straight back. It could not open (the plan is open
    elsewhere): its message stays until Enter."""
    import subprocess

    asked: list[str] = []
    monkeypatch.setattr(subprocess, "run", lambda args, check: subprocess.CompletedProcess(args, code))
    monkeypatch.setattr("builtins.input", asked.append)
    outcomes: list[RunCommand | None] = [RunCommand(("progress", "x.iep.toml")), None]
    run_caseload(tmp_path, open_app=lambda app: outcomes.pop(0))
    assert asked == (["\nPress Enter to go back to the caseload. "] if waits else [])


@pytest.mark.slow
async def test_next_years_plan_is_made_by_the_real_command(plans: dict[str, Path]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("f2")
        await pilot.press("enter")
        made = Path("plans/sam/2026-annual-review.iep.toml")

        def made_and_read() -> bool:
            return made.exists() and app.caseload is not None and app.caseload.plan_count == 7 and not app.workers

        await until(pilot, made_and_read, "iep-meeting new --from made the plan", 30)
        row = app.selected_row()
        assert row is not None and (row.item, row.plan) == (CaseItem.DRAFT, str(made.absolute()))
    assert os.stat(made).st_mode & 0o077 == 0


def test_the_users_keys_toml_reaches_the_screen_and_a_bad_one_stops_it_first(tmp_path: Path) -> None:
    keys_file = user_keys_file()
    keys_file.parent.mkdir(parents=True, exist_ok=True)
    keys_file.write_text('caseload-read-again = "ctrl+r"\n', encoding="utf-8")
    opened: list[CaseloadApp] = []

    def open_app(app: CaseloadApp) -> None:
        opened.append(app)

    run_caseload(tmp_path, open_app=open_app)
    assert [app.keys("caseload-read-again") for app in opened] == ["ctrl+r"]
    keys_file.write_text('caseload-sort = "sort"\n', encoding="utf-8")
    with pytest.raises(FileProblemError, match="line 1"):
        run_caseload(tmp_path, open_app=open_app)
    assert len(opened) == 1  # nothing opened


async def test_f1_shows_and_hides_the_screens_keys(plans: dict[str, Path]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await read(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        shown = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")
        assert "Start next year's" in shown and "Leave the" in shown and "Save and leave" not in shown
        await pilot.press("f1")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
