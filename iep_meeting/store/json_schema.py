"""A JSON Schema (draft 2020-12) of the plan file, generated from the model.

Editors that validate TOML against a JSON Schema (and district tools that
check files) use docs/plan.schema.json. It is generated from the attrs classes
of `iep_meeting.model.plan`, so it always says what the program reads:

    python -m iep_meeting.store.json_schema > docs/plan.schema.json
    python -m iep_meeting.store.json_schema progress > docs/progress.schema.json

A test fails when the committed file and this function disagree.

How TOML maps to JSON here: tables are objects (no keys other than the
documented ones), arrays of tables and plain arrays are arrays, and the TOML
date and time values are described as strings in their ISO form (JSON has no
date type; validators that read TOML give them to the schema as such
strings). A key is required when the model has no default for it; optional
values (`None` in the model) are simply left out of the file.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
import types
import typing
from typing import Any

import attrs

from iep_meeting.model.goal_progress import FORMAT_VERSION
from iep_meeting.model.plan import SCHEMA_VERSION, Plan
from iep_meeting.store.progress_text import REQUIRED_COLUMNS, ROW_COLUMNS, ProgressTables

__all__ = ["plan_json_schema", "progress_json_schema", "progress_schema_text", "schema_text"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# TOML local times need seconds (TOML 1.0); a fraction of a second is allowed.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?$"
# A TOML local date-time, written with "T" or a space; an offset is allowed.
DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?$"
)


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, as a JSON-ready dict (stable key order)."""
    definitions: dict[str, dict[str, Any]] = {}
    top = _class_schema(Plan, definitions)
    properties = dict(top["properties"])
    # Metadata keys at the top of every file (see store/plan_file.py).
    properties["schema"] = {
        "description": (
            "The plan format version. This program reads format "
            f"{SCHEMA_VERSION}; a file with a higher number needs a newer iep-meeting."
        ),
        "type": "integer",
        "const": SCHEMA_VERSION,
    }
    metadata = {
        "schema": properties.pop("schema"),
        "requires": {
            "description": (
                'The oldest iep-meeting that reads this format, e.g. "iep-meeting>=0.1.0"; '
                "written by the program, so that an older one can say what to install."
            ),
            "type": "string",
            "pattern": "^iep-meeting>=",
        },
    }
    return {
        "$schema": DRAFT,
        "title": "iep-meeting plan file",
        "description": (
            "One IEP meeting record, as written by iep-meeting (docs/plan-format.md). "
            "Generated from the program's model: do not edit by hand."
        ),
        "type": "object",
        "properties": {**metadata, **properties},
        "required": ["schema", *top["required"]],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    """The schema as the text committed to docs/plan.schema.json."""
    return json.dumps(plan_json_schema(), indent=2, ensure_ascii=False) + "\n"


def progress_json_schema() -> dict[str, Any]:
    """The JSON Schema of a progress file (`<plan>.progress.toml`, store/progress_text.py)."""
    definitions: dict[str, dict[str, Any]] = {}
    top = _class_schema(ProgressTables, definitions)
    series = definitions["SeriesTable"]
    series["properties"]["points"] = _points_schema()
    series["required"].append("points")
    metadata = {
        "schema": {
            "description": f"The progress file format version: {FORMAT_VERSION}.",
            "type": "integer",
            "const": FORMAT_VERSION,
        },
        "requires": {
            "description": 'The oldest iep-meeting that reads this format, e.g. "iep-meeting>=0.2.0".',
            "type": "string",
            "pattern": "^iep-meeting>=",
        },
    }
    return {
        "$schema": DRAFT,
        "title": "iep-meeting progress file",
        "description": (
            "Progress on a final plan's goals between meetings, beside the plan as <plan>.progress.toml "
            "(docs/plan-format.md). Generated from the program's model: do not edit by hand."
        ),
        "type": "object",
        "properties": {**metadata, **top["properties"]},
        "required": ["schema", *top["required"]],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def _points_schema() -> dict[str, Any]:
    """A series' points: one a line, each a list of its values in `ROW_COLUMNS` order."""
    columns = {
        "date": {"description": "The day it was measured.", "type": "string", "format": "date"},
        "value": {"description": "What was measured; with `of`, the successes.", "type": "number"},
        "of": {"description": "The attempts, for 4 of 5; 0: not counted in attempts.", "type": "integer", "minimum": 0},
        "note": {"description": "Anything else.", "type": "string"},
    }
    return {
        "description": f"The points, in the order recorded: [{', '.join(ROW_COLUMNS)}], the values at the end "
        "that are not set left out.",
        "type": "array",
        # Each value's type by its place (2020-12's prefixItems); an editor that
        # reads an older draft (taplo) still checks the count and the kinds of value.
        "items": {
            "type": "array",
            "prefixItems": [columns[name] for name in ROW_COLUMNS],
            "minItems": REQUIRED_COLUMNS,
            "maxItems": len(ROW_COLUMNS),
            "items": {"type": ["string", "number"]},
        },
    }


def progress_schema_text() -> str:
    """The schema as the text committed to docs/progress.schema.json."""
    return json.dumps(progress_json_schema(), indent=2, ensure_ascii=False) + "\n"


# --- walking the model -------------------------------------------------------------------


def _class_schema(cls: type, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name], definitions)
        default = _json_default(field.default)
        if default is not _NO_DEFAULT:
            schema = {**schema, "default": default}
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    table: dict[str, Any] = {"title": cls.__name__}
    doc = cls.__dict__.get("__doc__")
    if doc:
        table["description"] = " ".join(doc.split("\n\n")[0].split())
    table.update(
        {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
    )
    return table


def _type_schema(type_: Any, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if origin in (typing.Union, types.UnionType):
        # `X | None`: None is never written (the key is left out), so only X remains.
        present = [arg for arg in args if arg is not type(None)]
        if len(present) != 1:
            raise TypeError(f"cannot describe the union {type_!r}")
        return _type_schema(present[0], definitions)
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"only variable-length tuples are supported, not {type_!r}")
        return {"type": "array", "items": _type_schema(args[0], definitions)}
    if isinstance(type_, type):
        if issubclass(type_, enum.Enum):
            return {"type": "string", "enum": [member.value for member in type_]}
        if attrs.has(type_):
            name = type_.__name__
            if name not in definitions:
                definitions[name] = {}  # placeholder: guards against recursion
                definitions[name] = _class_schema(type_, definitions)
            return {"$ref": f"#/$defs/{name}"}
        if type_ is bool:
            return {"type": "boolean"}
        if type_ is int:
            return {"type": "integer"}
        if type_ is float:
            return {"type": "number"}
        if type_ is str:
            return {"type": "string"}
        # No "format" for times: JSON Schema's "time" and "date-time" (RFC 3339)
        # require a UTC offset, and TOML local times and date-times have none.
        if type_ is dt.datetime:  # before date: a datetime is a date
            return {"type": "string", "pattern": DATETIME_PATTERN}
        if type_ is dt.date:
            return {"type": "string", "format": "date"}
        if type_ is dt.time:
            return {"type": "string", "pattern": TIME_PATTERN}
    raise TypeError(f"no JSON Schema for {type_!r}")


_NO_DEFAULT = object()


def _json_default(default: Any) -> Any:
    """The default as JSON, or _NO_DEFAULT for none / None / a nested table."""
    if default is attrs.NOTHING or default is None:
        return _NO_DEFAULT
    if isinstance(default, enum.Enum):
        return default.value
    if isinstance(default, (bool, int, str)):
        return default
    if default == ():
        return []
    return _NO_DEFAULT


if __name__ == "__main__":
    sys.stdout.write(progress_schema_text() if sys.argv[1:] == ["progress"] else schema_text())
