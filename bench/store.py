"""Load + save a 200-goal plan through the store, against bare TOML parse + dump.

The store reads the file, checks and builds the plan (cattrs, strict hooks),
then writes it back atomically (temp file, fsync, rename). The baseline parses
and dumps the same document with tomllib + tomli-w, in memory. The two are run
interleaved in the same process and compared by their medians, so machine
noise hits both alike.

Run: python bench/store.py [--rounds N]      Target: store ratio <= 1.5
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import tempfile
import tomllib
from pathlib import Path

import tomli_w

from iep_meeting.store.atomic import write_atomic
from iep_meeting.store.plan_file import plan_from_text, plan_to_text
from iep_meeting.store.reader import read_text
from tests.factories import big_plan


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

        # warmed up first: imports, cattrs code generation
        store, bare = _harness.interleaved_medians(args.rounds, through_store, bare_toml)

    print(f"plan: {args.goals} goals, {len(text.encode()) / 1024:.0f} KiB, {args.rounds} rounds")
    print(f"store load+save (median): {store * 1000:.1f} ms")
    print(f"tomllib+tomli_w (median): {bare * 1000:.1f} ms")
    print(f"store ratio {store / bare:.2f}")


if __name__ == "__main__":
    main()
