"""The family's copy (34 CFR 300.322(f)): what the plan says, in plain words.

`family_copy(plan, strings)` gives the content as a `Document`
(documents/document.py) in the family's language: what the document is, the
plan's parts (documents/plan_parts.py) and a glossary of only the terms it
uses. A format (documents/html.py, documents/pdf.py) turns it into a file.
Nothing here reads a file.

`hard_texts(plan)` lists the typed texts the copy shows that read above grade
8, for the export to warn about (never to rewrite).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from iep_meeting.documents.document import Document, Paragraph, Section, Terms, Typed, date_words
from iep_meeting.documents.plan_parts import (
    accommodations_section,
    contact_section,
    decisions_section,
    goals_section,
    next_steps_section,
    services_section,
    status_words,
)
from iep_meeting.model.findings import Path
from iep_meeting.model.places import place_words
from iep_meeting.model.plan import Plan
from iep_meeting.words.locale import Strings
from iep_meeting.words.readability import grade_level, words

TYPED_GRADE_LIMIT = 8  # above it, the export warns about a typed text

# The glossary's terms, in the order they are listed (each only when it appears in the copy).
GLOSSARY_TERMS = (
    "iep",
    "special_education",
    "general_education",
    "accommodation",
    "related_service",
    "supplementary_aid",
    "extended_school_year",
    "transition",
    "case_manager",
)


def _term_pattern(s: Strings, term: str, english: Strings | None) -> re.Pattern[str]:
    forms = [form.strip() for form in s.raw(f"glossary.{term}.words").split(",") if form.strip()]
    if english is not None:
        forms += [form.strip() for form in english.raw(f"glossary.{term}.words").split(",") if form.strip()]
    alternatives = "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def used_terms(text: str, s: Strings, english: Strings | None = None) -> list[str]:
    """The glossary terms that `text` uses, in glossary order."""
    return [term for term in GLOSSARY_TERMS if _term_pattern(s, term, english).search(text)]


def family_copy(plan: Plan, s: Strings, english: Strings | None = None) -> Document:
    """The family's copy of `plan` in the language of `s`. `english` (the English
    strings) lets the glossary find its terms in the team's English words too."""
    student = plan.student.name.strip()
    meeting_date = date_words(s, plan.meeting.date) or date_words(s, plan.period.start)
    intro = [
        Paragraph((s.text("doc.what", student=student, date=meeting_date),)),
        Paragraph((s.text("doc.free"),)),
        Paragraph(
            (
                s.text(
                    "doc.about",
                    school=plan.student.school.strip(),
                    grade=plan.student.grade.strip(),
                    start=date_words(s, plan.period.start),
                    end=date_words(s, plan.period.end),
                ),
            )
        ),
    ]
    status_note, draft_mark = status_words(plan, s)
    sections = [
        goals_section(plan, s),
        services_section(plan, s),
        accommodations_section(plan, s),
        decisions_section(plan, s),
        next_steps_section(plan, s),
        contact_section(plan, s),
    ]
    copy = Document(
        kind="family",
        language=s.language,
        title=s.text("doc.title", student=student),
        draft_mark=draft_mark,
        status_note=status_note,
        team_words_note=s.text("doc.team_words"),
        team_words_tag=s.text("doc.team_words_tag"),
        intro=tuple(intro),
        sections=tuple(sections),
    )
    all_text = "\n".join(piece.text if isinstance(piece, Typed) else piece for piece in copy.texts())
    terms = used_terms(all_text, s, english if english is not None and english.language != s.language else None)
    if terms:
        glossary = Terms(tuple((s.text(f"glossary.{term}.term"), s.text(f"glossary.{term}.means")) for term in terms))
        copy = attrs.evolve(
            copy, sections=(*copy.sections, Section("glossary", s.text("heading.glossary"), (glossary,)))
        )
    return copy


# --- typed text that reads hard ------------------------------------------------------------------------------------


def typed_fields(plan: Plan) -> Iterator[tuple[Path, str]]:
    """Every typed text the family's copy shows, with its place in the plan."""
    for index, goal in enumerate(plan.goals):
        for field in ("statement", "baseline", "target", "measured_by", "reporting"):
            yield ("goals", index, field), getattr(goal, field)
    for index, service in enumerate(plan.services):
        for field in ("description", "provider", "setting", "frequency"):
            yield ("services", index, field), getattr(service, field)
    for index, accommodation in enumerate(plan.accommodations):
        for field in ("description", "note"):
            yield ("accommodations", index, field), getattr(accommodation, field)
    for index, decision in enumerate(plan.decisions):
        for field in ("what", "disagreed"):
            yield ("decisions", index, field), getattr(decision, field)
    for index, item in enumerate(plan.action_items):
        yield ("action_items", index, "what"), item.what


MIN_WORDS_MEASURED = 8  # a shorter text is a label or a phrase: its grade says little


def hard_texts(plan: Plan, limit: float = TYPED_GRADE_LIMIT) -> list[tuple[str, float]]:
    """(where, in the app's words; its grade) for each typed text above `limit`."""
    found = []
    for path, text in typed_fields(plan):
        if len(words(text)) >= MIN_WORDS_MEASURED:
            grade = grade_level(text)
            if grade > limit:
                found.append((place_words(plan, path), grade))
    return found
