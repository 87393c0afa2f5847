"""Close: read back every decision, agree next steps, empty the parking lot,
then the completeness checklist and sign-off (panel id "signoff"): finalize,
or close the meeting as "to be continued"."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label, Static

from iep_meeting.documents.close_notes import (
    SIGNOFF_NOTE,
    copies_after_final_text,
    follow_up_text,
    open_count_text,
    summarize_action,
    summarize_copy,
    summarize_parking,
    summarize_signature,
)
from iep_meeting.model.checklist import family_language
from iep_meeting.model.checklist.transition import adult_at_meeting
from iep_meeting.model.edits import with_signature_lines
from iep_meeting.model.paths import Path
from iep_meeting.model.plan import (
    CopyForm,
    CopyMethod,
    Decision,
    FamilyCopy,
    ParkingLotItem,
    ParkingLotState,
    Plan,
    RecessAnswer,
    Role,
    Signature,
    Status,
)
from iep_meeting.model.records import new_action_item
from iep_meeting.tui.context import editing, keys, session
from iep_meeting.tui.sections.base import SectionEditor, meeting_day
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.button_row import ButtonRow
from iep_meeting.tui.widgets.checklist_view import ChecklistView, counts_text
from iep_meeting.tui.widgets.fields import FieldSpec, Kind, field_at, literal
from iep_meeting.tui.widgets.records import RecordList
from iep_meeting.words.labels import (
    AGREEMENT,
    CONSENT,
    STUDENT_CONSENT,
    answers,
    choices,
    mark,
)
from iep_meeting.words.phrases import options_text

ACTION_FIELDS = (
    FieldSpec(name="owner", label="Who (one person responsible)"),
    FieldSpec(name="what", label="What", kind=Kind.LONG_TEXT),
    FieldSpec(name="due", label="By when", kind=Kind.DATE),
    FieldSpec(name="done", label="Done", kind=Kind.FLAG),
)

PARKING_FIELDS = (
    FieldSpec(name="topic", label="Topic"),
    FieldSpec(name="raised_by", label="Raised by"),
    FieldSpec(
        name="state",
        label="Where it stands",
        kind=Kind.CHOICE,
        choices=choices(ParkingLotState),
        inline=True,
        optional=False,
    ),
    FieldSpec(
        name="resolution",
        label="The answer, or when and with whom it will be taken up",
        kind=Kind.LONG_TEXT,
    ),
)


SIGNATURE_FIELDS = (
    FieldSpec(name="name", label="Name"),
    FieldSpec(name="role", label="Role", kind=Kind.CHOICE, choices=choices(Role), optional=False),
    FieldSpec(name="agrees", label="Agreement", kind=Kind.CHOICE, choices=answers(AGREEMENT), inline=True),
    FieldSpec(
        name="statement",
        label="Their statement, in their own words (needed when they disagree)",
        kind=Kind.LONG_TEXT,
    ),
    FieldSpec(name="date", label="Date", kind=Kind.DATE),
)

COPY_FIELDS = (
    FieldSpec(
        name="method", label="How the family gets it", kind=Kind.CHOICE, choices=choices(CopyMethod), inline=True
    ),
    FieldSpec(name="date", label="When", kind=Kind.DATE),
    FieldSpec(name="language", label="Language of the copy", placeholder="e.g. Spanish (blank: English)"),
    FieldSpec(
        name="form", label="Written, or an audio recording", kind=Kind.CHOICE, choices=choices(CopyForm), inline=True
    ),
)


def decisions_table(decisions: tuple[Decision, ...], titles: dict[str, str]) -> Table:
    """Every decision as a table row; every cell is rich Text, so user text is literal."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Time", no_wrap=True, width=5)
    table.add_column("Section", ratio=1, overflow="fold")
    table.add_column("What was decided", ratio=3, overflow="fold")
    table.add_column("Outcome", no_wrap=True)
    for decision in sorted(decisions, key=lambda d: d.time):
        what = literal(decision.what)
        if decision.disagreed.strip():
            what.append("\nDisagreed: ", style="italic")
            what.append(decision.disagreed)
        options = options_text([(o.option, o.why_rejected) for o in decision.options])
        if options:
            what.append("\nOther options: ", style="italic")
            what.append(options)
        table.add_row(
            Text(decision.time.strftime("%H:%M")),
            literal(titles.get(decision.section, decision.section)),
            what,
            Text(mark(decision.outcome)),
        )
    return table


class CloseEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("close-editor")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decisions_shown: tuple[tuple[Decision, ...], dict[str, str]] | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            "Read back each decision, agree the next steps, and answer or schedule every parking-lot item.",
            classes="section-note",
            markup=False,
        )
        names = keys(self)
        record, log = names("record-decision"), names("decision-log")
        yield Label(
            f"Decisions recorded so far ({record} records one, {log} edits them)", classes="group-title", markup=False
        )
        yield Static("", id="decisions")
        yield Label(
            f"No decisions recorded yet. Record each one with {record} as the team makes it.",
            id="no-decisions",
            markup=False,
        )
        yield Label("Next steps", classes="group-title", markup=False)
        yield RecordList(
            "Action items: each with one owner and a date",
            ("action_items",),
            ACTION_FIELDS,
            summarize_action,
            lambda plan: new_action_item(),
            "action item",
            name_fields=("owner",),
            id="action-items",
        )
        yield Label("Parking lot", classes="group-title", markup=False)
        yield Label("", id="parking-count", markup=False)
        yield RecordList(
            "Topics raised out of turn",
            ("parking_lot",),
            PARKING_FIELDS,
            summarize_parking,
            lambda plan: ParkingLotItem(topic="", section="close"),
            "parking-lot topic",
            name_fields=("raised_by",),
            id="parking-lot",
        )
        with Vertical(id="signoff"):
            yield Label("Completeness checklist and sign-off", classes="signoff-title", markup=False)
            yield Label(SIGNOFF_NOTE, classes="section-note", markup=False)
            yield Label("", id="checklist-count", markup=False)
            yield ChecklistView(id="close-checklist")
            yield Label("Sign-off", classes="group-title", markup=False)
            yield RecordList(
                "Each participant: agrees or disagrees",
                ("sign_off", "signatures"),
                SIGNATURE_FIELDS,
                summarize_signature,
                lambda plan: Signature(name="", role=Role.OTHER, date=meeting_day(plan)),
                "participant",
                id="signatures",
            )
            with ButtonRow(id="signoff-buttons"):
                yield Button("Everyone here agrees", id="all-agree", variant="primary", compact=True)
                yield Button("List everyone here, to ask each", id="add-present", compact=True)
            yield Label(
                "Only members of the IEP team are asked; an interpreter or a guest can still be listed. "
                "Then change the answer of anyone who disagrees.",
                classes="section-note",
                markup=False,
            )
            yield field_at(
                ("sign_off", "parent_consent"),
                "The parent's consent to this IEP",
                kind=Kind.CHOICE,
                choices=answers(CONSENT),
                inline=True,
            )
            yield field_at(("sign_off", "parent_consent_date"), "Date of the parent's consent", kind=Kind.DATE)
            # Once the rights are the adult student's (34 CFR 300.520): their own consent.
            with Vertical(id="student-consent"):
                yield field_at(
                    ("sign_off", "student_consent"),
                    "The adult student's own consent to this IEP",
                    kind=Kind.CHOICE,
                    choices=answers(STUDENT_CONSENT),
                    inline=True,
                )
                yield field_at(("sign_off", "student_consent_date"), "Date of the student's consent", kind=Kind.DATE)
            # Where the state offers one (Texas): the recess for a parent or adult student who disagrees.
            with Vertical(id="recess"):
                yield Label(
                    "Recess offered to the parent or adult student who disagrees", classes="group-title", markup=False
                )
                yield field_at(("sign_off", "recess"), "The recess", kind=Kind.CHOICE, choices=choices(RecessAnswer))
                yield field_at(("sign_off", "recess_date"), "Continued meeting: date", kind=Kind.DATE)
                yield field_at(("sign_off", "recess_time"), "Continued meeting: time", kind=Kind.TIME)
                yield field_at(("sign_off", "recess_place"), "Continued meeting: place")
            yield Label("The family's copy (at no cost)", classes="group-title", markup=False)
            yield RecordList(
                "Copies given to the family: one in each language they need",
                ("family_copies",),
                COPY_FIELDS,
                summarize_copy,
                lambda plan: FamilyCopy(date=plan.meeting.date, language=family_language(plan) or ""),
                "copy",
                id="family-copies",
            )
            yield Static("", id="copies-after-final", markup=False)
            with ButtonRow(id="copy-buttons"):
                yield Button(f"Make the family's copy ({names('family-copy')})", id="make-copy", compact=True)
            yield Label("", id="follow-up", markup=False)
            with ButtonRow(id="finish"):
                yield Button(f"Finalize the plan ({names('finalize')})", id="finalize", variant="success", compact=True)
                yield Button(
                    f"To be continued… ({names('continue-later')})",
                    id="continue-later",
                    variant="warning",
                    compact=True,
                )

    def reveal(self, plan: Plan, path: Path) -> bool:
        # "Record whether X agrees": the quickest fix is the button that records
        # that everyone at the meeting agrees (exceptions are edited after).
        if tuple(path) == ("sign_off", "signatures"):
            button = self.query_one("#all-agree", Button)
            button.focus()
            self.call_after_refresh(button.scroll_visible, animate=False)
            return True
        return super().reveal(plan, path)

    @on(Button.Pressed, "#add-present, #all-agree")
    def _add_present(self, event: Button.Pressed) -> None:
        event.stop()
        agrees = True if event.button.id == "all-agree" else None

        def lines(plan: Plan) -> Plan:
            return with_signature_lines(plan, meeting_day(plan), agrees)

        editing(self).apply(lines, "added the sign-off lines", by=self)

    @on(Button.Pressed, "#finalize")
    async def _finalize(self, event: Button.Pressed) -> None:
        event.stop()
        await self.run_action("app.finalize")

    @on(Button.Pressed, "#make-copy")
    async def _make_copy(self, event: Button.Pressed) -> None:
        event.stop()
        await self.run_action("app.family_copy")

    @on(Button.Pressed, "#continue-later")
    async def _continue_later(self, event: Button.Pressed) -> None:
        event.stop()
        await self.run_action("app.continue_later")

    def show_details(self, plan: Plan) -> None:
        profile = session(self).profile
        adult = adult_at_meeting(plan, profile)
        self.query_one("#student-consent").display = adult or plan.sign_off.student_consent is not None
        self.query_one("#recess").display = profile.recess.offered or plan.sign_off.recess is not None
        after = self.query_one("#copies-after-final", Static)
        after.update(copies_after_final_text(plan))
        after.display = bool(plan.copies_after_final)
        titles = {s.id: s.title for s in session(self).agenda.sections}
        shown = (plan.decisions, titles)
        if shown != self._decisions_shown:  # a long table is only rebuilt when decisions change
            self._decisions_shown = shown
            decisions = self.query_one("#decisions", Static)
            decisions.update(decisions_table(plan.decisions, titles) if plan.decisions else "")
            decisions.display = bool(plan.decisions)
            self.query_one("#no-decisions").display = not plan.decisions
        count = self.query_one("#parking-count", Label)
        count.update(open_count_text(plan))
        count.set_class(any(item.state is ParkingLotState.OPEN for item in plan.parking_lot), "-attention")
        self._show_checklist(plan)

    def _show_checklist(self, plan: Plan) -> None:
        current = session(self)
        findings = current.findings
        count = self.query_one("#checklist-count", Label)
        final = plan.status is Status.FINAL
        count.update(f"✓ Final since {plan.sign_off.finalized}." if final else counts_text(findings))
        count.set_class(any(f.required for f in findings) and not final, "-open")
        view = self.query_one(ChecklistView)
        view.show(findings, current.sections, plan)
        view.display = bool(findings)
        follow_up = self.query_one("#follow-up", Label)
        follow_up.update(follow_up_text(plan))
        follow_up.display = bool(follow_up_text(plan))
        self.query_one("#finish").display = not final
