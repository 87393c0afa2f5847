"""`iep-meeting caseload`: the table (80 columns, words and symbols, plain),
JSON and CSV with the documented columns, exit codes, the progress bar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.cli.progress_bar import ProgressBar
from iep_meeting.documents.caseload_report import COLUMNS, caseload_csv, caseload_table
from iep_meeting.model.caseload import caseload
from iep_meeting.model.rules import FEDERAL
from iep_meeting.store.caseload_scan import scan
from tests.caseload_plans import AS_OF, student_plan, write, write_caseload

DOCS = Path(__file__).resolve().parents[2] / "docs" / "caseload.md"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["caseload", *(str(a) for a in args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_caseload(tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plans"


def test_the_table_lists_the_most_urgent_first_in_80_columns(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plans", "--as-of", AS_OF)
    lines = out.splitlines()
    assert lines[0] == "Caseload on 2026-09-15: 4 students, 6 plans; 1 file cannot be read."
    assert max(len(line) for line in lines) <= 80
    assert lines[3].startswith("✗ overdue         2025-10-01  -349  Sam Example        action item past due")
    assert "    plans/sam/2025-annual.iep.toml" in lines
    assert "\x1b" not in out and err == ""  # no colour, no progress bar into a pipe
    assert code == 2  # a file could not be read


def test_every_state_is_words_with_a_symbol(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "plans", "--as-of", AS_OF)
    states = {line[:17].strip() for line in out.splitlines()[3:] if line and not line.startswith(" ")}
    assert states == {"✗ overdue", "! needs attention", "◐ due soon", "○ in progress", "✓ ok"}


def test_long_names_and_paths_still_fit(tmp_path: Path) -> None:
    long = "Maximiliana Placeholder-Fixture de la Example-Sample"
    path = write(tmp_path / ("x" * 90) / "plan.iep.toml", student_plan(long, "F", dt.date(2013, 1, 1), AS_OF))
    found = scan([path])
    table = caseload_table(caseload(found.plans, found.unreadable, AS_OF, lambda _f: FEDERAL), str)
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "Maximiliana Place…" in table and "…" + "x" * 20 in table


def test_json_has_the_documented_columns(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "plans", "--as-of", AS_OF, "--format", "json")
    report = json.loads(out)
    assert (report["asOfDate"], report["students"], report["plans"], report["unreadable"]) == ("2026-09-15", 4, 6, 1)
    assert all(tuple(row) == COLUMNS for row in report["rows"])
    overdue = [r for r in report["rows"] if r["item"] == "annual-review" and r["state"] == "overdue"]
    assert [(r["studentUniqueId"], r["dueDate"], r["daysLeft"]) for r in overdue] == [("FAKE-0001", "2026-09-01", -14)]
    documented = re.findall(r"^\| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert set(COLUMNS) <= set(documented)


def test_csv_has_the_same_columns_and_rows(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "plans", "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    _code, out, _err = run(capsys, "plans", "--as-of", AS_OF, "--format", "json")
    expected = json.loads(out)["rows"]
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(expected)
    assert [r["daysLeft"] for r in rows] == ["" if r["daysLeft"] is None else str(r["daysLeft"]) for r in expected]


def test_typed_text_cannot_run_as_a_spreadsheet_formula(tmp_path: Path) -> None:
    path = write(tmp_path / "p.iep.toml", student_plan('=HYPERLINK("x")', "F", dt.date(2013, 1, 1), AS_OF))
    found = scan([path])
    text = caseload_csv(caseload(found.plans, found.unreadable, AS_OF, lambda _f: FEDERAL), str)
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_exit_codes_say_whether_anything_is_overdue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "sam.iep.toml", student_plan("Sam Example", "F", dt.date(2013, 1, 1), dt.date(2025, 9, 1)))
    assert run(capsys, tmp_path, "--as-of", "2026-01-01")[0] == 0
    assert run(capsys, tmp_path, "--as-of", "2026-09-15")[0] == 1


def test_a_folder_that_is_not_there_is_refused_plainly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, tmp_path / "nowhere")
    assert code == 2 and out == "" and "nowhere: there is no such folder" in err and "Traceback" not in err


def test_an_empty_folder_says_it_has_no_plans_not_that_all_is_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, tmp_path, "--as-of", AS_OF)
    assert code == 0
    assert out.splitlines() == ["Caseload on 2026-09-15: 0 students, 0 plans.", "No plans were found there."]


def test_no_cache_leaves_nothing_in_the_cache_folder(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from iep_meeting.store.caseload_cache import default_cache_path

    run(capsys, "plans", "--no-cache")
    assert not default_cache_path().exists()
    run(capsys, "plans")
    assert default_cache_path().exists()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_waits_a_second_and_is_wiped() -> None:
    now = [0.0]
    stream = FakeTerminal()
    bar = ProgressBar("Reading plans", stream, clock=lambda: now[0])
    bar(10, 100)
    assert stream.getvalue() == ""  # a quick scan shows nothing
    now[0] = 1.5
    bar(50, 100)
    assert stream.getvalue().endswith("Reading plans: 50 of 100 " + "█" * 15 + "·" * 15 + "  50%")
    now[0] = 1.55
    bar(51, 100)  # at most ten times a second
    assert "51 of 100" not in stream.getvalue()
    bar.finish()
    assert stream.getvalue().endswith("\r" + " " * len("Reading plans: 50 of 100 ") + " " * 35 + "\r")


def test_the_progress_bar_is_for_a_table_on_a_terminal_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import functools
    import sys

    from iep_meeting.cli import caseload_output as command

    monkeypatch.setattr(command, "ProgressBar", functools.partial(ProgressBar, delay=0.0))
    for fmt, drawn in (("table", True), ("json", False), ("csv", False)):
        out, err = FakeTerminal(), FakeTerminal()
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        main(["caseload", "plans", "--format", fmt, "--no-cache"])
        assert ("Reading plans: " in err.getvalue()) is drawn, fmt
        assert "Reading plans" not in out.getvalue()
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # piped: no bar, even on a terminal's stderr
    err = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    main(["caseload", "plans", "--no-cache"])
    assert err.getvalue() == ""


def test_no_command_outside_a_terminal_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "give a command" in err and "iep-meeting caseload" in err and "Traceback" not in err
