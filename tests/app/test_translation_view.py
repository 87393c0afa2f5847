"""The translation view, used as an interpreter would: ctrl+l from the meeting,
Tab to the translation, type, ctrl+s; out-of-date translations come first with
the old words to start from; a final plan takes them outside its seal."""

from __future__ import annotations

from pathlib import Path

import attrs
from textual.widgets import Label, OptionList, Static, TextArea

from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import Plan, Student
from iep_meeting.model.translations import TranslationState, states, translated
from iep_meeting.store.plan_file import load_plan, load_plan_file
from iep_meeting.store.seal import seal_intact, sealed
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.screens.translations import TranslationScreen
from tests.complete_plans import annual_review

from .harness import FIXED_NOW, make_app, wait_saved

SIZE = (120, 36)


def view(app: IEPMeetingApp) -> TranslationScreen:
    screen = app.screen
    assert isinstance(screen, TranslationScreen)
    return screen


def title(app) -> str:
    return str(app.screen.query_one("#tr-title", Label).content)


def english_shown(app) -> str:
    return str(app.screen.query_one("#tr-english", Static).content)


async def test_a_translation_typed_is_kept_in_the_plan_and_the_next_text_comes_up(tmp_path: Path) -> None:
    app = make_app(tmp_path, annual_review())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, TranslationScreen)
        total = len(states(app.session.plan, "Spanish"))
        assert f"{total} of {total} texts still to translate" in title(app)
        first = view(app).entries[0][0]
        assert english_shown(app) == first.text
        await pilot.press("tab", *"Hola")
        await pilot.press("ctrl+s")
        await wait_saved(pilot, app)
        kept = next(t for t in load_plan(app.session.plan_file.path).translations if t.key == first.key)
        assert (kept.text, kept.language, kept.date) == ("Hola", "Spanish", FIXED_NOW.date())
        assert kept.by == app.session.plan.meeting.interpreter  # the meeting's interpreter, unless changed
        assert f"{total - 1} of {total} texts still to translate" in title(app)
        # The list did not jump: the text kept stays where it was, marked; the next one is up.
        assert view(app).entries[0][0].key == first.key and view(app).entries[0][1] is TranslationState.CURRENT
        assert english_shown(app) == view(app).entries[1][0].text
        assert app.screen.query_one(OptionList).highlighted == 1
        assert app.focused is app.screen.query_one("#tr-text", TextArea)
        await pilot.press("escape")
        assert not isinstance(app.screen, TranslationScreen)


async def test_an_out_of_date_translation_comes_first_with_its_old_words(tmp_path: Path) -> None:
    plan = annual_review()
    goal = next(item for item, _, _ in states(plan, "Spanish") if item.path == ("goals", 0, "statement"))
    old = translated(goal, "Spanish", "Leerá 90 palabras por minuto.", "Ana Ruiz", FIXED_NOW.date())
    changed_goal = attrs.evolve(plan.goals[0], statement=plan.goals[0].statement + " with expression")
    plan = attrs.evolve(plan, goals=(changed_goal, *plan.goals[1:]), translations=(old,))
    app = make_app(tmp_path, plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        item, state, _ = view(app).entries[0]
        assert item.key == goal.key and state is TranslationState.OUT_OF_DATE
        assert app.screen.query_one("#tr-text", TextArea).text == "Leerá 90 palabras por minuto."
        assert "Out of date" in str(app.screen.query_one("#tr-stale", Label).content)
        assert "1 out of date" in title(app)


async def test_a_final_plan_takes_a_translation_and_keeps_its_seal(tmp_path: Path) -> None:
    app = make_app(tmp_path, sealed(finalize(annual_review(), FIXED_NOW.date())))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        first = view(app).entries[0][0]
        await pilot.press("tab", *"Hola", "ctrl+s")
        await pilot.pause()
        loaded = load_plan_file(app.session.plan_file.path)
        assert seal_intact(loaded)
        assert [t.key for t in loaded.plan.translations] == [first.key]


async def test_a_plan_with_no_family_language_says_so_and_keeps_nothing(tmp_path: Path) -> None:
    plan: Plan = annual_review()
    english = attrs.evolve(
        plan.student,
        home_language="English",
        guardians=tuple(attrs.evolve(g, language="English") for g in plan.student.guardians),
    )
    assert isinstance(english, Student)
    app = make_app(tmp_path, attrs.evolve(plan, student=english))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        problem = str(app.screen.query_one("#tr-problem", Label).content)
        assert "names no family language other than English" in problem
        assert not app.screen.query_one("#tr-body").display
        await pilot.press("ctrl+s")
        assert app.session.plan.translations == ()
