"""Every path the program reads goes through the store's one reader
(store/reader.py). Whatever lies where a file is expected (tests/hostile.py: the
corpus `check` is tried with in test_bad_input_corpus.py), every command and
every kind of file the program reads answers within 2 s of work (`Stopwatch`)
with `check`'s own words for it and exit code 2 (a folder listing skips it,
saying why), never a traceback, and changes nothing there."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.store.bank_files import load_banks
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.folders import user_keys_file
from iep_meeting.store.font_files import FontFileError, FontLibrary, font_ranges
from iep_meeting.store.plan_file import create_plan_file
from iep_meeting.store.reader import read_bytes
from iep_meeting.tui.commands import load_keys
from iep_meeting.tui.themes import available_themes
from tests.factories import small_plan
from tests.hostile import GIVEN_PATHS, IN_A_FOLDER, available, make_hostile
from tests.stopwatch import Stopwatch

EVERY_PATH = [what for what in IN_A_FOLDER + GIVEN_PATHS if available(what)]
IN_FOLDERS = [what for what in IN_A_FOLDER if available(what)]


def checks_words(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `check` says about `path`: the line under "cannot read this plan file"."""
    assert main(["check", str(path)]) == 2
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].endswith("cannot read this plan file."), out
    return lines[1]


def answered(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The exit code, what was said, and `Stopwatch.took`."""
    start = Stopwatch()
    code = main(args)  # an exception here fails the test: it would be a traceback for the user
    took = start.took()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err, took


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return create_plan_file(tmp_path / "sam.iep.toml", small_plan())


# The commands that read a path given on the command line, and how each is given it.
COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "check": lambda path, plan: ["check", str(path)],
    "diff (the old plan)": lambda path, plan: ["diff", str(path), str(plan)],
    "diff (the new plan)": lambda path, plan: ["diff", str(plan), str(path)],
    "textconv (git's input)": lambda path, plan: ["textconv", str(path)],
    "export": lambda path, plan: ["export", "family", str(path), "-o", str(plan.with_name("copy.html"))],
    "amend": lambda path, plan: ["amend", str(path), str(plan.with_name("amendment.iep.toml"))],
    "upgrade": lambda path, plan: ["upgrade", str(path)],
    "new --from": lambda path, plan: ["new", str(plan.with_name("next.iep.toml")), "--from", str(path)],
    "run": lambda path, plan: ["run", str(path)],
    "run --keys": lambda path, plan: ["run", str(plan), "--keys", str(path)],
}


@pytest.mark.parametrize("what", EVERY_PATH)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_what_is_not_a_file_as_check_does(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], command: str, what: str
) -> None:
    path = make_hostile(what, tmp_path / "hostile.toml")
    words = checks_words(path, capsys)
    before = sorted(os.listdir(tmp_path))
    code, said, took = answered(COMMANDS[command](path, plan), capsys)
    assert code == 2, said
    assert words in said.splitlines(), said
    assert not took, took
    assert sorted(os.listdir(tmp_path)) == before  # nothing made: no lock, no document, no new plan


@pytest.mark.parametrize("what", IN_FOLDERS)
@pytest.mark.parametrize(
    ("listing", "place"),
    [("agendas", "district-annual.toml"), ("profiles", "profiles/district.toml")],
)
def test_a_folder_listing_skips_what_is_not_a_file_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], listing: str, place: str, what: str
) -> None:
    folder = tmp_path / "district"
    (folder / "profiles").mkdir(parents=True)
    path = make_hostile(what, folder / place)
    words = checks_words(path, capsys)
    code, said, took = answered(["--agenda-dir", str(folder), listing], capsys)
    assert code == 0 and f"skipped {path}" in said
    assert words in said.splitlines()
    assert not took, took


@pytest.mark.parametrize("what", IN_FOLDERS)
@pytest.mark.parametrize(
    ("kind", "place", "more"),
    [
        ("notice", "district.toml", []),  # the district's words for its notices
        ("family", "locales/xx.toml", ["--lang", "xx"]),  # a language of the district's
    ],
)
def test_a_districts_file_that_is_not_a_file_stops_the_export_with_checks_words(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], kind: str, place: str, more: list[str], what: str
) -> None:
    folder = tmp_path / "district"
    (folder / "locales").mkdir(parents=True)
    path = make_hostile(what, folder / place)
    words = checks_words(path, capsys)
    out = tmp_path / "copy.html"
    code, said, took = answered(["--agenda-dir", str(folder), "export", kind, str(plan), "-o", str(out), *more], capsys)
    assert code == 2 and words in said.splitlines(), said
    assert not took and not out.exists(), took


def refusal(read: Callable[[], object]) -> tuple[FileProblemError, str]:
    start = Stopwatch()
    with pytest.raises(FileProblemError) as caught:
        read()
    return caught.value, start.took()


@pytest.mark.parametrize("what", IN_FOLDERS)
def test_the_users_keys_bank_and_theme_files_are_refused_with_checks_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    user_keys_file().parent.mkdir(parents=True, exist_ok=True)
    keys = make_hostile(what, user_keys_file())  # the keys.toml of the (test's own) config folder
    words = checks_words(keys, capsys)
    error, took = refusal(load_keys)
    assert error.path == keys and words in str(error).splitlines() and not took

    folder = tmp_path / "district"
    (folder / "banks").mkdir(parents=True)
    bank = make_hostile(what, folder / "banks" / "accommodations.toml")
    error, took = refusal(lambda: load_banks(folder))
    assert error.path == bank and words in str(error).splitlines() and not took

    themes = tmp_path / "themes"
    themes.mkdir()
    theme = make_hostile(what, themes / "mine.toml")
    start = Stopwatch()
    found, problems = available_themes(themes)
    assert not start.took()
    assert "mine" not in {found_theme.name for found_theme in found}
    assert [problem.path for problem in problems] == [theme] and words in str(problems[0]).splitlines()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_that_says_it_is_empty_is_still_read_only_up_to_the_limit() -> None:
    """Files in /proc say they are 0 bytes long and then hold more: the reader
    stops one byte past its limit instead of trusting the size."""
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(FileProblemError, match=r"this file is 0\.0 MB; a lock file is at most"):
        read_bytes(Path("/proc/self/status"), "lock file", limit=10)
    assert len(read_bytes(Path("/proc/self/status"), limit=100_000)) > 10


@pytest.mark.parametrize("what", IN_FOLDERS)
def test_a_font_folder_holding_what_is_not_a_font_file_is_passed_over_at_once(tmp_path: Path, what: str) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    path = make_hostile(what, fonts / "font.ttf")
    start = Stopwatch()
    with pytest.raises((FileProblemError, FontFileError)):
        font_ranges(path)
    assert FontLibrary([fonts]).choose(["中"]).files == ()
    assert not start.took()
