"""Write TOML in one stable shape, so plan files diff cleanly in git.

tomli-w decides per item whether an array of tables is written inline
(`{ a = 1 }`) or as `[[name]]` blocks, by the rendered length of the item. That
makes the layout depend on the content: an objective that grows past 100
characters would re-format its whole array. Here every non-empty array of
tables is always written as `[[name]]` blocks, and every table under its own
header; tomli-w still formats each table's plain values (strings, dates,
arrays of scalars), one call per table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import tomli_w


def dumps(document: Mapping[str, Any]) -> str:
    """Render `document` (keys in the order given) as TOML text."""
    chunks: list[str] = []
    _write_table(document, "", False, chunks)
    return "".join(chunks)


def _is_array_of_tables(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and len(value) > 0 and all(isinstance(item, Mapping) for item in value)


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, (list, tuple)):
        return any(_has_carriage_return(item) for item in value)
    return False


def _write_table(table: Mapping[str, Any], name: str, in_array: bool, chunks: list[str]) -> None:
    plain: dict[str, Any] = {}
    children: list[tuple[str, Mapping[str, Any], bool]] = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            children.append((key, value, False))
        elif _is_array_of_tables(value):
            children.extend((key, item, True) for item in value)
        else:
            plain[key] = value

    wrote = False
    if in_array or (name and (plain or not children)):
        chunks.append(f"[[{name}]]\n" if in_array else f"[{name}]\n")
        wrote = True
    if plain:
        # A carriage return inside a multi-line string would be read back as a
        # plain newline; such tables keep every string on one escaped line.
        multiline = not any(_has_carriage_return(value) for value in plain.values())
        chunks.append(tomli_w.dumps(plain, multiline_strings=multiline))
        wrote = True
    for key, child, child_in_array in children:
        if wrote:
            chunks.append("\n")
        wrote = True
        _write_table(child, f"{name}.{key}" if name else key, child_in_array, chunks)
