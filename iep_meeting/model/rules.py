"""The fixed numbers and the state-dependent rules the checklist works with.

The numbers (weeks per month, the most minutes in a week) are the same
everywhere. What differs between states is a rule profile (`Profile`): the
transition age, the age of majority, whether the parent consents to every IEP,
what the signatures on an IEP mean, and items a state requires beyond IDEA.
Profiles are data (TOML files in agendas/profiles/, read by
store/profile_files.py); `FEDERAL` is IDEA's own, used when a plan and its
agenda name none.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from iep_meeting.model.plan import Frequency, Role, Service

# Minutes given per month count as this many weeks: 52 weeks / 12 months, as districts count.
WEEKS_PER_MONTH = 52 / 12
# The most minutes a service or a goal can count in a week: all of them. More is a typo.
MINUTES_IN_A_WEEK = 7 * 24 * 60

# The ages a profile may set: a transition age outside them, or an age of
# majority, is a typing slip (states use 14 to 16, and 18, 19 or 21).
TRANSITION_AGES = range(12, 22)
MAJORITY_AGES = range(16, 22)

# The IEP team (34 CFR 300.321): the people asked whether they agree. An
# interpreter (300.322(e)), an advocate or another guest takes part, and may be
# listed at sign-off, but is not a member of the team.
IEP_TEAM_ROLES = frozenset(
    {
        Role.PARENT,
        Role.STUDENT,
        Role.REGULAR_EDUCATION_TEACHER,
        Role.SPECIAL_EDUCATION_TEACHER,
        Role.DISTRICT_REPRESENTATIVE,
        Role.EVALUATION_INTERPRETER,
        Role.RELATED_SERVICE_PROVIDER,
        Role.TRANSITION_AGENCY,
    }
)


class SignatureMeaning(StrEnum):
    """What a team member's line at sign-off stands for."""

    # The law asks for no signature beyond the parent's consent: recording
    # who agrees is good practice (advice), not a condition of a final plan.
    NOT_REQUIRED = "not-required"
    # Each team member at the meeting records whether they agree.
    AGREEMENT = "agreement"
    # A signature shows who took part; agreement is not asked of each.
    ATTENDANCE = "attendance"


@attrs.frozen(kw_only=True)
class TransitionRule:
    age: int = 16
    cite: str = "34 CFR 300.320(b)"  # the rule's short name, shown with each finding
    source: str = "34 CFR 300.320(b)"  # where it is written: the rule, a quote, an address


@attrs.frozen(kw_only=True)
class MajorityRule:
    age: int = 18
    rights_transfer: bool = True  # whether IDEA's rights move to the student at that age
    cite: str = "34 CFR 300.520(a), 300.320(c)"
    source: str = "34 CFR 300.520(a), 300.320(c)"


@attrs.frozen(kw_only=True)
class ConsentRule:
    every_iep: bool = False  # False: consent only to the first IEP's services
    cite: str = "34 CFR 300.300(b)"
    source: str = "34 CFR 300.300(b)"


@attrs.frozen(kw_only=True)
class SignatureRule:
    meaning: SignatureMeaning = SignatureMeaning.NOT_REQUIRED
    # With "attendance": the roles whose agreement or disagreement is still recorded
    # (in Texas the parent's and the administrator's).
    agreement_from: tuple[Role, ...] = ()
    cite: str = "34 CFR 300.300(b)"
    source: str = "34 CFR 300.320–300.324 ask for no signatures; consent: 300.300(b)"


@attrs.frozen(kw_only=True)
class ProfileRequirement:
    """An item the state requires in every IEP, beyond what the built-in rules ask."""

    path: str  # a plan field path, as in an agenda's `requires`
    words: str  # what is asked for, in plain words: "how the disability affects each area"
    cite: str  # the state rule that requires it, short: "19 TAC §89.1055(b)"
    source: str = ""  # where it is written


@attrs.frozen(kw_only=True)
class ProgressReportRule:
    # True: a goal with no progress report for a reporting period that has ended
    # is a required finding of `check`, not advice (a district's own rule).
    required: bool = False
    cite: str = "34 CFR 300.320(a)(3)(ii)"
    source: str = "34 CFR 300.320(a)(3)(ii): the IEP says when periodic reports on progress are provided"


@attrs.frozen(kw_only=True)
class Profile:
    """The rules of one state (or of IDEA alone) that a meeting follows."""

    id: str = "federal"
    title: str = "Federal rules (IDEA, 34 CFR Part 300)"
    description: str = ""
    source: str = ""
    transition: TransitionRule = TransitionRule()
    majority: MajorityRule = MajorityRule()
    consent: ConsentRule = ConsentRule()
    signatures: SignatureRule = SignatureRule()
    requires: tuple[ProfileRequirement, ...] = ()
    progress_reports: ProgressReportRule = ProgressReportRule()

    @property
    def transition_age(self) -> int:
        return self.transition.age

    @property
    def age_of_majority(self) -> int:
        return self.majority.age


# IDEA alone. agendas/profiles/federal.toml holds the same, with its sources;
# a test keeps the two equal.
FEDERAL = Profile()
FEDERAL_ID = FEDERAL.id


def weekly_minutes(service: Service) -> float | None:
    """A service's time as minutes per week (monthly minutes count as 52/12 weeks)."""
    if service.minutes is None:
        return None
    return service.minutes if service.per is Frequency.WEEKLY else service.minutes / WEEKS_PER_MONTH
