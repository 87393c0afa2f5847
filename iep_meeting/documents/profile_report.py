"""A rule profile in words: each of its rules, what it sets, the rule it cites, a
short quote of that rule's text, and what of it rests on agency guidance.

`iep-meeting profiles` prints it; docs/checklist.md shows the same for the
shipped profiles (a test keeps the two in step).
"""

from __future__ import annotations

import attrs

from iep_meeting.model.plan import Role
from iep_meeting.model.rules import RULE_TABLES, Profile, RuleTexts, Translation
from iep_meeting.words.labels import ENGLISH, Vocabulary
from iep_meeting.words.phrases import listing

ADULT_STUDENT = "the adult student (once the rights are theirs)"

TITLES = {
    "transition": "Transition",
    "transition_planning": "State transition planning",
    "majority": "Age of majority",
    "consent": "Consent",
    "signatures": "Signatures",
    "disagreement": "Disagreement",
    "recess": "Recess",
    "translation": "The family's copy in their language",
    "timelines": "Due dates (the caseload)",
    "progress_reports": "Progress reports",
}


@attrs.frozen(kw_only=True)
class RuleText:
    """One rule of a profile, as it is shown."""

    title: str
    sets: str  # what the rule sets, in words
    cite: str
    quote: str
    guidance: str
    items: tuple[str, ...] = ()  # a state's planning items, each with its own citation


def _sets(profile: Profile, table: str, words: Vocabulary) -> str:
    if table == "transition":
        return f"transition goals and services from {profile.transition.age}"
    if table == "transition_planning":
        planning = profile.transition_planning
        return f"from {planning.age}, the team considers and, if appropriate, addresses"
    if table == "majority":
        majority = profile.majority
        parts = [
            f"age of majority {majority.age}, "
            + ("rights transfer to the student" if majority.rights_transfer else "rights stay with the parent")
        ]
        if majority.guardianship_information:
            parts.append("a year before, information on guardianship and its alternatives")
        if majority.decisions_documented:
            parts.append("who decides once the student is an adult is documented")
        return "; ".join(parts)
    if table == "consent":
        consent = profile.consent
        parts = [f"consent to {'every IEP' if consent.every_iep else 'the first IEP'}"]
        if consent.after_meeting:
            days = f", within {consent.response_days} days" if consent.response_days else ""
            parts.append(f"the response comes after the meeting{days}")
        if consent.proposal_within_school_days:
            parts.append(
                f"the proposed IEP goes to the family within {consent.proposal_within_school_days} school days"
            )
        if consent.placement_cite:
            parts.append(f"consent to a placement: {consent.placement_cite}")
        return "; ".join(parts)
    if table == "signatures":
        signatures = profile.signatures
        roles = [ADULT_STUDENT if role is Role.STUDENT else words.label(role) for role in signatures.agreement_from]
        asked = f"; agreement from {listing(roles)}"
        return words.label(signatures.meaning) + (asked if signatures.agreement_from else "")
    if table == "disagreement":
        disagreement = profile.disagreement
        parts = ["the basis of a disagreement is in the IEP"] if disagreement.basis_required else []
        if disagreement.statements_required is False:
            parts.append("a member who disagrees may add a statement")
        elif disagreement.statements_required:
            parts.append("a member who disagrees writes a statement")
        return "; ".join(parts)
    if table == "recess":
        recess = profile.recess
        offered = f"one recess of up to {recess.school_days} school days for the parent or adult student who disagrees"
        return offered if recess.offered else "no recess"
    if table == "progress_reports":
        return (
            "a goal with no report for a period that has ended is required"
            if profile.progress_reports.required
            else "a goal with no report for a period that has ended is advice"
        )
    if table == "timelines":
        timelines = profile.timelines
        return (
            f"annual review overdue past {timelines.annual_review_days} days "
            f"(due soon past {timelines.annual_review_caution_days}); "
            f"re-evaluation overdue past {timelines.reevaluation_days} days "
            f"(due soon past {timelines.reevaluation_caution_days}); "
            f"due very soon within {timelines.urgent_days} days; "
            f"a draft older than {timelines.draft_days} days was never finalized"
        )
    translation = profile.translation
    parts = [f"the IEP {words.label(translation.language)}"]
    if translation.with_english and translation.language is not Translation.NOT_REQUIRED:
        parts.append("and in English")
    if translation.complete:
        parts.append("the whole IEP, not a summary")
    return ", ".join(parts)


def _items(profile: Profile) -> tuple[str, ...]:
    """Each planning item: its words, its own citation, and the ages it applies at."""
    table = profile.transition_planning.cite
    return tuple(
        item.words
        + ("" if item.cite == table else f" ({item.cite})")
        + (f"; from {item.from_age}" if item.from_age else "")
        + (f"; under {item.under_age}" if item.under_age else "")
        for item in profile.transition_planning.items
    )


def rule_texts(profile: Profile, words: Vocabulary = ENGLISH) -> list[RuleText]:
    """The profile's rules that cite a source, in the order of its file."""
    texts = []
    for table in RULE_TABLES:
        rule: RuleTexts = getattr(profile, table)
        if rule.cite.strip():
            texts.append(
                RuleText(
                    title=TITLES[table],
                    sets=_sets(profile, table, words),
                    cite=rule.cite,
                    quote=rule.quote,
                    guidance=rule.guidance,
                    items=_items(profile) if table == "transition_planning" else (),
                )
            )
    return texts


def profile_lines(profile: Profile, words: Vocabulary = ENGLISH) -> list[str]:
    """Each rule on its line, then its quote and what rests on agency guidance, indented."""
    lines = []
    for text in rule_texts(profile, words):
        lines.append(f"{text.title}: {text.sets} ({text.cite})")
        lines.extend(f"  - {item}" for item in text.items)
        if text.quote:
            lines.append(f"  “{text.quote}”")
        if text.guidance:
            lines.append(f"  agency guidance: {text.guidance}")
    return lines
