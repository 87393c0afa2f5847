"""keys.toml: a user's own keys, refused with the file, line and key when they cannot work."""

from __future__ import annotations

import pytest

from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.key_files import key_problem, load_keys_file
from iep_meeting.tui.commands import ACTIVE_TOGETHER, COMMANDS, load_keys

DEFAULTS = {c.id: c.key for c in COMMANDS}


def keys_file(tmp_path, text: str):
    path = tmp_path / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(path):
    return load_keys_file(path, DEFAULTS, ACTIVE_TOGETHER)


def test_a_good_file_remaps_by_command_id(tmp_path):
    path = keys_file(tmp_path, 'record-decision = "F11"\nlog-close = "escape, ctrl+b"\n')
    assert load(path) == {"record-decision": "f11", "log-close": "escape,ctrl+b"}
    names = load_keys(path)
    assert names("record-decision") == "F11" and names("park-topic") == "F3"
    assert names.keymap() == {"record-decision": "f11", "log-close": "escape,ctrl+b"}


def test_no_file_in_the_config_folder_means_the_default_keys(isolated_user):
    assert load_keys().keymap() == {}
    folder = isolated_user.config / "iep-meeting"
    folder.mkdir()
    (folder / "keys.toml").write_text('next-section = "ctrl+right"\n', encoding="utf-8")
    assert load_keys()("next-section") == "ctrl+→"


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
    ],
    ids=["unknown id", "unknown key", "a letter alone", "modifier", "not text", "clash", "clash with a list", "toml"],
)
def test_a_bad_file_is_refused_with_where_and_why(tmp_path, text, words):
    with pytest.raises(FileProblemError) as caught:
        load(keys_file(tmp_path, text))
    message = str(caught.value)
    assert "keys file" in message and "keys.toml" in message
    for word in words:
        assert word in message


def test_keys_that_never_work_at_the_same_time_may_be_the_same(tmp_path):
    # ctrl+s saves a dialog and, in the meeting, saves now: never both at once.
    assert load(keys_file(tmp_path, 'dialog-save = "ctrl+s"\nlog-delete = "ctrl+n"\n'))


@pytest.mark.parametrize("key", ["f1", "f24", "ctrl+n", "alt+up", "ctrl+shift+x", "escape", "pagedown"])
def test_key_names_that_work(key):
    assert key_problem(key) is None


@pytest.mark.parametrize("value", ["f11,f11", "f11, F11", "F11,f11,f11"])
def test_a_key_named_twice_for_one_command_counts_once(tmp_path, value):
    """It once raised StopIteration before every `run`."""
    path = keys_file(tmp_path, f'record-decision = "{value}"\n')
    assert load(path) == {"record-decision": "f11"}
    assert load_keys(path).keymap() == {"record-decision": "f11"}


def test_a_key_named_twice_that_another_command_holds_is_still_a_clash(tmp_path):
    with pytest.raises(FileProblemError, match="'f3' also runs 'park-topic'"):
        load(keys_file(tmp_path, 'record-decision = "f3,f3"\n'))
