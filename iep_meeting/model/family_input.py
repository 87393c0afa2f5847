"""The family's answers to the input form, taken into the plan word for word.

`iep-meeting prepare` sends the family a form (documents/input_form.py); they
save their answers as a small file (store/answers_file.py reads it into
`FormAnswers`), and `iep-meeting import-input` puts each answer where the team
discusses it (`take_in`):

- strengths, vision, what works at home and the student's own page: the
  plan's `present_levels.family_input`, as written;
- each concern: a `Concern` of `present_levels.concerns`, marked with the
  form's date, for the team to link to what answers it (model/concerns.py);
- each topic: the agenda's family topics (`facilitation.family_topics`), or an
  open topic of the parking lot.

What the team wrote is never touched. A second form replaces what the first
one brought, and `take_in` says what changes, for the facilitator to confirm:
a concern or topic of the earlier form the team has since acted on (linked,
resolved) is kept.

Pure: no files, no UI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from iep_meeting.model.concerns import next_concern_id
from iep_meeting.model.plan import Concern, FamilyInput, FamilyTopic, ParkingLotItem, ParkingLotState, Plan

# The form's answers of one text each, in the form's order, with their words on screen.
TEXT_ANSWERS: tuple[tuple[str, str], ...] = (
    ("filled_by", "Who filled in the form"),
    ("strengths", "Strengths and interests"),
    ("vision_next_year", "Hopes for next year"),
    ("vision_after_school", "Hopes for after school"),
    ("works_at_home", "What works at home"),
    ("student_good_at", "The student's page: what I'm good at"),
    ("student_hard", "The student's page: what is hard for me"),
    ("student_helps", "The student's page: what helps me"),
)
LIST_ANSWERS = ("concerns", "topics")

TOPICS_TO_AGENDA, TOPICS_TO_PARKING_LOT = "agenda", "parking-lot"
TOPIC_PLACES = (TOPICS_TO_AGENDA, TOPICS_TO_PARKING_LOT)


@attrs.frozen(kw_only=True)
class FormAnswers:
    """What one answers file says: whom it is about, when it was saved, and the answers."""

    student_name: str
    student_id: str = ""
    meeting_date: dt.date | None = None  # the meeting the form was made for
    language: str = ""  # the code of the language the form was in ("es"); "": English
    saved: dt.date  # the day the family saved it
    filled_by: str = ""
    strengths: str = ""
    vision_next_year: str = ""
    vision_after_school: str = ""
    works_at_home: str = ""
    student_good_at: str = ""
    student_hard: str = ""
    student_helps: str = ""
    concerns: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


def not_for_this_plan(answers: FormAnswers, plan: Plan) -> str | None:
    """Why `answers` are not this plan's student's, or None when they are: the
    student's id when both have one, else the name."""
    student = plan.student
    theirs = f"{answers.student_name.strip()}" + (f" (id {answers.student_id})" if answers.student_id else "")
    ours = f"{student.name.strip()}" + (f" (id {student.id})" if student.id else "")
    if answers.student_id and student.id:
        if answers.student_id.strip() != student.id.strip():
            return f"these answers are about {theirs}, and this plan is about {ours}"
        return None
    if " ".join(answers.student_name.split()).casefold() != " ".join(student.name.split()).casefold():
        return f"these answers are about {theirs}, and this plan is about {ours}"
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _kept(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The non-empty texts, each once, in order."""
    found: list[str] = []
    for text in texts:
        if text.strip() and not any(_same(text, other) for other in found):
            found.append(text.strip())
    return tuple(found)


@attrs.frozen
class TakenIn:
    """A plan with a form's answers taken in, and what that changes, in words."""

    plan: Plan
    changes: tuple[str, ...]  # one line per change; () when the plan already says all of it
    earlier: dt.date | None  # the date of the form the plan held before, if any


def quoted(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def take_in(plan: Plan, answers: FormAnswers, topics_to: str = TOPICS_TO_AGENDA) -> TakenIn:
    """`plan` with `answers` in it, and what changes. The caller has checked the
    answers are about this plan's student (`not_for_this_plan`)."""
    if topics_to not in TOPIC_PLACES:
        raise ValueError(f"topics go to one of {TOPIC_PLACES}, not {topics_to!r}")
    before = plan.present_levels.family_input
    changes = list(_input_changes(before, answers))
    levels = attrs.evolve(plan.present_levels, family_input=_family_input(answers))
    concerns, concern_changes = _concerns(plan, answers)
    changes += concern_changes
    plan = attrs.evolve(plan, present_levels=attrs.evolve(levels, concerns=concerns))
    plan, topic_changes = _topics(plan, answers, topics_to)
    changes += topic_changes
    return TakenIn(plan, tuple(changes), before.form_date if before is not None else None)


def _family_input(answers: FormAnswers) -> FamilyInput:
    texts = {name: getattr(answers, name).strip() for name, _ in TEXT_ANSWERS}
    return FamilyInput(form_date=answers.saved, language=answers.language, **texts)


def _input_changes(before: FamilyInput | None, answers: FormAnswers) -> Iterator[str]:
    if before is not None and before.form_date != answers.saved:
        yield f"The form's date: {before.form_date} → {answers.saved}"
    for name, words in TEXT_ANSWERS:
        old = getattr(before, name) if before is not None else ""
        new = getattr(answers, name).strip()
        if _same(old, new):
            continue
        if not old.strip():
            yield f"{words}: {quoted(new)}"
        elif not new:
            yield f"{words}: {quoted(old)} is no longer in the form (removed)"
        else:
            yield f"{words}: {quoted(old)} → {quoted(new)}"


def _concerns(plan: Plan, answers: FormAnswers) -> tuple[tuple[Concern, ...], list[str]]:
    """The plan's concerns with the form's: the team's own stay; an earlier form's
    stay if the new form has them too, or if the team linked them to an answer."""
    changes: list[str] = []
    kept: list[Concern] = []
    wanted = _kept(answers.concerns)
    before = frozenset(concern.id for concern in plan.present_levels.concerns)  # an id is never given twice
    for concern in plan.present_levels.concerns:
        if concern.from_form is None:
            kept.append(concern)
        elif any(_same(concern.text, text) for text in wanted):
            kept.append(attrs.evolve(concern, from_form=answers.saved))
        elif concern.answered_by:
            kept.append(concern)
            changes.append(f"Concern kept, as the team has linked it to an answer: {quoted(concern.text)}")
        else:
            changes.append(f"Concern removed (not in this form): {quoted(concern.text)}")
    for text in wanted:
        if any(_same(concern.text, text) for concern in kept):
            continue
        concern = Concern(
            id=next_concern_id(tuple(kept), also_taken=before),
            text=text,
            from_form=answers.saved,
            language=answers.language,
            raised_by=answers.filled_by.strip(),
        )
        kept.append(concern)
        changes.append(f"Concern added ({concern.id}): {quoted(text)}")
    return tuple(kept), changes


def _topics(plan: Plan, answers: FormAnswers, topics_to: str) -> tuple[Plan, list[str]]:
    """The form's topics on the agenda or in the parking lot; an earlier form's that
    this one no longer has are removed, unless the team has acted on them."""
    wanted = _kept(answers.topics)
    changes: list[str] = []
    agenda: list[FamilyTopic] = []
    for topic in plan.facilitation.family_topics:
        if topic.from_form is None or any(_same(topic.topic, text) for text in wanted):
            agenda.append(attrs.evolve(topic, from_form=answers.saved) if topic.from_form else topic)
        else:
            changes.append(f"Topic removed from the agenda (not in this form): {quoted(topic.topic)}")
    parked: list[ParkingLotItem] = []
    for item in plan.parking_lot:
        acted_on = item.state is not ParkingLotState.OPEN or item.resolution.strip() or item.id
        if item.from_form is None or any(_same(item.topic, text) for text in wanted):
            parked.append(attrs.evolve(item, from_form=answers.saved) if item.from_form else item)
        elif acted_on:
            parked.append(item)
        else:
            changes.append(f"Topic removed from the parking lot (not in this form): {quoted(item.topic)}")
    have = [topic.topic for topic in agenda] + [item.topic for item in parked]
    for text in wanted:
        if any(_same(text, other) for other in have):
            continue
        if topics_to == TOPICS_TO_AGENDA:
            agenda.append(FamilyTopic(topic=text, from_form=answers.saved, language=answers.language))
            changes.append(f"Topic added to the agenda: {quoted(text)}")
        else:
            parked.append(
                ParkingLotItem(
                    topic=text, raised_by=answers.filled_by.strip(), from_form=answers.saved, language=answers.language
                )
            )
            changes.append(f"Topic added to the parking lot: {quoted(text)}")
    facilitation = attrs.evolve(plan.facilitation, family_topics=tuple(agenda))
    return attrs.evolve(plan, facilitation=facilitation, parking_lot=tuple(parked)), changes
