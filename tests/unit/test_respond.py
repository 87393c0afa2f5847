"""The family's response to a proposed IEP, given after the meeting (Massachusetts:
accepted in full, or rejected in full or in part, 603 CMR 28.05(7)): recorded
with `iep-meeting respond` outside the seal, read by the checklist, printed in
the full IEP; refused in words where it has no place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from iep_meeting.documents.full_plan import full_plan
from iep_meeting.documents.html import document_html
from iep_meeting.model.checklist import checklist
from iep_meeting.model.edits import finalize
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import FamilyResponse, Plan, ResponseAnswer
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import load_plan, load_plan_file
from iep_meeting.store.profile_files import find_profile
from iep_meeting.store.seal import seal_intact, sealed
from tests.complete_plans import annual_review
from tests.factories import MEETING_DATE
from tests.plan_files import files_under, run_cli, write
from tests.unit.test_full_plan import text_of

MASSACHUSETTS = find_profile("massachusetts").profile
AFTER = MEETING_DATE + dt.timedelta(days=12)


def proposed() -> Plan:
    """An annual review the Massachusetts team finalized as the proposed IEP, with no answer yet."""
    plan = annual_review()
    unanswered = attrs.evolve(plan.sign_off, parent_consent=None, parent_consent_date=None)
    return sealed(finalize(attrs.evolve(plan, sign_off=unanswered), MEETING_DATE))


def consent_findings(plan: Plan) -> list[Finding]:
    return [f for f in checklist(plan, profile=MASSACHUSETTS) if f.rule == "parent-consent"]


def test_a_response_in_part_is_recorded_outside_the_seal_and_the_checklist_says_what_stays_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "plan.iep.toml", proposed())
    [waiting] = consent_findings(load_plan(path))
    assert "record the answer when it comes (iep-meeting respond)" in waiting.message and not waiting.required

    code, out, _ = run_cli(
        "respond", path, "--accepted-in-part", "the 1:1 aide", "--date", AFTER, "--by", "Renata Vance, parent",
        capsys=capsys,
    )  # fmt: skip
    assert code == 0 and "accepted in part (rejected: the 1:1 aide)" in out and "seal still holds" in out
    loaded = load_plan_file(path)
    assert seal_intact(loaded)
    [response] = loaded.plan.responses
    assert response.answer is ResponseAnswer.ACCEPTED_IN_PART
    assert (response.rejected, response.date, response.by) == ("the 1:1 aide", AFTER, "Renata Vance, parent")
    [open_part] = consent_findings(loaded.plan)
    assert "rejected: the 1:1 aide" in open_part.message and open_part.path == ("responses", 0)

    # A later answer counts: accepted in full, nothing stays open; the first stays on record.
    later = str(AFTER + dt.timedelta(days=5))
    assert run_cli("respond", path, "--accepted", "--date", later, capsys=capsys)[0] == 0
    final = load_plan_file(path)
    assert seal_intact(final) and len(final.plan.responses) == 2
    assert consent_findings(final.plan) == []


def test_a_rejected_iep_leaves_the_last_accepted_one_in_effect() -> None:
    rejected = attrs.evolve(proposed(), responses=(FamilyResponse(date=AFTER, answer=ResponseAnswer.REJECTED),))
    [finding] = consent_findings(rejected)
    assert "rejected the proposed IEP" in finding.message and "last accepted stays in effect" in finding.message
    assert finding.citation.startswith("603 CMR 28.05(7)")


def test_the_full_iep_prints_each_response_in_the_familys_language() -> None:
    plan = attrs.evolve(
        proposed(),
        responses=(FamilyResponse(date=AFTER, answer=ResponseAnswer.ACCEPTED_IN_PART, rejected="the 1:1 aide"),),
    )
    english = text_of(document_html(full_plan(plan, locale_strings("en"))))
    assert "The family's response to the proposed IEP" in english and "Accepted in part" in english
    assert "the 1:1 aide" in english
    spanish = text_of(document_html(full_plan(plan, locale_strings("es"))))
    assert "Aceptado en parte" in spanish and "La respuesta de la familia" in spanish


@pytest.mark.parametrize(
    ("plan", "options", "said"),
    [
        (annual_review(), ["--accepted"], "is not a final plan"),
        (proposed(), ["--accepted-in-part", "  "], "needs what is rejected"),
        (proposed(), ["--rejected", "--date", str(MEETING_DATE - dt.timedelta(days=1))], "before the plan was"),
    ],
    ids=["a draft", "in part, naming nothing", "dated before finalizing"],
)
def test_a_response_with_no_place_is_refused_in_words_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], plan: Plan, options: list[str], said: str
) -> None:
    path = write(tmp_path / "plan.iep.toml", plan)
    before = files_under(tmp_path)
    code, _, err = run_cli("respond", path, *options, capsys=capsys)
    assert code != 0 and said in err and "Traceback" not in err
    assert files_under(tmp_path) == before
