"""Start-up: who is here and in what role, the meeting, how it will run, and
the student's details the plan holds."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from iep_meeting.model.plan import (
    Attendance,
    ContactAttempt,
    ContactMethod,
    Excusal,
    Guardian,
    InterpreterStatus,
    Plan,
    Role,
    TeamMember,
)
from iep_meeting.model.records import new_team_member
from iep_meeting.tui.sections.base import SectionEditor, meeting_day
from iep_meeting.tui.widgets.family_input import FamilyTopicsPanel
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
        FieldSpec(name="result", label="What happened", placeholder="e.g. left a voicemail, letter returned"),
    ),
    summarize=lambda a: f"{a.date} {label(a.method)}: {a.result}",
    make_item=lambda plan: ContactAttempt(date=meeting_day(plan), method=ContactMethod.PHONE),
    shown_when=lambda member: member.role is Role.PARENT,
)


def _excused(member: TeamMember) -> bool:
    return member.attendance is Attendance.EXCUSED


TEAM_FIELDS = (
    FieldSpec(name="name", label="Name"),
    FieldSpec(name="role", label="Role on the team", kind=Kind.CHOICE, choices=choices(Role), optional=False),
    FieldSpec(name="title", label="Title or relationship", placeholder="e.g. 7th grade math teacher, grandmother"),
    # How the family reaches a staff member: the case manager's are on the family's copy.
    FieldSpec(name="phone", label="Phone (for the family)", shown_when=lambda member: member.role is not Role.STUDENT),
    FieldSpec(name="email", label="Email (for the family)", shown_when=lambda member: member.role is not Role.STUDENT),
    FieldSpec(
        name="attendance",
        label="Attendance (one key each)",
        kind=Kind.CHOICE,
        choices=choices(Attendance),
        inline=True,
        optional=False,
    ),
    FieldSpec(
        name="present_from",
        label="Here for part of the meeting: from (HH:MM; blank: from the start)",
        kind=Kind.TIME,
        shown_when=lambda member: member.at_meeting,
    ),
    FieldSpec(
        name="present_until",
        label="… until (HH:MM; blank: to the end)",
        kind=Kind.TIME,
        shown_when=lambda member: member.at_meeting,
    ),
    FieldSpec(
        name="excusal",
        label="Excusal (a required member who is not here)",
        kind=Kind.CHOICE,
        choices=choices(Excusal),
        shown_when=_excused,
    ),
    FieldSpec(
        name="excusal_consent_date",
        label="Date of the parent's written agreement to the excusal",
        kind=Kind.DATE,
        shown_when=_excused,
    ),
    FieldSpec(
        name="excusal_school_agreed",
        label="Date of the district's written agreement to the excusal",
        kind=Kind.DATE,
        shown_when=_excused,
    ),
    FieldSpec(
        name="written_input",
        label="Written input the excused member sent",
        kind=Kind.LONG_TEXT,
        shown_when=lambda member: member.excusal is Excusal.WRITTEN_INPUT,
    ),
    FieldSpec(
        name="written_input_date",
        label="Date the written input was submitted",
        kind=Kind.DATE,
        shown_when=lambda member: member.excusal is Excusal.WRITTEN_INPUT,
    ),
    CONTACT_ATTEMPTS,
)

GUARDIAN_FIELDS = (
    FieldSpec(name="name", label="Name"),
    FieldSpec(name="relationship", label="Relationship", placeholder="e.g. mother, grandfather, foster parent"),
    FieldSpec(name="language", label="Language (when not the home language)", placeholder="e.g. Spanish"),
    FieldSpec(name="phone", label="Phone"),
    FieldSpec(name="email", label="Email"),
)


def summarize_member(member: TeamMember) -> str:
    return f"{member.name or '(no name)'} — {label(member.role)} — {label(member.attendance)}"


def summarize_guardian(guardian: Guardian) -> str:
    parts = [guardian.name or "(no name)", guardian.relationship, guardian.language]
    return " — ".join(part for part in parts if part)


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
            lambda plan: new_team_member(),
            "team member",
        )
        yield Label("The meeting", classes="group-title")
        yield field_at(("meeting", "date"), "Date of this meeting", kind=Kind.DATE)
        yield field_at(("meeting", "start_time"), "Starts at", kind=Kind.TIME)
        yield field_at(
            ("meeting", "planned_end"), "Planned end time", kind=Kind.TIME, help="Said out loud at the start."
        )
        yield field_at(("meeting", "place"), "Where", placeholder="e.g. room 114, or a video call")
        yield field_at(
            ("meeting", "interpreter_status"),
            "Interpreter for the family",
            kind=Kind.CHOICE,
            choices=choices(InterpreterStatus),
            inline=True,
        )
        yield field_at(("meeting", "interpreter"), "Interpreter (name and language)")
        yield Label("Facilitation", classes="group-title")
        yield field_at(("facilitation", "facilitator"), "Facilitator (runs the meeting)")
        yield field_at(("facilitation", "note_taker"), "Note-taker (not the facilitator)")
        yield field_at(("facilitation", "timekeeper"), "Timekeeper")
        yield field_at(
            ("facilitation", "desired_outcomes"),
            "Desired outcomes: what the team hopes to leave with (one per line)",
            kind=Kind.LINES,
        )
        yield field_at(("facilitation", "norms"), "Ground rules the team agreed (one per line)", kind=Kind.LINES)
        yield field_at(("facilitation", "decision_making"), "How the team will make decisions", kind=Kind.LONG_TEXT)
        yield FamilyTopicsPanel(id="family-topics-panel")
        yield Label("The student", classes="group-title")
        yield field_at(("student", "name"), "Name")
        yield field_at(
            ("student", "date_of_birth"),
            "Date of birth",
            kind=Kind.DATE,
            help="The transition and transfer-of-rights dates are worked out from it.",
        )
        yield field_at(("student", "grade"), "Grade", placeholder="e.g. 7, K, pre-K")
        yield field_at(("student", "school"), "School")
        yield field_at(("student", "id"), "District student id")
        yield field_at(
            ("student", "eligibility"),
            "Eligibility category (not a diagnosis)",
            placeholder="e.g. specific learning disability",
        )
        yield field_at(("student", "home_language"), "Home language")
        yield field_at(("student", "case_manager"), "Case manager (coordinates the IEP)")
        yield RecordList(
            "Parents and guardians",
            ("student", "guardians"),
            GUARDIAN_FIELDS,
            summarize_guardian,
            lambda plan: Guardian(name=""),
            "guardian",
        )
        yield Label("Plan period and earlier dates", classes="group-title")
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

    def show_details(self, plan: Plan) -> None:
        self.query_one(FamilyTopicsPanel).show(plan)  # the family's own topics for the agenda
