"""The family's own words in a document, and each concern they raised with what
answers it (model/concerns.py), in the document's language.

The family's words are shown as they wrote or said them, in their own
language (marked so, for a screen reader and a browser's `lang`), never
translated and never taken for the team's English. The family's copy says
what the team decided about each concern; the proposal sent before the
meeting says what the draft holds for it.

Nothing here reads a file.
"""

from __future__ import annotations

import attrs

from iep_meeting.documents.document import (
    TYPED_LANGUAGE,
    Line,
    Paragraph,
    Piece,
    Section,
    Table,
    Typed,
    date_words,
    fill,
)
from iep_meeting.documents.plan_parts import first_name
from iep_meeting.model.concerns import Answer, answers_of
from iep_meeting.model.plan import Concern, Decision, Goal, ParkingLotItem, ParkingLotState, Plan, Service
from iep_meeting.words.locale import Strings


def language_code(code: str) -> str:
    """The language of the family's words for `lang`: its code, or the meeting's (English) for ""."""
    return code.strip() or TYPED_LANGUAGE


def family_words(text: str, language: str, s: Strings, tag: str = "doc.family_words_tag") -> Typed:
    """The family's words as a piece: as written, in their language, named as theirs
    (`tag`: the key of what a screen reader calls them, "your own words")."""
    return Typed(text.strip(), tag=s.text(tag), language=language_code(language), family=True)


def _answer_line(plan: Plan, answer: Answer, s: Strings) -> Line:
    record = answer.record
    if isinstance(record, Goal):
        number = plan.goals.index(record) + 1
        if record.domain.strip():
            return fill(s, "goal.title", number=str(number), area=Typed(record.domain.strip()))
        return (s.text("goal.title_plain", number=number),)
    if isinstance(record, Service):
        return (f"{s.text(f'kind.{record.kind.value}')}: ", Typed(record.description.strip()))
    if isinstance(record, Decision):
        if answer.is_refusal:
            return fill(s, "concern.refused", what=Typed(record.what.strip()))
        return (f"{s.text(f'outcome.{record.outcome.value}')}: ", Typed(record.what.strip()))
    if isinstance(record, ParkingLotItem):
        key = {
            ParkingLotState.OPEN: "concern.topic",
            ParkingLotState.FOLLOW_UP: "concern.topic_follow_up",
            ParkingLotState.RESOLVED: "concern.topic_resolved",
        }[record.state]
        line = fill(s, key, what=Typed(record.topic.strip()))
        return (*line, " ", Typed(record.resolution.strip())) if record.resolution.strip() else line
    return fill(s, "concern.accommodation", what=Typed(record.description.strip()))


@attrs.frozen
class ConcernWords:
    """The keys of the words a concerns table is said in: to the family ("your
    concern"), or about them in the full IEP ("the family's concern")."""

    caption: str
    concern: str
    answer: str
    from_form: str
    said: str
    nothing: str
    tag: str = "doc.family_words_tag"


TO_THE_FAMILY = ConcernWords(
    "concern.caption", "concern.concern", "concern.answer", "concern.from_form", "concern.said", "concern.none_copy"
)
IN_THE_PROPOSAL = attrs.evolve(TO_THE_FAMILY, nothing="concern.none_proposal")
IN_THE_RECORD = ConcernWords(
    "full.concerns_caption",
    "full.concern",
    "full.concern_answer",
    "full.concern_from_form",
    "full.concern_said",
    "full.concern_none",
    "full.family_words_tag",
)


def concern_line(concern: Concern, s: Strings, keys: ConcernWords = TO_THE_FAMILY) -> Line:
    """A concern in the family's words, and where it came from."""
    if concern.from_form is not None:
        marker = s.text(keys.from_form, date=date_words(s, concern.from_form))
    else:
        marker = s.text(keys.said)
    return (family_words(concern.text, concern.language, s, keys.tag), f" {marker}")


def concerns_table(plan: Plan, s: Strings, keys: ConcernWords) -> Table | None:
    """Each concern the family raised, in their words, with what answers it; None without any."""
    concerns = [concern for concern in plan.present_levels.concerns if concern.text.strip()]
    if not concerns:
        return None
    rows = []
    for concern in concerns:
        cell: list[Piece] = []
        for answer in answers_of(plan, concern):
            cell += (["; "] if cell else []) + list(_answer_line(plan, answer, s))
        rows.append((concern_line(concern, s, keys), tuple(cell) or (s.text(keys.nothing),)))
    headers = (s.text(keys.concern), s.text(keys.answer))
    return Table(s.text(keys.caption, student=first_name(plan)), headers, tuple(rows), (50, 50))


def concerns_section(plan: Plan, s: Strings, *, proposal: bool = False) -> Section | None:
    """The family's concerns for them to read: in the family's copy with what the
    team decided, in the proposal with what the draft holds."""
    table = concerns_table(plan, s, IN_THE_PROPOSAL if proposal else TO_THE_FAMILY)
    if table is None:
        return None
    heading = s.text("concern.heading_proposal" if proposal else "concern.heading_copy")
    return Section("concerns", heading, (Paragraph((s.text("concern.intro"),)), table))
