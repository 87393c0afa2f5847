"""Before the meeting: `iep-meeting prepare` (what the family gets ahead: the
agenda, the draft as a proposal, the input form; documents/prepared.py makes
them) and `iep-meeting import-input` (the family's answers into the plan,
word for word: model/family_input.py, read by store/answers_file.py).

    iep-meeting prepare PLAN [--lang en|es] [--out DIR] [--force]
    iep-meeting import-input PLAN ANSWERS.json [--topics agenda|parking-lot] [--yes]

A second import shows what it changes and asks first (`--yes` takes it
without asking, for scripts; without a terminal to ask on, nothing is written).
A file that is not a form's answers, or is about another student, is refused
with what is wrong in it, and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from iep_meeting.cli.output import say
from iep_meeting.meeting.timeboxes import fit, meeting_length
from iep_meeting.model.agenda import agenda_id_for, sections_for
from iep_meeting.model.family_input import TOPIC_PLACES, TOPICS_TO_AGENDA, not_for_this_plan, take_in
from iep_meeting.model.plan import Status
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.answers_file import read_answers
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_file import PlanFile, load_plan
from iep_meeting.store.profile_files import profile_for

EXIT_OK, EXIT_NOT_TAKEN = 0, 1


def register(commands: Any) -> None:
    """Add `prepare` and `import-input` to the command line's subcommands."""
    prepare = commands.add_parser(
        "prepare",
        help="before the meeting: the agenda, the draft as a proposal and the family's input form, to send ahead",
        description="Write, for the family and in their language, the meeting's agenda, the draft plan marked on "
        "every page as a proposal for discussion, and an input form that works offline in any browser.",
    )
    prepare.add_argument("plan", type=Path, metavar="PLAN", help="the draft plan")
    prepare.add_argument("--lang", metavar="LANG", help="en or es (default: the family's language in the plan)")
    prepare.add_argument(
        "--out", type=Path, metavar="DIR", help="an existing folder to write into (default: the plan's)"
    )
    prepare.add_argument("--force", action="store_true", help="replace files written before")
    prepare.set_defaults(handler=cmd_prepare)

    take = commands.add_parser(
        "import-input",
        help="take the family's answers (the form's saved file) into the plan, word for word",
        description="Put each answer of the family's input form where the team discusses it, marked as from "
        "the family's form; what the team wrote is never changed.",
    )
    take.add_argument("plan", type=Path, metavar="PLAN", help="the draft plan")
    take.add_argument("answers", type=Path, metavar="ANSWERS", help="the file the form saved (.json)")
    take.add_argument(
        "--topics",
        choices=TOPIC_PLACES,
        default=TOPICS_TO_AGENDA,
        help="where the family's topics go: the agenda's family topics (default) or the parking lot",
    )
    take.add_argument("--yes", action="store_true", help="take a second form's changes without asking")
    take.set_defaults(handler=cmd_import_input)


def cmd_prepare(args: argparse.Namespace) -> int:
    from iep_meeting.documents.export import by_code_note  # the documents load only for this command
    from iep_meeting.documents.prepared import PREPARED_WORDS, prepare_documents

    plan = load_plan(args.plan)
    agenda = find_agenda(agenda_id_for(plan), args.agenda_dir).agenda
    sections = sections_for(agenda, plan, profile_for(plan, agenda, args.agenda_dir))
    fitting = fit(sections, meeting_length(plan.meeting.start_time, plan.meeting.planned_end))
    minutes = {budget.section_id: budget.minutes for budget in fitting.budgets}
    written = prepare_documents(
        args.plan, plan, sections, minutes, language=args.lang, out=args.out, force=args.force, user_dir=args.agenda_dir
    )
    if plan.meeting.date is not None and plan.meeting.date < dt.date.today():
        say(
            f"warning: the plan's meeting date, {plan.meeting.date}, has passed, and these documents give it to "
            f"the family. A new date goes in the plan first (iep-meeting run {args.plan}: Welcome and start-up, "
            "Date of this meeting); then prepare again with --force.",
            error=True,
        )
    for made in written:
        say(f"Wrote {PREPARED_WORDS[made.kind]} ({made.language}, {made.format.upper()}) to {made.path}.")
        if made.by_code:
            say(f"warning: {by_code_note(made.by_code)}", error=True)
    if not any(made.format == "pdf" for made in written):
        say(
            "No PDFs: the typst package is not installed here (pip install typst); the HTML files print from a browser."
        )
    say(
        "Send them to the family ahead of the meeting, the way the district sends documents. When their answers "
        f"come back: iep-meeting import-input {args.plan} ANSWERS.json"
    )
    return EXIT_OK


def cmd_import_input(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers, args.agenda_dir)  # refused before the plan is opened or locked
    with PlanFile.open(args.plan) as plan_file:
        if plan_file.readonly:
            raise StoreError(f"{args.plan}: nothing written: {plan_file.readonly_reason}.")
        plan = plan_file.plan
        if plan.status is Status.FINAL:
            raise StoreError(
                f"{args.plan} is final: the family's input goes into a draft, before the meeting. "
                f"Nothing was written; a change to a final plan is an amendment (iep-meeting amend)."
            )
        other = not_for_this_plan(answers, plan)
        if other is not None:
            raise StoreError(f"{args.answers}: {other}. Nothing was written.")
        result = take_in(plan, answers, args.topics)
        if answers.meeting_date is not None and answers.meeting_date != plan.meeting.date:
            say(
                f"Note: the form was made for the meeting of {answers.meeting_date}; "
                f"this plan's meeting is on {plan.meeting.date or 'a day not set yet'}."
            )
        if not result.changes:
            say(f"{args.plan} already holds these answers (the family's form of {answers.saved}): nothing to do.")
            return EXIT_OK
        if result.earlier is not None:
            say(f"{args.plan} holds the family's form of {result.earlier}. This one, of {answers.saved}, changes:")
            for line in result.changes:
                say(f"  {line}")
            if not _confirmed(args.yes):
                say(f"Nothing was written. Run again with --yes to take these changes into {args.plan}.")
                return EXIT_NOT_TAKEN
        plan_file.save(result.plan)
    taken = f"Took the family's answers (their form of {answers.saved}) into {args.plan}, word for word"
    if result.earlier is None:
        say(f"{taken}:")
        for line in result.changes:
            say(f"  {line}")
    else:
        say(f"{taken}: the changes above.")
    concerns = len(result.plan.present_levels.concerns)
    if concerns:
        which = "the concern" if concerns == 1 else f"each of the {concerns} concerns"
        say(
            f"In the meeting, link {which} to what answers it (present levels); "
            "the checklist names any still unanswered."
        )
    say(f"Next, the agenda and the proposal again with their answers in them: iep-meeting prepare {args.plan} --force")
    return EXIT_OK


def _confirmed(yes: bool) -> bool:
    """`--yes`, or a "y" typed at the terminal; never without one to ask on."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        answer = input("Take these changes into the plan? [y/N] ")
    except EOFError:
        return False
    return answer.strip().casefold() in ("y", "yes")
