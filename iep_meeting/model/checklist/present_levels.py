"""Present levels: where the student is now, the family's concerns, the latest
evaluation, and last year's goals (34 CFR 300.320(a)(1), 300.324(a)(1), (b)(1))."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank
from iep_meeting.model.concerns import unanswered
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import MeetingKind, Plan
from iep_meeting.model.rules import Profile

rules = RuleSet()

AREAS = Finds("present-levels-areas", REQUIRED, CFR + "300.320(a)(1)")
IMPACT = Finds("present-levels-impact", REQUIRED, CFR + "300.320(a)(1)(i)")
BASELINE = Finds("present-levels-baseline", RECOMMENDED, CFR + "300.320(a)(1)")
STRENGTHS = Finds("present-levels-strengths", REQUIRED, CFR + "300.324(a)(1)(i)")


@rules.rule(reads=("present_levels",), finds=(AREAS, IMPACT, BASELINE, STRENGTHS))
def present_level_areas(plan: Plan, profile: Profile) -> Iterator[Finding]:
    levels = plan.present_levels
    if not levels.areas:
        yield AREAS.at(
            ("present_levels", "areas"),
            "Present levels: describe where the student is now, in at least one area (school work or everyday skills).",
        )
        return
    # IDEA asks for one statement of how the disability affects involvement and
    # progress in the general curriculum; one per area is a state-form practice
    # (a profile can require it: `present_levels.areas.impact`).
    stated = any(not blank(area.impact) for area in levels.areas)
    for index, area in enumerate(levels.areas):
        name = area.area.strip() or f"area {index + 1}"
        if not stated and index == 0:
            yield IMPACT.at(
                ("present_levels", "areas", 0, "impact"),
                "Present levels: say how the disability affects the student's involvement and "
                "progress in the general curriculum (what all students learn).",
            )
        elif stated and blank(area.impact):
            yield IMPACT.at(
                ("present_levels", "areas", index, "impact"),
                f"Present levels, {name}: you may also say how the disability affects this area.",
                severity=RECOMMENDED,
            )
        if blank(area.baseline):
            yield BASELINE.at(
                ("present_levels", "areas", index, "baseline"),
                f"Present levels, {name}: add current data (what the student does now), so goals can start from it.",
            )
    if all(blank(area.strengths) for area in levels.areas):
        yield STRENGTHS.at(
            ("present_levels", "areas", 0, "strengths"), "Present levels: write down the student's strengths."
        )


PARENT_CONCERNS = Finds("parent-concerns", REQUIRED, CFR + "300.324(a)(1)(ii)")


@rules.rule(reads=("present_levels",), finds=(PARENT_CONCERNS,))
def parent_concerns(plan: Plan, profile: Profile) -> Iterator[Finding]:
    # The concerns the family raised, each in their words, record them as well as the team's summary.
    levels = plan.present_levels
    if blank(levels.parent_concerns) and not any(not blank(concern.text) for concern in levels.concerns):
        yield PARENT_CONCERNS.at(
            ("present_levels", "parent_concerns"),
            "Write down the family's concerns for the student's education, in their words.",
        )


# Each concern the family raised should lead somewhere the family can see: a goal, a
# service, an accommodation, a decision (a refusal too, with its notice) or a topic
# taken up later. IDEA asks the team to consider the parents' concerns; that each one
# is answered is good practice (advice), named in the family's own words.
CONCERN_ANSWERED = Finds("concern-answered", RECOMMENDED, CFR + "300.324(a)(1)(ii)")
QUOTED_WORDS = 15  # of a concern, in the finding: enough to know it, short enough for one line


@rules.rule(
    reads=("present_levels", "goals", "services", "accommodations", "decisions", "parking_lot"),
    finds=(CONCERN_ANSWERED,),
)
def concern_answered(plan: Plan, profile: Profile) -> Iterator[Finding]:
    for index, concern in unanswered(plan):
        words = concern.text.split()
        quoted = " ".join(words[:QUOTED_WORDS]) + ("…" if len(words) > QUOTED_WORDS else "")
        yield CONCERN_ANSWERED.at(
            ("present_levels", "concerns", index, "answered_by"),
            f"The family's concern \u201c{quoted}\u201d has no answer yet: link it to the goal, service, "
            "accommodation, decision or parking-lot topic that answers it.",
        )


# Required for a first IEP, which is built on the evaluation; advice at a review.
EVALUATION_SUMMARY = Finds("evaluation-summary", RECOMMENDED, CFR + "300.324(a)(1)(iii)")


@rules.rule(reads=("present_levels", "meeting"), finds=(EVALUATION_SUMMARY,))
def evaluation_summary(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if blank(plan.present_levels.evaluation_summary):
        initial = plan.meeting.kind is MeetingKind.INITIAL
        yield EVALUATION_SUMMARY.at(
            ("present_levels", "evaluation_summary"),
            "Summarize the results of the most recent evaluation.",
            severity=REQUIRED if initial else None,
        )


# Required for each listed goal; the list itself is advice (the app does not see the previous IEP).
PREVIOUS_GOAL_PROGRESS = Finds("previous-goal-progress", REQUIRED, CFR + "300.324(b)(1)(ii)(A)")
PREVIOUS_GOAL_EVIDENCE = Finds("previous-goal-evidence", RECOMMENDED, CFR + "300.320(a)(3)(ii)")


@rules.rule(reads=("present_levels", "meeting"), finds=(PREVIOUS_GOAL_PROGRESS, PREVIOUS_GOAL_EVIDENCE))
def previous_goal_progress(plan: Plan, profile: Profile) -> Iterator[Finding]:
    previous = plan.present_levels.previous_goals
    if not previous and plan.meeting.previous_iep_date is not None and plan.meeting.kind is not MeetingKind.AMENDMENT:
        yield PREVIOUS_GOAL_PROGRESS.at(
            ("present_levels", "previous_goals"),
            f"There was an IEP on {plan.meeting.previous_iep_date}: list its goals and the progress made on each.",
            severity=RECOMMENDED,
        )
    for index, goal in enumerate(previous):
        # Named by its words, not its id: the team never typed "previous-goal-2".
        about = " ".join(goal.statement.split()[:6])
        name = f"Last year's goal {index + 1}" + (f" (\u201c{about}…\u201d)" if about else "")
        if goal.progress is None:
            yield PREVIOUS_GOAL_PROGRESS.at(
                ("present_levels", "previous_goals", index, "progress"),
                f"{name}: record whether it was met, is progressing or was not met.",
            )
        elif blank(goal.evidence):
            yield PREVIOUS_GOAL_EVIDENCE.at(
                ("present_levels", "previous_goals", index, "evidence"),
                f"{name}: note the data that shows the progress.",
            )
