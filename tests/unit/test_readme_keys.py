"""The README's table of keys is the command table (tui/commands.py), row for row."""

from __future__ import annotations

from pathlib import Path

from iep_meeting.tui.commands import APP_COMMANDS, LIST_COMMANDS, MEETING_COMMANDS, key_text

README = Path(__file__).resolve().parents[2] / "README.md"


def key_table() -> str:
    rows = ["| key | what it does | id (for keys.toml) |", "|---|---|---|"]
    for command in MEETING_COMMANDS + LIST_COMMANDS + APP_COMMANDS:
        rows.append(f"| {key_text(command.key)} | {command.title} | `{command.id}` |")
    return "\n".join(rows)


def test_the_readme_lists_every_key_as_the_app_defines_it():
    assert key_table() in README.read_text(encoding="utf-8"), "README.md's key table should be:\n" + key_table()
