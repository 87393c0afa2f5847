"""`iep-meeting respond`: the family's response to a proposed IEP, recorded when
it comes after the meeting (Massachusetts: accepted in full, or rejected in
full or in part, 603 CMR 28.05(7)).

    iep-meeting respond PLAN --accepted [--date …] [--by …] [--note …]
    iep-meeting respond PLAN --accepted-in-part "what is rejected" …
    iep-meeting respond PLAN --rejected …

The answer goes into the final plan's `[[responses]]`, outside its seal
(store/after_final.py): the plan the team proposed stays as it was sealed.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from iep_meeting.cli.output import say
from iep_meeting.model.plan import FamilyResponse, ResponseAnswer
from iep_meeting.store.errors import StoreError


def register(commands: Any, date_type: Any) -> None:
    """Add the `respond` command to the command line's subcommands."""
    respond = commands.add_parser(
        "respond",
        help="record the family's response to a final (proposed) plan, given after the meeting",
        description="Record in a final plan, outside its seal, how the family answered the proposed IEP.",
    )
    respond.add_argument("plan", metavar="PLAN", help="the final plan the family answered")
    answer = respond.add_mutually_exclusive_group(required=True)
    answer.add_argument("--accepted", action="store_true", help="accepted in full")
    answer.add_argument(
        "--accepted-in-part",
        metavar="REJECTED",
        help="accepted in part: what is rejected, in the family's words (the rest is accepted)",
    )
    answer.add_argument("--rejected", action="store_true", help="rejected in full")
    respond.add_argument("--date", type=date_type, metavar="YYYY-MM-DD", help="when it was received (default: today)")
    respond.add_argument("--by", default="", metavar="NAME", help='who answered, e.g. "Renata Vance, parent"')
    respond.add_argument("--note", default="", help="anything else said with the answer")
    respond.set_defaults(handler=cmd_respond)


def response_from(args: argparse.Namespace, today: dt.date) -> FamilyResponse:
    """The response the options describe; StoreError for one that says nothing."""
    if args.accepted_in_part is not None:
        rejected = " ".join(args.accepted_in_part.split())
        if not rejected:
            raise StoreError("respond: --accepted-in-part needs what is rejected, in the family's words")
        answer = ResponseAnswer.ACCEPTED_IN_PART
    else:
        rejected = ""
        answer = ResponseAnswer.ACCEPTED if args.accepted else ResponseAnswer.REJECTED
    return FamilyResponse(
        date=args.date or today, answer=answer, by=args.by.strip(), rejected=rejected, note=args.note.strip()
    )


def cmd_respond(args: argparse.Namespace) -> int:
    from iep_meeting.store.after_final import record_response_after_final  # read when it runs
    from iep_meeting.store.plan_file import load_plan

    path = Path(args.plan)
    response = response_from(args, dt.date.today())
    shown = load_plan(path)  # refuses, in words, what is not a readable plan
    finalized = shown.sign_off.finalized
    if finalized is not None and response.date < finalized:
        raise StoreError(
            f"respond: {response.date} is before the plan was finalized ({finalized}); "
            "the family answers the proposed IEP after it"
        )
    record_response_after_final(path, shown, response)
    words = {
        ResponseAnswer.ACCEPTED: "accepted in full",
        ResponseAnswer.ACCEPTED_IN_PART: f"accepted in part (rejected: {response.rejected})",
        ResponseAnswer.REJECTED: "rejected in full",
    }[response.answer]
    say(f"{path}: the family's response of {response.date} is recorded: {words}. The plan's seal still holds.")
    return 0
