"""Reading many small values at once: what the progress file's points and the
caseload cache's rows share (tens of thousands of each).

- `collector_paused`: Python's cycle collector paused while they are made (a
  `with` block, or a decorator: `@collector_paused()`). It runs per so many
  objects made and walks every object made so far again and again; these hold
  no cycles for it to find. It takes a third off the time a year of progress
  points or a cache of 20,000 plans takes to read. (Making a document with it
  paused was measured too, and was 5% slower: its objects die young.)
- `memo_day`: a date written as text, checked as the plan reader checks one,
  each text once (thousands of values share a few hundred days).
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from iep_meeting.store.codec import FIRST_YEAR, LAST_YEAR

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def memo_day(text: str, days: dict[str, dt.date]) -> dt.date:
    """The date `text` writes as YYYY-MM-DD, in a year a plan can hold; ValueError
    for anything else. `days`: the dates read so far, by their text."""
    day = days.get(text)
    if day is None:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(f"not a date: {text!r}")
        day = dt.date.fromisoformat(text)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(f"not a year a plan can hold: {text!r}")
        days[text] = day
    return day
