"""Transition and rights: goals for life after school and the services toward them
from the profile's transition age (34 CFR 300.320(b)), the items a state asks the
team to consider from an age of its own (Texas: TEC §29.011(a)), telling the
student which rights transfer at the age of majority (300.320(c)) and, where
the state asks, about guardianship and its alternatives, and who decides once
the student is an adult."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model import dates
from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank, with_state_rule
from iep_meeting.model.findings import Finding
from iep_meeting.model.paths import path_filled
from iep_meeting.model.plan import AdultDecisions, Plan, Role
from iep_meeting.model.rules import FEDERAL, ConsiderItem, Profile

rules = RuleSet()


def transition_due(plan: Plan, profile: Profile) -> bool:
    birth = plan.student.date_of_birth
    if birth is None or plan.period.end < plan.period.start:
        return False
    return dates.transition_due(birth, plan.period.start, plan.period.end, profile.transition_age)


TRANSITION_PARTS = (
    ("education_goal", "a goal for education or training after high school", CFR + "300.320(b)(1)"),
    ("employment_goal", "a goal for work after high school", CFR + "300.320(b)(1)"),
    ("assessments", "the transition assessments the goals are based on", CFR + "300.320(b)(1)"),
    ("services", "the transition services", CFR + "300.320(b)(2)"),
    ("course_of_study", "the courses of study", CFR + "300.320(b)(2)"),
)

# Each part cites its own paragraph, with the profile's rule when the state sets another age.
COMPLETE = Finds("transition-complete", REQUIRED, CFR + "300.320(b)")
# "Where appropriate": whether it fits the student is for the team to decide.
INDEPENDENT_LIVING = Finds("transition-independent-living", RECOMMENDED, CFR + "300.320(b)(1)")
STUDENT_INVITED = Finds("transition-student-invited", REQUIRED, CFR + "300.321(b)(1)")


@rules.rule(reads=("transition", "student", "period", "team"), finds=(COMPLETE, INDEPENDENT_LIVING, STUDENT_INVITED))
def transition(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if not transition_due(plan, profile):
        return
    transition = plan.transition
    for name, words, citation in TRANSITION_PARTS:
        if not path_filled(transition, name):
            yield COMPLETE.at(
                ("transition", name),
                f"Transition (the student is {profile.transition_age} or older during this plan): write {words}.",
                citation=with_state_rule(citation, profile.transition.cite, FEDERAL.transition.cite),
            )
    if blank(transition.independent_living_goal):
        yield INDEPENDENT_LIVING.at(
            ("transition", "independent_living_goal"),
            "Transition: where it fits the student, add a goal for living independently after high school.",
        )
    invited = transition.student_invited or any(member.role is Role.STUDENT for member in plan.team)
    if not invited:
        yield STUDENT_INVITED.at(
            ("transition", "student_invited"),
            "The student must be invited to the meeting when transition is discussed.",
        )


# With the profile's rule when the state sets another age of majority.
RIGHTS_TRANSFER = Finds("rights-transfer", REQUIRED, CFR + "300.320(c)")


def rights_notice_due(plan: Plan, profile: Profile) -> bool:
    """Whether this plan says what happens at the age of majority: the profile moves the
    rights to the student, who is one year short of that age by the end of the plan."""
    birth = plan.student.date_of_birth
    if birth is None or plan.period.end < plan.period.start or not profile.majority.rights_transfer:
        return False
    return dates.transfer_of_rights_due(birth, plan.period.start, plan.period.end, profile.age_of_majority)


@rules.rule(reads=("transition", "student", "period"), finds=(RIGHTS_TRANSFER,))
def rights_transfer(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if rights_notice_due(plan, profile) and plan.transition.rights_transfer_informed is None:
        yield RIGHTS_TRANSFER.at(
            ("transition", "rights_transfer_informed"),
            f"The student turns {profile.age_of_majority} within a year of this plan: record "
            "the date they were told which rights move to them at that age.",
            citation=with_state_rule(CFR + "300.320(c)", profile.majority.cite, FEDERAL.majority.cite),
        )


# --- a state's own transition planning ----------------------------------------------------


def planning_items(plan: Plan, profile: Profile) -> tuple[ConsiderItem, ...]:
    """The items the profile asks the team to consider for this student during this plan."""
    planning = profile.transition_planning
    birth = plan.student.date_of_birth
    if planning.age is None or birth is None or plan.period.end < plan.period.start or plan.period.start < birth:
        return ()
    start, end = plan.period.start, plan.period.end
    if not dates.transition_due(birth, start, end, planning.age):
        return ()
    return tuple(
        item
        for item in planning.items
        if (item.from_age is None or dates.birthday_at_age(birth, item.from_age) <= end)
        and (item.under_age is None or dates.age_on(birth, start) < item.under_age)
    )


# Each cites its item's own paragraph.
CONSIDERED = Finds("transition-considered", REQUIRED)


@rules.rule(reads=("transition", "student", "period"), finds=(CONSIDERED,))
def transition_considered(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Consider and, if appropriate, address: each item shown as considered, not necessarily filled in."""
    age = profile.transition_planning.age
    records = {record.item: index for index, record in enumerate(plan.transition.considered)}
    for item in planning_items(plan, profile):
        if item.shown_by and path_filled(plan, item.shown_by):
            continue  # the plan addresses it: an employment goal shows employment was considered
        index = records.get(item.id)
        if index is None:
            yield CONSIDERED.at(
                ("transition", "considered"),
                f"Transition planning (from {age}): record that the team considered {item.words}, "
                "and what it decided (addressed in the plan, or not needed yet).",
                citation=item.cite,
            )
        elif blank(plan.transition.considered[index].note):
            yield CONSIDERED.at(
                ("transition", "considered", index, "note"),
                f"Transition planning: write what the team decided about {item.words}.",
                citation=item.cite,
            )


# --- the age of majority --------------------------------------------------------------------


def adult_at_meeting(plan: Plan, profile: Profile) -> bool:
    """Whether the rights are the student's at this meeting: the profile moves them to
    the student, who has reached the age of majority by the meeting's date."""
    birth = plan.student.date_of_birth
    day = plan.meeting.date or plan.period.start
    if not profile.majority.rights_transfer or birth is None or day < birth:
        return False
    return dates.age_on(birth, day) >= profile.age_of_majority


def student_decides(plan: Plan, profile: Profile) -> bool:
    """Whether the decisions at this meeting are the adult student's own: not
    delegated to a parent or another adult, and no guardian appointed."""
    return adult_at_meeting(plan, profile) and plan.transition.adult_decisions not in (
        AdultDecisions.DELEGATED,
        AdultDecisions.GUARDIAN,
    )


GUARDIANSHIP_INFORMATION = Finds("guardianship-information", REQUIRED)  # the profile's majority.cite


@rules.rule(reads=("transition", "student", "period"), finds=(GUARDIANSHIP_INFORMATION,))
def guardianship_information(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if not profile.majority.guardianship_information or not rights_notice_due(plan, profile):
        return
    if plan.transition.guardianship_informed is None:
        yield GUARDIANSHIP_INFORMATION.at(
            ("transition", "guardianship_informed"),
            f"The student turns {profile.age_of_majority} within a year of this plan: record the date they were "
            "given information on guardianship and its alternatives, including supported decision-making.",
            citation=profile.majority.cite,
        )


# Required once the student is an adult at the meeting; advice when they turn it during the plan.
ADULT_DECISIONS = Finds("adult-decisions", REQUIRED)  # the profile's majority.cite


@rules.rule(reads=("transition", "student", "period", "meeting"), finds=(ADULT_DECISIONS,))
def adult_decisions(plan: Plan, profile: Profile) -> Iterator[Finding]:
    birth = plan.student.date_of_birth
    majority = profile.majority
    if not majority.decisions_documented or not majority.rights_transfer or birth is None:
        return
    if plan.transition.adult_decisions is not None or plan.period.end < plan.period.start:
        return
    choices = "the student, shared with or delegated to a parent or another adult (documented), or a guardian"
    if adult_at_meeting(plan, profile):
        yield ADULT_DECISIONS.at(
            ("transition", "adult_decisions"),
            f"The student is {majority.age} or older: the rights are theirs. Record who makes the special "
            f"education decisions: {choices}.",
            citation=majority.cite,
        )
    elif dates.birthday_at_age(birth, majority.age) <= plan.period.end:
        yield ADULT_DECISIONS.at(
            ("transition", "adult_decisions"),
            f"The student turns {majority.age} on {dates.birthday_at_age(birth, majority.age)}, during this plan: "
            f"record who will make the special education decisions then ({choices}).",
            severity=RECOMMENDED,
            citation=majority.cite,
        )
