"""The progress file beside a plan: append-only, one line a point, written as
safely as the plan (lock, atomic, 0600), bad input refused with file, key and line."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import attrs
import pytest

from iep_meeting.model.goal_progress import DataPoint, GoalReport, ProgressCode, SentReport
from iep_meeting.model.plan import CopyMethod
from iep_meeting.store.errors import ChangedOnDiskError, FileProblemError, StoreError
from iep_meeting.store.lock import PlanLockedError
from iep_meeting.store.progress_file import ProgressFile, load_progress, progress_path
from iep_meeting.store.progress_text import record_from_text, record_to_text
from tests.factories import small_plan
from tests.plan_files import files_under, write
from tests.progress_data import final_plan_file, weekly_points

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return final_plan_file(tmp_path / "sam.iep.toml")


def add(plan_path: Path, points: list[DataPoint]) -> None:
    with ProgressFile.open(plan_path) as progress:
        progress.add_points(points, TODAY)


def test_the_progress_file_sits_beside_the_plan() -> None:
    assert progress_path(Path("records/sam.iep.toml")) == Path("records/sam.iep.progress.toml")
    assert progress_path(Path("plan.toml")) == Path("plan.progress.toml")


def test_the_first_point_makes_a_private_file_that_names_the_plan(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    add(plan_path, weekly_points("reading-fluency", 1))
    path = progress_path(plan_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    record = load_progress(path)
    assert record is not None and record.plan.path == "sam.iep.toml" and len(record.plan.sha256) == 64
    assert plan_path.read_bytes() == before  # the sealed plan is never touched
    assert not path.with_name(path.name + ".lock").exists()  # the lock is gone once closed


def test_each_point_adds_one_line_and_changes_no_other(plan_path: Path) -> None:
    add(plan_path, weekly_points("reading-fluency", 3))
    before = progress_path(plan_path).read_text().splitlines()
    add(plan_path, [weekly_points("reading-fluency", 4)[-1]])
    after = progress_path(plan_path).read_text().splitlines()
    assert len(after) == len(before) + 1
    added = [line for line in after if line not in before]
    assert added == ['    ["2026-04-06", 83.8],']


def test_a_report_is_a_block_with_the_narrative_as_typed(plan_path: Path) -> None:
    narrative = 'Sam reads 90 words a minute.\nWe keep the "echo reading" practice.'
    with ProgressFile.open(plan_path) as progress:
        progress.add_report(
            GoalReport(
                goal="reading-fluency",
                period=dt.date(2026, 6, 15),
                code=ProgressCode.SUBSTANTIAL,
                sufficient=True,
                narrative=narrative,
            )
        )
        progress.add_sent(
            SentReport(period=dt.date(2026, 6, 15), date=dt.date(2026, 6, 16), method=CopyMethod.MAIL, language="es")
        )
    text = progress_path(plan_path).read_text()
    assert "[[reports]]" in text and "Sam reads 90 words a minute.\n" in text
    record = load_progress(progress_path(plan_path))
    assert record is not None and record.reports[0].narrative == narrative
    assert record.sent[0].method is CopyMethod.MAIL


def test_load_then_write_gives_the_same_bytes(plan_path: Path) -> None:
    add(plan_path, weekly_points("reading-fluency", 3) + weekly_points("task-initiation", 2, start=3))
    text = progress_path(plan_path).read_text()
    assert record_to_text(record_from_text(text)) == text


def test_a_point_that_cannot_be_a_measurement_adds_nothing(plan_path: Path) -> None:
    add(plan_path, weekly_points("reading-fluency", 2))
    before = files_under(plan_path.parent)
    bad = [*weekly_points("reading-fluency", 3)[2:], DataPoint(goal="reading", date=TODAY, value=80)]
    with pytest.raises(StoreError, match=r"point 2: the plan has no goal 'reading'"):
        add(plan_path, bad)
    assert files_under(plan_path.parent) == before


def test_a_draft_plan_gets_no_progress_file(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.iep.toml", small_plan())
    with pytest.raises(StoreError, match="is a draft"):
        ProgressFile.open(draft)
    assert not progress_path(draft).exists()


def test_a_progress_file_of_another_plan_version_is_not_added_to(plan_path: Path) -> None:
    add(plan_path, weekly_points("reading-fluency", 1))
    path = progress_path(plan_path)
    path.write_text(path.read_text().replace('sha256 = "', 'sha256 = "0'), encoding="utf-8")
    before = files_under(plan_path.parent)
    with pytest.raises(StoreError, match="was begun on another version"):
        add(plan_path, weekly_points("reading-fluency", 2)[1:])
    assert files_under(plan_path.parent) == before


def test_two_programs_never_add_at_once(plan_path: Path) -> None:
    with ProgressFile.open(plan_path), pytest.raises(PlanLockedError):
        ProgressFile.open(plan_path)


def test_a_hand_edit_while_open_is_not_written_over(plan_path: Path) -> None:
    add(plan_path, weekly_points("reading-fluency", 1))
    with ProgressFile.open(plan_path) as progress:
        path = progress_path(plan_path)
        path.write_text(path.read_text() + "# a note\n", encoding="utf-8")
        with pytest.raises(ChangedOnDiskError):
            progress.add_points(weekly_points("reading-fluency", 2)[1:], TODAY)
        assert path.read_text().endswith("# a note\n")


def test_nothing_in_the_file_is_ever_changed_by_the_program(plan_path: Path) -> None:
    with ProgressFile.open(plan_path) as progress:
        progress.add_points(weekly_points("reading-fluency", 2), TODAY)
        (series,) = progress.record.series
        fewer = attrs.evolve(series, dates=series.dates[:1], values=series.values[:1], attempts=(None,), notes=("",))
        changed = attrs.evolve(progress.record, series=(fewer,))
        with pytest.raises(StoreError, match="only added to"):
            progress._write(changed)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("82.6]", '"82.6"]'), "line 15, at series[0].points[1].value: expected a number"),
        (lambda t: t.replace('how = "probe"', 'how = "prob"'), 'line 11, at series[0].how: "prob" is not one of'),
        (lambda t: t.replace('"2026-03-16"', '"2026-13-16"'), "line 14, at series[0].points[0].date: expected a date"),
        (lambda t: t.replace("82]", '82, 0, "", 7]'), "line 14, at series[0].points[0]: a point is written [date"),
        (lambda t: t.replace("unit = ", "unti = "), "line 10, at series[0].unti: unknown key 'unti' — did you mean"),
        (lambda t: t.replace("plan = {", "plann = {"), "unknown key 'plann' — did you mean 'plan'?"),
        (lambda t: t.replace("schema = 1", "schema = 7"), "line 1, at schema: this progress file is in format 7"),
        (lambda t: t.replace("points = [", "points = [[", 1), "this is not valid TOML"),
        (lambda t: "", "the file is empty"),
    ],
)
def test_a_bad_file_is_refused_with_its_line_and_key(plan_path: Path, edit, message: str) -> None:
    add(plan_path, weekly_points("reading-fluency", 2))
    path = progress_path(plan_path)
    path.write_text(edit(path.read_text()), encoding="utf-8")
    before = files_under(plan_path.parent)
    with pytest.raises(FileProblemError) as refused:
        load_progress(path)
    assert str(path) in str(refused.value) and "progress file" in str(refused.value)
    assert message in str(refused.value)
    with pytest.raises(FileProblemError):
        add(plan_path, weekly_points("reading-fluency", 3)[2:])
    assert files_under(plan_path.parent) == before  # never written over
