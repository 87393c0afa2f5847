"""Special factors the team considers (34 CFR 300.324(a)(2)), and services over
the summer (extended school year, 300.106)."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan
from iep_meeting.model.rules import Profile
from iep_meeting.words.labels import SPECIAL_FACTORS

rules = RuleSet()

# Each special factor is its own paragraph of 300.324(a)(2).
FACTOR_PARAGRAPHS = {
    "behavior": "300.324(a)(2)(i)",
    "limited_english": "300.324(a)(2)(ii)",
    "vision": "300.324(a)(2)(iii)",
    "communication": "300.324(a)(2)(iv)",
    "assistive_technology": "300.324(a)(2)(v)",
}

# The citation of each finding is the factor's own paragraph.
CONSIDERED = Finds("special-factor-considered", REQUIRED, CFR + "300.324(a)(2)")
NOTE = Finds("special-factor-note", RECOMMENDED, CFR + "300.324(a)(2)")


@rules.rule(reads=("special_factors",), finds=(CONSIDERED, NOTE))
def special_factors(plan: Plan, profile: Profile) -> Iterator[Finding]:
    for name, (_heading, words, _question) in SPECIAL_FACTORS.items():
        factor = getattr(plan.special_factors, name)
        paragraph = CFR + FACTOR_PARAGRAPHS[name]
        if not factor.considered:
            yield CONSIDERED.at(
                ("special_factors", name, "needed"),
                f"Special factors: the team has not yet said whether {words} needs support.",
                citation=paragraph,
            )
        elif factor.needed and blank(factor.note):
            yield NOTE.at(
                ("special_factors", name, "note"),
                f"Special factors: {words} needs support; note what the plan does about it.",
                citation=paragraph,
            )


ESY_DECIDED = Finds("esy-decided", RECOMMENDED, CFR + "300.106")


@rules.rule(reads=("esy",), finds=(ESY_DECIDED,))
def esy(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if plan.esy.eligible is None:
        yield ESY_DECIDED.at(
            ("esy", "eligible"), "Decide whether the student needs services over the summer (extended school year)."
        )
