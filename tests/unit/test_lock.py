"""PlanLock: one writer per plan, across processes and within one process."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from iep_meeting.store import lock as lock_module
from iep_meeting.store.errors import StoreError
from iep_meeting.store.lock import (
    LockOwner,
    PlanLock,
    PlanLockedError,
    lock_path_for,
    read_lock_owner,
)

_REPO_ROOT = str(Path(lock_module.__file__).resolve().parents[2])

# A child process that takes the lock, reports its pid, and holds the lock
# until its stdin closes (or until it is killed).
_HOLDER = textwrap.dedent(
    """\
    import os, sys
    from iep_meeting.store.lock import PlanLock
    lock = PlanLock.acquire(sys.argv[1])
    print("locked", os.getpid(), flush=True)
    sys.stdin.read()
    lock.release()
    print("released", flush=True)
    """
)

# A child process that tries to take the lock once and reports the outcome.
_TRY = textwrap.dedent(
    """\
    import json, sys
    from iep_meeting.store.lock import PlanLock, PlanLockedError
    try:
        lock = PlanLock.acquire(sys.argv[1])
    except PlanLockedError as exc:
        owner = exc.owner.pid if exc.owner else None
        print(json.dumps({"locked": True, "message": str(exc), "owner_pid": owner}))
    else:
        lock.release()
        print(json.dumps({"locked": False}))
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = _REPO_ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    p = tmp_path / "plan.toml"
    p.write_text("state = 1\n")
    return p


@pytest.fixture
def holder(plan: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock on ``plan``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(plan)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().split()
        assert line == ["locked", str(proc.pid)]
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


def _try_in_other_process(plan: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _TRY, str(plan)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=30,
        check=True,
    )
    found: dict[str, object] = json.loads(out.stdout)
    return found


# --------------------------------------------------------------------------
# Across processes
# --------------------------------------------------------------------------


def test_second_process_is_refused_with_owner_in_message(plan: Path) -> None:
    with PlanLock.acquire(plan) as held:
        result = _try_in_other_process(plan)
    assert result["locked"] is True
    assert result["owner_pid"] == os.getpid()
    message = str(result["message"])
    assert message.startswith("plan.toml is open for editing by ")
    assert f"process {os.getpid()}" in message
    assert held.owner.user and f"by {held.owner.user} on host " in message
    assert socket.gethostname() in message
    assert "open this plan read-only" in message
    # Released: the other process can now take it.
    assert _try_in_other_process(plan) == {"locked": False}


def test_lock_held_by_another_process_refuses_us(plan: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(PlanLockedError) as info:
        PlanLock.acquire(plan)
    err = info.value
    assert isinstance(err, StoreError)
    assert err.path == plan
    assert err.owner is not None and err.owner.pid == holder.pid
    assert err.owner.program == "iep-meeting"
    assert f"process {holder.pid}" in str(err)
    assert read_lock_owner(plan) == err.owner


def test_holder_release_frees_lock_and_removes_file(plan: Path, holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.close()
    assert holder.stdout.readline().strip() == "released"
    assert holder.wait(timeout=10) == 0
    assert not lock_path_for(plan).exists()
    with PlanLock.acquire(plan) as lock:
        assert lock.taken_over_from is None


@pytest.mark.skipif(os.name == "nt" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_lock_of_killed_process_is_taken_over(plan: Path, holder: subprocess.Popen[str]) -> None:
    dead_pid = holder.pid
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert lock_path_for(plan).exists()  # a kill leaves the file behind...
    stale = read_lock_owner(plan)
    assert stale is not None and stale.pid == dead_pid

    with PlanLock.acquire(plan) as lock:  # ...but not the OS lock
        assert lock.taken_over_from is not None
        assert lock.taken_over_from.pid == dead_pid
        assert lock.taken_over_from == stale
        assert read_lock_owner(plan) == lock.owner
        assert lock.owner.pid == os.getpid()
        # And we now hold it properly against others.
        assert _try_in_other_process(plan)["owner_pid"] == os.getpid()
    assert not lock_path_for(plan).exists()


# --------------------------------------------------------------------------
# Within one process
# --------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="flock semantics")
def test_flock_conflicts_between_two_fds_of_one_process(tmp_path: Path) -> None:
    """The fact PlanLock relies on: flock locks belong to the open file, not the process."""
    path = tmp_path / "x.lock"
    a = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    b = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert lock_module._os_try_lock(a) is True
        assert lock_module._os_try_lock(b) is False
        lock_module._os_unlock(a)
        assert lock_module._os_try_lock(b) is True
    finally:
        os.close(a)
        os.close(b)


def test_same_process_cannot_acquire_twice(plan: Path) -> None:
    first = PlanLock.acquire(plan)
    try:
        with pytest.raises(PlanLockedError) as info:
            PlanLock.acquire(plan)
        assert info.value.owner == first.owner
        assert "already open for editing in this program" in str(info.value)
        # The failed attempt must not disturb the holder's lock or owner info.
        assert first.held
        assert read_lock_owner(plan) == first.owner
        with pytest.raises(PlanLockedError):
            PlanLock.acquire(plan)
    finally:
        first.release()
    with PlanLock.acquire(plan) as again:
        assert again.taken_over_from is None


def test_different_plans_lock_independently(tmp_path: Path) -> None:
    with PlanLock.acquire(tmp_path / "a.toml"), PlanLock.acquire(tmp_path / "b.toml"):
        assert lock_path_for(tmp_path / "a.toml").exists()
        assert lock_path_for(tmp_path / "b.toml").exists()


def test_release_removes_lock_file_and_is_idempotent(plan: Path) -> None:
    lock = PlanLock.acquire(plan)
    lock_file = lock_path_for(plan)
    assert lock_file == plan.with_name("plan.toml.lock")
    assert lock_file.exists()
    owner = json.loads(lock_file.read_text())
    assert set(owner) == {"pid", "user", "host", "since", "program"}
    assert owner["pid"] == os.getpid()
    assert owner["program"] == "iep-meeting"
    lock.release()
    assert not lock.held
    assert not lock_file.exists()
    lock.release()  # harmless
    assert plan.read_text() == "state = 1\n"  # the plan itself is never touched


def test_context_manager_releases_on_error(plan: Path) -> None:
    with pytest.raises(RuntimeError), PlanLock.acquire(plan) as lock:
        assert lock.held
        raise RuntimeError("boom")
    assert not lock.held
    assert not lock_path_for(plan).exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_lock_file_is_private(plan: Path) -> None:
    with PlanLock.acquire(plan):
        assert lock_path_for(plan).stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("left", [b"\x00\xffnot json at all" * 100, b"", b'{"pid": 4242, "user": "bo'])
def test_leftover_lock_file_without_a_record_is_taken_over_and_says_so(plan: Path, left: bytes) -> None:
    """Garbage, nothing, or a record cut off while being written (the holder was
    killed right then): still a lock left behind, and taking it over is said."""
    lock_path_for(plan).write_bytes(left)
    os.utime(lock_path_for(plan), (1_795_000_000, 1_795_000_000))
    assert read_lock_owner(plan) is None
    with PlanLock.acquire(plan) as lock:
        previous = lock.taken_over_from
        assert previous is not None and previous.pid == 0
        since = dt.datetime.fromtimestamp(1_795_000_000).strftime("%Y-%m-%d %H:%M")
        assert f"without a record of who held it (the file is from {since}, owned by " in previous.takeover_text()
        assert "taken over" in previous.takeover_text()
        assert read_lock_owner(plan) == lock.owner  # garbage fully replaced


def test_leftover_lock_file_of_other_pid_is_reported(plan: Path) -> None:
    left = LockOwner(pid=999_999_999, user="bob", host="lab-1", since="2026-11-28T09:02:00", program="iep-meeting")
    lock_path_for(plan).write_text(left.to_json() + "   trailing junk? no")
    with PlanLock.acquire(plan) as lock:  # unparseable as a whole: whose is unknown, but it was taken over
        assert lock.taken_over_from is not None and lock.taken_over_from.pid == 0
    lock_path_for(plan).write_text(left.to_json())
    with PlanLock.acquire(plan) as lock:
        assert lock.taken_over_from == left


def test_a_lock_left_by_an_earlier_process_with_this_number_is_reported(plan: Path) -> None:
    """Process numbers repeat (a container starts each program with the same
    few): a record with this process's number is still someone else's lock."""
    left = LockOwner(pid=os.getpid(), user="bob", host="lab-1", since="2026-11-28T09:02:00", program="iep-meeting")
    lock_path_for(plan).write_text(left.to_json())
    with PlanLock.acquire(plan) as lock:
        assert lock.taken_over_from == left
        assert "lab-1" in left.takeover_text() and "2026-11-28 09:02" in left.takeover_text()


# --------------------------------------------------------------------------
# Owner info and messages
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        None,
        b"",
        "",
        "null",
        "[]",
        "42",
        '"x"',
        "{",
        '{"pid": "12"}',
        '{"pid": true}',
        '{"pid": -3}',
        '{"user": "a"}',
        b"\xff\xfe\x00",
        "[" * 100_000,
    ],
)
def test_owner_from_json_tolerates_garbage(text: str | bytes | None) -> None:
    assert LockOwner.from_json(text) is None


def test_owner_from_json_fills_missing_or_wrong_fields() -> None:
    owner = LockOwner.from_json('{"pid": 12, "user": 5, "extra": 1}')
    assert owner == LockOwner(pid=12, user="", host="", since="", program="")
    assert "process 12" in owner.describe()


def test_owner_round_trip() -> None:
    me = LockOwner.current()
    assert me.pid == os.getpid() and me.program == "iep-meeting"
    assert LockOwner.from_json(me.to_json()) == me
    assert LockOwner.from_json(me.to_json().encode()) == me
    assert len(me.since) == len("2026-11-28T09:02:00")


def test_message_names_owner(tmp_path: Path) -> None:
    owner = LockOwner(pid=4242, user="alice", host="lab-3", since="2026-11-28T09:02:41", program="iep-meeting")
    err = PlanLockedError(tmp_path / "plan.toml", owner)
    assert str(err) == (
        "plan.toml is open for editing by alice on host lab-3 "
        "(process 4242, since 2026-11-28 09:02). "
        "Close it there, or open this plan read-only."
    )
    copy = pickle.loads(pickle.dumps(err))
    assert str(copy) == str(err) and copy.owner == owner


def test_message_when_owner_unknown(tmp_path: Path) -> None:
    err = PlanLockedError(tmp_path / "plan.toml", None)
    assert str(err).startswith("plan.toml is open for editing in another program")
    assert "unknown" in str(err)
    assert "open this plan read-only" in str(err)


def test_user_name_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_user)
    monkeypatch.setenv("USER", "from-env")
    assert LockOwner.current().user == "from-env"
    monkeypatch.delenv("USER")
    monkeypatch.delenv("USERNAME", raising=False)
    assert LockOwner.current().user == "unknown"
