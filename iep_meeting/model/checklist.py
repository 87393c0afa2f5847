"""The completeness checklist: what a plan still lacks before the team can finalize it.

Each rule is a pure function over the plan that yields findings (model.findings)
with a stable rule id, a severity, a message a parent can read, the regulation
it comes from and the plan key where it is fixed. A rule that does not apply to
this student (no previous IEP, under 16) yields nothing.

`checklist()` runs every rule, adds what the agenda file declares (each
section's `requires`) and places each finding in the agenda section that edits
it. The app runs it after every change through `Checklist`, which re-runs only
the rules whose parts of the plan were replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

import attrs

from iep_meeting.model import dates, next_year, translation_check
from iep_meeting.model.agenda import Agenda, Section, sections_for
from iep_meeting.model.findings import Finding, Path, Severity, integrity_findings, path_text
from iep_meeting.model.paths import first_unfilled, path_filled
from iep_meeting.model.plan import (
    AppliesTo,
    AssessmentParticipation,
    Attendance,
    Excusal,
    Goal,
    InterpreterStatus,
    MeetingKind,
    Outcome,
    ParkingLotState,
    Plan,
    Role,
    Service,
    ServiceKind,
)
from iep_meeting.model.rules import FEDERAL, IEP_TEAM_ROLES, Profile, SignatureMeaning, weekly_minutes
from iep_meeting.words.labels import ROLE_NEEDED, SPECIAL_FACTORS
from iep_meeting.words.phrases import listing

REQUIRED, RECOMMENDED = Severity.REQUIRED, Severity.RECOMMENDED
CFR = "34 CFR "


RuleFunction = Callable[[Plan, Profile], Iterable[Finding]]


@attrs.frozen
class Rule:
    id: str
    reads: tuple[str, ...]  # the top-level plan parts it looks at
    check: RuleFunction


RULES: list[Rule] = []


def rule(rule_id: str, *reads: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(check: RuleFunction) -> RuleFunction:
        RULES.append(Rule(rule_id, reads, check))
        return check

    return register


def _blank(text: str) -> bool:
    return not text.strip()


def _goal_name(index: int, goal: Goal) -> str:
    about = goal.domain or " ".join(goal.statement.split()[:6])
    return f"Goal {index + 1}" + (f" ({about})" if about else "")


def _service_name(index: int, service: Service) -> str:
    return f"Service {index + 1}" + (f" ({service.description})" if service.description.strip() else "")


# --- present levels -----------------------------------------------------------------


@rule("present-levels-areas", "present_levels")
def _present_level_areas(plan: Plan, rules: Profile) -> Iterator[Finding]:
    levels = plan.present_levels
    if not levels.areas:
        yield Finding.at(
            ("present_levels", "areas"),
            "present-levels-areas",
            REQUIRED,
            "Present levels: describe where the student is now, in at least one area (school work or everyday skills).",
            CFR + "300.320(a)(1)",
        )
        return
    # IDEA asks for one statement of how the disability affects involvement and
    # progress in the general curriculum; one per area is a state-form practice
    # (a profile can require it: `present_levels.areas.impact`).
    stated = any(not _blank(area.impact) for area in levels.areas)
    for index, area in enumerate(levels.areas):
        name = area.area.strip() or f"area {index + 1}"
        if not stated and index == 0:
            yield Finding.at(
                ("present_levels", "areas", 0, "impact"),
                "present-levels-impact",
                REQUIRED,
                "Present levels: say how the disability affects the student's involvement and "
                "progress in the general curriculum (what all students learn).",
                CFR + "300.320(a)(1)(i)",
            )
        elif stated and _blank(area.impact):
            yield Finding.at(
                ("present_levels", "areas", index, "impact"),
                "present-levels-impact",
                RECOMMENDED,
                f"Present levels, {name}: you may also say how the disability affects this area.",
                CFR + "300.320(a)(1)(i)",
            )
        if _blank(area.baseline):
            yield Finding.at(
                ("present_levels", "areas", index, "baseline"),
                "present-levels-baseline",
                RECOMMENDED,
                f"Present levels, {name}: add current data (what the student does now), so goals can start from it.",
                CFR + "300.320(a)(1)",
            )
    if all(_blank(area.strengths) for area in levels.areas):
        yield Finding.at(
            ("present_levels", "areas", 0, "strengths"),
            "present-levels-strengths",
            REQUIRED,
            "Present levels: write down the student's strengths.",
            CFR + "300.324(a)(1)(i)",
        )


@rule("parent-concerns", "present_levels")
def _parent_concerns(plan: Plan, rules: Profile) -> Iterator[Finding]:
    if _blank(plan.present_levels.parent_concerns):
        yield Finding.at(
            ("present_levels", "parent_concerns"),
            "parent-concerns",
            REQUIRED,
            "Write down the family's concerns for the student's education, in their words.",
            CFR + "300.324(a)(1)(ii)",
        )


@rule("evaluation-summary", "present_levels", "meeting")
def _evaluation_summary(plan: Plan, rules: Profile) -> Iterator[Finding]:
    if _blank(plan.present_levels.evaluation_summary):
        initial = plan.meeting.kind is MeetingKind.INITIAL
        yield Finding.at(
            ("present_levels", "evaluation_summary"),
            "evaluation-summary",
            REQUIRED if initial else RECOMMENDED,
            "Summarize the results of the most recent evaluation.",
            CFR + "300.324(a)(1)(iii)",
        )


@rule("previous-goal-progress", "present_levels", "meeting")
def _previous_goal_progress(plan: Plan, rules: Profile) -> Iterator[Finding]:
    previous = plan.present_levels.previous_goals
    if not previous and plan.meeting.previous_iep_date is not None and plan.meeting.kind is not MeetingKind.AMENDMENT:
        yield Finding.at(
            ("present_levels", "previous_goals"),
            "previous-goal-progress",
            RECOMMENDED,
            f"There was an IEP on {plan.meeting.previous_iep_date}: list its goals and the progress made on each.",
            CFR + "300.324(b)(1)(ii)(A)",
        )
    for index, goal in enumerate(previous):
        # Named by its words, not its id: the team never typed "previous-goal-2".
        about = " ".join(goal.statement.split()[:6])
        name = f"Last year's goal {index + 1}" + (f" (\u201c{about}…\u201d)" if about else "")
        if goal.progress is None:
            yield Finding.at(
                ("present_levels", "previous_goals", index, "progress"),
                "previous-goal-progress",
                REQUIRED,
                f"{name}: record whether it was met, is progressing or was not met.",
                CFR + "300.324(b)(1)(ii)(A)",
            )
        elif _blank(goal.evidence):
            yield Finding.at(
                ("present_levels", "previous_goals", index, "evidence"),
                "previous-goal-evidence",
                RECOMMENDED,
                f"{name}: note the data that shows the progress.",
                CFR + "300.320(a)(3)(ii)",
            )


# --- goals ----------------------------------------------------------------------------

MEASURABLE_PARTS = (
    ("statement", "the goal itself"),
    ("baseline", "where the student starts (baseline)"),
    ("target", "what counts as met (target)"),
)


@rule("goals-present", "goals")
def _goals_present(plan: Plan, rules: Profile) -> Iterator[Finding]:
    if not plan.goals:
        yield Finding.at(
            ("goals",),
            "goals-present",
            REQUIRED,
            "Write at least one measurable annual goal.",
            CFR + "300.320(a)(2)(i)",
        )


@rule("goal-measurable", "goals")
def _goal_measurable(plan: Plan, rules: Profile) -> Iterator[Finding]:
    for index, goal in enumerate(plan.goals):
        missing = [(name, words) for name, words in MEASURABLE_PARTS if _blank(getattr(goal, name))]
        if missing:
            yield Finding.at(
                ("goals", index, missing[0][0]),
                "goal-measurable",
                REQUIRED,
                f"{_goal_name(index, goal)} is not measurable yet: add {listing([words for _, words in missing])}.",
                CFR + "300.320(a)(2)(i)",
            )
        if _blank(goal.measured_by):
            yield Finding.at(
                ("goals", index, "measured_by"),
                "goal-progress-measure",
                REQUIRED,
                f"{_goal_name(index, goal)}: say how progress toward it will be measured.",
                CFR + "300.320(a)(3)(i)",
            )
        if _blank(goal.reporting):
            yield Finding.at(
                ("goals", index, "reporting"),
                "goal-progress-reporting",
                REQUIRED,
                f"{_goal_name(index, goal)}: say when the family gets progress reports "
                "(for example each quarter, with report cards).",
                CFR + "300.320(a)(3)(ii)",
            )


@rule("goal-minutes", "goals", "services")
def _goal_minutes(plan: Plan, rules: Profile) -> Iterator[Finding]:
    serving: dict[str, float] = {}
    for service in plan.services:
        for goal_id in service.goals:
            serving[goal_id] = serving.get(goal_id, 0) + (weekly_minutes(service) or 0)
    for index, goal in enumerate(plan.goals):
        if not goal.minutes_per_week:
            yield Finding.at(
                ("goals", index, "minutes_per_week"),
                "goal-minutes",
                RECOMMENDED,  # IDEA counts the services' time (300.320(a)(7)), not minutes per goal
                f"{_goal_name(index, goal)}: write the minimum minutes of service per week behind it.",
                CFR + "300.320(a)(4)",
            )
        elif goal.id not in serving:
            yield Finding.at(
                ("services",),
                "goal-served",
                RECOMMENDED,
                f"{_goal_name(index, goal)}: no service in the plan says it works on this goal.",
                CFR + "300.320(a)(4)",
            )
        elif serving[goal.id] + 0.5 < goal.minutes_per_week:
            yield Finding.at(
                ("services",),
                "goal-served",
                RECOMMENDED,
                f"{_goal_name(index, goal)} needs {goal.minutes_per_week} minutes a week, but the "
                f"services for it add up to {round(serving[goal.id])}.",
                CFR + "300.320(a)(4)",
            )


@rule("goal-objectives", "goals", "assessment")
def _goal_objectives(plan: Plan, rules: Profile) -> Iterator[Finding]:
    if plan.assessment.participation is not AssessmentParticipation.ALTERNATE:
        return
    for index, goal in enumerate(plan.goals):
        if not goal.objectives:
            yield Finding.at(
                ("goals", index, "objectives"),
                "goal-objectives",
                REQUIRED,
                f"{_goal_name(index, goal)}: the student takes the alternate assessment, so "
                "each goal needs short-term objectives.",
                CFR + "300.320(a)(2)(ii)",
            )


# --- services and accommodations ------------------------------------------------------


@rule("services-present", "services")
def _services_present(plan: Plan, rules: Profile) -> Iterator[Finding]:
    if not plan.services:
        yield Finding.at(
            ("services",),
            "services-present",
            REQUIRED,
            "List the special education services the school will provide.",
            CFR + "300.320(a)(4)",
        )
    elif not any(service.kind is ServiceKind.SPECIAL_EDUCATION for service in plan.services):
        # Related services support special education; without any there is no IEP to support.
        yield Finding.at(
            ("services",),
            "special-education-present",
            REQUIRED,
            "Add the special education itself (specially designed instruction): "
            "related services and aids alone are not an IEP.",
            CFR + "300.39(a)(1)",
        )


# Services whose frequency may be in words instead of minutes ("daily, during content-area reading").
IN_WORDS = frozenset({ServiceKind.SUPPLEMENTARY_AID, ServiceKind.PROGRAM_MODIFICATION})

# What 300.320(a)(7) asks of each service: what, how often and how long, where, from when.
SERVICE_PARTS = (
    ("description", "what it is"),
    ("minutes", "how many minutes"),
    ("setting", "where it happens"),
    ("start", "when it starts"),
)


@rule("service-complete", "services", "period")
def _service_complete(plan: Plan, rules: Profile) -> Iterator[Finding]:
    period = plan.period
    for index, service in enumerate(plan.services):
        name = _service_name(index, service)
        missing = [
            (part, words)
            for part, words in SERVICE_PARTS
            if getattr(service, part) in (None, 0)
            or (isinstance(getattr(service, part), str) and _blank(getattr(service, part)))
        ]
        if service.kind in IN_WORDS and not _blank(service.frequency):
            # Support that is not counted in minutes says how often in words (300.320(a)(7)).
            missing = [(part, words) for part, words in missing if part != "minutes"]
        if missing:
            yield Finding.at(
                ("services", index, missing[0][0]),
                "service-complete",
                REQUIRED,
                f"{name}: add {listing([words for _, words in missing])}.",
                CFR + "300.320(a)(7)",
            )
        if _blank(service.provider):  # not in the IEP's contents, but each provider must know (300.323(d))
            yield Finding.at(
                ("services", index, "provider"),
                "service-provider",
                RECOMMENDED,
                f"{name}: say who provides it, so they are told what the plan asks of them.",
                CFR + "300.323(d)",
            )
        if service.start is not None and not period.start <= service.start <= period.end:
            yield Finding.at(
                ("services", index, "start"),
                "service-dates",
                REQUIRED,
                f"{name} starts on {service.start}, outside the plan period ({period.start} to {period.end}).",
                CFR + "300.320(a)(7)",
            )
        if service.end is not None and (service.end > period.end or (service.start and service.end < service.start)):
            yield Finding.at(
                ("services", index, "end"),
                "service-dates",
                RECOMMENDED,
                f"{name} ends on {service.end}: that is outside the plan period or before it starts.",
                CFR + "300.320(a)(7)",
            )


@rule("accommodations-considered", "accommodations", "decisions")
def _accommodations_considered(plan: Plan, rules: Profile) -> Iterator[Finding]:
    decided = any(decision.section == "accommodations" for decision in plan.decisions)
    if not plan.accommodations and not decided:
        yield Finding.at(
            ("accommodations",),
            "accommodations-considered",
            REQUIRED,
            "Accommodations: list the ones the student gets, or record the team's decision that none are needed.",
            CFR + "300.320(a)(4), 300.320(a)(6)(i)",
        )


# --- placement, assessments, special factors --------------------------------------------


@rule("assessment-participation", "assessment")
def _assessment(plan: Plan, rules: Profile) -> Iterator[Finding]:
    assessment = plan.assessment
    if assessment.participation is None:
        yield Finding.at(
            ("assessment", "participation"),
            "assessment-participation",
            REQUIRED,
            "Decide how the student takes state and district tests: as everyone does, with "
            "accommodations, or an alternate test.",
            CFR + "300.320(a)(6)",
        )
    elif assessment.participation is AssessmentParticipation.ALTERNATE:
        for name, words in (
            ("why_regular_not_appropriate", "why the regular test is not appropriate"),
            ("why_alternate_appropriate", "why the alternate test is appropriate"),
        ):
            if _blank(getattr(assessment, name)):
                yield Finding.at(
                    ("assessment", name),
                    "assessment-alternate-justification",
                    REQUIRED,
                    f"The student takes the alternate test: write {words}.",
                    CFR + "300.320(a)(6)(ii)",
                )


@rule("parts-consistent", "assessment", "accommodations", "lre", "services")
def _parts_consistent(plan: Plan, rules: Profile) -> Iterator[Finding]:
    """Parts of the plan that say opposite things: one of them is wrong."""
    for_tests = [a for a in plan.accommodations if a.applies_to in (AppliesTo.ASSESSMENTS, AppliesTo.BOTH)]
    participation = plan.assessment.participation
    if participation is AssessmentParticipation.REGULAR_WITH_ACCOMMODATIONS and not for_tests:
        yield Finding.at(
            ("assessment", "participation"),
            "test-accommodations-listed",
            REQUIRED,
            "The student takes state and district tests with accommodations, but no accommodation is "
            "marked for tests: mark which ones, or say the student takes the tests as everyone does.",
            CFR + "300.320(a)(6)(i)",
        )
    elif participation is AssessmentParticipation.REGULAR and for_tests:
        yield Finding.at(
            ("assessment", "participation"),
            "test-accommodations-listed",
            RECOMMENDED,
            f"Accommodations are marked for tests ({for_tests[0].description}), but the student takes "
            "the tests without accommodations: one of the two needs changing.",
            CFR + "300.320(a)(6)(i)",
        )
    percent = plan.lre.general_education_percent
    apart = [
        (index, service)
        for index, service in enumerate(plan.services)
        if service.setting.strip() and "general education" not in service.setting.casefold()
    ]
    if percent == 100 and apart:
        index, service = apart[0]
        yield Finding.at(
            ("services", index, "setting"),
            "lre-matches-services",
            RECOMMENDED,
            f"The student is in general education all of the time, but {_service_name(index, service)} "
            f"is given in “{service.setting}”: change the setting or the time in general education.",
            CFR + "300.320(a)(5)",
        )


@rule("lre", "lre")
def _lre(plan: Plan, rules: Profile) -> Iterator[Finding]:
    lre = plan.lre
    if lre.general_education_percent is None:
        yield Finding.at(
            ("lre", "general_education_percent"),
            "lre-decided",
            REQUIRED,
            "Placement: write how much of the school day the student spends in general "
            "education with classmates without disabilities.",
            CFR + "300.320(a)(5)",
        )
    elif lre.general_education_percent < 100 and _blank(lre.explanation):
        yield Finding.at(
            ("lre", "explanation"),
            "lre-explanation",
            REQUIRED,
            f"Placement: the student is in general education {lre.general_education_percent}% "
            "of the day; explain why the rest of the time is spent apart.",
            CFR + "300.320(a)(5)",
        )


# Each special factor is its own paragraph of 300.324(a)(2).
FACTOR_PARAGRAPHS = {
    "behavior": "300.324(a)(2)(i)",
    "limited_english": "300.324(a)(2)(ii)",
    "vision": "300.324(a)(2)(iii)",
    "communication": "300.324(a)(2)(iv)",
    "assistive_technology": "300.324(a)(2)(v)",
}


@rule("special-factors", "special_factors")
def _special_factors(plan: Plan, rules: Profile) -> Iterator[Finding]:
    for name, (_heading, words, _question) in SPECIAL_FACTORS.items():
        factor = getattr(plan.special_factors, name)
        if not factor.considered:
            yield Finding.at(
                ("special_factors", name, "needed"),
                "special-factor-considered",
                REQUIRED,
                f"Special factors: the team has not yet said whether {words} needs support.",
                CFR + FACTOR_PARAGRAPHS[name],
            )
        elif factor.needed and _blank(factor.note):
            yield Finding.at(
                ("special_factors", name, "note"),
                "special-factor-note",
                RECOMMENDED,
                f"Special factors: {words} needs support; note what the plan does about it.",
                CFR + FACTOR_PARAGRAPHS[name],
            )


@rule("esy-decided", "esy")
def _esy(plan: Plan, rules: Profile) -> Iterator[Finding]:
    if plan.esy.eligible is None:
        yield Finding.at(
            ("esy", "eligible"),
            "esy-decided",
            RECOMMENDED,
            "Decide whether the student needs services over the summer (extended school year).",
            CFR + "300.106",
        )


# --- transition -------------------------------------------------------------------------


def _with_state_rule(citation: str, source: str, federal: str) -> str:
    """A federal citation, and the profile's own source when the state sets a
    different rule than IDEA's (an earlier transition age, another age of majority)."""
    return citation if source == federal else f"{citation}; {source}"


def transition_due(plan: Plan, rules: Profile) -> bool:
    birth = plan.student.date_of_birth
    if birth is None or plan.period.end < plan.period.start:
        return False
    return dates.transition_due(birth, plan.period.start, plan.period.end, rules.transition_age)


TRANSITION_PARTS = (
    ("education_goal", "a goal for education or training after high school", CFR + "300.320(b)(1)"),
    ("employment_goal", "a goal for work after high school", CFR + "300.320(b)(1)"),
    ("assessments", "the transition assessments the goals are based on", CFR + "300.320(b)(1)"),
    ("services", "the transition services", CFR + "300.320(b)(2)"),
    ("course_of_study", "the courses of study", CFR + "300.320(b)(2)"),
)


@rule("transition", "transition", "student", "period", "team")
def _transition(plan: Plan, rules: Profile) -> Iterator[Finding]:
    if not transition_due(plan, rules):
        return
    transition = plan.transition
    for name, words, citation in TRANSITION_PARTS:
        if not path_filled(transition, name):
            yield Finding.at(
                ("transition", name),
                "transition-complete",
                REQUIRED,
                f"Transition (the student is {rules.transition_age} or older during this plan): write {words}.",
                _with_state_rule(citation, rules.transition.cite, FEDERAL.transition.cite),
            )
    if _blank(transition.independent_living_goal):
        yield Finding.at(
            ("transition", "independent_living_goal"),
            "transition-independent-living",
            RECOMMENDED,
            "Transition: where it fits the student, add a goal for living independently after high school.",
            CFR + "300.320(b)(1)",
        )
    invited = transition.student_invited or any(member.role is Role.STUDENT for member in plan.team)
    if not invited:
        yield Finding.at(
            ("transition", "student_invited"),
            "transition-student-invited",
            REQUIRED,
            "The student must be invited to the meeting when transition is discussed.",
            CFR + "300.321(b)(1)",
        )


@rule("rights-transfer", "transition", "student", "period")
def _rights_transfer(plan: Plan, rules: Profile) -> Iterator[Finding]:
    birth = plan.student.date_of_birth
    if birth is None or plan.period.end < plan.period.start or not rules.majority.rights_transfer:
        return
    if not dates.transfer_of_rights_due(birth, plan.period.start, plan.period.end, rules.age_of_majority):
        return
    if plan.transition.rights_transfer_informed is None:
        yield Finding.at(
            ("transition", "rights_transfer_informed"),
            "rights-transfer",
            REQUIRED,
            f"The student turns {rules.age_of_majority} within a year of this plan: record "
            "the date they were told which rights move to them at that age.",
            _with_state_rule(CFR + "300.320(c)", rules.majority.cite, FEDERAL.majority.cite),
        )


# --- the team and the family ----------------------------------------------------------------

REQUIRED_ROLES = {
    Role.REGULAR_EDUCATION_TEACHER: CFR + "300.321(a)(2)",
    Role.SPECIAL_EDUCATION_TEACHER: CFR + "300.321(a)(3)",
    Role.DISTRICT_REPRESENTATIVE: CFR + "300.321(a)(4)",
    Role.EVALUATION_INTERPRETER: CFR + "300.321(a)(5)",
}


@rule("team-roles", "team", "lre")
def _team_roles(plan: Plan, rules: Profile) -> Iterator[Finding]:
    for role, citation in REQUIRED_ROLES.items():
        words = ROLE_NEEDED[role.value]
        if role is Role.REGULAR_EDUCATION_TEACHER and plan.lre.general_education_percent == 0:
            continue  # only "if the child is, or may be, participating in the regular education environment"
        members = [(i, m) for i, m in enumerate(plan.team) if m.role is role]
        if not members:
            yield Finding.at(("team",), "team-role", REQUIRED, f"The team needs {words}.", citation)
            continue
        if any(m.at_meeting for _, m in members):
            continue
        index, member = next(((i, m) for i, m in members if m.attendance is Attendance.EXCUSED), members[0])
        who = member.name.strip() or words
        if member.attendance is Attendance.INVITED:
            yield Finding.at(
                ("team", index, "attendance"),
                "team-attendance",
                REQUIRED,
                f"Record whether {who} ({words}) is here.",
                citation,
            )
        elif member.attendance is Attendance.ABSENT:
            yield Finding.at(
                ("team", index, "attendance"),
                "team-role",
                REQUIRED,
                f"{who} ({words}) is absent without a written excusal; excuse them in writing "
                "or hold the meeting when they can attend.",
                CFR + "300.321(e)",
            )
        else:
            yield from _excusal_findings(index, member, who)


def _excusal_findings(index: int, member, who: str) -> Iterator[Finding]:
    if member.excusal is None:
        yield Finding.at(
            ("team", index, "excusal"),
            "team-excusal",
            REQUIRED,
            f"{who} is excused: say which kind of written excusal it is.",
            CFR + "300.321(e)",
        )
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
    if member.excusal is Excusal.WRITTEN_INPUT and _blank(member.written_input):
        missing.append(("written_input", "the written input they sent before the meeting", "300.321(e)(2)"))
    for name, words, citation in missing:
        yield Finding.at(
            ("team", index, name), "team-excusal", REQUIRED, f"{who} is excused: record {words}.", CFR + citation
        )


@rule("parent-participation", "team")
def _parent_participation(plan: Plan, rules: Profile) -> Iterator[Finding]:
    parents = [(i, m) for i, m in enumerate(plan.team) if m.role is Role.PARENT]
    if not parents:
        yield Finding.at(
            ("team",),
            "parent-participation",
            REQUIRED,
            "Add the student's parent or guardian to the team.",
            CFR + "300.322(a)",
        )
        return
    if any(m.at_meeting for _, m in parents):
        return
    # The law asks for a record of the attempts to agree on a time and place; it
    # sets no number. None recorded blocks; one is advice to try (and record) again.
    attempt_days = {a.date for _, m in parents for a in m.contact_attempts}
    if len(attempt_days) < 2:
        index = parents[0][0]
        yield Finding.at(
            ("team", index, "contact_attempts"),
            "parent-participation",
            RECOMMENDED if attempt_days else REQUIRED,
            "No parent is here: record the attempts to involve them (calls, letters, visits), "
            "on different days, or meet when they can come.",
            CFR + "300.322(d)",
        )


def family_language(plan: Plan) -> str | None:
    """The family's language when it is not English, else None."""
    for language in (plan.student.home_language, *(g.language for g in plan.student.guardians)):
        if language.strip() and language.strip().lower() != "english":
            return language.strip()
    return None


@rule("interpreter", "meeting", "student", "team")
def _interpreter(plan: Plan, rules: Profile) -> Iterator[Finding]:
    language = family_language(plan)
    status = plan.meeting.interpreter_status
    if status is InterpreterStatus.DECLINED or (language is None and status in (None, InterpreterStatus.NOT_NEEDED)):
        return
    if status is InterpreterStatus.NOT_NEEDED:  # the team's answer; worth a second look
        yield Finding.at(
            ("meeting", "interpreter_status"),
            "interpreter",
            RECOMMENDED,
            f"The family's language is {language} and no interpreter is recorded as needed: "
            "make sure the family follows the meeting.",
            CFR + "300.322(e)",
        )
        return
    if status is None:
        yield Finding.at(
            ("meeting", "interpreter_status"),
            "interpreter",
            REQUIRED,
            f"The family's language is {language}: record whether they have an interpreter (or declined one).",
            CFR + "300.322(e)",
        )
        return
    has_one = not _blank(plan.meeting.interpreter) or any(
        m.role is Role.INTERPRETER and m.at_meeting for m in plan.team
    )
    if not has_one:
        because = f"the family's language is {language}" if language else "the family needs one"
        yield Finding.at(
            ("meeting", "interpreter"),
            "interpreter",
            REQUIRED,
            f"Record the interpreter for this meeting: {because}.",
            CFR + "300.322(e)",
        )


# --- the plan period and due dates ---------------------------------------------------------


@rule("period", "period", "meeting")
def _period(plan: Plan, rules: Profile) -> Iterator[Finding]:
    start, end = plan.period.start, plan.period.end
    if end < start:
        return  # integrity_findings reports it
    if end > dates.plan_end(start):
        yield Finding.at(
            ("period", "end"),
            "period-length",
            REQUIRED,
            f"The plan runs from {start} to {end}, more than a year: an IEP is reviewed at least once a year.",
            CFR + "300.324(b)(1)(i)",
        )
    elif (end - start).days < 300 and plan.meeting.kind is not MeetingKind.AMENDMENT:
        yield Finding.at(
            ("period", "end"),
            "period-length",
            RECOMMENDED,
            f"The plan runs only from {start} to {end}; an IEP usually covers a year.",
            CFR + "300.324(b)(1)(i)",
        )
    if plan.meeting.date is None:
        yield Finding.at(
            ("meeting", "date"), "meeting-date", REQUIRED, "Record the date of the meeting.", CFR + "300.324(b)(1)(i)"
        )


@rule("dates-in-order", "meeting", "period", "team")
def _dates_in_order(plan: Plan, rules: Profile) -> Iterator[Finding]:
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
            yield Finding.at(
                path,
                "dates-in-order",
                REQUIRED,
                f"{what} is dated {date}, after this meeting ({day}): it must come before it.",
                CFR + citation,
            )
    if plan.period.start < day and meeting.kind is not MeetingKind.AMENDMENT:
        yield Finding.at(
            ("period", "start"),
            "dates-in-order",
            REQUIRED,
            f"The plan starts on {plan.period.start}, before the meeting that writes it ({day}).",
            CFR + "300.323(c)",
        )


@rule("review-due", "meeting")
def _review_due(plan: Plan, rules: Profile) -> Iterator[Finding]:
    meeting = plan.meeting
    on = meeting.date or dt.date.today()
    if meeting.previous_iep_date and meeting.kind is not MeetingKind.AMENDMENT:
        due = dates.annual_review_due(meeting.previous_iep_date)
        if on > due:
            yield Finding.at(
                ("meeting", "previous_iep_date"),
                "annual-review-late",
                RECOMMENDED,
                f"This review is late: the previous IEP ({meeting.previous_iep_date}) was due for review by {due}.",
                CFR + "300.324(b)(1)(i)",
            )
    if meeting.last_evaluation_date and on > dates.reevaluation_due(meeting.last_evaluation_date):
        yield Finding.at(
            ("meeting", "last_evaluation_date"),
            "reevaluation-due",
            RECOMMENDED,
            f"The last evaluation ({meeting.last_evaluation_date}) is more than three years old: "
            "a re-evaluation is due.",
            CFR + "300.303(b)(2)",
        )


# --- the meeting record and sign-off ---------------------------------------------------------

# The findings that mark their section "! needs attention" (model/progress.py):
# a decision not agreed or tabled there, or a topic it raised still open.
ATTENTION_RULES = frozenset({"decision-not-agreed", "decision-tabled", "parking-lot-open"})


@rule("parking-lot", "parking_lot")
def _parking_lot(plan: Plan, rules: Profile) -> Iterator[Finding]:
    for index, item in enumerate(plan.parking_lot):
        if item.state is ParkingLotState.OPEN:
            finding = Finding.at(
                ("parking_lot", index, "state"),
                "parking-lot-open",
                RECOMMENDED,
                f"Parking lot: \u201c{' '.join(item.topic.split()) or 'a topic'}\u201d is still open; "
                "answer it or carry it to a follow-up meeting.",
            )
            # Shown with the section that raised it: it is why that section needs attention.
            yield attrs.evolve(finding, section=item.section)


@rule("decisions", "decisions")
def _decisions(plan: Plan, rules: Profile) -> Iterator[Finding]:
    """Each decision not agreed or tabled: the reason its section needs attention."""
    for index, decision in enumerate(plan.decisions):
        what = " ".join(decision.what.split())
        if decision.outcome is Outcome.NOT_AGREED:
            finding = Finding.at(
                ("decisions", index, "disagreed"),
                "decision-not-agreed",
                RECOMMENDED,
                f"The team did not agree on \u201c{what}\u201d: "
                + (
                    "write who disagreed and why (decision log)."
                    if _blank(decision.disagreed)
                    else "settle it, or give the family Prior Written Notice of what the school proposes."
                ),
                CFR + "300.503(b)",
            )
        elif decision.outcome is Outcome.TABLED:
            finding = Finding.at(
                ("decisions", index, "outcome"),
                "decision-tabled",
                RECOMMENDED,
                f"The decision \u201c{what}\u201d was tabled: settle it or carry it to a follow-up meeting.",
            )
        else:
            yield from _notice_parts(index, decision)
            continue
        yield attrs.evolve(finding, section=decision.section)


# What Prior Written Notice of a proposal or a refusal must say (300.503(b)),
# recorded with the decision so the notice can be written from it.
NOTICE_PARTS = (
    ("reasons", "why the school proposes or refuses it", "300.503(b)(2)"),
    ("evaluations_used", "each evaluation, record or report it is based on", "300.503(b)(3)"),
)


def _notice_parts(index: int, decision) -> Iterator[Finding]:
    if decision.action is None:
        return  # not a proposal or refusal: no notice follows from it
    what = " ".join(decision.what.split())
    for name, words, paragraph in NOTICE_PARTS:
        if _blank(getattr(decision, name)):
            yield Finding.at(
                ("decisions", index, name),
                "decision-notice",
                RECOMMENDED,
                f"The decision \u201c{what}\u201d goes into Prior Written Notice: write {words}.",
                CFR + paragraph,
            )
    for number, option in enumerate(decision.options):
        if _blank(option.why_rejected):
            yield Finding.at(
                ("decisions", index, "options", number, "why_rejected"),
                "decision-notice",
                RECOMMENDED,
                f"The decision \u201c{what}\u201d: write why the option \u201c{option.option}\u201d was rejected.",
                CFR + "300.503(b)(6)",
            )


@rule("sign-off", "sign_off", "team", "meeting")
def _sign_off(plan: Plan, rules: Profile) -> Iterator[Finding]:
    """Who agrees. IDEA asks for no signature beyond the parent's consent, so
    under the federal profile these are advice; a state profile whose
    signatures mean agreement (or attendance) makes them required."""
    sign_off = plan.sign_off
    meaning = rules.signatures.meaning
    severity = RECOMMENDED if meaning is SignatureMeaning.NOT_REQUIRED else REQUIRED
    citation = "" if meaning is SignatureMeaning.NOT_REQUIRED else rules.signatures.cite
    lines = {s.name.strip().casefold(): i for i, s in enumerate(sign_off.signatures)}
    for member in plan.team:
        name = member.name.strip()
        if not member.at_meeting or not name or member.role not in IEP_TEAM_ROLES:
            continue  # an interpreter or a guest is not asked to agree
        line = lines.get(name.casefold())
        if line is None:
            yield Finding.at(
                ("sign_off", "signatures"),
                "signoff-participant",
                severity,
                f"Sign-off: add {name}'s line"
                + (" (their signature shows they took part)." if meaning is SignatureMeaning.ATTENDANCE else "."),
                citation,
            )
        elif sign_off.signatures[line].agrees is None and (
            meaning is not SignatureMeaning.ATTENDANCE or member.role in rules.signatures.agreement_from
        ):
            yield Finding.at(
                ("sign_off", "signatures", line, "agrees"),
                "signoff-participant",
                severity,
                f"Sign-off: record whether {name} agrees with the plan.",
                citation,
            )
    for index, signature in enumerate(sign_off.signatures):
        if signature.agrees is False and _blank(signature.statement):
            yield Finding.at(
                ("sign_off", "signatures", index, "statement"),
                "signoff-disagreement",
                severity,
                f"Sign-off: {signature.name or 'a participant'} disagrees; write their statement in their own words.",
                citation,
            )
    yield from _parent_consent(plan, rules)


def _parent_consent(plan: Plan, rules: Profile) -> Iterator[Finding]:
    """Consent before services first begin (300.300(b)); to every IEP where the state asks it."""
    sign_off = plan.sign_off
    initial = plan.meeting.kind is MeetingKind.INITIAL
    needed = initial or rules.consent.every_iep
    severity = REQUIRED if needed else RECOMMENDED
    citation = CFR + "300.300(b)" if initial else rules.consent.cite if needed else ""
    if sign_off.parent_consent is None:
        yield Finding.at(
            ("sign_off", "parent_consent"),
            "parent-consent",
            severity,
            "Sign-off: record whether the parent consents to the plan.",
            citation,
        )
    elif sign_off.parent_consent and sign_off.parent_consent_date is None:
        yield Finding.at(
            ("sign_off", "parent_consent_date"),
            "parent-consent",
            severity,
            "Sign-off: record the date the parent gave consent.",
            citation,
        )
    elif not sign_off.parent_consent:
        yield Finding.at(
            ("sign_off", "parent_consent"),
            "parent-consent",
            severity,
            (
                "The parent does not consent: services in a first IEP cannot start without consent."
                if initial
                else "The parent does not consent: this IEP cannot take effect without it; the current "
                "IEP stays in effect."
                if needed
                else "The parent does not consent: give the family Prior Written Notice of what the "
                "school proposes and why."
            ),
            CFR + "300.300(b)(3)" if initial else citation if needed else CFR + "300.503",
        )


@rule("family-copy", "family_copies")
def _family_copy(plan: Plan, rules: Profile) -> Iterator[Finding]:
    given = [(index, copy) for index, copy in enumerate(plan.family_copies) if copy.method is not None]
    if not given:
        yield Finding.at(
            ("family_copies", 0, "method") if plan.family_copies else ("family_copies",),
            "family-copy",
            REQUIRED,
            "Record how the family gets its copy of the IEP (in person, mail, email or portal).",
            CFR + "300.322(f)",
        )
    for index, copy in given:
        if copy.date is not None:
            continue
        yield Finding.at(
            ("family_copies", index, "date"),
            "family-copy",
            RECOMMENDED,
            "Record when the family gets its copy of the IEP.",
            CFR + "300.322(f)",
        )


rule(translation_check.RULE, *translation_check.READS)(translation_check.translation_findings)


@rule(
    "carried-reviewed",
    "follows",
    "present_levels",
    "services",
    "accommodations",
    "assessment",
    "lre",
    "special_factors",
    "transition",
)
def _carried_reviewed(plan: Plan, rules: Profile) -> Iterator[Finding]:
    """What next year's plan carried over from last year, and nobody has looked at since."""
    for entry in next_year.to_review(plan):
        path = next_year.finding_path(plan, entry)
        if not path:
            continue  # removed since (a hand-edited file): nothing left to review
        yield Finding.at(
            path,
            "carried-reviewed",
            RECOMMENDED,
            f"Carried over from last year's plan as it was: {next_year.entry_words(plan, entry)}. "
            "Review it with the team: change it, or confirm it as it is.",
            CFR + "300.324(b)(1)",
        )


# --- requirements an agenda file declares ----------------------------------------------------


def _dotted(path: Path) -> str:
    return ".".join(step for step in path if isinstance(step, str))


# Plain words for the paths the bundled agendas require; others are spelled out from the path.
PATH_WORDS = {
    "team": "the team members",
    "facilitation.desired_outcomes": "the outcomes the team hopes to leave with",
    "present_levels.areas": "the present levels in each area",
    "present_levels.parent_concerns": "the family's concerns",
    "present_levels.evaluation_summary": "a summary of the evaluation",
    "goals": "the annual goals",
    "services": "the services",
    "services.minutes": "the minutes of each service",
    "services.setting": "where each service happens",
    "accommodations": "the accommodations",
    "esy.eligible": "the decision on services over the summer (extended school year)",
    "action_items": "the next steps",
    "action_items.owner": "one person responsible for each next step",
    "action_items.due": "a date for each next step",
    "sign_off.signatures": "each participant's agreement or disagreement at sign-off",
}


def _words(dotted: str) -> str:
    return PATH_WORDS.get(dotted) or " › ".join(part.replace("_", " ") for part in dotted.split("."))


def _already_asked(plan: Plan, dotted: str, required: list[Finding]) -> bool:
    """Whether built-in required findings already ask for what `dotted` requires.

    Through a list ("services.minutes") that means: every item lacking it
    already has a required finding of its own, or the empty list has one."""
    top, _, rest = dotted.partition(".")
    items = getattr(plan, top)
    if rest and isinstance(items, tuple):
        if not items:
            return any(f.path == (top,) for f in required)
        lacking = {index for index, item in enumerate(items) if not path_filled(item, rest)}
        flagged = {f.path[1] for f in required if len(f.path) > 1 and f.path[0] == top and isinstance(f.path[1], int)}
        return lacking <= flagged
    asked = (_dotted(f.path) for f in required)
    return any(a == dotted or a.startswith(dotted + ".") for a in asked)


# Parts a built-in rule decides in full, accepting another answer than a filled
# field: "none needed" for accommodations, how often in words for an aid. An
# agenda or a profile asking for the field itself would overrule that decision,
# so the built-in rule alone speaks for them.
DECIDED_BY_RULES = frozenset({"accommodations", "services.minutes"})

DISTRICT_REQUIREMENT = "District requirement"


@attrs.frozen(kw_only=True)
class Requirement:
    """A plan field an agenda or a rule profile asks for, beyond the built-in rules."""

    path: str
    rule: str  # "agenda-requires", "agenda-recommends", "state-requires"
    severity: Severity
    message: str
    citation: str = ""  # the rule that makes it required; "" takes the built-in rule's, if any
    section: str = ""


def agenda_requirements(agenda: Agenda, sections: tuple[Section, ...]) -> Iterator[Requirement]:
    for section in sections:
        for dotted in section.requires:
            yield Requirement(
                path=dotted,
                rule="agenda-requires",
                severity=REQUIRED,
                message=f"This meeting's agenda ({agenda.title}) asks for {_words(dotted)}.",
                section=section.id,
            )
        for dotted in section.recommends:
            yield Requirement(
                path=dotted,
                rule="agenda-recommends",
                severity=RECOMMENDED,
                message=f"Add {_words(dotted)} (this meeting's agenda suggests it).",
                section=section.id,
            )


def profile_requirements(profile: Profile) -> Iterator[Requirement]:
    for required in profile.requires:
        yield Requirement(
            path=required.path,
            rule="state-requires",
            severity=REQUIRED,
            message=f"{profile.title} asks for {required.words}.",
            citation=required.cite,
        )


def declared_findings(plan: Plan, requirements: Iterable[Requirement], found: list[Finding]) -> list[Finding]:
    """The findings for `requirements` not met, and `found` without what they replace.

    A requirement met, decided by a built-in rule, or already asked for by a
    required finding adds nothing. One that raises advice to required replaces
    it and keeps its citation; with no citation of its own or of the advice it
    replaces, it says it is a district requirement."""
    required = [f for f in found if f.required]
    declared: list[Finding] = []
    for need in requirements:
        dotted = need.path
        if dotted in DECIDED_BY_RULES or path_filled(plan, dotted) or _already_asked(plan, dotted, required):
            continue
        if any(f.path == first_unfilled(plan, dotted) for f in declared):
            continue  # asked already: by another section, or for the empty list this path goes through
        advice = [f for f in found if not f.required and _dotted(f.path) == dotted]
        if need.severity is RECOMMENDED:
            if not advice:
                declared.append(_finding(plan, need, ""))
            continue
        citation = need.citation or next((f.citation for f in advice if f.citation), "") or DISTRICT_REQUIREMENT
        declared.append(_finding(plan, need, citation))
        found = [f for f in found if f not in advice]
    return found + declared


def _finding(plan: Plan, need: Requirement, citation: str) -> Finding:
    path = first_unfilled(plan, need.path)
    return Finding(
        rule=need.rule,
        severity=need.severity,
        location=path_text(path),
        path=path,
        section=need.section,
        message=need.message,
        citation=citation,
    )


# --- where each finding is fixed --------------------------------------------------------------


def section_for(dotted: str, sections: tuple[Section, ...]) -> str:
    """The section whose `covers` holds the longest prefix of `dotted`, or ""."""
    best, best_length = "", -1
    for section in sections:
        for cover in section.covers:
            if (dotted == cover or dotted.startswith(cover + ".")) and len(cover) > best_length:
                best, best_length = section.id, len(cover)
    return best


def _placed(findings: Iterable[Finding], sections: tuple[Section, ...], memo: dict[str, str]) -> list[Finding]:
    placed = []
    shown = {section.id for section in sections}
    for finding in findings:
        if (finding.section and finding.section in shown) or not finding.path:
            placed.append(finding)
            continue
        dotted = _dotted(finding.path)
        if dotted not in memo:
            memo[dotted] = section_for(dotted, sections)
        placed.append(finding if finding.section == memo[dotted] else attrs.evolve(finding, section=memo[dotted]))
    return placed


def checklist(plan: Plan, agenda: Agenda | None = None, profile: Profile = FEDERAL) -> tuple[Finding, ...]:
    """Every finding about the plan under `profile`'s rules, required first, in agenda order."""
    return Checklist(agenda, profile).run(plan)


class Checklist:
    """The checklist of one meeting, re-run after every change.

    A rule runs again only when a part of the plan it reads was replaced: plans
    are immutable, and an edit keeps every untouched part the very same object.
    """

    def __init__(self, agenda: Agenda | None, profile: Profile = FEDERAL) -> None:
        self.agenda = agenda
        self.rules = profile
        self._cache: dict[Rule, tuple[tuple, list[Finding]]] = {}  # what each rule read, and found
        self._sections: tuple[Section, ...] = ()
        self._memo: dict[str, str] = {}

    def run(self, plan: Plan) -> tuple[Finding, ...]:
        sections = sections_for(self.agenda, plan, self.rules) if self.agenda is not None else ()
        if sections != self._sections:
            self._sections, self._memo, self._cache = sections, {}, {}
        findings = _placed(integrity_findings(plan), sections, self._memo)
        for current in RULES:
            parts = tuple(getattr(plan, name) for name in current.reads)
            cached = self._cache.get(current)
            if cached is None or any(a is not b for a, b in zip(cached[0], parts)):
                cached = (parts, _placed(current.check(plan, self.rules), sections, self._memo))
                self._cache[current] = cached
            findings.extend(cached[1])
        requirements = list(profile_requirements(self.rules))
        if self.agenda is not None:
            requirements += agenda_requirements(self.agenda, sections)
        if requirements:
            findings = declared_findings(plan, requirements, findings)
            findings = _placed(findings, sections, self._memo)
        order = {section.id: number for number, section in enumerate(sections)}
        findings.sort(key=lambda f: (not f.required, order.get(f.section, len(order))))
        return tuple(findings)
