"""A goal's aim line set in numbers (`progress aim`, F5 on the screen), when its
baseline and target texts do not give the right ones: the sample plan's writing
goal reads "1 paragraph …" to "3 of 4 on the rubric …", an aim line from 1 to 75
that no point of a rubric score ever reaches. The entry is added to the progress
file; the last one set for a goal counts, in the on-track rule and the family's report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iep_meeting.documents.html import document_html
from iep_meeting.documents.progress_report import progress_report
from iep_meeting.model.goal_progress import (
    Aim,
    DataPoint,
    Standing,
    aim_of,
    only_appended,
    periods_of,
    points_of,
    standing,
    with_aim,
)
from iep_meeting.store.errors import StoreError
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.progress_file import ProgressFile, load_progress, progress_path
from iep_meeting.store.progress_text import read_progress, record_from_text
from tests.factories import PERIOD_START
from tests.plan_files import run_cli
from tests.progress_data import final_plan_file, refused_from_the_command_line

TODAY = dt.date(2026, 12, 3)
GOAL = "written-expression"  # "1 paragraph of 3-4 sentences …" to "Scores 3 of 4 on the district writing rubric …"


def rubric_scores(*scores: float) -> list[DataPoint]:
    """A rubric score a month from the plan's start."""
    return [
        DataPoint(goal=GOAL, date=PERIOD_START + dt.timedelta(days=30 * (month + 1)), value=score, unit="rubric score")
        for month, score in enumerate(scores)
    ]


@pytest.fixture
def progress(tmp_path: Path):
    with ProgressFile.open(final_plan_file(tmp_path / "sam.iep.toml")) as opened:
        opened.add_points(rubric_scores(1.5, 2, 2), TODAY)
        yield opened


def verdict(progress: ProgressFile) -> Standing:
    goal = progress.final.goal(GOAL)
    assert goal is not None
    record = progress.record
    return standing(points_of(record, GOAL), aim_of(goal, progress.final.period, record)).standing


def test_an_aim_line_read_wrong_from_the_texts_is_set_in_numbers(progress: ProgressFile) -> None:
    goal = progress.final.goal(GOAL)
    assert goal is not None
    read = aim_of(goal, progress.final.period, progress.record)
    assert read is not None and (read.baseline, read.target) == (1, 75)  # "3 of 4" read as 75 percent
    assert verdict(progress) is Standing.BEHIND
    progress.set_aim(Aim(goal=GOAL, baseline=1, target=3))
    assert verdict(progress) is Standing.ON_TRACK  # 2 of 3 by the middle of the year
    assert 'aims = [\n    { goal = "written-expression", baseline = 1, target = 3 },\n]' in progress.path.read_text(
        encoding="utf-8"
    )


def test_the_last_aim_line_set_counts_and_the_one_before_stays(progress: ProgressFile) -> None:
    progress.set_aim(Aim(goal=GOAL, baseline=1, target=3))
    record = progress.set_aim(Aim(goal=GOAL, baseline=1, target=4))
    goal = progress.final.goal(GOAL)
    assert goal is not None
    now = aim_of(goal, progress.final.period, record)
    assert now is not None and now.target == 4
    assert [aim.target for aim in record.aims] == [3, 4]
    assert load_progress(progress.path) == record
    text = progress.path.read_text(encoding="utf-8")
    assert read_progress(text)[1] is not None  # still as the program writes it: the next point is one line added
    assert record_from_text(text.replace("\n", "\r\n")) == record  # the general reader's path agrees


def test_what_cannot_be_an_aim_line_is_refused_and_nothing_is_written(progress: ProgressFile) -> None:
    progress.set_aim(Aim(goal=GOAL, baseline=1, target=3))
    before = progress.path.read_bytes()
    for aim, words in (
        (Aim(goal="writing", baseline=1, target=3), "the plan has no goal 'writing' (its goals: reading-fluency, "),
        (Aim(goal=GOAL, baseline=-1, target=3), "the baseline -1 is not a measurement"),
        (Aim(goal=GOAL, baseline=1, target=float("inf")), "the target inf is not a measurement"),
        (Aim(goal=GOAL, baseline=1, target=3), "written-expression's aim line already runs from 1 to 3"),
    ):
        with pytest.raises(StoreError, match="the aim line was not set") as refused:
            progress.set_aim(aim)
        assert words in str(refused.value)
    assert progress.path.read_bytes() == before


def test_an_aim_line_set_before_is_never_changed_or_dropped(progress: ProgressFile) -> None:
    before = with_aim(progress.record, Aim(goal=GOAL, baseline=1, target=3))
    assert only_appended(before, with_aim(before, Aim(goal=GOAL, baseline=1, target=4)))
    changed = with_aim(progress.record, Aim(goal=GOAL, baseline=1, target=4))
    assert not only_appended(before, changed)
    assert not only_appended(before, progress.record)


def test_the_family_s_report_draws_and_reads_the_aim_line_set(progress: ProgressFile) -> None:
    def html() -> str:
        record = progress.record
        period = periods_of(record, progress.plan)[0]  # the points' quarter
        return document_html(progress_report(progress.plan, record, locale_strings("en"), period))

    assert "The goal is to get to 75 by March 15, 2027. 3 of the last 3 points are below the aim line." in html()
    progress.set_aim(Aim(goal=GOAL, baseline=1, target=3))
    shown = html()
    assert "get to 75" not in shown
    assert "The goal is to get to 3 by March 15, 2027. None of the last 3 points is below the aim line." in shown


def test_progress_aim_sets_it_from_the_command_line_and_says_what_it_was(progress: ProgressFile, capsys) -> None:
    plan_path = progress.plan_path
    progress.close()
    code, out, err = run_cli(
        "progress", "aim", plan_path, "--goal", GOAL, "--baseline", 1, "--target", 3, capsys=capsys
    )  # fmt: skip
    assert code == 0, err
    assert (
        "Set written-expression's aim line in" in out
        and ": 1 on 2026-03-16 → 3 on 2027-03-15 (it was 1 on 2026-03-16 → 75 on 2027-03-15, read from the goal's "
        "baseline and target)."
        in out
    )
    assert "written-expression: ✓ on track." in out
    record = load_progress(progress_path(plan_path))
    assert record is not None and record.aims == (Aim(goal=GOAL, baseline=1, target=3),)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--goal", GOAL, "--baseline", "1"), "progress aim needs --target"),
        (("--baseline", "1", "--target", "3"), "progress aim needs --goal"),
        (("--goal", GOAL, "--baseline", "1", "--target", "-3"), "the target -3 is not a measurement"),
        (("--goal", GOAL, "--baseline", "1", "--target", "3", "--value", "2"), "--value: only with progress add"),
    ],
)
def test_progress_aim_refuses_and_writes_nothing(progress: ProgressFile, capsys, args, message) -> None:
    assert message in refused_from_the_command_line(progress, capsys, "aim", *args)


def test_baseline_and_target_belong_to_aim_only(progress: ProgressFile, capsys) -> None:
    plan_path = progress.plan_path
    progress.close()
    code, _, err = run_cli("progress", "add", plan_path, "--goal", GOAL, "--value", 2, "--target", 3, capsys=capsys)
    assert code == 2 and "--target: only with progress aim PLAN" in err
