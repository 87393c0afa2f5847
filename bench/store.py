"""Load + save a 200-goal plan through the store, against bare TOML parse + dump.

The store reads the file, checks and builds the plan (cattrs, strict hooks),
then writes it back atomically (temp file, fsync, rename). The baseline parses
and dumps the same document with tomllib + tomli-w, in memory. The two are run
interleaved in the same process and compared by their medians, so machine
noise hits both alike.

Run: python bench/store.py [--rounds N]      Target: store ratio <= 1.5
"""

from __future__ import annotations

import os
import sys

# bench/typing.py is named like the standard library's `typing`: keep this
# folder off the import path so `import typing` finds the real one.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tomllib  # noqa: E402
from pathlib import Path  # noqa: E402

import tomli_w  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iep_meeting.store.atomic import write_atomic  # noqa: E402
from iep_meeting.store.plan_file import plan_from_text, plan_to_text, read_text  # noqa: E402
from tests.factories import big_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--goals", type=int, default=200)
    args = parser.parse_args()

    text = plan_to_text(big_plan(args.goals))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_text(text, encoding="utf-8")

        def through_store() -> None:
            plan = plan_from_text(read_text(path))
            write_atomic(path, plan_to_text(plan).encode("utf-8"))

        def bare_toml() -> None:
            tomli_w.dumps(tomllib.loads(text), multiline_strings=True)

        store_times, bare_times = [], []
        through_store(), bare_toml()  # warm up: imports, cattrs code generation
        for _ in range(args.rounds):
            for run, times in ((through_store, store_times), (bare_toml, bare_times)):
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)

    store, bare = statistics.median(store_times), statistics.median(bare_times)
    print(f"plan: {args.goals} goals, {len(text.encode()) / 1024:.0f} KiB, {args.rounds} rounds")
    print(f"store load+save (median): {store * 1000:.1f} ms")
    print(f"tomllib+tomli_w (median): {bare * 1000:.1f} ms")
    print(f"store ratio {store / bare:.2f}")


if __name__ == "__main__":
    main()
