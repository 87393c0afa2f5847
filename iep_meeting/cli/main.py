"""The `iep-meeting` command line: parse arguments, call the layers, exit codes.

Exit codes: 0 success / nothing required is missing, 1 a required finding, 2 a file could not be read or the
command could not be carried out (the message says why; never a traceback).

Every command's options are known up front (for --help and for parsing), but
a command's own modules load only when it runs (`later`): `run` does not wait
for the caseload's, git's or the exports' code, nor `textconv`, which git starts
once for each version of a plan it shows, for the app's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from iep_meeting import __version__
from iep_meeting.cli.caseload import add_caseload_command, cmd_caseload_app
from iep_meeting.cli.output import EXIT_OK, EXIT_UNREADABLE, quiet_closed_output, say
from iep_meeting.cli.prepare import register as register_prepare
from iep_meeting.cli.progress import register as register_progress
from iep_meeting.cli.respond import register as register_respond
from iep_meeting.model.plan import SCHEMA_VERSION
from iep_meeting.store.errors import StoreError
from iep_meeting.words.visible import visible

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_CLOSED_PIPE = 128 + 13  # as a program killed by SIGPIPE, which shells know

Handler = Callable[[argparse.Namespace], int]


def later(module: str, name: str) -> Handler:
    """The command `name` of cli/<module>.py, imported when the command runs."""

    def handler(args: argparse.Namespace) -> int:
        command: Handler = getattr(importlib.import_module(f"iep_meeting.cli.{module}"), name)
        return command(args)

    return handler


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

    demo = commands.add_parser("demo", help="open a copy of the bundled sample plan in the app")
    demo.add_argument("--summary", action="store_true", help="print a summary of the copy instead of opening it")
    demo.add_argument("--keep", action="store_true", help="keep the copy (it is removed when the app exits)")
    _add_app_options(demo)
    demo.set_defaults(handler=cmd_demo)

    run = commands.add_parser("run", help="run the meeting on a plan (the app)")
    run.add_argument("plan", type=Path, metavar="PLAN")
    _add_app_options(run)
    run.set_defaults(handler=cmd_run)

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
    new.set_defaults(handler=later("plans", "cmd_new"))

    register_prepare(commands)

    check = commands.add_parser("check", help="read plans and report problems")
    check.add_argument("plans", type=Path, nargs="+", metavar="PLAN")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--hook",
        action="store_true",
        help="as a pre-commit hook: fail only on what must never be committed (an unreadable plan, "
        "a final plan edited after finalizing, a lock or temporary file); drafts pass with a note",
    )
    check.set_defaults(handler=later("reports", "cmd_check"))

    export = commands.add_parser(
        "export",
        help="make a document from a plan: the family's copy, the full IEP, Prior Written Notices, teachers' pages, "
        "the family's progress report",
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

    register_respond(commands, _date)

    amend = commands.add_parser(
        "amend", help="start an amendment of a final plan: a new draft that names the plan it changes"
    )
    amend.add_argument("plan", type=Path, metavar="PLAN", help="the final plan to amend")
    amend.add_argument("new", type=Path, metavar="NEW", help="the amendment's plan file to create (.toml)")
    amend.add_argument(
        "--date", type=_date, default=None, metavar="YYYY-MM-DD", help="date of the amendment meeting (default: today)"
    )
    amend.set_defaults(handler=later("plans", "cmd_amend"))

    register_progress(commands, _date)

    add_caseload_command(commands, _date, later("caseload_output", "cmd_caseload"))

    diff = commands.add_parser(
        "diff", help="what changed between two plans, in plain words (exit code 0: nothing, 1: something changed)"
    )
    diff.add_argument(
        "old", type=Path, metavar="OLD", help="the earlier plan (e.g. the final plan an amendment changes)"
    )
    diff.add_argument("new", type=Path, metavar="NEW", help="the later plan")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.set_defaults(handler=later("reports", "cmd_diff"))

    history = commands.add_parser("history", help="each commit that changed a plan: date, author, what changed")
    history.add_argument("plan", type=Path, metavar="PLAN")
    history.set_defaults(handler=later("git_commands", "cmd_history"))

    upgrade = commands.add_parser(
        "upgrade", help=f"rewrite plans of older formats in plan format {SCHEMA_VERSION}, saying what changed"
    )
    upgrade.add_argument("plans", type=Path, nargs="+", metavar="PLAN")
    upgrade.set_defaults(handler=later("plans", "cmd_upgrade"))

    git_setup_command = commands.add_parser(
        "git-setup", help="set up the git repository here so diffs, logs and shows of plans speak plain words"
    )
    git_setup_command.set_defaults(handler=later("git_commands", "cmd_git_setup"))

    textconv = commands.add_parser("textconv", help="a plan as one line per fact (what git shows; see git-setup)")
    textconv.add_argument("plan", type=Path, metavar="FILE")
    textconv.set_defaults(handler=later("git_commands", "cmd_textconv"))

    agendas = commands.add_parser("agendas", help="list the agendas available and where each comes from")
    agendas.set_defaults(handler=later("reports", "cmd_agendas"))

    profiles = commands.add_parser("profiles", help="list the state rule profiles the checklist can follow")
    profiles.set_defaults(handler=later("reports", "cmd_profiles"))
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
    from iep_meeting.cli.plans import demo_copy, plan_summary_of

    folder = Path(tempfile.mkdtemp(prefix="iep-meeting-demo-"))
    try:
        path = demo_copy(folder)
        kept = " It stays there (--keep)." if args.keep else " It is removed when you leave (--keep keeps it)."
        say(f"A copy of the sample plan is in {path} (fictional student).{kept}")
        if args.summary:
            say()
            say(plan_summary_of(path))
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
