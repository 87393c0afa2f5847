"""The `iep-meeting` command line: parse arguments, call the layers, exit codes.

Exit codes: 0 success / nothing required is missing, 1 a required finding, 2 a file could not be read or the
command could not be carried out (the message says why; never a traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from iep_meeting import __version__
from iep_meeting.cli.caseload import add_caseload_command, cmd_caseload_app
from iep_meeting.cli.output import quiet_closed_output, say
from iep_meeting.cli.prepare import register as register_prepare
from iep_meeting.cli.progress import register as register_progress
from iep_meeting.cli.respond import register as register_respond
from iep_meeting.documents.check_report import report_json, report_text
from iep_meeting.documents.diff_report import changes_json, changes_text
from iep_meeting.documents.plan_lines import plan_lines
from iep_meeting.documents.profile_report import profile_lines
from iep_meeting.documents.summary import plan_summary
from iep_meeting.model.diff import plan_changes
from iep_meeting.model.edits import amendment_of, new_plan
from iep_meeting.model.moved import starting_at
from iep_meeting.model.next_year import next_year_of
from iep_meeting.model.plan import SCHEMA_VERSION, Amends, Follows, MeetingKind, Status
from iep_meeting.store.agenda_files import available_agendas, find_agenda
from iep_meeting.store.commit_check import commit_verdict
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.git_repo import Version, git_setup, plan_versions
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.plan_file import (
    PLAN_SUFFIX,
    PlanFile,
    create_plan_file,
    load_plan,
    load_plan_file,
    named_as_plan,
    plan_from_bytes,
)
from iep_meeting.store.profile_files import available_profiles, profile_for
from iep_meeting.store.progress_file import load_progress, progress_path
from iep_meeting.store.reader import read_bytes
from iep_meeting.store.seal import file_content_hash, seal_intact
from iep_meeting.words.labels import ENGLISH
from iep_meeting.words.visible import visible

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
EXIT_CLOSED_PIPE = 128 + 13  # as a program killed by SIGPIPE, which shells know


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-09-01") from None


class Parser(argparse.ArgumentParser):
    """argparse echoes what was typed in its messages: shown, never sent, like all output."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            (file or sys.stderr).write(visible(message))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="iep-meeting",
        description="Run a facilitated IEP meeting from the terminal and record every decision into a TOML plan file.",
    )
    parser.add_argument("--version", action="version", version=f"iep-meeting {__version__}")
    parser.add_argument(
        "--agenda-dir",
        type=Path,
        metavar="DIR",
        help="folder of your own agendas (default: $IEP_MEETING_AGENDAS, else the user config folder)",
    )
    # No command: the caseload of this folder, as a screen (cli/caseload.py).
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.set_defaults(handler=cmd_caseload_app)

    new = commands.add_parser(
        "new", help="create a draft plan from an agenda, or next year's from last year's final plan (--from)"
    )
    new.add_argument("plan", type=Path, metavar="PLAN", help="the plan file to create (.toml)")
    new.add_argument("--student", metavar="NAME", help="the student's name (not with --from: it carries over)")
    new.add_argument(
        "--agenda",
        metavar="ID",
        help="agenda id (see: iep-meeting agendas); with --from: an annual-review (default) or re-evaluation agenda",
    )
    new.add_argument(
        "--from",
        dest="last",
        type=Path,
        default=None,
        metavar="LAST",
        help="last year's final plan: start the next annual review from it",
    )
    new.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD", help="meeting date (default: today)")
    new.add_argument(
        "--profile", default="", metavar="ID", help="state rule profile (iep-meeting profiles; default: the agenda's)"
    )
    new.set_defaults(handler=cmd_new)

    check = commands.add_parser("check", help="read plans and report problems")
    check.add_argument("plans", type=Path, nargs="+", metavar="PLAN")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--hook",
        action="store_true",
        help="as a pre-commit hook: fail only on what must never be committed (an unreadable plan, "
        "a final plan edited after finalizing, a lock or temporary file); drafts pass with a note",
    )
    check.set_defaults(handler=cmd_check)

    amend = commands.add_parser(
        "amend", help="start an amendment of a final plan: a new draft that names the plan it changes"
    )
    amend.add_argument("plan", type=Path, metavar="PLAN", help="the final plan to amend")
    amend.add_argument("new", type=Path, metavar="NEW", help="the amendment's plan file to create (.toml)")
    amend.add_argument(
        "--date", type=_date, default=None, metavar="YYYY-MM-DD", help="date of the amendment meeting (default: today)"
    )
    amend.set_defaults(handler=cmd_amend)

    upgrade = commands.add_parser(
        "upgrade", help=f"rewrite plans of older formats in plan format {SCHEMA_VERSION}, saying what changed"
    )
    upgrade.add_argument("plans", type=Path, nargs="+", metavar="PLAN")
    upgrade.set_defaults(handler=cmd_upgrade)

    diff = commands.add_parser(
        "diff", help="what changed between two plans, in plain words (exit code 0: nothing, 1: something changed)"
    )
    diff.add_argument(
        "old", type=Path, metavar="OLD", help="the earlier plan (e.g. the final plan an amendment changes)"
    )
    diff.add_argument("new", type=Path, metavar="NEW", help="the later plan")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.set_defaults(handler=cmd_diff)

    git_setup_command = commands.add_parser(
        "git-setup", help="set up the git repository here so diffs, logs and shows of plans speak plain words"
    )
    git_setup_command.set_defaults(handler=cmd_git_setup)

    history = commands.add_parser("history", help="each commit that changed a plan: date, author, what changed")
    history.add_argument("plan", type=Path, metavar="PLAN")
    history.set_defaults(handler=cmd_history)

    textconv = commands.add_parser("textconv", help="a plan as one line per fact (what git shows; see git-setup)")
    textconv.add_argument("plan", type=Path, metavar="FILE")
    textconv.set_defaults(handler=cmd_textconv)

    agendas = commands.add_parser("agendas", help="list the agendas available and where each comes from")
    agendas.set_defaults(handler=cmd_agendas)

    profiles = commands.add_parser("profiles", help="list the state rule profiles the checklist can follow")
    profiles.set_defaults(handler=cmd_profiles)

    add_caseload_command(commands, _date)

    export = commands.add_parser(
        "export",
        help="make a document from a plan: the family's copy, the full IEP, Prior Written Notices, teachers' pages",
    )
    export.add_argument(
        "kind",
        metavar="KIND",
        help="family (the family's copy), full (the whole IEP), notice (Prior Written Notice drafts: needs "
        "<agenda dir>/district.toml), teachers (each teacher's and provider's page), progress (the family's "
        "progress report on each goal, from the progress file beside the plan)",
    )
    export.add_argument("plan", type=Path, metavar="PLAN")
    export.add_argument("--lang", metavar="LANG", help="en or es (default: the family's language in the plan)")
    export.add_argument("--format", choices=("html", "pdf"), default="html", help="html or pdf (tagged PDF/UA-1)")
    export.add_argument("-o", "--output", type=Path, metavar="PATH", help="default: next to the plan")
    export.add_argument("--force", action="store_true", help="replace the file if it exists")
    export.add_argument("--period", metavar="P", help="progress: the reporting period (its number, end date or name)")
    export.set_defaults(handler=cmd_export)

    register_progress(commands, _date)
    register_respond(commands, _date)
    register_prepare(commands)

    run = commands.add_parser("run", help="run the meeting on a plan (the app)")
    run.add_argument("plan", type=Path, metavar="PLAN")
    _add_app_options(run)
    run.set_defaults(handler=cmd_run)

    demo = commands.add_parser("demo", help="open a copy of the bundled sample plan in the app")
    demo.add_argument("--summary", action="store_true", help="print a summary of the copy instead of opening it")
    demo.add_argument("--keep", action="store_true", help="keep the copy (it is removed when the app exits)")
    _add_app_options(demo)
    demo.set_defaults(handler=cmd_demo)
    return parser


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--read-only", action="store_true", help="open without changing the file")
    parser.add_argument(
        "--theme", default=None, metavar="NAME", help="iep-dark (default), iep-light, iep-high-contrast"
    )
    parser.add_argument("--theme-dir", type=Path, default=None, metavar="DIR", help="folder of your own themes")
    parser.add_argument(
        "--keys",
        type=Path,
        default=None,
        metavar="FILE",
        help="your own keys for the app's commands (default: keys.toml in the user config folder, if there is one)",
    )
    sharing = parser.add_mutually_exclusive_group()
    sharing.add_argument(
        "--share", action="store_true", help="show the meeting, read-only, in a browser on this computer (a link)"
    )
    sharing.add_argument(
        "--share-lan", action="store_true", help="the same, open to devices on the local network (says who can see it)"
    )


def cmd_run(args: argparse.Namespace) -> int:
    from iep_meeting.tui.launch import run_meeting  # Textual loads only for the commands that need it

    return run_meeting(
        args.plan,
        read_only=args.read_only,
        agenda_dir=args.agenda_dir,
        theme=args.theme,
        theme_dir=args.theme_dir,
        keys_file=args.keys,
        share="lan" if args.share_lan else "here" if args.share else None,
    )


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


def cmd_check(args: argparse.Namespace) -> int:
    listing = available_agendas(args.agenda_dir)
    agendas = {source.agenda.id: source.agenda for source in listing.sources}
    if args.hook:
        verdicts = [commit_verdict(path, agendas, args.agenda_dir) for path in args.plans]
        for verdict in verdicts:
            say(verdict.text, error=verdict.refused)
        return EXIT_FINDINGS if any(v.refused for v in verdicts) else EXIT_OK
    reports = [check_plan_file(path, agendas, args.agenda_dir) for path in args.plans]
    if args.format == "json":
        say(json.dumps({"plans": [report_json(r) for r in reports]}, indent=2))
    else:
        titles = {s.id: s.title for agenda in agendas.values() for s in agenda.sections}
        for report in reports:  # one plan at a time: a reader sees the first at once
            say(report_text(report, titles))
    if any(not r.readable for r in reports):
        return EXIT_UNREADABLE
    # Recommended findings are advice: only a required one makes the plan incomplete.
    return EXIT_FINDINGS if any(r.required_findings for r in reports) else EXIT_OK


def cmd_amend(args: argparse.Namespace) -> int:
    args.new = named_as_plan(args.new)
    loaded = load_plan_file(args.plan)
    final = loaded.plan
    if final.status is not Status.FINAL:
        raise StoreError(
            f"{args.plan} is a draft, not a final plan: keep working on it with "
            f"iep-meeting run {args.plan}. Only a final plan is amended."
        )
    if not final.sign_off.content_sha256:
        raise StoreError(
            f"{args.plan} is marked final but has no content hash, so nobody can tell whether it is the "
            "plan the team agreed. Set its status back to draft and finalize it in the app first."
        )
    if not seal_intact(loaded):
        raise StoreError(
            f"{args.plan} was changed after it was finalized (its content hash does not match), "
            "so it is not the plan the team agreed. Restore the agreed version first; "
            f"iep-meeting check {args.plan} says more."
        )
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
    loaded = load_plan_file(args.last)
    last = loaded.plan
    if last.status is not Status.FINAL:
        raise StoreError(
            f"{args.last} is a draft: next year's plan starts from a final plan. Finish and finalize it with "
            f"iep-meeting run {args.last}, or start from the final plan of last year."
        )
    if not seal_intact(loaded):
        raise StoreError(
            f"{args.last} was changed after it was finalized (its content hash does not match, or it has none), "
            "so it is not the plan the team agreed. Restore the agreed version first; "
            f"iep-meeting check {args.last} says more."
        )
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


def cmd_diff(args: argparse.Namespace) -> int:
    """Like diff(1): 0 when the plans say the same, 1 when they differ, 2 when one cannot be read."""
    plans, unreadable = [], False
    for path in (args.old, args.new):
        try:
            plans.append(load_plan(path))  # format 1 is upgraded in memory: only what the plans say is compared
        except StoreError as error:
            say(f"iep-meeting: {error}", error=True)
            unreadable = True
    if unreadable:
        return EXIT_UNREADABLE
    changes = plan_changes(plans[0], plans[1])
    if args.format == "json":
        say(json.dumps({"old": str(args.old), "new": str(args.new), **changes_json(changes)}, indent=2))
    else:
        say(changes_text(changes, str(args.old), str(args.new)))
    return EXIT_FINDINGS if changes else EXIT_OK


def cmd_agendas(args: argparse.Namespace) -> int:
    listing = available_agendas(args.agenda_dir)
    for source in listing.sources:
        agenda = source.agenda
        minutes = sum(section.minutes for section in agenda.sections)
        note = " (overrides the built-in one)" if source.overrides else ""
        say(f"{agenda.id:<16} {agenda.title} — {len(agenda.sections)} sections, {minutes} min")
        say(f"{'':<16} {source.origin}: {source.path}{note}")
    for error in listing.errors:
        say(f"skipped {error}", error=True)
    return EXIT_OK


def cmd_git_setup(args: argparse.Namespace) -> int:
    for line in git_setup(Path.cwd()):
        say(line)
    say(
        f"Plan files are named *{PLAN_SUFFIX} (iep-meeting new and demo use it); git diff, git log -p and git show "
        "now show them one fact per line. The git config is local: run git-setup again in each clone."
    )
    return EXIT_OK


def cmd_textconv(args: argparse.Namespace) -> int:
    """For git: a plan as lines of facts; a version that is not a readable plan as
    it is, under a line that says so. A path that is not a readable file at all is
    refused as check refuses it (exit code 2)."""
    data = read_bytes(args.plan)
    try:
        text = plan_lines(plan_from_bytes(data, args.plan).plan)
    except FileProblemError as error:
        text = f"(not a readable plan: {error.problems[0].describe()})\n" + data.decode("utf-8", errors="replace")
    sys.stdout.write(visible(text) if not text.endswith("\n") else visible(text[:-1]) + "\n")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    versions = plan_versions(args.plan)
    if not versions:
        say(f"{args.plan}: no commit holds this plan yet.")
        return EXIT_OK
    previous: Version | None = None
    blocks = []
    for version in versions:
        lines = [f"{version.date}  {version.author}  {version.commit[:10]}  {version.path}"]
        if version.plan is None:
            lines.append(f"    {version.problem}")
        elif previous is None or previous.plan is None:
            lines.append("    first version in git")
        else:
            changes = plan_changes(previous.plan, version.plan)
            text = changes_text(changes, previous.commit[:10], version.commit[:10])
            lines += [f"    {line}" for line in text.splitlines()]
        if version.plan is not None:
            previous = version
        blocks.append("\n".join(lines))
    for block in reversed(blocks):  # newest first, as git log
        say(block)
    return EXIT_OK


def cmd_profiles(args: argparse.Namespace) -> int:
    sources, errors = available_profiles(args.agenda_dir)
    for source in sources:
        profile = source.profile
        consent = "every IEP" if profile.consent.every_iep else "the first IEP"
        transfer = "rights transfer" if profile.majority.rights_transfer else "rights stay with the parent"
        say(f"{profile.id:<16} {profile.title}")
        say(
            f"{'':<16} transition at {profile.transition_age}; majority at {profile.age_of_majority}, {transfer}; "
            f"consent to {consent}; signatures: {ENGLISH.label(profile.signatures.meaning)}"
            + (f"; {len(profile.requires)} more required item(s)" if profile.requires else "")
            + ("; every progress report required" if profile.progress_reports.required else "")
        )
        say(f"{'':<16} {'built-in' if source.built_in else 'district'}: {source.path}")
        for line in profile_lines(profile):
            say(f"{'':<16} {line}")
    for error in errors:
        say(f"skipped {error}", error=True)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from iep_meeting.cli.export import export

    return export(
        args.kind,
        args.plan,
        language=args.lang,
        fmt=args.format,
        output=args.output,
        force=args.force,
        user_dir=args.agenda_dir,
        period=args.period,
    )


def cmd_demo(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="iep-meeting-demo-"))
    path = folder / (sample_plan_path().name.removesuffix(".toml") + PLAN_SUFFIX)
    try:
        # The sample's meeting is today and starts now, so the clock and the time boxes run.
        create_plan_file(path, starting_at(load_plan(sample_plan_path()), dt.datetime.now()))
        kept = " It stays there (--keep)." if args.keep else " It is removed when you leave (--keep keeps it)."
        say(f"A copy of the sample plan is in {path} (fictional student).{kept}")
        if args.summary:
            say()
            say(plan_summary(load_plan(path)))
            return EXIT_OK
        args.plan = path
        return cmd_run(args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except StoreError as error:
        say(f"iep-meeting: {error}", error=True)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`iep-meeting check … | head`): stop quietly
        quiet_closed_output()
        return EXIT_CLOSED_PIPE


if __name__ == "__main__":
    sys.exit(main())
