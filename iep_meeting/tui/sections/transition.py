"""Transition: goals for life after high school, the services and courses that lead
there, and telling the student which rights transfer at the age of majority."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from iep_meeting.documents.timeline import timeline_lines
from iep_meeting.model.plan import Plan
from iep_meeting.tui.context import session
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import Kind, field_at

TRANSITION_NOTE = (
    "Life after high school: goals the team can measure for education or training, work and, "
    "where it fits, living independently, based on transition assessments and on what the "
    "student wants. The student is invited to this part."
)


class TransitionEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("transition-editor")

    def compose(self) -> ComposeResult:
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
        yield Label("Transfer of rights", classes="group-title", markup=False)
        yield field_at(
            ("transition", "rights_transfer_informed"),
            "Date the student was told which rights transfer at the age of majority",
            kind=Kind.DATE,
        )

    def show_details(self, plan: Plan) -> None:
        rules = session(self).profile
        lines = timeline_lines(plan, rules.transition_age, rules.age_of_majority)
        timeline = self.query_one("#timeline", Label)
        timeline.update("\n".join(text for text, _ in lines))
        timeline.set_class(any(attention for _, attention in lines), "-attention")
