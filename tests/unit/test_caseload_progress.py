"""Progress reports due in the caseload, from the progress files beside the plans
(store/caseload_scan.py reads them, through the cache; model/caseload.py makes
the rows): written as `iep-meeting progress` writes them, read back for real."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.model.caseload import CaseItem, Caseload, CaseRow, Urgency, caseload
from iep_meeting.model.goal_progress import GoalReport, ProgressCode
from iep_meeting.model.plan import Status
from iep_meeting.store.caseload_cache import CaseloadCache
from iep_meeting.store.caseload_scan import read_caseload, rule_profiles, scan
from iep_meeting.store.progress_file import ProgressFile, progress_path
from tests.caseload_plans import student_plan, write

AS_OF = dt.date(2026, 3, 10)
GOALS = ("reading-fluency", "written-expression", "task-initiation")
Q1, Q2 = dt.date(2025, 11, 30), dt.date(2026, 2, 28)  # the plan's first two quarters


def report(goal: str, period: dt.date) -> GoalReport:
    return GoalReport(goal=goal, period=period, code=ProgressCode.SUBSTANTIAL, sufficient=True, narrative="On track.")


def final_plan(folder: Path, name: str = "Sam Example", student_id: str = "FAKE-1") -> Path:
    plan = student_plan(name, student_id, dt.date(2013, 5, 4), dt.date(2025, 9, 1))
    return write(folder / f"{name.split()[0].lower()}" / "2025-annual.iep.toml", plan)


def add_reports(plan: Path, *reports: GoalReport) -> None:
    with ProgressFile.open(plan) as progress:
        for one in reports:
            progress.add_report(one)


def progress_rows(result: Caseload) -> list[CaseRow]:
    return [row for row in result.rows if row.item is CaseItem.PROGRESS_REPORT]


@pytest.fixture
def sam(tmp_path: Path) -> Path:
    plan = final_plan(tmp_path / "plans")
    add_reports(plan, *(report(goal, Q1) for goal in GOALS), report("reading-fluency", Q2))
    return plan


def test_the_reports_missing_from_a_progress_file_are_due(sam: Path) -> None:
    result = read_caseload([sam.parent.parent], AS_OF, use_cache=False)
    (row,) = progress_rows(result)
    assert (row.plan, row.state, row.due, row.days_left) == (str(sam), Urgency.OVERDUE, Q2, -10)
    assert "2 of 3 goals (written-expression, task-initiation;" in row.detail
    add_reports(sam, report("written-expression", Q2), report("task-initiation", Q2))
    assert progress_rows(read_caseload([sam.parent.parent], AS_OF, use_cache=False)) == []


def test_the_progress_file_goes_through_the_cache(sam: Path, tmp_path: Path) -> None:
    folder, cache_path = sam.parent.parent, tmp_path / "cache.sqlite3"
    with CaseloadCache.open(cache_path) as cache:
        first = scan([folder], cache)
    with CaseloadCache.open(cache_path) as cache:
        second = scan([folder], cache)
    assert (first.read, second.read) == (2, 0)  # the plan and its progress file, then neither
    assert second.progress == first.progress and second.progress[str(sam)] is not None
    add_reports(sam, report("written-expression", Q2), report("task-initiation", Q2))
    with CaseloadCache.open(cache_path) as cache:
        third = scan([folder], cache)
    assert third.read == 1  # the progress file alone
    rows = caseload(third.plans, third.unreadable, AS_OF, rule_profiles(), third.missing_originals, third.progress)
    assert progress_rows(rows) == []


def test_a_progress_file_that_cannot_be_used_is_listed_and_the_scan_goes_on(sam: Path, tmp_path: Path) -> None:
    folder = sam.parent.parent
    ana = final_plan(folder, "Ana Sample", "FAKE-2")
    shutil.copy(progress_path(sam), progress_path(ana))  # Sam's record, beside Ana's plan
    lee = final_plan(folder, "Lee Placeholder", "FAKE-3")
    progress_path(lee).write_text("schema = 1\n[plan\n", encoding="utf-8")
    result = read_caseload([folder], AS_OF, use_cache=False)
    problems = {row.plan: row.detail for row in result.rows if row.item is CaseItem.UNREADABLE}
    assert set(problems) == {str(progress_path(ana)), str(progress_path(lee))}
    assert "it was begun on another version of 2025-annual.iep.toml" in problems[str(progress_path(ana))]
    assert "line 2" in problems[str(progress_path(lee))]
    assert [row.plan for row in progress_rows(result)] == [str(sam)]  # no row guessed for Ana or Lee


def test_a_progress_file_beside_a_draft_or_no_plan_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    kim = student_plan("Kim Fixture", "FAKE-4", dt.date(2016, 2, 29), AS_OF, status=Status.DRAFT)
    draft = write(folder / "kim.iep.toml", kim)
    progress_path(draft).write_text("not read", encoding="utf-8")
    (folder / "gone.iep.progress.toml").write_text("not read either", encoding="utf-8")
    found = scan([folder])
    assert found.unreadable == () and found.read == 1


def test_the_command_lists_them_and_names_the_command_that_writes_them(
    sam: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(sam.parent.parent)
    assert main(["caseload", "--as-of", str(AS_OF), "--format", "json"]) == 1  # something is overdue
    rows = json.loads(capsys.readouterr().out)["rows"]
    (row,) = [row for row in rows if row["item"] == "progress-report"]
    assert (row["state"], row["dueDate"], row["daysLeft"], row["plan"]) == (
        "overdue",
        "2026-02-28",
        -10,
        "sam/2025-annual.iep.toml",
    )
    main(["caseload", "--as-of", str(AS_OF)])
    table = capsys.readouterr().out.splitlines()
    assert any(line.endswith("progress report due") for line in table)
    assert any("iep-meeting progress 2025-annual.iep.toml" in line for line in table)  # never cut at its hyphen
    assert max(map(len, table)) <= 80
