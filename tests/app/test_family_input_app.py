"""The family's input in the running meeting: their answers in their words and
language where the team discusses them (present levels; their topics at the
start-up), and each concern linked from the keyboard to what answers it."""

from __future__ import annotations

from pathlib import Path

import attrs
from textual.widgets import Button, Label, OptionList, SelectionList

from iep_meeting.model.family_input import take_in
from iep_meeting.model.plan import Plan
from iep_meeting.tui.dialogs.checklist import ChecklistScreen
from iep_meeting.tui.dialogs.concern_answers import AnswersDialog
from iep_meeting.tui.dialogs.new_concern import NewConcernDialog
from iep_meeting.tui.widgets.family_concerns import FamilyConcerns
from tests.app.harness import make_app, open_section, saved, settled
from tests.app.test_finalize import open_finding
from tests.factories import small_plan
from tests.family_answers import CONCERNS, TOPICS, form_answers

SIZE = (120, 36)


def with_input() -> Plan:
    return take_in(small_plan(), form_answers()).plan


def text_of(label: Label) -> str:
    return str(label.render())


async def test_the_familys_answers_show_in_their_words_where_the_team_discusses_them(tmp_path: Path) -> None:
    app = make_app(tmp_path, with_input())
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "start-up")
        topics = text_of(app.screen.query_one("#family-topics", Label))
        assert f"“{TOPICS[0]}” (From the family's form, 2026-03-05, in Spanish)" in topics
        await open_section(pilot, app, "present-levels")
        heading = text_of(app.screen.query_one("#family-input-heading", Label))
        assert heading.startswith("The family's own words (From the family's form, 2026-03-05, in Spanish")
        answers = text_of(app.screen.query_one("#family-input-answers", Label))
        assert "Strengths and interests: “Sam es cariñoso y le encantan las novelas gráficas.”" in answers
        assert "The student's page: what is hard for me: “Leer en voz alta en clase.”" in answers
        concerns = app.screen.query_one("#concern-list", OptionList)
        assert concerns.option_count == 2
        first = str(concerns.get_option_at_index(0).prompt)
        assert first.startswith("○ no answer yet — “Las tareas le toman dos horas") and "in Spanish" in first


async def test_a_plan_without_the_familys_input_shows_none_of_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, small_plan())
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        assert not app.screen.query_one("#family-input").display
        assert not app.screen.query_one("#concern-list").display
        assert app.screen.query_one("#concerns-empty").display


async def test_a_concern_is_linked_from_the_checklist_with_the_keyboard_only(tmp_path: Path) -> None:
    app = make_app(tmp_path, with_input())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("f10")
        await settled(pilot, app)
        assert isinstance(app.screen, ChecklistScreen)
        await open_finding(pilot, "concern-answered")  # the first concern, in the family's words
        await settled(pilot, app)
        assert app.focused is app.screen.query_one("#concern-list", OptionList)
        await pilot.press("enter")
        await settled(pilot, app)
        assert isinstance(app.screen, AnswersDialog)
        choices = app.screen.query_one("#answers", SelectionList)
        assert app.focused is choices
        # Down to the first accommodation, tick it; and the first goal (at the top), tick it.
        goals = len(app.session.plan.goals) + len(app.session.plan.services)
        await pilot.press(*["down"] * goals, "space", "home", "space")
        ticked = [str(choices.get_option_at_index(i).prompt)[:2] for i in (0, 1, goals)]
        assert ticked == ["✓ ", "  ", "✓ "]  # said with a mark, not by the box's colour alone
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        assert not isinstance(app.screen, AnswersDialog)
        plan = await saved(pilot, app)
        assert plan.present_levels.concerns[0].answered_by == (
            f"goals:{plan.goals[0].id}",
            f"accommodations:{plan.accommodations[0].id}",
        )
        line = str(app.screen.query_one("#concern-list", OptionList).get_option_at_index(0).prompt)
        assert line.startswith(f"✓ answered: Goal 1 ({plan.goals[0].domain}); Accommodation: ")
        found = [f for f in app.session.findings if f.rule == "concern-answered"]
        assert [f.path[2] for f in found] == [1]  # only the second concern is still without an answer


async def test_a_decision_answers_a_concern_and_unticking_takes_a_link_away(tmp_path: Path) -> None:
    app = make_app(tmp_path, with_input())
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        concerns = app.screen.query_one("#concern-list", OptionList)
        concerns.focus()
        await pilot.press("down", "enter")  # the second concern
        await settled(pilot, app)
        plan = app.session.plan
        before_decisions = len(plan.goals) + len(plan.services) + len(plan.accommodations)
        await pilot.press(*["down"] * before_decisions, "enter", "ctrl+s")  # Enter ticks too
        await settled(pilot, app)
        plan = await saved(pilot, app)
        assert plan.decisions[0].id == "decision-1"
        assert plan.present_levels.concerns[1].answered_by == ("decisions:decision-1",)
        await pilot.press("enter")  # the same concern again: the decision is ticked; untick it
        await settled(pilot, app)
        await pilot.press(*["down"] * before_decisions, "space", "ctrl+s")
        await settled(pilot, app)
        assert (await saved(pilot, app)).present_levels.concerns[1].answered_by == ()


async def test_a_concern_the_family_raises_in_the_meeting_is_added_in_their_words(tmp_path: Path) -> None:
    app = make_app(tmp_path, small_plan())
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        app.screen.query_one("#concern-add", Button).focus()
        await pilot.press("enter")
        await settled(pilot, app)
        assert isinstance(app.screen, NewConcernDialog)
        await pilot.press("ctrl+s")  # nothing typed: said, and the dialog stays
        assert "Type the concern first" in text_of(app.screen.query_one("#concern-problem", Label))
        await pilot.press(*"He is [b]tired[/b] after the bus", "tab", *"Alex Example", "ctrl+s")
        await settled(pilot, app)
        plan = await saved(pilot, app)
        (concern,) = plan.present_levels.concerns
        assert (concern.id, concern.text, concern.raised_by, concern.from_form) == (
            "concern-1",
            "He is [b]tired[/b] after the bus",
            "Alex Example",
            None,
        )
        line = str(app.screen.query_one("#concern-list", OptionList).get_option_at_index(0).prompt)
        assert "“He is [b]tired[/b] after the bus” (raised in the meeting by Alex Example)" in line  # as typed


async def test_nothing_is_linked_in_a_read_only_plan(tmp_path: Path) -> None:
    app = make_app(tmp_path, with_input(), read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        app.meeting_screen.go_to("present-levels")  # nothing takes the focus: the form is disabled
        for _ in range(100):
            await pilot.pause()
            if app.screen.query(FamilyConcerns):
                break
        widget = app.screen.query_one(FamilyConcerns)
        assert widget.query_one("#concern-list").is_disabled  # the whole form is, in a read-only plan
        assert widget.query_one("#concern-add").is_disabled
        assert app.session.plan.present_levels.concerns == with_input().present_levels.concerns


async def test_the_answers_dialog_says_when_nothing_can_answer_yet(tmp_path: Path) -> None:
    bare = attrs.evolve(with_input(), goals=(), services=(), accommodations=(), decisions=(), parking_lot=())
    app = make_app(tmp_path, bare)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        app.screen.query_one("#concern-list", OptionList).focus()
        await pilot.press("enter")
        await settled(pilot, app)
        assert isinstance(app.screen, AnswersDialog) and not app.screen.query("#answers")
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        assert app.session.plan.present_levels.concerns[0].answered_by == ()
        assert CONCERNS[0] in str(app.screen.query_one("#concern-list", OptionList).get_option_at_index(0).prompt)


async def test_typed_text_in_the_answer_choices_is_shown_as_typed(tmp_path: Path) -> None:
    plan = with_input()
    goal = attrs.evolve(plan.goals[0], domain="[bold]reading[/bold]")
    app = make_app(tmp_path, attrs.evolve(plan, goals=(goal, *plan.goals[1:])))
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        app.screen.query_one("#concern-list", OptionList).focus()
        await pilot.press("enter")
        await settled(pilot, app)
        choices = app.screen.query_one("#answers", SelectionList)
        assert str(choices.get_option_at_index(0).prompt) == "  Goal 1 ([bold]reading[/bold])"
