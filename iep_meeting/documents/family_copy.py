"""The family's copy (34 CFR 300.322(f)): what the plan says, in plain words.

`family_copy(plan, strings)` gives the content — headings, paragraphs,
tables, lists — as plain values; a format (documents/family_copy_html.py)
turns it into a file. Every fixed text comes from `strings` (the family's
language, words/locale.py); text typed in the meeting is kept as typed, as a
`Typed` piece, so every format can mark it as the team's words (and, in a copy
in another language, as English). Nothing here reads a file.

`hard_texts(plan)` lists the typed texts the copy shows that read above grade
8, for the export to warn about (never to rewrite).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterator

import attrs

from iep_meeting.model.findings import Path
from iep_meeting.model.places import place_words
from iep_meeting.model.plan import Plan, Role, Service, Status
from iep_meeting.words.locale import Strings
from iep_meeting.words.readability import grade_level, words

TYPED_LANGUAGE = "en"  # what the team types: the meeting is held in English
TYPED_GRADE_LIMIT = 8  # above it, the export warns about a typed text
SEAL_LENGTH = 12

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


@attrs.frozen
class Typed:
    """Text typed in the meeting: shown as typed, marked as the team's words."""

    text: str


Piece = str | Typed  # a str is the program's own text, in the copy's language
Line = tuple[Piece, ...]


@attrs.frozen
class Paragraph:
    pieces: Line


@attrs.frozen
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]  # the first cell of each row names the row


@attrs.frozen
class Facts:
    """A goal's facts: (label, value) pairs, in reading order."""

    title: str
    facts: tuple[tuple[str, Line], ...]


@attrs.frozen
class Items:
    items: tuple[Line, ...]


@attrs.frozen
class Terms:
    terms: tuple[tuple[str, str], ...]  # (term, what it means)


Block = Paragraph | Table | Facts | Items | Terms


@attrs.frozen
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]


@attrs.frozen
class FamilyCopy:
    language: str
    title: str
    draft_mark: str  # "" for a final plan
    status_note: str
    team_words_note: str
    team_words_tag: str
    intro: tuple[Paragraph, ...]
    sections: tuple[Section, ...]

    def texts(self) -> Iterator[Piece]:
        """Every piece of text in the copy, in order (the glossary's own aside)."""
        yield self.title
        yield self.status_note
        for paragraph in self.intro:
            yield from paragraph.pieces
        for section in self.sections:
            yield section.heading
            for block in section.blocks:
                yield from _block_texts(block)


def _block_texts(block: Block) -> Iterator[Piece]:
    if isinstance(block, Paragraph):
        yield from block.pieces
    elif isinstance(block, Table):
        yield block.caption
        yield from block.headers
        for row in block.rows:
            for cell in row:
                yield from cell
    elif isinstance(block, Facts):
        yield block.title
        for label, value in block.facts:
            yield label
            yield from value
    elif isinstance(block, Items):
        for item in block.items:
            yield from item
    else:
        for term, means in block.terms:
            yield term
            yield means


def _typed(text: str) -> Line:
    return (Typed(text.strip()),) if text.strip() else ()


def _date(strings: Strings, day: object) -> str:
    return strings.date(day) if isinstance(day, dt.date) else ""


def fill(s: Strings, key: str, **values: Piece) -> Line:
    """The string for `key` as pieces: a `Typed` value stays a `Typed` piece
    (the team's words), so a format can mark it inside the program's sentence."""
    line: list[Piece] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(s.raw(key)):
        if literal:
            line.append(literal)
        if name is not None:
            value = values[name]
            line.append(value if isinstance(value, Typed) else str(value))
    return tuple(line)


# --- the parts ---------------------------------------------------------------------------------------------------


def _goals(plan: Plan, s: Strings) -> Section:
    blocks: list[Block] = []
    for number, goal in enumerate(plan.goals, start=1):
        title = (
            s.text("goal.title", number=number, area=goal.domain.strip())
            if goal.domain.strip()
            else s.text("goal.title_plain", number=number)
        )
        facts = [
            (s.text("goal.goal"), _typed(goal.statement)),
            (s.text("goal.now"), _typed(goal.baseline)),
            (s.text("goal.by_end"), _typed(goal.target)),
            (s.text("goal.checks"), _typed(goal.measured_by)),
            (s.text("goal.reports"), _typed(goal.reporting)),
        ]
        blocks.append(Facts(title, tuple((label, value) for label, value in facts if value)))
    return Section("goals", s.text("heading.goals"), tuple(blocks) or (Paragraph((s.text("goal.none"),)),))


def minutes_words(service: Service, s: Strings) -> Line:
    """How much: "150 minutes per week", or the frequency as typed, or "not set yet"."""
    if service.minutes is not None:
        return (s.count(f"service.minutes_{service.per.value}", service.minutes),)
    if service.frequency.strip():
        return _typed(service.frequency)
    return (s.text("service.not_set"),)


def _when(service: Service, s: Strings) -> Line:
    start, end = _date(s, service.start), _date(s, service.end)
    if start and end:
        return (s.text("service.dates", start=start, end=end),)
    if start:
        return (s.text("service.from", start=start),)
    if end:
        return (s.text("service.until", end=end),)
    return (s.text("service.not_set"),)


def _services(plan: Plan, s: Strings) -> Section:
    if not plan.services:
        return Section("services", s.text("heading.services"), (Paragraph((s.text("service.none"),)),))
    rows = tuple(
        (
            (f"{s.text(f'kind.{service.kind.value}')}: ", *_typed(service.description)),
            _typed(service.provider) or (s.text("service.not_set"),),
            minutes_words(service, s),
            _typed(service.setting) or (s.text("service.not_set"),),
            _when(service, s),
        )
        for service in plan.services
    )
    headers = tuple(s.text(f"service.{key}") for key in ("what", "who", "how_much", "where", "when"))
    table = Table(s.text("service.caption", student=_first_name(plan)), headers, rows)
    return Section("services", s.text("heading.services"), (table,))


def _accommodations(plan: Plan, s: Strings) -> Section:
    student = _first_name(plan)
    if not plan.accommodations:
        return Section(
            "accommodations", s.text("heading.accommodations"), (Paragraph((s.text("accommodation.none"),)),)
        )
    items = tuple(
        (
            *_typed(item.description),
            f" ({s.text(f'applies.{item.applies_to.value}')})",
            *((" ", *_typed(item.note)) if item.note.strip() else ()),
        )
        for item in plan.accommodations
    )
    intro = Paragraph((s.text("accommodation.intro", student=student),))
    return Section("accommodations", s.text("heading.accommodations"), (intro, Items(items)))


def _decisions(plan: Plan, s: Strings) -> Section:
    items: list[Line] = []
    for decision in plan.decisions:
        line: list[Piece] = [f"{s.text(f'outcome.{decision.outcome.value}')}: ", *_typed(decision.what)]
        if decision.disagreed.strip():
            line += [f" {s.text('decision.disagreed')}: ", *_typed(decision.disagreed)]
        items.append(tuple(line))
    for signature in plan.sign_off.signatures:
        if signature.agrees is False:
            role = s.text(f"role.{signature.role.value}")
            line = [*fill(s, "decision.signed_no", name=signature.name.strip(), role=role)]
            if signature.statement.strip():
                line += [f" {s.text('decision.said')}: ", *_typed(signature.statement)]
            items.append(tuple(line))
    blocks: tuple[Block, ...] = (Items(tuple(items)),) if items else (Paragraph((s.text("decision.none"),)),)
    return Section("decisions", s.text("heading.decisions"), blocks)


def _next_steps(plan: Plan, s: Strings) -> Section:
    if not plan.action_items:
        return Section("next_steps", s.text("heading.next_steps"), (Paragraph((s.text("step.none"),)),))
    rows = tuple(
        (
            _typed(item.owner),
            _typed(item.what),
            (_date(s, item.due) or s.text("step.no_date"),),
            (s.text("step.done") if item.done else s.text("step.open"),),
        )
        for item in plan.action_items
    )
    headers = tuple(s.text(f"step.{key}") for key in ("who", "what", "due", "state"))
    return Section("next_steps", s.text("heading.next_steps"), (Table(s.text("step.caption"), headers, rows),))


def _contact(plan: Plan, s: Strings) -> Section:
    lines: list[Line] = []
    manager = plan.student.case_manager.strip()
    if manager:
        lines.append((s.text("contact.case_manager", name=manager),))
    for member in plan.team:
        if member.role is Role.SPECIAL_EDUCATION_TEACHER and member.name.strip() and member.name.strip() != manager:
            if member.title.strip():
                lines.append(
                    fill(s, "contact.teacher_title", name=member.name.strip(), title=Typed(member.title.strip()))
                )
            else:
                lines.append(fill(s, "contact.teacher", name=member.name.strip()))
    blocks: list[Block] = [Items(tuple(lines))] if lines else [Paragraph((s.text("contact.none"),))]
    if lines and plan.student.school.strip():
        blocks.append(Paragraph((s.text("contact.school", school=plan.student.school.strip()),)))
    return Section("contact", s.text("heading.contact"), tuple(blocks))


def _term_pattern(s: Strings, term: str, english: Strings | None) -> re.Pattern[str]:
    forms = [form.strip() for form in s.raw(f"glossary.{term}.words").split(",") if form.strip()]
    if english is not None:
        forms += [form.strip() for form in english.raw(f"glossary.{term}.words").split(",") if form.strip()]
    alternatives = "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def used_terms(text: str, s: Strings, english: Strings | None = None) -> list[str]:
    """The glossary terms that `text` uses, in glossary order."""
    return [term for term in GLOSSARY_TERMS if _term_pattern(s, term, english).search(text)]


def _first_name(plan: Plan) -> str:
    name = plan.student.name.strip()
    return name.split()[0] if name else name


def family_copy(plan: Plan, s: Strings, english: Strings | None = None) -> FamilyCopy:
    """The family's copy of `plan` in the language of `s`. `english` (the English
    strings) lets the glossary find its terms in the team's English words too."""
    student = plan.student.name.strip()
    meeting_date = _date(s, plan.meeting.date) or _date(s, plan.period.start)
    intro = [
        Paragraph((s.text("doc.what", student=student, date=meeting_date),)),
        Paragraph((s.text("doc.free"),)),
        Paragraph(
            (
                s.text(
                    "doc.about",
                    school=plan.student.school.strip(),
                    grade=plan.student.grade.strip(),
                    start=_date(s, plan.period.start),
                    end=_date(s, plan.period.end),
                ),
            )
        ),
    ]
    if plan.status is Status.FINAL:
        seal = (plan.sign_off.content_sha256 or "")[:SEAL_LENGTH]
        status_note = s.text("doc.final_note", date=_date(s, plan.sign_off.finalized), seal=seal)
        draft_mark = ""
    else:
        status_note, draft_mark = s.text("doc.draft_note"), s.text("doc.draft_mark")
    sections = [
        _goals(plan, s),
        _services(plan, s),
        _accommodations(plan, s),
        _decisions(plan, s),
        _next_steps(plan, s),
        _contact(plan, s),
    ]
    copy = FamilyCopy(
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
