"""The progress screen: one goal at a time, its points as a chart with the aim
line, where it stands in words, and a row to add a point.

A point takes the value and Enter (the date is today unless typed, how and by
whom stay as last entered, the unit is the goal's last point's of the same kind,
a value or successes of attempts, unless typed: its field says which it is, so
the first point of a goal names it). The chart and where the goal stands read the
points of the goal's one measure (model/goal_progress.py, `main_measure`); the
others are counted and the last named under it; ctrl+↓ and
ctrl+↑ go to the next and previous goal. F2 writes the period report of the
goal (report_dialog.py), F3 records that the period's report went to the family
(sent_dialog.py), F4 takes back a point recorded by mistake
(withdraw_dialog.py), F5 sets the goal's aim line in numbers (aim_dialog.py),
F6 translates the goal's words in the progress file into the family's language
(translate_dialog.py);
keys typed as a dialog opens or closes wait for it and go to its first field
(tui/type_ahead.py). The keys are the progress screen's commands of
tui/commands.py: keys.toml remaps them by id. Every entry is
written at once to the progress file (store/progress_file.py), whose lock the
app holds while it runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.filter import LineFilter
from textual.widgets import Footer, Input, Label, Static

from iep_meeting.model.goal_progress import (
    Aim,
    DataPoint,
    GoalReport,
    ProgressRecord,
    SentReport,
    Withdrawal,
    aim_line_words,
    aim_of,
    aim_source,
    amount_of,
    exact_number,
    goal_texts,
    goal_unit,
    in_goal_units,
    last_report,
    points_of,
    split_by_measure,
    standing,
)
from iep_meeting.model.plan import Goal, Plan, Translation
from iep_meeting.model.translations import family_languages
from iep_meeting.store.errors import StoreError
from iep_meeting.store.progress_file import ProgressFile
from iep_meeting.store.progress_sheet import point_from_cells
from iep_meeting.tui.commands import BY_ID, PROGRESS_COMMANDS, KeyNames, bindings
from iep_meeting.tui.progress.aim_dialog import AimDialog
from iep_meeting.tui.progress.chart import ProgressChart
from iep_meeting.tui.progress.report_dialog import ReportDialog
from iep_meeting.tui.progress.sent_dialog import SentDialog
from iep_meeting.tui.progress.translate_dialog import TranslateDialog
from iep_meeting.tui.progress.withdraw_dialog import WithdrawDialog
from iep_meeting.tui.themes import DEFAULT_THEME, ThemedApp
from iep_meeting.tui.type_ahead import TypeAheadApp
from iep_meeting.tui.visible_output import VisibleControls
from iep_meeting.words.labels import ENGLISH
from iep_meeting.words.phrases import plural

RECENT = 5  # the points listed under the chart
Entry = TypeVar("Entry", GoalReport, SentReport, Withdrawal, Aim, tuple[Translation, ...])  # what a dialog records

CSS = """
Screen { layout: vertical; }
#goal-title { text-style: bold; color: $primary; padding: 0 1; }
.about { padding: 0 1; }
#standing { padding: 0 1; text-style: bold; }
#recent { padding: 0 1; color: $text-muted; }
#add-row { height: auto; padding: 0 1; }
#add-row Input { width: 1fr; }
#add-row #value { width: 12; }
#add-row #of { width: 9; }
#add-row #unit { width: 3fr; }
#add-row #date { width: 18; }
#add-row Label { padding: 1 1 0 0; }
#message { padding: 0 1; }
#message.-error { color: $error; text-style: bold; }
"""


def amount_words(point: DataPoint) -> str:
    return f"{amount_of(point.value, point.of)} {point.unit}".strip()


class ProgressApp(TypeAheadApp[int], ThemedApp[int]):
    """Progress on the goals of one final plan. `progress` is None when read-only."""

    TITLE = "iep-meeting progress"
    CSS = CSS
    # Each with its command's id, so keys.toml remaps it (tui/commands.py).
    BINDINGS = [*bindings(PROGRESS_COMMANDS), *bindings([BY_ID["quit"]._replace(show=True)])]

    def __init__(
        self,
        plan: Plan,
        record: ProgressRecord | None,
        progress: ProgressFile | None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        theme_name: str = DEFAULT_THEME,
        cursor_blink: bool = True,
        keys: KeyNames | None = None,
    ) -> None:
        super().__init__()
        self.keys = keys or KeyNames()
        self.plan = plan
        self.record = record
        self.progress = progress
        self.today = today
        self.goal_index = 0
        self.cursor_blink = cursor_blink
        self._visible_controls = VisibleControls()
        self.use_themes(theme_name)

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._visible_controls]

    @property
    def read_only(self) -> bool:
        return self.progress is None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="goal"):
            yield Label("", id="goal-title", markup=False)
            yield Static("", id="statement", classes="about", markup=False)
            yield Static("", id="aim", classes="about", markup=False)
            yield ProgressChart(id="chart")
            yield Static("", id="standing", markup=False)
            yield Static("", id="recent", markup=False)
            yield Static("", id="report", classes="about", markup=False)
        with Horizontal(id="add-row"):
            yield Label("Add a point:")
            yield Input(placeholder="value", id="value", disabled=self.read_only)
            yield Input(placeholder="of (attempts)", id="of", type="integer", disabled=self.read_only)
            yield Input(id="unit", disabled=self.read_only)
            yield Input(placeholder="date (today)", id="date", disabled=self.read_only)
            yield Input(placeholder="how", id="how", disabled=self.read_only)
            yield Input(placeholder="by whom", id="by", disabled=self.read_only)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.set_keymap(self.keys.keymap())
        self.start_type_ahead()  # keys typed as F2 or F3 opens a dialog go to its first field
        self.show_goal()
        if self.read_only:
            self.say("Read-only: nothing can be added here.")
        else:
            self.query_one("#value", Input).focus()

    # --- showing ------------------------------------------------------------------------------

    @property
    def goal(self):
        return self.plan.goals[self.goal_index] if self.plan.goals else None

    def show_goal(self) -> None:
        goal = self.goal
        if goal is None:
            self.query_one("#goal-title", Label).update("The plan has no goals.")
            return
        number, total = self.goal_index + 1, len(self.plan.goals)
        area = f": {goal.domain.strip()}" if goal.domain.strip() else ""
        self.query_one("#goal-title", Label).update(
            f"Goal {number} of {total}{area} ({goal.id}) — {self.plan.student.name}"
        )
        self.query_one("#statement", Static).update(goal.statement.strip() or "(no statement)")
        aim = aim_of(goal, self.plan.period, self.record)
        set_with = self.keys("progress-aim")
        line = (
            f"Aim line: {aim_line_words(aim)} ({aim_source(goal.id, self.record)}; {set_with} to change it)"
            if aim is not None
            else f"No aim line: the baseline or target holds no number ({set_with} sets one)."
        )
        self.query_one("#aim", Static).update(
            f"Baseline: {goal.baseline.strip()}\nTarget: {goal.target.strip()}\n{line}"
        )
        points = points_of(self.record, goal.id) if self.record is not None else []
        charted, other = split_by_measure(points)
        self.query_one("#chart", ProgressChart).show(charted, aim, self.plan.period.start, self.plan.period.end)
        self.query_one("#standing", Static).update(ENGLISH.mark(standing(points, aim).standing))
        recent = [f"{p.date}  {amount_words(p)}" for p in points[-RECENT:]]
        listed = f"{plural(len(points), 'point')}. Last: " + "; ".join(reversed(recent)) if recent else "No points yet."
        if other:
            last = other[-1]
            listed += (
                f"\n{len(other)} of them were measured another way than the chart's points (the last: "
                f"{amount_words(last)} on {last.date}): they are not drawn on the aim line nor counted in where "
                "it stands."
            )
        self.query_one("#recent", Static).update(listed)
        self._show_unit()
        report = last_report(self.record, goal.id) if self.record is not None else None
        write = self.keys("progress-report")
        self.query_one("#report", Static).update(
            f"Last report (period to {report.period}): {ENGLISH.label(report.code)}; "
            f"{'enough' if report.sufficient else 'not enough'} to meet the goal. {write} writes this period's."
            if report is not None
            else f"No period report yet: {write} writes one."
        )

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(text)
        message.set_class(error, "-error")

    # --- actions --------------------------------------------------------------------------------

    def action_goal(self, step: int) -> None:
        if self.plan.goals:
            self.goal_index = (self.goal_index + step) % len(self.plan.goals)
            self.show_goal()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.add_point()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "of":  # a value and successes of attempts each keep their own unit
            self._show_unit()

    def _counted(self) -> bool:
        """Whether the row's point is successes of attempts (its "of" is typed), not a value."""
        return bool(self.query_one("#of", Input).value.strip())

    def _show_unit(self) -> None:
        """The unit field says the unit a point takes when none is typed, or that there is none yet."""
        unit = goal_unit(self.record, self.goal.id, self._counted()) if self.goal is not None else ""
        self.query_one("#unit", Input).placeholder = f"unit: {unit}" if unit else "unit (none yet)"

    def _point_from_row(self) -> DataPoint | None:
        """The point the row says, read as a data sheet's row is (store/progress_sheet.py)."""
        goal = self.goal
        if goal is None:
            return None
        names = ("value", "of", "unit", "date", "how", "by")
        cells = {name: self.query_one(f"#{name}", Input).value for name in names}
        cells |= {"goal": goal.id, "date": cells["date"].strip() or self.today().isoformat()}  # today unless typed
        point, problems = point_from_cells(cells)
        if point is None:
            self.say("Not added: " + "; ".join(problems), error=True)
            return None
        return in_goal_units([point], self.record)[0]  # the goal's unit unless typed

    def add_point(self) -> None:
        if self.progress is None:
            return
        point = self._point_from_row()
        if point is None:
            return
        try:
            self.record = self.progress.add_points([point], self.today())
        except StoreError as error:
            self.say(f"Not added: {error}", error=True)
            return
        for name in ("value", "of", "unit", "date"):
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#value", Input).focus()
        self.show_goal()
        self.say(f"✓ Added {amount_words(point)} on {point.date} to {self.progress.path.name}.")

    def action_report(self) -> None:
        if (editing := self._editing("no report can be written")) is None:
            return
        goal, record = editing
        self.push_screen(ReportDialog(self.plan, record, goal, self.today(), self.keys), self._record_report)

    def _record_report(self, report: GoalReport | None) -> None:
        if report is not None and self.progress is not None and self._written(self.progress.add_report, report):
            self.show_goal()
            self.say(f"✓ Report for the period to {report.period} recorded for {report.goal}.")

    def action_sent(self) -> None:
        if self.progress is None or self.record is None:
            self.say("Read-only: nothing can be recorded here.", error=True)
            return
        self.push_screen(SentDialog(self.plan, self.record, self.today(), self.keys), self._record_sent)

    def _record_sent(self, sent: SentReport | None) -> None:
        if sent is not None and self.progress is not None and self._written(self.progress.add_sent, sent):
            self.say(f"✓ The report for the period to {sent.period} went to the family on {sent.date}.")

    def action_withdraw(self) -> None:
        if (editing := self._editing("nothing can be taken back")) is None:
            return
        goal, record = editing
        if not points_of(record, goal.id):
            self.say(f"{goal.id} has no point to take back.", error=True)
            return
        self.push_screen(WithdrawDialog(self.plan, record, goal, self.today(), self.keys), self._withdraw)

    def _withdraw(self, withdrawal: Withdrawal | None) -> None:
        if withdrawal is not None and self.progress is not None and self._written(self.progress.withdraw, withdrawal):
            self.show_goal()
            amount = amount_of(withdrawal.value, withdrawal.of)
            self.say(f"✓ Took back the point of {amount} on {withdrawal.date}: it counts nowhere now.")

    def action_aim(self) -> None:
        if (editing := self._editing("no aim line can be set")) is None:
            return
        goal, record = editing
        self.push_screen(AimDialog(self.plan, record, goal, self.today(), self.keys), self._set_aim)

    def action_translate(self) -> None:
        if (editing := self._editing("no translation can be recorded")) is None:
            return
        goal, record = editing
        languages = family_languages(self.plan)
        if not languages:
            self.say("The plan names no family language but English: there is nothing to translate into.", error=True)
            return
        if not goal_texts(record, goal.id):
            self.say(f"{goal.id} has no report, unit or role typed yet: nothing to translate.", error=True)
            return
        dialog = TranslateDialog(self.plan, record, goal, languages[0], self.today(), self.keys)
        self.push_screen(dialog, self._record_translations)

    def _record_translations(self, made: tuple[Translation, ...] | None) -> None:
        if made and self.progress is not None and self._written(self.progress.add_translations, made):
            self.say(f"✓ {plural(len(made), 'translation')} into {made[0].language} recorded.")

    def _set_aim(self, aim: Aim | None) -> None:
        if aim is not None and self.progress is not None and self._written(self.progress.set_aim, aim):
            self.show_goal()
            self.say(
                f"✓ {aim.goal}'s aim line now runs from {exact_number(aim.baseline)} to {exact_number(aim.target)}."
            )

    def _editing(self, refused: str) -> tuple[Goal, ProgressRecord] | None:
        """The goal shown and the record, when entries can be written to the progress
        file; else None, and the screen says that `refused` (it is read-only)."""
        goal = self.goal
        if self.progress is None or goal is None or self.record is None:
            self.say(f"Read-only: {refused} here.", error=True)
            return None
        return goal, self.record

    def _written(self, write: Callable[[Entry], ProgressRecord], entry: Entry) -> bool:
        """Whether `entry` went into the progress file (`write`); if not, what went wrong is said."""
        try:
            self.record = write(entry)
        except StoreError as error:
            self.say(str(error), error=True)
            return False
        return True

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)
