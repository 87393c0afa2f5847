"""What a checklist rule is: a pure function over the plan, the kinds of finding
it reports, and the parts of the plan it reads, all declared where it is defined.

    PARENT_CONCERNS = Finds("parent-concerns", REQUIRED, CFR + "300.324(a)(1)(ii)")

    @rules.rule(reads=("present_levels",), finds=(PARENT_CONCERNS,))
    def parent_concerns(plan: Plan, profile: Profile) -> Iterator[Finding]:
        ...
            yield PARENT_CONCERNS.at(("present_levels", "parent_concerns"), "Write down …")

`Finds` holds a finding's stable id, its usual severity and its citation, so a
rule states them once, above the code that reports them (a finding whose
severity or citation depends on the plan or the profile says so where it is
made). `reads` names the top-level parts of the plan the rule looks at: the
running checklist re-runs a rule only when one of them was replaced
(checklist/runner.py), so a rule that read a part it did not name would keep a
stale answer. A name that is not a part of the plan fails at import, and
tests/unit/test_checklist_reads.py runs every rule on plans that record what
is read and fails on a part read but not named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import attrs

from iep_meeting.model.findings import Finding, Path, Severity
from iep_meeting.model.plan import Goal, Plan, Service
from iep_meeting.model.rules import Profile

REQUIRED, RECOMMENDED = Severity.REQUIRED, Severity.RECOMMENDED
CFR = "34 CFR "

# The names a rule may read: the top-level fields of a plan.
PLAN_PARTS = frozenset(attrs.fields_dict(Plan))


@attrs.frozen
class Finds:
    """One kind of finding a rule reports: its stable rule id (what `check`
    prints and docs/checklist.md explains), its usual severity and citation."""

    id: str
    severity: Severity
    citation: str = ""

    def at(self, path: Path, message: str, *, severity: Severity | None = None, citation: str | None = None) -> Finding:
        """A finding of this kind at plan `path`; `severity` and `citation` where
        this one differs from the usual (a first IEP, a state's rule)."""
        return Finding.at(
            path,
            self.id,
            self.severity if severity is None else severity,
            message,
            self.citation if citation is None else citation,
        )


RuleCheck = Callable[[Plan, Profile], Iterable[Finding]]


@attrs.frozen(eq=False)  # compared and hashed by identity: the running checklist keys its cache on it
class Rule:
    check: RuleCheck
    reads: tuple[str, ...]  # the top-level parts of the plan it looks at
    finds: tuple[Finds, ...]  # every kind of finding it can report

    @property
    def name(self) -> str:
        return self.check.__name__


class RuleSet:
    """The rules of one part of the plan, in the order they run."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def rule(self, *, reads: tuple[str, ...], finds: tuple[Finds, ...]) -> Callable[[RuleCheck], RuleCheck]:
        unknown = sorted(set(reads) - PLAN_PARTS)
        if unknown:
            raise ValueError(f"a rule reads {', '.join(unknown)}, which is not a part of the plan")
        if not finds:
            raise ValueError("a rule declares the findings it reports")

        def register(check: RuleCheck) -> RuleCheck:
            self.rules.append(Rule(check, reads, finds))
            return check

        return register

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)


# --- words several parts share -------------------------------------------------------


def blank(text: str) -> bool:
    return not text.strip()


def goal_name(index: int, goal: Goal) -> str:
    about = goal.domain or " ".join(goal.statement.split()[:6])
    return f"Goal {index + 1}" + (f" ({about})" if about else "")


def service_name(index: int, service: Service) -> str:
    return f"Service {index + 1}" + (f" ({service.description})" if service.description.strip() else "")


def with_state_rule(citation: str, source: str, federal: str) -> str:
    """A federal citation, and the profile's own source when the state sets a
    different rule than IDEA's (an earlier transition age, another age of majority)."""
    return citation if source == federal else f"{citation}; {source}"
