"""The caseload's scan of 2,000 and 20,000 fictional plans, against parsing them.

Makes a folder of fictional plans like the sample (about 11 KB each: a third
of the students with last year's and this year's final plan, the others with
a final plan and next year's draft), then:

- `caseload ratio`: the first scan of 2,000 plans (an empty cache: every file
  is found, read, hashed, its facts taken and the cache written) against
  reading and parsing the same files with rtoml alone, in the same run,
  interleaved, by their medians. Target <= 1.3.
- `caseload cached ratio`: the second scan of 20,000 plans (the cache knows
  them all: each file is looked at, none read) against the first. Target <= 0.1.
  `caseload look floor ratio` is the part of it no cache can save: finding
  every file and looking at its size and time, against the same first scan.

Both ratios are of processor time (time.process_time), medians of several
runs: the machines this runs on are shared, and waiting for a turn on the
processor is no part of either side (the wall-clock times are printed too).
It also prints what `iep-meeting caseload` adds (working out the rows) and the
Ed-Fi export of 20,000 plans, for docs/caseload.md.

Run: python bench/caseload.py [--small 2000] [--large 20000] [--rounds 5]
"""

from __future__ import annotations

# isort: off
import _harness  # noqa: F401  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

import rtoml

from iep_meeting.documents.edfi import EdFiOptions, edfi_records
from iep_meeting.model.caseload import caseload
from iep_meeting.model.plan import MeetingKind, Status
from iep_meeting.store.caseload_cache import CaseloadCache
from iep_meeting.store.caseload_scan import find_plan_files, rule_profiles, scan
from iep_meeting.store.plan_file import load_plan
from tests.caseload_plans import student_plan, write

AS_OF = dt.date(2026, 9, 15)
FIRST_NAMES = ("Sam", "Ana", "Lee", "Kim", "Noor", "Ravi", "Mia", "Theo", "Ines", "Omar", "June", "Eli")
LAST_NAMES = ("Example", "Sample", "Placeholder", "Fixture", "Mockwell", "Stubbs", "Dummy", "Testa")


def _write_student(args: tuple[Path, int]) -> int:
    """Write one fictional student's plans (2 or 3); returns how many."""
    folder, number = args
    name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_NAMES[number // len(FIRST_NAMES) % len(LAST_NAMES)]}"
    student = (f"{name} {number}", f"FAKE-{number:06d}", dt.date(2008 + number % 12, 1 + number % 12, 1 + number % 28))
    last = dt.date(2025, 1, 1) + dt.timedelta(days=number % 365)
    home = folder / f"student-{number:06d}"
    write(home / "last-year.iep.toml", student_plan(*student, last - dt.timedelta(days=365)))
    write(home / "this-year.iep.toml", student_plan(*student, last, last_evaluation=last - dt.timedelta(days=700)))
    if number % 3:
        write(home / "next-year.iep.toml", student_plan(*student, last + dt.timedelta(days=360), status=Status.DRAFT))
        return 3
    return 2


def make_plans(folder: Path, count: int) -> int:
    """About `count` plans in `folder` (whole students); returns how many."""
    students = [(folder, number) for number in range(round(count / (8 / 3)))]
    with ProcessPoolExecutor() as pool:
        return sum(pool.map(_write_student, students, chunksize=64))


class Times(NamedTuple):
    cpu: float  # this process's own work (time.process_time)
    wall: float


def measured(run: Callable[[], object]) -> Times:
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return Times(time.process_time() - cpu, time.perf_counter() - wall)


def median_times(times: list[Times]) -> Times:
    return Times(statistics.median(t.cpu for t in times), statistics.median(t.wall for t in times))


def interleaved(rounds: int, *runs: Callable[[], object]) -> list[Times]:
    """Each of `runs` once to warm up, then `rounds` times in turn: the median
    seconds of each, of processor time and of the clock on the wall.

    The ratios are of processor time: on a machine shared with other work,
    waiting for a turn on the processor is not the scan's cost, and would make
    the two sides of a ratio differ by chance. (The files are read from the
    operating system's cache after the warm-up, so no time goes to the disk.)"""
    for run in runs:
        run()
    times: list[list[Times]] = [[] for _ in runs]
    for _ in range(rounds):
        for run, run_times in zip(runs, times):
            run_times.append(measured(run))
    return [median_times(run_times) for run_times in times]


def first_scan(folder: Path, caches: Path) -> Callable[[], object]:
    """A scan with a new, empty cache each time it runs."""
    made = [0]

    def run() -> object:
        made[0] += 1
        with CaseloadCache.open(caches / f"first-{made[0]}.sqlite3") as cache:
            return scan([folder], cache)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        caches = root / "caches"
        caches.mkdir()
        small, large = root / "small", root / "large"
        start = time.perf_counter()
        small_count = make_plans(small, args.small)
        large_count = make_plans(large, args.large)
        print(f"made {small_count} + {large_count} fictional plans in {time.perf_counter() - start:.0f} s")
        files = [Path(found.path) for found in find_plan_files([small]).plans]
        size = statistics.mean(path.stat().st_size for path in files)

        def rtoml_alone() -> None:
            for path in files:
                rtoml.loads(path.read_text(encoding="utf-8"))

        scan_small, parse_small = interleaved(args.rounds, first_scan(small, caches), rtoml_alone)
        print(f"{small_count} plans of {size / 1024:.1f} KB on average")
        print(
            f"first scan, {small_count} plans (median): {scan_small.cpu:.3f} s processor, {scan_small.wall:.3f} s wall"
        )
        print(f"rtoml alone, same files (median): {parse_small.cpu:.3f} s processor, {parse_small.wall:.3f} s wall")
        print(f"caseload ratio {scan_small.cpu / parse_small.cpu:.2f}")

        cache_path = caches / "large.sqlite3"

        def first_large() -> object:
            cache_path.unlink(missing_ok=True)
            with CaseloadCache.open(cache_path) as cache:
                return scan([large], cache)

        def second_large() -> object:
            with CaseloadCache.open(cache_path) as cache:
                return scan([large], cache)

        first_large()  # the warm-up: the files are in the operating system's cache after it
        first_times, second_times = [], []
        for _round in range(max(2, args.rounds // 2)):  # each second scan reads the cache its first one wrote
            first_times.append(measured(first_large))
            second_times.append(measured(second_large))
        first, second = median_times(first_times), median_times(second_times)
        print(f"first scan, {large_count} plans (median): {first.cpu:.2f} s processor, {first.wall:.2f} s wall")
        print(f"second scan, {large_count} plans (median): {second.cpu:.3f} s processor, {second.wall:.3f} s wall")
        print(f"caseload cached ratio {second.cpu / first.cpu:.3f}")
        # What no cache can save: finding every file and looking at it (a folder
        # listed, a file's size and time read), with nothing read or decoded.
        (look,) = interleaved(max(2, args.rounds // 2), lambda: find_plan_files([large]))
        print(f"finding and looking at {large_count} plans (median): {look.cpu:.3f} s processor")
        print(f"caseload look floor ratio {look.cpu / first.cpu:.3f}")

        with CaseloadCache.open(cache_path) as cache:
            found = scan([large], cache)
        profile_of = rule_profiles()
        start = time.perf_counter()
        rows = caseload(found.plans, found.unreadable, AS_OF, profile_of, found.missing_originals, found.progress)
        rows_time = time.perf_counter() - start
        print(f"rows of {large_count} plans ({len(rows.students)} students): {rows_time:.2f} s, {len(rows.rows)} rows")
        start = time.perf_counter()
        finals = {facts.path: load_plan(Path(facts.path)) for facts in found.plans if facts.status is Status.FINAL}
        export = edfi_records(rows.students, finals, AS_OF, EdFiOptions(education_organization_id=255901))
        counts = ", ".join(f"{len(records)} {name}" for name, records in export.records.items())
        print(f"Ed-Fi records of {large_count} plans: {time.perf_counter() - start:.1f} s ({counts})")
        print(f"cache file for {large_count} plans: {os.path.getsize(cache_path) / 1024 / 1024:.1f} MB")
        assert all(facts.kind is MeetingKind.ANNUAL_REVIEW for facts in found.plans)


if __name__ == "__main__":
    main()
