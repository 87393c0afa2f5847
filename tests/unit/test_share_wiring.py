"""`iep-meeting run --share` and `--share-lan`: parsed by the command line, served on
the app's own event loop while it runs, stopped when it exits; and starting without
sharing loads nothing of the share server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from textual.app import App

from iep_meeting.cli.main import main
from iep_meeting.meeting.session import open_session
from iep_meeting.model.plan import ParkingLotItem, Plan
from iep_meeting.share import listener as share_listener
from iep_meeting.store.plan_file import create_plan_file
from iep_meeting.tui import launch
from iep_meeting.tui.flows import share as share_flow
from tests.factories import small_plan
from tests.share_client import EventStream, sign_in

ROOT = Path(__file__).resolve().parents[2]

# Start the app (headless) to its first frame, as `iep-meeting run PLAN` does, then list what is loaded.
FIRST_FRAME = """
import os, sys
from pathlib import Path
from iep_meeting.tui.launch import run_meeting
from iep_meeting.tui.screens.meeting import MeetingScreen

shown = MeetingScreen.on_mount
def on_mount(screen):
    def report():
        print(sorted(sys.modules), flush=True)
        os._exit(0)
    screen.call_after_refresh(report)
    shown(screen)
MeetingScreen.on_mount = on_mount
run_meeting(Path(sys.argv[1]), headless=True, share=sys.argv[2] if len(sys.argv) > 2 else None)
"""


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "sam.iep.toml"
    create_plan_file(path, small_plan())
    return path


def loaded(code: str, *args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT, timeout=120
    )
    names: list[str] = eval(result.stdout.strip().splitlines()[-1])  # a list of module names, printed by repr
    return set(names)


@pytest.mark.slow
def test_starting_without_sharing_loads_nothing_of_the_share_server(plan_path: Path) -> None:
    at_start = loaded(FIRST_FRAME, str(plan_path))
    assert "iep_meeting.tui.app" in at_start  # the app did start
    assert not {name for name in at_start if name.startswith(("iep_meeting.share", "iep_meeting.tui.sharing"))}
    with_share = loaded("import sys, iep_meeting.tui.launch, iep_meeting.share.live; print(sorted(sys.modules))")
    added = with_share - at_start
    # The server needs no asyncio module the app has not loaded already (it runs on the app's loop).
    assert not {name for name in added if name.split(".")[0] in ("asyncio", "socketserver", "selectors")}
    assert not {name for name in at_start if name in ("hmac", "secrets", "http")}


@pytest.mark.slow
def test_starting_shared_opens_only_the_socket_before_the_first_frame(plan_path: Path) -> None:
    """The facilitator's screen comes first: the server and the page's writers load after it."""
    at_start = loaded(FIRST_FRAME, str(plan_path), "here")
    assert "iep_meeting.share.listener" in at_start  # the link exists: it was said before the app started
    assert not at_start & {"iep_meeting.share.server", "iep_meeting.share.broadcast", "iep_meeting.share.page"}


def test_share_and_share_lan_are_passed_to_the_app(plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []

    def run_meeting(path: Path, **options: object) -> int:
        asked.append(options["share"])
        return 0

    monkeypatch.setattr(launch, "run_meeting", run_meeting)
    assert main(["run", str(plan_path)]) == 0
    assert main(["run", str(plan_path), "--share"]) == 0
    assert main(["run", str(plan_path), "--share-lan"]) == 0
    assert asked == [None, "here", "lan"]
    with pytest.raises(SystemExit) as refused:
        main(["run", str(plan_path), "--share", "--share-lan"])
    assert refused.value.code == 2


def test_share_lan_without_a_network_is_said_in_words_and_opens_nothing(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(share_listener, "lan_address", lambda: None)
    assert main(["run", str(plan_path), "--share-lan"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("iep-meeting: this computer is on no local network") and "Traceback" not in err
    open_session(plan_path).plan_file.close()  # the plan's lock was let go: it opens for editing again


@pytest.mark.slow
def test_run_share_serves_the_app_s_meeting_and_stops_with_the_app(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}
    started = share_flow.started

    def park(plan: Plan) -> Plan:
        return attrs.evolve(plan, parking_lot=(*plan.parking_lot, ParkingLotItem(topic="Bus times")))

    def following(app: App[Any], sharing: Any) -> None:
        started(app, sharing)

        async def visit() -> None:  # a viewer, on the app's own loop, while the app runs
            try:
                cookie = await sign_in(sharing.status.url)
                stream = await EventStream.open(sharing.status.url, cookie, since=sharing.server.broadcast.version)
                app.session.apply(park)  # type: ignore[attr-defined]  # as a dialog does: the session publishes it
                seen["state"] = (await stream.next(timeout=1)).state()
                seen["viewers"] = sharing.status.viewers
            finally:
                app.exit()
            seen["end"] = (await stream.next(timeout=2)).kind
            seen["running"] = sharing.status.running

        seen["task"] = asyncio.ensure_future(visit())

    monkeypatch.setattr(share_flow, "started", following)
    assert launch.run_meeting(plan_path, headless=True, share="here") == 0
    assert "Bus times" in str(seen["state"]["regions"]) and seen["viewers"] == 1
    assert seen["end"] == "end" and seen["running"] is False
    err = capsys.readouterr().err
    assert "The meeting is shared, read-only, on this computer. Open this link in a browser: http://127.0.0.1:" in err
