"""The README's table of keys is the command table (tui/commands.py), row for row."""

from __future__ import annotations

from pathlib import Path

from iep_meeting.tui.commands import APP_COMMANDS, LIST_COMMANDS, MEETING_COMMANDS, PROGRESS_COMMANDS, Command, key_text

README = Path(__file__).resolve().parents[2] / "README.md"


def key_table(commands: tuple[Command, ...]) -> str:
    rows = ["| key | what it does | id (for keys.toml) |", "|---|---|---|"]
    for command in commands:
        rows.append(f"| {key_text(command.key)} | {command.title} | `{command.id}` |")
    return "\n".join(rows)


def test_the_readme_lists_every_key_as_the_app_defines_it():
    table = key_table(MEETING_COMMANDS + LIST_COMMANDS + APP_COMMANDS)
    assert table in README.read_text(encoding="utf-8"), "README.md's key table should be:\n" + table


def test_the_readme_lists_every_key_of_the_progress_screen():
    table = key_table(PROGRESS_COMMANDS)
    assert table in README.read_text(encoding="utf-8"), "README.md's progress key table should be:\n" + table
