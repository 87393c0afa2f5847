"""`iep-meeting run` pauses Python's cycle collector from opening the plan until
the first form is built (tui/launch.py): it is on again once the form is there,
and after the meeting, whether it ran or could not start."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from iep_meeting.meeting.session import open_session
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_file import create_plan_file
from iep_meeting.tui import launch
from iep_meeting.tui.app import IEPMeetingApp
from tests.factories import small_plan


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "sam.iep.toml"
    create_plan_file(path, small_plan())
    return path


def test_the_collector_waits_for_the_first_form_and_runs_after_it(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: dict[str, bool] = {}
    mounted = IEPMeetingApp.on_mount

    def on_mount(app: IEPMeetingApp) -> None:
        collecting["at the start"] = gc.isenabled()
        mounted(app)

        def form_built() -> None:
            collecting["with the first form"] = gc.isenabled()
            app.exit()

        app.after_first_form(form_built)

    monkeypatch.setattr(IEPMeetingApp, "on_mount", on_mount)
    frozen = gc.get_freeze_count()
    assert launch.run_meeting(plan_path, headless=True) == 0
    assert collecting == {"at the start": False, "with the first form": True}
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # nothing of the meeting stays frozen


def test_a_plan_that_cannot_open_leaves_the_collector_on(plan_path: Path) -> None:
    held = open_session(plan_path)  # someone else is editing it
    try:
        with pytest.raises(StoreError, match="iep-meeting run --read-only"):
            launch.run_meeting(plan_path, headless=True)
    finally:
        held.plan_file.close()
    assert gc.isenabled()
