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

from iep_meeting.documents.concern_parts import concerns_section
from iep_meeting.documents.document import (
    Block,
    Document,
    Paragraph,
    Piece,
    Section,
    Table,
    Terms,
    Typed,
    date_words,
    fill,
    typed,
)
from iep_meeting.documents.family_parts import (
    agreement_section,
    contact_section,
    esy_section,
    follow_up_section,
    objectives_blocks,
    placement_section,
    rights_section,
    tests_section,
    transition_section,
)
from iep_meeting.documents.plan_parts import (
    about_paragraph,
    accommodations_section,
    decisions_section,
    first_name,
    goal_title,
    next_steps_section,
    plan_document,
    services_section,
)
from iep_meeting.model.findings import Path
from iep_meeting.model.places import place_words
from iep_meeting.model.plan import Plan
from iep_meeting.store.district_files import NoticeWords
from iep_meeting.words.locale import Strings
from iep_meeting.words.readability import grade_level, words

TYPED_GRADE_LIMIT = 8  # above it, the export warns about a typed text

# The glossary's terms, in the order they are listed (each only when it appears in the copy).
GLOSSARY_TERMS = (
    "iep",
    "plaafp",
    "fape",
    "lre",
    "pwn",
    "special_education",
    "general_education",
    "accommodation",
    "related_service",
    "supplementary_aid",
    "extended_school_year",
    "transition",
    "case_manager",
    "wcpm",
    "dates",
)

# "2026-10-15": explained in the glossary. Found from its "-10-15" (a regex that starts
# with a literal runs many times faster over a long copy), then its year checked.
MONTH_DAY = re.compile(r"-[01]\d-[0-3]\d(?!\d)")


def has_iso_date(text: str) -> bool:
    for found in MONTH_DAY.finditer(text):
        start = found.start()
        year = text[max(start - 5, 0) : start]
        if re.fullmatch(r"\D?(19|20|21)\d\d", year) and (start >= 5 or len(year) == 4):
            return True
    return False


GOAL_COLUMNS = (40, 20, 20, 20)  # the goal itself needs the room; its three steps read across


def goals_table(plan: Plan, s: Strings) -> Section:
    """The goals as one table read across: the goal → now → by the end of the year →
    how the school checks. When every goal is reported on the same way, that is said
    once under the table; else each goal says it."""
    if not plan.goals:
        return Section("goals", s.text("heading.goals"), (Paragraph((s.text("goal.none"),)),))
    reporting = {goal.reporting.strip() for goal in plan.goals}
    shared = reporting.pop() if len(reporting) == 1 else None
    rows = []
    for number, goal in enumerate(plan.goals, start=1):
        # The area is the team's words too: translated, or marked as English.
        title = (
            fill(s, "goal.title", number=str(number), area=Typed(goal.domain.strip())) if goal.domain.strip() else None
        )
        first: list[Piece] = [*(title or (goal_title(number, "", s),)), ": ", *typed(goal.statement)]
        if shared is None and goal.reporting.strip():
            first += [f" {s.text('goal.reports')}: ", *typed(goal.reporting)]
        empty = (s.text("service.not_set"),)
        rows.append(
            (
                tuple(first),
                typed(goal.baseline) or empty,
                typed(goal.target) or empty,
                typed(goal.measured_by) or empty,
            )
        )
    headers = tuple(s.text(f"goal.{key}") for key in ("goal", "now", "by_end", "checks"))
    blocks: list[Block] = [Table(s.text("goal.caption", student=first_name(plan)), headers, tuple(rows), GOAL_COLUMNS)]
    if shared:
        blocks.append(Paragraph((f"{s.text('goal.reports')}: ", Typed(shared))))
    blocks += objectives_blocks(plan, s)
    return Section("goals", s.text("heading.goals"), tuple(blocks))


def _term_forms(s: Strings, term: str, english: Strings | None) -> list[str]:
    """The words that name `term` ("accommodation, accommodations"), lower case; none
    for a term found by its shape (dates)."""
    forms = [form.strip() for form in s.raw(f"glossary.{term}.words").split(",") if form.strip()]
    if english is not None:
        forms += [form.strip() for form in english.raw(f"glossary.{term}.words").split(",") if form.strip()]
    return sorted({form.lower() for form in forms}, key=len, reverse=True)


def _uses_word(lowered: str, form: str) -> bool:
    """Whether `form` occurs in `lowered` as a whole word (or words): found with
    str.find, which is many times faster than a case-blind regex over a long plan."""
    start = lowered.find(form)
    while start != -1:
        end = start + len(form)
        before = lowered[start - 1] if start else " "
        after = lowered[end] if end < len(lowered) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        start = lowered.find(form, start + 1)
    return False


def used_terms(text: str, s: Strings, english: Strings | None = None) -> list[str]:
    """The glossary terms that `text` uses, in glossary order."""
    lowered = text.lower()
    return [
        term
        for term in GLOSSARY_TERMS
        if any(_uses_word(lowered, form) for form in _term_forms(s, term, english))
        or (term == "dates" and has_iso_date(text))
    ]


def family_copy(
    plan: Plan, s: Strings, english: Strings | None = None, district: NoticeWords | None = None
) -> Document:
    """The family's copy of `plan` in the language of `s`. `english` (the English
    strings) lets the glossary find its terms in the team's English words too;
    `district` holds the district's words in that language, when it has a file."""
    student = plan.student.name.strip()
    meeting_date = date_words(s, plan.meeting.date) or date_words(s, plan.period.start)
    intro = [
        Paragraph((s.text("doc.what", student=student, date=meeting_date),)),
        Paragraph((s.text("doc.free"),)),
        about_paragraph(plan, s),
    ]
    parts = [
        concerns_section(plan, s),
        goals_table(plan, s),
        services_section(plan, s),
        esy_section(plan, s),
        accommodations_section(plan, s),
        tests_section(plan, s),
        placement_section(plan, s),
        transition_section(plan, s),
        decisions_section(plan, s),
        agreement_section(plan, s),
        follow_up_section(plan, s),
        next_steps_section(plan, s),
        contact_section(plan, s, district),
        rights_section(s, district),
    ]
    sections = [section for section in parts if section is not None]
    copy = plan_document("family", plan, s, s.text("doc.title", student=student), intro, sections)
    return with_glossary(copy, s, english)


def with_glossary(document: Document, s: Strings, english: Strings | None = None) -> Document:
    """`document` with a last section explaining the glossary's terms it uses, if any."""
    # Each text once (a copy repeats its labels at every goal): the same words are found in half the text.
    all_text = "\n".join(dict.fromkeys(piece.text if isinstance(piece, Typed) else piece for piece in document.texts()))
    terms = used_terms(all_text, s, english if english is not None and english.language != s.language else None)
    if not terms:
        return document
    glossary = Terms(tuple((s.text(f"glossary.{term}.term"), s.text(f"glossary.{term}.means")) for term in terms))
    return attrs.evolve(
        document, sections=(*document.sections, Section("glossary", s.text("heading.glossary"), (glossary,)))
    )


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
