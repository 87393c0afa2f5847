"""TOML text <-> attrs model objects, with errors a person can act on.

One strict cattrs converter serves every file the project reads (plans,
agendas, banks): TOML values are never coerced (`"12"` is not a number, `"yes"`
is not true), unknown keys are refused with a "did you mean", and every
problem is reported with the TOML key path and, where it can be found, the
line in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import math
import re
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs
import cattrs
import rtoml
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from iep_meeting.model.findings import path_text
from iep_meeting.model.plan import WRITTEN_WHEN_SET
from iep_meeting.store import toml_writer

T = TypeVar("T")
Path_ = tuple[str | int, ...]  # a key path inside a document: ("goals", 3, "area")


class ValueProblem(ValueError):
    """Raised by the structure hooks; the message says what was expected."""


@attrs.frozen
class Problem:
    """One thing wrong in a file, located as precisely as we can."""

    message: str
    key_path: Path_ = ()
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.key_path:
            where.append(describe_key_path(self.key_path))
        return f"{', '.join(where)}: {self.message}" if where else self.message


class DocumentError(Exception):
    """The text could not be turned into the model; `problems` says why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.describe() for p in problems))
        self.problems = problems


# --- value hooks: strict, no coercion -------------------------------------------------


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"text ({shown!r})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, dt.time):
        return f"a time ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _strict(expected: str, accepts: Callable[[Any], bool]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _type: Any) -> Any:
        if not accepts(value):
            raise ValueProblem(f"expected {expected}, got {type_name(value)}")
        return value

    return hook


# Bounds no real plan reaches, so that nothing later (age arithmetic, a list on
# screen, a save) meets a value it cannot handle. A student's IEP dates lie
# within a lifetime of today; a real plan has a few dozen goals, not a thousand.
FIRST_YEAR, LAST_YEAR = 1900, 2199
MAX_ITEMS = 1000


def _in_years(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def in_years(value: Any, type_: Any) -> Any:
        value = hook(value, type_)
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValueProblem(
                f"{value.isoformat()} is not a date an IEP can have: expected a year from {FIRST_YEAR} to {LAST_YEAR}"
            )
        return value

    return in_years


def _number(value: Any, _type: Any) -> float:
    """A measurement: a whole or decimal number (written back whole when it is)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueProblem(f"expected a number like 79 or 2.5, got {type_name(value)}")
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise ValueProblem("expected a number that TOML can hold (at most 19 digits)")
    return float(value)


def _structure_enum(value: Any, enum_type: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, str):
        try:
            return enum_type(value)
        except ValueError:
            pass
    choices = ", ".join(f'"{member.value}"' for member in enum_type)  # only for the message
    if not isinstance(value, str):
        raise ValueProblem(f"expected one of {choices}, got {type_name(value)}")
    close = difflib.get_close_matches(value, [m.value for m in enum_type], n=1)
    hint = f' — did you mean "{close[0]}"?' if close else ""
    raise ValueProblem(f'"{value}" is not one of {choices}{hint}')


def _is_variadic_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict("text in quotes", lambda v: isinstance(v, str)))
    converter.register_structure_hook(
        int,
        _strict(
            "a whole number that TOML can hold (at most 19 digits)",
            lambda v: isinstance(v, int) and not isinstance(v, bool) and -(2**63) <= v < 2**63,
        ),
    )
    converter.register_structure_hook(bool, _strict("true or false", lambda v: isinstance(v, bool)))
    converter.register_structure_hook(float, _number)
    converter.register_unstructure_hook(float, lambda v: int(v) if v.is_integer() and abs(v) < 2**53 else v)
    # Hooks by class are picked along the MRO, and a StrEnum is a str: registering
    # StrEnum itself keeps the choices strict instead of letting any text through.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook(enum.Enum, _structure_enum)
    converter.register_structure_hook(
        dt.date,
        _in_years(
            _strict(
                "a date like 2026-09-01 (no quotes)",
                lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
            )
        ),
    )
    converter.register_structure_hook(
        dt.time, _strict("a time like 10:30:00 (no quotes)", lambda v: isinstance(v, dt.time))
    )
    converter.register_structure_hook(
        dt.datetime,
        _in_years(_strict("a date and time like 2026-09-01 10:30:00", lambda v: isinstance(v, dt.datetime))),
    )
    for passthrough in (dt.date, dt.time, dt.datetime):
        converter.register_unstructure_hook(passthrough, lambda v: v)

    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )

    def structure_tuple_factory(type_: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        item_type = typing.get_args(type_)[0]
        structure_item = converter.get_structure_hook(item_type)
        # A record kept all year (progress points) may say how many it allows.
        limit = getattr(item_type, "MAX_IN_A_LIST", MAX_ITEMS)

        def structure_tuple(value: Any, _type: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise ValueProblem(f"expected a list, got {type_name(value)}")
            if len(value) > limit:
                raise ValueProblem(
                    f"{len(value)} items: more than any IEP holds (at most {limit}); is this the right file?"
                )
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(structure_item(item, item_type))
                except Exception as error:  # collected and reported with their index
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"@ index {index}", index, item_type),
                    ]
                    errors.append(error)
            if errors:
                raise IterableValidationError("While structuring a list", errors, type_)
            return tuple(items)

        return structure_tuple

    converter.register_structure_hook_factory(_is_variadic_tuple, structure_tuple_factory)

    def structure_class_factory(cls: type) -> Callable[[Any, Any], Any]:
        # A loop over the fields rather than cattrs' generated function: as
        # fast for the tables we read, and it spares compiling code for every
        # class each time the program starts (about 10 ms for a plan). Errors
        # are raised in cattrs' detailed-validation shapes, for _problems_from.
        attrs.resolve_types(cls)
        fields = [
            (
                field.name,
                field.alias,
                field.type,
                converter.get_structure_hook(field.type),
                field.default is attrs.NOTHING,
            )
            for field in attrs.fields(cls)
            if field.init
        ]
        known = frozenset(name for name, *_ in fields)
        what = f"While structuring {cls.__name__}"

        def structure_table(value: Any, _type: Any) -> Any:
            if not isinstance(value, dict):
                raise ValueProblem(f"expected a table, got {type_name(value)}")
            arguments, errors = {}, []
            for name, alias, type_, structure_value, required in fields:
                try:
                    if name in value:
                        arguments[alias] = structure_value(value[name], type_)
                    elif required:
                        raise KeyError(name)
                except Exception as error:  # collected, each with the key it belongs to
                    note = AttributeValidationNote(f"Structuring class {cls.__name__} @ attribute {name}", name, type_)
                    error.__notes__ = [*getattr(error, "__notes__", []), note]
                    errors.append(error)
            extra = value.keys() - known
            if extra:
                errors.append(ForbiddenExtraKeysError("", cls, extra))
            if errors:
                raise ClassValidationError(what, errors, cls)
            try:
                return cls(**arguments)
            except Exception as error:
                raise ClassValidationError(what, [error], cls) from None

        return structure_table

    def unstructure_class_factory(cls: type) -> Callable[[Any], dict[str, Any]]:
        # Keys in field order; optional values that are not set are left out
        # (TOML has no null), and so are empty lists marked WRITTEN_WHEN_SET.
        # Plain values need no hook.
        attrs.resolve_types(cls)
        plain = (str, int, bool, dt.date, dt.time, dt.datetime)
        fields = [
            (
                field.name,
                None if field.type in plain else converter.get_unstructure_hook(field.type),
                bool(field.metadata.get(WRITTEN_WHEN_SET)),
            )
            for field in attrs.fields(cls)
        ]

        def unstructure_table(obj: Any) -> dict[str, Any]:
            table = {}
            for name, hook, when_set in fields:
                value = getattr(obj, name)
                if value is not None and (value or not when_set):
                    table[name] = value if hook is None else hook(value)
            return table

        return unstructure_table

    converter.register_structure_hook_factory(attrs.has, structure_class_factory)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_class_factory)
    return converter


converter = make_converter()


# --- errors in TOML words --------------------------------------------------------------


def describe_key_path(key_path: Path_) -> str:
    """("goals", 3, "area") -> 'at goals[3].area': the key as `check` names it
    everywhere (its text and its JSON, problems and findings alike)."""
    return f"at {path_text(key_path)}"


def _walk(error: BaseException, key_path: Path_) -> Iterator[tuple[Path_, BaseException, Any]]:
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            step: str | int = note.index if isinstance(note, IterableValidationNote) else note.name
            if isinstance(sub, (ClassValidationError, IterableValidationError)):
                yield from _walk(sub, (*key_path, step))
            else:
                yield (*key_path, step), sub, note.type
        for sub in without:
            yield from (
                _walk(sub, key_path)
                if isinstance(sub, (ClassValidationError, IterableValidationError))
                else iter([(key_path, sub, None)])
            )
    else:
        yield key_path, error, None


def _problems_from(error: BaseException, text: str) -> list[Problem]:
    problems = []
    for key_path, sub, _ in _walk(error, ()):
        if isinstance(sub, ForbiddenExtraKeysError):
            known = [field.name for field in attrs.fields(sub.cl)]
            for key in sorted(sub.extra_fields):
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f" — did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(known)})"
                path = (*key_path, key)
                problems.append(Problem(f"unknown key '{key}'{hint}", path, find_line(text, path)))
        elif isinstance(sub, KeyError):
            name = key_path[-1] if key_path else "?"
            problems.append(Problem(f"required key '{name}' is missing", key_path, find_line(text, key_path[:-1])))
        elif isinstance(sub, ValueProblem):
            problems.append(Problem(str(sub), key_path, find_line(text, key_path)))
        else:
            problems.append(Problem(f"invalid value ({sub})", key_path, find_line(text, key_path)))
    return problems


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")
_OPEN_ARRAY = re.compile(r"\s*\[\s*(#.*)?$")  # after `key =`: an array whose items follow, a line each


def find_line(text: str, key_path: Path_) -> int | None:
    """Best effort: the line where `key_path` is written, or its table's header.

    Understands the layout this project writes (and most hand edits): table and
    array-of-tables headers, `key = value` lines, multi-line strings.
    """
    wanted = tuple(key_path)
    while wanted:
        line = _find_exact_line(text, wanted)
        if line is not None:
            return line
        wanted = wanted[:-1]
    return None


def _find_exact_line(text: str, wanted: Path_) -> int | None:
    latest_index: dict[Path_, int] = {}  # array-of-tables path -> last index seen
    table: Path_ = ()
    in_multiline: str | None = None
    listed: Path_ | None = None  # an array written an item a line (`sent = [`), while in it
    item = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        if listed is not None:
            start = line.lstrip()[:1]
            if start in ("{", "["):  # an inline table or an array: one item
                item += 1
                if (*listed, item) == wanted:
                    return number
                continue
            if start == "]":
                listed = None
                continue
        header = _HEADER.match(line)
        if header:
            is_array = header.group(1) == "[["
            names = [n.strip() for n in header.group(2).split(".")]
            resolved: Path_ = ()
            for position, name in enumerate(names):
                resolved = (*resolved, name)
                if is_array and position == len(names) - 1:
                    index = latest_index.get(resolved, -1) + 1
                    latest_index[resolved] = index
                    resolved = (*resolved, index)
                elif resolved in latest_index:
                    resolved = (*resolved, latest_index[resolved])
            table = resolved
            if table == wanted:
                return number
            continue
        key = _KEY.match(line)
        if key:
            if (*table, key.group(1)) == wanted:
                return number
            if _OPEN_ARRAY.match(line, key.end()):
                listed, item = (*table, key.group(1)), -1
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_multiline = quote
    return None


# --- documents ---------------------------------------------------------------------------


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML; a broken document raises DocumentError with its line and column.

    rtoml (Rust) reads a big plan about five times faster than tomllib, which
    is most of the time it takes to open one; tomllib, the reference parser,
    reads whatever rtoml refuses and words the error."""
    # TOML reads a CRLF line ending as a new line, also inside multi-line strings;
    # rtoml keeps the \r there. A bare \r is not allowed in TOML text, so this
    # changes nothing else (an escaped "\r" in a string is two other characters).
    if "\r" in text:  # looked for first: copying a whole plan costs as much as a tenth of parsing it
        text = text.replace("\r\n", "\n")
    try:
        return rtoml.loads(text)
    except Exception as error:  # rtoml.TomlParsingError, or a value it cannot represent
        refused = str(error)
    import tomllib  # only for a document rtoml refused: it says where and why

    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib reads nested lists and tables recursively
        located = re.search(r"line (\d+) column (\d+)", refused)
        line, column = (int(located.group(1)), int(located.group(2))) if located else (None, None)
        raise DocumentError(
            [Problem("lists or tables are nested far more deeply than any TOML reader allows", (), line, column)]
        ) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = column = None
        located = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if located:
            line, column = int(located.group(1)), int(located.group(2))
            message = message[: located.start()].strip()
        elif "end of document" in message:
            line = text.count("\n") + 1
        raise DocumentError([Problem(f"this is not valid TOML: {message}", (), line, column)]) from None


def structure(data: dict[str, Any], cls: type[T], text: str = "") -> T:
    """Build `cls` from parsed TOML; `text` (the source) lets errors name lines."""
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ValueProblem) as error:
        raise DocumentError(_problems_from(error, text)) from None


def unstructure(obj: Any) -> dict[str, Any]:
    table: dict[str, Any] = converter.unstructure(obj)
    return table


def dumps(document: dict[str, Any]) -> str:
    return toml_writer.dumps(document)
