"""The words for every value a plan holds: roles, attendance, outcomes, kinds of
service, ... one table per kind of value, defined here once.

The screen's choices, its summaries, `iep-meeting check`, the summary and (later)
every document take their words from here, so they always say the same thing.
The tables are keyed by the values as the plan file writes them ("parent",
"not-agreed"), so this layer needs nothing from the rest of the program; a test
walks every enum of the model and fails if a value has no words here.
"""

from __future__ import annotations

from enum import Enum

# {enum class name: {value as written in the plan file: words}}
LABELS: dict[str, dict[str, str]] = {
    "MeetingKind": {
        "initial": "initial",
        "annual-review": "annual review",
        "re-evaluation": "re-evaluation",
        "amendment": "amendment",
    },
    "Status": {"draft": "draft", "final": "final"},
    "Role": {
        "parent": "parent or guardian",
        "student": "student",
        "regular-education-teacher": "general education teacher",
        "special-education-teacher": "special education teacher or provider",
        "district-representative": "district representative (can commit resources)",
        "evaluation-interpreter": "explains evaluation results",
        "related-service-provider": "related service provider",
        "transition-agency": "transition agency representative",
        "interpreter": "language interpreter",
        "advocate": "advocate",
        "other": "other",
    },
    "Attendance": {
        "invited": "invited (not known yet)",
        "in-person": "here in person",
        "remote": "by phone or video",
        "excused": "excused in writing",
        "absent": "absent",
    },
    "Excusal": {
        "not-discussed": "their area is not discussed; parent and district agreed in writing",
        "written-input": "their area is discussed; parent consented in writing and they sent written input",
    },
    "ContactMethod": {
        "phone": "phone",
        "letter": "letter",
        "email": "email",
        "home-visit": "home visit",
        "in-person": "in person",
        "other": "other",
    },
    "Progress": {
        "met": "met",
        "progressing": "progressing: not met yet, but moving toward it",
        "not-met": "not met",
    },
    "GoalArea": {
        "academic": "academic (reading, writing, math, ...)",
        "functional": "functional (communication, behavior, organization, daily living, ...)",
    },
    "ServiceKind": {
        "special-education": "special education (specially designed instruction)",
        "related-service": "related service (speech, OT, counseling, ...)",
        "supplementary-aid": "supplementary aid or service (support in regular classes)",
        "program-modification": "program modification or support for school staff",
    },
    "Frequency": {"week": "per week", "month": "per month"},
    "TranslationState": {
        "current": "translated",
        "out-of-date": "out of date: the English changed after it was translated",
        "missing": "not translated yet",
    },
    "AppliesTo": {
        "classroom": "in class",
        "assessments": "on state and district tests",
        "both": "both: in class and on tests",
    },
    "AssessmentParticipation": {
        "regular": "the regular test, like everyone else",
        "regular-with-accommodations": "the regular test, with accommodations",
        "alternate": "an alternate assessment",
    },
    "Outcome": {
        "agreed": "agreed",
        "not-agreed": "not agreed",
        "tabled": "tabled (decide later)",
    },
    "ParkingLotState": {
        "open": "open: not answered yet",
        "resolved": "resolved today",
        "follow-up": "carried to a follow-up meeting",
    },
    "CopyMethod": {
        "in-person": "in person, today",
        "mail": "mail",
        "email": "email",
        "portal": "through the parent portal",
    },
    "CopyForm": {"written": "written", "audio": "an audio recording"},
    "AdultDecisions": {
        "student": "the student decides",
        "shared": "the student shares decisions with a parent or another adult (documented)",
        "delegated": "the student delegates decisions to a parent or another adult (documented)",
        "guardian": "a court-appointed guardian decides",
    },
    "ResponseAnswer": {
        "accepted": "accepted in full",
        "accepted-in-part": "accepted in part (what is rejected named)",
        "rejected": "rejected in full",
    },
    "RecessAnswer": {
        "taken": "offered and taken: the meeting continues on the agreed date",
        "declined": "offered and declined",
        "not-required": "not owed (a danger of physical harm, or a disciplinary case)",
    },
    "Translation": {
        "not-required": "not required",
        "spanish": "in Spanish (a good-faith effort for other languages)",
        "home-language": "in the home language",
    },
    "InterpreterStatus": {
        "not-needed": "not needed",
        "needed": "needed, not arranged yet",
        "provided": "provided",
        "declined": "offered, and the family declined",
    },
    "DecisionAction": {
        "proposes": "the school proposes to start or change something",
        "refuses": "the school refuses something asked for",
    },
    "DecisionSubject": {
        "identification": "identification (whether the student is eligible)",
        "evaluation": "evaluation",
        "placement": "educational placement",
        "services": "services and supports (the free appropriate public education, FAPE)",
    },
    "Severity": {"required": "required", "recommended": "recommended"},
    "SignatureMeaning": {
        "not-required": "not required (the law asks only for the parent's consent)",
        "agreement": "each team member records whether they agree",
        "attendance": "signatures show who took part",
    },
    "Condition": {
        "": "always",
        "transition-due": "when transition is due",
        "has-previous-iep": "when there was an IEP before",
    },
    "DueStatus": {"ok": "on time", "caution": "due soon", "overdue": "overdue"},
    # Progress between meetings (model/goal_progress.py).
    "ProgressCode": {
        "no-progress": "no progress",
        "partial": "partial progress",
        "substantial": "substantial progress",
        "met": "goal met",
    },
    "Method": {
        "test": "standardized test",
        "probe": "curriculum-based probe",
        "work-samples": "work samples",
        "observation": "observation",
        "other": "other",
    },
    "Standing": {
        "on-track": "on track: the last points are at or past the aim line",
        "behind": "behind the aim line: at this rate the goal is not met by the end of the plan",
        "too-few": "too few points to tell (3 are needed)",
        "no-aim": "no aim line: the goal's baseline or target has no number",
    },
    # The caseload (model/caseload.py): how urgent a row is, and what it is about.
    "Urgency": {
        "overdue": "overdue",
        "due-very-soon": "due very soon",
        "needs-attention": "needs attention",
        "due-soon": "due soon",
        "in-progress": "in progress",
        "ok": "ok",
    },
    "CaseItem": {
        "annual-review": "annual review",
        "re-evaluation": "re-evaluation",
        "transition": "transition plan",
        "rights-transfer": "transfer of rights",
        "progress-report": "progress report due",
        "action-item": "action item past due",
        "parking-lot": "open parking-lot topic",
        "old-draft": "draft never finalized",
        "draft": "draft in progress",
        "no-family-copy": "no family copy recorded",
        "changed-after-final": "changed after finalizing",
        "original-missing": "amended plan missing",
        "unreadable": "cannot be read",
    },
    "SectionStatus": {
        "complete": "complete",
        "in-progress": "in progress",
        "not-started": "not started",
        "needs-attention": "needs attention",
    },
    "SaveState": {"saved": "saved", "unsaved": "unsaved", "saving": "saving", "failed": "NOT SAVED"},
    # What changed around the plan, as a running meeting tells whoever shows it (meeting/publish.py).
    "StatusKind": {
        "clock": "the time",
        "save": "the save state",
        "section": "the section under discussion",
        "read-only": "read-only",
        "unsaved": "values typed but not saved",
        "time-boxes": "the sections' minutes",
        "time-notice": "a section's time",
    },
    # What the timekeeper says (meeting/timekeeper.py).
    "NoticeKind": {
        "nearly-up": "time nearly up",
        "up": "time is up",
        "end-near": "the end is near",
    },
    "Phase": {
        "before-start": "not started yet",
        "running": "running",
        "another-day": "on another day",
        "final": "meeting over",
    },
    "TimeSignal": {"on-time": "on time", "nearly-up": "nearly out of time", "up": "time is up"},
}

# Status is never colour alone (DESIGN.md): each state also has a symbol.
# {enum class name: {value: symbol}}; "✓ done", "◐ in progress", "○ not yet", "! needs attention".
SYMBOLS: dict[str, dict[str, str]] = {
    "Outcome": {"agreed": "✓", "not-agreed": "!", "tabled": "◐"},
    "Progress": {"met": "✓", "progressing": "◐", "not-met": "!"},
    "ParkingLotState": {"open": "○", "resolved": "✓", "follow-up": "→"},
    "SectionStatus": {"complete": "✓", "in-progress": "◐", "not-started": "○", "needs-attention": "!"},
    "SaveState": {"saved": "✓", "unsaved": "…", "saving": "↻", "failed": "✗"},
    "Severity": {"required": "!", "recommended": "·"},
    "ProgressCode": {"no-progress": "!", "partial": "◐", "substantial": "◐", "met": "✓"},
    "Standing": {"on-track": "✓", "behind": "!", "too-few": "○", "no-aim": "○"},
    "TimeSignal": {"on-time": "○", "nearly-up": "◐", "up": "!"},
    "Urgency": {
        "overdue": "✗",
        "due-very-soon": "!",
        "needs-attention": "!",
        "due-soon": "◐",
        "in-progress": "○",
        "ok": "✓",
    },
}

# Where a mark needs fewer words than the choice does ("◐ tabled", not "◐ tabled (decide later)").
SHORT: dict[str, dict[str, str]] = {
    "GoalArea": {"academic": "academic", "functional": "functional"},
    "ServiceKind": {
        "special-education": "special education",
        "related-service": "related service",
        "supplementary-aid": "supplementary aid",
        "program-modification": "program modification",
    },
    "Outcome": {"tabled": "tabled"},
    "Progress": {"progressing": "progressing"},
    "Standing": {
        "on-track": "on track",
        "behind": "behind the aim line",
        "too-few": "too few points",
        "no-aim": "no aim line",
    },
    "ParkingLotState": {"open": "open", "resolved": "resolved", "follow-up": "follow-up meeting"},
    "InterpreterStatus": {"needed": "needed", "declined": "declined"},
    "AdultDecisions": {
        "student": "the student",
        "shared": "shared",
        "delegated": "delegated",
        "guardian": "a guardian",
    },
    "RecessAnswer": {"taken": "taken", "declined": "declined", "not-required": "not owed"},
    "ResponseAnswer": {"accepted": "accepted", "accepted-in-part": "in part", "rejected": "rejected"},
    "DecisionAction": {"proposes": "proposes", "refuses": "refuses"},
    "DecisionSubject": {"identification": "identification", "services": "services"},
}

# The special factors the team must consider (34 CFR 300.324(a)(2)), by their key in the plan:
# (heading, the same in a sentence, the question asked of the team).
SPECIAL_FACTORS: dict[str, tuple[str, str, str]] = {
    "behavior": (
        "Behavior",
        "behavior",
        "Does behavior get in the way of the student's learning or others'? (positive behavior supports)",
    ),
    "limited_english": (
        "Learning English",
        "learning English",
        "Is the student learning English? (language needs)",
    ),
    "vision": ("Vision", "vision (Braille)", "Is the student blind or visually impaired? (Braille instruction)"),
    "communication": (
        "Communication, including hearing",
        "communication and hearing",
        "Does the student have communication needs? If deaf or hard of hearing: language and mode.",
    ),
    "assistive_technology": (
        "Assistive technology",
        "assistive technology",
        "Does the student need devices or software to learn? (AT)",
    ),
}

# What the team needs, for each role a meeting cannot do without (34 CFR 300.321(a)).
ROLE_NEEDED = {
    "regular-education-teacher": "a general education teacher",
    "special-education-teacher": "a special education teacher or provider",
    "district-representative": "a district representative who can commit resources",
    "evaluation-interpreter": "someone who can explain the evaluation results",
}

# Answers that are yes or no (or not given yet), each in the words of its question.
YES_NO = {True: "yes", False: "no"}
AGREEMENT = {True: "agrees with this IEP", False: "disagrees: their statement below"}
AGREEMENT_MARK = {True: "✓ agrees", False: "! disagrees", None: "○ not asked yet"}
CONSENT = {True: "yes: the parent consents", False: "no: the parent does not consent"}
STUDENT_CONSENT = {True: "yes: the student consents", False: "no: the student does not consent"}
FACTOR_MARK = {True: "✓ considered: needed", False: "✓ considered: not needed", None: "○ not considered yet"}
ACTION_DONE_MARK = {True: "✓ done", False: "○ to do"}
CONCERN_MARK = {True: "✓ answered", False: "○ no answer yet"}  # a family's concern: does anything answer it?
NOT_REVIEWED_MARK = "○ not reviewed yet"  # a goal of the previous IEP whose progress is not recorded
FROM_LAST_YEAR_MARK = "◇ from last year — review"  # carried over into next year's plan, not reviewed yet
NOT_DECIDED = "not decided"  # a yes/no question left open
NOT_CHOSEN = "not chosen"  # a choice left open


class Vocabulary:
    """The words of one language for every plan value: the one lookup every text goes through.

    `ENGLISH` is built from the tables above. Another language is the same
    tables in its words (documents in the family's language use one); the
    app's own screens stay English."""

    def __init__(
        self,
        language: str,
        labels: dict[str, dict[str, str]],
        short: dict[str, dict[str, str]],
        symbols: dict[str, dict[str, str]],
    ) -> None:
        self.language = language
        self._labels, self._short, self._symbols = labels, short, symbols

    def label(self, member: Enum) -> str:
        """The words for one value, e.g. Role.PARENT -> "parent or guardian"."""
        return self._labels[type(member).__name__][member.value]

    def short(self, member: Enum) -> str:
        """The fewest words that still say it (for marks and summaries)."""
        kind = type(member).__name__
        return self._short.get(kind, {}).get(member.value) or self._labels[kind][member.value]

    def symbol(self, member: Enum) -> str:
        return self._symbols[type(member).__name__][member.value]

    def mark(self, member: Enum) -> str:
        """Symbol and words, e.g. Outcome.NOT_AGREED -> "! not agreed"."""
        return f"{self.symbol(member)} {self.short(member)}"

    def choices(self, enum_type: type[Enum]) -> tuple[tuple[str, Enum], ...]:
        """(words, value) for every value of `enum_type`, in its order: a form's choices."""
        return tuple((self.label(member), member) for member in enum_type)


ENGLISH = Vocabulary("en", LABELS, SHORT, SYMBOLS)

# The app speaks English: its screens use these.
label, short, symbol, mark, choices = ENGLISH.label, ENGLISH.short, ENGLISH.symbol, ENGLISH.mark, ENGLISH.choices


def answers(words: dict[bool, str]) -> tuple[tuple[str, bool], ...]:
    """A yes/no question's choices, yes first: (words for yes, True), (words for no, False)."""
    return ((words[True], True), (words[False], False))
