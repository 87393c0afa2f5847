"""Team and attendance: the members IDEA requires or their written excusals, the
parent's participation, and an interpreter for the family (34 CFR 300.321, 300.322)."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Attendance, Excusal, InterpreterStatus, Plan, Role, TeamMember
from iep_meeting.model.rules import Profile
from iep_meeting.words.labels import ROLE_NEEDED

rules = RuleSet()

REQUIRED_ROLES = {
    Role.REGULAR_EDUCATION_TEACHER: CFR + "300.321(a)(2)",
    Role.SPECIAL_EDUCATION_TEACHER: CFR + "300.321(a)(3)",
    Role.DISTRICT_REPRESENTATIVE: CFR + "300.321(a)(4)",
    Role.EVALUATION_INTERPRETER: CFR + "300.321(a)(5)",
}

# Each cites the paragraph of the role (300.321(a)(2)-(5)); an absence, 300.321(e).
TEAM_ROLE = Finds("team-role", REQUIRED, CFR + "300.321(a)")
TEAM_ATTENDANCE = Finds("team-attendance", REQUIRED, CFR + "300.321(a)")
TEAM_EXCUSAL = Finds("team-excusal", REQUIRED, CFR + "300.321(e)")


@rules.rule(reads=("team", "lre"), finds=(TEAM_ROLE, TEAM_ATTENDANCE, TEAM_EXCUSAL))
def team_roles(plan: Plan, profile: Profile) -> Iterator[Finding]:
    for role, citation in REQUIRED_ROLES.items():
        words = ROLE_NEEDED[role.value]
        if role is Role.REGULAR_EDUCATION_TEACHER and plan.lre.general_education_percent == 0:
            continue  # only "if the child is, or may be, participating in the regular education environment"
        members = [(i, m) for i, m in enumerate(plan.team) if m.role is role]
        if not members:
            yield TEAM_ROLE.at(("team",), f"The team needs {words}.", citation=citation)
            continue
        if any(m.at_meeting for _, m in members):
            continue
        index, member = next(((i, m) for i, m in members if m.attendance is Attendance.EXCUSED), members[0])
        who = member.name.strip() or words
        if member.attendance is Attendance.INVITED:
            yield TEAM_ATTENDANCE.at(
                ("team", index, "attendance"), f"Record whether {who} ({words}) is here.", citation=citation
            )
        elif member.attendance is Attendance.ABSENT:
            yield TEAM_ROLE.at(
                ("team", index, "attendance"),
                f"{who} ({words}) is absent without a written excusal; excuse them in writing "
                "or hold the meeting when they can attend.",
                citation=CFR + "300.321(e)",
            )
        else:
            yield from _excusal_findings(index, member, who)


def _excusal_findings(index: int, member: TeamMember, who: str) -> Iterator[Finding]:
    if member.excusal is None:
        yield TEAM_EXCUSAL.at(("team", index, "excusal"), f"{who} is excused: say which kind of written excusal it is.")
        return
    # The parent and the district both agree to an excusal, each in writing.
    paragraph = "300.321(e)(2)(i)" if member.excusal is Excusal.WRITTEN_INPUT else "300.321(e)(1)"
    missing = [
        (name, words, paragraph)
        for name, words in (
            ("excusal_consent_date", "the date of the parent's written agreement"),
            ("excusal_school_agreed", "the date the district agreed to the excusal in writing"),
        )
        if getattr(member, name) is None
    ]
    if member.excusal is Excusal.WRITTEN_INPUT and blank(member.written_input):
        missing.append(("written_input", "the written input they sent before the meeting", "300.321(e)(2)"))
    for name, words, citation in missing:
        yield TEAM_EXCUSAL.at(("team", index, name), f"{who} is excused: record {words}.", citation=CFR + citation)


# None recorded blocks; attempts on fewer than two days are advice (the law sets no number).
PARENT_PARTICIPATION = Finds("parent-participation", REQUIRED, CFR + "300.322(d)")


@rules.rule(reads=("team",), finds=(PARENT_PARTICIPATION,))
def parent_participation(plan: Plan, profile: Profile) -> Iterator[Finding]:
    parents = [(i, m) for i, m in enumerate(plan.team) if m.role is Role.PARENT]
    if not parents:
        yield PARENT_PARTICIPATION.at(
            ("team",), "Add the student's parent or guardian to the team.", citation=CFR + "300.322(a)"
        )
        return
    if any(m.at_meeting for _, m in parents):
        return
    # The law asks for a record of the attempts to agree on a time and place; it
    # sets no number. None recorded blocks; one is advice to try (and record) again.
    attempt_days = {a.date for _, m in parents for a in m.contact_attempts}
    if len(attempt_days) < 2:
        index = parents[0][0]
        yield PARENT_PARTICIPATION.at(
            ("team", index, "contact_attempts"),
            "No parent is here: record the attempts to involve them (calls, letters, visits), "
            "on different days, or meet when they can come.",
            severity=RECOMMENDED if attempt_days else REQUIRED,
        )


def family_language(plan: Plan) -> str | None:
    """The family's language when it is not English, else None."""
    for language in (plan.student.home_language, *(g.language for g in plan.student.guardians)):
        if language.strip() and language.strip().lower() != "english":
            return language.strip()
    return None


# "Not needed" for a family whose language is not English is the team's answer: a reminder.
INTERPRETER = Finds("interpreter", REQUIRED, CFR + "300.322(e)")


@rules.rule(reads=("meeting", "student", "team"), finds=(INTERPRETER,))
def interpreter(plan: Plan, profile: Profile) -> Iterator[Finding]:
    language = family_language(plan)
    status = plan.meeting.interpreter_status
    if status is InterpreterStatus.DECLINED or (language is None and status in (None, InterpreterStatus.NOT_NEEDED)):
        return
    if status is InterpreterStatus.NOT_NEEDED:  # the team's answer; worth a second look
        yield INTERPRETER.at(
            ("meeting", "interpreter_status"),
            f"The family's language is {language} and no interpreter is recorded as needed: "
            "make sure the family follows the meeting.",
            severity=RECOMMENDED,
        )
        return
    if status is None:
        yield INTERPRETER.at(
            ("meeting", "interpreter_status"),
            f"The family's language is {language}: record whether they have an interpreter (or declined one).",
        )
        return
    has_one = not blank(plan.meeting.interpreter) or any(m.role is Role.INTERPRETER and m.at_meeting for m in plan.team)
    if not has_one:
        because = f"the family's language is {language}" if language else "the family needs one"
        yield INTERPRETER.at(("meeting", "interpreter"), f"Record the interpreter for this meeting: {because}.")
