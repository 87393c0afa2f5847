"""Dates and consistency: the plan period, dates the law puts in order, the review
and re-evaluation deadlines, and what next year's plan carried over unreviewed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from iep_meeting.model import dates, next_year
from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet
from iep_meeting.model.findings import Finding, Path
from iep_meeting.model.plan import MeetingKind, Plan
from iep_meeting.model.rules import Profile

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


# Each cites the paragraph that puts its date in order.
DATES_IN_ORDER = Finds("dates-in-order", REQUIRED, CFR + "300.324(b)(1)(i)")


@rules.rule(reads=("meeting", "period", "team"), finds=(DATES_IN_ORDER,))
def dates_in_order(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Dates that cannot come after (or before) the meeting that writes the plan:
    each is a typing slip or a step taken in the wrong order."""
    day = plan.meeting.date
    if day is None:
        return  # "meeting-date" asks for it first
    meeting = plan.meeting
    earlier: list[tuple[Path, dt.date | None, str, str]] = [
        (("meeting", "previous_iep_date"), meeting.previous_iep_date, "The previous IEP", "300.324(b)(1)(i)"),
        (("meeting", "last_evaluation_date"), meeting.last_evaluation_date, "The last evaluation", "300.303(b)(2)"),
    ]
    for index, member in enumerate(plan.team):
        who = member.name.strip() or f"Team member {index + 1}"
        earlier += [
            (
                ("team", index, "excusal_consent_date"),
                member.excusal_consent_date,
                f"The parent's written agreement to excuse {who}",
                "300.321(e)(1)",
            ),
            (
                ("team", index, "excusal_school_agreed"),
                member.excusal_school_agreed,
                f"The district's written agreement to excuse {who}",
                "300.321(e)(1)",
            ),
            (
                ("team", index, "written_input_date"),
                member.written_input_date,
                f"{who}'s written input",
                "300.321(e)(2)(ii)",
            ),
        ]
    for path, date, what, citation in earlier:
        if date is not None and date > day:
            yield DATES_IN_ORDER.at(
                path,
                f"{what} is dated {date}, after this meeting ({day}): it must come before it.",
                citation=CFR + citation,
            )
    if plan.period.start < day and meeting.kind is not MeetingKind.AMENDMENT:
        yield DATES_IN_ORDER.at(
            ("period", "start"),
            f"The plan starts on {plan.period.start}, before the meeting that writes it ({day}).",
            citation=CFR + "300.323(c)",
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
