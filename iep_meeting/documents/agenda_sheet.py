"""The meeting's agenda for the family, sent before the meeting (`iep-meeting
prepare`): the day, time and place; each part of the meeting with its time
(the agenda's budgets fitted to the meeting's length, meeting/timeboxes.py,
worked out by the caller); the topics the family asked to talk about, in
their words; and who is invited.

Each part is named in the family's language by its section id
(`agenda_part.<id>`); a district's own section has its title from the agenda
file, marked as the district's English. Nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from iep_meeting.documents.concern_parts import family_words
from iep_meeting.documents.document import Block, Document, Items, Line, Paragraph, Piece, Section, Table, Typed
from iep_meeting.documents.plan_parts import first_name
from iep_meeting.model.agenda import Section as AgendaSection
from iep_meeting.model.plan import Plan, Role
from iep_meeting.words.locale import Strings

AGENDA_COLUMNS = (25, 30, 45)
NO_BREAK = "\u00a0"


def clock(s: Strings, moment: dt.time) -> str:
    """ "3:30 p.m.": the time of day the family's way, never broken across two lines."""
    hour = moment.hour % 12 or 12
    words = s.text("agenda.am" if moment.hour < 12 else "agenda.pm", time=f"{hour}:{moment.minute:02d}")
    return words.replace(" ", NO_BREAK)


def _later(moment: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), moment) + dt.timedelta(minutes=minutes)).time()


def _part(section: AgendaSection, s: Strings, student: str) -> tuple[Line, Line]:
    """A section's name and what the team does in it, in the family's language."""
    key = f"agenda_part.{section.id}"
    if s.has(key):
        return (s.text(key, student=student),), (s.text(f"{key}_what", student=student),)
    return (Typed(section.title, tag=s.text("notice.district_english_tag")),), ()


def _when(plan: Plan, s: Strings, end: dt.time | None) -> str:
    meeting = plan.meeting
    facts = [s.text("agenda.day", date=s.date(meeting.date))] if meeting.date else []
    if meeting.start_time is not None:
        start = clock(s, meeting.start_time)
        hours = s.text("agenda.span", start=start, end=clock(s, end)) if end is not None else start
        facts.append(s.text("agenda.hours", time=hours))
    if meeting.place.strip():
        facts.append(s.text("agenda.where", where=meeting.place.strip()))
    return " · ".join(facts)


def _schedule(plan: Plan, sections: Sequence[AgendaSection], minutes: Mapping[str, int], s: Strings) -> Table:
    student = first_name(plan)
    rows = []
    at = plan.meeting.start_time
    for section in sections:
        length = minutes.get(section.id, section.minutes)
        duration = s.count("agenda.minutes", length)
        if at is not None:
            until = _later(at, length)
            when = f"{s.text('agenda.span', start=clock(s, at), end=clock(s, until))} ({duration})"
            at = until
        else:
            when = duration
        name, what = _part(section, s, student)
        rows.append(((when,), name, what))
    headers = (s.text("agenda.time"), s.text("agenda.part"), s.text("agenda.what"))
    return Table(s.text("agenda.caption"), headers, tuple(rows), AGENDA_COLUMNS)


def _topics(plan: Plan, s: Strings) -> Section:
    topics = [topic for topic in plan.facilitation.family_topics if topic.topic.strip()]
    if not topics:
        return Section("topics", s.text("agenda.topics_heading"), (Paragraph((s.text("agenda.topics_none"),)),))
    items = tuple((family_words(topic.topic, topic.language, s),) for topic in topics)
    blocks: tuple[Block, ...] = (Paragraph((s.text("agenda.topics_intro"),)), Items(items))
    return Section("topics", s.text("agenda.topics_heading"), blocks)


def _invited(plan: Plan, s: Strings) -> Section | None:
    people = [member for member in plan.team if member.name.strip() and member.role is not Role.INTERPRETER]
    if not people:
        return None
    rows = tuple(
        ((member.name.strip(),), (s.text(f"role.{member.role.value}"), *_title(member.title))) for member in people
    )
    headers = (s.text("agenda.name"), s.text("agenda.role"))
    blocks: list[Block] = [Table(s.text("agenda.invited_caption"), headers, rows)]
    interpreters = [member.name.strip() for member in plan.team if member.role is Role.INTERPRETER]
    named = ", ".join(name for name in interpreters if name) or plan.meeting.interpreter.strip()
    if named:
        blocks.append(Paragraph((s.text("agenda.interpreter", name=named),)))
    return Section("invited", s.text("agenda.invited_heading"), tuple(blocks))


def _title(title: str) -> tuple[Piece, ...]:
    return (" (", Typed(title.strip()), ")") if title.strip() else ()


def agenda_sheet(plan: Plan, sections: Sequence[AgendaSection], minutes: Mapping[str, int], s: Strings) -> Document:
    """The agenda of `plan`'s meeting for the family, in the language of `s`:
    `sections` are the parts this meeting walks through, `minutes` each one's time."""
    start = plan.meeting.start_time
    end = _later(start, sum(minutes.get(sec.id, sec.minutes) for sec in sections)) if start is not None else None
    intro = [
        Paragraph((s.text("agenda.intro"),)),
        Paragraph((s.text("agenda.form"),)),
        Paragraph((s.text("agenda.draft"),)),
    ]
    parts = [
        Section("agenda", s.text("agenda.heading"), (_schedule(plan, sections, minutes, s),)),
        _topics(plan, s),
        _invited(plan, s),
    ]
    return Document(
        kind="agenda",
        language=s.language,
        title=s.text("agenda.title", student=plan.student.name.strip()),
        draft_mark="",
        status_note=_when(plan, s, end),
        team_words_note=s.text("doc.team_words"),
        team_words_tag=s.text("doc.team_words_tag"),
        english_tag=s.text("doc.english_tag"),
        intro=tuple(intro),
        sections=tuple(section for section in parts if section is not None),
    )
