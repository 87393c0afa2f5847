"""The checklist's advice on the team's words not yet in the family's language.

When the plan names a family language other than English (a guardian's language,
or the student's home language), each text the team typed should have a current
translation into it (model/translations.py), or the family's copy shows it in
English. This is advice: where a translated copy is required is a state's rule
(its profile), not this one. A family that had an interpreter while the plan
names no language of theirs gets advice to name it.

`translation_findings` is one checklist rule (`translations`), registered by
model/checklist.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from iep_meeting.model.findings import Finding, Path, Severity
from iep_meeting.model.plan import InterpreterStatus, Plan
from iep_meeting.model.rules import Profile
from iep_meeting.model.translations import TranslationIndex, TranslationState, family_languages, text_parts
from iep_meeting.words.phrases import plural

RULE = "translations"
CITATION = "34 CFR 300.322(e)"  # the parent understands the proceedings
# Where a translation is written. (The app's translation view is still to come; until
# then the plan file's list, docs/plan-format.md.)
VIEW = "the plan's [[translations]] (docs/plan-format.md)"

# The plan parts the rule reads: every part with typed text, who the family is, and the translations.
READS = (
    "student",
    "meeting",
    "team",
    "facilitation",
    "present_levels",
    "goals",
    "services",
    "accommodations",
    "assessment",
    "lre",
    "special_factors",
    "transition",
    "esy",
    "decisions",
    "parking_lot",
    "action_items",
    "sign_off",
    "follow_up",
    "translations",
)


def translation_findings(plan: Plan, rules: Profile) -> Iterator[Finding]:
    """Advice for each family language some of the team's texts are not translated into."""
    languages = family_languages(plan)
    if not languages:
        if plan.meeting.interpreter_status in (InterpreterStatus.PROVIDED, InterpreterStatus.NEEDED):
            yield Finding.at(
                ("student", "home_language"),
                "translations",
                Severity.RECOMMENDED,
                "The family has an interpreter, but the plan names no language of theirs: write it as the "
                "home language or a guardian's language, so their copy and the translations of the team's "
                "words are in it.",
                CITATION,
            )
        return
    parts = text_parts(plan)
    total = sum(len(part) for part in parts)
    for language in languages:
        index = TranslationIndex(plan.translations, (language,))
        if not index.by_key:  # nothing translated into it yet: every text is left, none looked up
            first = next(part[0].path for part in parts if part)
            yield _advice(first, total, total, 0, language)
            continue
        states = [(item, index.lookup(item)[0]) for part in parts for item in part]
        left = [item for item, state in states if state is not TranslationState.CURRENT]
        if not left:
            continue
        first = left[0].path  # where the advice points: the first text still to translate
        stale = sum(state is TranslationState.OUT_OF_DATE for _, state in states)
        yield _advice(first, len(left), total, stale, language)


def _advice(first: Path, left: int, total: int, stale: int, language: str) -> Finding:
    changed = f" ({stale} of them changed since they were translated)" if stale else ""
    return Finding.at(
        first,
        "translations",
        Severity.RECOMMENDED,
        f"{plural(left, 'text')} of the team's {total} {'is' if left == 1 else 'are'} not translated into "
        f"{language} yet{changed}: the family's copy shows them in English. "
        f"An interpreter or translator writes them in {VIEW}.",
        CITATION,
    )
