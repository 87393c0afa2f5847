"""The progress file's text: what the program writes reads back as the same record,
by the fast reading (the text as written) and by the general one (any TOML) alike,
and a point added to the text as read is what writing the whole record gives."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iep_meeting.model.goal_progress import (
    DataPoint,
    GoalReport,
    Method,
    PlanRef,
    ProgressCode,
    ProgressRecord,
    with_points,
)
from iep_meeting.model.plan import Translation
from iep_meeting.store import codec
from iep_meeting.store.progress_text import (
    _read_any,
    _read_as_written,
    read_progress,
    record_to_text,
    text_and_layout,
    with_points_appended,
)
from tests.progress_data import weekly_points

SHA = "0c06056c97eb1bae3de8f41f7e8fc16079b5e1e104a14716b5c72a79d492b6ec"
EMPTY = ProgressRecord(plan=PlanRef(path="sam.iep.toml", sha256=SHA))

# Texts with the characters that need care in TOML and JSON.
tricky = st.text(alphabet=st.sampled_from(['"', "\\", "\n", "\t", "\r", "\x1b", "\x7f", "é", "字", "/", "a", " "]))
words = st.one_of(st.text(max_size=20), tricky)
days = st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31))
numbers = st.one_of(
    st.integers(-(10**6), 10**6).map(float),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
)


@st.composite
def points(draw: st.DrawFn) -> DataPoint:
    return DataPoint(
        goal=draw(st.sampled_from(["reading-fluency", "task-initiation", 'odd "goal"\n'])),
        date=draw(days),
        value=draw(numbers),
        of=draw(st.one_of(st.none(), st.integers(1, 500))),
        unit=draw(st.sampled_from(["", "words correct per minute", 'a "unit"'])),
        how=draw(st.one_of(st.none(), st.sampled_from(Method))),
        by=draw(st.sampled_from(["", "paraprofessional"])),
        note=draw(words),
    )


reports = st.builds(
    GoalReport,
    goal=st.sampled_from(["reading-fluency", 'odd "goal"']),
    period=days,
    code=st.sampled_from(ProgressCode),
    sufficient=st.booleans(),
    why_not=words,
    narrative=words,
    written=st.one_of(st.none(), days),
)


translations = st.builds(
    Translation,
    key=st.one_of(st.just("reports[goal=reading-fluency,period=2026-06-15].narrative"), words.filter(bool)),
    language=st.sampled_from(["Spanish", "Español"]),
    text=words.filter(str.strip),  # never empty: refused (model/goal_progress.py, translation_problems)
    english_hash=st.sampled_from(["", "4fdb6414a109a6ac"]),
    by=words,
    date=st.one_of(st.none(), days),
)


@st.composite
def records(draw: st.DrawFn) -> ProgressRecord:
    record = with_points(EMPTY, draw(st.lists(points(), max_size=12)))
    return ProgressRecord(
        plan=record.plan,
        translations=tuple(draw(st.lists(translations, max_size=3))),
        series=record.series,
        reports=tuple(draw(st.lists(reports, max_size=4))),
    )


@pytest.mark.slow  # hundreds of random records
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_what_is_written_reads_back_the_same_by_either_reading(record: ProgressRecord) -> None:
    text = record_to_text(record)
    tomllib.loads(text)  # TOML, as any TOML reader reads it
    assert _read_any(text) == record
    read, layout = read_progress(text)
    assert read == record
    assert record_to_text(read) == text
    # Everything the program writes is read by the fast reading, but a text a
    # value of which needs an escape in a multi-line string (read then by TOML).
    assert layout is not None


@pytest.mark.slow  # hundreds of random records
@settings(max_examples=200, deadline=None)
@given(records(), st.lists(points(), min_size=1, max_size=6))
def test_points_added_to_the_text_as_read_are_what_writing_the_record_gives(
    record: ProgressRecord, added: list[DataPoint]
) -> None:
    text, layout = text_and_layout(record)
    grown = with_points(record, added)
    assert with_points_appended(text, layout, added) == text_and_layout(grown)


@pytest.mark.slow  # hundreds of random records
@settings(max_examples=400, deadline=None)
@given(records(), st.data())
def test_an_edited_text_is_read_the_same_by_the_fast_reading_or_declined(
    record: ProgressRecord, data: st.DataObject
) -> None:
    text = record_to_text(record)
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 3))
    inserted = data.draw(st.text(alphabet='[]{}",\n 0123456789-#=\\a"', max_size=4))
    edited = text[:at] + inserted + text[at + cut :]
    try:
        fast = _read_as_written(edited)[0]
    except Exception:  # declined: the general reading decides
        return
    assert _read_any(edited) == fast


def test_a_year_of_points_is_read_by_the_fast_reading() -> None:
    record = with_points(EMPTY, weekly_points("reading-fluency", 52) + weekly_points("task-initiation", 52, start=2))
    text = record_to_text(record)
    read, layout = read_progress(text)
    assert layout is not None and read == record and len(read.points) == 104


def _first_series(text: str) -> str:
    start = text.index("\n[[series]]")
    return text[start : text.index("\n[[series]]", start + 1)]


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (lambda t: t.replace("\n", "\r\n"), "CRLF line ends"),
        (lambda t: t.replace('"2026-03-16"', "2026-03-16"), "a TOML date for a point"),
        (lambda t: t.replace('    ["2026-03-23", 82.6],', '    # a note\n    ["2026-03-23", 82.6],'), "a comment"),
        (
            lambda t: t + t[t.index("\n[[series]]") : t.index("\n[[series]]", t.index("\n[[series]]") + 1)],
            "a series twice",
        ),
    ],
)
def test_a_hand_edited_text_is_read_by_the_general_reading(edit, why: str) -> None:
    record = with_points(EMPTY, weekly_points("reading-fluency", 3) + weekly_points("task-initiation", 2, start=2))
    edited = edit(record_to_text(record))
    read, layout = read_progress(edited)
    assert layout is None, why
    assert read.plan == record.plan and {point.goal for point in read.points} == {"reading-fluency", "task-initiation"}


def test_a_series_written_twice_is_read_as_one() -> None:
    record = with_points(EMPTY, weekly_points("reading-fluency", 3))
    text = record_to_text(record)
    block = text[text.index("\n[[series]]") :]
    twice = text + block.replace('"2026-03-16", 82]', '"2027-01-04", 99]').replace("82.6]", "99.5]").replace(
        "83.2]", "99.9]"
    )
    read = read_progress(twice)[0]
    assert len(read.series) == 1 and read.series[0].values == (82, 82.6, 83.2, 99, 99.5, 99.9)


def test_a_number_json_reads_but_toml_does_not_is_refused() -> None:
    text = record_to_text(with_points(EMPTY, weekly_points("reading-fluency", 2)))
    for bad in ("NaN", "Infinity", "1e400"):
        with pytest.raises(codec.DocumentError):
            read_progress(text.replace("82.6]", f"{bad}]"))
    with pytest.raises(codec.DocumentError):
        read_progress(text.replace('"2026-03-16"', '"2026\\/03-16"'))
