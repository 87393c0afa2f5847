"""Prior Written Notice drafts (34 CFR 300.503): one notice for each decision
of the meeting in which the school proposes or refuses something.

A notice follows from the decisions made (writing it before the meeting would
suggest predetermination), so it is built from `plan.decisions`: each decision
whose `action` is set (the app asks "For the Prior Written Notice: does the
school propose something, or refuse it?" when a decision is recorded) becomes
one notice, on its own page, that says what 300.503(b) asks:

1. what the school proposes or refuses (the decision's `action`, `subject`, `what`);
2. why (`reasons`);
3. each evaluation, record or report used (`evaluations_used`);
4. that the parents have protection under the procedural safeguards, and how
   to get a copy (the district's words);
5. sources of help to understand IDEA (the district's words);
6. the other options considered and why each was rejected (`options`);
7. other relevant factors (`other_factors`);

and whom to ask about it (the district's words). What the meeting did not
record is shown as "(not recorded in the meeting)", never made up. The
district's fixed parts come from `<user agenda dir>/district.toml`
(store/district_files.py); in a language the district has not written them in,
they are shown in English, marked as such.

Every notice is a DRAFT, on every page, even from a final plan: the district
reviews it before it is sent. `prior_notice(plan, strings, words)` builds the
`Document`; `build_notice` is the export's builder (it reads the district file).
"""

from __future__ import annotations

from pathlib import Path

from iep_meeting.documents.document import (
    Block,
    Document,
    Facts,
    Line,
    Paragraph,
    Piece,
    Section,
    date_words,
    fill,
    typed,
)
from iep_meeting.documents.family_parts import district_piece
from iep_meeting.documents.full_plan import capital, options_block
from iep_meeting.documents.plan_parts import recorded, status_words
from iep_meeting.model.plan import Decision, Plan
from iep_meeting.store.district_files import DistrictWords, NoticeWords, load_district
from iep_meeting.store.errors import StoreError
from iep_meeting.words.locale import Strings
from iep_meeting.words.phrases import listing

# What the app calls the field a notice needs (tui/dialogs/record/decision.py).
ACTION_QUESTION = "For the Prior Written Notice: does the school propose something, or refuse it?"


def notice_decisions(plan: Plan) -> list[Decision]:
    """The decisions a notice follows from; StoreError, saying what to fill in, when there are none."""
    if not plan.decisions:
        raise StoreError(
            "export notice: the plan has no decisions, so there is no Prior Written Notice to write. "
            "A notice follows from what the team decided: record each decision in the meeting "
            "(the command “Record a decision”, F2 unless you changed the key)."
        )
    chosen = [decision for decision in plan.decisions if decision.action is not None]
    if not chosen:
        lines = "\n".join(
            f"- {_decision_words(number, decision)}: {listing(_missing(decision))}"
            for number, decision in enumerate(plan.decisions, start=1)
        )
        raise StoreError(
            "export notice: no notice was made. A Prior Written Notice follows from a decision in which the "
            "school proposes or refuses something, and no decision of this plan says that yet. "
            f"Each decision still needs:\n{lines}\n"
            "To record it in the app: open the decision log (F8 unless you changed the key), pick the decision, "
            f"and answer “{ACTION_QUESTION}”; the notice's other fields are below that question. In the plan "
            'file: the decision\'s action = "proposes" or "refuses", with subject, reasons and evaluations_used. '
            "A plan in format 1 has no place for them: upgrade it first (iep-meeting upgrade PLAN)."
        )
    return chosen


# What a notice needs from a decision (34 CFR 300.503(b)), in the app's words.
NOTICE_PARTS = (
    ("action", "whether the school proposes or refuses something"),
    ("subject", "what it is about"),
    ("reasons", "why"),
    ("evaluations_used", "the evaluations, records and reports used"),
)


def _missing(decision: Decision) -> list[str]:
    return [words for field, words in NOTICE_PARTS if not str(getattr(decision, field) or "").strip()]


def _decision_words(number: int, decision: Decision) -> str:
    """ "Decision 2 (March 12, 16:21): “Reading and writing instruction in the …”" """
    words = decision.what.split()
    what = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return f"Decision {number} ({decision.time:%B} {decision.time.day}, {decision.time:%H:%M}): “{what}”"


def _district(words: DistrictWords, s: Strings) -> Line:
    """The district's text: its own words in the notice's language, else marked as English."""
    return (district_piece(words, s),)


def _options(decision: Decision, s: Strings) -> Block:
    caption = s.text("notice.options_caption")
    return options_block(decision, s, caption) or Paragraph((f"{caption}: ", s.text("blank.not_recorded")))


def _agreement(decision: Decision, s: Strings) -> Line:
    line: list[Piece] = [s.text(f"outcome.{decision.outcome.value}")]
    if decision.disagreed.strip():
        line += [f". {s.text('decision.disagreed')}: ", *typed(decision.disagreed)]
    return tuple(line)


def _notice_section(plan: Plan, decision: Decision, number: int, s: Strings, district: NoticeWords) -> Section:
    assert decision.action is not None
    action = decision.action.value
    student = plan.student.name.strip()
    subject = (capital(s.text(f"subject.{decision.subject.value}")),) if decision.subject is not None else ()
    lead = fill(s, f"notice.{action}_lead", district=district_piece(district.district, s), student=student)
    what = Facts(
        s.text("notice.what_title"),
        (
            (s.text(f"notice.{action}_what"), recorded(typed(decision.what), s)),
            (s.text("notice.subject"), recorded(subject, s)),
            (s.text("notice.decided"), (date_words(s, decision.time.date()),)),
            (s.text("notice.why"), recorded(typed(decision.reasons), s)),
            (s.text("notice.based_on"), recorded(typed(decision.evaluations_used), s)),
            (s.text("notice.other_factors"), recorded(typed(decision.other_factors), s)),
            (s.text("notice.agreement"), _agreement(decision, s)),
        ),
    )
    rights = Facts(
        s.text("notice.rights_title"),
        (
            (s.text("notice.safeguards"), (s.text("notice.safeguards_are"), " ", *_district(district.safeguards, s))),
            (s.text("notice.help"), _district(district.help, s)),
            (s.text("notice.contact"), _district(district.contact, s)),
        ),
    )
    heading = s.text(f"notice.{action}_heading", number=number)
    return Section(f"notice-{number}", heading, (Paragraph(lead), what, _options(decision, s), rights), new_page=True)


def prior_notice(plan: Plan, s: Strings, district: NoticeWords) -> Document:
    """The Prior Written Notice drafts of `plan` in the language of `s`, with the
    district's fixed parts (`district`, in that language where the district wrote them)."""
    decisions = notice_decisions(plan)
    student = plan.student.name.strip()
    meeting_date = date_words(s, plan.meeting.date) or date_words(s, plan.period.start)
    plan_status, _plan_mark = status_words(plan, s)
    intro = [
        Paragraph(fill(s, "notice.from", district=district_piece(district.district, s))),
        Paragraph((s.text("notice.what", student=student),)),
        Paragraph((s.count("notice.count", len(decisions), date=meeting_date),)),
        Paragraph((plan_status,)),
    ]
    if not district.all_translated:
        intro.append(Paragraph((s.text("notice.district_english"),)))
    sections = tuple(
        _notice_section(plan, decision, number, s, district) for number, decision in enumerate(decisions, start=1)
    )
    return Document(
        kind="notice",
        language=s.language,
        title=s.text("notice.title", student=student),
        draft_mark=s.text("doc.draft_mark"),  # always: the district reviews a notice before sending it
        status_note=s.text("notice.draft_note"),
        team_words_note=s.text("doc.team_words"),
        team_words_tag=s.text("doc.team_words_tag"),
        english_tag=s.text("doc.english_tag"),
        intro=tuple(intro),
        sections=sections,
    )


def build_notice(plan: Plan, s: Strings, _english: Strings, user_dir: Path | str | None) -> Document:
    """The export's builder: the plan is checked first, then the district file is read."""
    notice_decisions(plan)
    district = load_district(user_dir, "A Prior Written Notice")
    return prior_notice(plan, s, district.notice_words(s.language))
