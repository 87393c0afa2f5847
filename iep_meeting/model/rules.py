"""The fixed numbers and the state-dependent rules the checklist works with.

The numbers (weeks per month, the most minutes in a week) are the same
everywhere. What differs between states is a rule profile (`Profile`): the
transition age and the items a state asks the team to consider from an age of
its own, the age of majority and what the IEP says about it, whether and when
the parent consents, what the signatures on an IEP mean, what a disagreement
calls for, the languages of the family's copy, and items a state requires
beyond IDEA. Each rule carries its citation, its source, a short quote of the
rule's text and what of it rests on agency guidance rather than that text.
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


class Translation(StrEnum):
    """Which language the family's copy of the IEP must be in."""

    # The law asks for the copy, in no particular language (IDEA's meeting
    # interpreter and notices in the native language are other rules).
    NOT_REQUIRED = "not-required"
    # When the parent cannot speak English: in Spanish when that is the parent's
    # language; for another language, a good-faith effort (advice). Texas.
    SPANISH = "spanish"
    # In the family's language whatever it is. Massachusetts.
    HOME_LANGUAGE = "home-language"


@attrs.frozen(kw_only=True)
class RuleTexts:
    """Where a rule of a profile comes from; every rule below has these four texts."""

    cite: str = ""  # the rule, short: shown with each finding it makes ("19 TAC §89.1049(a)")
    source: str = ""  # where it is written: the rule, a quote, an address (for whoever checks the profile)
    quote: str = ""  # a short quote of the rule's own text (docs/checklist.md, `iep-meeting profiles`)
    guidance: str = ""  # what of it rests on agency guidance rather than the rule's text ("" if nothing)


@attrs.frozen(kw_only=True)
class TransitionRule(RuleTexts):
    age: int = 16
    cite: str = "34 CFR 300.320(b)"  # the rule's short name, shown with each finding
    source: str = "34 CFR 300.320(b)"  # where it is written: the rule, a quote, an address


@attrs.frozen(kw_only=True)
class ConsiderItem:
    """One item a state asks the team to consider and, if appropriate, address.

    Considered means: a record of it in `transition.considered` with a note, or
    the plan field `shown_by` filled in (an employment goal shows that
    employment goals were considered)."""

    id: str  # as recorded in the plan: "employment"
    words: str  # what is considered, in plain words: "employment goals and objectives"
    cite: str  # its own paragraph: "Tex. Educ. Code §29.011(a)(6)"
    shown_by: str = ""  # a plan field path
    from_age: int | None = None  # only for a student who reaches this age during the plan
    under_age: int | None = None  # only for a student younger than this when the plan starts


@attrs.frozen(kw_only=True)
class TransitionPlanningRule(RuleTexts):
    """A state's own transition planning: items the team considers from an age of
    its own, beside IDEA's transition contents (which follow `[transition]`)."""

    age: int | None = None  # None: no state planning beyond IDEA's
    items: tuple[ConsiderItem, ...] = ()


@attrs.frozen(kw_only=True)
class MajorityRule(RuleTexts):
    age: int = 18
    rights_transfer: bool = True  # whether IDEA's rights move to the student at that age
    # The statement a year before also says the student got information on
    # guardianship and its alternatives (Texas).
    guardianship_information: bool = False
    # Who decides once the student is an adult (the student, shared, delegated,
    # a guardian) is documented in the plan (Massachusetts).
    decisions_documented: bool = False
    cite: str = "34 CFR 300.520(a), 300.320(c)"
    source: str = "34 CFR 300.520(a), 300.320(c)"


@attrs.frozen(kw_only=True)
class ConsentRule(RuleTexts):
    every_iep: bool = False  # False: consent only to the first IEP's services
    # The parent's response (acceptance or rejection) comes after the meeting,
    # within `response_days` of receiving the proposed IEP: not asked at the meeting.
    after_meeting: bool = False
    response_days: int | None = None
    # The proposed IEP goes to the family within this many school days of the meeting.
    proposal_within_school_days: int | None = None
    placement_cite: str = ""  # consent to a placement, when a rule of its own asks it
    cite: str = "34 CFR 300.300(b)"
    source: str = "34 CFR 300.300(b)"


@attrs.frozen(kw_only=True)
class SignatureRule(RuleTexts):
    meaning: SignatureMeaning = SignatureMeaning.NOT_REQUIRED
    # With "attendance": the roles whose agreement or disagreement is still recorded
    # (in Texas the parent's, the adult student's and the administrator's; `student`
    # stands for the adult student, asked only once the rights are the student's).
    agreement_from: tuple[Role, ...] = ()
    cite: str = "34 CFR 300.300(b)"
    source: str = "34 CFR 300.320–300.324 ask for no signatures; consent: 300.300(b)"


@attrs.frozen(kw_only=True)
class DisagreementRule(RuleTexts):
    """What the IEP says when it is not developed by agreement."""

    basis_required: bool = False  # the IEP states the basis of the disagreement
    # Whether each member who disagrees must write a statement: None follows the
    # signatures (required where they mean something); False: they are entitled to.
    statements_required: bool | None = None


@attrs.frozen(kw_only=True)
class RecessRule(RuleTexts):
    """A recess offered to the parent (or adult student) who disagrees."""

    offered: bool = False
    school_days: int = 10  # the longest recess, unless both sides agree otherwise


@attrs.frozen(kw_only=True)
class TranslationRule(RuleTexts):
    """The languages of the family's copy of the IEP."""

    language: Translation = Translation.NOT_REQUIRED
    with_english: bool = False  # a copy in English too (Massachusetts: "both English and the primary language")
    complete: bool = False  # a whole translation, not a summary (the app's family copy is one)


@attrs.frozen(kw_only=True)
class TimelineRule(RuleTexts):
    """When a plan's next meeting is due, in days since the last one, as district
    systems count them (the caseload, docs/caseload.md). "Caution" marks a
    deadline as due soon: the annual review past 335 days, the re-evaluation
    past 1,035 (PCG EasyIEP's thresholds); "urgent" within 7 days of it."""

    annual_review_days: int = 365  # overdue past this: a new IEP at least every 12 months
    annual_review_caution_days: int = 335
    reevaluation_days: int = 1095  # overdue past this: a re-evaluation at least every 3 years
    reevaluation_caution_days: int = 1035
    urgent_days: int = 7
    draft_days: int = 30  # a draft whose meeting is longer ago than this was never finalized
    cite: str = "34 CFR 300.324(b)(1)(i), 300.303(b)(2)"
    source: str = "34 CFR 300.324(b)(1)(i) (at least annually), 300.303(b)(2) (at least once every 3 years)"


@attrs.frozen(kw_only=True)
class ProfileRequirement:
    """An item the state requires in every IEP, beyond what the built-in rules ask."""

    path: str  # a plan field path, as in an agenda's `requires`
    words: str  # what is asked for, in plain words: "how the disability affects each area"
    cite: str  # the state rule that requires it, short: "19 TAC §89.1055(b)"
    source: str = ""  # where it is written


@attrs.frozen(kw_only=True)
class ProgressReportRule(RuleTexts):
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
    transition_planning: TransitionPlanningRule = TransitionPlanningRule()
    disagreement: DisagreementRule = DisagreementRule()
    recess: RecessRule = RecessRule()
    translation: TranslationRule = TranslationRule()
    timelines: TimelineRule = TimelineRule()
    progress_reports: ProgressReportRule = ProgressReportRule()

    @property
    def transition_age(self) -> int:
        return self.transition.age

    @property
    def transition_section_age(self) -> int:
        """From when the agenda's transition section is shown: IDEA's contents, or the state's planning if earlier."""
        planning = self.transition_planning.age if self.transition_planning.items else None
        return min(self.transition.age, planning) if planning is not None else self.transition.age

    @property
    def age_of_majority(self) -> int:
        return self.majority.age


# The tables of a profile that each hold one rule, with its cite, source, quote and guidance.
RULE_TABLES = (
    "transition",
    "transition_planning",
    "majority",
    "consent",
    "signatures",
    "disagreement",
    "recess",
    "translation",
    "timelines",
    "progress_reports",
)


# IDEA alone. agendas/profiles/federal.toml holds the same, with its sources;
# a test keeps the two equal.
FEDERAL = Profile()
FEDERAL_ID = FEDERAL.id


def weekly_minutes(service: Service) -> float | None:
    """A service's time as minutes per week (monthly minutes count as 52/12 weeks)."""
    if service.minutes is None:
        return None
    return service.minutes if service.per is Frequency.WEEKLY else service.minutes / WEEKS_PER_MONTH
