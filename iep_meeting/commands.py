"""Every meeting command, defined once: its key, key-bar label, palette title and help.

The meeting screen's bindings, the command palette and the help screen are all
made from this table, so they can never disagree. Keys are function keys or
ctrl+ combinations: they work while the cursor is in a text field.
"""

from __future__ import annotations

import attrs
from textual.binding import Binding


@attrs.frozen
class Command:
    key: str
    action: str  # a MeetingScreen action, e.g. "step(1)"
    label: str  # short, for the key bar
    title: str  # for the command palette and the help screen
    help: str
    show: bool = True  # in the key bar


MEETING_COMMANDS = (
    Command("f1", "app.help", "Help", "Help: all keys", "Show every key and what it does."),
    Command("f2", "record_decision", "Decision", "Record a decision",
            "Write down what the team decided, whether everyone agreed, and the options considered."),
    Command("f3", "park_topic", "Parking lot", "Add a parking-lot topic",
            "Keep a topic raised out of turn so it is not lost; it is reviewed at the close."),
    Command("f4", "add_action_item", "Action item", "Add an action item", "A next step with an owner and a due date."),
    Command("f5", "step(-1)", "Previous", "Previous section", "Go back one agenda section."),
    Command("f6", "step(1)", "Next", "Next section", "Go on to the next agenda section."),
    # F7 and F9 are named on screen where they act (the agenda's and the
    # prompts' titles), which leaves the key bar room for the others.
    Command("f7", "pick_section", "Go to", "Go to a section…", "Pick any agenda section to jump to.", show=False),
    Command("f8", "decision_log", "Decisions", "Decision log", "See and edit every decision recorded so far."),
    Command("f9", "toggle_prompts", "Prompts", "Show or hide the facilitator prompts",
            "Collapse the prompts to give the form more room.", show=False),
    Command("f10", "checklist", "Checklist", "Completeness checklist",
            "Everything the IEP still lacks, by agenda section; Enter goes to where it is fixed."),
    Command("ctrl+f", "finalize", "Finalize", "Finalize the plan…",
            "Make the plan final once every required item is done (it is refused while any is open).",
            show=False),
    Command("ctrl+t", "continue_later", "To be continued", "Close the meeting as to be continued…",
            "Keep the plan a draft and write the open items down for a follow-up meeting.", show=False),
    Command("ctrl+s", "save_now", "Save", "Save now",
            "Saving is automatic within a second of every change; this saves at once.", show=False),
    Command("f12", "save_elsewhere", "Save elsewhere", "Save to another file…",
            "Write the plan to another file and keep saving there (e.g. when the disk is full).", show=False),
)

LIST_KEYS = (
    ("ctrl+n", "Add an item to the list you are in (team member, goal, service, …)"),
    ("ctrl+r", "Remove the selected item (asks first)"),
    ("alt+up / alt+down", "Move the selected item up or down (goals)"),
)

GENERAL_KEYS = (
    ("tab / shift+tab", "Move to the next / previous field"),
    ("ctrl+p", "Command palette: search every command"),
    ("ctrl+q", "Quit (everything is saved first)"),
)


def bindings(commands: tuple[Command, ...]) -> list[Binding]:
    return [Binding(c.key, c.action, c.label, show=c.show, priority=True, tooltip=c.help) for c in commands]
