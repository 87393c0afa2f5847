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
