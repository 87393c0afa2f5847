"""keys.toml: a user's own keys, refused with the file, line and key when they cannot work."""

from __future__ import annotations

import pytest

from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.key_files import key_problem, load_keys_file
from iep_meeting.tui.commands import ACTIVE_TOGETHER, COMMANDS, WHILE_TYPING, load_keys, typing_keys

DEFAULTS = {c.id: c.key for c in COMMANDS}


def keys_file(tmp_path, text: str):
    path = tmp_path / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(path):
    return load_keys_file(path, DEFAULTS, ACTIVE_TOGETHER, typing_keys(), WHILE_TYPING)


def test_a_good_file_remaps_by_command_id(tmp_path):
    path = keys_file(tmp_path, 'record-decision = "F13"\nlog-close = "escape, ctrl+g"\n')
    assert load(path) == {"record-decision": "f13", "log-close": "escape,ctrl+g"}
    names = load_keys(path)
    assert names("record-decision") == "F13" and names("park-topic") == "F3"
    assert names.keymap() == {"record-decision": "f13", "log-close": "escape,ctrl+g"}


def test_no_file_in_the_config_folder_means_the_default_keys(isolated_user):
    assert load_keys().keymap() == {}
    folder = isolated_user.config / "iep-meeting"
    folder.mkdir()
    (folder / "keys.toml").write_text('next-section = "alt+right"\n', encoding="utf-8")
    assert load_keys()("next-section") == "alt+→"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            'record-decisoin = "f11"\n',
            ["line 1", "unknown command 'record-decisoin'", "did you mean 'record-decision'?"],
        ),
        ('\nnext-section = "ctrl+rigth"\n', ["line 2", "'rigth' is not a key name", "did you mean 'right'?"]),
        ('next-section = "n"\n', ["would be typed into the field instead"]),
        ('next-section = "hyper+n"\n', ["unknown modifier"]),
        ("next-section = 6\n", ["expected the key in quotes", "a number (6)"]),
        ('record-decision = "f3"\n', ["'f3' also runs 'park-topic'", "record-decision"]),
        ('record-decision = "ctrl+n"\n', ["'ctrl+n' also runs 'list-add'"]),
        ('next-section = "f6\n', ["not valid TOML"]),
        ('presentation = "ctrl+e"\n', ["'ctrl+e' is a text field's key (go to end)", "give the command another key"]),
        ('list-next = "f5,ctrl+k"\n', ["'ctrl+k' is a text field's key (delete all to the right)"]),
        ('dialog-save = "ctrl+z"\n', ["'ctrl+z' is a text field's key (undo)"]),
    ],
    ids=[
        "unknown id",
        "unknown key",
        "a letter alone",
        "modifier",
        "not text",
        "clash",
        "clash with a list",
        "toml",
        "a field's key",
        "a field's key among others",
        "a field's key in a dialog",
    ],
)
def test_a_bad_file_is_refused_with_where_and_why(tmp_path, text, words):
    with pytest.raises(FileProblemError) as caught:
        load(keys_file(tmp_path, text))
    message = str(caught.value)
    assert "keys file" in message and "keys.toml" in message
    for word in words:
        assert word in message


def test_no_key_of_the_app_is_one_a_text_field_edits_with():
    """The meeting's keys work while the cursor is in a field: ctrl+e still goes to
    the end of the line, ctrl+k still deletes to it (they once switched the view
    and opened the glossary instead)."""
    editing = typing_keys()
    assert {"ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+z", "ctrl+left"} <= editing.keys()
    taken = {
        (command.id, key)
        for command in COMMANDS
        if command.id in WHILE_TYPING
        for key in command.key.split(",")
        if key in editing
    }
    assert taken == set()


def test_the_decision_log_may_take_a_field_key_it_has_no_field(tmp_path):
    assert load(keys_file(tmp_path, 'log-close = "ctrl+k"\n')) == {"log-close": "ctrl+k"}


def test_keys_that_never_work_at_the_same_time_may_be_the_same(tmp_path):
    # ctrl+s saves a dialog and, in the meeting, saves now: never both at once.
    assert load(keys_file(tmp_path, 'dialog-save = "ctrl+s"\nlog-delete = "ctrl+n"\n'))


@pytest.mark.parametrize("key", ["f1", "f24", "ctrl+n", "alt+up", "ctrl+shift+x", "escape", "pagedown"])
def test_key_names_that_work(key):
    assert key_problem(key) is None


@pytest.mark.parametrize("value", ["alt+d,alt+d", "alt+d, ALT+D", "Alt+D,alt+d,alt+d"])
def test_a_key_named_twice_for_one_command_counts_once(tmp_path, value):
    """It once raised StopIteration before every `run`."""
    path = keys_file(tmp_path, f'record-decision = "{value}"\n')
    assert load(path) == {"record-decision": "alt+d"}
    assert load_keys(path).keymap() == {"record-decision": "alt+d"}


def test_a_key_named_twice_that_another_command_holds_is_still_a_clash(tmp_path):
    with pytest.raises(FileProblemError, match="'f3' also runs 'park-topic'"):
        load(keys_file(tmp_path, 'record-decision = "f3,f3"\n'))
