"""docs/plan.schema.json and docs/plan-format.md cannot drift from the model."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from iep_meeting.model.plan import Plan
from iep_meeting.store.json_schema import plan_json_schema, schema_text
from iep_meeting.store.plan_file import plan_from_text, plan_to_text
from tests.factories import big_plan, small_plan

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA_FILE = DOCS / "plan.schema.json"
FORMAT_DOC = DOCS / "plan-format.md"
REGENERATE = "python -m iep_meeting.store.json_schema > docs/plan.schema.json"


# --- walking the model independently of the generator ----------------------------------


def _unwrap(type_: Any) -> Any:
    """`X | None` -> X; `tuple[X, ...]` -> X."""
    args = [arg for arg in typing.get_args(type_) if arg is not type(None) and arg is not Ellipsis]
    return _unwrap(args[0]) if args else type_


def _model_tables(cls: type = Plan, path: str = "", in_array: bool = False) -> Iterator[tuple[str, type]]:
    """(TOML header, class, field names) for every table a plan file can hold."""
    header = f"[[{path}]]" if in_array else f"[{path}]" if path else ""
    yield header, cls
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        inner = _unwrap(hints[field.name])
        if attrs.has(inner):
            is_array = typing.get_origin(hints[field.name]) is tuple
            yield from _model_tables(inner, f"{path}.{field.name}" if path else field.name, is_array)


def _model_enums() -> set[type[enum.Enum]]:
    enums = set()
    for _, cls in _model_tables():
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            inner = _unwrap(hints[field.name])
            if isinstance(inner, type) and issubclass(inner, enum.Enum):
                enums.add(inner)
    return enums


# --- the committed schema ------------------------------------------------------------------


def test_committed_schema_matches_the_model() -> None:
    assert SCHEMA_FILE.exists(), f"docs/plan.schema.json is missing; create it with: {REGENERATE}"
    committed = json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert committed == plan_json_schema(), (
        f"docs/plan.schema.json is out of date with the model; regenerate it with: {REGENERATE}"
    )
    assert SCHEMA_FILE.read_text("utf-8") == schema_text(), (
        f"docs/plan.schema.json is not formatted as generated; regenerate it with: {REGENERATE}"
    )


def test_schema_describes_every_table_key_and_choice() -> None:
    schema = plan_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["schema", "student", "meeting", "period"]
    assert list(schema["properties"])[:2] == ["schema", "requires"]
    for _, cls in _model_tables():
        node = schema if cls is Plan else schema["$defs"][cls.__name__]
        names = [field.name for field in attrs.fields(cls)]
        assert [name for name in node["properties"] if name != "requires"] == (
            ["schema", *[n for n in names if n != "schema"]] if cls is Plan else names
        )
        assert node["additionalProperties"] is False
        required = [field.name for field in attrs.fields(cls) if field.default is attrs.NOTHING]
        assert node["required"] == (["schema", *required] if cls is Plan else required)
    text = json.dumps(schema)
    for enum_type in _model_enums():
        assert json.dumps([member.value for member in enum_type]) in text


def test_schema_types_follow_the_model() -> None:
    defs = plan_json_schema()["$defs"]
    goal = defs["Goal"]["properties"]
    assert goal["area"] == {"type": "string", "enum": ["academic", "functional"]}
    assert goal["minutes_per_week"] == {"type": "integer"}
    assert goal["objectives"] == {"type": "array", "items": {"$ref": "#/$defs/Objective"}, "default": []}
    assert defs["Objective"]["properties"]["target_date"] == {"type": "string", "format": "date"}
    assert defs["Transition"]["properties"]["student_invited"] == {"type": "boolean", "default": False}
    statuses = defs["Meeting"]["properties"]["interpreter_status"]["enum"]
    assert statuses == ["not-needed", "needed", "provided", "declined"]
    assert defs["Meeting"]["properties"]["start_time"]["type"] == "string"
    assert defs["Decision"]["properties"]["time"]["type"] == "string"
    assert defs["Facilitation"]["properties"]["norms"]["items"] == {"type": "string"}
    assert defs["Service"]["properties"]["per"]["default"] == "week"


# --- the format documentation -----------------------------------------------------------------


def _doc_sections(doc: str) -> dict[str, str]:
    """Heading line -> the text under it, up to the next heading."""
    sections: dict[str, str] = {}
    heading = ""
    for line in doc.splitlines():
        if line.startswith("#"):
            heading = line
            sections[heading] = ""
        elif heading:
            sections[heading] += line + "\n"
    return sections


def _section_for(sections: dict[str, str], header: str) -> str | None:
    """The reference section of a table: its own heading, else its parent's
    (the five `[special_factors.*]` tables share one)."""
    if not header:
        return next((body for heading, body in sections.items() if heading == "### Top level"), None)
    candidates = [header]
    name = header.strip("[]")
    if "." in name:
        candidates.append(f"[{name.rsplit('.', 1)[0]}]")
    for candidate in candidates:
        for heading, body in sections.items():
            if f"`{candidate}`" in heading:
                return body
    return None


def test_format_doc_documents_every_table_key_and_allowed_value() -> None:
    doc = FORMAT_DOC.read_text("utf-8")
    sections = _doc_sections(doc)
    missing = []
    for header, cls in _model_tables():
        body = _section_for(sections, header)
        if body is None:
            missing.append(f"a section for {header}")
            continue
        for field in attrs.fields(cls):
            if f"| `{field.name}` |" not in body:  # a row of the section's key table
                missing.append(f"{header or 'top level'} {field.name}")
    for enum_type in _model_enums():
        for member in enum_type:
            if f'"{member.value}"' not in doc:
                missing.append(f"{enum_type.__name__} value {member.value!r}")
    metadata = _section_for(sections, "") or ""
    for key in ("schema", "requires"):
        if f"| `{key}` |" not in metadata:
            missing.append(key)
    assert not missing, f"docs/plan-format.md does not document: {', '.join(missing)}"


def _doc_example() -> str:
    doc = FORMAT_DOC.read_text("utf-8")
    section = doc.split("## A complete example", 1)[1]
    match = re.search(r"```toml\n(.*?)```", section, re.S)
    assert match, "docs/plan-format.md: no ```toml block under 'A complete example'"
    return match.group(1)


def test_format_doc_example_is_a_canonical_plan_file() -> None:
    example = _doc_example()
    plan = plan_from_text(example)
    assert plan_to_text(plan) == example, (
        "the example in docs/plan-format.md is not exactly what the program writes; "
        "paste plan_to_text(tests.factories.small_plan()) there"
    )


# --- validating real plan files (needs jsonschema, which is not a dependency) ------------------


def _json_ready(value: Any) -> Any:
    """A parsed TOML document as JSON sees it: dates and times become ISO text."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):  # dt.datetime is a dt.date
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = plan_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _errors(validator: Any, document: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(_json_ready(document))
    ]


@pytest.mark.parametrize("make", [small_plan, big_plan], ids=["small", "big"])
def test_plan_files_validate_against_the_schema(validator, make) -> None:
    document = tomllib.loads(plan_to_text(make()))
    assert _errors(validator, document) == []


def test_doc_example_validates_against_the_schema(validator) -> None:
    assert _errors(validator, tomllib.loads(_doc_example())) == []


def test_datetime_with_space_or_offset_is_accepted(validator) -> None:
    document = _json_ready(tomllib.loads(plan_to_text(small_plan())))
    document["decisions"][0]["time"] = "2026-03-12 15:52:00"
    document["decisions"][1]["time"] = "2026-03-12T16:21:00.5-05:00"
    assert list(validator.iter_errors(document)) == []


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda d: d["goals"][1].update(minuts_per_week=60), "minuts_per_week"),
        (lambda d: d["goals"][1].update(minutes_per_week="ten"), "'ten' is not of type 'integer'"),
        (lambda d: d["goals"][2].update(area="acadmic"), "'acadmic' is not one of"),
        (lambda d: d["student"].pop("name"), "'name' is a required property"),
        (lambda d: d.update(schema=99), "2 was expected"),
        (lambda d: d["meeting"].update(date="2026-13-45"), "is not a 'date'"),
        (lambda d: d["meeting"].update(start_time="15:30"), "does not match"),
        (lambda d: d.update(status="signed"), "'signed' is not one of"),
    ],
    ids=[
        "unknown key",
        "wrong type",
        "bad enum",
        "missing key",
        "newer schema",
        "bad date",
        "time without seconds",
        "bad status",
    ],
)
def test_schema_rejects_what_the_program_rejects(validator, edit, fragment) -> None:
    document = _json_ready(tomllib.loads(plan_to_text(small_plan())))
    edit(document)
    errors = [error.message for error in validator.iter_errors(document)]
    assert errors and any(fragment in message for message in errors), errors
