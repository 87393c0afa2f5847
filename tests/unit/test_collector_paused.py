"""The cycle collector is paused only while a document is made, and always on
again afterwards: a paused collector left behind would let a long meeting's
cyclic garbage grow without bound."""

from __future__ import annotations

import gc

import pytest

from iep_meeting.documents.html import document_html
from iep_meeting.documents.progress_report import progress_report
from iep_meeting.model.goal_progress import periods_of
from iep_meeting.store.bulk import collector_paused
from iep_meeting.store.locale_files import locale_strings
from tests.factories import big_plan
from tests.progress_data import final_plan, record_of, weekly_points


def test_making_a_progress_report_leaves_the_collector_on() -> None:
    plan = final_plan(big_plan(3))
    record = record_of(plan, "plan.iep.toml", [p for goal in plan.goals for p in weekly_points(goal.id, 12)])
    html = document_html(progress_report(plan, record, locale_strings("en"), periods_of(record, plan)[0]))
    assert "<svg" in html
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
