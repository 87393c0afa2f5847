"""The draft sent to the family before the meeting, as what it is: a proposal
for discussion (71 FR 46678: a draft is allowed only as a proposal; completing
the IEP before the meeting is predetermination).

`proposal(plan, strings)` gives, in the family's language: "PROPOSAL FOR
DISCUSSION" in the top margin of every page and a status that says it is not
an IEP until the team, the family too, agrees; how the student is doing now
(each area, the team's summary of the family's concerns, the latest tests);
the family's concerns, in their words, with what the draft holds for each;
last year's goals and how they went; the proposed goals, services,
accommodations, tests, time in general education, summer and transition;
whom to ask; and the glossary. What next year's plan carried over from last
year and the team has not reviewed yet (model/next_year.py) is marked "From
last year, to look at again" at the top of its part.

Nothing here reads a file.
"""

from __future__ import annotations

import attrs

from iep_meeting.documents.concern_parts import concerns_section
from iep_meeting.documents.document import (
    TYPED_LANGUAGE,
    Block,
    Document,
    Facts,
    Line,
    Paragraph,
    Piece,
    Section,
    Table,
    Typed,
    typed,
)
from iep_meeting.documents.family_copy import goals_table, with_glossary
from iep_meeting.documents.family_parts import (
    contact_section,
    esy_section,
    placement_section,
    tests_section,
    transition_section,
)
from iep_meeting.documents.plan_parts import about_paragraph, accommodations_section, first_name, services_section
from iep_meeting.model.next_year import locate, to_review
from iep_meeting.model.paths import get_in
from iep_meeting.model.plan import Plan
from iep_meeting.words.locale import Strings

# The part of the proposal where each carried part or list of records is marked (model/next_year.py's keys).
CARRIED_INTO = {
    "student.grade": "",
    "present_levels.parent_concerns": "present_levels",
    "present_levels.evaluation_summary": "present_levels",
    "present_levels.areas": "present_levels",
    "present_levels.previous_goals": "previous_goals",
    "services": "services",
    "accommodations": "accommodations",
    "assessment": "tests",
    "lre": "placement",
    "special_factors": "present_levels",
    "transition": "transition",
}
# The words of a carried part that is not a record (`proposal.carried_part.<name>`).
PART_NAMES = {
    "student.grade": "grade",
    "present_levels.parent_concerns": "parent_concerns",
    "present_levels.evaluation_summary": "evaluation_summary",
    "assessment": "assessment",
    "lre": "lre",
    "special_factors": "special_factors",
    "transition": "transition",
}


def _carried(plan: Plan, s: Strings) -> dict[str, list[Line]]:
    """What is still marked "from last year" in each part of the proposal, in words."""
    student = first_name(plan)
    found: dict[str, list[Line]] = {}
    previous_done = False
    for entry in to_review(plan):
        key, _, _name = entry.partition(":")
        part = CARRIED_INTO.get(key, "")
        if key in PART_NAMES:
            line: Line = (s.text(f"proposal.carried_part.{PART_NAMES[key]}", student=student),)
        elif key == "present_levels.previous_goals":
            if previous_done:
                continue
            previous_done = True
            line = (s.text("proposal.carried_part.previous_goal", student=student),)
        else:
            path = locate(plan, entry)
            if path is None:
                continue
            record = get_in(plan, path)
            words = record.area if key == "present_levels.areas" else record.description
            line = typed(words)
        if line:
            found.setdefault(part or "present_levels", []).append(line)
    return found


def _mark(section: Section | None, carried: dict[str, list[Line]], s: Strings) -> Section | None:
    """`section` with a note at its top of what in it comes from last year."""
    if section is None or section.id not in carried:
        return section
    pieces: list[Piece] = [s.text("proposal.carried"), " "]
    for number, line in enumerate(carried[section.id]):
        pieces += (["; "] if number else []) + list(line)
    return attrs.evolve(section, blocks=(Paragraph(tuple(pieces)), *section.blocks))


def _levels(plan: Plan, s: Strings) -> Section:
    levels = plan.present_levels
    blocks: list[Block] = []
    for number, area in enumerate(levels.areas, start=1):
        facts = [
            (s.text("proposal.strengths"), typed(area.strengths)),
            (s.text("proposal.needs"), typed(area.needs)),
            (s.text("proposal.now"), typed(area.baseline)),
            (s.text("proposal.impact"), typed(area.impact)),
        ]
        if not any(value for _, value in facts):
            continue  # an area with nothing said of it is left out
        title = area.area.strip()
        if s.language != TYPED_LANGUAGE:  # a heading is plain text: the area's name is a fact, translated
            title = s.text("proposal.area_title", number=number)  # or marked as English (as a goal's area)
            facts.insert(0, (s.text("proposal.area"), typed(area.area)))
        blocks.append(Facts(title, tuple((label, value) for label, value in facts if value)))
    for label, text in (
        (s.text("proposal.team_concerns"), levels.parent_concerns),
        (s.text("proposal.evaluation"), levels.evaluation_summary),
    ):
        if text.strip():
            blocks.append(Paragraph((f"{label}: ", Typed(text.strip()))))
    if not blocks:
        blocks.append(Paragraph((s.text("service.not_set"),)))
    return Section("present_levels", s.text("proposal.levels_heading", student=first_name(plan)), tuple(blocks))


def _previous(plan: Plan, s: Strings) -> Section | None:
    goals = [goal for goal in plan.present_levels.previous_goals if goal.statement.strip()]
    if not goals:
        return None
    rows = []
    for goal in goals:
        how: Line = (
            (s.text(f"progress.{goal.progress.value}"),) if goal.progress else (s.text("proposal.previous_open"),)
        )
        if goal.evidence.strip():
            how = (*how, ". ", Typed(goal.evidence.strip()))
        rows.append((typed(goal.statement), how))
    headers = (s.text("proposal.previous_goal"), s.text("proposal.previous_progress"))
    caption = s.text("proposal.previous_caption", student=first_name(plan))
    return Section("previous_goals", s.text("proposal.previous_heading"), (Table(caption, headers, tuple(rows)),))


def proposal(plan: Plan, s: Strings, english: Strings | None = None) -> Document:
    """The draft `plan` as a proposal for discussion, in the language of `s`."""
    student = plan.student.name.strip()
    date = s.date(plan.meeting.date) if plan.meeting.date else ""
    carried = _carried(plan, s)
    intro = [Paragraph((s.text("proposal.what"),)), about_paragraph(plan, s)]
    if carried:
        intro.append(Paragraph((s.text("proposal.carried_note"),)))
    parts = [
        _levels(plan, s),
        concerns_section(plan, s, proposal=True),
        _previous(plan, s),
        goals_table(plan, s),
        services_section(plan, s),
        accommodations_section(plan, s),
        tests_section(plan, s),
        placement_section(plan, s),
        esy_section(plan, s),
        transition_section(plan, s),
        contact_section(plan, s),
    ]
    sections = [marked for marked in (_mark(part, carried, s) for part in parts) if marked is not None]
    document = Document(
        kind="proposal",
        language=s.language,
        title=s.text("proposal.title", student=student),
        draft_mark=s.text("proposal.mark"),
        status_note=s.text("proposal.note", date=date),
        team_words_note=s.text("doc.team_words"),
        team_words_tag=s.text("doc.team_words_tag"),
        english_tag=s.text("doc.english_tag"),
        intro=tuple(intro),
        sections=tuple(sections),
    )
    return with_glossary(document, s, english)
