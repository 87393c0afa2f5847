"""Accommodations and assessments: the supports the student gets, and how the
student takes state and district tests (34 CFR 300.320(a)(4), (a)(6))."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import AppliesTo, AssessmentParticipation, Plan
from iep_meeting.model.rules import Profile

rules = RuleSet()

CONSIDERED = Finds("accommodations-considered", REQUIRED, CFR + "300.320(a)(4), 300.320(a)(6)(i)")


@rules.rule(reads=("accommodations", "decisions"), finds=(CONSIDERED,))
def accommodations_considered(plan: Plan, profile: Profile) -> Iterator[Finding]:
    decided = any(decision.section == "accommodations" for decision in plan.decisions)
    if not plan.accommodations and not decided:
        yield CONSIDERED.at(
            ("accommodations",),
            "Accommodations: list the ones the student gets, or record the team's decision that none are needed.",
        )


PARTICIPATION = Finds("assessment-participation", REQUIRED, CFR + "300.320(a)(6)")
ALTERNATE_JUSTIFICATION = Finds("assessment-alternate-justification", REQUIRED, CFR + "300.320(a)(6)(ii)")


@rules.rule(reads=("assessment",), finds=(PARTICIPATION, ALTERNATE_JUSTIFICATION))
def assessment(plan: Plan, profile: Profile) -> Iterator[Finding]:
    assessment = plan.assessment
    if assessment.participation is None:
        yield PARTICIPATION.at(
            ("assessment", "participation"),
            "Decide how the student takes state and district tests: as everyone does, with "
            "accommodations, or an alternate test.",
        )
    elif assessment.participation is AssessmentParticipation.ALTERNATE:
        for name, words in (
            ("why_regular_not_appropriate", "why the regular test is not appropriate"),
            ("why_alternate_appropriate", "why the alternate test is appropriate"),
        ):
            if blank(getattr(assessment, name)):
                yield ALTERNATE_JUSTIFICATION.at(
                    ("assessment", name), f"The student takes the alternate test: write {words}."
                )


# Required when the plan promises test accommodations it does not name; advice
# when it names some for a student who takes the tests as everyone does.
TEST_ACCOMMODATIONS = Finds("test-accommodations-listed", REQUIRED, CFR + "300.320(a)(6)(i)")


@rules.rule(reads=("assessment", "accommodations"), finds=(TEST_ACCOMMODATIONS,))
def test_accommodations_listed(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """The test decision and the accommodations say opposite things: one of them is wrong."""
    for_tests = [a for a in plan.accommodations if a.applies_to in (AppliesTo.ASSESSMENTS, AppliesTo.BOTH)]
    participation = plan.assessment.participation
    if participation is AssessmentParticipation.REGULAR_WITH_ACCOMMODATIONS and not for_tests:
        yield TEST_ACCOMMODATIONS.at(
            ("assessment", "participation"),
            "The student takes state and district tests with accommodations, but no accommodation is "
            "marked for tests: mark which ones, or say the student takes the tests as everyone does.",
        )
    elif participation is AssessmentParticipation.REGULAR and for_tests:
        yield TEST_ACCOMMODATIONS.at(
            ("assessment", "participation"),
            f"Accommodations are marked for tests ({for_tests[0].description}), but the student takes "
            "the tests without accommodations: one of the two needs changing.",
            severity=RECOMMENDED,
        )
