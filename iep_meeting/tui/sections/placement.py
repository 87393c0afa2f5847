"""Placement: time with classmates without disabilities (LRE), state and district
tests, the extended school year, and the five special factors."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from iep_meeting.model.plan import AssessmentParticipation, Factor, Plan
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec, Kind, field_at
from iep_meeting.words.labels import FACTOR_MARK, SPECIAL_FACTORS, choices

LRE_NOTE = (
    "LRE, the least restrictive environment, means the student learns alongside classmates "
    "without disabilities as much as possible. Any time apart from them must be explained."
)
ESY_NOTE = (
    "ESY, the extended school year, means services during long breaks, usually the summer, "
    "for a student who would lose important skills over the break and take too long to get "
    "them back. It is decided on the student's needs, not on the disability or on cost."
)
FACTORS_NOTE = (
    "The law asks the team to consider these five for every student. A complete record answers "
    "yes or no for each one, with a note, rather than leaving it blank."
)


def lre_state(plan: Plan) -> tuple[str, bool]:
    """What the screen says about the explanation of time apart, and whether it needs attention."""
    lre = plan.lre
    if lre.general_education_percent is None:
        return "Required when the student spends less than 100% of the day in general education.", False
    if lre.general_education_percent >= 100:
        return "Not required: the student is in general education all day.", False
    if lre.explanation.strip():
        return f"✓ Required ({lre.general_education_percent}% is under 100%) and written.", False
    return (
        f"! Required: {lre.general_education_percent}% is under 100%, so write why the student "
        "is apart from classmates without disabilities for the rest of the day.",
        True,
    )


def esy_mark(plan: Plan) -> str:
    eligible = plan.esy.eligible
    if eligible is None:
        return "○ Not decided yet. If there is not enough data, write when the team will decide."
    return "✓ Decided: the student gets summer services." if eligible else "✓ Decided: no summer services."


class PlacementEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("placement-editor")

    def compose(self) -> ComposeResult:
        # --- LRE
        yield Label("Time in general education (LRE)", classes="group-title", markup=False)
        yield Label(LRE_NOTE, classes="explain", markup=False)
        yield field_at(
            ("lre", "general_education_percent"),
            "Percent of the school day in general education, with classmates without disabilities",
            kind=Kind.NUMBER,
            placeholder="0 to 100",
            minimum=0,
            maximum=100,
        )
        yield field_at(
            ("lre", "explanation"),
            "Why any time apart from classmates without disabilities",
            kind=Kind.LONG_TEXT,
        )
        yield Label("", id="lre-state", classes="state", markup=False)

        # --- state and district tests
        yield Label("State and district tests", classes="group-title", markup=False)
        yield field_at(
            ("assessment", "participation"),
            "How the student takes state and district tests",
            kind=Kind.CHOICE,
            choices=choices(AssessmentParticipation),
            help="The alternate assessment is for a few students with the most significant cognitive disabilities.",
        )
        with Vertical(id="alternate-why"):
            yield Label(
                "For an alternate assessment the IEP must say both of these:", id="alternate-note", markup=False
            )
            yield field_at(
                ("assessment", "why_regular_not_appropriate"),
                "Why the regular test is not right for this student",
                kind=Kind.LONG_TEXT,
            )
            yield field_at(
                ("assessment", "why_alternate_appropriate"),
                "Why the alternate assessment is right for this student",
                kind=Kind.LONG_TEXT,
            )
        yield field_at(("assessment", "note"), "Note on tests", kind=Kind.LONG_TEXT)

        # --- extended school year
        yield Label("Extended school year (ESY)", classes="group-title", markup=False)
        yield Label(ESY_NOTE, classes="explain", markup=False)
        yield field_at(
            ("esy", "eligible"),
            "Does the student need services over the summer break?",
            kind=Kind.YES_NO,
        )
        yield Label("", id="esy-state", classes="state", markup=False)
        yield field_at(("esy", "note"), "Why, or when the team will decide", kind=Kind.LONG_TEXT)

        # --- special factors
        yield Label("Special factors", classes="group-title", markup=False)
        yield Label(FACTORS_NOTE, classes="explain", markup=False)
        yield Label("", id="factors-count", classes="state", markup=False)
        for name, (title, _words, question) in SPECIAL_FACTORS.items():
            with Vertical(classes="factor", id=f"factor-{name}"):
                yield Label(title, classes="factor-title", markup=False)
                yield Label(question, classes="factor-question", markup=False)
                yield BoundField(
                    FieldSpec(name="needed", label="Needed?", kind=Kind.YES_NO),
                    ("special_factors", name, "needed"),
                )
                yield BoundField(
                    FieldSpec(name="note", label="Note: why, or what the student needs"),
                    ("special_factors", name, "note"),
                )

    def show_details(self, plan: Plan) -> None:
        text, attention = lre_state(plan)
        lre = self.query_one("#lre-state", Label)
        lre.update(text)
        lre.set_class(attention, "-attention")

        # The two reasons are asked only for an alternate assessment. Reasons already
        # written stay visible when the choice changes: nothing in the plan is hidden.
        assessment = plan.assessment
        alternate = assessment.participation is AssessmentParticipation.ALTERNATE
        written = bool(assessment.why_regular_not_appropriate.strip() or assessment.why_alternate_appropriate.strip())
        self.query_one("#alternate-why").display = alternate or written
        self.query_one("#alternate-note", Label).update(
            "For an alternate assessment the IEP must say both of these:"
            if alternate
            else "! These reasons are only for an alternate assessment, which is not chosen now. "
            "Clear them if they no longer apply."
        )

        self.query_one("#esy-state", Label).update(esy_mark(plan))

        considered = 0
        for name, (title, _words, _question) in SPECIAL_FACTORS.items():
            factor: Factor = getattr(plan.special_factors, name)
            considered += factor.considered
            self.query_one(f"#factor-{name} .factor-title", Label).update(f"{title}  ·  {FACTOR_MARK[factor.needed]}")
        count = self.query_one("#factors-count", Label)
        count.update(
            "✓ All five considered."
            if considered == len(SPECIAL_FACTORS)
            else f"◐ {considered} of {len(SPECIAL_FACTORS)} considered so far."
        )
