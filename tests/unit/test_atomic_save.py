"""write_atomic: permissions, failure clean-up, and survival of SIGKILL mid-save."""

from __future__ import annotations

import inspect
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from iep_meeting.store import atomic
from iep_meeting.store.atomic import remove_stale_temp_files, write_atomic

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def make_plan_doc(n: int) -> str:
    """A valid TOML plan for state ``n``: >= 50 KB, every part depends on ``n``.

    Its source is also sent to the child process of the kill test, so keep it
    self-contained (standard library only, no outside names).
    """
    lines = [f"state = {n}", f'title = "Plan state {n}"', ""]
    goal_count = 420 + n % 37  # size varies, so a truncated file cannot pass
    for i in range(goal_count):
        lines.append("[[goals]]")
        lines.append(f"index = {i}")
        lines.append(f"state = {n}")
        lines.append(
            f'text = "Goal {i} of state {n}: student reads {n * 7 + i} words '
            f'per minute with {i % 100} percent accuracy; state marker {n}."'
        )
        lines.append("")
    lines.append(f'end_marker = "end of state {n}"')  # lands in the last goal
    return "\n".join(lines) + "\n"


def _tmp_files(folder: Path) -> set[Path]:
    return {p for p in folder.iterdir() if p.name.endswith(".tmp")}


# --------------------------------------------------------------------------
# Basics
# --------------------------------------------------------------------------


def test_make_plan_doc_is_sizable_valid_toml() -> None:
    doc = make_plan_doc(5)
    assert len(doc.encode()) >= 50_000
    parsed = tomllib.loads(doc)
    assert parsed["state"] == 5
    assert len(parsed["goals"]) == 420 + 5
    assert parsed["goals"][-1]["end_marker"] == "end of state 5"


def test_write_creates_file_with_contents(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    write_atomic(plan, b"state = 1\n")
    assert plan.read_bytes() == b"state = 1\n"
    write_atomic(plan, b"state = 2\n")
    assert plan.read_bytes() == b"state = 2\n"
    assert _tmp_files(tmp_path) == set()


@POSIX_ONLY
def test_new_file_mode_is_0600(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    old_umask = os.umask(0)  # a permissive umask must not widen the mode
    try:
        write_atomic(plan, b"state = 1\n")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(plan.stat().st_mode) == 0o600


@POSIX_ONLY
def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(b"state = 1\n")
    os.chmod(plan, 0o640)
    write_atomic(plan, b"state = 2\n")
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert plan.read_bytes() == b"state = 2\n"


def test_failed_replace_keeps_original_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(b"state = 1\n")

    def refuse(src: object, dst: object) -> None:
        raise OSError("disk said no")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk said no"):
        write_atomic(plan, b"state = 2\n" * 10_000)
    assert plan.read_bytes() == b"state = 1\n"
    assert _tmp_files(tmp_path) == set()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.toml"]


def test_failed_fsync_keeps_original_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(b"state = 1\n")

    def broken_fsync(fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        write_atomic(plan, b"state = 2\n")
    assert plan.read_bytes() == b"state = 1\n"
    assert _tmp_files(tmp_path) == set()


def test_remove_stale_temp_files_only_touches_this_plans_temps(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(b"state = 1\n")
    stale = [tmp_path / ".plan.toml.abc_1234.tmp", tmp_path / ".plan.toml.zz99yy88.tmp"]
    keep = [
        tmp_path / ".plan.toml.bak.abcd1234.tmp",  # temp of another plan, plan.toml.bak
        tmp_path / ".other.toml.abcd1234.tmp",
        tmp_path / "plan.toml.lock",
        tmp_path / ".plan.toml..tmp",
        tmp_path / "plan.toml.abcd1234.tmp",
    ]
    for p in stale + keep:
        p.write_bytes(b"x")
    (tmp_path / ".plan.toml.dir12345.tmp").mkdir()  # not a file: left alone

    removed = remove_stale_temp_files(plan)

    assert sorted(removed) == sorted(stale)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in keep)
    assert plan.read_bytes() == b"state = 1\n"
    assert remove_stale_temp_files(plan) == []


# --------------------------------------------------------------------------
# The kill test
# --------------------------------------------------------------------------

_CHILD_TEMPLATE = """\
import sys
from pathlib import Path
from iep_meeting.store.atomic import write_atomic

{make_plan_doc}

plan = Path(sys.argv[1])
n = int(sys.argv[2])
sys.stdout.write("ready\\n")
sys.stdout.flush()
while True:
    write_atomic(plan, make_plan_doc(n).encode("utf-8"))
    n += 1
"""


@pytest.mark.slow  # kills processes mid-save
@pytest.mark.skipif(os.name == "nt" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_saves_never_corrupts_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    script = tmp_path / "saver.py"
    script.write_text(_CHILD_TEMPLATE.format(make_plan_doc=textwrap.dedent(inspect.getsource(make_plan_doc))))
    write_atomic(plan, make_plan_doc(0).encode())

    rng = random.Random()
    kills = 0
    kills_with_temp_left = 0
    kills_after_a_new_save = 0
    last_state = 0
    next_start = 1
    deadline = time.monotonic() + 14.0
    env = dict(os.environ)
    # The repository root, so the child imports this checkout's package.
    repo_root = str(Path(atomic.__file__).resolve().parents[2])
    env["PYTHONPATH"] = repo_root + os.pathsep + env.get("PYTHONPATH", "")

    while kills < 60 and (kills < 40 or time.monotonic() < deadline):
        assert time.monotonic() < deadline + 6.0, f"only {kills} kills in time"
        temps_before = _tmp_files(tmp_path)
        child = subprocess.Popen(
            [sys.executable, str(script), str(plan), str(next_start)],
            stdout=subprocess.PIPE,
            env=env,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == b"ready\n"
            # Random moment: mostly within the first few saves, sometimes later.
            time.sleep(rng.choice([rng.uniform(0, 0.005), rng.uniform(0, 0.05)]))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            if child.stdout is not None:
                child.stdout.close()
        assert child.returncode == -signal.SIGKILL, "child died on its own (bug in child?)"
        kills += 1

        text = plan.read_bytes().decode("utf-8")
        parsed = tomllib.loads(text)  # must always be a complete TOML document
        assert "state" in parsed, f"kill {kills}: plan is incomplete ({len(text)} chars)"
        state = parsed["state"]
        # Either the previous state (no save finished) or one this child wrote.
        assert state == last_state or next_start <= state, (state, last_state, next_start)
        assert text == make_plan_doc(state), f"plan content does not match state {state}"
        if state != last_state:
            kills_after_a_new_save += 1
        last_state = state
        next_start = max(next_start, state + 1) + 1000  # fresh numbers for each child
        if _tmp_files(tmp_path) - temps_before:
            kills_with_temp_left += 1

    assert kills >= 40
    assert kills_after_a_new_save >= 1  # the children really did replace the file
    leftovers = _tmp_files(tmp_path)
    # Kills land mid-save often enough to leave temp files behind.
    assert kills_with_temp_left >= 1 and leftovers
    removed = remove_stale_temp_files(plan)
    assert set(removed) == leftovers
    assert _tmp_files(tmp_path) == set()
    assert tomllib.loads(plan.read_text())["state"] == last_state
    print(f"\n{kills} kills: {kills_after_a_new_save} after a completed save, {kills_with_temp_left} left a temp file")
