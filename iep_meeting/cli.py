"""The `iep-meeting` command line: parse arguments, call the layers, exit codes.

Exit codes: 0 success / clean, 1 findings, 2 a file could not be read or the
command could not be carried out (the message says why; never a traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .checking import PlanReport, check_plan_file
from .model.edits import new_plan
from .resources import sample_plan_path
from .store.agenda_files import available_agendas, find_agenda
from .store.errors import StoreError
from .store.plan_file import create_plan_file, load_plan
from .summary import plan_summary

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-09-01") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iep-meeting",
        description="Run a facilitated IEP meeting from the terminal and record every "
        "decision into a TOML plan file.",
    )
    parser.add_argument("--version", action="version", version=f"iep-meeting {__version__}")
    parser.add_argument(
        "--agenda-dir",
        type=Path,
        metavar="DIR",
        help="folder of your own agendas (default: $IEP_MEETING_AGENDAS, else the user config folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser("new", help="create a draft plan from an agenda")
    new.add_argument("plan", type=Path, metavar="PLAN", help="the plan file to create (.toml)")
    new.add_argument("--student", required=True, metavar="NAME", help="the student's name")
    new.add_argument("--agenda", required=True, metavar="ID", help="agenda id (see: iep-meeting agendas)")
    new.add_argument(
        "--date", type=_date, default=None, metavar="YYYY-MM-DD", help="meeting date (default: today)"
    )
    new.set_defaults(handler=cmd_new)

    check = commands.add_parser("check", help="read plans and report problems")
    check.add_argument("plans", type=Path, nargs="+", metavar="PLAN")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(handler=cmd_check)

    agendas = commands.add_parser("agendas", help="list the agendas available and where each comes from")
    agendas.set_defaults(handler=cmd_agendas)

    run = commands.add_parser("run", help="run the meeting on a plan (the app)")
    run.add_argument("plan", type=Path, metavar="PLAN")
    _add_app_options(run)
    run.set_defaults(handler=cmd_run)

    demo = commands.add_parser("demo", help="open a copy of the bundled sample plan in the app")
    demo.add_argument("--summary", action="store_true", help="print a summary of the copy instead of opening it")
    _add_app_options(demo)
    demo.set_defaults(handler=cmd_demo)
    return parser


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--read-only", action="store_true", help="open without changing the file")
    parser.add_argument("--theme", default=None, metavar="NAME", help="iep-dark (default), iep-light, iep-high-contrast")
    parser.add_argument("--theme-dir", type=Path, default=None, metavar="DIR", help="folder of your own themes")


def cmd_run(args: argparse.Namespace) -> int:
    from .launch import run_meeting  # the app (Textual) loads only for commands that need it

    return run_meeting(args.plan, read_only=args.read_only, agenda_dir=args.agenda_dir,
                       theme=args.theme, theme_dir=args.theme_dir)


def cmd_new(args: argparse.Namespace) -> int:
    source = find_agenda(args.agenda, args.agenda_dir)
    plan = new_plan(args.student, source.agenda, args.date or dt.date.today())
    path = create_plan_file(args.plan, plan)
    print(f"Created {path} ({source.agenda.title}, draft) for {args.student}.")
    print(f"Next: iep-meeting check {args.plan}")
    return EXIT_OK


def _report_json(report: PlanReport) -> dict:
    entry: dict = {"path": str(report.path)}
    if report.error is not None:
        entry["status"] = "unreadable"
        entry["problems"] = [
            {
                "message": problem.message,
                "line": problem.line,
                "column": problem.column,
                "key": ".".join(str(part) for part in problem.key_path),
            }
            for problem in report.error.problems
        ]
        return entry
    entry["status"] = "findings" if report.findings else "ok"
    entry["findings"] = [
        {
            "rule": finding.rule,
            "severity": finding.severity.value,
            "message": finding.message,
            "citation": finding.citation,
            "location": finding.location,
        }
        for finding in report.findings
    ]
    return entry


def _report_text(report: PlanReport) -> str:
    if report.error is not None:
        return str(report.error)
    if not report.findings:
        return f"{report.path}: ok"
    lines = [f"{report.path}: {len(report.findings)} finding(s)"]
    for finding in report.findings:
        cite = f" ({finding.citation})" if finding.citation else ""
        lines.append(f"  [{finding.severity.value}] {finding.rule}: {finding.message}{cite}")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    listing = available_agendas(args.agenda_dir)
    known = {source.agenda.id for source in listing.sources}
    reports = [check_plan_file(path, known) for path in args.plans]
    if args.format == "json":
        print(json.dumps({"plans": [_report_json(r) for r in reports]}, indent=2))
    else:
        print("\n".join(_report_text(r) for r in reports))
    if any(not r.readable for r in reports):
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if any(r.findings for r in reports) else EXIT_OK


def cmd_agendas(args: argparse.Namespace) -> int:
    listing = available_agendas(args.agenda_dir)
    for source in listing.sources:
        agenda = source.agenda
        minutes = sum(section.minutes for section in agenda.sections)
        note = " (overrides the built-in one)" if source.overrides else ""
        print(f"{agenda.id:<16} {agenda.title} — {len(agenda.sections)} sections, {minutes} min")
        print(f"{'':<16} {source.origin}: {source.path}{note}")
    for error in listing.errors:
        print(f"skipped {error}", file=sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="iep-meeting-demo-"))
    path = folder / sample_plan_path().name
    shutil.copyfile(sample_plan_path(), path)
    path.chmod(0o600)
    print(f"A copy of the sample plan is in {path} (fictional student).")
    if args.summary:
        print()
        print(plan_summary(load_plan(path)))
        return EXIT_OK
    args.plan = path
    return cmd_run(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except StoreError as error:
        print(f"iep-meeting: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
