"""A point recorded by mistake is taken back (`progress withdraw`, F4 on the
screen): its line stays in the progress file, which is only added to, and it
counts nowhere: not on the chart or in the table of the family's report, in the
on-track rule or in next year's plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iep_meeting.documents.html import document_html
from iep_meeting.documents.progress_report import progress_report
from iep_meeting.model.goal_progress import (
    DataPoint,
    Standing,
    Withdrawal,
    aim_of,
    periods_of,
    points_of,
    standing,
    withdrawal_problems,
)
from iep_meeting.model.next_year import previous_goal
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.progress_file import ProgressFile, load_progress, progress_path
from iep_meeting.store.progress_text import record_from_text, record_to_text
from tests.plan_files import run_cli
from tests.progress_data import final_plan_file, refused_from_the_command_line, weekly_points

TODAY = dt.date(2026, 12, 3)
GOAL = "reading-fluency"
MISTAKE = DataPoint(goal=GOAL, date=dt.date(2026, 5, 5), value=950, unit="words correct per minute")


def taken_back(value: float = 950, why: str = "typed 950 for 95", day: dt.date = MISTAKE.date) -> Withdrawal:
    return Withdrawal(goal=GOAL, date=day, value=value, why=why, on=TODAY)


@pytest.fixture
def progress(tmp_path: Path):
    with ProgressFile.open(final_plan_file(tmp_path / "sam.iep.toml")) as opened:
        opened.add_points([*weekly_points(GOAL, 8, start=84, step=0.6), MISTAKE], TODAY)
        yield opened


def test_a_point_taken_back_counts_nowhere_and_its_line_stays(progress: ProgressFile) -> None:
    before = progress.path.read_text(encoding="utf-8")
    record = progress.withdraw(taken_back())
    assert 950 not in [point.value for point in points_of(record, GOAL)]
    assert len(points_of(record, GOAL)) == 8  # the weekly ones
    goal = progress.final.goal(GOAL)
    assert goal is not None
    verdict = standing(points_of(record, GOAL), aim_of(goal, progress.final.period, record))
    assert verdict.standing is Standing.ON_TRACK and verdict.median is not None and verdict.median < 100
    after = progress.path.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("\n[[series]]")])  # what was there is there
    assert '["2026-05-05", 950]' in after  # the point's line stays
    entry = '{ goal = "reading-fluency", date = 2026-05-05, value = 950, why = "typed 950 for 95", on = 2026-12-03 }'
    assert f"withdrawn = [\n    {entry},\n]" in after
    assert load_progress(progress.path) == record


def test_of_two_points_alike_one_is_taken_back(progress: ProgressFile) -> None:
    progress.add_points([MISTAKE], TODAY)
    record = progress.withdraw(taken_back())
    assert [point.value for point in points_of(record, GOAL)].count(950) == 1
    record = progress.withdraw(taken_back())
    assert 950 not in [point.value for point in points_of(record, GOAL)]
    assert withdrawal_problems(taken_back(), record, progress.final.goal_ids) == [
        "reading-fluency has no point of 950 on 2026-05-05 to take back (it has none that day)"
    ]


def test_what_cannot_be_taken_back_is_refused_and_nothing_is_written(progress: ProgressFile) -> None:
    before = progress.path.read_bytes()
    for withdrawal, words in (
        (taken_back(value=95), "has no point of 95 on 2026-05-05 to take back (its points that day: 950)"),
        (taken_back(why="  "), "say why the point is taken back"),
        (Withdrawal(goal="reading", date=TODAY, value=1, why="x", on=TODAY), "the plan has no goal 'reading'"),
    ):
        with pytest.raises(Exception, match="nothing was taken back") as refused:
            progress.withdraw(withdrawal)
        assert words in str(refused.value)
    assert progress.path.read_bytes() == before


def test_the_family_s_report_leaves_out_a_point_taken_back(progress: ProgressFile) -> None:
    def html() -> str:
        record = progress.record
        period = periods_of(record, progress.plan)[0]
        return document_html(progress_report(progress.plan, record, locale_strings("en"), period))

    assert "It rose from 84 to 950." in html()  # its chart, and its table
    progress.withdraw(taken_back())
    assert "950" not in html()


def test_a_file_read_by_the_toml_reader_takes_back_the_same_point(progress: ProgressFile) -> None:
    record = progress.withdraw(taken_back())
    text = record_to_text(record)
    assert record_from_text(text.replace("\n", "\r\n")) == record  # the general reader's path


def test_a_taken_back_entry_without_why_is_refused_with_its_line(progress: ProgressFile) -> None:
    progress.withdraw(taken_back())
    text = progress.path.read_text(encoding="utf-8").replace(', why = "typed 950 for 95"', "")
    with pytest.raises(Exception) as refused:
        record_from_text(text)
    assert "line 8, at withdrawn[0].why: required key 'why' is missing" in str(refused.value)  # the entry's own line


def test_a_file_with_nothing_taken_back_has_no_withdrawn_line(progress: ProgressFile) -> None:
    assert "withdrawn" not in progress.path.read_text(encoding="utf-8")  # older files stay as they were


def test_progress_withdraw_takes_back_a_point_from_the_command_line(progress: ProgressFile, capsys) -> None:
    plan_path = progress.plan_path
    progress.close()
    code, out, err = run_cli(
        "progress", "withdraw", plan_path, "--goal", GOAL, "--value", 950, "--date", "2026-05-05",
        "--why", "typed 950 for 95", capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "Took back reading-fluency's point of 950 on 2026-05-05" in out and "reading-fluency: ✓ on track." in out
    record = load_progress(progress_path(plan_path))
    assert record is not None and [w.why for w in record.withdrawn] == ["typed 950 for 95"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--goal", GOAL, "--value", "950", "--date", "2026-05-05"), "progress withdraw needs --why"),
        (("--goal", GOAL, "--value", "95", "--date", "2026-05-05", "--why", "x"), "has no point of 95 on 2026-05-05"),
        (("--goal", GOAL, "--value", "950", "--how", "probe", "--why", "x"), "--how: only with progress add PLAN"),
    ],
)
def test_progress_withdraw_refuses_and_writes_nothing(progress: ProgressFile, capsys, args, message) -> None:
    assert message in refused_from_the_command_line(progress, capsys, "withdraw", *args)


def test_why_belongs_to_withdraw_only(progress: ProgressFile, capsys) -> None:
    plan_path = progress.plan_path
    progress.close()
    code, _, err = run_cli("progress", "add", plan_path, "--goal", GOAL, "--value", 90, "--why", "x", capsys=capsys)
    assert code == 2 and "--why: only with progress withdraw PLAN" in err


def test_next_year_s_plan_carries_the_last_point_that_counts(progress: ProgressFile) -> None:
    goal = progress.final.goal(GOAL)
    assert goal is not None
    period = progress.final.period
    assert (
        "last point 950 words correct per minute on 2026-05-05" in previous_goal(goal, progress.record, period).evidence
    )
    record = progress.withdraw(taken_back())
    assert "last point 88.2 words correct per minute on 2026-05-04" in previous_goal(goal, record, period).evidence


def test_a_value_finer_than_the_screen_shows_is_named_exactly(progress: ProgressFile) -> None:
    """Points are named by their exact value: a refusal lists them as the file has
    them, so that one can be typed back (1234.5678, not 1234.57)."""
    progress.add_points([MISTAKE._replace(value=1234.5678)], TODAY)
    refused = withdrawal_problems(taken_back(value=1234.57), progress.record, progress.final.goal_ids)
    assert refused == [
        f"{GOAL} has no point of 1234.57 on 2026-05-05 to take back (its points that day: 950, 1234.5678)"
    ]
    record = progress.withdraw(taken_back(value=1234.5678))
    assert 1234.5678 not in [point.value for point in points_of(record, GOAL)]
