"""Placement: how much of the day the student spends with classmates without
disabilities, and why any time apart (34 CFR 300.320(a)(5))."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank, service_name
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan
from iep_meeting.model.rules import Profile

rules = RuleSet()

# Advice: the setting is free text, and the app can only guess.
MATCHES_SERVICES = Finds("lre-matches-services", RECOMMENDED, CFR + "300.320(a)(5)")


@rules.rule(reads=("lre", "services"), finds=(MATCHES_SERVICES,))
def lre_matches_services(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """All of the day in general education, and a service given elsewhere: one of them is wrong."""
    apart = [
        (index, service)
        for index, service in enumerate(plan.services)
        if service.setting.strip() and "general education" not in service.setting.casefold()
    ]
    if plan.lre.general_education_percent == 100 and apart:
        index, service = apart[0]
        yield MATCHES_SERVICES.at(
            ("services", index, "setting"),
            f"The student is in general education all of the time, but {service_name(index, service)} "
            f"is given in “{service.setting}”: change the setting or the time in general education.",
        )


DECIDED = Finds("lre-decided", REQUIRED, CFR + "300.320(a)(5)")
EXPLANATION = Finds("lre-explanation", REQUIRED, CFR + "300.320(a)(5)")


@rules.rule(reads=("lre",), finds=(DECIDED, EXPLANATION))
def lre(plan: Plan, profile: Profile) -> Iterator[Finding]:
    lre = plan.lre
    if lre.general_education_percent is None:
        yield DECIDED.at(
            ("lre", "general_education_percent"),
            "Placement: write how much of the school day the student spends in general "
            "education with classmates without disabilities.",
        )
    elif lre.general_education_percent < 100 and blank(lre.explanation):
        yield EXPLANATION.at(
            ("lre", "explanation"),
            f"Placement: the student is in general education {lre.general_education_percent}% "
            "of the day; explain why the rest of the time is spent apart.",
        )
