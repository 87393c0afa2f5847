"""`iep-meeting caseload --export edfi DIR`: Ed-Fi JSON Lines a district loads.
The files are loaded into DuckDB, as a warehouse would load them, and asked
with SQL which reviews are overdue: the answer is the caseload table's."""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.edfi import RESOURCES
from tests.caseload_plans import AS_OF, student_plan, write, write_caseload

duckdb = pytest.importorskip("duckdb")

DOCS = Path(__file__).resolve().parents[2] / "docs" / "caseload.md"
DISTRICT = 255901


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    write_caseload(folder)
    return folder


def export(folder: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    district = ["--education-organization-id", str(DISTRICT)]
    code = main(["caseload", str(folder), "--as-of", str(AS_OF), "--export", "edfi", str(out), *district, *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def records(out: Path, resource: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / f"{resource}.jsonl").read_text(encoding="utf-8").splitlines()]


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in keys_of(item)}
    return set()


def overdue_reviews_in_the_table(folder: Path, on: dt.date, capsys: pytest.CaptureFixture[str]) -> set[str]:
    main(["caseload", str(folder), "--as-of", str(on), "--format", "json"])
    rows = json.loads(capsys.readouterr().out)["rows"]
    return {r["studentUniqueId"] for r in rows if r["item"] == "annual-review" and r["state"] == "overdue"}


def test_one_file_a_resource_one_record_a_line_in_camel_case(
    plans: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "edfi"
    code, said, err = export(plans, out, capsys)
    assert code == 2 and "left out: " in err and "broken.iep.toml: line 2" in err  # and the rest is written
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{r}.jsonl" for r in RESOURCES)
    for resource in RESOURCES:
        path = out / f"{resource}.jsonl"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # student records
        assert f"to {path}" in said
        for record in records(out, resource):
            assert all(re.fullmatch(r"[a-z][A-Za-z]*", key) for key in keys_of(record)), record
    documented = set(re.findall(r"^\| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE))
    for resource in RESOURCES:
        assert {key for record in records(out, resource) for key in keys_of(record)} <= documented, resource


def test_the_records_say_what_the_plans_say(plans: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "edfi"
    export(plans, out, capsys)
    associations = {r["studentReference"]["studentUniqueId"]: r for r in records(out, RESOURCES[0])}
    assert set(associations) == {"FAKE-0001", "FAKE-0002", "FAKE-0003"}  # Kim has only a draft
    ana = associations["FAKE-0002"]
    assert (ana["iepBeginDate"], ana["iepReviewDate"], ana["lastEvaluationDate"]) == (
        "2026-01-20",  # the amendment in force
        "2025-10-05",
        "2023-11-01",
    )
    ieps = records(out, "studentIEPs")
    assert len(ieps) == 4
    statuses = sorted((r["iepBeginDate"], r["iepStatusDescriptor"].rpartition("#")[2]) for r in ieps)
    assert statuses == [
        ("2025-09-01", "Expired"),  # Sam's plan ended on 2026-08-31: the annual review is overdue
        ("2025-10-05", "Superseded"),
        ("2025-12-01", "Active"),
        ("2026-01-20", "Active"),
    ]
    assert [r.get("iepAmendedDate") for r in ieps if r["iepBeginDate"] == "2026-01-20"] == ["2026-01-20"]
    assert (
        len(records(out, "studentIEPGoals")) == 4 * 3 and len(records(out, "studentIEPServicePrescriptions")) == 4 * 3
    )


def test_sql_on_the_export_finds_the_overdue_reviews_the_table_shows(
    plans: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "edfi"
    export(plans, out, capsys)
    connection = duckdb.connect()
    for resource in RESOURCES:
        connection.execute(
            f"CREATE TABLE {resource} AS SELECT * FROM read_json_auto(?, format = 'newline_delimited')",
            [str(out / f"{resource}.jsonl")],
        )
    for on in (dt.date(2026, 8, 1), AS_OF, dt.date(2026, 10, 10), dt.date(2027, 1, 1)):
        rows = connection.execute(
            """
            SELECT studentReference.studentUniqueId
            FROM studentSpecialEducationProgramAssociations
            WHERE CAST(iepReviewDate AS DATE) + INTERVAL 365 DAY < CAST(? AS DATE)
            """,
            [on],
        ).fetchall()
        assert {row[0] for row in rows} == overdue_reviews_in_the_table(plans, on, capsys), on
    # Goals and services name their IEP: every one joins to a record of studentIEPs.
    orphans = connection.execute(
        """
        SELECT count(*) FROM studentIEPGoals g
        LEFT JOIN studentIEPs i ON g.studentIEPReference.studentIEPIdentifier = i.studentIEPIdentifier
        WHERE i.studentIEPIdentifier IS NULL
        """
    ).fetchone()
    assert orphans == (0,)


def test_the_same_plans_export_the_same_bytes(plans: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export(plans, tmp_path / "one", capsys)
    export(plans, tmp_path / "two", capsys)
    for resource in RESOURCES:
        name = f"{resource}.jsonl"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_what_cannot_be_a_record_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "plans" / "x.iep.toml", student_plan("Noid Example", "", dt.date(2013, 1, 1), dt.date(2026, 1, 5)))
    code, _out, err = export(tmp_path / "plans", tmp_path / "edfi", capsys)
    assert code == 0 and "left out: 1 student without a student id" in err
    assert records(tmp_path / "edfi", "studentIEPs") == []


def test_an_exports_exit_code_says_whether_it_was_written_whole_not_what_is_overdue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plans"
    paths = write_caseload(folder)
    paths["broken"].unlink()  # every plan readable; Sam's annual review is overdue
    assert main(["caseload", str(folder), "--as-of", str(AS_OF)]) == 1  # the table: something is overdue
    capsys.readouterr()
    code, said, _err = export(folder, tmp_path / "edfi", capsys)
    assert code == 0 and "Wrote 4 records to" in said  # a nightly job: the export was written whole


def test_a_changed_final_plan_is_not_sent_and_a_copy_is_sent_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plans"
    paths = write_caseload(folder)
    export(folder, tmp_path / "before", capsys)
    sent_before = {r["studentIEPIdentifier"]: r for r in records(tmp_path / "before", "studentIEPs")}
    # Sam's final plan edited by hand after it was finalized; Ana's amendment copied to another folder.
    sam = paths["sam"].read_text(encoding="utf-8")
    paths["sam"].write_text(sam.replace("Send the reading probes home", "Send the probes home"), encoding="utf-8")
    copy = folder / "shared" / "ana-copy.iep.toml"
    copy.parent.mkdir()
    copy.write_bytes(paths["ana-amendment"].read_bytes())
    _code, _out, err = export(folder, tmp_path / "after", capsys)  # 2: the caseload's broken file
    changed = "left out: 1 final plan changed after finalizing, not what the team agreed"
    assert f"{changed} (iep-meeting check names what changed): {paths['sam']}" in err
    assert "left out: 1 copy of a final plan (the same plan in 2 files; sent once, from the first):" in err
    assert str(copy) in err
    sent = {r["studentIEPIdentifier"]: r for r in records(tmp_path / "after", "studentIEPs")}
    assert len(sent) == len(records(tmp_path / "after", "studentIEPs"))  # no identifier twice
    sams = [key for key, r in sent_before.items() if r["studentReference"]["studentUniqueId"] == "FAKE-0001"]
    assert set(sent) == set(sent_before) - set(sams)  # Sam's plan left out; Ana's plans as before, her copy once
    assert {k: r["iepStatusDescriptor"] for k, r in sent.items()} == {
        k: r["iepStatusDescriptor"] for k, r in sent_before.items() if k in sent
    }
    goals = records(tmp_path / "after", "studentIEPGoals")
    assert len(goals) == len(
        {(g["studentIEPReference"]["studentIEPIdentifier"], g["iepGoalIdentifier"]) for g in goals}
    )


def test_the_district_must_be_named(plans: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["caseload", str(plans), "--export", "edfi", str(tmp_path / "edfi")])
    err = capsys.readouterr().err
    assert code == 2 and "--education-organization-id" in err and not (tmp_path / "edfi").exists()
    code = main(["caseload", str(plans), "--export", "xml", str(tmp_path / "edfi")])
    assert code == 2 and "edfi" in capsys.readouterr().err
