"""Goals: measurable annual goals, how progress is measured and reported, the
service time behind them, and objectives with the alternate assessment
(34 CFR 300.320(a)(2)-(4))."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank, goal_name
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import AssessmentParticipation, Plan
from iep_meeting.model.rules import Profile, weekly_minutes
from iep_meeting.words.phrases import listing

rules = RuleSet()

GOALS_PRESENT = Finds("goals-present", REQUIRED, CFR + "300.320(a)(2)(i)")


@rules.rule(reads=("goals",), finds=(GOALS_PRESENT,))
def goals_present(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if not plan.goals:
        yield GOALS_PRESENT.at(("goals",), "Write at least one measurable annual goal.")


MEASURABLE_PARTS = (
    ("statement", "the goal itself"),
    ("baseline", "where the student starts (baseline)"),
    ("target", "what counts as met (target)"),
)

MEASURABLE = Finds("goal-measurable", REQUIRED, CFR + "300.320(a)(2)(i)")
PROGRESS_MEASURE = Finds("goal-progress-measure", REQUIRED, CFR + "300.320(a)(3)(i)")
PROGRESS_REPORTING = Finds("goal-progress-reporting", REQUIRED, CFR + "300.320(a)(3)(ii)")


@rules.rule(reads=("goals",), finds=(MEASURABLE, PROGRESS_MEASURE, PROGRESS_REPORTING))
def goal_measurable(plan: Plan, profile: Profile) -> Iterator[Finding]:
    for index, goal in enumerate(plan.goals):
        missing = [(name, words) for name, words in MEASURABLE_PARTS if blank(getattr(goal, name))]
        if missing:
            yield MEASURABLE.at(
                ("goals", index, missing[0][0]),
                f"{goal_name(index, goal)} is not measurable yet: add {listing([words for _, words in missing])}.",
            )
        if blank(goal.measured_by):
            yield PROGRESS_MEASURE.at(
                ("goals", index, "measured_by"),
                f"{goal_name(index, goal)}: say how progress toward it will be measured.",
            )
        if blank(goal.reporting):
            yield PROGRESS_REPORTING.at(
                ("goals", index, "reporting"),
                f"{goal_name(index, goal)}: say when the family gets progress reports "
                "(for example each quarter, with report cards).",
            )


# Advice: IDEA counts the services' time (300.320(a)(7)), not minutes per goal.
MINUTES = Finds("goal-minutes", RECOMMENDED, CFR + "300.320(a)(4)")
SERVED = Finds("goal-served", RECOMMENDED, CFR + "300.320(a)(4)")


@rules.rule(reads=("goals", "services"), finds=(MINUTES, SERVED))
def goal_minutes(plan: Plan, profile: Profile) -> Iterator[Finding]:
    serving: dict[str, float] = {}
    for service in plan.services:
        for goal_id in service.goals:
            serving[goal_id] = serving.get(goal_id, 0) + (weekly_minutes(service) or 0)
    for index, goal in enumerate(plan.goals):
        if not goal.minutes_per_week:
            yield MINUTES.at(
                ("goals", index, "minutes_per_week"),
                f"{goal_name(index, goal)}: write the minimum minutes of service per week behind it.",
            )
        elif goal.id not in serving:
            yield SERVED.at(
                ("services",), f"{goal_name(index, goal)}: no service in the plan says it works on this goal."
            )
        elif serving[goal.id] + 0.5 < goal.minutes_per_week:
            yield SERVED.at(
                ("services",),
                f"{goal_name(index, goal)} needs {goal.minutes_per_week} minutes a week, but the "
                f"services for it add up to {round(serving[goal.id])}.",
            )


OBJECTIVES = Finds("goal-objectives", REQUIRED, CFR + "300.320(a)(2)(ii)")


@rules.rule(reads=("goals", "assessment"), finds=(OBJECTIVES,))
def goal_objectives(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if plan.assessment.participation is not AssessmentParticipation.ALTERNATE:
        return
    for index, goal in enumerate(plan.goals):
        if not goal.objectives:
            yield OBJECTIVES.at(
                ("goals", index, "objectives"),
                f"{goal_name(index, goal)}: the student takes the alternate assessment, so "
                "each goal needs short-term objectives.",
            )
