"""`export -o` writes only a new or a regular file: never through a link, never
over a device, a pipe or a folder, never over the plan or any other plan, with
or without --force; and what it refuses is left exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.store.plan_file import create_plan_file, plan_to_text
from tests.factories import small_plan


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return create_plan_file(tmp_path / "sam.iep.toml", small_plan())


def export(plan: Path, target: Path, *more: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["export", "family", str(plan), "-o", str(target), "--lang", "en", *more])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


def state(path: Path) -> tuple[int, int, bytes]:
    info = os.lstat(path)
    data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    return info.st_mode, info.st_ino, data


def other_plan(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(plan_to_text(small_plan(agenda="initial")), encoding="utf-8")
    return path


def make_target(what: str, folder: Path, plan: Path, notes: Path) -> Path:
    """`what` as the -o of an export, in `folder`."""
    out = folder / "out.html"
    if what == "a pipe":
        os.mkfifo(out)
    elif what == "a folder":
        out.mkdir()
    elif what == "a link to a file":
        out.symlink_to(notes)
    elif what == "a link to nothing":
        out.symlink_to(folder / "gone")
    elif what == "a link to a device":
        out.symlink_to("/dev/null")
    elif what == "a device":
        return Path("/dev/null")  # refused before anything is done: never replaced
    elif what == "the plan itself":
        return plan
    elif what == "the plan by another name (a hard link)":
        os.link(plan, out)
    elif what == "another plan, named .toml":
        return other_plan(folder, "other.toml")
    elif what == "another plan, named otherwise":
        return other_plan(folder, "other.html")
    elif what == "a new file named .toml":
        return folder / "copy.toml"
    return out


@pytest.mark.skipif(os.name != "posix", reason="pipes and links")
@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
@pytest.mark.parametrize(
    ("what", "says"),
    [
        ("a pipe", "not a regular file"),
        ("a folder", "this is a folder"),
        ("a link to a file", "this is a symbolic link: nothing is written through it"),
        ("a link to nothing", "this is a symbolic link: nothing is written through it"),
        ("a link to a device", "this is a symbolic link: nothing is written through it"),
        ("a device", "not a regular file"),
        ("the plan itself", "a plan's name (*.toml)"),
        ("the plan by another name (a hard link)", "this is the plan itself"),
        ("another plan, named .toml", "a plan's name (*.toml)"),
        ("another plan, named otherwise", "this file holds a plan"),
        ("a new file named .toml", "a plan's name (*.toml)"),
    ],
)
def test_export_refuses_to_write_anything_but_a_regular_file_that_is_not_a_plan(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], what: str, says: str, force: bool
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes\n")
    target = make_target(what, tmp_path, plan, notes)
    before = {path: state(path) for path in (target, plan, notes) if os.path.lexists(path)}
    code, err = export(plan, target, *(["--force"] if force else []), capsys=capsys)
    assert code == 2 and says in err, err
    assert {path: state(path) for path in before} == before
    assert not (tmp_path / "gone").exists() and not (tmp_path / "copy.toml").exists()


def test_with_force_a_regular_document_is_replaced_by_a_new_file(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.html"
    target.write_text("an older copy\n")
    hard = tmp_path / "kept.html"
    os.link(target, hard)  # another name of the old copy keeps what it held
    assert export(plan, target, capsys=capsys)[0] == 2
    assert export(plan, target, "--force", capsys=capsys)[0] == 0
    assert target.read_text().startswith("<!DOCTYPE html>") and hard.read_text() == "an older copy\n"
    assert os.stat(target).st_mode & 0o777 == 0o600
