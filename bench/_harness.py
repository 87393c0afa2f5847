"""What every script in bench/ shares: the import path, and timing runs interleaved.

Import it first (`import _harness`): bench/typing.py is named like the
standard library's `typing`, so this folder is taken off the import path
before anything imports `typing`, and the repository root is put on it.
"""

from __future__ import annotations

import os
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != BENCH]
sys.path.insert(0, ROOT)

import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402


def interleaved_medians(rounds: int, *runs: Callable[[], object]) -> list[float]:
    """Run each of `runs` once to warm up, then `rounds` times in turn; the median
    seconds of each. Interleaving makes machine noise hit all of them alike."""
    for run in runs:
        run()
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for run, run_times in zip(runs, times):
            start = time.perf_counter()
            run()
            run_times.append(time.perf_counter() - start)
    return [statistics.median(run_times) for run_times in times]


def interleaved_cpu_medians(rounds: int, *runs: Callable[[], object]) -> list[tuple[float, float]]:
    """`interleaved_medians`, and the median CPU seconds of each run beside its
    wall-clock seconds (this process's and its finished children's): on a busy
    machine the CPU time says what the work costs when the wall clock also
    counts the waits for a CPU."""
    for run in runs:
        run()
    walls: list[list[float]] = [[] for _ in runs]
    cpus: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for run, wall, cpu in zip(runs, walls, cpus):
            before, start = _cpu_seconds(), time.perf_counter()
            run()
            wall.append(time.perf_counter() - start)
            cpu.append(_cpu_seconds() - before)
    return [(statistics.median(wall), statistics.median(cpu)) for wall, cpu in zip(walls, cpus)]


def _cpu_seconds() -> float:
    """This process's CPU seconds and its finished children's, to the microsecond
    where the system tells (`os.times` counts in ticks of 10 ms)."""
    try:
        import resource
    except ImportError:  # Windows
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
