"""Present levels: where the student is now, the family's concerns, the latest
evaluation, and how the student did on the goals of the previous IEP."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from iep_meeting.model.paths import Path
from iep_meeting.model.plan import MeetingKind, Plan, PresentLevelArea, PreviousGoal, Progress
from iep_meeting.model.records import new_previous_goal
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.family_concerns import FamilyConcerns
from iep_meeting.tui.widgets.family_input import FamilyInputPanel
from iep_meeting.tui.widgets.fields import FieldSpec, Kind, field_at
from iep_meeting.tui.widgets.records import RecordList
from iep_meeting.words.labels import NOT_REVIEWED_MARK, choices, mark

PLAAFP_NOTE = (
    "Present levels (PLAAFP on paper) means where the student is now, in school work and "
    "everyday skills, and how the disability makes learning in the general classroom harder. "
    "Start each area with a strength."
)

AREA_FIELDS = (
    FieldSpec(name="area", label="Area", placeholder="e.g. reading, written expression, social skills"),
    FieldSpec(name="strengths", label="Strengths: what the student does well here", kind=Kind.LONG_TEXT),
    FieldSpec(name="needs", label="Needs: what is hard for the student here", kind=Kind.LONG_TEXT),
    FieldSpec(
        name="baseline",
        label="Baseline: what the data shows today",
        kind=Kind.LONG_TEXT,
        help="Numbers and where they come from, e.g. 98 words a minute on 7th grade passages (October).",
    ),
    FieldSpec(
        name="impact",
        label="Impact: how the disability affects learning in the general education classroom",
        kind=Kind.LONG_TEXT,
    ),
)

PREVIOUS_GOAL_FIELDS = (
    FieldSpec(name="statement", label="The goal, as written in the previous IEP", kind=Kind.LONG_TEXT),
    FieldSpec(
        name="id",
        label="Its id in the previous IEP",
        help="As last year's plan names it (e.g. goal-2), so this year's record can point to it.",
    ),
    FieldSpec(
        name="progress",
        label="Progress made on it",
        kind=Kind.CHOICE,
        choices=choices(Progress),
        inline=True,
        help="Met, still progressing, or not met: what the data says.",
    ),
    FieldSpec(
        name="evidence",
        label="Evidence: the data behind that",
        kind=Kind.LONG_TEXT,
        placeholder="e.g. from 64 to 82 words a minute on quarterly probes",
    ),
)


def summarize_area(area: PresentLevelArea) -> str:
    return area.area or "(area not named yet)"


def summarize_previous_goal(goal: PreviousGoal) -> str:
    statement = " ".join(goal.statement.split()) or "(goal not written yet)"
    if len(statement) > 60:
        statement = statement[:59] + "…"
    progress = NOT_REVIEWED_MARK if goal.progress is None else mark(goal.progress)
    return f"{progress} — {statement}"


def first_iep(plan: Plan) -> bool:
    """No IEP came before this one, so there are no earlier goals to review."""
    return plan.meeting.kind is MeetingKind.INITIAL


def previous_goals_note(plan: Plan) -> str:
    goals = plan.present_levels.previous_goals
    if not goals:
        return ""  # the list itself says none are listed yet, and how to add one
    reviewed = sum(goal.progress is not None for goal in goals)
    met = sum(goal.progress is Progress.MET for goal in goals)
    if reviewed == len(goals):
        return f"✓ All {len(goals)} reviewed: {met} met."
    return f"◐ {reviewed} of {len(goals)} reviewed so far. For each one: met, progressing, or not met?"


class PresentLevelsEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("present-levels-editor")

    def compose(self) -> ComposeResult:
        yield Label(PLAAFP_NOTE, classes="section-note", markup=False)
        yield RecordList(
            "Areas: where the student is now",
            ("present_levels", "areas"),
            AREA_FIELDS,
            summarize_area,
            lambda plan: PresentLevelArea(area=""),
            "area",
            id="areas",
        )
        # Right above where the discussion starts: the team sees the family's own words as it types theirs.
        yield FamilyInputPanel(id="family-input")
        yield field_at(
            ("present_levels", "parent_concerns"),
            "The family's concerns, in the family's own words",
            kind=Kind.LONG_TEXT,
            help="Type what the family says, the way they say it.",
        )
        yield FamilyConcerns()
        yield field_at(
            ("present_levels", "evaluation_summary"),
            "Latest evaluation: what the results mean, in plain words",
            kind=Kind.LONG_TEXT,
        )
        yield Label("Progress on the goals of the previous IEP", classes="group-title", markup=False)
        yield Label(
            "This is the student's first IEP, so there are no earlier goals to report progress on.",
            id="first-iep",
            markup=False,
        )
        yield Label("", id="previous-goals-note", classes="section-note", markup=False)
        yield RecordList(
            "Goals of the previous IEP, and the progress made on each",
            ("present_levels", "previous_goals"),
            PREVIOUS_GOAL_FIELDS,
            summarize_previous_goal,
            new_previous_goal,
            "previous goal",
            id="previous-goals",
        )

    def show_details(self, plan: Plan) -> None:
        self.query_one(FamilyInputPanel).show(plan)
        self.query_one(FamilyConcerns).show(plan)
        # An initial IEP with nothing listed: a plain sentence, not an empty list.
        initial = first_iep(plan) and not plan.present_levels.previous_goals
        self.query_one("#first-iep").display = initial
        self.query_one("#previous-goals").display = not initial
        note = self.query_one("#previous-goals-note", Label)
        text = previous_goals_note(plan)
        note.display = not initial and bool(text)
        note.update(text)

    def reveal(self, plan: Plan, path: Path) -> bool:
        # A family's concern is in its own list (widgets/family_concerns.py), not a bound field.
        return self.query_one(FamilyConcerns).reveal(path) or super().reveal(plan, path)
