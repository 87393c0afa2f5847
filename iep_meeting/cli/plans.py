"""Commands that make plan files: `new` (and next year's from last year's,
`new --from`), `amend`, `upgrade`, and the demo's copy of the sample plan.
Loaded when one of them runs (cli/main.py: `later`)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

import attrs

from iep_meeting.cli.output import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, say
from iep_meeting.documents.summary import plan_summary
from iep_meeting.model.edits import amendment_of, new_plan
from iep_meeting.model.moved import starting_at
from iep_meeting.model.next_year import next_year_of
from iep_meeting.model.plan import SCHEMA_VERSION, Amends, Follows, MeetingKind, Status
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.errors import StoreError
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import (
    PLAN_SUFFIX,
    LoadedPlan,
    PlanFile,
    create_plan_file,
    load_plan,
    load_plan_file,
    named_as_plan,
)
from iep_meeting.store.profile_files import profile_for
from iep_meeting.store.progress_file import load_progress, progress_path
from iep_meeting.store.seal import file_content_hash, seal_intact
from iep_meeting.words.labels import ENGLISH


def cmd_new(args: argparse.Namespace) -> int:
    args.plan = named_as_plan(args.plan)
    if args.last is not None:
        return cmd_next_year(args)
    missing = [option for option, value in (("--student", args.student), ("--agenda", args.agenda)) if not value]
    if missing:
        raise StoreError(f"new needs {' and '.join(missing)} (or --from LAST, to start from last year's final plan).")
    source = find_agenda(args.agenda, args.agenda_dir)
    plan = attrs.evolve(new_plan(args.student, source.agenda, args.date or dt.date.today()), profile=args.profile)
    rules = profile_for(plan, source.agenda, args.agenda_dir)  # an unknown profile is refused before writing
    path = create_plan_file(args.plan, plan)
    say(f"Created {path} ({source.agenda.title}, draft, {rules.title}) for {args.student}.")
    say(f"Next: iep-meeting check {args.plan}")
    return EXIT_OK


def cmd_amend(args: argparse.Namespace) -> int:
    args.new = named_as_plan(args.new)
    loaded = final_as_agreed(
        args.plan,
        if_draft=f"{args.plan} is a draft, not a final plan: keep working on it with "
        f"iep-meeting run {args.plan}. Only a final plan is amended.",
    )
    final = loaded.plan
    source = find_agenda("amendment", args.agenda_dir)
    amends = Amends(path=_relative_path(args.plan, args.new), sha256=file_content_hash(loaded))
    plan = amendment_of(final, amends, source.agenda, args.date or dt.date.today())
    path = create_plan_file(args.new, plan)
    say(f"Created {path}: a draft amendment of {args.plan} (finalized {final.sign_off.finalized}).")
    say(
        f"Its goals, services and the rest are carried forward; change what the team decides with: "
        f"iep-meeting run {args.new}"
    )
    return EXIT_OK


def cmd_next_year(args: argparse.Namespace) -> int:
    """`new NEXT --from LAST`: next year's draft from last year's final plan; LAST is left as it is."""
    if args.student:
        raise StoreError(f"--student is not needed with --from: the student carries over from {args.last}.")
    loaded = final_as_agreed(
        args.last,
        if_draft=f"{args.last} is a draft: next year's plan starts from a final plan. Finish and finalize it with "
        f"iep-meeting run {args.last}, or start from the final plan of last year.",
    )
    last = loaded.plan
    source = find_agenda(args.agenda or "annual-review", args.agenda_dir)
    if source.agenda.meeting_kind not in (MeetingKind.ANNUAL_REVIEW, MeetingKind.REEVALUATION):
        raise StoreError(
            f"agenda '{source.agenda.id}' is for {ENGLISH.label(source.agenda.meeting_kind).lower()} meetings; "
            "next year's plan follows an annual-review or a re-evaluation agenda."
        )
    follows = Follows(path=_relative_path(args.last, args.plan), sha256=file_content_hash(loaded))
    progress = load_progress(progress_path(args.last))  # last year's progress record, when there is one
    plan = next_year_of(last, follows, source.agenda, args.date or dt.date.today(), progress)
    if args.profile:
        plan = attrs.evolve(plan, profile=args.profile)
    rules = profile_for(plan, source.agenda, args.agenda_dir)  # an unknown profile is refused before writing
    path = create_plan_file(args.plan, plan)
    pending = len(plan.follows.to_review) if plan.follows is not None else 0
    say(
        f"Created {path} ({source.agenda.title}, draft, {rules.title}) for {last.student.name}, "
        f"from {args.last} (meeting of {last.meeting.date})."
    )
    say(
        f"Last year's {len(last.goals)} goal(s) are this year's previous goals; {pending} part(s) carried over "
        'are marked "from last year — review" until the team changes or confirms them.'
    )
    say(f"Next: iep-meeting run {args.plan}")
    return EXIT_OK


def final_as_agreed(path: Path, *, if_draft: str) -> LoadedPlan:
    """The final plan at `path`, as the team agreed it: what an amendment changes and
    next year's plan follows. A draft is refused with `if_draft`, a plan never sealed
    or changed since it was, with what to do."""
    loaded = load_plan_file(path)
    if loaded.plan.status is not Status.FINAL:
        raise StoreError(if_draft)
    if not loaded.plan.sign_off.content_sha256:
        raise StoreError(
            f"{path} is marked final but has no content hash, so nobody can tell whether it is the "
            "plan the team agreed. Set its status back to draft and finalize it in the app first."
        )
    if not seal_intact(loaded):
        raise StoreError(
            f"{path} was changed after it was finalized (its content hash does not match), "
            "so it is not the plan the team agreed. Restore the agreed version first; "
            f"iep-meeting check {path} says more."
        )
    return loaded


def _relative_path(target: Path, new_file: Path) -> str:
    """`target` as seen from the folder of `new_file` (so a repository can move), else absolute."""
    target, folder = target.absolute(), new_file.absolute().parent
    try:
        return os.path.relpath(target, folder)
    except ValueError:  # another drive on Windows
        return str(target)


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Write each older plan in the current format; a final plan never (its seal is over its own format)."""
    worst = EXIT_OK
    for path in args.plans:
        try:
            worst = max(worst, _upgrade_one(path))
        except StoreError as error:
            say(f"iep-meeting: {error}", error=True)
            worst = EXIT_UNREADABLE
    return worst


def _upgrade_one(path: Path) -> int:
    loaded = load_plan_file(path)
    if loaded.schema == SCHEMA_VERSION:
        say(f"{path}: already plan format {SCHEMA_VERSION}; nothing to do.")
        return EXIT_OK
    if loaded.plan.status is Status.FINAL or loaded.plan.sign_off.content_sha256:
        say(
            f"{path}: not upgraded: it is a final plan, and a final plan is never rewritten (its seal is over its "
            f"format-{loaded.schema} text, and still verifies). It opens read-only as it is; changes are made with "
            "iep-meeting amend, which writes the amendment in the current format."
        )
        return EXIT_FINDINGS
    with PlanFile.open(path) as plan_file:
        if plan_file.readonly:
            raise StoreError(f"{path}: not upgraded: {plan_file.readonly_reason}.")
        if plan_file.taken_over_from is not None:
            say(f"{path}: {plan_file.taken_over_from.takeover_text()}")
        plan_file.save(loaded.plan, force=True)
    say(f"{path}: upgraded from plan format {loaded.schema} to {SCHEMA_VERSION}.")
    for change in loaded.upgraded:
        say(f"  {change}")
    return EXIT_OK


def demo_copy(folder: Path) -> Path:
    """A copy of the sample plan in `folder`, its meeting today and starting now,
    so the clock and the time boxes run."""
    path = folder / (sample_plan_path().name.removesuffix(".toml") + PLAN_SUFFIX)
    create_plan_file(path, starting_at(load_plan(sample_plan_path()), dt.datetime.now()))
    return path


def plan_summary_of(path: Path) -> str:
    return plan_summary(load_plan(path))
