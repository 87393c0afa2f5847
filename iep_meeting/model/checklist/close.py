"""Close and sign-off: the parking lot, the decisions and what their notice needs,
who agrees, the parent's consent and the family's copy (34 CFR 300.300(b),
300.322(f), 300.503)."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Decision, MeetingKind, Outcome, ParkingLotState, Plan
from iep_meeting.model.rules import IEP_TEAM_ROLES, Profile, SignatureMeaning

rules = RuleSet()

PARKING_LOT_OPEN = Finds("parking-lot-open", RECOMMENDED)


@rules.rule(reads=("parking_lot",), finds=(PARKING_LOT_OPEN,))
def parking_lot(plan: Plan, profile: Profile) -> Iterator[Finding]:
    for index, item in enumerate(plan.parking_lot):
        if item.state is ParkingLotState.OPEN:
            finding = PARKING_LOT_OPEN.at(
                ("parking_lot", index, "state"),
                f"Parking lot: \u201c{' '.join(item.topic.split()) or 'a topic'}\u201d is still open; "
                "answer it or carry it to a follow-up meeting.",
            )
            # Shown with the section that raised it: it is why that section needs attention.
            yield attrs.evolve(finding, section=item.section)


DECISION_NOT_AGREED = Finds("decision-not-agreed", RECOMMENDED, CFR + "300.503(b)")
DECISION_TABLED = Finds("decision-tabled", RECOMMENDED)
# Each cites the paragraph of the notice's part (300.503(b)(2), (3), (6)).
DECISION_NOTICE = Finds("decision-notice", RECOMMENDED, CFR + "300.503(b)")

# The findings that mark their section "! needs attention" (model/progress.py):
# a decision not agreed or tabled there, or a topic it raised still open.
ATTENTION_RULES = frozenset({DECISION_NOT_AGREED.id, DECISION_TABLED.id, PARKING_LOT_OPEN.id})


@rules.rule(reads=("decisions",), finds=(DECISION_NOT_AGREED, DECISION_TABLED, DECISION_NOTICE))
def decisions(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Each decision not agreed or tabled: the reason its section needs attention."""
    for index, decision in enumerate(plan.decisions):
        what = " ".join(decision.what.split())
        if decision.outcome is Outcome.NOT_AGREED:
            finding = DECISION_NOT_AGREED.at(
                ("decisions", index, "disagreed"),
                f"The team did not agree on \u201c{what}\u201d: "
                + (
                    "write who disagreed and why (decision log)."
                    if blank(decision.disagreed)
                    else "settle it, or give the family Prior Written Notice of what the school proposes."
                ),
            )
        elif decision.outcome is Outcome.TABLED:
            finding = DECISION_TABLED.at(
                ("decisions", index, "outcome"),
                f"The decision \u201c{what}\u201d was tabled: settle it or carry it to a follow-up meeting.",
            )
        else:
            yield from _notice_parts(index, decision)
            continue
        yield attrs.evolve(finding, section=decision.section)


# What Prior Written Notice of a proposal or a refusal must say (300.503(b)),
# recorded with the decision so the notice can be written from it.
NOTICE_PARTS = (
    ("reasons", "why the school proposes or refuses it", "300.503(b)(2)"),
    ("evaluations_used", "each evaluation, record or report it is based on", "300.503(b)(3)"),
)


def _notice_parts(index: int, decision: Decision) -> Iterator[Finding]:
    if decision.action is None:
        return  # not a proposal or refusal: no notice follows from it
    what = " ".join(decision.what.split())
    for name, words, paragraph in NOTICE_PARTS:
        if blank(getattr(decision, name)):
            yield DECISION_NOTICE.at(
                ("decisions", index, name),
                f"The decision \u201c{what}\u201d goes into Prior Written Notice: write {words}.",
                citation=CFR + paragraph,
            )
    for number, option in enumerate(decision.options):
        if blank(option.why_rejected):
            yield DECISION_NOTICE.at(
                ("decisions", index, "options", number, "why_rejected"),
                f"The decision \u201c{what}\u201d: write why the option \u201c{option.option}\u201d was rejected.",
                citation=CFR + "300.503(b)(6)",
            )


# Advice under a profile whose signatures mean nothing in law (IDEA's); required,
# with the profile's citation, where they mean agreement or attendance.
SIGNOFF_PARTICIPANT = Finds("signoff-participant", RECOMMENDED)
SIGNOFF_DISAGREEMENT = Finds("signoff-disagreement", RECOMMENDED)
# Required for a first IEP (300.300(b)) or under a profile with consent to every IEP.
PARENT_CONSENT = Finds("parent-consent", RECOMMENDED)


@rules.rule(reads=("sign_off", "team", "meeting"), finds=(SIGNOFF_PARTICIPANT, SIGNOFF_DISAGREEMENT, PARENT_CONSENT))
def sign_off(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Who agrees. IDEA asks for no signature beyond the parent's consent, so
    under the federal profile these are advice; a state profile whose
    signatures mean agreement (or attendance) makes them required."""
    sign_off = plan.sign_off
    meaning = profile.signatures.meaning
    severity = RECOMMENDED if meaning is SignatureMeaning.NOT_REQUIRED else REQUIRED
    citation = "" if meaning is SignatureMeaning.NOT_REQUIRED else profile.signatures.cite
    lines = {s.name.strip().casefold(): i for i, s in enumerate(sign_off.signatures)}
    for member in plan.team:
        name = member.name.strip()
        if not member.at_meeting or not name or member.role not in IEP_TEAM_ROLES:
            continue  # an interpreter or a guest is not asked to agree
        line = lines.get(name.casefold())
        if line is None:
            yield SIGNOFF_PARTICIPANT.at(
                ("sign_off", "signatures"),
                f"Sign-off: add {name}'s line"
                + (" (their signature shows they took part)." if meaning is SignatureMeaning.ATTENDANCE else "."),
                severity=severity,
                citation=citation,
            )
        elif sign_off.signatures[line].agrees is None and (
            meaning is not SignatureMeaning.ATTENDANCE or member.role in profile.signatures.agreement_from
        ):
            yield SIGNOFF_PARTICIPANT.at(
                ("sign_off", "signatures", line, "agrees"),
                f"Sign-off: record whether {name} agrees with the plan.",
                severity=severity,
                citation=citation,
            )
    for index, signature in enumerate(sign_off.signatures):
        if signature.agrees is False and blank(signature.statement):
            yield SIGNOFF_DISAGREEMENT.at(
                ("sign_off", "signatures", index, "statement"),
                f"Sign-off: {signature.name or 'a participant'} disagrees; write their statement in their own words.",
                severity=severity,
                citation=citation,
            )
    yield from _parent_consent(plan, profile)


def _parent_consent(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Consent before services first begin (300.300(b)); to every IEP where the state asks it."""
    sign_off = plan.sign_off
    initial = plan.meeting.kind is MeetingKind.INITIAL
    needed = initial or profile.consent.every_iep
    severity = REQUIRED if needed else RECOMMENDED
    citation = CFR + "300.300(b)" if initial else profile.consent.cite if needed else ""
    if sign_off.parent_consent is None:
        yield PARENT_CONSENT.at(
            ("sign_off", "parent_consent"),
            "Sign-off: record whether the parent consents to the plan.",
            severity=severity,
            citation=citation,
        )
    elif sign_off.parent_consent and sign_off.parent_consent_date is None:
        yield PARENT_CONSENT.at(
            ("sign_off", "parent_consent_date"),
            "Sign-off: record the date the parent gave consent.",
            severity=severity,
            citation=citation,
        )
    elif not sign_off.parent_consent:
        yield PARENT_CONSENT.at(
            ("sign_off", "parent_consent"),
            (
                "The parent does not consent: services in a first IEP cannot start without consent."
                if initial
                else "The parent does not consent: this IEP cannot take effect without it; the current "
                "IEP stays in effect."
                if needed
                else "The parent does not consent: give the family Prior Written Notice of what the "
                "school proposes and why."
            ),
            severity=severity,
            citation=CFR + "300.300(b)(3)" if initial else citation if needed else CFR + "300.503",
        )


# How is required; when is good record keeping.
FAMILY_COPY = Finds("family-copy", REQUIRED, CFR + "300.322(f)")


@rules.rule(reads=("family_copies",), finds=(FAMILY_COPY,))
def family_copy(plan: Plan, profile: Profile) -> Iterator[Finding]:
    given = [(index, copy) for index, copy in enumerate(plan.family_copies) if copy.method is not None]
    if not given:
        yield FAMILY_COPY.at(
            ("family_copies", 0, "method") if plan.family_copies else ("family_copies",),
            "Record how the family gets its copy of the IEP (in person, mail, email or portal).",
        )
    for index, copy in given:
        if copy.date is not None:
            continue
        yield FAMILY_COPY.at(
            ("family_copies", index, "date"), "Record when the family gets its copy of the IEP.", severity=RECOMMENDED
        )
