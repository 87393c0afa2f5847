"""Values typed on the meeting screen that the plan cannot take yet.

A date like 2026-13-45 or 99999 minutes stays in its field with the reason,
and nothing goes into the plan. Until it is fixed the top bar says something
is not saved, and quitting asks first. This keeps what was typed, by plan
path, so it also survives the form showing another record in between (the
field shows it again on the way back).
"""

from __future__ import annotations

import attrs

from iep_meeting.model.paths import Path


@attrs.frozen
class UnsavedValue:
    text: str  # as typed
    reason: str  # what the field said about it
    label: str  # the field's label
    section: str  # the section's title, to say where it is


class UnsavedValues:
    def __init__(self) -> None:
        self._values: dict[Path, UnsavedValue] = {}

    def __len__(self) -> int:
        return len(self._values)

    def get(self, path: Path) -> UnsavedValue | None:
        return self._values.get(path)

    def note(self, path: Path, value: UnsavedValue | None) -> bool:
        """Keep `value` for `path` (None: the field holds a plan value again).
        Returns whether anything changed."""
        if self._values.get(path) == value:
            return False
        if value is None:
            del self._values[path]
        else:
            self._values[path] = value
        return True

    def lines(self) -> list[str]:
        """One line per value, to show before quitting."""
        return [f"• {value.section}, {value.label}: “{value.text}” ({value.reason})" for value in self._values.values()]

    def record_removed(self, list_path: Path, index: int) -> None:
        """Record `index` of the list at `list_path` is gone: its values go, and
        the values of the records after it move up with them."""
        size = len(list_path)
        moved: dict[Path, UnsavedValue] = {}
        for path, value in self._values.items():
            position = path[size] if len(path) > size and path[:size] == list_path else None
            if not isinstance(position, int) or position < index:
                moved[path] = value
            elif position > index:
                moved[(*list_path, position - 1, *path[size + 1 :])] = value
        self._values = moved

    def records_swapped(self, list_path: Path, first: int, second: int) -> None:
        """Records `first` and `second` of the list changed places (a move)."""
        size = len(list_path)
        swap = {first: second, second: first}
        moved: dict[Path, UnsavedValue] = {}
        for path, value in self._values.items():
            position = path[size] if len(path) > size and path[:size] == list_path else None
            if isinstance(position, int) and position in swap:
                path = (*list_path, swap[position], *path[size + 1 :])
            moved[path] = value
        self._values = moved
