"""Annual goals: one measurable goal at a time, each with its baseline, target and
how it is measured, and the short-term objectives toward it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, TextArea

from iep_meeting.meeting.publish import Change
from iep_meeting.model.banks import Banks, GoalDomain
from iep_meeting.model.paths import get_in
from iep_meeting.model.plan import Goal, GoalArea, Objective, Plan
from iep_meeting.model.records import new_goal
from iep_meeting.model.rules import MINUTES_IN_A_WEEK
from iep_meeting.tui.commands import LIST_COMMANDS, bindings, list_keys_text
from iep_meeting.tui.context import keys, session
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec, Kind
from iep_meeting.tui.widgets.records import ListSpec, RecordForm, RecordList
from iep_meeting.words.labels import choices
from iep_meeting.words.phrases import example

STATEMENT_PLACEHOLDER = "By the end of the IEP, given ___, the student will ___ with ___ accuracy."


def objective_when(objective: Objective) -> str:
    if objective.target_date:
        return f" · by {objective.target_date}"
    return f" · {objective.by_when.strip()}" if objective.by_when.strip() else ""


OBJECTIVES = ListSpec(
    name="objectives",
    title="Short-term objectives: steps on the way to the goal (required for students who take the alternate test)",
    noun="objective",
    fields=(
        FieldSpec(name="statement", label="The step", kind=Kind.LONG_TEXT),
        FieldSpec(
            name="criterion", label="What counts as reaching it", placeholder="e.g. 80% accuracy in 3 of 4 probes"
        ),
        FieldSpec(name="target_date", label="By when (a date)", kind=Kind.DATE),
        FieldSpec(
            name="by_when", label="… or by when, in words", placeholder="e.g. by March, by the end of the first quarter"
        ),
    ),
    summarize=lambda o: (o.statement.strip() or "(not written yet)") + objective_when(o),
    make_item=lambda plan: Objective(statement=""),
)

GOAL_FIELDS = (
    FieldSpec(name="area", label="Kind of goal", kind=Kind.CHOICE, choices=choices(GoalArea), optional=False),
    FieldSpec(
        name="domain",
        label="Skill area",
        placeholder="e.g. reading fluency, written expression, self-regulation",
        help="Skill areas from the goal bank are suggested as you type; → takes one.",
    ),
    FieldSpec(
        name="statement", label="The goal, in plain words", kind=Kind.LONG_TEXT, placeholder=STATEMENT_PLACEHOLDER
    ),
    FieldSpec(
        name="baseline",
        label="Where the student is now (baseline)",
        kind=Kind.LONG_TEXT,
        placeholder="e.g. 85 words per minute on grade-7 passages (probes, 2026-11-10)",
    ),
    FieldSpec(
        name="target",
        label="What counts as success (target)",
        kind=Kind.LONG_TEXT,
        placeholder="e.g. 120 words per minute in 3 of 4 probes",
    ),
    FieldSpec(
        name="measured_by",
        label="How progress is measured (what, by whom, how often)",
        kind=Kind.LONG_TEXT,
        placeholder="e.g. weekly probes charted by the special education teacher",
    ),
    FieldSpec(
        name="reporting",
        label="When the family gets progress reports",
        placeholder="e.g. quarterly, with report cards",
    ),
    FieldSpec(
        name="minutes_per_week",
        label="Minimum minutes per week of service for this goal",
        kind=Kind.NUMBER,
        minimum=0,
        maximum=MINUTES_IN_A_WEEK,
    ),
    OBJECTIVES,
)


def summarize_goal(goal: Goal) -> str:
    what = goal.domain.strip() or goal.statement.strip()[:40] or "no skill area yet"
    minutes = "minutes not set" if goal.minutes_per_week is None else f"{goal.minutes_per_week} min/week"
    return f"{goal.id} · {what} · {minutes}"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def bank_domain(banks: Banks, domain: str) -> GoalDomain | None:
    """The bank's entry for `domain` (ignoring case and spacing), if it has one."""
    key = _key(domain)
    return next((d for d in banks.goal_domains if _key(d.domain) == key), None) if key else None


def own_fields(record_list: RecordList) -> dict[str, BoundField]:
    """The fields of the list's own form (not those of lists nested in it), by name."""
    form = next((child for child in record_list.children if isinstance(child, RecordForm)), None)
    if form is None:
        return {}
    return {child.spec.name: child for child in form.children if isinstance(child, BoundField)}


def text_editors(record_list: RecordList, names: tuple[str, ...]) -> dict[str, Input | TextArea] | None:
    """The Input or TextArea of each named field, or None while they are not composed yet."""
    fields = own_fields(record_list)
    editors = {}
    for name in names:
        found = fields[name].query(".editor") if name in fields else ()
        editor = found.first() if found else None
        if not isinstance(editor, (Input, TextArea)):
            return None
        editors[name] = editor
    return editors


# A section with one main list: its keys work anywhere in the section, not only inside the list.
LIST_BINDINGS = bindings(LIST_COMMANDS, priority=False, forward="list")


class HintedList(RecordList):
    """A record list whose text fields get suggestions and examples from a bank.

    Subclasses say which fields get `suggestions()` (as you type, → takes one) and
    which `placeholders()` the selected record shows in its empty fields. Hints are
    never written into the plan.
    """

    suggested: tuple[str, ...] = ()
    hinted: tuple[str, ...] = ()

    def __init__(self, *args, banks: Banks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.banks = banks
        self._suggesting = False

    def suggestions(self, name: str) -> list[str]:
        return []

    def placeholders(self, item) -> dict[str, str]:
        return {}

    def show_plan(self, plan: Plan, change: Change[Any] | None = None) -> None:
        super().show_plan(plan, change)
        if change is None or change.touches(self.list_path):
            self._show_hints()

    def _show_hints(self) -> None:
        plan = self._plan
        if plan is None or not self.is_attached:
            return
        editors = text_editors(self, self.suggested + self.hinted)
        if editors is None:  # the form is not composed yet
            self.call_after_refresh(self._show_hints)
            return
        if not self._suggesting:
            self._suggesting = True
            for name in self.suggested:
                editor = editors[name]
                if isinstance(editor, Input):
                    editor.suggester = SuggestFromList(self.suggestions(name), case_sensitive=False)
        items = get_in(plan, self.list_path)
        wanted = self.placeholders(items[self.selected]) if items else {}
        fields = own_fields(self)
        for name in self.hinted:
            text = example(wanted.get(name, "")) or fields[name].spec.placeholder
            if editors[name].placeholder != text:
                editors[name].placeholder = text


class GoalList(HintedList):
    """The goals; the goal bank suggests skill areas, and its hints for the selected
    goal's skill area show in the goal's empty fields."""

    suggested = ("domain",)
    hinted = ("statement", "baseline", "target", "measured_by")

    def __init__(self, banks: Banks) -> None:
        super().__init__(
            "Annual goals",
            ("goals",),
            GOAL_FIELDS,
            summarize_goal,
            new_goal,
            "goal",
            reorder=True,
            id="goal-list",
            banks=banks,
        )

    def suggestions(self, name: str) -> list[str]:
        return [d.domain for d in self.banks.goal_domains]

    def placeholders(self, goal: Goal) -> dict[str, str]:
        hint = bank_domain(self.banks, goal.domain)
        if hint is None:
            return {}
        return {
            "statement": hint.example,
            "baseline": hint.baseline_hint,
            "target": hint.target_hint,
            "measured_by": hint.measured_by_hint,
        }


class GoalsEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("goals-editor")
    BINDINGS = LIST_BINDINGS

    def compose(self) -> ComposeResult:
        yield Label(
            "A measurable goal says where the student is now (baseline), what counts as success (target) "
            "and how it is measured, so anyone can tell in a year whether it was met.",
            classes="section-note",
            markup=False,
        )
        yield Label(
            list_keys_text(keys(self), move=True),
            classes="section-keys",
            markup=False,
        )
        yield GoalList(session(self).banks)

    async def action_list(self, action: str) -> None:
        """The list's keys work anywhere in the section, not only inside the list."""
        await self.query_one(GoalList).run_action(action)
