"""Every command of the app, defined once: its id, its key, where it works,
the words for the key bar, the palette and the help screen, and when it applies.

The bindings, the key bar, F1 help, the command palette and every text that
names a key are made from this table, so they can never disagree. A user
remaps a key by the command's id in keys.toml (store/key_files.py); the
bindings carry the same ids, so Textual's keymap moves them, and `KeyNames`
says the remapped key wherever a text names it.

Meeting keys are function keys or ctrl+ combinations: they work while the
cursor is in a text field, so none of them is a key a text field edits with
(ctrl+a, ctrl+e, ctrl+k, ctrl+w, ctrl+z, ctrl+←, …: `typing_keys`), and keys.toml
cannot give them one.

When the key bar cannot show every key (80 columns cannot), it keeps the most
important ones, by each command's `bar_priority` (1 first), and shows them in
the table's order. During the meeting that is:

    F2 Decision, F6 Next, F10 Checklist  (what a meeting cannot do without)
    F8 Decisions, F3 Parking lot, F4 Action item, F5 Previous
    F1 Help                              (help is in the palette too: ctrl+p)
    then the keys of the focused list (ctrl+n Add, ctrl+r Remove), so that the
    meeting's keys keep their places as the focus moves.

The palette key (ctrl+p) is not ranked: it always stays, at the right end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from textual.binding import Binding, BindingType


class Scope(StrEnum):
    """Where a command's key works (one key means one thing within a scope)."""

    APP = "anywhere"
    MEETING = "during the meeting"
    LIST = "in a list"
    LOG = "in the decision log"
    TRANSLATIONS = "in the translation view"
    DIALOG = "in a dialog"
    CASELOAD = "on the caseload"  # the caseload screen (`iep-meeting` with no command), an app of its own
    PROGRESS = "on the progress screen"  # `iep-meeting progress PLAN`, an app of its own


class Needs(StrEnum):
    """When a command applies; otherwise it is greyed out in the key bar and
    left out of the palette."""

    NOTHING = ""
    EDITABLE = "editable"  # the plan can be changed (not read-only, not final)
    DECISIONS = "decisions"  # the decision log has a decision selected
    SHAREABLE = "shareable"  # the meeting is not shared yet, and its plan is not final
    SHARED = "shared"  # the meeting is shared in a browser


class Command(NamedTuple):  # a NamedTuple: made at every start, and attrs would compile code for it
    id: str  # what keys.toml names: "record-decision"
    key: str  # the default key, as Textual names it: "f2", "ctrl+n"
    action: str  # the Textual action it runs: "record_decision", "step(1)"
    label: str  # short, for the key bar
    title: str  # for the command palette and the help screen
    help: str
    scope: Scope
    show: bool = True  # in the key bar
    needs: Needs = Needs.NOTHING
    palette: bool = True  # offered in the command palette (within its scope)
    # When the key bar is short of room it keeps the lowest numbers first (1 is
    # the most important; see the module docstring). Unranked keys come last.
    bar_priority: int = 100


def _meeting(id: str, key: str, action: str, label: str, title: str, help: str, **options) -> Command:
    return Command(id=id, key=key, action=action, label=label, title=title, help=help, scope=Scope.MEETING, **options)


MEETING_COMMANDS = (
    _meeting("help", "f1", "app.help", "Help", "Help: all keys", "Show every key and what it does.", bar_priority=8),
    _meeting(
        "record-decision",
        "f2",
        "app.record_decision",
        "Decision",
        "Record a decision",
        "Write down what the team decided, whether everyone agreed, and the options considered.",
        needs=Needs.EDITABLE,
        bar_priority=1,
    ),
    _meeting(
        "park-topic",
        "f3",
        "app.park_topic",
        "Parking lot",
        "Add a parking-lot topic",
        "Keep a topic raised out of turn so it is not lost; it is reviewed at the close.",
        needs=Needs.EDITABLE,
        bar_priority=5,
    ),
    _meeting(
        "add-action-item",
        "f4",
        "app.add_action_item",
        "Action item",
        "Add an action item",
        "A next step with an owner and a due date.",
        needs=Needs.EDITABLE,
        bar_priority=6,
    ),
    _meeting(
        "previous-section",
        "f5",
        "step(-1)",
        "Previous",
        "Previous section",
        "Go back one agenda section.",
        bar_priority=7,
    ),
    _meeting(
        "next-section", "f6", "step(1)", "Next", "Next section", "Go on to the next agenda section.", bar_priority=2
    ),
    # F7 and F9 are named on screen where they act (the agenda's and the
    # prompts' titles), which leaves the key bar room for the others.
    _meeting(
        "go-to-section",
        "f7",
        "pick_section",
        "Go to",
        "Go to a section…",
        "Pick any agenda section to jump to.",
        show=False,
    ),
    _meeting(
        "decision-log",
        "f8",
        "app.decision_log",
        "Decisions",
        "Decision log",
        "See and edit every decision recorded so far.",
        bar_priority=4,
    ),
    _meeting(
        "translations",
        "ctrl+l",
        "app.translations",
        "Translate",
        "Translate the team's words…",
        "Each text the team typed beside its translation into the family's language, for the interpreter.",
        show=False,
    ),
    _meeting(
        "toggle-prompts",
        "f9",
        "toggle_prompts",
        "Prompts",
        "Show or hide the facilitator prompts",
        "Collapse the prompts to give the form more room.",
        show=False,
    ),
    _meeting(
        "presentation",
        "ctrl+b",  # the big screen
        "toggle_presentation",
        "Present",
        "Switch between the facilitator's view and the presentation view",
        "For the shared screen: the section in plain words, what was just written down, the agenda and the "
        "time in large digits; no prompts, no form. The meeting's keys still work.",
        show=False,
    ),
    _meeting(
        "glossary",
        "ctrl+t",  # the terms (los términos)
        "app.glossary",
        "Words",
        "Explain the words on screen",
        "What the IEP words on the screen mean (FAPE, LRE, present levels, ESY, …), in plain words: "
        "the glossary of the family's copy.",
        show=False,
    ),
    _meeting(
        "checklist",
        "f10",
        "app.checklist",
        "Checklist",
        "Completeness checklist",
        "Everything the IEP still lacks, by agenda section; Enter goes to where it is fixed.",
        bar_priority=3,
    ),
    _meeting(
        "finalize",
        "ctrl+f",
        "app.finalize",
        "Finalize",
        "Finalize the plan…",
        "Make the plan final once every required item is done (it is refused while any is open).",
        show=False,
        needs=Needs.EDITABLE,
    ),
    _meeting(
        "family-copy",
        "ctrl+g",
        "app.family_copy",
        "Family's copy",
        "Make the family's copy",
        "Write the family's copy in their language next to the plan, record in the plan which copy "
        "it was (language, date, SHA-256 of the file), and offer to open it.",
        show=False,
    ),
    # Also offered where it is needed: a button in the close section, and the
    # time boxes' offer when the end nears with required items open.
    _meeting(
        "continue-later",
        "f11",
        "app.continue_later",
        "To be continued",
        "Close the meeting as to be continued…",
        "Keep the plan a draft and write the open items down for a follow-up meeting.",
        show=False,
        needs=Needs.EDITABLE,
    ),
    _meeting(
        "save-now",
        "ctrl+s",
        "app.save_now",
        "Save",
        "Save now",
        "Saving is automatic within a second of every change; this saves at once.",
        show=False,
        needs=Needs.EDITABLE,
    ),
    _meeting(
        "save-elsewhere",
        "f12",
        "app.save_elsewhere",
        "Save elsewhere",
        "Save to another file…",
        "Write the plan to another file and keep saving there (e.g. when the disk is full).",
        show=False,
    ),
    # Named where it acts: in the "from last year — review" note of a section.
    _meeting(
        "confirm-carried",
        "ctrl+o",
        "app.confirm_carried",
        "Keep as is",
        "Confirm what is carried over from last year, as it is",
        "Mark the part or record carried over from last year where the cursor is as reviewed, without changing it.",
        show=False,
        needs=Needs.EDITABLE,
    ),
)


# Offered only in the palette, with no key: rare, and no key pressed by accident should share a meeting.
PALETTE_COMMANDS = (
    _meeting(
        "share",
        "",
        "app.share('here')",
        "Share",
        "Share the meeting in a browser",
        "Show the meeting, read-only, in plain words and the family's language, in a browser on this "
        "computer (share that browser tab on a video call).",
        show=False,
        needs=Needs.SHAREABLE,
    ),
    _meeting(
        "share-lan",
        "",
        "app.share('lan')",
        "Share on the network",
        "Share the meeting in a browser on the local network…",
        "Anyone on this network with the link can watch, read-only; asks first.",
        show=False,
        needs=Needs.SHAREABLE,
    ),
    _meeting(
        "stop-sharing",
        "",
        "app.stop_sharing",
        "Stop sharing",
        "Stop sharing",
        "Stop showing the meeting in the browser; every open page says it has stopped.",
        show=False,
        needs=Needs.SHARED,
    ),
)


def _list(id: str, key: str, action: str, label: str, help: str, **options) -> Command:
    return Command(
        id=id, key=key, action=action, label=label, title=help, help=help, scope=Scope.LIST, palette=False, **options
    )


LIST_COMMANDS = (
    _list(
        "list-add",
        "ctrl+n",
        "add",
        "Add",
        "Add an item to the list you are in (team member, goal, service, …)",
        bar_priority=10,
    ),
    _list("list-remove", "ctrl+r", "remove", "Remove", "Remove the selected item (asks first)", bar_priority=11),
    _list("list-move-up", "alt+up", "move(-1)", "Move up", "Move the selected item up (goals)", show=False),
    _list("list-move-down", "alt+down", "move(1)", "Move down", "Move the selected item down (goals)", show=False),
    _list(
        "list-next",
        "ctrl+down",
        "step(1)",
        "Next item",
        "The next item of the list you are in (the next team member, goal, …), in the same field",
        show=False,
    ),
    _list(
        "list-previous",
        "ctrl+up",
        "step(-1)",
        "Previous item",
        "The previous item of the list you are in, in the same field",
        show=False,
    ),
)

LOG_COMMANDS = (
    Command(
        id="log-edit",
        key="enter",
        action="edit",
        label="Edit",
        title="Edit the selected decision",
        help="Change what was decided, the outcome, who disagreed or the options considered.",
        scope=Scope.LOG,
        needs=Needs.DECISIONS,
        palette=False,
        bar_priority=2,
    ),
    Command(
        id="log-delete",
        key="ctrl+r",
        action="delete",
        label="Delete",
        title="Delete the selected decision",
        help="Take the selected decision out of the record (asks first).",
        scope=Scope.LOG,
        needs=Needs.DECISIONS,
        palette=False,
        bar_priority=3,
    ),
    Command(
        id="log-close",
        key="escape",
        action="close",
        label="Back to the meeting",
        title="Back to the meeting",
        help="Close the decision log.",
        scope=Scope.LOG,
        palette=False,
        bar_priority=1,  # the way back comes first
    ),
)


def _translation(id: str, key: str, action: str, label: str, help: str, **options) -> Command:
    return Command(
        id=id,
        key=key,
        action=action,
        label=label,
        title=help,
        help=help,
        scope=Scope.TRANSLATIONS,
        palette=False,
        **options,
    )


TRANSLATION_COMMANDS = (
    _translation(
        "translation-close", "escape", "close", "Back to the meeting", "Close the translation view", bar_priority=1
    ),
    _translation(
        "translation-keep",
        "ctrl+s",
        "keep",
        "Keep",
        "Keep the translation typed and go on to the next text still to translate",
        bar_priority=2,
    ),
    _translation(
        "translation-language",
        "ctrl+o",
        "other_language",
        "Other language",
        "Translate into the family's other language (when the plan names two)",
        bar_priority=3,
    ),
)

DIALOG_COMMANDS = (
    Command(
        id="dialog-save",
        key="ctrl+s",
        action="record",
        label="Record",
        title="Record what the dialog holds",
        help="Save the decision, topic or action item into the plan.",
        scope=Scope.DIALOG,
        palette=False,
        bar_priority=1,
    ),
    Command(
        id="dialog-cancel",
        key="escape",
        action="cancel",
        label="Cancel",
        title="Cancel the dialog",
        help="Close the dialog; asks first when something typed would be lost.",
        scope=Scope.DIALOG,
        palette=False,
        bar_priority=2,
    ),
)

APP_COMMANDS = (
    Command(
        id="palette",
        key="ctrl+p",
        action="command_palette",
        label="palette",
        title="Command palette: search every command",
        help="Search every command and run it.",
        scope=Scope.APP,
        show=False,
        palette=False,
    ),
    Command(
        id="quit",
        key="ctrl+q",
        action="quit",
        label="Quit",
        title="Quit (everything is saved first)",
        help="Save and leave the app.",
        scope=Scope.APP,
        show=False,
    ),
)


def _caseload(id: str, key: str, action: str, label: str, help: str, **options) -> Command:
    return Command(id=id, key=key, action=action, label=label, title=help, help=help, scope=Scope.CASELOAD, **options)


# The caseload screen's keys (tui/caseload/app.py); its Enter is the table's own.
CASELOAD_COMMANDS = (
    _caseload(
        "caseload-next-year",
        "f2",
        "next_year",
        "Next year's plan",
        "Start next year's plan from the selected student's current plan (iep-meeting new --from).",
    ),
    _caseload("caseload-progress", "f3", "progress", "Progress", "Open the selected plan's progress."),
    _caseload("caseload-sort", "f4", "sort", "Sort", "Sort by urgency, due date, student or what, in turn."),
    _caseload("caseload-read-again", "f5", "read_again", "Read again", "Read the plans again."),
    _caseload("caseload-rows", "escape", "to_rows", "Rows", "Back from a filter field to the rows.", show=False),
    _caseload("caseload-help", "f1", "help", "Help", "Show or hide every key of this screen.", show=False),
)


def _progress(id: str, key: str, action: str, label: str, title: str, help: str) -> Command:
    return Command(id=id, key=key, action=action, label=label, title=title, help=help, scope=Scope.PROGRESS)


# The progress screen's keys (tui/progress/app.py); Enter in the row adds the point.
PROGRESS_COMMANDS = (
    _progress("progress-next-goal", "ctrl+down", "goal(1)", "Next goal", "The next goal", "The plan's next goal."),
    _progress(
        "progress-previous-goal",
        "ctrl+up",
        "goal(-1)",
        "Previous goal",
        "The previous goal",
        "The plan's previous goal.",
    ),
    _progress(
        "progress-report",
        "f2",
        "report",
        "Report",
        "Write the goal's report for a period",
        "The progress code, whether progress is enough to meet the goal and why not, the team's narrative.",
    ),
    _progress(
        "progress-sent",
        "f3",
        "sent",
        "Report sent",
        "Record that a period's report went to the family",
        "The day, how (in person, mail, email, portal) and in which language.",
    ),
    _progress(
        "progress-withdraw",
        "f4",
        "withdraw",
        "Take back",
        "Take back a point recorded by mistake",
        "The point's day, value and attempts (the goal's last point's to start with), and why. "
        "It stays in the progress file and counts nowhere.",
    ),
    _progress(
        "progress-aim",
        "f5",
        "aim",
        "Aim line",
        "Set the goal's aim line in numbers",
        "Where the line starts on the plan's first day and ends on its last, when the goal's baseline and target "
        "texts do not give the right numbers. The one set before stays in the progress file.",
    ),
    _progress(
        "progress-translate",
        "f6",
        "translate",
        "Language",
        "Translate the goal's reports, units and roles into the family's language",
        "Each text of the progress file the family's report shows, in English with its translation below: what is "
        "out of date or missing first. The report in that language shows the translations.",
    ),
)

COMMANDS: tuple[Command, ...] = (
    MEETING_COMMANDS
    + LIST_COMMANDS
    + LOG_COMMANDS
    + TRANSLATION_COMMANDS
    + DIALOG_COMMANDS
    + APP_COMMANDS
    + CASELOAD_COMMANDS
    + PROGRESS_COMMANDS
)
BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}

# Keys Textual itself gives every screen; listed in the help, not remappable.
BUILT_IN_KEYS = (("tab / shift+tab", "Move to the next / previous field"),)


def bindings(commands: Iterable[Command], *, priority: bool = True, forward: str = "") -> list[BindingType]:
    """Textual bindings for `commands`, each with the command's id (so a keymap moves it).

    `forward` runs the action on a widget below instead: a section binds the list
    keys as "list('add')" so that they work anywhere in it."""
    return [
        Binding(
            command.key,
            f"{forward}({command.action!r})" if forward else command.action,
            command.label,
            show=command.show,
            priority=priority,
            tooltip=command.help,
            id=command.id,
        )
        for command in commands
    ]


_KEY_WORDS = {"escape": "Escape", "enter": "Enter", "up": "↑", "down": "↓", "left": "←", "right": "→"}


def key_text(key: str) -> str:
    """A key as a text names it: "f7" -> "F7", "alt+up" -> "alt+↑", "escape" -> "Escape"."""
    parts = key.split("+")
    last = parts[-1]
    if last.startswith("f") and last[1:].isdigit():
        last = last.upper()
    parts[-1] = _KEY_WORDS.get(last, last)
    return "+".join(parts)


class KeyNames:
    """The key of each command as the user has it (defaults, then keys.toml)."""

    def __init__(self, remapped: Mapping[str, str] | None = None) -> None:
        self.remapped = dict(remapped or {})

    def key(self, command_id: str) -> str:
        return self.remapped.get(command_id) or BY_ID[command_id].key

    def __call__(self, command_id: str) -> str:
        """The key to name in a text: keys("decision-log") -> "F8"."""
        return key_text(self.key(command_id).split(",")[0])

    def keymap(self) -> dict[str, str]:
        """For Textual's App.set_keymap: binding id -> key."""
        return dict(self.remapped)


# The commands whose keys work at the same time, so no two of them may share a key.
ACTIVE_TOGETHER = (
    frozenset(c.id for c in APP_COMMANDS + MEETING_COMMANDS + LIST_COMMANDS),
    frozenset(c.id for c in APP_COMMANDS + LOG_COMMANDS),
    frozenset(c.id for c in APP_COMMANDS + TRANSLATION_COMMANDS) | {"translations"},
    frozenset(c.id for c in APP_COMMANDS + DIALOG_COMMANDS),
    frozenset(c.id for c in APP_COMMANDS + CASELOAD_COMMANDS),
    frozenset(c.id for c in APP_COMMANDS + PROGRESS_COMMANDS),
)


# The commands whose keys work while the cursor is in a text field: all but the
# decision log's (a table, with no field in it).
WHILE_TYPING = frozenset(c.id for c in COMMANDS if c.scope is not Scope.LOG)


def typing_keys() -> dict[str, str]:
    """The keys a text field edits with, each with what it does there: those of
    Textual's Input and TextArea (the app's fields are theirs), in Input's words
    where both have a key. Function keys are left out: TextArea's F6 and F7
    (select the line, select all) are the meeting's."""
    from textual.widgets import Input, TextArea

    keys: dict[str, str] = {}
    for widget in (Input, TextArea):
        for binding in widget.BINDINGS:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                key = key.strip()
                if not re.fullmatch(r"f\d+", key.rpartition("+")[2]) and not key.startswith("super+"):
                    keys.setdefault(key, binding.description.lower())
    return keys


def load_keys(path: Path | None = None) -> KeyNames:
    """The user's keys: from `path` (--keys), else keys.toml in the configuration
    folder when there is one. Raises FileProblemError for a file that cannot be used."""
    from iep_meeting.store.folders import user_keys_file
    from iep_meeting.store.reader import present

    if path is None:
        path = user_keys_file()
        if not present(path):  # anything there is read, or refused with the reader's message
            return KeyNames()
    from iep_meeting.store.key_files import load_keys_file  # read only when there is a file

    defaults = {c.id: c.key for c in COMMANDS}
    return KeyNames(load_keys_file(path, defaults, ACTIVE_TOGETHER, typing_keys(), WHILE_TYPING))


def key_pair(first: str, second: str) -> str:
    """Two keys in few words: "alt+↑/↓" when they share their modifiers."""
    head_a = first.rpartition("+")[0]
    head_b, _, last_b = second.rpartition("+")
    return f"{first}/{last_b}" if head_a == head_b and head_a else f"{first}/{second}"


def list_keys_text(names: KeyNames, *, move: bool = False) -> str:
    """The hint a section with a list shows: "ctrl+n add · ctrl+r remove · alt+↑/↓ move"."""
    text = f"{names('list-add')} add · {names('list-remove')} remove"
    if move:
        text += f" · {key_pair(names('list-move-up'), names('list-move-down'))} move"
    return text
