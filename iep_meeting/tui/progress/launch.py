"""`iep-meeting progress PLAN`: open the progress file of a final plan (its lock
held while the app runs), or only read it with --read-only, and run the app."""

from __future__ import annotations

from pathlib import Path

from iep_meeting.store.errors import StoreError
from iep_meeting.store.lock import PlanLockedError
from iep_meeting.store.plan_file import load_plan
from iep_meeting.store.progress_file import ProgressFile, load_progress, progress_path
from iep_meeting.tui.commands import load_keys
from iep_meeting.tui.progress.app import ProgressApp


def run_progress(
    plan_path: Path, *, read_only: bool = False, keys_file: Path | None = None, headless: bool = False
) -> int:
    keys = load_keys(keys_file)  # a bad keys file is reported before the progress file is locked
    if read_only:
        app = ProgressApp(load_plan(plan_path), load_progress(progress_path(plan_path)), None, keys=keys)
        app.run(headless=headless)
        return app.return_code or 0
    try:
        progress = ProgressFile.open(plan_path)
    except PlanLockedError as error:
        raise StoreError(f"{error}\nTo look without adding: iep-meeting progress --read-only {plan_path}") from None
    try:
        app = ProgressApp(progress.plan, progress.record, progress, keys=keys)
        app.run(headless=headless)
    finally:
        progress.close()
    return app.return_code or 0
