"""The facts a state's rules add to a plan reach the printed IEP: the items Texas asks the
committee to consider from 14, the guardianship information and who decides at 18, an
adult student's own consent, the recess offered to a family that disagrees (and when
and where the meeting goes on), and the form of each copy the family got, in the full
IEP in English and in Spanish, and, where the family's copy has a place for them, there
too, in the family's language."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.document import Document, date_words
from iep_meeting.documents.family_copy import family_copy
from iep_meeting.documents.full_plan import full_plan
from iep_meeting.documents.html import document_html
from iep_meeting.documents.in_language import in_language
from iep_meeting.model.plan import AdultDecisions, CopyForm, CopyMethod, FamilyCopy, Plan, RecessAnswer
from iep_meeting.model.translations import translated, typed_texts, with_translation
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from iep_meeting.store.profile_files import find_profile
from iep_meeting.words.locale import Strings
from tests.complete_plans import CONSIDERED_AT_17, transition_age

EN, ES = locale_strings("en"), locale_strings("es")
TEXAS_ITEMS = {item.id: item.words for item in find_profile("texas").profile.transition_planning.items}
CONTINUED_ON = dt.date(2026, 3, 24)
PLACE = "Room 12 at Lincoln Elementary"


def text_of(document: Document) -> str:
    """The words a reader sees in the document's HTML (not what only a screen reader hears)."""
    seen = re.sub(r'<span class="tag"[^>]*>[^<]*</span>', "", document_html(document))
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seen)))


def with_sign_off(plan: Plan, **changes: Any) -> Plan:
    return attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, **changes))


def recess_taken(plan: Plan) -> Plan:
    return with_sign_off(
        plan, recess=RecessAnswer.TAKEN, recess_date=CONTINUED_ON, recess_time=dt.time(15, 30), recess_place=PLACE
    )


def date_in(s: Strings, day: dt.date) -> str:
    return date_words(s, day)


# --- the full IEP ---------------------------------------------------------------------------------------------------


def test_the_full_iep_shows_each_item_the_state_asks_the_team_to_consider_with_what_it_decided() -> None:
    words = text_of(full_plan(transition_age(), EN, TEXAS_ITEMS))
    assert EN.text("full.considered_caption") in words
    for record in CONSIDERED_AT_17:
        assert record.note in words
        if record.item in TEXAS_ITEMS:  # "vision" is Massachusetts': shown by its id under a Texas profile
            assert TEXAS_ITEMS[record.item] in words
    assert " vision " in words


def test_without_the_profile_s_words_an_item_shows_its_id() -> None:
    words = text_of(full_plan(transition_age(), EN))
    for record in CONSIDERED_AT_17:
        assert f" {record.item} " in words


def test_in_a_spanish_iep_the_state_s_english_words_are_marked_as_english() -> None:
    document = full_plan(transition_age(), ES, TEXAS_ITEMS)
    html = document_html(document)
    words = TEXAS_ITEMS["vocational-evaluation"]
    assert re.search(rf'<span class="typed" lang="en">(<span class="tag"[^>]*>[^<]*</span>)?{re.escape(words)}', html)
    assert "palabras del estado, en inglés" in html
    assert ES.text("full.considered_caption") in text_of(document)


@pytest.mark.parametrize("s", [EN, ES], ids=["en", "es"])
def test_the_full_iep_shows_the_guardianship_information_and_who_decides_at_18(s: Strings) -> None:
    plan = transition_age()
    plan = attrs.evolve(plan, transition=attrs.evolve(plan.transition, adult_decisions=AdultDecisions.SHARED))
    words = text_of(full_plan(plan, s))
    assert f"{s.text('full.guardianship_told')} {date_in(s, dt.date(2026, 1, 15))}" in words
    shared = s.text("adult_decisions.shared")
    assert f"{s.text('full.adult_decisions')} {shared[:1].upper()}{shared[1:]}" in words


@pytest.mark.parametrize("s", [EN, ES], ids=["en", "es"])
def test_the_full_iep_shows_the_adult_student_s_consent(s: Strings) -> None:
    plan = with_sign_off(transition_age(), student_consent=True, student_consent_date=dt.date(2026, 3, 11))
    words = text_of(full_plan(plan, s))
    assert f"{s.text('full.student_consent')} {s.text('answer.yes')}" in words
    assert f"{s.text('full.student_consent_date')} {date_in(s, dt.date(2026, 3, 11))}" in words
    assert s.text("full.student_consent") not in text_of(full_plan(transition_age(), s))  # not asked: not printed


@pytest.mark.parametrize("s", [EN, ES], ids=["en", "es"])
def test_the_full_iep_shows_the_recess_and_when_and_where_the_meeting_goes_on(s: Strings) -> None:
    words = text_of(full_plan(recess_taken(transition_age()), s))
    taken = s.text("recess.taken")
    assert f"{s.text('full.recess')} {taken[:1].upper()}{taken[1:]}" in words
    assert f"{s.text('full.recess_continued')} {date_in(s, CONTINUED_ON)}, 15:30, {PLACE}" in words
    declined = text_of(full_plan(with_sign_off(transition_age(), recess=RecessAnswer.DECLINED), s))
    answer = s.text("recess.declined")
    assert f"{s.text('full.recess')} {answer[:1].upper()}{answer[1:]}" in declined
    assert s.text("full.recess_continued") not in declined


@pytest.mark.parametrize("s", [EN, ES], ids=["en", "es"])
def test_the_full_iep_shows_whether_each_copy_was_written_or_a_recording(s: Strings) -> None:
    copies = (
        FamilyCopy(method=CopyMethod.IN_PERSON, date=dt.date(2026, 3, 12), language="Spanish", form=CopyForm.AUDIO),
        FamilyCopy(method=CopyMethod.MAIL, date=dt.date(2026, 3, 13), language="English"),
    )
    words = text_of(full_plan(attrs.evolve(transition_age(), family_copies=copies), s))
    audio = s.text("copy_form.audio")
    assert s.text("full.copy_form") in words
    assert f"Spanish {audio[:1].upper()}{audio[1:]}" in words


def test_export_full_reads_the_items_words_from_the_plan_s_state_profile(tmp_path: Path) -> None:
    path = create_plan_file(tmp_path / "sam.iep.toml", attrs.evolve(transition_age(), profile="texas"))
    assert main(["export", "full", str(path), "--format", "html"]) == 0
    html = html_lib.unescape((tmp_path / "sam-full-en.html").read_text(encoding="utf-8"))
    assert TEXAS_ITEMS["agency-referral"] in html


# --- the family's copy ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("s", [EN, ES], ids=["en", "es"])
def test_the_family_s_copy_says_the_meeting_took_a_recess_and_when_and_where_it_goes_on(s: Strings) -> None:
    words = text_of(family_copy(recess_taken(transition_age()), s, EN))
    assert s.text("agreement.recess_taken") in words
    assert f"{s.text('agreement.recess_again')} {date_in(s, CONTINUED_ON)}, 15:30, {PLACE}" in words
    declined = text_of(family_copy(with_sign_off(transition_age(), recess=RecessAnswer.DECLINED), s, EN))
    assert s.text("agreement.recess_declined") in declined
    assert s.text("agreement.recess_taken") not in declined


def test_the_place_of_the_continued_meeting_is_in_the_family_s_language_once_translated() -> None:
    plan = recess_taken(transition_age())
    item = next(item for item in typed_texts(plan) if item.key == "sign_off.recess_place")
    plan = with_translation(plan, translated(item, "Spanish", "Salón 12 de la escuela Lincoln", "Ana Ruiz", None))
    words = text_of(in_language(family_copy(plan, ES, EN), plan, ES, list_english=True))
    assert "Salón 12 de la escuela Lincoln" in words
    assert PLACE not in words


@pytest.mark.parametrize("s", [EN, ES], ids=["en", "es"])
def test_the_family_s_copy_shows_the_adult_student_s_own_consent(s: Strings) -> None:
    plan = with_sign_off(transition_age(), student_consent=True, student_consent_date=dt.date(2026, 3, 11))
    words = text_of(family_copy(plan, s, EN))
    assert s.text("agreement.student_consent_given", date=date_in(s, dt.date(2026, 3, 11))) in words
    refused = text_of(family_copy(with_sign_off(transition_age(), student_consent=False), s, EN))
    assert s.text("agreement.student_consent_refused") in refused


@pytest.mark.parametrize("s", [EN, ES], ids=["en", "es"])
def test_the_family_s_copy_shows_who_decides_at_18_and_the_guardianship_information(s: Strings) -> None:
    plan = transition_age()
    plan = attrs.evolve(plan, transition=attrs.evolve(plan.transition, adult_decisions=AdultDecisions.GUARDIAN))
    words = text_of(family_copy(plan, s, EN))
    assert f"{s.text('full.adult_decisions')} {s.text('adult_decisions.guardian')}" in words
    assert f"{s.text('full.guardianship_told')} {date_in(s, dt.date(2026, 1, 15))}" in words
