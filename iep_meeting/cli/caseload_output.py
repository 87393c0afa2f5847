"""What `iep-meeting caseload` prints (a table, JSON or CSV) or writes (`--export
edfi DIR`: Ed-Fi records a district loads, documents/edfi.py), from the rows
store/caseload_scan.py reads. The command's options: cli/caseload.py.

Exit codes: 0 nothing is overdue, 1 something is overdue, 2 a file or folder
could not be read (listed with the rest) or the command could not be carried out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from iep_meeting.cli.output import EXIT_OK, EXIT_UNREADABLE, say
from iep_meeting.cli.progress_bar import ProgressBar, on_a_terminal
from iep_meeting.documents.caseload_report import caseload_csv, caseload_json, caseload_table
from iep_meeting.documents.edfi import FILE_SUFFIX, RESOURCES, EdFiOptions, edfi_records, json_lines
from iep_meeting.model.caseload import CaseItem, Caseload, Urgency
from iep_meeting.model.plan import Plan
from iep_meeting.store.atomic import write_atomic
from iep_meeting.store.caseload_scan import read_caseload
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_file import load_plan
from iep_meeting.words.phrases import plural

EXIT_OVERDUE = 1


def shown_path(path: str) -> str:
    """A file as the reader sees it: relative to this folder when it is under it."""
    relative = os.path.relpath(path)
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def cmd_caseload(args: argparse.Namespace) -> int:
    folders = args.folders or [Path(".")]
    as_of = args.as_of or dt.date.today()
    export = args.export
    if export is not None and export[0] != "edfi":
        raise StoreError(f"--export knows one kind, edfi (Ed-Fi JSON Lines), not '{export[0]}'.")
    if export is not None and args.education_organization_id is None:
        raise StoreError(
            "--export edfi needs --education-organization-id ID: the district's Ed-Fi educationOrganizationId, "
            "which every record names."
        )
    watching = args.format == "table" and export is None and on_a_terminal(sys.stdout, sys.stderr)
    bar = ProgressBar("Reading plans") if watching else None
    try:
        rows = read_caseload(folders, as_of, args.agenda_dir, use_cache=not args.no_cache, progress=bar)
    finally:
        if bar is not None:
            bar.finish()
    if export is not None:
        options = EdFiOptions(
            education_organization_id=args.education_organization_id, descriptor_namespace=args.descriptor_namespace
        )
        _export_edfi(rows, Path(export[1]), options)
    elif args.format == "json":
        say(json.dumps(caseload_json(rows, shown_path), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write(caseload_csv(rows, shown_path))
    else:
        say(caseload_table(rows, shown_path))
    if rows.unreadable_count:
        return EXIT_UNREADABLE  # (an export without those plans)
    if export is not None:  # a nightly job reads the code as the export's: it was written whole
        return EXIT_OK
    return EXIT_OVERDUE if any(row.state is Urgency.OVERDUE for row in rows.rows) else EXIT_OK


def _export_edfi(rows: Caseload, folder: Path, options: EdFiOptions) -> None:
    plans: dict[str, Plan] = {}
    for student in rows.students:
        if not student.id.strip():
            continue
        for facts in student.plans:
            if facts.final:
                try:
                    plans[facts.path] = load_plan(Path(facts.path))
                except StoreError as error:
                    say(f"left out: {error}", error=True)
    for row in rows.rows:
        if row.item is CaseItem.UNREADABLE:
            say(f"left out: {shown_path(row.plan)}: {row.detail}", error=True)
    export = edfi_records(rows.students, plans, rows.as_of, options)
    for resource in RESOURCES:
        path = folder / f"{resource}{FILE_SUFFIX}"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(path, json_lines(export.records[resource]).encode("utf-8"))
        except OSError as error:
            raise StoreError(f"could not write {path}: {error.strerror or error}") from None
        say(f"Wrote {plural(len(export.records[resource]), 'record')} to {path}.")
    for note in export.left_out:
        say(f"left out: {note}", error=True)
