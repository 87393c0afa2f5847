"""The team's words in the family's language: kept with their record and field,
out of date when the English changes, carried into amendments and next year's
plan, kept out of the seal, and read back from the file."""

from __future__ import annotations

import datetime as dt

import attrs

from iep_meeting.model.checklist import checklist
from iep_meeting.model.edits import amendment_of, finalize
from iep_meeting.model.findings import Finding
from iep_meeting.model.next_year import next_year_of
from iep_meeting.model.plan import Amends, Follows, InterpreterStatus, Plan, Translation
from iep_meeting.model.translations import (
    TranslationState,
    TypedText,
    current_words,
    english_hash,
    family_languages,
    states,
    translated,
    typed_texts,
    with_translation,
)
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.plan_file import plan_from_text, plan_to_text
from iep_meeting.store.seal import content_hash, sealed
from tests.factories import MEETING_DATE, small_plan

DAY = dt.date(2026, 3, 13)


def text_at(plan: Plan, key: str) -> TypedText:
    return next(item for item in typed_texts(plan) if item.key == key)


def spanish(plan: Plan, key: str, text: str) -> Plan:
    return with_translation(plan, translated(text_at(plan, key), "Spanish", text, "Lupe Sample, interpreter", DAY))


def state_of(plan: Plan, key: str, language: str = "Spanish") -> TranslationState:
    return next(state for item, state, _ in states(plan, language) if item.key == key)


def test_each_text_is_named_by_its_record_and_field_not_its_place() -> None:
    plan = small_plan()
    keys = {item.key for item in typed_texts(plan)}
    goal = plan.goals[0]
    assert f"goals[id={goal.id}].statement" in keys
    assert f"services[id={plan.services[0].id}].description" in keys
    assert f"decisions[time={plan.decisions[1].time.isoformat()}].what" in keys
    assert "sign_off.signatures[name=Riley Stubbs].statement" in keys
    assert "action_items[0].what" in keys
    # Names, phones and emails are not words to translate.
    texts = {item.text for item in typed_texts(plan)}
    assert "Alex Example" not in texts and "555-0100" not in texts and "alex.example@example.org" not in texts


def test_a_translation_survives_reordering_and_goes_out_of_date_when_the_english_changes() -> None:
    plan = small_plan()
    key = f"goals[id={plan.goals[1].id}].statement"
    plan = spanish(plan, key, "Sam escribirá un párrafo organizado.")
    assert state_of(plan, key) is TranslationState.CURRENT
    reordered = attrs.evolve(plan, goals=plan.goals[::-1])
    assert state_of(reordered, key) is TranslationState.CURRENT
    edited = attrs.evolve(
        plan, goals=(plan.goals[0], attrs.evolve(plan.goals[1], statement="A new goal."), *plan.goals[2:])
    )
    assert state_of(edited, key) is TranslationState.OUT_OF_DATE
    # Out of date: documents no longer use it; out of date, then missing, are listed first.
    assert "Sam escribirá un párrafo organizado." not in current_words(edited, ["spanish"]).values()
    with_current = spanish(edited, "action_items[0].what", "Enviar")
    order = [state for _, state, _ in states(with_current, "Spanish")]
    assert order[0] is TranslationState.OUT_OF_DATE  # an old translation to start from
    assert order.index(TranslationState.MISSING) < order.index(TranslationState.CURRENT)


def test_spacing_alone_does_not_make_a_translation_out_of_date() -> None:
    assert english_hash("one two\nthree") == english_hash(" one  two three ")
    assert english_hash("one two") != english_hash("one two.")


def test_a_translation_is_for_one_language_and_another_does_not_count() -> None:
    plan = small_plan()
    key = "action_items[0].what"
    plan = spanish(plan, key, "Enviar el borrador")
    assert state_of(plan, key, "Vietnamese") is TranslationState.MISSING
    assert (
        current_words(plan, ["español", "spanish", "es"])["Send the draft IEP home in Spanish"] == "Enviar el borrador"
    )


def test_a_moved_next_step_keeps_its_translation_by_its_words() -> None:
    plan = spanish(small_plan(), "action_items[0].what", "Enviar el borrador")
    moved = attrs.evolve(plan, action_items=plan.action_items[::-1])
    assert state_of(moved, "action_items[1].what") is TranslationState.CURRENT


def test_writing_a_translation_again_replaces_it_and_an_empty_one_removes_it() -> None:
    plan = spanish(small_plan(), "action_items[0].what", "Uno")
    plan = spanish(plan, "action_items[0].what", "Dos")
    assert [t.text for t in plan.translations] == ["Dos"]
    assert spanish(plan, "action_items[0].what", "  ").translations == ()


def test_translations_read_back_from_the_file_and_are_left_out_while_there_are_none() -> None:
    plain = small_plan()
    assert "[[translations]]" not in plan_to_text(plain)
    plan = spanish(plain, "action_items[0].what", "Enviar el borrador")
    text = plan_to_text(plan)
    assert "[[translations]]" in text and 'language = "Spanish"' in text
    assert plan_from_text(text) == plan


def test_the_seal_is_not_over_the_translations() -> None:
    final = sealed(finalize(small_plan(), MEETING_DATE))
    later = spanish(final, "action_items[0].what", "Enviar el borrador")
    assert content_hash(later) == final.sign_off.content_sha256


def test_an_amendment_carries_the_translations_of_what_it_still_holds() -> None:
    plan = spanish(small_plan(), f"goals[id={small_plan().goals[0].id}].statement", "Meta uno")
    decision_key = f"decisions[time={plan.decisions[0].time.isoformat()}].what"
    plan = spanish(plan, decision_key, "Decisión")
    final = finalize(plan, MEETING_DATE)
    amendment = amendment_of(final, Amends(path="x.toml", sha256="0" * 64), find_agenda("amendment").agenda, DAY)
    keys = {t.key for t in amendment.translations}
    assert f"goals[id={plan.goals[0].id}].statement" in keys
    assert decision_key not in keys  # the amendment starts without the decisions


def test_next_years_plan_carries_a_goals_translation_to_last_years_goal() -> None:
    plan = small_plan()
    goal = plan.goals[0]
    plan = spanish(plan, f"goals[id={goal.id}].statement", "Meta uno")
    follows = Follows(path="last.toml", sha256="0" * 64)
    following = next_year_of(finalize(plan, MEETING_DATE), follows, find_agenda("annual-review").agenda, DAY)
    [carried] = [t for t in following.translations if t.text == "Meta uno"]
    assert carried.key == f"present_levels.previous_goals[id={goal.id}].statement"
    assert carried.by == "Lupe Sample, interpreter" and carried.date == DAY


def test_a_hand_written_translation_without_a_hash_waits_to_be_confirmed() -> None:
    plan = small_plan()
    key = "action_items[0].what"
    plan = attrs.evolve(plan, translations=(Translation(key=key, language="Spanish", text="Enviar"),))
    assert state_of(plan, key) is TranslationState.OUT_OF_DATE


def test_the_familys_languages_are_the_guardians_then_the_home_language_never_english() -> None:
    plan = small_plan()  # a grandmother who speaks Spanish; home language English
    assert family_languages(plan) == ("Spanish",)
    student = attrs.evolve(plan.student, home_language="Vietnamese")
    assert family_languages(attrs.evolve(plan, student=student)) == ("Spanish", "Vietnamese")
    english = attrs.evolve(plan.student, guardians=(), home_language="english")
    assert family_languages(attrs.evolve(plan, student=english)) == ()


# --- the checklist's advice -------------------------------------------------------------------------------------


def advice(plan: Plan) -> list[Finding]:
    return [finding for finding in checklist(plan) if finding.rule == "translations"]


def test_check_advises_on_texts_not_yet_translated_into_the_familys_language() -> None:
    plan = small_plan()  # a guardian who speaks Spanish
    [finding] = advice(plan)
    total = len(list(typed_texts(plan)))
    assert not finding.required
    assert f"None of the team's {total} texts is translated into Spanish yet" in finding.message
    assert finding.citation == "34 CFR 300.322(e)"
    first = next(iter(typed_texts(plan)))
    assert finding.path == first.path
    plan = spanish(plan, first.key, "trastorno específico del aprendizaje")
    [finding] = advice(plan)
    assert f"{total - 1} texts of the team's {total} are not translated into Spanish yet" in finding.message


def test_check_says_how_many_changed_since_they_were_translated_and_nothing_once_all_are_current() -> None:
    plan = small_plan()
    for item in list(typed_texts(plan)):
        plan = spanish(plan, item.key, f"ES {item.text}")
    assert advice(plan) == []
    goal = plan.goals[0]
    changed = attrs.evolve(plan, goals=(attrs.evolve(goal, target="A new target."), *plan.goals[1:]))
    [finding] = advice(changed)
    assert "1 text of the team's" in finding.message and "(1 of them changed since" in finding.message


def test_no_advice_for_an_english_speaking_family_and_advice_to_name_the_language_of_an_interpreted_one() -> None:
    plan = small_plan()
    english = attrs.evolve(plan.student, guardians=(), home_language="English")
    no_interpreter = attrs.evolve(plan.meeting, interpreter_status=InterpreterStatus.NOT_NEEDED)
    assert advice(attrs.evolve(plan, student=english, meeting=no_interpreter)) == []
    [finding] = advice(attrs.evolve(plan, student=english))  # an interpreter was provided
    assert "names no language of theirs" in finding.message and finding.location == "student.home_language"
