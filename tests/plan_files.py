"""Plan files on disk for the command-line tests of `amend` and `new --from`:
writing one, tampering with a final one, and seeing that a refusal left every
file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.model.plan import Plan
from iep_meeting.store.plan_file import plan_to_text

# A line of small_plan()'s file that a hand edit of a final plan changes.
AGREED_TARGET = 'target = "110 words correct per minute on 3 of 4 consecutive probes."'


def run_cli(*args: object, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, plan: Plan) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(plan_to_text(plan), encoding="utf-8")
    path.chmod(0o600)
    return path


def to_review(plan: Plan) -> tuple[str, ...]:
    """What of last year's plan `plan` still marks for review (it follows last year's)."""
    assert plan.follows is not None, "the plan follows last year's"
    return plan.follows.to_review


def files_under(folder: Path | str) -> dict[Path, bytes]:
    """Every file below `folder` with its bytes: what a refusal must leave as it was."""
    return {path: path.read_bytes() for path in sorted(Path(folder).rglob("*")) if path.is_file()}


def tamper(path: Path) -> None:
    """Change what the final plan says, as someone editing the file by hand would."""
    text = path.read_text(encoding="utf-8")
    assert AGREED_TARGET in text
    path.write_text(text.replace(AGREED_TARGET, AGREED_TARGET.replace("110", "95")), encoding="utf-8")
