"""The plain-words diff of two 200-goal plans that differ in ten places, against loading one plan.

`plan_changes(old, new)` compares the two plans record by record, matching goals,
services and accommodations by id and the rest by their natural key, and says
each change in words. Both plans are read from their TOML text first, so they
share no objects, as when `iep-meeting diff` reads two files. The baseline is
loading one of them from its TOML text with the store (`plan_from_text`: parse
TOML, check and build the plan). The two run interleaved in the same process
and are compared by their medians, so machine noise hits both alike.

Run: python bench/diff.py [--rounds N] [--goals N]     Target: diff ratio <= 0.5
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse

import attrs

from iep_meeting.model.diff import plan_changes
from iep_meeting.model.paths import set_in
from iep_meeting.model.plan import Accommodation, Outcome, Plan, Role, Status, TeamMember
from iep_meeting.store.plan_file import plan_from_text, plan_to_text
from tests.factories import big_plan, make_goal


def ten_changes(plan: Plan) -> Plan:
    """The plan with ten things changed, and its goals in another order (which is no change)."""
    middle = len(plan.goals) // 2
    plan = set_in(plan, ("goals", middle, "target"), "120 words correct per minute on 4 of 5 probes.")  # 1
    plan = set_in(plan, ("goals", 3, "objectives", 1, "criterion"), "4 of 5 probes")  # 2
    plan = set_in(plan, ("services", middle, "minutes"), 120)  # 3
    plan = set_in(plan, ("lre", "general_education_percent"), 80)  # 4
    plan = set_in(plan, ("decisions", middle, "outcome"), Outcome.TABLED)  # 5
    plan = set_in(plan, ("status",), Status.FINAL)  # 6
    plan = attrs.evolve(
        plan,
        goals=(*plan.goals[:-1][::-1], make_goal(len(plan.goals) + 1)),  # 7, 8: the last removed, one added
        accommodations=(
            *plan.accommodations,
            Accommodation(id="accommodation-9", description="Use of a word bank"),  # 9
        ),
        team=(*plan.team, TeamMember(name="Dev Okafor", role=Role.RELATED_SERVICE_PROVIDER)),  # 10
    )
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--goals", type=int, default=200)
    args = parser.parse_args()

    plan = big_plan(args.goals)
    old_text, new_text = plan_to_text(plan), plan_to_text(ten_changes(plan))
    old, new = plan_from_text(old_text), plan_from_text(new_text)
    changes = plan_changes(old, new)
    assert len(changes) == 10, [change.key for change in changes]

    def diff() -> None:
        plan_changes(old, new)

    def load() -> None:
        plan_from_text(old_text)

    # warmed up first: imports, cattrs code generation
    diffing, loading = _harness.interleaved_medians(args.rounds, diff, load)

    size = len(old_text.encode()) / 1024
    print(f"plans: {args.goals} goals, {size:.0f} KiB, {len(changes)} changes, {args.rounds} rounds")
    print(f"plan_changes (median): {diffing * 1000:.2f} ms")
    print(f"plan_from_text (median): {loading * 1000:.2f} ms")
    print(f"diff ratio {diffing / loading:.3f}")


if __name__ == "__main__":
    main()
