"""The IEP plan record: everything one IEP meeting produces (see DOMAIN.md).

Plain, frozen attrs classes. No Textual, no file I/O: the store turns these into
TOML and back, the app replaces the plan by new values (`attrs.evolve`) and the
checklist, exports and diffs read them.

Field order is the order keys are written to the plan file, so it is part of
the file format (docs/plan-format.md): add new fields at the end of a class.
Optional values are `None` and left out of the file; text defaults to "".
A list or a text marked `WRITTEN_WHEN_SET` is left out while it is empty too
(a field added after plans were sealed, whose seals are over text without it).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import attrs

# Field metadata key: the store leaves a list or text so marked out of the file while it is empty.
WRITTEN_WHEN_SET = "written_when_set"

SCHEMA_VERSION = 2


class Record:
    """What every plan record shares. Each is a frozen attrs class with keyword
    arguments, declared `@attrs.frozen(kw_only=True, repr=False)` so that type
    checkers see it as one; this one repr serves them all, because attrs would
    compile one for each: a quarter of the time the model takes to import at
    every start of the app."""

    __slots__ = ()

    def __repr__(self) -> str:
        record: Any = self
        values = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in attrs.fields(type(record)))
        return f"{type(self).__name__}({values})"


class MeetingKind(StrEnum):
    INITIAL = "initial"
    ANNUAL_REVIEW = "annual-review"
    REEVALUATION = "re-evaluation"
    AMENDMENT = "amendment"


class Status(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class Role(StrEnum):
    """Team roles named by IDEA (34 CFR 300.321), plus the people around them."""

    PARENT = "parent"
    STUDENT = "student"
    REGULAR_EDUCATION_TEACHER = "regular-education-teacher"
    SPECIAL_EDUCATION_TEACHER = "special-education-teacher"
    DISTRICT_REPRESENTATIVE = "district-representative"
    EVALUATION_INTERPRETER = "evaluation-interpreter"
    RELATED_SERVICE_PROVIDER = "related-service-provider"
    TRANSITION_AGENCY = "transition-agency"
    INTERPRETER = "interpreter"
    ADVOCATE = "advocate"
    OTHER = "other"


class Attendance(StrEnum):
    INVITED = "invited"  # not known yet: the meeting has not started
    IN_PERSON = "in-person"
    REMOTE = "remote"  # by phone or video (300.328)
    EXCUSED = "excused"
    ABSENT = "absent"


class Excusal(StrEnum):
    """The two kinds of written excusal of a required member (300.321(e))."""

    NOT_DISCUSSED = "not-discussed"  # (e)(1) parent and district agree in writing
    WRITTEN_INPUT = "written-input"  # (e)(2) parent consents, member gave written input


class ContactMethod(StrEnum):
    PHONE = "phone"
    LETTER = "letter"
    EMAIL = "email"
    HOME_VISIT = "home-visit"
    IN_PERSON = "in-person"
    OTHER = "other"


class Progress(StrEnum):
    MET = "met"
    PROGRESSING = "progressing"
    NOT_MET = "not-met"


class GoalArea(StrEnum):
    ACADEMIC = "academic"
    FUNCTIONAL = "functional"


class ServiceKind(StrEnum):
    SPECIAL_EDUCATION = "special-education"
    RELATED_SERVICE = "related-service"
    SUPPLEMENTARY_AID = "supplementary-aid"
    PROGRAM_MODIFICATION = "program-modification"


class Frequency(StrEnum):
    WEEKLY = "week"
    MONTHLY = "month"


class AppliesTo(StrEnum):
    CLASSROOM = "classroom"
    ASSESSMENTS = "assessments"
    BOTH = "both"


class AssessmentParticipation(StrEnum):
    REGULAR = "regular"
    REGULAR_WITH_ACCOMMODATIONS = "regular-with-accommodations"
    ALTERNATE = "alternate"


class Outcome(StrEnum):
    AGREED = "agreed"
    NOT_AGREED = "not-agreed"
    TABLED = "tabled"


class ParkingLotState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    FOLLOW_UP = "follow-up"  # carried to a follow-up meeting


class CopyMethod(StrEnum):
    IN_PERSON = "in-person"
    MAIL = "mail"
    EMAIL = "email"
    PORTAL = "portal"


class CopyForm(StrEnum):
    """What the family is given: a copy to read or a recording to listen to
    (Texas: "a written or audiotaped copy", TEC §29.005(d))."""

    WRITTEN = "written"
    AUDIO = "audio"


class AdultDecisions(StrEnum):
    """Who makes the special education decisions once the student reaches the age of
    majority (34 CFR 300.520; Massachusetts: 603 CMR 28.07(5))."""

    STUDENT = "student"  # the adult student decides
    SHARED = "shared"  # with a parent or another willing adult, as the student chose and documented
    DELEGATED = "delegated"  # to a parent or another willing adult, as the student chose and documented
    GUARDIAN = "guardian"  # a court has appointed a guardian, who decides


class RecessAnswer(StrEnum):
    """The recess offered to a parent or adult student who disagrees (Texas: 19 TAC §89.1050(g))."""

    TAKEN = "taken"  # the committee recesses and meets again on the agreed date, time and place
    DECLINED = "declined"
    NOT_REQUIRED = "not-required"  # danger of physical harm, or a disciplinary case: no recess is owed


class ResponseAnswer(StrEnum):
    """The family's answer to a proposed IEP given after the meeting (Massachusetts:
    accepted or rejected in full or in part, 603 CMR 28.05(7))."""

    ACCEPTED = "accepted"  # in full
    ACCEPTED_IN_PART = "accepted-in-part"  # what is accepted is implemented; the rest is rejected
    REJECTED = "rejected"  # in full


class InterpreterStatus(StrEnum):
    """Whether the family has an interpreter at the meeting (300.322(e))."""

    NOT_NEEDED = "not-needed"
    NEEDED = "needed"  # needed, not arranged yet
    PROVIDED = "provided"
    DECLINED = "declined"  # offered, and the family declined


class DecisionAction(StrEnum):
    """What a decision is for the Prior Written Notice (300.503(a))."""

    PROPOSES = "proposes"  # the school proposes to start or change something
    REFUSES = "refuses"  # the school refuses what was asked


class DecisionSubject(StrEnum):
    """What the action is about (300.503(a)(1)-(2))."""

    IDENTIFICATION = "identification"
    EVALUATION = "evaluation"
    PLACEMENT = "placement"
    SERVICES = "services"  # the provision of FAPE: services, goals, supports


# --- who and when -----------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Guardian(Record):
    name: str
    relationship: str = ""  # mother, grandfather, foster parent, ...
    phone: str = ""
    email: str = ""
    language: str = ""  # when it differs from the student's home language


@attrs.frozen(kw_only=True, repr=False)
class Student(Record):
    name: str
    id: str = ""  # district student id
    date_of_birth: dt.date | None = None
    grade: str = ""
    school: str = ""
    # The IDEA eligibility category (e.g. "specific learning disability"); never a diagnosis.
    eligibility: str = ""
    home_language: str = "English"
    guardians: tuple[Guardian, ...] = ()
    case_manager: str = ""  # the staff member who coordinates the student's IEP


@attrs.frozen(kw_only=True, repr=False)
class Meeting(Record):
    kind: MeetingKind
    date: dt.date | None = None
    place: str = ""
    start_time: dt.time | None = None
    planned_end: dt.time | None = None
    interpreter_status: InterpreterStatus | None = None  # None: not asked yet
    interpreter: str = ""  # name and language, when one is provided
    previous_iep_date: dt.date | None = None
    last_evaluation_date: dt.date | None = None


@attrs.frozen(kw_only=True, repr=False)
class Period(Record):
    start: dt.date
    end: dt.date


# --- the team -----------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class ContactAttempt(Record):
    """A documented attempt to involve the parent (300.322(d))."""

    date: dt.date
    method: ContactMethod
    result: str = ""


@attrs.frozen(kw_only=True, repr=False)
class TeamMember(Record):
    name: str
    role: Role
    title: str = ""  # "7th grade ELA teacher", "school psychologist"
    attendance: Attendance = Attendance.INVITED
    excusal: Excusal | None = None
    excusal_consent_date: dt.date | None = None  # the parent's written consent
    written_input: str = ""  # for an (e)(2) excusal: what the member submitted
    contact_attempts: tuple[ContactAttempt, ...] = ()
    # Taking part in only some of the meeting (a student who joins for transition, ...).
    present_from: dt.time | None = None
    present_until: dt.time | None = None
    excusal_school_agreed: dt.date | None = None  # the district's written agreement (300.321(e))
    written_input_date: dt.date | None = None  # when the written input was submitted ((e)(2))
    # How the family reaches this person (the case manager's are on the family's copy).
    # Left out while empty, so the seals of plans finalized before them still hold.
    phone: str = attrs.field(default="", metadata={WRITTEN_WHEN_SET: True})
    email: str = attrs.field(default="", metadata={WRITTEN_WHEN_SET: True})

    @property
    def at_meeting(self) -> bool:
        """Taking part: in the room, or by phone or video (300.328)."""
        return self.attendance in (Attendance.IN_PERSON, Attendance.REMOTE)


@attrs.frozen(kw_only=True, repr=False)
class FamilyTopic(Record):
    """A topic the family asked to talk about, on the meeting's agenda."""

    topic: str  # the family's words
    from_form: dt.date | None = None  # the date of the family's form it came from
    language: str = ""  # the code of the language of `topic` when it is not the meeting's ("es")


@attrs.frozen(kw_only=True, repr=False)
class Facilitation(Record):
    facilitator: str = ""
    note_taker: str = ""
    timekeeper: str = ""
    desired_outcomes: tuple[str, ...] = ()
    norms: tuple[str, ...] = ()
    decision_making: str = ""  # how the team will reach decisions
    # The family's own topics for the agenda (`iep-meeting prepare` lists them).
    family_topics: tuple[FamilyTopic, ...] = attrs.field(default=(), metadata={WRITTEN_WHEN_SET: True})


# --- present levels -------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class PresentLevelArea(Record):
    area: str  # "reading", "written expression", "social skills", ...
    strengths: str = ""
    needs: str = ""
    baseline: str = ""  # current data
    impact: str = ""  # how the disability affects progress in the general curriculum


@attrs.frozen(kw_only=True, repr=False)
class PreviousGoal(Record):
    """A goal of the previous IEP and the progress the student made on it."""

    id: str
    statement: str
    progress: Progress | None = None
    evidence: str = ""


@attrs.frozen(kw_only=True, repr=False)
class FamilyInput(Record):
    """The family's answers to the input form sent before the meeting (`iep-meeting
    prepare`), as the family wrote them (`iep-meeting import-input`): shown "from the
    family's form" with its date, never edited by the team; a later form replaces
    them, after saying what changed. Their concerns are `PresentLevels.concerns`,
    their topics `Facilitation.family_topics` (or the parking lot)."""

    form_date: dt.date  # the day the family saved the form
    language: str = ""  # the language they answered in, as its code ("es"); "": the meeting's, English
    filled_by: str = ""  # who filled it in, in their words
    strengths: str = ""  # the student's strengths and interests
    vision_next_year: str = ""  # what the family hopes for the coming year
    vision_after_school: str = ""  # and for life after school
    works_at_home: str = ""  # what works at home
    # The student's own page.
    student_good_at: str = ""  # what I'm good at
    student_hard: str = ""  # what is hard for me
    student_helps: str = ""  # what helps me


@attrs.frozen(kw_only=True, repr=False)
class Concern(Record):
    """A concern the family raised, in their words, and what in the plan answers it
    (model/concerns.py): a goal, a service, an accommodation, a decision (a refusal
    too, with its notice) or a parking-lot topic, each named by its list and id."""

    id: str  # "concern-1": stable, what the answers and the checklist name it by
    text: str  # the family's words, as they said or wrote them
    from_form: dt.date | None = None  # the date of the family's form it came from; None: raised in the meeting
    language: str = ""  # the code of the language of `text` when it is not the meeting's ("es": a form in Spanish)
    raised_by: str = ""
    # "goals:goal-1", "services:service-2", "accommodations:accommodation-1",
    # "decisions:decision-3", "parking_lot:topic-1".
    answered_by: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class PresentLevels(Record):
    areas: tuple[PresentLevelArea, ...] = ()
    parent_concerns: str = ""
    evaluation_summary: str = ""
    previous_goals: tuple[PreviousGoal, ...] = ()
    family_input: FamilyInput | None = None  # the family's own answers, from the input form
    # Each concern the family raised, and what answers it. Left out while empty, so
    # the seals of plans finalized before it still hold.
    concerns: tuple[Concern, ...] = attrs.field(default=(), metadata={WRITTEN_WHEN_SET: True})


# --- goals and services ---------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Objective(Record):
    """A short-term objective or benchmark toward an annual goal."""

    statement: str
    criterion: str = ""
    target_date: dt.date | None = None
    by_when: str = ""  # when it is not a date: "by March", "by the end of the first quarter"


@attrs.frozen(kw_only=True, repr=False)
class Goal(Record):
    id: str  # stable across reordering; services refer to it
    area: GoalArea
    domain: str = ""  # "reading fluency", "self-regulation", ...
    statement: str = ""
    baseline: str = ""
    target: str = ""  # the criterion that counts as met
    measured_by: str = ""
    reporting: str = ""  # when progress reports go to the family
    minutes_per_week: int | None = None  # minimum service time behind the goal
    objectives: tuple[Objective, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Service(Record):
    id: str  # stable across edits and amendments: "service-3"
    kind: ServiceKind
    description: str
    provider: str = ""  # the provider's role, e.g. "speech-language pathologist"
    minutes: int | None = None
    per: Frequency = Frequency.WEEKLY
    setting: str = ""  # "general education classroom", "resource room", ...
    start: dt.date | None = None
    end: dt.date | None = None
    goals: tuple[str, ...] = ()  # ids of the goals this service serves
    # How often, in words, for a service that is not counted in minutes
    # ("daily, during content-area reading"): supplementary aids and program modifications.
    frequency: str = ""


@attrs.frozen(kw_only=True, repr=False)
class Accommodation(Record):
    id: str  # stable across edits and amendments: "accommodation-2"
    description: str
    applies_to: AppliesTo = AppliesTo.CLASSROOM
    note: str = ""


# --- placement, assessments, special factors ------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Assessment(Record):
    participation: AssessmentParticipation | None = None
    # Both required for an alternate assessment (300.320(a)(6)(ii)).
    why_regular_not_appropriate: str = ""
    why_alternate_appropriate: str = ""
    note: str = ""


@attrs.frozen(kw_only=True, repr=False)
class LeastRestrictiveEnvironment(Record):
    general_education_percent: int | None = None
    explanation: str = ""  # why any time apart from non-disabled peers


@attrs.frozen(kw_only=True, repr=False)
class Factor(Record):
    """One special factor: considered means `needed` is set (yes or no)."""

    needed: bool | None = None
    note: str = ""

    @property
    def considered(self) -> bool:
        return self.needed is not None


@attrs.frozen(kw_only=True, repr=False)
class SpecialFactors(Record):
    """The five factors the team must consider (300.324(a)(2))."""

    behavior: Factor = Factor()
    limited_english: Factor = Factor()
    vision: Factor = Factor()  # blindness or visual impairment: Braille
    communication: Factor = Factor()  # incl. deaf or hard of hearing
    assistive_technology: Factor = Factor()


@attrs.frozen(kw_only=True, repr=False)
class ExtendedSchoolYear(Record):
    eligible: bool | None = None  # None: not decided yet
    note: str = ""


# --- transition -------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Considered(Record):
    """An item a state asks the team to consider and, if appropriate, address
    (Texas: TEC §29.011(a)), with what the team decided about it."""

    item: str  # the item's id in the rule profile, e.g. "employment"
    note: str = ""  # how the plan addresses it, or why it does not need to yet


@attrs.frozen(kw_only=True, repr=False)
class Transition(Record):
    education_goal: str = ""  # post-secondary education or training
    employment_goal: str = ""
    independent_living_goal: str = ""  # where appropriate
    assessments: str = ""  # transition assessments the goals are based on
    services: tuple[str, ...] = ()
    course_of_study: str = ""
    student_invited: bool = False
    rights_transfer_informed: dt.date | None = None  # when the student was told
    # The items the state's profile asks the team to consider (its `[transition_planning]`).
    considered: tuple[Considered, ...] = attrs.field(default=(), metadata={WRITTEN_WHEN_SET: True})
    # When the student got information on guardianship and its alternatives (Texas: 19 TAC §89.1049(a)).
    guardianship_informed: dt.date | None = None
    adult_decisions: AdultDecisions | None = None  # who decides once the student is an adult


# --- the meeting record ------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class OptionConsidered(Record):
    """Another option the team considered, and why it was not chosen (300.503(b)(6))."""

    option: str
    why_rejected: str = ""


@attrs.frozen(kw_only=True, repr=False)
class Decision(Record):
    time: dt.datetime
    section: str  # agenda section id
    what: str
    outcome: Outcome = Outcome.AGREED
    disagreed: str = ""  # who disagreed and why
    options: tuple[OptionConsidered, ...] = ()
    # What a Prior Written Notice of this decision needs (34 CFR 300.503(b)).
    action: DecisionAction | None = None  # whether the school proposes or refuses an action
    subject: DecisionSubject | None = None
    reasons: str = ""  # why the school proposes or refuses it
    evaluations_used: str = ""  # each evaluation, record or report the decision is based on
    other_factors: str = ""  # other factors relevant to the decision
    # Given when a family's concern is linked to it ("decision-3"; model/concerns.py).
    id: str = attrs.field(default="", metadata={WRITTEN_WHEN_SET: True})


@attrs.frozen(kw_only=True, repr=False)
class ParkingLotItem(Record):
    topic: str
    raised_by: str = ""
    section: str = ""
    state: ParkingLotState = ParkingLotState.OPEN
    resolution: str = ""
    # Given when a family's concern is linked to it ("topic-2"; model/concerns.py).
    id: str = attrs.field(default="", metadata={WRITTEN_WHEN_SET: True})
    from_form: dt.date | None = None  # a topic from the family's form: the form's date
    language: str = attrs.field(default="", metadata={WRITTEN_WHEN_SET: True})  # the code of `topic`'s, if not English


@attrs.frozen(kw_only=True, repr=False)
class ActionItem(Record):
    owner: str
    what: str
    due: dt.date | None = None
    done: bool = False


@attrs.frozen(kw_only=True, repr=False)
class Signature(Record):
    name: str
    role: Role
    agrees: bool | None = None
    statement: str = ""  # the participant's own words, required on disagreement
    date: dt.date | None = None


@attrs.frozen(kw_only=True, repr=False)
class SignOff(Record):
    signatures: tuple[Signature, ...] = ()
    parent_consent: bool | None = None
    parent_consent_date: dt.date | None = None
    finalized: dt.date | None = None
    # Set when the plan is finalized: the SHA-256 of the plan's content (the
    # file without this key), so an edit after finalizing shows.
    content_sha256: str | None = None
    # An adult student's own consent (or acceptance), when the rights are the student's.
    student_consent: bool | None = None
    student_consent_date: dt.date | None = None
    # The recess offered to a parent or adult student who disagrees, and the
    # continued meeting's date, time and place agreed before it (Texas).
    recess: RecessAnswer | None = None
    recess_date: dt.date | None = None
    recess_time: dt.time | None = None
    recess_place: str = attrs.field(default="", metadata={WRITTEN_WHEN_SET: True})


@attrs.frozen(kw_only=True, repr=False)
class FamilyCopy(Record):
    """One copy of the IEP given to the family (300.322(f)): there may be several,
    e.g. one in English and one in the family's language."""

    method: CopyMethod | None = None
    date: dt.date | None = None
    language: str = ""
    document: str = ""  # which document, when made by the app: "family", "full"
    sha256: str = ""  # of the file given, when made by the app: the record proves what the family got
    form: CopyForm | None = None  # written, or an audio recording (None: not said; made by the app: written)


@attrs.frozen(kw_only=True, repr=False)
class FollowUp(Record):
    """A meeting closed as "to be continued": what is left for the next one."""

    closed: dt.date | None = None  # when this meeting was closed without finalizing
    date: dt.date | None = None  # when the follow-up meeting is planned
    open_items: tuple[str, ...] = ()  # what the checklist still lacked at the close


@attrs.frozen(kw_only=True, repr=False)
class Amends(Record):
    """The final record an amendment changes."""

    path: str
    sha256: str


@attrs.frozen(kw_only=True, repr=False)
class Follows(Record):
    """The final plan of last year that this one starts from (`iep-meeting new --from`),
    and what of it was carried over and is still to be reviewed at this meeting."""

    path: str
    sha256: str
    # Review keys (model/next_year.py) of the carried parts and records nobody
    # has changed or confirmed yet: "services:service-2", "lre", ...
    to_review: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Translation(Record):
    """The family-language version of one text the team typed (model/translations.py).

    Kept by the record and field it translates (`key`, as `diff` names them:
    "goals[id=goal-1].statement"), with a hash of the English it was made from:
    when the English changes later, the translation is out of date, not silently kept."""

    key: str
    language: str  # the family's language, as the plan names it: "Spanish"
    text: str
    english_hash: str = ""  # the first 16 hex digits of the SHA-256 of the English it translates
    by: str = ""  # who translated it: "Ana Ruiz, interpreter"
    date: dt.date | None = None


@attrs.frozen(kw_only=True, repr=False)
class FamilyResponse(Record):
    """The family's response to the proposed IEP, recorded when it comes after the
    meeting (outside the seal: the plan the team proposed stays as it was)."""

    date: dt.date
    answer: ResponseAnswer
    by: str = ""  # who answered: "Renata Vance, parent" (or the adult student)
    rejected: str = ""  # when in part: what is rejected, in their words
    note: str = ""


@attrs.frozen(kw_only=True, repr=False)
class Plan(Record):
    student: Student
    meeting: Meeting
    period: Period
    status: Status = Status.DRAFT
    agenda: str = ""  # id of the agenda the meeting follows
    profile: str = ""  # id of the state's rule profile; "" takes the agenda's, else federal
    amends: Amends | None = None
    team: tuple[TeamMember, ...] = ()
    facilitation: Facilitation = Facilitation()
    present_levels: PresentLevels = PresentLevels()
    goals: tuple[Goal, ...] = ()
    services: tuple[Service, ...] = ()
    accommodations: tuple[Accommodation, ...] = ()
    assessment: Assessment = Assessment()
    lre: LeastRestrictiveEnvironment = LeastRestrictiveEnvironment()
    special_factors: SpecialFactors = SpecialFactors()
    transition: Transition = Transition()
    esy: ExtendedSchoolYear = ExtendedSchoolYear()
    decisions: tuple[Decision, ...] = ()
    parking_lot: tuple[ParkingLotItem, ...] = ()
    action_items: tuple[ActionItem, ...] = ()
    sign_off: SignOff = SignOff()
    family_copies: tuple[FamilyCopy, ...] = ()
    follow_up: FollowUp | None = None
    follows: Follows | None = None  # in next year's plan: last year's, which it starts from
    # Copies the app made for the family after the plan was finalized. Outside the
    # seal (store/seal.py): the seal is over what the team agreed, and the family
    # gets its copy of the final plan after that.
    copies_after_final: tuple[FamilyCopy, ...] = attrs.field(default=(), metadata={WRITTEN_WHEN_SET: True})
    # The team's words in the family's language. Outside the seal too: a translation
    # is made during or after the meeting, of what the team agreed in English.
    translations: tuple[Translation, ...] = attrs.field(default=(), metadata={WRITTEN_WHEN_SET: True})
    # The family's response to the proposed IEP, where the state has it come after
    # the meeting (Massachusetts). Outside the seal: it answers what was sealed.
    responses: tuple[FamilyResponse, ...] = attrs.field(default=(), metadata={WRITTEN_WHEN_SET: True})


def team_names(plan: Plan) -> list[str]:
    """The names of the team members, as they are suggested where a name is typed."""
    return [member.name for member in plan.team if member.name.strip()]
