"""`iep-meeting caseload`: its options (what it prints or writes is
cli/caseload_output.py, loaded when it runs), and `iep-meeting` with no command,
the caseload of this folder as a screen (tui/caseload/)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from iep_meeting.cli.output import EXIT_UNREADABLE, say
from iep_meeting.cli.progress_bar import on_a_terminal


def add_caseload_command(
    commands: argparse._SubParsersAction[Any],
    date: Callable[[str], dt.date],
    handler: Callable[[argparse.Namespace], int],
) -> None:
    caseload_parser = commands.add_parser(
        "caseload",
        help="what is due, overdue and open across every plan under some folders (or --export edfi DIR); "
        "iep-meeting with no command shows it as a screen",
    )
    caseload_parser.add_argument(
        "folders", type=Path, nargs="*", metavar="FOLDER", help="where the plans are (default: this folder)"
    )
    caseload_parser.add_argument(
        "--as-of", type=date, default=None, metavar="YYYY-MM-DD", help="the day to count from (default: today)"
    )
    caseload_parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    caseload_parser.add_argument(
        "--export",
        nargs=2,
        metavar=("edfi", "DIR"),
        help="write the caseload as Ed-Fi JSON Lines files into DIR instead (see docs/caseload.md)",
    )
    caseload_parser.add_argument(
        "--education-organization-id",
        type=int,
        metavar="ID",
        help="with --export edfi: the Ed-Fi educationOrganizationId of the district (LEA)",
    )
    caseload_parser.add_argument(
        "--descriptor-namespace",
        default="uri://ed-fi.org",
        metavar="URI",
        help="with --export edfi: the namespace of the descriptors (default: uri://ed-fi.org)",
    )
    caseload_parser.add_argument(
        "--no-cache", action="store_true", help="read every plan, and keep nothing in the user cache folder"
    )
    caseload_parser.set_defaults(handler=handler)


def cmd_caseload_app(args: argparse.Namespace) -> int:
    """`iep-meeting` with no command: in a terminal, the caseload of this folder as a screen."""
    if not on_a_terminal(sys.stdin, sys.stdout):
        say(
            "iep-meeting: give a command (iep-meeting --help lists them). With no command, in a terminal, "
            "iep-meeting shows the caseload of the current folder; iep-meeting caseload prints it.",
            error=True,
        )
        return EXIT_UNREADABLE
    from iep_meeting.tui.caseload.launch import run_caseload  # Textual loads only for the screen

    return run_caseload(Path.cwd(), agenda_dir=args.agenda_dir)
