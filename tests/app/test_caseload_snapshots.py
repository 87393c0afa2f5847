"""What the caseload screen looks like, at 80x24 and 120x36 (fixed date and
theme, no cursor blink). Look at each SVG before accepting a change:
`pytest tests/app/test_caseload_snapshots.py --snapshot-update`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from iep_meeting.tui.caseload.view import CaseloadView
from tests.app.test_caseload_screen import make_app, read
from tests.caseload_plans import write_caseload


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_caseload(tmp_path / "plans")
    return tmp_path / "plans"


async def ready(pilot: Pilot[Any]) -> None:
    await read(pilot, pilot.app)  # type: ignore[arg-type]


def test_the_caseload_at_80x24(snap_compare: Any, plans: Path) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ready)


def test_overdue_rows_of_one_student_at_120x36(snap_compare: Any, plans: Path) -> None:
    app = make_app(view=CaseloadView(student="sam", overdue_only=True))
    assert snap_compare(app, terminal_size=(120, 36), run_before=ready)


def test_a_folder_without_plans_at_80x24(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ready)
