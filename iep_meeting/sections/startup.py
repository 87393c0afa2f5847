"""Start-up: who is here and in what role, how the meeting will run, when it ends."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Label

from ..model.plan import (
    Attendance,
    ContactAttempt,
    ContactMethod,
    Excusal,
    Role,
    TeamMember,
)
from ..widgets.fields import BoundField, FieldSpec, Kind, choices_of
from ..widgets.records import ListSpec, RecordList
from .base import SectionEditor

ROLE_LABELS = {
    Role.PARENT: "parent or guardian",
    Role.REGULAR_EDUCATION_TEACHER: "general education teacher",
    Role.SPECIAL_EDUCATION_TEACHER: "special education teacher or provider",
    Role.DISTRICT_REPRESENTATIVE: "district representative (can commit resources)",
    Role.EVALUATION_INTERPRETER: "explains evaluation results",
    Role.TRANSITION_AGENCY: "transition agency representative",
    Role.INTERPRETER: "language interpreter",
}
ATTENDANCE_LABELS = {
    Attendance.INVITED: "invited (not known yet)",
    Attendance.IN_PERSON: "here in person",
    Attendance.REMOTE: "by phone or video",
    Attendance.EXCUSED: "excused in writing",
    Attendance.ABSENT: "absent",
}
EXCUSAL_LABELS = {
    Excusal.NOT_DISCUSSED: "their area is not discussed; parent and district agreed in writing",
    Excusal.WRITTEN_INPUT: "their area is discussed; parent consented in writing and they sent written input",
}

CONTACT_ATTEMPTS = ListSpec(
    name="contact_attempts",
    title="Attempts to reach this parent (for a meeting held without them)",
    noun="contact attempt",
    fields=(
        FieldSpec(name="date", label="Date", kind=Kind.DATE),
        FieldSpec(name="method", label="How", kind=Kind.CHOICE, choices=choices_of(ContactMethod), optional=False),
        FieldSpec(name="result", label="What happened", placeholder="left a voicemail, letter returned, ..."),
    ),
    summarize=lambda a: f"{a.date} {a.method.value.replace('-', ' ')}: {a.result}",
    make_item=lambda plan: ContactAttempt(date=dt.date.today(), method=ContactMethod.PHONE),
)

TEAM_FIELDS = (
    FieldSpec(name="name", label="Name"),
    FieldSpec(name="role", label="Role on the team", kind=Kind.CHOICE, choices=choices_of(Role, ROLE_LABELS), optional=False),
    FieldSpec(name="title", label="Title or relationship", placeholder="7th grade math teacher, grandmother, ..."),
    FieldSpec(name="attendance", label="Attendance", kind=Kind.CHOICE, choices=choices_of(Attendance, ATTENDANCE_LABELS), optional=False),
    FieldSpec(
        name="excusal",
        label="Excusal (a required member who is not here)",
        kind=Kind.CHOICE,
        choices=choices_of(Excusal, EXCUSAL_LABELS),
    ),
    FieldSpec(name="excusal_consent_date", label="Date of the parent's written consent to the excusal", kind=Kind.DATE),
    FieldSpec(name="written_input", label="Written input the excused member sent", kind=Kind.LONG_TEXT),
    CONTACT_ATTEMPTS,
)


def summarize_member(member: TeamMember) -> str:
    role = ROLE_LABELS.get(member.role, member.role.value.replace("-", " "))
    return f"{member.name or '(no name)'} — {role} — {ATTENDANCE_LABELS[member.attendance]}"


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
        yield BoundField(FieldSpec(name="facilitator", label="Facilitator (runs the meeting)"), ("facilitation", "facilitator"))
        yield BoundField(
            FieldSpec(name="note_taker", label="Note-taker (not the facilitator)"), ("facilitation", "note_taker")
        )
        yield BoundField(FieldSpec(name="timekeeper", label="Timekeeper"), ("facilitation", "timekeeper"))
        yield BoundField(
            FieldSpec(name="planned_end", label="Planned end time", kind=Kind.TIME, help="Said out loud at the start."),
            ("meeting", "planned_end"),
        )
        yield BoundField(
            FieldSpec(
                name="desired_outcomes",
                label="Desired outcomes: what the team hopes to leave with (one per line)",
                kind=Kind.LINES,
            ),
            ("facilitation", "desired_outcomes"),
        )
        yield BoundField(
            FieldSpec(name="norms", label="Ground rules the team agreed (one per line)", kind=Kind.LINES),
            ("facilitation", "norms"),
        )
        yield BoundField(
            FieldSpec(name="decision_making", label="How the team will make decisions", kind=Kind.LONG_TEXT),
            ("facilitation", "decision_making"),
        )
        yield Label("Interpreter", classes="group-title")
        yield BoundField(
            FieldSpec(name="interpreter_needed", label="The family needs an interpreter", kind=Kind.FLAG),
            ("meeting", "interpreter_needed"),
        )
        yield BoundField(
            FieldSpec(name="interpreter", label="Interpreter (name and language)"), ("meeting", "interpreter")
        )
