"""The caseload as a screen: `iep-meeting` with no command, in a folder of plans.

The same rows as `iep-meeting caseload` (model/caseload.py), in a table the
user filters (a student, due within N days, overdue only) and sorts (F4, or a
click on a column's title). The app ends with what the user chose to do next,
an `Outcome`, which launch.py carries out (the meeting app on a plan, another
command) before it opens the caseload again, as it was left.

Next year's plan (F2) is made by `iep-meeting new NEXT --from LAST`, and the
progress key (F3) runs `iep-meeting progress PLAN`: the command line's own
commands, run as commands, so they behave exactly as they do there. The keys
are the caseload's commands of tui/commands.py: keys.toml remaps them by id.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import attrs
from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.filter import LineFilter
from textual.widgets import Checkbox, DataTable, Footer, Input, Label, Static

from iep_meeting.documents.caseload_report import days_text, summary_line
from iep_meeting.model.caseload import CaseItem, Caseload, CaseRow, CaseStudent
from iep_meeting.store.caseload_scan import read_caseload
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_file import PLAN_SUFFIX
from iep_meeting.tui.caseload.view import CaseloadView, SortOrder, filters_text, row_plan, visible_rows
from iep_meeting.tui.commands import BY_ID, CASELOAD_COMMANDS, KeyNames, bindings
from iep_meeting.tui.dialogs.path import PathDialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.themes import DEFAULT_THEME, ThemedApp
from iep_meeting.tui.visible_output import VisibleControls
from iep_meeting.words.labels import label, mark

COLUMNS = ("state", "due", "days", "student", "what")
STUDENT_WIDTH = 24  # a longer name is cut with "…" in the table (the line below says it whole)
NARROWEST_STUDENT = 10  # on a narrow screen the name is cut further, so what is due shows whole
BESIDE_CELLS = 2 * len(COLUMNS) + 2  # each cell's padding, and the table's scroll bar

EMPTY_FOLDER = (
    "No plans here ({folder}).\n\n"
    "To see the app with a fictional student's plan: iep-meeting demo\n"
    "To start a plan in this folder: iep-meeting new PLAN --student NAME --agenda annual-review\n"
    "To see the caseload of another folder: cd there and run iep-meeting, or iep-meeting caseload FOLDER"
)
NOT_FINAL = "{plan} is a draft: progress is recorded on the plan the team agreed, once it is final."


@attrs.frozen
class OpenPlan:
    """Open a plan in the meeting app (read-only when it is final)."""

    path: Path
    read_only: bool


@attrs.frozen
class RunCommand:
    """Run one of iep-meeting's commands in the terminal, then come back."""

    args: tuple[str, ...]


Outcome = OpenPlan | RunCommand


@attrs.frozen
class Finished:
    code: int
    out: str
    err: str


Runner = Callable[[Sequence[str]], Awaitable[Finished]]


async def run_iep_meeting(args: Sequence[str]) -> Finished:
    """Run `iep-meeting ARGS` (this program, as `python -m iep_meeting`) and keep what it says."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "iep_meeting",
        *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    return Finished(process.returncode or 0, out.decode(errors="replace"), err.decode(errors="replace"))


def shown(path: str, folder: Path) -> str:
    """A file as the screen names it: relative to the caseload's folder when it is in it."""
    relative = os.path.relpath(path, folder.absolute())
    return path if relative.startswith(os.pardir) else relative


class MarkedCheckbox(Checkbox):
    """A checkbox whose box shows ✓ when it is checked: its state in a symbol, not in colour alone."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual's name for the box's character
        return "✓" if self.value else " "


def _cells(row: CaseRow, student_width: int = STUDENT_WIDTH) -> tuple[str, str, str, str, str]:
    """A row's cells, in the order of COLUMNS."""
    student = row.student.name if row.student is not None else ""
    due = row.due.isoformat() if row.due is not None else ""
    return mark(row.state), due, days_text(row), _cut(student, student_width), label(row.item)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class CaseloadApp(ThemedApp[Outcome | None]):
    TITLE = "iep-meeting caseload"
    CSS = stylesheet("caseload-app")
    # Each with its command's id, so keys.toml remaps it (tui/commands.py). Escape
    # is not a priority key: a dialog's own Escape comes first.
    BINDINGS = [
        *bindings(command for command in CASELOAD_COMMANDS if command.id != "caseload-rows"),
        *bindings([BY_ID["caseload-rows"]], priority=False),
        # The caseload only reads plans: leaving it saves nothing.
        *bindings([BY_ID["quit"]._replace(show=True, title="Quit", help="Leave the caseload.")]),
    ]

    def __init__(
        self,
        folder: Path,
        *,
        as_of: dt.date | None = None,
        agenda_dir: Path | None = None,
        view: CaseloadView | None = None,
        notice: str = "",
        theme_name: str = DEFAULT_THEME,
        theme_dir: Path | None = None,
        cursor_blink: bool = True,
        keys: KeyNames | None = None,
        runner: Runner = run_iep_meeting,
    ) -> None:
        super().__init__()
        self.keys = keys or KeyNames()
        self.folder = folder
        self.as_of = as_of
        self.agenda_dir = agenda_dir
        self.view = view or CaseloadView()
        self.notice = notice  # what went wrong the last time (a plan that would not open)
        self.cursor_blink = cursor_blink
        self.runner = runner
        self.caseload: Caseload | None = None
        self._select_after_reading: tuple[str, str] | None = None  # a plan just made: the cursor goes to it
        self.rows: list[CaseRow] = []  # the rows in the table, in its order
        self._visible_controls = VisibleControls()  # a name typed in a plan never sends terminal controls
        self.theme_problems = self.use_themes(theme_name, theme_dir)

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._visible_controls]

    def compose(self) -> ComposeResult:
        yield Label(f"Reading the plans in {self.folder} …", id="caseload-title", markup=False)
        with Horizontal(id="filters"):
            yield Label("Student")
            # Letters typed on the rows come here one by one (`on_key`): none selects what is there.
            yield Input(self.view.student, placeholder="any part of a name or id", id="student", select_on_focus=False)
            yield Label("Due within")
            yield Input(self.view.within, placeholder="days", id="within", restrict=r"\d*", max_length=4)
            yield MarkedCheckbox("Overdue only", self.view.overdue_only, id="overdue")
        yield Label("", id="caseload-status", markup=False)
        table: DataTable[Text] = DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="empty", markup=False)
        yield Static("", id="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.set_keymap(self.keys.keymap())
        table = self.query_one("#rows", DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        table.focus()
        if not self.cursor_blink:
            for field in self.query(Input):
                field.cursor_blink = False
        self.tell_theme_problems(self.theme_problems)
        if self.notice:
            self.notify(self.notice, title="Could not open the plan", severity="error", markup=False, timeout=20)
        self.read_plans()

    # --- reading --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="read")
    def read_plans(self) -> None:
        as_of = self.as_of or dt.date.today()
        try:
            caseload = read_caseload([self.folder], as_of, self.agenda_dir)
        except StoreError as error:
            self.call_from_thread(self._not_read, str(error))
            return
        self.call_from_thread(self._show, caseload)

    def _not_read(self, message: str) -> None:
        self.query_one("#caseload-title", Label).update(message)

    def _show(self, caseload: Caseload) -> None:
        self.caseload = caseload
        if self._select_after_reading is not None:
            self.view.selected, self._select_after_reading = self._select_after_reading, None
        title = f"{self.folder} — {summary_line(caseload)}"
        self.query_one("#caseload-title", Label).update(title)
        empty = not caseload.rows and not caseload.plan_count
        self.query_one("#empty", Static).update(EMPTY_FOLDER.format(folder=self.folder) if empty else "")
        self.set_class(empty, "-empty")
        self.refresh_rows()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys about rows are left out of the key bar while there are none."""
        about_rows = action in ("next_year", "progress", "sort")
        return not about_rows or (self.caseload is not None and bool(self.caseload.rows))

    def refresh_rows(self) -> None:
        """Fill the table with the rows the filters keep, in the chosen order,
        the cursor on the row it was on."""
        if self.caseload is None:
            return
        table = self.query_one("#rows", DataTable)
        self.rows = visible_rows(self.view, self.caseload.rows)
        rows = [_cells(row) for row in self.rows]
        # Each column as wide as its widest cell, set here: Textual would measure the
        # rows when next idle and could keep drawing lines it had drawn before that,
        # every column cut to its header ("✗ ove", "202"; Textualize/textual#4470).
        widths = [max([cell_len(column), *(cell_len(cells[i]) for cells in rows)]) for i, column in enumerate(COLUMNS)]
        over = sum(widths) + BESIDE_CELLS - (table.size.width or self.size.width)
        student = COLUMNS.index("student")
        if over > 0 and widths[student] > NARROWEST_STUDENT:  # the name gives way, not what is due
            widths[student] = max(NARROWEST_STUDENT, widths[student] - over)
            rows = [_cells(row, widths[student]) for row in self.rows]
        table.clear(columns=True)
        for column, width in zip(COLUMNS, widths, strict=True):
            table.add_column(column, key=column, width=width)
        for index, cells in enumerate(rows):
            table.add_row(*map(Text, cells), key=str(index))
        status = filters_text(self.view, len(self.rows), len(self.caseload.rows))
        self.query_one("#caseload-status", Label).update(status)
        keys = [(row.plan, row.item.value) for row in self.rows]
        if self.view.selected in keys:
            table.move_cursor(row=keys.index(self.view.selected))
        self._describe(self.selected_row())

    def on_resize(self) -> None:
        self.refresh_rows()

    def selected_row(self) -> CaseRow | None:
        table = self.query_one("#rows", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.selected_row()
        if row is not None:
            self.view.selected = (row.plan, row.item.value)
        self._describe(row)

    def _describe(self, row: CaseRow | None) -> None:
        detail = self.query_one("#detail", Static)
        if row is None:
            detail.update("No row matches the filters." if self.caseload and self.caseload.rows else "")
            return
        who = f"{row.student.name} ({row.student.id or 'no student id'})" if row.student is not None else "A file"
        plan = row_plan(row)
        kind = f", {label(plan.status)}" + (": opens read-only" if plan.final else "") if plan is not None else ""
        detail.update(f"{shown(row.plan, self.folder)}{kind}\n{who} — {label(row.item)}: {row.detail}")

    # --- filters and order ---------------------------------------------------------------

    @on(Input.Changed, "#student")
    def _student_filter(self, event: Input.Changed) -> None:
        self.view.student = event.value
        self.refresh_rows()

    @on(Input.Changed, "#within")
    def _within_filter(self, event: Input.Changed) -> None:
        self.view.within = event.value
        self.refresh_rows()

    @on(Checkbox.Changed, "#overdue")
    def _overdue_filter(self, event: Checkbox.Changed) -> None:
        self.view.overdue_only = event.value
        self.refresh_rows()

    @on(Input.Submitted)
    def action_to_rows(self) -> None:
        self.query_one("#rows", DataTable).focus()

    def action_sort(self) -> None:
        self.view.sort = self.view.next_sort()
        self.refresh_rows()

    @on(DataTable.HeaderSelected)
    def _sort_by_column(self, event: DataTable.HeaderSelected) -> None:
        orders = {"state": SortOrder.URGENCY, "due": SortOrder.DUE, "days": SortOrder.DUE}
        orders |= {"student": SortOrder.STUDENT, "what": SortOrder.WHAT}
        self.view.sort = orders[str(event.column_key.value)]
        self.refresh_rows()

    def action_read_again(self) -> None:
        self.read_plans()

    # --- what to do next ------------------------------------------------------------------

    def action_help(self) -> None:
        """F1, as in the meeting app: every key of this screen, in Textual's key panel beside the rows."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the rows starts the student filter: type to keep one student."""
        table = self.query_one("#rows", DataTable)
        if self.focused is table and event.is_printable and event.character and not event.character.isspace():
            field = self.query_one("#student", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        row = self.selected_row()
        plan = row_plan(row) if row is not None else None
        if row is None:
            return
        if plan is None:
            self.notify(
                f"{shown(row.plan, self.folder)} cannot be opened: {row.detail}", severity="error", markup=False
            )
            return
        self.exit(OpenPlan(Path(plan.path), read_only=plan.final))

    def _student_of_selected(self) -> CaseStudent | None:
        row = self.selected_row()
        if row is None or row.student is None:
            self.notify("Choose a student's row first.", markup=False)
            return None
        return row.student

    def action_next_year(self) -> None:
        student = self._student_of_selected()
        if student is None:
            return
        if student.current is None:
            self.notify(
                f"{student.name} has no final plan yet: next year's plan starts from a final one.", markup=False
            )
            return
        self._ask_next_year(student, self._next_year_name(student), "")

    def _next_year_name(self, student: CaseStudent) -> str:
        assert student.current is not None
        due = student.last_iep + dt.timedelta(days=365) if student.last_iep else dt.date.today()
        folder = os.path.dirname(student.current.path)
        return shown(os.path.join(folder, f"{due.year}-annual-review{PLAN_SUFFIX}"), Path.cwd())

    def _ask_next_year(self, student: CaseStudent, suggestion: str, problem: str) -> None:
        assert student.current is not None
        last = shown(student.current.path, self.folder)
        title = f"Next year's plan for {student.name}, from {last}. The new file:"

        def answered(name: str | None) -> None:
            if name:
                self._create_next_year(student, name)

        self.push_screen(PathDialog(title, suggestion, problem, confirm="Create"), answered)

    @work(exclusive=True, group="command")
    async def _create_next_year(self, student: CaseStudent, name: str) -> None:
        assert student.current is not None
        done = await self.runner([*self._agenda_args(), "new", name, "--from", student.current.path])
        if done.code != 0:
            problem = done.err.strip().removeprefix("iep-meeting: ") or f"iep-meeting new stopped ({done.code})."
            self._ask_next_year(student, name, problem)
            return
        self.notify(done.out.strip().splitlines()[0] if done.out.strip() else f"Created {name}.", markup=False)
        self._select_after_reading = (os.path.abspath(name), CaseItem.DRAFT.value)
        self.view.student = ""
        self.query_one("#student", Input).value = ""
        self.read_plans()

    def action_progress(self) -> None:
        row = self.selected_row()
        plan = row_plan(row) if row is not None else None
        if plan is None:
            self.notify("Choose a plan's row first.", markup=False)
            return
        if not plan.final:
            self.notify(NOT_FINAL.format(plan=shown(plan.path, self.folder)), markup=False)
            return
        self.exit(RunCommand((*self._agenda_args(), "progress", plan.path)))

    def _agenda_args(self) -> list[str]:
        return ["--agenda-dir", str(self.agenda_dir)] if self.agenda_dir is not None else []
