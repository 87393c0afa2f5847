"""ctrl+q the moment the app appears on a real terminal (a pseudo-terminal here):
it saves and exits 0, even while the first form is still being built."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iep_meeting.store.lock import lock_path_for
from tests.app.harness import write_plan

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")


def run_and_quit_at_once(plan: Path) -> tuple[int, bytes]:
    """Start `iep-meeting run PLAN` on a pseudo-terminal, press ctrl+q as soon as
    it has drawn anything, and return its exit code and everything it wrote."""
    main, child_end = os.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    process = subprocess.Popen(
        [sys.executable, "-m", "iep_meeting", "run", str(plan)],
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        env=env,
        close_fds=True,
    )
    os.close(child_end)
    output, pressed = b"", False
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the child closed the terminal: it has exited
                    break
                output += chunk
                if not pressed and b"Agenda" in output:  # the first frame is drawn: the app is up
                    os.write(main, b"\x11")  # ctrl+q
                    pressed = True
            elif process.poll() is not None:
                break
        return process.wait(timeout=10), output
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)


@pytest.mark.parametrize("attempt", range(4))
def test_ctrl_q_at_once_saves_and_exits_0(tmp_path, attempt):
    plan = write_plan(tmp_path)
    code, output = run_and_quit_at_once(plan)
    assert b"Traceback" not in output and b"NoMatches" not in output
    assert code == 0
    assert not lock_path_for(plan).exists()
