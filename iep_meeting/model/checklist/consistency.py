"""Dates and consistency: the plan period, the dates the law puts in order around
the meeting and the services (consents, excusal agreements, contact attempts,
evaluations, notices, the copy, finalizing), the review and re-evaluation
deadlines, and what next year's plan carried over unreviewed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from iep_meeting.model import dates, next_year
from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, with_state_rule
from iep_meeting.model.findings import Finding, Path, Severity
from iep_meeting.model.plan import Excusal, MeetingKind, Plan, Role
from iep_meeting.model.rules import FEDERAL, Profile

rules = RuleSet()

# Longer than a year is required; a short plan (not an amendment) is advice.
PERIOD_LENGTH = Finds("period-length", REQUIRED, CFR + "300.324(b)(1)(i)")
MEETING_DATE = Finds("meeting-date", REQUIRED, CFR + "300.324(b)(1)(i)")


@rules.rule(reads=("period", "meeting"), finds=(PERIOD_LENGTH, MEETING_DATE))
def period(plan: Plan, profile: Profile) -> Iterator[Finding]:
    start, end = plan.period.start, plan.period.end
    if end < start:
        return  # integrity_findings reports it
    if end > dates.plan_end(start):
        yield PERIOD_LENGTH.at(
            ("period", "end"),
            f"The plan runs from {start} to {end}, more than a year: an IEP is reviewed at least once a year.",
        )
    elif (end - start).days < 300 and plan.meeting.kind is not MeetingKind.AMENDMENT:
        yield PERIOD_LENGTH.at(
            ("period", "end"),
            f"The plan runs only from {start} to {end}; an IEP usually covers a year.",
            severity=RECOMMENDED,
        )
    if plan.meeting.date is None:
        yield MEETING_DATE.at(("meeting", "date"), "Record the date of the meeting.")


# Each cites the paragraph that states the duty which puts its date in order.
DATES_IN_ORDER = Finds("dates-in-order", REQUIRED, CFR + "300.324(b)(1)(i)")

# A date that must be on or before the meeting, or on or after it: (plan path, date, what, citation, severity).
Dated = tuple[Path, dt.date | None, str, str, Severity]


def _before_the_meeting(plan: Plan, profile: Profile) -> Iterator[Dated]:
    """What the meeting builds on, or what the IEP written at it states has happened."""
    meeting, transition = plan.meeting, plan.transition
    yield (
        ("meeting", "previous_iep_date"),
        meeting.previous_iep_date,
        "The previous IEP",
        CFR + "300.324(b)(1)(i)",
        REQUIRED,
    )
    # The team considers the results of the most recent evaluation in developing the IEP.
    yield (
        ("meeting", "last_evaluation_date"),
        meeting.last_evaluation_date,
        "The last evaluation",
        CFR + "300.324(a)(1)(iii)",
        REQUIRED,
    )
    parent_here = any(m.role is Role.PARENT and m.at_meeting for m in plan.team)
    for index, member in enumerate(plan.team):
        who = member.name.strip() or f"Team member {index + 1}"
        # The two agreements to an excusal are (e)(1)'s, or (e)(2)(i)'s when the member sends written input.
        agreement = CFR + ("300.321(e)(2)(i)" if member.excusal is Excusal.WRITTEN_INPUT else "300.321(e)(1)")
        yield (
            ("team", index, "excusal_consent_date"),
            member.excusal_consent_date,
            f"The parent's written agreement to excuse {who}",
            agreement,
            REQUIRED,
        )
        yield (
            ("team", index, "excusal_school_agreed"),
            member.excusal_school_agreed,
            f"The district's written agreement to excuse {who}",
            agreement,
            REQUIRED,
        )
        yield (
            ("team", index, "written_input_date"),
            member.written_input_date,
            f"{who}'s written input",
            CFR + "300.321(e)(2)(ii)",
            REQUIRED,
        )
        # Attempts to agree on the meeting's time and place: the record that matters when no parent came.
        for number, attempt in enumerate(member.contact_attempts):
            yield (
                ("team", index, "contact_attempts", number, "date"),
                attempt.date,
                f"An attempt to involve {who}",
                CFR + "300.322(d)",
                RECOMMENDED if parent_here else REQUIRED,
            )
    # "The IEP must include a statement that the child has been informed".
    told = with_state_rule(CFR + "300.320(c)", profile.majority.cite, FEDERAL.majority.cite)
    yield (
        ("transition", "rights_transfer_informed"),
        transition.rights_transfer_informed,
        "Telling the student which rights transfer",
        told,
        REQUIRED,
    )
    yield (
        ("transition", "guardianship_informed"),
        transition.guardianship_informed,
        "The information on guardianship",
        profile.majority.cite,
        REQUIRED,
    )


def _consent_citation(plan: Plan, profile: Profile) -> tuple[str, Severity]:
    """The rule that asks for consent to this plan, and how much it matters."""
    if plan.meeting.kind is MeetingKind.INITIAL:
        return CFR + "300.300(b)(1)", REQUIRED
    return (profile.consent.cite, REQUIRED) if profile.consent.every_iep else ("", RECOMMENDED)


def _after_the_meeting(plan: Plan, profile: Profile) -> Iterator[Dated]:
    """What can only follow the IEP the meeting writes."""
    sign_off = plan.sign_off
    consent, severity = _consent_citation(plan, profile)
    yield (
        ("sign_off", "parent_consent_date"),
        sign_off.parent_consent_date,
        "The parent's consent to this IEP",
        consent,
        severity,
    )
    yield (
        ("sign_off", "student_consent_date"),
        sign_off.student_consent_date,
        "The student's consent to this IEP",
        consent,
        severity,
    )
    for index, copy in enumerate(plan.family_copies):
        yield ("family_copies", index, "date"), copy.date, "The family's copy of this IEP", CFR + "300.322(f)", REQUIRED
    # Parents take part in the meeting that decides the IEP: a plan final before it was decided without them.
    yield ("sign_off", "finalized"), sign_off.finalized, "Finalizing this IEP", CFR + "300.501(b)(1)", REQUIRED


def _before_the_services(plan: Plan, profile: Profile) -> Iterator[Dated]:
    """What the services of this plan must wait for."""
    sign_off = plan.sign_off
    consent, severity = _consent_citation(plan, profile)
    yield ("sign_off", "parent_consent_date"), sign_off.parent_consent_date, "The parent's consent", consent, severity
    yield (
        ("sign_off", "student_consent_date"),
        sign_off.student_consent_date,
        "The student's consent",
        consent,
        severity,
    )
    yield ("sign_off", "finalized"), sign_off.finalized, "Finalizing this IEP", CFR + "300.323(c)", REQUIRED


@rules.rule(
    reads=("meeting", "period", "team", "transition", "sign_off", "family_copies", "services"),
    finds=(DATES_IN_ORDER,),
)
def dates_in_order(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Dates the law puts in order around the meeting that writes the plan and the
    services it starts: each out of order is a typing slip or a step taken in the
    wrong order."""
    day = plan.meeting.date
    if day is None:
        return  # "meeting-date" asks for it first
    for path, date, what, citation, severity in _before_the_meeting(plan, profile):
        if date is not None and date > day:
            yield DATES_IN_ORDER.at(
                path,
                f"{what} is dated {date}, after this meeting ({day}): it must come before it.",
                severity=severity,
                citation=citation,
            )
    for path, date, what, citation, severity in _after_the_meeting(plan, profile):
        if date is not None and date < day:
            yield DATES_IN_ORDER.at(
                path,
                f"{what} is dated {date}, before the meeting that writes it ({day}).",
                severity=severity,
                citation=citation,
            )
    if plan.period.start < day and plan.meeting.kind is not MeetingKind.AMENDMENT:
        yield DATES_IN_ORDER.at(
            ("period", "start"),
            f"The plan starts on {plan.period.start}, before the meeting that writes it ({day}).",
            citation=CFR + "300.323(c)",
        )
    starts = [(index, s.start) for index, s in enumerate(plan.services) if s.start is not None]
    if not starts:
        return
    first, start = min(starts, key=lambda pair: pair[1])
    for path, date, what, citation, severity in _before_the_services(plan, profile):
        if date is not None and citation and date > start:
            yield DATES_IN_ORDER.at(
                path,
                f"{what} is dated {date}, after service {first + 1} starts ({start}): the services wait for it.",
                severity=severity,
                citation=citation,
            )


# Advice: the deadline has passed, and no edit to this plan can fix it.
ANNUAL_REVIEW_LATE = Finds("annual-review-late", RECOMMENDED, CFR + "300.324(b)(1)(i)")
REEVALUATION_DUE = Finds("reevaluation-due", RECOMMENDED, CFR + "300.303(b)(2)")


@rules.rule(reads=("meeting",), finds=(ANNUAL_REVIEW_LATE, REEVALUATION_DUE))
def review_due(plan: Plan, profile: Profile) -> Iterator[Finding]:
    meeting = plan.meeting
    on = meeting.date or dt.date.today()
    if meeting.previous_iep_date and meeting.kind is not MeetingKind.AMENDMENT:
        due = dates.annual_review_due(meeting.previous_iep_date)
        if on > due:
            yield ANNUAL_REVIEW_LATE.at(
                ("meeting", "previous_iep_date"),
                f"This review is late: the previous IEP ({meeting.previous_iep_date}) was due for review by {due}.",
            )
    if meeting.last_evaluation_date and on > dates.reevaluation_due(meeting.last_evaluation_date):
        yield REEVALUATION_DUE.at(
            ("meeting", "last_evaluation_date"),
            f"The last evaluation ({meeting.last_evaluation_date}) is more than three years old: "
            "a re-evaluation is due.",
        )


CARRIED_REVIEWED = Finds("carried-reviewed", RECOMMENDED, CFR + "300.324(b)(1)")


# Reads the carried lists to name their records; a part carried as one is named by its key alone.
@rules.rule(reads=("follows", "present_levels", "services", "accommodations"), finds=(CARRIED_REVIEWED,))
def carried_reviewed(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """What next year's plan carried over from last year, and nobody has looked at since."""
    for entry in next_year.to_review(plan):
        path = next_year.finding_path(plan, entry)
        if not path:
            continue  # removed since (a hand-edited file): nothing left to review
        yield CARRIED_REVIEWED.at(
            path,
            f"Carried over from last year's plan as it was: {next_year.entry_words(plan, entry)}. "
            "Review it with the team: change it, or confirm it as it is.",
        )
