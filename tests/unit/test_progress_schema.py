"""docs/progress.schema.json and the progress file section of docs/plan-format.md
cannot drift from the model; real progress files validate (jsonschema, taplo)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest

from iep_meeting.model.goal_progress import GoalReport, ProgressCode, SentReport, with_report, with_sent
from iep_meeting.model.plan import CopyMethod
from iep_meeting.store.json_schema import progress_json_schema, progress_schema_text
from iep_meeting.store.progress_text import ROW_COLUMNS, ProgressTables, record_from_text, record_to_text
from tests.progress_data import final_plan, record_of, weekly_points
from tests.unit.test_json_schema import _json_ready, _model_tables

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA_FILE = DOCS / "progress.schema.json"
REGENERATE = "python -m iep_meeting.store.json_schema progress > docs/progress.schema.json"


def progress_text() -> str:
    record = record_of(final_plan(), "sam.iep.toml", weekly_points("reading-fluency", 3))
    record = with_report(
        record,
        GoalReport(
            goal="reading-fluency",
            period=dt.date(2026, 6, 15),
            code=ProgressCode.SUBSTANTIAL,
            sufficient=True,
            narrative="Sam reads 88 words a minute.\nEcho reading goes on.",
        ),
    )
    sent = SentReport(period=dt.date(2026, 6, 15), date=dt.date(2026, 6, 16), method=CopyMethod.MAIL, language="es")
    return record_to_text(with_sent(record, sent))


def test_committed_schema_matches_the_model() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == progress_schema_text(), f"out of date; regenerate it with: {REGENERATE}"


def test_the_format_doc_documents_every_key() -> None:
    doc = (DOCS / "plan-format.md").read_text("utf-8")
    section = doc.split("## The progress file", 1)[1].split("\n## ", 1)[0]
    keys = [
        f"{header or 'top'} {field.name}"
        for header, cls in _model_tables(ProgressTables)
        for field in attrs.fields(cls)
    ]
    keys += [f"[[series]] {name}" for name in ("points", *ROW_COLUMNS)]
    missing = [key for key in keys if f"| `{key.split()[-1]}` |" not in section]
    assert not missing, f"docs/plan-format.md, The progress file, does not document: {missing}"
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    assert record_to_text(record_from_text(example)) == example  # the example is exactly what the program writes


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = progress_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_a_progress_file_validates(validator: Any) -> None:
    assert list(validator.iter_errors(_json_ready(tomllib.loads(progress_text())))) == []


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda d: d["series"][0].update(valeu=3), "valeu"),
        (lambda d: d["series"][0]["points"][0].__setitem__(1, "84"), "'84' is not of type 'number'"),
        (lambda d: d["series"][0]["points"][0].extend([0, "", 7]), "is too long"),
        (lambda d: d["reports"][0].update(code="in-progress"), "'in-progress' is not one of"),
        (lambda d: d.pop("plan"), "'plan' is a required property"),
    ],
    ids=["unknown key", "text for a number", "a fifth value", "bad code", "no plan"],
)
def test_the_schema_refuses_what_the_program_refuses(validator: Any, edit, fragment: str) -> None:
    document = _json_ready(tomllib.loads(progress_text()))
    edit(document)
    messages = [error.message for error in validator.iter_errors(document)]
    assert any(fragment in message for message in messages), messages


def test_taplo_checks_a_progress_file_against_its_schema(tmp_path: Path) -> None:
    taplo = shutil.which("taplo") or str(Path(sys.executable).parent / "taplo")
    if not Path(taplo).exists():
        pytest.skip("taplo is not installed")
    path = tmp_path / "sam.iep.progress.toml"
    path.write_text(progress_text(), encoding="utf-8")
    schema = SCHEMA_FILE.as_uri()
    good = subprocess.run([taplo, "check", "--schema", schema, str(path)], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    path.write_text(progress_text().replace('how = "probe"', 'how = "prob"'), encoding="utf-8")
    bad = subprocess.run([taplo, "check", "--schema", schema, str(path)], capture_output=True, text=True)
    assert bad.returncode != 0 and "prob" in bad.stderr + bad.stdout
    path.write_text(progress_text().replace('"2026-03-16", 82]', '"2026-03-16", 82, 0, "", 1]'), encoding="utf-8")
    too_long = subprocess.run([taplo, "check", "--schema", schema, str(path)], capture_output=True, text=True)
    assert too_long.returncode != 0


def test_the_schema_json_is_valid_json() -> None:
    assert json.loads(SCHEMA_FILE.read_text("utf-8"))["title"] == "iep-meeting progress file"
