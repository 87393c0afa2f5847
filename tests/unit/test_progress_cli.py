"""`iep-meeting progress add` and `progress import`: one point from the command
line, or a paraprofessional's data sheet, into the progress file beside a final plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iep_meeting.store.progress_file import load_progress, progress_path
from tests.plan_files import files_under, run_cli
from tests.progress_data import final_plan_file


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return final_plan_file(tmp_path / "sam.iep.toml")


def test_add_records_one_point_and_says_where_the_goal_stands(plan_path: Path, capsys) -> None:
    code, out, err = run_cli(
        "progress", "add", plan_path, "--goal", "task-initiation", "--value", 4, "--of", 5,
        "--date", "2026-04-03", "--how", "observation", "--by", "paraprofessional", capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "task-initiation, 2026-04-03, 4 of 5" in out
    assert "too few points to tell" not in out and "○ too few points" in out  # a verdict in words
    record = load_progress(progress_path(plan_path))
    assert record is not None
    (point,) = record.points
    assert (point.goal, point.value, point.of, point.by, point.how) == (
        "task-initiation", 4, 5, "paraprofessional", "observation",
    )  # fmt: skip


def test_add_dates_the_point_today_unless_told(plan_path: Path, capsys) -> None:
    code, _, err = run_cli("progress", "add", plan_path, "--goal", "reading-fluency", "--value", 90, capsys=capsys)
    assert code == 0, err
    record = load_progress(progress_path(plan_path))
    assert record is not None and record.points[0].date == dt.date.today()


def test_add_after_three_points_says_on_track_in_words(plan_path: Path, capsys) -> None:
    for day, value in (("2026-04-01", 86), ("2026-04-08", 87), ("2026-04-15", 88)):
        code, out, err = run_cli(
            "progress", "add", plan_path, "--goal", "reading-fluency", "--value", value, "--date", day, capsys=capsys
        )
        assert code == 0, err
    assert "reading-fluency: ✓ on track." in out


def test_add_says_a_point_of_another_measure_is_not_counted(plan_path: Path, capsys) -> None:
    for day, value in (("2026-04-01", 86), ("2026-04-08", 87), ("2026-04-15", 88)):
        run_cli(
            "progress", "add", plan_path, "--goal", "reading-fluency", "--value", value, "--date", day, capsys=capsys
        )
    code, out, err = run_cli(
        "progress", "add", plan_path, "--goal", "reading-fluency", "--value", 1, "--of", 5, "--date", "2026-04-16",
        capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "reading-fluency: ✓ on track. Not counted: 1 point measured another way than its chart's" in out
    assert "(the last: 1 of 5 on 2026-04-16)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--goal", "reading", "--value", "80"), "the plan has no goal 'reading'"),
        (("--goal", "reading-fluency"), "progress add needs --value"),
        (("--goal", "task-initiation", "--value", "6", "--of", "5"), "successes are a whole number from 0 to 5"),
        (
            ("--goal", "reading-fluency", "--value", "80", "--date", "2026-03-09"),
            "2026-03-09 is before the plan's first day (2026-03-16)",
        ),
    ],
)
def test_add_refuses_a_bad_point_and_writes_nothing(plan_path: Path, capsys, args, message) -> None:
    before = files_under(plan_path.parent)
    code, _, err = run_cli("progress", "add", plan_path, *args, capsys=capsys)
    assert code == 2 and message in err and "Traceback" not in err
    assert files_under(plan_path.parent) == before


def test_point_options_belong_to_add_only(plan_path: Path, capsys) -> None:
    code, _, err = run_cli("progress", "import", plan_path, "sheet.csv", "--goal", "x", capsys=capsys)
    assert code == 2 and "--goal: only with progress add PLAN" in err


SHEET = """goal,date,value,of,how,by,note
reading-fluency,2026-04-01,86,,probe,special education teacher,
task-initiation,2026-04-01,3,5,observation,paraprofessional,"first week, math class"

task-initiation,2026-04-08,4,5,observation,paraprofessional,
"""


def test_import_adds_every_row_of_a_sheet(plan_path: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "week.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    code, out, err = run_cli("progress", "import", plan_path, sheet, capsys=capsys)
    assert code == 0, err
    assert "Imported 3 points" in out
    # Then where each goal of the sheet stands, in the sheet's order.
    assert out.splitlines()[1:] == ["reading-fluency: ○ too few points.", "task-initiation: ○ too few points."]
    record = load_progress(progress_path(plan_path))
    assert record is not None
    assert [(p.goal, p.value, p.of) for p in record.points] == [
        ("reading-fluency", 86, None), ("task-initiation", 3, 5), ("task-initiation", 4, 5),
    ]  # fmt: skip
    assert record.points[1].note == "first week, math class"


def test_import_reads_a_spreadsheets_utf8_with_bom_and_crlf(plan_path: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "week.csv"
    sheet.write_bytes(b"\xef\xbb\xbf" + SHEET.replace("\n", "\r\n").encode())
    code, _, err = run_cli("progress", "import", plan_path, sheet, capsys=capsys)
    assert code == 0, err


@pytest.mark.parametrize(
    ("sheet", "messages"),
    [
        (
            SHEET.replace("86,,probe", "eighty,,probe").replace("4,5,observation", "4,5,watching"),
            ["line 2: value 'eighty' is not a number", "line 5: how 'watching' is not one of"],
        ),
        (SHEET.replace("2026-04-08", "2026-13-08"), ["line 5: date '2026-13-08' is not a date"]),
        (SHEET.replace("task-initiation,2026-04-08", "task,2026-04-08"), ["line 5: the plan has no goal 'task'"]),
        (SHEET.replace("goal,date,value", "goal,day,value"), ["line 1: no column date", "unknown column 'day'"]),
        ("goal,date,value\n", ["the sheet has no rows of points"]),
    ],
    ids=["bad values", "bad date", "unknown goal", "bad header", "empty"],
)
def test_import_names_each_bad_row_by_line_and_imports_none(
    plan_path: Path, tmp_path: Path, capsys, sheet: str, messages: list[str]
) -> None:
    path = tmp_path / "week.csv"
    path.write_text(sheet, encoding="utf-8")
    before = files_under(tmp_path)
    code, _, err = run_cli("progress", "import", plan_path, path, capsys=capsys)
    assert code == 2 and "Traceback" not in err
    for message in messages:
        assert message in err
    assert files_under(tmp_path) == before  # none half-imported


def test_progress_on_a_draft_is_refused(tmp_path: Path, capsys) -> None:
    from tests.factories import small_plan
    from tests.plan_files import write

    draft = write(tmp_path / "draft.iep.toml", small_plan())
    code, _, err = run_cli("progress", "add", draft, "--goal", "reading-fluency", "--value", 80, capsys=capsys)
    assert code == 2 and "is a draft: progress is recorded on the plan the team agreed" in err


def test_a_point_given_no_unit_is_in_its_goals(plan_path: Path, tmp_path: Path, capsys) -> None:
    """Whichever way points come in, a goal's stay one measure: with no unit, the
    unit of the goal's last point of the kind (a value, or successes of attempts)."""
    first = ("--goal", "reading-fluency", "--date", "2026-04-01", "--unit", "words correct per minute")
    assert run_cli("progress", "add", plan_path, *first, "--value", 86, capsys=capsys)[0] == 0
    code, out, err = run_cli(
        "progress", "add", plan_path, "--goal", "reading-fluency", "--value", 87, "--date", "2026-04-08", capsys=capsys
    )
    assert code == 0, err
    assert "reading-fluency, 2026-04-08, 87 words correct per minute." in out
    sheet = tmp_path / "week.csv"
    sheet.write_text(
        "goal,date,value,of,unit\n"
        "reading-fluency,2026-04-15,88,,\n"  # the goal's unit
        "reading-fluency,2026-04-15,3,5,\n"  # successes of attempts: no unit of theirs yet
        "task-initiation,2026-04-15,12,,minutes\n"
        "task-initiation,2026-04-16,9,,\n",  # the unit the row before named
        encoding="utf-8",
    )
    code, _, err = run_cli("progress", "import", plan_path, sheet, capsys=capsys)
    assert code == 0, err
    record = load_progress(progress_path(plan_path))
    assert record is not None
    assert [(p.goal, p.value, p.of, p.unit) for p in record.points] == [
        ("reading-fluency", 86, None, "words correct per minute"),
        ("reading-fluency", 87, None, "words correct per minute"),
        ("reading-fluency", 88, None, "words correct per minute"),
        ("reading-fluency", 3, 5, ""),
        ("task-initiation", 12, None, "minutes"),
        ("task-initiation", 9, None, "minutes"),
    ]
