"""Output into a pipe: a reader that stops early (`| head`) ends the program
quietly, and nothing printed to a pipe carries colour or other terminal codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iep_meeting.store.folders import sample_plan_path

pytestmark = pytest.mark.slow  # runs the command line in processes

ESC = "\x1b"


def _sample(tmp_path: Path) -> Path:
    path = tmp_path / "plan.iep.toml"
    shutil.copyfile(sample_plan_path(), path)
    path.chmod(0o600)
    return path


def test_check_into_a_pipe_that_closes_early_ends_without_a_traceback(tmp_path):
    plan = _sample(tmp_path)
    # Far more output than a pipe holds, so the writes go on after the reader has gone.
    process = subprocess.Popen(
        [sys.executable, "-m", "iep_meeting", "check", *[str(plan)] * 300],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # what `head -1` does
    errors = process.stderr.read().decode()
    code = process.wait(timeout=60)
    assert first.decode().startswith(str(plan))
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
    assert code == 141


def test_nothing_printed_to_a_pipe_has_terminal_codes(tmp_path):
    plan = _sample(tmp_path)
    for args in (["check", str(plan)], ["check", "--format", "json", str(plan)], ["agendas"], ["profiles"], ["--help"]):
        result = subprocess.run([sys.executable, "-m", "iep_meeting", *args], capture_output=True, text=True)
        assert result.stdout and ESC not in result.stdout and ESC not in result.stderr, args
