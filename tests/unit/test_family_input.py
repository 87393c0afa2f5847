"""The family's input in the plan: their answers taken in word for word, each
concern linked to what answers it, and the checklist's advice for a concern
nothing answers, in the family's words. The new keys are left out of a file
until set, so plans written before them, final ones included, load as they were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from iep_meeting.model.checklist import checklist
from iep_meeting.model.concerns import add_concern, answer_words, answers_of, link, unanswered, unlink, with_answers
from iep_meeting.model.family_input import TOPICS_TO_PARKING_LOT, not_for_this_plan, take_in
from iep_meeting.model.plan import Concern, DecisionAction, ParkingLotItem, Plan
from iep_meeting.store.plan_file import load_plan_file, plan_from_text, plan_to_text
from iep_meeting.store.seal import seal_intact
from tests.factories import small_plan
from tests.family_answers import CONCERNS, SAVED, TOPICS, form_answers

BEFORE = Path(__file__).resolve().parents[1] / "data" / "final-plan-format-2-before-state-rules.toml"


def taken(plan: Plan | None = None, **changes: object) -> Plan:
    return take_in(plan or small_plan(), form_answers(**changes)).plan


def rules(plan: Plan) -> list[str]:
    return [finding.rule for finding in checklist(plan)]


# --- taking the answers in ---------------------------------------------------------------------------------------


def test_each_answer_goes_in_word_for_word_and_the_teams_words_stay() -> None:
    before = small_plan()
    result = take_in(before, form_answers())
    plan = result.plan
    family = plan.present_levels.family_input
    assert family is not None and family.form_date == SAVED and family.language == "es"
    assert family.strengths == "Sam es cariñoso y le encantan las novelas gráficas."
    assert family.student_hard == "Leer en voz alta en clase."
    assert [c.text for c in plan.present_levels.concerns] == list(CONCERNS)
    assert all(c.from_form == SAVED and c.language == "es" for c in plan.present_levels.concerns)
    assert [c.id for c in plan.present_levels.concerns] == ["concern-1", "concern-2"]
    assert [t.topic for t in plan.facilitation.family_topics] == list(TOPICS)
    # What the team wrote is untouched.
    assert plan.present_levels.parent_concerns == before.present_levels.parent_concerns
    assert plan.present_levels.areas == before.present_levels.areas
    assert result.earlier is None
    assert any("Concern added (concern-1)" in line for line in result.changes)
    assert any(line.startswith("Strengths and interests: “Sam es") for line in result.changes)


def test_the_same_answers_again_change_nothing() -> None:
    once = taken()
    again = take_in(once, form_answers())
    assert again.changes == () and again.plan == once and again.earlier == SAVED


def test_a_second_form_says_what_changes_and_keeps_what_the_team_acted_on() -> None:
    plan = taken()
    plan = link(plan, 0, "goals", 0)  # the team answered the first concern with a goal
    plan = add_concern(plan, "Wants reports in Spanish", raised_by="Rosa Example")  # raised in the meeting
    later = SAVED + dt.timedelta(days=3)
    result = take_in(
        plan,
        form_answers(saved=later.isoformat(), concerns=["Quiere más tiempo en los exámenes."], works_at_home=""),
    )
    texts = [c.text for c in result.plan.present_levels.concerns]
    assert texts == [CONCERNS[0], "Wants reports in Spanish", "Quiere más tiempo en los exámenes."]
    assert result.plan.present_levels.concerns[0].answered_by == (f"goals:{plan.goals[0].id}",)
    assert result.earlier == SAVED
    changes = "\n".join(result.changes)
    assert f"The form's date: {SAVED} → {later}" in changes
    assert "Concern kept, as the team has linked it to an answer: “Las tareas" in changes
    assert "Concern removed (not in this form): “No sé a quién llamar" in changes
    assert "Concern added (concern-4): “Quiere más tiempo" in changes
    assert "What works at home: “Leer juntos diez minutos antes de cenar.” is no longer in the form" in changes


def test_topics_may_go_to_the_parking_lot_raised_by_whoever_filled_in_the_form() -> None:
    plan = take_in(small_plan(), form_answers(), TOPICS_TO_PARKING_LOT).plan
    item = plan.parking_lot[-1]
    assert (item.topic, item.from_form, item.raised_by) == (TOPICS[0], SAVED, "Rosa Example, abuela")
    assert plan.facilitation.family_topics == ()
    # A later form without it: an open, untouched topic goes; one the team resolved stays.
    resolved = attrs.evolve(plan, parking_lot=(*plan.parking_lot[:-1], attrs.evolve(item, resolution="Bus at 7:40")))
    for start, kept in ((plan, False), (resolved, True)):
        after = take_in(start, form_answers(topics=[]), TOPICS_TO_PARKING_LOT).plan
        assert any(i.topic == TOPICS[0] for i in after.parking_lot) is kept


def test_answers_about_another_student_are_named_as_such() -> None:
    plan = small_plan()
    assert not_for_this_plan(form_answers(), plan) is None
    other = form_answers(student={"name": "Sam Example", "id": "FAKE-999"})
    assert not_for_this_plan(other, plan) == (
        "these answers are about Sam Example (id FAKE-999), and this plan is about Sam Example (id FAKE-000123)"
    )
    no_id = attrs.evolve(plan, student=attrs.evolve(plan.student, id=""))
    assert not_for_this_plan(form_answers(student={"name": "sam  example"}), no_id) is None
    assert "Ana Sample" in str(not_for_this_plan(form_answers(student={"name": "Ana Sample"}), no_id))


# --- what answers each concern -------------------------------------------------------------------------------------


def test_a_decision_or_a_topic_gets_an_id_when_a_concern_is_linked_to_it() -> None:
    plan = taken()
    plan = attrs.evolve(plan, parking_lot=(*plan.parking_lot, ParkingLotItem(topic="Bus times")))
    plan = link(plan, 1, "decisions", 1)
    plan = link(plan, 1, "parking_lot", len(plan.parking_lot) - 1)
    plan = link(plan, 1, "decisions", 1)  # once is enough
    concern = plan.present_levels.concerns[1]
    topic = f"topic-{len(plan.parking_lot)}"  # numbered by its place in the list
    assert concern.answered_by == ("decisions:decision-2", f"parking_lot:{topic}")
    assert plan.decisions[1].id == "decision-2" and plan.parking_lot[-1].id == topic
    words = [answer_words(answer) for answer in answers_of(plan, concern)]
    assert words[0].startswith("Decision: ") and words[1] == "Parking-lot topic: Bus times"
    assert unlink(plan, 1, "decisions:decision-2").present_levels.concerns[1].answered_by == (f"parking_lot:{topic}",)


def test_the_records_ticked_become_exactly_its_answers_in_the_plans_order() -> None:
    plan = link(taken(), 0, "services", 0)
    # Ticked as the team went: an accommodation, then a goal; the service no longer.
    plan = with_answers(plan, 0, (("accommodations", 0), ("goals", 1)))
    goal, accommodation = plan.goals[1].id, plan.accommodations[0].id
    assert plan.present_levels.concerns[0].answered_by == (f"goals:{goal}", f"accommodations:{accommodation}")
    assert plan.present_levels.concerns[1].answered_by == ()  # the other concern is left as it was
    assert with_answers(plan, 0, ()).present_levels.concerns[0].answered_by == ()


def test_a_refusal_answers_a_concern_and_says_so() -> None:
    plan = taken()
    refusal = attrs.evolve(plan.decisions[0], action=DecisionAction.REFUSES)
    plan = link(attrs.evolve(plan, decisions=(refusal, *plan.decisions[1:])), 0, "decisions", 0)
    (answer,) = answers_of(plan, plan.present_levels.concerns[0])
    assert answer.is_refusal and answer_words(answer).startswith("Decision (the school refuses): ")


def test_the_checklist_names_each_unanswered_concern_in_the_familys_words() -> None:
    plan = taken()
    found = [f for f in checklist(plan) if f.rule == "concern-answered"]
    assert [f.path for f in found] == [("present_levels", "concerns", i, "answered_by") for i in (0, 1)]
    assert all(not f.required for f in found)
    assert "“Las tareas le toman dos horas cada noche y llega cansado.”" in found[0].message
    answered = link(link(plan, 0, "goals", 0), 1, "accommodations", 0)
    assert "concern-answered" not in rules(answered)
    # A link to a record that is gone answers nothing.
    gone = attrs.evolve(answered, accommodations=answered.accommodations[1:])
    assert [index for index, _ in unanswered(gone)] == [1]


def test_the_familys_concerns_record_their_concerns_without_the_teams_summary() -> None:
    bare = attrs.evolve(small_plan(), present_levels=attrs.evolve(small_plan().present_levels, parent_concerns=""))
    assert "parent-concerns" in rules(bare)
    with_one = attrs.evolve(
        bare, present_levels=attrs.evolve(bare.present_levels, concerns=(Concern(id="c", text="x"),))
    )
    assert "parent-concerns" not in rules(with_one)


# --- the file ----------------------------------------------------------------------------------------------------


def test_the_new_keys_are_written_and_read_back() -> None:
    plan = link(taken(), 0, "decisions", 0)
    on_agenda = plan_to_text(plan)
    assert '[[facilitation.family_topics]]\ntopic = "El horario del autobús"\nfrom_form = 2026-03-05' in on_agenda
    plan = take_in(plan, form_answers(topics=["Otra cosa"]), TOPICS_TO_PARKING_LOT).plan
    plan = link(plan, 1, "parking_lot", len(plan.parking_lot) - 1)
    text = plan_to_text(plan)
    assert plan_from_text(text) == plan and plan_from_text(on_agenda) != plan
    for line in (
        "[present_levels.family_input]\nform_date = 2026-03-05",
        '[[present_levels.concerns]]\nid = "concern-1"',
        'answered_by = [\n    "decisions:decision-1",\n]',
        f'id = "topic-{len(plan.parking_lot)}"\nfrom_form = 2026-03-05\nlanguage = "es"',
    ):
        assert line in text, line


def test_a_plan_without_them_writes_none_of_them_and_a_final_plan_still_verifies() -> None:
    text = plan_to_text(small_plan())
    new_keys = ("family_input", "[[present_levels.concerns]]", "family_topics", "from_form", '\nid = ""')
    assert not any(key in text for key in new_keys)
    loaded = load_plan_file(BEFORE)
    assert seal_intact(loaded) and plan_to_text(loaded.plan) == BEFORE.read_text(encoding="utf-8")
