"""The cycle collector is paused only while many small values are read
(store/bulk.py), and always on again afterwards: a paused collector left behind
would let a long meeting's cyclic garbage grow without bound."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from iep_meeting.store.bulk import collector_paused
from iep_meeting.store.progress_file import ProgressFile, load_progress, progress_path
from tests.progress_data import final_plan_file, weekly_points


def test_reading_a_progress_file_leaves_the_collector_on(tmp_path: Path) -> None:
    plan_path = final_plan_file(tmp_path / "sam.iep.toml")
    with ProgressFile.open(plan_path) as progress:
        progress.add_points(weekly_points("reading-fluency", 12), dt.date(2026, 12, 3))
    record = load_progress(progress_path(plan_path))
    assert record is not None and len(record.points) == 12
    assert gc.isenabled()


def test_the_collector_is_on_again_when_the_work_fails() -> None:
    @collector_paused()
    def fails() -> None:
        assert not gc.isenabled()
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        fails()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
