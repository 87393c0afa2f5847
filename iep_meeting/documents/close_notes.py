"""What the close section says about the plan, in the app's words: one line for
each action item, parking-lot topic, participant's sign-off and family's copy,
and the notes about the parking lot and a meeting closed "to be continued".

Plain text from model values (documents/ renders, it does not decide), so the
screen, a summary or a test read the same words.
"""

from __future__ import annotations

from iep_meeting.model.plan import ActionItem, FamilyCopy, ParkingLotItem, ParkingLotState, Plan, Signature
from iep_meeting.words.labels import ACTION_DONE_MARK, AGREEMENT_MARK, label, mark

SIGNOFF_NOTE = (
    "Nothing is final until every required item below is done and the team finalizes. The family "
    "does not have to sign today: close as “to be continued” and the open items are kept for a "
    "follow-up meeting."
)


def one_line(text: str, limit: int = 60) -> str:
    """`text` on one line, cut with "…" past `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarize_copy(copy: FamilyCopy) -> str:
    how = label(copy.method) if copy.method else "how not recorded yet"
    made = f" · made by the app ({copy.document}, sha256 {copy.sha256[:12]}…)" if copy.sha256 else ""
    return f"{copy.language or 'English'} · {how} · {copy.date or 'no date yet'}{made}"


def copies_after_final_text(plan: Plan) -> str:
    """The copies the app made after the plan was finalized (recorded outside its seal)."""
    lines = [
        f"• {copy.language or 'English'} · {copy.document} · {copy.date} · sha256 {copy.sha256[:12]}…"
        for copy in plan.copies_after_final
    ]
    return "\n".join(["Copies made after finalizing (recorded outside the seal):", *lines])


def summarize_signature(signature: Signature) -> str:
    return f"{AGREEMENT_MARK[signature.agrees]} — {signature.name or '(no name)'} — {label(signature.role)}"


def follow_up_text(plan: Plan) -> str:
    """What a meeting closed as "to be continued" left open ("" for one that was not)."""
    follow_up = plan.follow_up
    if follow_up is None or follow_up.closed is None:
        return ""
    when = f" on {follow_up.date}" if follow_up.date else " (date not set yet)"
    items = "".join(f"\n  • {item}" for item in follow_up.open_items) or "\n  (no open items were listed)"
    return (
        f"◐ This meeting was closed on {follow_up.closed} as to be continued; follow-up meeting{when}. "
        f"Open then:{items}"
    )


def summarize_action(item: ActionItem) -> str:
    due = f"by {item.due}" if item.due else "no date yet"
    what = one_line(item.what) or "(not written yet)"
    return f"{ACTION_DONE_MARK[item.done]} — {item.owner or '(no owner yet)'} — {due} — {what}"


def summarize_parking(item: ParkingLotItem) -> str:
    by = f" (raised by {item.raised_by})" if item.raised_by else ""
    return f"{mark(item.state)} — {one_line(item.topic) or '(no topic yet)'}{by}"


def open_count_text(plan: Plan) -> str:
    """How many parking-lot topics are still open."""
    items = plan.parking_lot
    open_items = sum(item.state is ParkingLotState.OPEN for item in items)
    if not items:
        return "✓ Nothing was put in the parking lot."
    if open_items == 0:
        return f"✓ No open items: all {len(items)} resolved or carried to a follow-up meeting."
    return (
        f"! {open_items} open item{'s' if open_items != 1 else ''} of {len(items)}: "
        "answer each today, or carry it to a follow-up meeting."
    )
