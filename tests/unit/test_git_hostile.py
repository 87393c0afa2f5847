"""git and history against what a repository may hold, with real git: versions
that are not UTF-8 or far too big, author names with any byte in them, file
names git would read as patterns, paths that cannot be a plan's; and git-setup
against a .gitattributes or .gitignore that is not a regular file. Everything
from git is bytes until decoded on purpose; nothing crashes, nothing is written
through a link or outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.store.plan_file import plan_to_text
from iep_meeting.store.reader import MAX_FILE_BYTES
from tests.factories import small_plan
from tests.unit.test_git import git, in_folder, new_repository

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return new_repository(tmp_path / "plans")


def commit(repo: Path, name: str, data: bytes, author: bytes = b"Casey Fixture", message: str = "A version") -> None:
    (repo / name).write_bytes(data)
    git(repo, "add", "-A")
    env = {**os.environ, "GIT_AUTHOR_NAME": os.fsdecode(author), "GIT_COMMITTER_NAME": "Casey Fixture"}
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True, capture_output=True)


def history(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["history", str(path)])  # an exception would be a traceback for the user
    out, err = capsys.readouterr()
    return code, out, err


def plan_bytes(**changes: object) -> bytes:
    return plan_to_text(small_plan(**changes)).encode("utf-8")


def test_history_shows_a_version_that_is_not_utf8_as_such_and_goes_on(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, "sam.iep.toml", plan_bytes(), message="Draft")
    commit(repo, "sam.iep.toml", plan_bytes().replace(b"Sam", "S\xe1m".encode("latin-1")), message="Latin-1")
    commit(repo, "sam.iep.toml", plan_bytes(agenda="initial"), message="Fixed")
    code, out, _ = history(repo / "sam.iep.toml", capsys)
    assert code == 0
    assert "not a readable plan: line" in out and "this is not UTF-8 text" in out
    assert out.rstrip().endswith("first version in git")
    assert out.count("Casey Fixture") == 3


def test_author_names_with_separator_bytes_and_other_encodings_are_read_as_names(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, "sam.iep.toml", plan_bytes(), author=b"Ann\x1fLee\x1eSr")
    commit(repo, "sam.iep.toml", plan_bytes(agenda="initial"), author=b"Jos\xe9 Ruiz")  # not UTF-8
    code, out, _ = history(repo / "sam.iep.toml", capsys)
    assert code == 0
    assert "Ann␟Lee␞Sr" in out  # the separators shown, not taken as the end of a field
    assert "Jos" in out and "Ruiz" in out
    assert "Agenda: annual-review → initial" in out  # the second version compared with the first


def test_a_version_far_bigger_than_any_plan_is_not_read_whole(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(repo, "sam.iep.toml", plan_bytes())
    commit(repo, "sam.iep.toml", b"# " + b"x" * (MAX_FILE_BYTES + 10) + b"\n")
    code, out, _ = history(repo / "sam.iep.toml", capsys)
    assert code == 0 and "not a readable plan: this file is 4.0 MB" in out


def test_a_plan_named_like_a_pattern_is_that_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(repo, "[draft].iep.toml", plan_bytes())
    commit(repo, "d.iep.toml", plan_bytes(agenda="initial"))  # "[draft]" as a pattern matches "d.iep.toml"
    code, out, _ = history(repo / "[draft].iep.toml", capsys)
    assert code == 0 and out.count("Casey Fixture") == 1 and "[draft].iep.toml" in out


@pytest.mark.parametrize("where", ["under a file", "in a folder that is not there"])
def test_history_of_a_path_that_cannot_be_a_plan_says_why(
    repo: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    commit(repo, "sam.iep.toml", plan_bytes())
    path = repo / "sam.iep.toml" / "x.toml" if where == "under a file" else repo / "gone" / "x.toml"
    code, _, err = history(path, capsys)
    assert code == 2 and "cannot read this plan file" in err
    assert ("a part of this path is a file" if where == "under a file" else "its folder does not exist") in err


def test_textconv_shows_a_broken_version_as_such_in_git_diff(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert in_folder(repo, "git-setup") == 0
    commit(repo, "sam.iep.toml", plan_bytes())
    (repo / "sam.iep.toml").write_bytes(b"schema = [\n\xff\n")
    diff = git(repo, "diff")
    assert "+(not a readable plan: line 2: this is not UTF-8 text" in diff
    assert "-Services › Specialized reading and writing instruction › minutes: 150" in diff
    assert "Traceback" not in diff


# --- git-setup writes only regular files of the repository -------------------------------------


@pytest.mark.parametrize("name", [".gitattributes", ".gitignore"])
def test_git_setup_never_writes_through_a_link_to_a_file_outside(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("someone else's file\n")
    (repo / name).symlink_to(outside)
    assert in_folder(repo, "git-setup") == 2
    err = capsys.readouterr().err
    assert f"{name}: cannot read this {name} file" in err and "this is a symbolic link" in err
    assert outside.read_text() == "someone else's file\n" and (repo / name).is_symlink()
    assert git(repo, "config", "--local", "--get", "diff.iep-plan.textconv", check=False) == ""


@pytest.mark.parametrize(
    ("what", "says"),
    [
        ("a folder", "this is a folder, not a file"),
        ("a pipe", "this is not a regular file (it is a pipe)"),
        ("latin-1 text", "line 2: this is not UTF-8 text"),
    ],
)
def test_git_setup_refuses_a_gitignore_it_cannot_read_and_changes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], what: str, says: str
) -> None:
    path = repo / ".gitignore"
    if what == "a folder":
        path.mkdir()
    elif what == "a pipe":
        os.mkfifo(path)
    else:
        path.write_bytes("*.bak\n# notes of Jos\xe9\n".encode("latin-1"))
    start = time.monotonic()
    assert in_folder(repo, "git-setup") == 2
    assert time.monotonic() - start < 10
    err = capsys.readouterr().err
    assert ".gitignore: cannot read this .gitignore file" in err and says in err
    assert what != "latin-1 text" or path.read_bytes() == "*.bak\n# notes of Jos\xe9\n".encode("latin-1")


def test_git_setup_keeps_what_the_files_held_and_adds_its_lines_once(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".gitignore").write_text("*.bak")  # no new line at the end
    (repo / ".gitignore").chmod(0o640)
    assert in_folder(repo, "git-setup") == 0
    text = (repo / ".gitignore").read_text()
    assert text.startswith("*.bak\n# iep-meeting git-setup") and text.endswith("*.toml.lock\n.*.toml.*.tmp\n")
    assert (repo / ".gitignore").stat().st_mode & 0o777 == 0o640  # its mode kept
    assert (repo / ".gitattributes").stat().st_mode & 0o777 == 0o644  # a new one: readable, like git's own
    assert not list(repo.glob(".*.tmp"))
