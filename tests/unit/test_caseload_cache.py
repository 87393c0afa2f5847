"""The caseload's cache (store/caseload_cache.py): a second scan reads only what
changed; a cache that is corrupt, foreign, tampered with or not ours is rebuilt,
never believed; it is private to its owner."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from iep_meeting.model.caseload import PlanFacts, ProgressFacts
from iep_meeting.model.goal_progress import ReportingPeriod
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, ParkingLotState, Status
from iep_meeting.store.caseload_cache import CACHE_NAME, PLANS, CaseloadCache, default_cache_path
from iep_meeting.store.caseload_codec import PLAN_FACTS, PROGRESS_FACTS
from iep_meeting.store.caseload_scan import Scan, scan
from tests.caseload_plans import write_caseload


def results(found: Scan) -> tuple[set[PlanFacts], set[str]]:
    return set(found.plans), {problem.path for problem in found.unreadable}


@pytest.fixture
def caseload(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    write_caseload(folder)
    return folder


def test_the_cache_lives_in_the_user_cache_folder_readable_by_its_owner_only(caseload: Path) -> None:
    with CaseloadCache.open() as cache:
        scan([caseload], cache)
    path = default_cache_path()
    assert path.name == CACHE_NAME and "iep-meeting" in path.parts
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(caseload.rglob("*.sqlite3*"))


def test_a_second_scan_reads_only_what_changed(caseload: Path, tmp_path: Path) -> None:
    cache_path = tmp_path / "cache.sqlite3"
    with CaseloadCache.open(cache_path) as cache:
        first = scan([caseload], cache)
    assert first.read == 7  # six plans and the broken file
    with CaseloadCache.open(cache_path) as cache:
        second = scan([caseload], cache)
    assert second.read == 1  # a file that cannot be read is read again each time
    assert results(second) == results(first)

    sam = caseload / "sam" / "2025-annual.iep.toml"
    sam.write_text(sam.read_text(encoding="utf-8").replace("Sam Example", "Samuel Example"), encoding="utf-8")
    os.utime(caseload / "kim" / "2026-initial.iep.toml")  # touched: read, and found the same
    with CaseloadCache.open(cache_path) as cache:
        third = scan([caseload], cache)
    assert third.read == 3
    assert {f.student_name for f in third.plans if f.path == str(sam)} == {"Samuel Example"}


def test_a_removed_plan_leaves_the_cache(caseload: Path, tmp_path: Path) -> None:
    cache_path = tmp_path / "cache.sqlite3"
    with CaseloadCache.open(cache_path) as cache:
        scan([caseload], cache)
    (caseload / "kim" / "2026-initial.iep.toml").unlink()
    with CaseloadCache.open(cache_path) as cache:
        scan([caseload], cache)
        assert str(caseload / "kim" / "2026-initial.iep.toml") not in cache.entries(PLANS)
        assert len(cache.entries(PLANS)) == 5


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda path: path.write_bytes(b"this is not a database" * 100), id="not a database"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:3000]), id="cut short"),
        pytest.param(
            lambda path: sqlite3.connect(path).executescript("DROP TABLE meta; CREATE TABLE other (x);"),
            id="another program's database",
        ),
        pytest.param(
            lambda path: sqlite3.connect(path).executescript("UPDATE meta SET value = 'iep-meeting caseload cache 0'"),
            id="an older format",
        ),
    ],
)
def test_a_corrupt_or_foreign_cache_is_rebuilt(caseload: Path, tmp_path: Path, spoil: object) -> None:
    cache_path = tmp_path / "cache.sqlite3"
    with CaseloadCache.open(cache_path) as cache:
        expected = results(scan([caseload], cache))
    spoil(cache_path)  # type: ignore[operator]
    with CaseloadCache.open(cache_path) as cache:
        again = scan([caseload], cache)
    assert results(again) == expected and again.read == 7
    with CaseloadCache.open(cache_path) as cache:  # and it works as a cache again
        assert scan([caseload], cache).read == 1


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param("replace(document, '\"final\"', '\"sealed\"')", id="a value no plan holds"),
        pytest.param("replace(document, '\"Lee', '[\"Lee')", id="a list where a text goes"),
        pytest.param("replace(document, '2025-', '2025-13-')", id="a date that is none"),
        pytest.param("substr(document, 1, length(document) / 2)", id="cut short"),
        pytest.param("'[1, 2, 3]'", id="not a document"),
    ],
)
def test_a_document_that_does_not_decode_is_not_believed(caseload: Path, tmp_path: Path, spoil: str) -> None:
    cache_path = tmp_path / "cache.sqlite3"
    with CaseloadCache.open(cache_path) as cache:
        expected = results(scan([caseload], cache))
    with sqlite3.connect(cache_path) as connection:
        changed = connection.execute(f"UPDATE folders SET document = {spoil} WHERE kind = 'plans'").rowcount
    assert changed == 1  # the one folder scanned
    with CaseloadCache.open(cache_path) as cache:
        again = scan([caseload], cache)
    assert results(again) == expected
    assert again.read == 7  # every file read again
    with CaseloadCache.open(cache_path) as cache:  # and the document is whole again
        assert scan([caseload], cache).read == 1


def test_a_document_of_another_folder_is_not_believed(tmp_path: Path) -> None:
    write_caseload(tmp_path / "school-a")
    write_caseload(tmp_path / "school-b")
    cache_path = tmp_path / "cache.sqlite3"
    with CaseloadCache.open(cache_path) as cache:
        expected = results(scan([tmp_path / "school-b"], cache))
        scan([tmp_path / "school-a"], cache)
    with sqlite3.connect(cache_path) as connection:  # school-a's files, kept as school-b's
        connection.execute(
            "UPDATE folders SET document = (SELECT document FROM folders WHERE folder = ?) WHERE folder = ?",
            (str(tmp_path / "school-a"), str(tmp_path / "school-b")),
        )
    with CaseloadCache.open(cache_path) as cache:
        again = scan([tmp_path / "school-b"], cache)
    assert results(again) == expected and again.read == 7


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and modes")
def test_a_link_in_the_caches_place_is_not_followed(caseload: Path, tmp_path: Path) -> None:
    target = tmp_path / "someone-elses-file"
    target.write_text("keep me", encoding="utf-8")
    cache_path = tmp_path / "cache.sqlite3"
    cache_path.symlink_to(target)
    with CaseloadCache.open(cache_path) as cache:
        scan([caseload], cache)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not cache_path.is_symlink() and stat.S_IMODE(cache_path.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not keep root out")
def test_without_a_place_for_the_cache_the_caseload_is_still_read(caseload: Path, tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    with CaseloadCache.open(folder / "cache.sqlite3") as cache:
        assert cache.path is None
        assert len(scan([caseload], cache).plans) == 6


def test_facts_go_through_the_cache_unchanged() -> None:
    facts = PlanFacts(
        path="/plans/ana/2026 amendment ☂.iep.toml",
        student_name='Ana "Sample"',
        kind=MeetingKind.AMENDMENT,
        status=Status.FINAL,
        period_start=dt.date(2026, 1, 5),
        period_end=dt.date(2027, 1, 4),
        student_id="FAKE-2",
        birth_date=dt.date(2012, 2, 29),
        meeting_date=dt.date(2026, 1, 5),
        previous_iep_date=dt.date(2025, 1, 6),
        last_evaluation_date=None,
        finalized=dt.date(2026, 1, 5),
        agenda="amendment",
        profile="texas",
        seal_intact=False,
        family_copy=True,
        transition_planned=True,
        rights_transfer_informed=dt.date(2026, 1, 5),
        action_items=(ActionItem(owner="Casey", what="Call", due=None), ActionItem(owner="B", what="C", done=True)),
        open_topics=(ParkingLotItem(topic="Bus", state=ParkingLotState.FOLLOW_UP, resolution="June"),),
        amends="/plans/ana/2025.iep.toml",
        seal="cd" * 32,
        goal_ids=("reading", "math ☂"),
    )
    document = PLAN_FACTS.encode([facts.path], [11_000], [1_767_571_200_000_000_000], ["ab" * 32], [facts])
    known = PLAN_FACTS.decode(document, "/plans")
    assert known is not None and known.facts == [facts]
    assert (known.paths, known.sizes, known.mtimes, known.sha256s) == (
        [facts.path],
        [11_000],
        [1_767_571_200_000_000_000],
        ["ab" * 32],
    )
    assert PLAN_FACTS.decode(document, "/other-plans") is None  # its files are not under that folder
    spoiled_goals = [document.replace('"reading"', old) for old in ('["reading"]', "null", "7", '{"a":1}')]
    for spoiled in ("", "null", "{}", "[" * 100000, document.replace("2026-01-05", "2026-13-05", 1), *spoiled_goals):
        assert PLAN_FACTS.decode(spoiled, "/plans") is None


def test_progress_facts_go_through_the_cache_unchanged() -> None:
    facts = ProgressFacts(
        path="/plans/ana/2026.iep.progress.toml",
        plan_name="2026.iep.toml",
        plan_sha256="ef" * 32,
        periods=(ReportingPeriod(end=dt.date(2026, 3, 31), name="Spring"), ReportingPeriod(end=dt.date(2026, 6, 30))),
        reported=frozenset({("reading", dt.date(2026, 3, 31)), ("math", dt.date(2026, 3, 31))}),
    )
    document = PROGRESS_FACTS.encode([facts.path], [900], [1], ["01" * 32], [facts])
    known = PROGRESS_FACTS.decode(document, "/plans/ana")
    assert known is not None and known.facts == [facts]
    assert PROGRESS_FACTS.decode(document.replace('"reading"', "7"), "/plans/ana") is None


def test_one_cache_serves_several_folders(tmp_path: Path) -> None:
    write_caseload(tmp_path / "school-a")
    write_caseload(tmp_path / "school-a2")  # a folder whose name starts like the other's
    cache_path = tmp_path / "cache.sqlite3"
    for folder in ("school-a", "school-a2"):
        with CaseloadCache.open(cache_path) as cache:
            scan([tmp_path / folder], cache)
    with CaseloadCache.open(cache_path) as cache:
        assert len(cache.entries(PLANS, [str(tmp_path / "school-a")])) == 6
        assert len(cache.entries(PLANS)) == 12
        again = scan([tmp_path / "school-a"], cache)  # the other folder's rows are neither read nor forgotten
        assert again.read == 1 and len(again.plans) == 6
        assert len(cache.entries(PLANS)) == 12
