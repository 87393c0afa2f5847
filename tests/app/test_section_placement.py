"""Placement: LRE, state tests, the extended school year and the special factors."""

from __future__ import annotations

import attrs
from textual.widgets import Input

from iep_meeting.model.plan import AssessmentParticipation, Factor
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.widgets.fields import BoundField
from tests.app.harness import editor_as, field, make_app, open_section, pick, saved

SIZE = (120, 36)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def choose(pilot, bound: BoundField, label: str) -> None:
    """Pick the option whose words start with `label` ("": none) with the keyboard."""
    await pick(pilot, bound.editor, label)


async def test_special_factor_yes_no_and_note_are_saved(tmp_path):
    app = make_app(tmp_path)  # the sample: no special factor considered yet
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "placement")
        assert "0 of 5 considered" in text_of(app, "#factors-count")
        await choose(pilot, field(app, "special_factors", "assistive_technology", "needed"), "yes")
        await choose(pilot, field(app, "special_factors", "vision", "needed"), "no")
        field(app, "special_factors", "assistive_technology", "note").editor.focus()
        await pilot.press(*"TTS [b]")

        plan = await saved(pilot, app)
        assert plan.special_factors.assistive_technology == Factor(needed=True, note="TTS [b]")
        assert plan.special_factors.vision == Factor(needed=False)
        assert plan.special_factors.behavior == Factor()  # not considered stays blank, not "no"
        assert "2 of 5 considered" in text_of(app, "#factors-count")
        assert "✓ considered: needed" in text_of(app, "#factor-assistive_technology .factor-title")
        assert "○ not considered yet" in text_of(app, "#factor-behavior .factor-title")


async def test_alternate_assessment_reasons_appear_only_for_alternate(tmp_path):
    app = make_app(tmp_path)  # the sample: regular test with accommodations
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "placement")
        reasons = app.screen.query_one("#alternate-why")
        participation = field(app, "assessment", "participation")
        assert not reasons.display
        await choose(pilot, participation, "an alternate")
        assert reasons.display
        await choose(pilot, participation, "the regular test, like")  # back to the regular test
        assert not reasons.display
        await choose(pilot, participation, "an alternate")
        field(app, "assessment", "why_regular_not_appropriate").editor.focus()
        await pilot.press(*"why")

        plan = await saved(pilot, app)
        assert plan.assessment.participation is AssessmentParticipation.ALTERNATE
        assert plan.assessment.why_regular_not_appropriate == "why"
        # Written reasons never disappear silently: switching away leaves them visible, flagged.
        await choose(pilot, participation, "the regular test, with")
        assert reasons.display
        assert "not chosen now" in text_of(app, "#alternate-note")
        assert (await saved(pilot, app)).assessment.why_regular_not_appropriate == "why"


async def test_lre_over_100_is_refused_with_a_message_and_the_file_is_unchanged(tmp_path):
    app = make_app(tmp_path)  # the sample: 82% in general education
    async with app.run_test(size=SIZE) as pilot:
        path = app.session.plan_file.path
        before = path.read_bytes()
        await open_section(pilot, app, "placement")
        percent = field(app, "lre", "general_education_percent")
        percent.editor.focus()
        # Pasted in one go: typed key by key, 1 and 12 are valid on the way, and on a
        # loaded machine one may be saved before 120 arrives.
        editor_as(Input, percent).value = "120"
        editor_as(Input, percent).cursor_position = 3
        await pilot.pause()
        assert percent.has_class("-unclear")
        message = str(percent.query_one(".field-problem").render())
        assert "120 is more than 100" in message and "the plan keeps 82" in message
        assert editor_as(Input, percent).value == "120"  # what was typed stays, to be corrected
        assert app.session.plan.lre.general_education_percent == 82
        assert app.session.save_now() is None
        assert path.read_bytes() == before

        await pilot.press("backspace", "backspace", "0", "0")  # 100 is fine
        plan = await saved(pilot, app)
        assert plan.lre.general_education_percent == 100
        assert not percent.has_class("-unclear")


async def test_time_apart_must_be_explained_below_100_percent(tmp_path):
    sample = load_plan(sample_plan_path())
    app = make_app(tmp_path, attrs.evolve(sample, lre=attrs.evolve(sample.lre, explanation="")))
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "placement")
        state = app.screen.query_one("#lre-state")
        assert "! Required: 82% is under 100%" in text_of(app, "#lre-state")
        assert state.has_class("-attention")
        field(app, "lre", "explanation").editor.focus()
        await pilot.press(*"OT")
        await pilot.pause()
        assert text_of(app, "#lre-state").startswith("✓ Required")
        assert not state.has_class("-attention")
        assert (await saved(pilot, app)).lre.explanation == "OT"


async def test_extended_school_year_decision_is_saved(tmp_path):
    app = make_app(tmp_path)  # the sample: not decided yet
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "placement")
        assert text_of(app, "#esy-state").startswith("○ Not decided")
        await choose(pilot, field(app, "esy", "eligible"), "no")
        field(app, "esy", "note").editor.focus()
        await pilot.press(*"no loss")

        plan = await saved(pilot, app)
        assert plan.esy.eligible is False and plan.esy.note == "no loss"
        assert text_of(app, "#esy-state") == "✓ Decided: no summer services."


async def test_lre_refusal_holds_when_keys_arrive_faster_than_edits_are_applied(tmp_path):
    """A slow remote terminal delivers 1, 2, 0 at once: the plan catches up with 1 and 12
    after 120 is on screen. The message and the typed text must survive that."""
    from textual import events

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "placement")
        percent = field(app, "lre", "general_education_percent")
        percent.editor.focus()
        await pilot.press("end", "backspace", "backspace")
        for key in "120":  # all three queued before any edit is applied
            percent.editor.post_message(events.Key(key, key))
        await pilot.pause()
        assert editor_as(Input, percent).value == "120" and percent.has_class("-unclear")
        assert "the plan keeps 82" in str(percent.query_one(".field-problem").render())
        assert (await saved(pilot, app)).lre.general_education_percent == 82
