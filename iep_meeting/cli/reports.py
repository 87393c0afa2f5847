"""Commands that read plans, agendas and profiles and say what they find:
`check`, `diff`, `agendas`, `profiles`. Loaded when one of them runs (cli/main.py: `later`)."""

from __future__ import annotations

import argparse
import json

from iep_meeting.cli.output import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, say
from iep_meeting.documents.check_report import report_json, report_text
from iep_meeting.documents.diff_report import changes_json, changes_text
from iep_meeting.documents.profile_report import profile_lines
from iep_meeting.model.diff import plan_changes
from iep_meeting.store.agenda_files import available_agendas
from iep_meeting.store.commit_check import commit_verdict
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.plan_file import load_plan
from iep_meeting.store.profile_files import available_profiles
from iep_meeting.words.labels import ENGLISH


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
