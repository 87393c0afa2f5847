"""Requirements an agenda file or a rule profile declares: plan fields they ask
for beyond the built-in rules (an agenda section's `requires` and `recommends`,
a profile's `[[requires]]`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from iep_meeting.model.agenda import Agenda, Section
from iep_meeting.model.checklist.rule import RECOMMENDED, REQUIRED, Finds
from iep_meeting.model.findings import Finding, Path, Severity
from iep_meeting.model.paths import first_unfilled, path_filled
from iep_meeting.model.plan import Plan
from iep_meeting.model.rules import Profile

# Cited with the built-in advice they make required, else as a district requirement.
AGENDA_REQUIRES = Finds("agenda-requires", REQUIRED)
AGENDA_RECOMMENDS = Finds("agenda-recommends", RECOMMENDED)
STATE_REQUIRES = Finds("state-requires", REQUIRED)  # cited with the profile item's `cite`
DECLARED_KINDS = (AGENDA_REQUIRES, AGENDA_RECOMMENDS, STATE_REQUIRES)


def dotted(path: Path) -> str:
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


def _words(path: str) -> str:
    return PATH_WORDS.get(path) or " › ".join(part.replace("_", " ") for part in path.split("."))


def _already_asked(plan: Plan, path: str, required: list[Finding]) -> bool:
    """Whether built-in required findings already ask for what `path` requires.

    Through a list ("services.minutes") that means: every item lacking it
    already has a required finding of its own, or the empty list has one."""
    top, _, rest = path.partition(".")
    items = getattr(plan, top)
    if rest and isinstance(items, tuple):
        if not items:
            return any(f.path == (top,) for f in required)
        lacking = {index for index, item in enumerate(items) if not path_filled(item, rest)}
        flagged = {f.path[1] for f in required if len(f.path) > 1 and f.path[0] == top and isinstance(f.path[1], int)}
        return lacking <= flagged
    asked = (dotted(f.path) for f in required)
    return any(a == path or a.startswith(path + ".") for a in asked)


# Parts a built-in rule decides in full, accepting another answer than a filled
# field: "none needed" for accommodations, the family's concerns listed one by one
# for the team's summary of them, how often in words for an aid,
# IDEA's transition contents, due from the profile's transition age (a state's
# own planning can show the transition section earlier, as Texas's from 14),
# and the consent, which is the adult student's once the rights are theirs and
# comes after the meeting where the state says so (Massachusetts). An agenda or
# a profile asking for the field itself would overrule that decision, so the
# built-in rule alone speaks for them.
DECIDED_BY_RULES = frozenset(
    {
        "accommodations",
        "present_levels.parent_concerns",  # or the family's concerns, each in their words
        "services.minutes",
        "sign_off.parent_consent",
        "sign_off.parent_consent_date",
        "transition.education_goal",
        "transition.employment_goal",
        "transition.assessments",
        "transition.services",
        "transition.course_of_study",
    }
)

DISTRICT_REQUIREMENT = "District requirement"


@attrs.frozen(kw_only=True)
class Requirement:
    """A plan field an agenda or a rule profile asks for, beyond the built-in rules."""

    path: str
    kind: Finds  # AGENDA_REQUIRES, AGENDA_RECOMMENDS or STATE_REQUIRES
    message: str
    citation: str = ""  # the rule that makes it required; "" takes the built-in rule's, if any
    section: str = ""

    @property
    def severity(self) -> Severity:
        return self.kind.severity


def agenda_requirements(agenda: Agenda, sections: tuple[Section, ...]) -> Iterator[Requirement]:
    for section in sections:
        for path in section.requires:
            yield Requirement(
                path=path,
                kind=AGENDA_REQUIRES,
                message=f"This meeting's agenda ({agenda.title}) asks for {_words(path)}.",
                section=section.id,
            )
        for path in section.recommends:
            yield Requirement(
                path=path,
                kind=AGENDA_RECOMMENDS,
                message=f"Add {_words(path)} (this meeting's agenda suggests it).",
                section=section.id,
            )


def profile_requirements(profile: Profile) -> Iterator[Requirement]:
    for required in profile.requires:
        yield Requirement(
            path=required.path,
            kind=STATE_REQUIRES,
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
        path = need.path
        if path in DECIDED_BY_RULES or path_filled(plan, path) or _already_asked(plan, path, required):
            continue
        if any(f.path == first_unfilled(plan, path) for f in declared):
            continue  # asked already: by another section, or for the empty list this path goes through
        advice = [f for f in found if not f.required and dotted(f.path) == path]
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
    return attrs.evolve(need.kind.at(path, need.message, citation=citation), section=need.section)
