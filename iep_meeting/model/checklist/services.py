"""Services: the special education, related services, aids and modifications, each
with what, how often, where and from when (34 CFR 300.320(a)(4), (a)(7))."""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank, service_name
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan, ServiceKind
from iep_meeting.model.rules import Profile
from iep_meeting.words.phrases import listing

rules = RuleSet()

SERVICES_PRESENT = Finds("services-present", REQUIRED, CFR + "300.320(a)(4)")
# The statement of the special education itself (300.320(a)(4)); 300.39(a)(1) only defines it.
SPECIAL_EDUCATION_PRESENT = Finds("special-education-present", REQUIRED, CFR + "300.320(a)(4)")


@rules.rule(reads=("services",), finds=(SERVICES_PRESENT, SPECIAL_EDUCATION_PRESENT))
def services_present(plan: Plan, profile: Profile) -> Iterator[Finding]:
    if not plan.services:
        yield SERVICES_PRESENT.at(("services",), "List the special education services the school will provide.")
    elif not any(service.kind is ServiceKind.SPECIAL_EDUCATION for service in plan.services):
        # Related services support special education; without any there is no IEP to support.
        yield SPECIAL_EDUCATION_PRESENT.at(
            ("services",),
            "Add the special education itself (specially designed instruction): "
            "related services and aids alone are not an IEP.",
        )


# Services whose frequency may be in words instead of minutes ("daily, during content-area reading").
IN_WORDS = frozenset({ServiceKind.SUPPLEMENTARY_AID, ServiceKind.PROGRAM_MODIFICATION})

# What 300.320(a)(7) asks of each service: what, how often and how long, where, from when.
SERVICE_PARTS = (
    ("description", "what it is"),
    ("minutes", "how many minutes"),
    ("setting", "where it happens"),
    ("start", "when it starts"),
)

COMPLETE = Finds("service-complete", REQUIRED, CFR + "300.320(a)(7)")
# Not in the IEP's contents, but each provider must know what the plan asks of them (300.323(d)).
PROVIDER = Finds("service-provider", RECOMMENDED, CFR + "300.323(d)")
# A start outside the period is required; a wrong end date is advice.
DATES = Finds("service-dates", REQUIRED, CFR + "300.320(a)(7)")


@rules.rule(reads=("services", "period"), finds=(COMPLETE, PROVIDER, DATES))
def service_complete(plan: Plan, profile: Profile) -> Iterator[Finding]:
    period = plan.period
    for index, service in enumerate(plan.services):
        name = service_name(index, service)
        missing = [
            (part, words)
            for part, words in SERVICE_PARTS
            if getattr(service, part) in (None, 0)
            or (isinstance(getattr(service, part), str) and blank(getattr(service, part)))
        ]
        if service.kind in IN_WORDS and not blank(service.frequency):
            # Support that is not counted in minutes says how often in words (300.320(a)(7)).
            missing = [(part, words) for part, words in missing if part != "minutes"]
        if missing:
            yield COMPLETE.at(
                ("services", index, missing[0][0]), f"{name}: add {listing([words for _, words in missing])}."
            )
        if blank(service.provider):
            yield PROVIDER.at(
                ("services", index, "provider"),
                f"{name}: say who provides it, so they are told what the plan asks of them.",
            )
        if service.start is not None and not period.start <= service.start <= period.end:
            yield DATES.at(
                ("services", index, "start"),
                f"{name} starts on {service.start}, outside the plan period ({period.start} to {period.end}).",
            )
        if service.end is not None and (service.end > period.end or (service.start and service.end < service.start)):
            yield DATES.at(
                ("services", index, "end"),
                f"{name} ends on {service.end}: that is outside the plan period or before it starts.",
                severity=RECOMMENDED,
            )
