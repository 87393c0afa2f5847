"""A problem in a list written an item a line (`sent = [`, a series' points) is
named by the item's own line, so whoever edited the file by hand finds it."""

from __future__ import annotations

import pytest

from iep_meeting.store import codec
from iep_meeting.store.progress_text import record_from_text

TEXT = """schema = 1
plan = { path = "sam.iep.toml", sha256 = "0c06" }
periods = []
aims = []
sent = [
    { period = 2026-06-15, date = 2026-06-16, method = "mail" },
    { period = 2026-09-15, date = 2026-09-16, method = "pigeon" },
]

[[series]]
goal = "reading-fluency"
points = [  # [date, value, of (attempts; 0: not counted), note]
    ["2026-03-16", 82],
    ["2026-03-23", 83],
]
"""


def test_a_bad_entry_of_a_list_is_named_by_its_own_line() -> None:
    with pytest.raises(codec.DocumentError) as refused:
        record_from_text(TEXT)
    assert str(refused.value).startswith("line 7, at sent[1].method:")


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("sent", 0, "date"), 6),
        (("series", 0, "points", 1), 14),
        (("series", 0, "goal"), 11),
        (("periods", 0), 3),  # an empty list: its own line
    ],
)
def test_the_line_of_an_item_is_found(path: tuple[str | int, ...], line: int) -> None:
    assert codec.find_line(TEXT, path) == line
