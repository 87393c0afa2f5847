"""Fictional but realistic plans for tests and benchmarks.

Every person here is made up: the surnames (Example, Sample, Placeholder,
Fixture, Mockwell, ...) make that plain on screen and in any file a test
leaves behind. Nothing is random: the same call always gives the same plan,
so tests can compare bytes and benchmarks are repeatable.

Used by tests (``from tests.factories import small_plan`` or, with tests/ on
``sys.path``, ``from factories import small_plan``) and by bench/ scripts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from iep_meeting.model.plan import (
    Accommodation,
    ActionItem,
    AppliesTo,
    Assessment,
    AssessmentParticipation,
    Attendance,
    ContactAttempt,
    ContactMethod,
    CopyMethod,
    Decision,
    DecisionAction,
    DecisionSubject,
    Excusal,
    ExtendedSchoolYear,
    Facilitation,
    Factor,
    FamilyCopy,
    Frequency,
    Goal,
    GoalArea,
    Guardian,
    InterpreterStatus,
    LeastRestrictiveEnvironment,
    Meeting,
    MeetingKind,
    Objective,
    OptionConsidered,
    Outcome,
    ParkingLotItem,
    ParkingLotState,
    Period,
    Plan,
    PresentLevelArea,
    PresentLevels,
    PreviousGoal,
    Progress,
    Role,
    Service,
    ServiceKind,
    Signature,
    SignOff,
    SpecialFactors,
    Student,
    TeamMember,
)

__all__ = [
    "MEETING_DATE",
    "PERIOD_END",
    "PERIOD_START",
    "big_plan",
    "make_goal",
    "small_plan",
]

MEETING_DATE = dt.date(2026, 3, 12)
PERIOD_START = dt.date(2026, 3, 16)
PERIOD_END = dt.date(2027, 3, 15)  # start + 1 year - 1 day


def _at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(MEETING_DATE, dt.time(hour, minute))


# --- pieces ---------------------------------------------------------------------


def _student() -> Student:
    return Student(
        name="Sam Example",
        id="FAKE-000123",
        date_of_birth=dt.date(2013, 5, 4),
        grade="7",
        school="Placeholder Middle School",
        eligibility="specific learning disability",
        home_language="English",
        guardians=(
            Guardian(
                name="Alex Example",
                relationship="mother",
                phone="555-0100",
                email="alex.example@example.org",
            ),
            Guardian(
                name="Rosa Example",
                relationship="grandmother",
                phone="555-0101",
                language="Spanish",
            ),
        ),
    )


def _meeting() -> Meeting:
    return Meeting(
        kind=MeetingKind.ANNUAL_REVIEW,
        date=MEETING_DATE,
        place="Placeholder Middle School, room 114",
        start_time=dt.time(15, 30),
        planned_end=dt.time(16, 45),
        interpreter_status=InterpreterStatus.PROVIDED,
        interpreter="Lupe Sample (Spanish)",
        previous_iep_date=dt.date(2025, 3, 14),
        last_evaluation_date=dt.date(2024, 2, 20),
    )


def _team() -> tuple[TeamMember, ...]:
    return (
        TeamMember(
            name="Alex Example",
            role=Role.PARENT,
            title="mother",
            attendance=Attendance.IN_PERSON,
            contact_attempts=(
                ContactAttempt(
                    date=dt.date(2026, 2, 17),
                    method=ContactMethod.PHONE,
                    result="agreed to March 12 after school",
                ),
                ContactAttempt(
                    date=dt.date(2026, 2, 19),
                    method=ContactMethod.LETTER,
                    result="written notice of meeting sent home",
                ),
            ),
        ),
        TeamMember(
            name="Sam Example",
            role=Role.STUDENT,
            attendance=Attendance.IN_PERSON,
        ),
        TeamMember(
            name="Jordan Placeholder",
            role=Role.REGULAR_EDUCATION_TEACHER,
            title="7th grade ELA teacher",
            attendance=Attendance.EXCUSED,
            excusal=Excusal.WRITTEN_INPUT,
            excusal_consent_date=dt.date(2026, 3, 2),
            excusal_school_agreed=dt.date(2026, 3, 3),
            written_input=(
                "Sam participates well in class discussion.\nWritten work is often unfinished; graphic organizers help."
            ),
        ),
        TeamMember(
            name="Casey Fixture",
            role=Role.SPECIAL_EDUCATION_TEACHER,
            title="resource room teacher, case manager",
            attendance=Attendance.IN_PERSON,
        ),
        TeamMember(
            name="Morgan Mockwell",
            role=Role.DISTRICT_REPRESENTATIVE,
            title="assistant principal",
            attendance=Attendance.REMOTE,
        ),
        TeamMember(
            name="Riley Stubbs",
            role=Role.EVALUATION_INTERPRETER,
            title="school psychologist",
            attendance=Attendance.IN_PERSON,
        ),
    )


def _present_levels() -> PresentLevels:
    return PresentLevels(
        areas=(
            PresentLevelArea(
                area="reading fluency",
                strengths="Decodes grade-level words accurately; enjoys graphic novels.",
                needs="Reading rate and expression on grade-level text.",
                baseline="82 words correct per minute on 7th grade passages (winter benchmark).",
                impact=(
                    "Slow reading limits how much of the science and social studies\n"
                    "texts Sam can finish during class time."
                ),
            ),
            PresentLevelArea(
                area="written expression",
                strengths="Strong ideas when talking them through.",
                needs="Organizing a multi-paragraph response.",
                baseline="Writes 1 paragraph of 3-4 sentences on a prompt in 20 minutes.",
                impact="Assignments with written responses are often left unfinished.",
            ),
            PresentLevelArea(
                area="self-regulation",
                strengths="Asks for a break when reminded.",
                needs="Starting tasks without adult prompts.",
                baseline="Starts independent work within 2 minutes in 2 of 10 observations.",
                impact="Sam loses the first part of independent work time in every class.",
            ),
        ),
        parent_concerns=(
            "Homework takes Sam 2-3 hours a night.\nFamily wants Sam to keep the elective (band) next year."
        ),
        evaluation_summary=(
            "Triennial evaluation (February 2024): average cognitive ability;\n"
            "reading fluency and written expression well below average."
        ),
        previous_goals=(
            PreviousGoal(
                id="2025-reading",
                statement="Read 6th grade passages at 100 words correct per minute.",
                progress=Progress.PROGRESSING,
                evidence="From 64 to 82 words correct per minute (quarterly probes).",
            ),
            PreviousGoal(
                id="2025-writing",
                statement="Write a 3-sentence paragraph with topic sentence and detail.",
                progress=Progress.MET,
                evidence="4 of 4 writing samples in the last quarter.",
            ),
        ),
    )


def make_goal(number: int, *, objectives: int = 3) -> Goal:
    """One realistic goal; ``number`` makes its id and text unique."""
    area = GoalArea.ACADEMIC if number % 3 else GoalArea.FUNCTIONAL
    return Goal(
        id=f"goal-{number:03d}",
        area=area,
        domain=("self-regulation", "reading fluency", "written expression")[number % 3],
        statement=(
            f"By March 2027, given a 7th grade passage (goal {number}), Sam will read\n"
            f"aloud at {100 + number % 50} words correct per minute."
        ),
        baseline=f"{80 + number % 20} words correct per minute (winter benchmark).",
        target=f"{100 + number % 50} words correct per minute on 3 of 4 probes.",
        measured_by="curriculum-based measurement probes, every two weeks",
        reporting="quarterly, with report cards",
        minutes_per_week=30 + 5 * (number % 7),
        objectives=tuple(
            Objective(
                statement=f"Objective {k} of goal {number}: {85 + 5 * k} words correct per minute.",
                criterion="3 of 4 probes",
                target_date=dt.date(2026, 3 + 3 * k, 15),
            )
            for k in range(1, objectives + 1)
        ),
    )


def _goals() -> tuple[Goal, ...]:
    reading = Goal(
        id="reading-fluency",
        area=GoalArea.ACADEMIC,
        domain="reading fluency",
        statement=(
            "By March 2027, given an unfamiliar 7th grade passage,\n"
            "Sam will read aloud at 110 words correct per minute."
        ),
        baseline="82 words correct per minute (winter benchmark).",
        target="110 words correct per minute on 3 of 4 consecutive probes.",
        measured_by="curriculum-based measurement probes, every two weeks",
        reporting="quarterly, with report cards",
        minutes_per_week=90,
        objectives=(
            Objective(
                statement="Reads 7th grade passages at 92 words correct per minute.",
                criterion="3 of 4 probes",
                target_date=dt.date(2026, 6, 12),
            ),
            Objective(
                statement="Reads 7th grade passages at 100 words correct per minute.",
                criterion="3 of 4 probes",
                target_date=dt.date(2026, 11, 20),
            ),
        ),
    )
    writing = Goal(
        id="written-expression",
        area=GoalArea.ACADEMIC,
        domain="written expression",
        statement=(
            "By March 2027, given a prompt and a graphic organizer, Sam will write\n"
            "a 3-paragraph response with an introduction, supporting details and a conclusion."
        ),
        baseline="1 paragraph of 3-4 sentences in 20 minutes.",
        target="Scores 3 of 4 on the district writing rubric on 4 of 5 samples.",
        measured_by="district writing rubric, monthly writing samples",
        reporting="quarterly, with report cards",
        minutes_per_week=60,
        objectives=(
            Objective(
                statement="Completes a graphic organizer for a 3-paragraph response.",
                criterion="4 of 5 samples",
                target_date=dt.date(2026, 6, 12),
            ),
            Objective(
                statement="Writes 2 paragraphs with a topic sentence and 2 details each.",
                criterion="4 of 5 samples",
                target_date=dt.date(2026, 11, 20),
            ),
        ),
    )
    starting = Goal(
        id="task-initiation",
        area=GoalArea.FUNCTIONAL,
        domain="self-regulation",
        statement=(
            "Sam will start independent work within 2 minutes of the direction,\n"
            "using a visual checklist, without adult prompts."
        ),
        baseline="2 of 10 observations.",
        target="8 of 10 observations over 2 weeks.",
        measured_by="teacher observation checklist, weekly",
        reporting="quarterly, with report cards",
        minutes_per_week=10,
        objectives=(
            Objective(
                statement="Starts within 2 minutes with one adult prompt.",
                criterion="8 of 10 observations",
                target_date=dt.date(2026, 6, 12),
            ),
        ),
    )
    return (reading, writing, starting)


def _services() -> tuple[Service, ...]:
    return (
        Service(
            id="service-1",
            kind=ServiceKind.SPECIAL_EDUCATION,
            description="Specialized reading and writing instruction",
            provider="special education teacher",
            minutes=150,
            per=Frequency.WEEKLY,
            setting="resource room",
            start=PERIOD_START,
            end=PERIOD_END,
            goals=("reading-fluency", "written-expression"),
        ),
        Service(
            id="service-2",
            kind=ServiceKind.RELATED_SERVICE,
            description="School counseling: task initiation and self-monitoring",
            provider="school counselor",
            minutes=60,
            per=Frequency.MONTHLY,
            setting="counselor's office",
            start=PERIOD_START,
            end=PERIOD_END,
            goals=("task-initiation",),
        ),
        Service(
            id="service-3",
            kind=ServiceKind.SUPPLEMENTARY_AID,
            description="Text-to-speech software for science and social studies texts",
            provider="general education teachers",
            minutes=120,
            setting="general education classroom",
            start=PERIOD_START,
            end=PERIOD_END,
        ),
    )


def _accommodations() -> tuple[Accommodation, ...]:
    return (
        Accommodation(
            id="accommodation-1", description="Extended time (1.5x) on tests and quizzes", applies_to=AppliesTo.BOTH
        ),
        Accommodation(
            id="accommodation-2",
            description="Tests read aloud, except reading comprehension",
            applies_to=AppliesTo.ASSESSMENTS,
        ),
        Accommodation(id="accommodation-3", description="Graphic organizers for written assignments"),
        Accommodation(
            id="accommodation-4",
            description="Copy of class notes",
            note="Teacher or peer notes, given at the end of class.",
        ),
        Accommodation(
            id="accommodation-5", description="Preferential seating near instruction", applies_to=AppliesTo.CLASSROOM
        ),
    )


def _decisions() -> tuple[Decision, ...]:
    return (
        Decision(
            time=_at(15, 52),
            section="goals",
            what=("The team agreed on three annual goals: reading fluency,\nwritten expression and task initiation."),
            options=(
                OptionConsidered(
                    option="A separate reading comprehension goal",
                    why_rejected="comprehension is at grade level when text is read aloud",
                ),
            ),
        ),
        Decision(
            time=_at(16, 21),
            section="services",
            what="Reading and writing instruction in the resource room, 150 minutes a week.",
            outcome=Outcome.AGREED,
            disagreed=(
                "Alex Example (parent) preferred 120 minutes so that Sam keeps band;\n"
                "the team will review the schedule in June."
            ),
            options=(
                OptionConsidered(option="Push-in support in ELA only", why_rejected="not enough time on fluency"),
            ),
            action=DecisionAction.PROPOSES,
            subject=DecisionSubject.SERVICES,
            reasons="Reading fluency is two years below grade level and needs daily specialized instruction.",
            evaluations_used="Fall and winter fluency probes; the 2024 psychoeducational evaluation.",
        ),
    )


# --- whole plans ---------------------------------------------------------------------


def small_plan(**changes: Any) -> Plan:
    """A complete draft annual review for a 7th grader (the completeness checklist
    finds nothing to do); ``changes`` evolve it."""
    plan = Plan(
        student=_student(),
        meeting=_meeting(),
        period=Period(start=PERIOD_START, end=PERIOD_END),
        agenda="annual-review",
        team=_team(),
        facilitation=Facilitation(
            facilitator="Casey Fixture",
            note_taker="Riley Stubbs",
            timekeeper="Morgan Mockwell",
            desired_outcomes=(
                "Agree on goals for next year",
                "Decide services and accommodations",
            ),
            norms=("One voice at a time", "Plain words, no jargon", "End on time"),
            decision_making="Consensus; the district representative confirms resources.",
        ),
        present_levels=_present_levels(),
        goals=_goals(),
        services=_services(),
        accommodations=_accommodations(),
        assessment=Assessment(
            participation=AssessmentParticipation.REGULAR_WITH_ACCOMMODATIONS,
            note="State reading test: read-aloud not allowed on the reading part.",
        ),
        lre=LeastRestrictiveEnvironment(
            general_education_percent=85,
            explanation=(
                "Sam is out of general education for 150 minutes a week\n"
                "for specialized reading and writing instruction in the resource room."
            ),
        ),
        special_factors=SpecialFactors(
            behavior=Factor(needed=False, note="No behavior that impedes learning."),
            limited_english=Factor(needed=False),
            vision=Factor(needed=False),
            communication=Factor(needed=False),
            assistive_technology=Factor(needed=True, note="Text-to-speech software."),
        ),
        esy=ExtendedSchoolYear(eligible=False, note="No significant regression over breaks."),
        decisions=_decisions(),
        parking_lot=(
            ParkingLotItem(
                topic="Band schedule next year",
                raised_by="Alex Example",
                section="services",
                state=ParkingLotState.FOLLOW_UP,
                resolution="Counselor to check the schedule and report in June.",
            ),
        ),
        action_items=(
            ActionItem(owner="Casey Fixture", what="Send the draft IEP home in Spanish", due=dt.date(2026, 3, 19)),
            ActionItem(
                owner="Morgan Mockwell", what="Order text-to-speech license", due=dt.date(2026, 3, 26), done=True
            ),
        ),
        sign_off=SignOff(
            signatures=(
                Signature(name="Alex Example", role=Role.PARENT, agrees=True, date=MEETING_DATE),
                Signature(name="Sam Example", role=Role.STUDENT, agrees=True, date=MEETING_DATE),
                Signature(name="Casey Fixture", role=Role.SPECIAL_EDUCATION_TEACHER, agrees=True, date=MEETING_DATE),
                Signature(name="Morgan Mockwell", role=Role.DISTRICT_REPRESENTATIVE, agrees=True, date=MEETING_DATE),
                Signature(
                    name="Riley Stubbs",
                    role=Role.EVALUATION_INTERPRETER,
                    agrees=False,
                    statement="Would have preferred a separate reading comprehension goal.",
                    date=MEETING_DATE,
                ),
            ),
            parent_consent=True,
            parent_consent_date=MEETING_DATE,
        ),
        family_copies=(FamilyCopy(method=CopyMethod.IN_PERSON, date=MEETING_DATE, language="Spanish"),),
    )
    return attrs.evolve(plan, **changes) if changes else plan


def big_plan(goals: int = 200, *, objectives: int = 3) -> Plan:
    """A plan far larger than any real one: ``goals`` goals, one service and one
    decision per goal, for benchmarks and size tests."""
    all_goals = tuple(make_goal(number, objectives=objectives) for number in range(1, goals + 1))
    services = tuple(
        Service(
            id=f"service-{number}",
            kind=(ServiceKind.SPECIAL_EDUCATION, ServiceKind.RELATED_SERVICE)[number % 2],
            description=f"Service {number}: small-group instruction",
            provider="special education teacher",
            minutes=30 + number % 60,
            setting="resource room",
            start=PERIOD_START,
            end=PERIOD_END,
            goals=(goal.id,),
        )
        for number, goal in enumerate(all_goals, start=1)
    )
    decisions = tuple(
        Decision(
            time=_at(15, 30) + dt.timedelta(seconds=20 * number),
            section="goals",
            what=f"Goal {goal.id} agreed.\nBaseline and target read back to the family.",
        )
        for number, goal in enumerate(all_goals, start=1)
    )
    return small_plan(goals=all_goals, services=services, decisions=decisions)
