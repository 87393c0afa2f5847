"""Transition and rights: goals for life after school and the services toward them
from the profile's transition age (34 CFR 300.320(b)), and telling the student
which rights transfer at the age of majority (300.320(c))."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model import dates
from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank, with_state_rule
from iep_meeting.model.findings import Finding
from iep_meeting.model.paths import path_filled
from iep_meeting.model.plan import Plan, Role
from iep_meeting.model.rules import FEDERAL, Profile

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


@rules.rule(reads=("transition", "student", "period"), finds=(RIGHTS_TRANSFER,))
def rights_transfer(plan: Plan, profile: Profile) -> Iterator[Finding]:
    birth = plan.student.date_of_birth
    if birth is None or plan.period.end < plan.period.start or not profile.majority.rights_transfer:
        return
    if not dates.transfer_of_rights_due(birth, plan.period.start, plan.period.end, profile.age_of_majority):
        return
    if plan.transition.rights_transfer_informed is None:
        yield RIGHTS_TRANSFER.at(
            ("transition", "rights_transfer_informed"),
            f"The student turns {profile.age_of_majority} within a year of this plan: record "
            "the date they were told which rights move to them at that age.",
            citation=with_state_rule(CFR + "300.320(c)", profile.majority.cite, FEDERAL.majority.cite),
        )
