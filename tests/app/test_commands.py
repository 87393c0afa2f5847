"""Commands defined once: a key remapped in keys.toml works, and is named, everywhere;
the palette offers only what applies now."""

from __future__ import annotations

from iep_meeting.cli.main import main
from iep_meeting.tui.commands import MEETING_COMMANDS, KeyNames
from iep_meeting.tui.dialogs.help import HelpScreen
from iep_meeting.tui.dialogs.record import DecisionDialog
from iep_meeting.tui.screens.decision_log import DecisionLogScreen
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.key_bar import KeyBar
from iep_meeting.tui.widgets.prompts import Prompts
from tests.app.harness import make_app, open_section, write_plan

REMAPPED = KeyNames({"record-decision": "alt+d", "decision-log": "ctrl+l", "toggle-prompts": "ctrl+o"})


async def test_a_remapped_key_runs_its_command_and_the_old_key_does_not(tmp_path):
    app = make_app(tmp_path, keys=REMAPPED)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        assert isinstance(app.screen, MeetingScreen)  # f2 is free now
        await pilot.press("alt+d")
        assert isinstance(app.screen, DecisionDialog)
        await pilot.press("escape", "ctrl+l")
        assert isinstance(app.screen, DecisionLogScreen)
        await pilot.press("ctrl+l")  # the log's own key closes it again
        assert isinstance(app.screen, MeetingScreen)


async def test_a_remapped_key_is_named_wherever_a_text_names_it(tmp_path):
    app = make_app(tmp_path, keys=REMAPPED)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert "alt+d Decision" in bar and "f2 " not in bar
        assert "(ctrl+o shows/hides)" in str(app.screen.query_one(Prompts).title)
        await open_section(pilot, app, "close")
        titles = [str(label.render()) for label in app.screen.query(".group-title")]
        assert any("alt+d records one, ctrl+l edits them" in title for title in titles)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = [str(label.render()) for label in app.screen.query("Label")]
        assert "alt+d" in shown and "ctrl+l" in shown and "f2" not in shown


async def test_the_palette_leaves_out_what_a_read_only_plan_refuses(tmp_path):
    app = make_app(tmp_path, read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        offered = [command.title for command in app.get_system_commands(app.screen)]
        assert not any(title.startswith("Record a decision") for title in offered)
        assert not any(title.startswith("Finalize") for title in offered)
        assert any(title.startswith("Decision log") for title in offered)  # reading still works
    (tmp_path / "editable").mkdir()
    editable = make_app(tmp_path / "editable")
    async with editable.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        offered = [command.title for command in editable.get_system_commands(editable.screen)]
        for command in MEETING_COMMANDS:
            assert any(title.startswith(command.title) for title in offered), command.id


def test_run_with_a_bad_keys_file_says_where_and_locks_nothing(tmp_path, capsys):
    plan = write_plan(tmp_path)
    keys = tmp_path / "my-keys.toml"
    keys.write_text('record-decison = "f11"\n', encoding="utf-8")
    assert main(["run", str(plan), "--keys", str(keys)]) == 2
    error = capsys.readouterr().err
    assert "my-keys.toml" in error and "line 1" in error and "did you mean 'record-decision'?" in error
    assert not (tmp_path / "plan.toml.lock").exists()
