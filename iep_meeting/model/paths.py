"""Read and replace parts of a plan by path, without mutating anything.

A path is a tuple of attribute names and list indexes, e.g.
("goals", 2, "baseline"). Screens bind each field to such a path and report
edits as (path, value); these functions turn that into a new plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs

Path = tuple[str | int, ...]

# What a change returns is of the type it was given: a plan stays a plan.
T = TypeVar("T")


def get_in(obj: Any, path: Path) -> Any:
    for step in path:
        obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    return obj


def set_in(obj: T, path: Path, value: Any) -> T:
    """A copy of `obj` with the value at `path` replaced (shares everything else)."""
    return cast(T, _replaced(obj, path, value))


def _replaced(obj: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = list(obj)
        items[step] = _replaced(items[step], rest, value)
        return tuple(items)
    return attrs.evolve(obj, **{step: _replaced(getattr(obj, step), rest, value)})


def update_in(obj: T, path: Path, change: Callable[[Any], Any]) -> T:
    """Replace the value at `path` by `change(old value)`."""
    return set_in(obj, path, change(get_in(obj, path)))


def append_in(obj: T, path: Path, item: Any) -> T:
    return update_in(obj, path, lambda items: (*items, item))


def remove_in(obj: T, path: Path, index: int) -> T:
    return update_in(obj, path, lambda items: items[:index] + items[index + 1 :])


def move_in(obj: T, path: Path, index: int, offset: int) -> T:
    """Move item `index` of the list at `path` by `offset`, clamped to the ends."""

    def move(items: tuple[Any, ...]) -> tuple[Any, ...]:
        target = max(0, min(len(items) - 1, index + offset))
        as_list = list(items)
        as_list.insert(target, as_list.pop(index))
        return tuple(as_list)

    return update_in(obj, path, move)


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, tuple):
        return len(value) > 0
    if attrs.has(type(value)):
        try:
            blank = type(value)()
        except TypeError:  # it has required fields, so it holds something
            return True
        return bool(value != blank)  # a record counts once it differs from a blank one
    return True  # numbers, dates, booleans: False is an answer too


def path_filled(obj: Any, dotted: str) -> bool:
    """Whether the agenda path `dotted` ("goals.baseline") is filled in.

    Through a list, every item must have it filled, and the list must not be
    empty (see model.agenda.Section for the rules agendas rely on).
    """
    return _path_filled(obj, dotted.split("."))


def _path_filled(value: Any, names: list[str]) -> bool:
    if not names:
        return _filled(value)
    if isinstance(value, tuple):
        return len(value) > 0 and all(_path_filled(item, names) for item in value)
    if value is None:
        return False
    return _path_filled(getattr(value, names[0]), names[1:])


def first_unfilled(obj: Any, dotted: str) -> Path:
    """Where the agenda path `dotted` is first not filled in, as a plan path:
    "action_items.owner" -> ("action_items", 2, "owner") when the third item lacks
    it; the list itself when it is empty. Call it on a path that is not filled."""
    path: list[str | int] = []
    value = obj
    for name in dotted.split("."):
        if isinstance(value, tuple):
            if not value:
                return tuple(path)
            index = next((i for i, item in enumerate(value) if not _path_filled(item, dotted_rest(dotted, path))), 0)
            path.append(index)
            value = value[index]
        if value is None:
            return tuple(path)
        path.append(name)
        value = getattr(value, name)
    return tuple(path)


def dotted_rest(dotted: str, path: list[str | int]) -> list[str]:
    """The names of `dotted` not yet walked by `path` (whose ints are list indexes)."""
    walked = sum(1 for step in path if isinstance(step, str))
    return dotted.split(".")[walked:]


def changed_paths(old: Any, new: Any, at: Path = ()) -> tuple[Path, ...]:
    """Where `new` differs from `old`, as the shortest paths that cover every
    difference: ("goals", 2, "baseline") after one baseline was typed in; the
    list itself, ("goals",), when a goal was added or removed. A part that is
    the same object in both is the same (an edit shares everything it did not
    change), so this walks only the way down to what changed."""
    if old is new:
        return ()
    if type(old) is type(new):
        if attrs.has(type(old)):
            found: list[Path] = []
            for field in attrs.fields(type(old)):
                found.extend(changed_paths(getattr(old, field.name), getattr(new, field.name), (*at, field.name)))
            return tuple(found)
        if isinstance(old, tuple) and len(old) == len(new):
            return tuple(
                path for index in range(len(old)) for path in changed_paths(old[index], new[index], (*at, index))
            )
    return () if old == new else (at,)
