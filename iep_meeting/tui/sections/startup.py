"""Start-up: who is here and in what role, how the meeting will run, when it ends."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Label

from iep_meeting.model.plan import (
    Attendance,
    ContactAttempt,
    ContactMethod,
    Excusal,
    InterpreterStatus,
    Role,
    TeamMember,
)
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.widgets.fields import FieldSpec, Kind, field_at
from iep_meeting.tui.widgets.records import ListSpec, RecordList
from iep_meeting.words.labels import choices, label

CONTACT_ATTEMPTS = ListSpec(
    name="contact_attempts",
    title="Attempts to reach this parent (for a meeting held without them)",
    noun="contact attempt",
    fields=(
        FieldSpec(name="date", label="Date", kind=Kind.DATE),
        FieldSpec(name="method", label="How", kind=Kind.CHOICE, choices=choices(ContactMethod), optional=False),
        FieldSpec(name="result", label="What happened", placeholder="left a voicemail, letter returned, ..."),
    ),
    summarize=lambda a: f"{a.date} {label(a.method)}: {a.result}",
    make_item=lambda plan: ContactAttempt(date=dt.date.today(), method=ContactMethod.PHONE),
)

TEAM_FIELDS = (
    FieldSpec(name="name", label="Name"),
    FieldSpec(name="role", label="Role on the team", kind=Kind.CHOICE, choices=choices(Role), optional=False),
    FieldSpec(name="title", label="Title or relationship", placeholder="7th grade math teacher, grandmother, ..."),
    FieldSpec(name="attendance", label="Attendance", kind=Kind.CHOICE, choices=choices(Attendance), optional=False),
    FieldSpec(
        name="excusal",
        label="Excusal (a required member who is not here)",
        kind=Kind.CHOICE,
        choices=choices(Excusal),
    ),
    FieldSpec(name="excusal_consent_date", label="Date of the parent's written consent to the excusal", kind=Kind.DATE),
    FieldSpec(name="written_input", label="Written input the excused member sent", kind=Kind.LONG_TEXT),
    CONTACT_ATTEMPTS,
)


def summarize_member(member: TeamMember) -> str:
    return f"{member.name or '(no name)'} — {label(member.role)} — {label(member.attendance)}"


class StartUpEditor(SectionEditor):
    def compose(self) -> ComposeResult:
        yield Label(
            "Introductions and roles, what the team hopes to leave with, ground rules, and the end time.",
            classes="section-note",
            markup=False,
        )
        yield RecordList(
            "Team: who is here, and in what role",
            ("team",),
            TEAM_FIELDS,
            summarize_member,
            lambda plan: TeamMember(name="", role=Role.OTHER, attendance=Attendance.IN_PERSON),
            "team member",
        )
        yield Label("Facilitation", classes="group-title")
        yield field_at(("facilitation", "facilitator"), "Facilitator (runs the meeting)")
        yield field_at(("facilitation", "note_taker"), "Note-taker (not the facilitator)")
        yield field_at(("facilitation", "timekeeper"), "Timekeeper")
        yield field_at(
            ("meeting", "planned_end"),
            "Planned end time",
            kind=Kind.TIME,
            help="Said out loud at the start.",
        )
        yield field_at(
            ("facilitation", "desired_outcomes"),
            "Desired outcomes: what the team hopes to leave with (one per line)",
            kind=Kind.LINES,
        )
        yield field_at(
            ("facilitation", "norms"),
            "Ground rules the team agreed (one per line)",
            kind=Kind.LINES,
        )
        yield field_at(
            ("facilitation", "decision_making"),
            "How the team will make decisions",
            kind=Kind.LONG_TEXT,
        )
        yield Label("Meeting date and plan period", classes="group-title")
        yield field_at(("meeting", "date"), "Date of this meeting", kind=Kind.DATE)
        yield field_at(("period", "start"), "The plan starts (services begin)", kind=Kind.DATE, optional=False)
        yield field_at(
            ("period", "end"),
            "The plan ends (services end)",
            kind=Kind.DATE,
            optional=False,
            help="Usually one year less a day after the start; an IEP is reviewed at least once a year.",
        )
        yield field_at(("meeting", "previous_iep_date"), "Date of the previous IEP (if any)", kind=Kind.DATE)
        yield field_at(("meeting", "last_evaluation_date"), "Date of the last evaluation", kind=Kind.DATE)
        yield Label("Interpreter", classes="group-title")
        yield field_at(
            ("meeting", "interpreter_status"),
            "Interpreter for the family",
            kind=Kind.CHOICE,
            choices=choices(InterpreterStatus),
        )
        yield field_at(("meeting", "interpreter"), "Interpreter (name and language)")
