"""The full completeness checklist on a 200-goal plan, against loading that plan.

The checklist runs every rule over the plan, adds what the annual-review agenda
requires and places each finding in its section: `checklist(plan, agenda)`, a
fresh call each round (no incremental cache). The baseline is reading the same
plan from its file with the store (`load_plan`: read, parse TOML, check and
build the plan). The two run interleaved in the same process and are compared
by their medians, so machine noise hits both alike. For information it also
times one incremental re-run (`Checklist.run`) after a one-field edit, which is
what the app does after every change.

Run: python bench/checklist.py [--rounds N] [--goals N]     Target: checklist ratio <= 0.25
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import statistics
import tempfile
import time
from pathlib import Path

from iep_meeting.model.checklist import Checklist, checklist
from iep_meeting.model.paths import set_in
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.plan_file import load_plan, plan_to_text
from tests.factories import big_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--goals", type=int, default=200)
    args = parser.parse_args()

    agenda = find_agenda("annual-review").agenda
    plan = big_plan(args.goals)
    text = plan_to_text(plan)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_text(text, encoding="utf-8")

        def full_checklist() -> None:
            checklist(plan, agenda)

        def load() -> None:
            load_plan(path)

        # warmed up first: imports, cattrs code generation
        full, loading = _harness.interleaved_medians(args.rounds, full_checklist, load)

    # One incremental re-run after a one-field edit, as the app does after each change.
    middle = len(plan.goals) // 2
    edited = set_in(plan, ("goals", middle, "baseline"), "85 words correct per minute (spring benchmark).")
    incremental_times = []
    for _ in range(args.rounds):
        meeting = Checklist(agenda)
        meeting.run(plan)
        start = time.perf_counter()
        meeting.run(edited)
        incremental_times.append(time.perf_counter() - start)

    incremental = statistics.median(incremental_times)
    print(f"plan: {args.goals} goals, {len(text.encode()) / 1024:.0f} KiB, {args.rounds} rounds")
    print(f"checklist, full (median): {full * 1000:.2f} ms")
    print(f"load_plan (median): {loading * 1000:.2f} ms")
    print(f"checklist, incremental after a one-field edit (median, for information): {incremental * 1000:.2f} ms")
    print(f"checklist ratio {full / loading:.3f}")


if __name__ == "__main__":
    main()
