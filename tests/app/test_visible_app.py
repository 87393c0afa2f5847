"""On the shared screen, text from the plan never sends terminal controls:
every line drawn shows them instead (words/visible.py), in every section,
dialog and message, and the file keeps the text as typed."""

from __future__ import annotations

import attrs
from textual.geometry import Region

from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.lock import LockOwner, lock_path_for
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.dialogs.checklist import ChecklistScreen
from iep_meeting.tui.screens.decision_log import DecisionLogScreen
from tests.app.harness import make_app, open_section, write_plan
from tests.hostile import PAYLOAD, raw_controls, with_payload


def drawn(app) -> str:
    """Every character the screen's lines would send to the terminal, and its notices'."""
    lines = list(app.screen._compositor.render_strips())
    for toast in app.screen.query("Toast"):
        lines += toast.render_lines(Region(0, 0, *toast.size))  # as the screen draws it
    return "".join(segment.text for strip in lines for segment in strip)


def hostile_plan():
    plan = with_payload(load_plan(sample_plan_path()))
    # old enough for the transition section, so that it is drawn too
    birth = plan.student.date_of_birth
    assert birth is not None
    return attrs.evolve(plan, student=attrs.evolve(plan.student, date_of_birth=birth.replace(year=2010)))


async def test_every_section_and_screen_shows_hostile_text_safely(tmp_path):
    app = make_app(tmp_path, hostile_plan())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = []
        for section in app.session.sections:
            await open_section(pilot, app, section.id)
            await pilot.pause()
            shown.append(drawn(app))
        await pilot.press("f10")
        assert isinstance(app.screen, ChecklistScreen)
        shown.append(drawn(app))
        await pilot.press("escape", "f8")
        assert isinstance(app.screen, DecisionLogScreen)
        await pilot.pause()
        shown.append(drawn(app))
        for text in shown:
            assert raw_controls(text) == []
        assert ["␛]0;pwned" in text for text in shown] == [True] * len(shown)  # the text is there, visibly
    assert load_plan(app.session.plan_file.path).student.name.endswith(PAYLOAD)


async def test_a_message_about_a_taken_over_lock_shows_hostile_text_safely(tmp_path):
    path = write_plan(tmp_path)
    left = LockOwner(pid=999_999_999, user=PAYLOAD, host=PAYLOAD, since="2026-11-28T09:02:00", program="iep-meeting")
    lock_path_for(path).write_text(left.to_json())
    app = make_app(tmp_path, load_plan(path))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        for _ in range(20):  # the notice slides in (bounded)
            await pilot.pause()
            text = drawn(app)
            if "taken over" in text:
                break
        assert "taken over" in text and "␛]0;pwned" in text
        assert raw_controls(text) == []
