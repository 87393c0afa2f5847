"""F2: a decision — what the team decided, whether everyone agreed, who did not
and why, and the other options considered (what Prior Written Notice needs).
F8's log edits one already recorded in the same dialog."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Label

from iep_meeting.model.plan import Decision, DecisionAction, DecisionSubject, OptionConsidered, Outcome
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.dialogs.record.base import RecordDialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import FieldSpec, Kind
from iep_meeting.tui.widgets.records import ListSpec
from iep_meeting.words.labels import choices


class DecisionDialog(RecordDialog[Decision]):
    """What the team decided, whether everyone agreed, who did not and why, and
    the other options considered (what Prior Written Notice needs)."""

    DEFAULT_CSS = stylesheet("decision-dialog")

    # Unless the window is tall, the fields take the height left and scroll, so the
    # buttons stay on screen however long the answers grow.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (44, "-tall")]

    NOUN = "decision"
    SPECS = (
        FieldSpec(
            name="what",
            label="What was decided",
            kind=Kind.LONG_TEXT,
            placeholder="e.g. Reading services go from 3 to 4 sessions a week",
        ),
        FieldSpec(
            name="outcome",
            label="Did everyone agree?",
            kind=Kind.CHOICE,
            choices=choices(Outcome),
            inline=True,
            optional=False,
        ),
        FieldSpec(
            name="disagreed",
            label="Who disagreed, and why",
            kind=Kind.LONG_TEXT,
            help="Name the person and give their reasons in their own words.",
        ),
        FieldSpec(
            name="action",
            label="For the Prior Written Notice: does the school propose something, or refuse it?",
            kind=Kind.CHOICE,
            choices=choices(DecisionAction),
            inline=True,
            help="The family gets written notice of every proposal or refusal (34 CFR 300.503).",
        ),
        FieldSpec(name="subject", label="About", kind=Kind.CHOICE, choices=choices(DecisionSubject)),
        FieldSpec(name="reasons", label="Why the school proposes or refuses it", kind=Kind.LONG_TEXT),
        FieldSpec(
            name="evaluations_used",
            label="The evaluations, records and reports it is based on",
            kind=Kind.LONG_TEXT,
        ),
        ListSpec(
            name="options",
            title="Other options considered, and why they were not chosen",
            noun="option",
            fields=(
                FieldSpec(name="option", label="The option", placeholder="e.g. push-in support in ELA only"),
                FieldSpec(name="why_rejected", label="Why it was not chosen", kind=Kind.LONG_TEXT),
            ),
            summarize=lambda o: o.option.strip() + (f" — {o.why_rejected.strip()}" if o.why_rejected.strip() else ""),
            make_item=lambda draft: OptionConsidered(option=""),
        ),
        FieldSpec(name="other_factors", label="Other factors that mattered", kind=Kind.LONG_TEXT),
    )
    REQUIRED = {"what": "Write what was decided before recording it."}

    def __init__(self, draft: Decision, section_title: str, *, editing: bool = False) -> None:
        when = draft.time.strftime("%H:%M")
        heading = (
            f"Edit the decision of {when} · {section_title}"
            if editing
            else f"Record a decision · {section_title} · {when}"
        )
        super().__init__(draft, heading)
        self.editing_record = editing
        if editing:
            self.save_label = "Save changes"

    def compose_fields(self) -> ComposeResult:
        for spec in self.SPECS:
            if spec.name == "disagreed":
                yield Label(
                    "! Not everyone agreed: write who disagreed and why, in their words.",
                    id="disagree-prompt",
                    markup=False,
                )
            yield self.field_for(spec)

    def draft_changed(self) -> None:
        not_agreed = self.draft.outcome is Outcome.NOT_AGREED
        self.query_one("#disagree-prompt").set_class(not_agreed and not self.draft.disagreed.strip(), "-shown")

    def before_saving(self, draft: Decision, save: Any) -> None:
        if draft.outcome is not Outcome.NOT_AGREED or draft.disagreed:
            save()
            return

        def answered(anyway: bool | None) -> None:
            if anyway:
                save()
            else:
                self.field("disagreed").editor.focus()

        self.app.push_screen(
            ConfirmDialog(
                "Record without saying who disagreed?",
                "The team did not agree, but nobody's disagreement is written down. "
                "The minutes should say who disagreed and why.",
                confirm="Record anyway",
                cancel="Write it down",
            ),
            answered,
        )
