"""Transition: goals for life after high school, the services and courses that lead
there, and telling the student which rights transfer at the age of majority."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Label

from iep_meeting.documents.timeline import timeline_lines
from iep_meeting.model.checklist.transition import planning_items
from iep_meeting.model.plan import AdultDecisions, Considered, Plan
from iep_meeting.model.rules import ConsiderItem, Profile
from iep_meeting.tui.context import session
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec, Kind, field_at
from iep_meeting.tui.widgets.records import RecordList
from iep_meeting.words.labels import choices

TRANSITION_NOTE = (
    "Life after high school: goals the team can measure for education or training, work and, "
    "where it fits, living independently, based on transition assessments and on what the "
    "student wants. The student is invited to this part."
)


def considered_choices(profile: Profile, plan: Plan) -> tuple[tuple[str, str], ...]:
    """(words, id) of each item the profile asks the team to consider, and of any the plan
    records that this profile does not list (so its record still shows)."""
    known = tuple((item.words, item.id) for item in profile.transition_planning.items)
    ids = {item_id for _, item_id in known}
    others = tuple(
        (f"{record.item} (not an item of this profile)", record.item)
        for record in plan.transition.considered
        if record.item not in ids
    )
    return known + others


def next_considered(plan: Plan, profile: Profile) -> Considered:
    """A new record for the first item due for this student and not considered yet."""
    recorded = {record.item for record in plan.transition.considered}
    due = planning_items(plan, profile) or profile.transition_planning.items
    item = next((item for item in due if item.id not in recorded), None)
    return Considered(item=item.id if item else "")


def summarize_considered(items: tuple[ConsiderItem, ...]) -> Callable[[Considered], str]:
    words = {item.id: item.words for item in items}

    def summary(record: Considered) -> str:
        note = " ".join(record.note.split())
        return f"{words.get(record.item, record.item or '(no item chosen)')} — {note or 'not decided yet'}"

    return summary


class TransitionEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("transition-editor")

    def compose(self) -> ComposeResult:
        current = session(self)
        profile, plan = current.profile, current.plan
        yield Label(TRANSITION_NOTE, classes="section-note", markup=False)
        yield Label("", id="timeline", markup=False)
        yield field_at(
            ("transition", "student_invited"),
            "The student was invited to this meeting",
            kind=Kind.FLAG,
        )
        yield Label("Goals for after high school", classes="group-title", markup=False)
        yield field_at(
            ("transition", "education_goal"),
            "Education or training",
            kind=Kind.LONG_TEXT,
            placeholder="After high school, the student will ...",
        )
        yield field_at(
            ("transition", "employment_goal"),
            "Work",
            kind=Kind.LONG_TEXT,
            placeholder="After high school, the student will ...",
        )
        yield field_at(
            ("transition", "independent_living_goal"),
            "Living independently (where it fits)",
            kind=Kind.LONG_TEXT,
        )
        yield field_at(
            ("transition", "assessments"),
            "Transition assessments these goals are based on",
            kind=Kind.LONG_TEXT,
            placeholder="e.g. interest survey, interview with the student, work experience",
        )
        yield Label("Getting there", classes="group-title", markup=False)
        yield field_at(
            ("transition", "services"),
            "Transition services (one per line)",
            kind=Kind.LINES,
            help="Instruction, community experiences, job skills, outside agencies, ...",
        )
        yield field_at(
            ("transition", "course_of_study"),
            "Courses of study that lead there",
            kind=Kind.LONG_TEXT,
        )
        planning = profile.transition_planning
        yield Label(
            f"What the state asks the team to consider from {planning.age} ({planning.cite})",
            classes="group-title",
            id="planning-title",
            markup=False,
        )
        yield RecordList(
            "Each item, with what the team decided (a goal written above counts for its item)",
            ("transition", "considered"),
            (
                FieldSpec(name="item", label="Item", kind=Kind.CHOICE, choices=considered_choices(profile, plan)),
                FieldSpec(
                    name="note",
                    label="What the team decided: how the plan addresses it, or why not yet",
                    kind=Kind.LONG_TEXT,
                ),
            ),
            summarize_considered(planning.items),
            lambda plan: next_considered(plan, profile),
            "item",
            id="considered",
        )
        yield Label("Transfer of rights", classes="group-title", markup=False)
        yield field_at(
            ("transition", "rights_transfer_informed"),
            "Date the student was told which rights transfer at the age of majority",
            kind=Kind.DATE,
        )
        yield field_at(
            ("transition", "guardianship_informed"),
            "Date the student got information on guardianship and its alternatives (supported decision-making)",
            kind=Kind.DATE,
        )
        yield field_at(
            ("transition", "adult_decisions"),
            "Once the student is an adult, who makes the special education decisions",
            kind=Kind.CHOICE,
            choices=choices(AdultDecisions),
        )

    def show_details(self, plan: Plan) -> None:
        rules = session(self).profile
        # What only some states ask: shown under a profile that asks it, or when the plan holds it.
        planning = bool(rules.transition_planning.items) or bool(plan.transition.considered)
        self.query_one("#planning-title").display = planning
        self.query_one("#considered").display = planning
        guardianship = rules.majority.guardianship_information or plan.transition.guardianship_informed is not None
        for field in self.query(BoundField):
            if field.path == ("transition", "guardianship_informed"):
                field.display = guardianship
        lines = timeline_lines(plan, rules.transition_age, rules.age_of_majority)
        if planning_items(plan, rules):
            age = rules.transition_planning.age
            lines.append((f"✓ The state's transition planning is due from {age}: consider each item below.", False))
        timeline = self.query_one("#timeline", Label)
        timeline.update("\n".join(text for text, _ in lines))
        timeline.set_class(any(attention for _, attention in lines), "-attention")
