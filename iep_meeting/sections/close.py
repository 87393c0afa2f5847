"""Close: read back every decision, agree next steps, empty the parking lot,
then the completeness checklist and sign-off (panel id "signoff"): finalize,
or close the meeting as "to be continued"."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
import datetime as dt

from textual import on
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from ..model.edits import with_signature_lines
from ..model.plan import (
    ActionItem,
    CopyMethod,
    Decision,
    Outcome,
    ParkingLotItem,
    ParkingLotState,
    Plan,
    Role,
    Signature,
    Status,
)
from ..widgets.checklist_view import ChecklistView, counts_text
from ..widgets.fields import FieldSpec, Kind, choices_of, field_at, literal
from ..widgets.messages import PlanChange
from ..widgets.records import RecordList
from .base import SectionEditor
from .startup import ROLE_LABELS

OUTCOME_MARKS = {
    Outcome.AGREED: "✓ agreed",
    Outcome.NOT_AGREED: "! not agreed",
    Outcome.TABLED: "◐ tabled",
}
PARKING_LABELS = {
    ParkingLotState.OPEN: "open: not answered yet",
    ParkingLotState.RESOLVED: "resolved today",
    ParkingLotState.FOLLOW_UP: "carried to a follow-up meeting",
}
PARKING_MARKS = {
    ParkingLotState.OPEN: "○ open",
    ParkingLotState.RESOLVED: "✓ resolved",
    ParkingLotState.FOLLOW_UP: "→ follow-up meeting",
}

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
        choices=choices_of(ParkingLotState, PARKING_LABELS),
        optional=False,
    ),
    FieldSpec(
        name="resolution",
        label="The answer, or when and with whom it will be taken up",
        kind=Kind.LONG_TEXT,
    ),
)

AGREEMENT = (("agrees with this IEP", True), ("disagrees: their statement below", False))
AGREEMENT_MARKS = {True: "✓ agrees", False: "! disagrees", None: "○ not asked yet"}

SIGNATURE_FIELDS = (
    FieldSpec(name="name", label="Name"),
    FieldSpec(name="role", label="Role", kind=Kind.CHOICE, choices=choices_of(Role, ROLE_LABELS), optional=False),
    FieldSpec(name="agrees", label="Agreement", kind=Kind.CHOICE, choices=AGREEMENT),
    FieldSpec(
        name="statement",
        label="Their statement, in their own words (needed when they disagree)",
        kind=Kind.LONG_TEXT,
    ),
    FieldSpec(name="date", label="Date", kind=Kind.DATE),
)
CONSENT = (("yes: the parent consents", True), ("no: the parent does not consent", False))
COPY_LABELS = {CopyMethod.IN_PERSON: "in person, today", CopyMethod.PORTAL: "through the parent portal"}

SIGNOFF_NOTE = (
    "Nothing is final until every required item below is done and the team finalizes. The family "
    "does not have to sign today: close as “to be continued” and the open items are kept for a "
    "follow-up meeting."
)


def summarize_signature(signature: Signature) -> str:
    role = ROLE_LABELS.get(signature.role, signature.role.value.replace("-", " "))
    return f"{AGREEMENT_MARKS[signature.agrees]} — {signature.name or '(no name)'} — {role}"


def follow_up_text(plan: Plan) -> str:
    follow_up = plan.follow_up
    if follow_up is None or follow_up.closed is None:
        return ""
    when = f" on {follow_up.date}" if follow_up.date else " (date not set yet)"
    items = "".join(f"\n  • {item}" for item in follow_up.open_items) or "\n  (no open items were listed)"
    return f"◐ This meeting was closed on {follow_up.closed} as to be continued; follow-up meeting{when}. " \
        f"Open then:{items}"


def _oneline(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarize_action(item: ActionItem) -> str:
    mark = "✓ done" if item.done else "○ to do"
    due = f"by {item.due}" if item.due else "no date yet"
    return f"{mark} — {item.owner or '(no owner yet)'} — {due} — {_oneline(item.what) or '(not written yet)'}"


def summarize_parking(item: ParkingLotItem) -> str:
    by = f" (raised by {item.raised_by})" if item.raised_by else ""
    return f"{PARKING_MARKS[item.state]} — {_oneline(item.topic) or '(no topic yet)'}{by}"


def open_count_text(plan: Plan) -> str:
    items = plan.parking_lot
    open_items = sum(item.state is ParkingLotState.OPEN for item in items)
    if not items:
        return "✓ Nothing was put in the parking lot."
    if open_items == 0:
        return f"✓ No open items: all {len(items)} resolved or carried to a follow-up meeting."
    return (
        f"! {open_items} open item{'s' if open_items != 1 else ''} of {len(items)}: "
        "answer each today, or carry it to a follow-up meeting."
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
        if decision.options_considered.strip():
            what.append("\nOther options: ", style="italic")
            what.append(decision.options_considered)
        table.add_row(
            Text(decision.time.strftime("%H:%M")),
            literal(titles.get(decision.section, decision.section)),
            what,
            Text(OUTCOME_MARKS[decision.outcome]),
        )
    return table


class CloseEditor(SectionEditor):
    DEFAULT_CSS = """
    CloseEditor Label { width: 100%; }  /* long labels wrap instead of being cut at 80 columns */
    CloseEditor #decisions { height: auto; margin-bottom: 1; }
    CloseEditor #no-decisions { color: $text-muted; margin-bottom: 1; }
    CloseEditor #parking-count { margin-bottom: 1; }
    CloseEditor #parking-count.-attention { color: $warning; text-style: bold; }
    CloseEditor #signoff { height: auto; border: dashed $warning; padding: 0 1; margin: 1 0; }
    CloseEditor #signoff > .signoff-title { text-style: bold; }
    CloseEditor #checklist-count { text-style: bold; margin-bottom: 1; }
    CloseEditor #checklist-count.-open { color: $warning; }
    CloseEditor #close-checklist { max-height: 14; margin-bottom: 1; }
    CloseEditor #follow-up { margin: 1 0; }
    CloseEditor #add-present { margin-bottom: 1; }
    CloseEditor #finish { height: auto; margin: 1 0; }
    CloseEditor #finish > Button { margin-right: 2; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decisions_shown: tuple[tuple[Decision, ...], dict[str, str]] | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            "Read back each decision, agree the next steps, and answer or schedule every parking-lot item.",
            classes="section-note",
            markup=False,
        )
        yield Label("Decisions recorded so far (F2 records one, F8 edits them)", classes="group-title", markup=False)
        yield Static("", id="decisions")
        yield Label("No decisions recorded yet. Record each one with F2 as the team makes it.", id="no-decisions", markup=False)
        yield Label("Next steps", classes="group-title", markup=False)
        yield RecordList(
            "Action items: each with one owner and a date",
            ("action_items",),
            ACTION_FIELDS,
            summarize_action,
            lambda plan: ActionItem(owner="", what=""),
            "action item",
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
                lambda plan: Signature(name="", role=Role.OTHER, date=dt.date.today()),
                "participant",
                id="signatures",
            )
            yield Button("Add everyone at the meeting to the sign-off", id="add-present", compact=True)
            yield field_at(("sign_off", "parent_consent"), "The parent's consent to this IEP",
                           kind=Kind.CHOICE, choices=CONSENT)
            yield field_at(("sign_off", "parent_consent_date"), "Date of the parent's consent", kind=Kind.DATE)
            yield Label("The family's copy (at no cost)", classes="group-title", markup=False)
            yield field_at(("family_copy", "method"), "How the family gets its copy",
                           kind=Kind.CHOICE, choices=choices_of(CopyMethod, COPY_LABELS))
            yield field_at(("family_copy", "date"), "When", kind=Kind.DATE)
            yield field_at(("family_copy", "language"), "Language of the copy, when not English")
            yield Label("", id="follow-up", markup=False)
            with Horizontal(id="finish"):
                yield Button("Finalize the plan (ctrl+f)", id="finalize", variant="success", compact=True)
                yield Button("To be continued… (ctrl+t)", id="continue-later", variant="warning", compact=True)

    def reveal(self, plan: Plan, path) -> bool:
        # "Record whether X agrees": the quickest fix is the button that adds a
        # sign-off line for everyone at the meeting.
        if tuple(path) == ("sign_off", "signatures"):
            button = self.query_one("#add-present", Button)
            button.focus()
            self.call_after_refresh(button.scroll_visible, animate=False)
            return True
        return super().reveal(plan, path)

    @on(Button.Pressed, "#add-present")
    def _add_present(self, event: Button.Pressed) -> None:
        event.stop()
        today = dt.date.today()
        self.post_message(PlanChange(lambda plan: with_signature_lines(plan, today), "added the sign-off lines"))

    @on(Button.Pressed, "#finalize")
    def _finalize(self, event: Button.Pressed) -> None:
        event.stop()
        self.screen.action_finalize()

    @on(Button.Pressed, "#continue-later")
    def _continue_later(self, event: Button.Pressed) -> None:
        event.stop()
        self.screen.action_continue_later()

    def _section_titles(self) -> dict[str, str]:
        session = getattr(self.screen, "session", None)
        agenda = getattr(session, "agenda", None)
        return {s.id: s.title for s in agenda.sections} if agenda is not None else {}

    def show_details(self, plan: Plan) -> None:
        titles = self._section_titles()
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
        session = getattr(self.screen, "session", None)
        if session is None:
            return
        findings = session.findings
        count = self.query_one("#checklist-count", Label)
        final = plan.status is Status.FINAL
        count.update(f"✓ Final since {plan.sign_off.finalized}." if final else counts_text(findings))
        count.set_class(any(f.required for f in findings) and not final, "-open")
        view = self.query_one(ChecklistView)
        view.show(findings, session.sections)
        view.display = bool(findings)
        follow_up = self.query_one("#follow-up", Label)
        follow_up.update(follow_up_text(plan))
        follow_up.display = bool(follow_up_text(plan))
        self.query_one("#finish").display = not final
