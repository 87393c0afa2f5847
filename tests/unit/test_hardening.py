"""Hostile and broken input from the outside: nothing outside the plan is harmed,
every bad file gets the store's message and exit code 2, nothing hangs."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tomllib
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.meeting.session import open_session
from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import Status
from iep_meeting.store import lock as lock_module
from iep_meeting.store.errors import ChangedOnDiskError, LockLostError, PlanExistsError
from iep_meeting.store.lock import LockOwner, PlanLock, UnsafeLockError, lock_path_for
from iep_meeting.store.plan_file import PlanFile, create_plan_file, load_plan, plan_to_text
from iep_meeting.store.reader import MAX_FILE_BYTES
from iep_meeting.store.seal import sealed
from tests.factories import MEETING_DATE, small_plan
from tests.stopwatch import Stopwatch


def plan_at(folder: Path, name: str = "plan.toml", plan=None) -> Path:
    path = folder / name
    path.write_text(plan_to_text(plan or small_plan()), encoding="utf-8")
    path.chmod(0o600)
    return path


def cli(*args, capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- the lock file never writes through a link or into someone's file -----------------------


def test_a_lock_file_that_is_a_symbolic_link_is_refused_and_its_target_untouched(tmp_path, capsys):
    plan = plan_at(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes\n")
    lock_path_for(plan).symlink_to(notes)
    code, _, err = cli("run", plan, capsys=capsys)
    assert code == 2
    assert "plan.toml.lock is not a lock file of iep-meeting (it is a symbolic link)" in err
    assert notes.read_text() == "my own notes\n"
    assert lock_path_for(plan).is_symlink()  # left as it was


def test_a_dangling_link_as_the_lock_file_creates_nothing(tmp_path):
    plan = plan_at(tmp_path)
    target = tmp_path / "elsewhere" / "made-by-the-lock"
    lock_path_for(plan).symlink_to(target)
    with pytest.raises(UnsafeLockError):
        PlanLock.acquire(plan)
    assert not target.exists() and not target.parent.exists()


def test_a_lock_file_that_is_a_hard_link_of_another_file_is_refused(tmp_path):
    plan = plan_at(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes\n")
    os.link(notes, lock_path_for(plan))
    with pytest.raises(UnsafeLockError, match="hard link"):
        PlanLock.acquire(plan)
    assert notes.read_text() == "my own notes\n"


@pytest.mark.skipif(os.name != "posix" or os.getuid() != 0, reason="needs to give a file to another user")
def test_another_users_file_in_the_lock_files_place_is_refused(tmp_path):
    plan = plan_at(tmp_path)
    theirs = lock_path_for(plan)
    theirs.write_text("their data\n")
    os.chown(theirs, 4242, 4242)
    with pytest.raises(UnsafeLockError, match="another user"):
        PlanLock.acquire(plan)
    assert theirs.read_text() == "their data\n"


def test_new_does_not_replace_a_dangling_link_at_the_plans_name(tmp_path, capsys):
    link = tmp_path / "plan.toml"
    link.symlink_to(tmp_path / "nowhere.toml")
    with pytest.raises(PlanExistsError):
        create_plan_file(link, small_plan())
    assert link.is_symlink() and not (tmp_path / "nowhere.toml").exists()
    code, _, err = cli("new", link, "--student", "Sam", "--agenda", "annual-review", capsys=capsys)
    assert code == 2 and "already exists" in err


def test_a_plan_that_is_a_symbolic_link_opens_read_only_and_says_why(tmp_path):
    real = plan_at(tmp_path, "real.toml")
    link = tmp_path / "plan.toml"
    link.symlink_to(real)
    session = open_session(link)
    assert session.readonly and "symbolic link" in (session.readonly_reason or "")
    assert not lock_path_for(link).exists() and not lock_path_for(real).exists()


def test_a_read_only_plan_file_opens_read_only_and_is_never_saved_over(tmp_path):
    path = plan_at(tmp_path)
    path.chmod(0o444)
    before = path.read_bytes()
    session = open_session(path)
    assert session.readonly and "permissions do not allow writing" in (session.readonly_reason or "")
    assert not session.apply(lambda plan: attrs.evolve(plan, agenda="changed"))
    assert session.save_now() is None and path.read_bytes() == before


def test_recreating_the_folder_cannot_make_a_second_writer(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    path = plan_at(folder)
    first = PlanFile.open(path)
    shutil.rmtree(folder)
    folder.mkdir()
    plan_at(folder)  # the plan is back, and a second program opens it
    second = PlanFile.open(path)
    try:
        before = path.read_bytes()
        with pytest.raises(LockLostError, match="another program is editing"):
            first.save(attrs.evolve(first.plan, agenda="from-the-first"))
        assert path.read_bytes() == before
        assert second.save(attrs.evolve(second.plan, agenda="from-the-second"))
    finally:
        first.close()
        second.close()
    assert load_plan(path).agenda == "from-the-second"


def test_a_folder_put_back_with_another_plan_in_it_is_not_saved_over(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    path = plan_at(folder)
    with PlanFile.open(path) as plan_file:
        shutil.rmtree(folder)
        folder.mkdir()
        plan_at(folder, plan=small_plan(agenda="someone-else"))
        with pytest.raises(ChangedOnDiskError):
            plan_file.save(attrs.evolve(plan_file.plan, agenda="mine"))
    assert load_plan(path).agenda == "someone-else"


@pytest.mark.parametrize("failing", ["fsync", "write"])
@pytest.mark.parametrize("command", ["run", "new"])
def test_a_disk_that_fails_while_taking_the_lock_leaves_no_lock_and_says_why(
    tmp_path, capsys, monkeypatch, failing, command
):
    reason = errno.ENOSPC if failing == "fsync" else errno.EIO

    def broken(*args):
        raise OSError(reason, os.strerror(reason))

    monkeypatch.setattr(os, failing, broken)
    plan = plan_at(tmp_path) if command == "run" else tmp_path / "new.toml"
    args = ("run", plan) if command == "run" else ("new", plan, "--student", "Sam", "--agenda", "annual-review")
    code, _, err = cli(*args, capsys=capsys)
    assert code == 2
    assert os.strerror(reason) in err and "lock file could not be made" in err
    assert not lock_path_for(plan).exists()
    assert command == "run" or not plan.exists()


def test_a_stale_lock_that_is_taken_over_says_whose_it_was(tmp_path):
    plan = plan_at(tmp_path)
    left = LockOwner(pid=999_999_999, user="dana", host="lab-3", since="2026-11-28T09:02:00", program="iep-meeting")
    lock_path_for(plan).write_text(left.to_json())
    with PlanFile.open(plan) as plan_file:
        assert plan_file.taken_over_from == left
    assert left.takeover_text() == (
        "This plan was open in iep-meeting on the computer lab-3 (dana) since 2026-11-28 09:02, "
        "which stopped without closing it. It is open here now."
    )
    assert "999999999" not in left.takeover_text()  # said on the shared screen: no process number


# --- files that are not plans, and plans at the extremes -------------------------------------


def special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    zero, random = tmp_path / "zero.toml", tmp_path / "random.toml"
    zero.symlink_to("/dev/zero")
    random.symlink_to("/dev/urandom")
    return {"a pipe": fifo, "a link to /dev/zero": zero, "a link to /dev/urandom": random}


@pytest.mark.skipif(os.name != "posix", reason="pipes and /dev files")
@pytest.mark.parametrize("command", ["check", "run"])
def test_pipes_and_devices_are_refused_at_once(tmp_path, capsys, command):
    for what, path in special_files(tmp_path).items():
        watch = Stopwatch()
        code, _, err = cli(command, path, capsys=capsys)
        assert not watch.took(), what
        assert code == 2, what
        assert "not a regular file" in (err or _), what
        assert not lock_path_for(path).exists()


def test_a_file_bigger_than_any_plan_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    code, out, _ = cli("check", path, capsys=capsys)
    assert code == 2 and "at most 4 MB" in out


DEEP = {
    "nested lists": "x = " + "[" * 500 + "]" * 500 + "\n",
    "nested inline tables": "x = " + "{a = " * 1000 + "1" + "}" * 1000 + "\n",
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
@pytest.mark.parametrize("command", ["check", "run"])
def test_deep_nesting_gets_a_message_not_a_recursion_error(tmp_path, capsys, text, command):
    path = tmp_path / "deep.toml"
    path.write_text("schema = 1\n" + text)
    code, out, err = cli(command, path, capsys=capsys)
    assert code == 2
    assert "nested far more deeply" in out + err and "line 2" in out + err
    assert not lock_path_for(path).exists()


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("student.date_of_birth", "date_of_birth = 9999-12-31"),
        ("meeting.previous_iep_date", "previous_iep_date = 9999-12-31"),
        ("meeting.last_evaluation_date", "last_evaluation_date = 0001-01-01"),
    ],
)
@pytest.mark.parametrize("command", ["check", "run"])
def test_dates_at_the_end_of_the_calendar_are_refused_with_where(tmp_path, capsys, key, line, command):
    table, name = key.split(".")
    text = plan_to_text(small_plan())
    lines = text.splitlines()
    at = lines.index(f"[{table}]") + 1
    lines.insert(at, line)
    lines = [existing for number, existing in enumerate(lines) if number == at or not existing.startswith(f"{name} =")]
    path = tmp_path / "plan.toml"
    path.write_text("\n".join(lines) + "\n")
    code, out, err = cli(command, path, capsys=capsys)
    assert code == 2
    assert f"at {key}" in out + err and "expected a year from 1900 to 2199" in out + err
    assert not lock_path_for(path).exists()


@pytest.mark.slow  # writes and reads a plan of 100,000 goals
def test_a_plan_of_100000_goals_is_refused_quickly_with_the_limit(tmp_path, capsys):
    path = tmp_path / "many.toml"
    head = plan_to_text(small_plan(goals=())).replace("goals = []\n", "")
    path.write_text(head + "".join(f'[[goals]]\nid="{n}"\narea="academic"\n' for n in range(100_000)))
    assert path.stat().st_size < MAX_FILE_BYTES  # small enough to be read: the count refuses it
    # "Quickly": about the cost of reading the TOML once, measured here (a loaded
    # machine slows both), not the minutes that building 100000 goals would take.
    reading = Stopwatch()
    tomllib.loads(path.read_text(encoding="utf-8"))
    once = reading.work()
    for command in ("check", "run"):
        watch = Stopwatch(work=4 * once + 0.5)
        code, out, err = cli(command, path, capsys=capsys)
        assert not watch.took()
        assert code == 2 and "100000 items: more than any IEP holds (at most 1000)" in out + err


# --- the seal is over the content, not the file's layout --------------------------------------


def final_plan_at(tmp_path: Path) -> Path:
    final = sealed(finalize(small_plan(), MEETING_DATE))
    return plan_at(tmp_path, plan=final)


def test_line_endings_do_not_break_the_seal(tmp_path, capsys):
    path = final_plan_at(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # git's autocrlf, a Windows editor
    code, out, _ = cli("check", path, capsys=capsys)
    assert code == 0 and "final-unchanged" not in out
    code, _, err = cli("amend", path, tmp_path / "amendment.toml", capsys=capsys)
    assert code == 0, err


def test_any_change_of_content_still_breaks_the_seal(tmp_path, capsys):
    path = final_plan_at(tmp_path)
    text = path.read_text().replace("\n", "\r\n")
    path.write_text(text.replace("Sam", "Samuel", 1), newline="")
    code, out, _ = cli("check", path, capsys=capsys)
    assert code == 1 and "final-unchanged" in out


def test_a_final_plan_set_back_to_draft_by_hand_is_reported_and_opens_read_only(tmp_path, capsys):
    path = final_plan_at(tmp_path)
    path.write_text(path.read_text().replace('status = "final"', 'status = "draft"'))
    assert load_plan(path).status is Status.DRAFT
    code, out, _ = cli("check", path, capsys=capsys)
    assert code == 1 and "final-set-back" in out and "set back to draft by hand" in out
    assert "changed too" not in out  # nothing else was edited
    session = open_session(path)
    assert session.readonly and "set back to draft by hand" in (session.readonly_reason or "")


@pytest.mark.parametrize("birth", ["1900-01-01", "2199-12-31", "2026-03-20"])
def test_a_date_of_birth_that_makes_no_sense_is_a_finding_not_a_crash(tmp_path, capsys, birth):
    text = plan_to_text(small_plan())
    path = tmp_path / "plan.toml"
    path.write_text(re.sub(r"date_of_birth = \S+", f"date_of_birth = {birth}", text))
    code, out, _ = cli("check", path, capsys=capsys)
    assert code == 1 and "date-of-birth" in out and f"The date of birth ({birth})" in out
    session = open_session(path)  # the app works it out too: statuses, the clock, the transition rules
    assert session.statuses() and session.clock_reading()
    session.plan_file.close()


@pytest.mark.skipif(os.name != "posix", reason="pipes")
def test_a_pipe_in_the_lock_files_place_is_refused_at_once_and_left_alone(tmp_path, capsys):
    plan = plan_at(tmp_path)
    os.mkfifo(lock_path_for(plan))
    watch = Stopwatch()
    code, _, err = cli("run", plan, capsys=capsys)
    assert not watch.took()
    assert code == 2 and "plan.toml.lock is not a lock file of iep-meeting (it is not a regular file)" in err
    assert lock_module.read_lock_owner(plan) is None  # read without waiting for a writer
    assert stat.S_ISFIFO(os.lstat(lock_path_for(plan)).st_mode)


def test_addresses_in_typed_text_are_found_in_linear_time_and_a_long_run_is_never_one_link():
    from iep_meeting.documents.document import linked

    hostile = [
        "a" * 50_000 + " x@",
        "a" * 50_000 + "@" + "b" * 50_000,
        ("a" * 60 + "@") * 2_000,
        "http://" + "a" * 50_000,
    ]
    watch = Stopwatch()
    found = [linked(text) for text in hostile]
    assert not watch.took()  # unbounded, the second took minutes
    assert all(href == "" for runs in found[1:] for _, href in runs)  # no address is that long: plain text
    assert linked("write to casey@example.org.") == [
        ("write to ", ""),
        ("casey@example.org", "mailto:casey@example.org"),
        (".", ""),
    ]
