"""The family's input in the audience view (share/page.py): while the team is on
present levels, the room reads the family's own words from their form and each
concern with what answers it, in the page's language, the family's words marked
as theirs and in their language."""

from __future__ import annotations

import html
import re

import pytest

from iep_meeting.model.concerns import link
from iep_meeting.model.family_input import take_in
from iep_meeting.model.plan import Plan
from iep_meeting.share.page import regions
from iep_meeting.share.view import snapshot
from iep_meeting.store.locale_files import locale_strings
from tests.factories import small_plan
from tests.family_answers import CONCERNS, form_answers
from tests.live_meeting import FakeMeeting


def with_input() -> Plan:
    return take_in(small_plan(), form_answers()).plan


def now_region(plan: Plan, language: str, section: str = "present-levels") -> str:
    meeting = FakeMeeting(plan, language=language, current=section)
    return regions(snapshot(meeting), locale_strings(language))["now"]


def words(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_on_present_levels_the_room_reads_the_familys_own_words_marked_in_their_language() -> None:
    now = now_region(with_input(), "en")
    text = words(now)
    assert "The family's own words, from their form of March 5, 2026" in text
    assert "Strengths and interests Sam es cariñoso y le encantan las novelas gráficas." in text
    assert "The student's page: what is hard for me Leer en voz alta en clase." in text
    # On an English page, their Spanish words say they are Spanish (a screen reader reads them so).
    assert re.search(r'<span class="typed family" lang="es">[^<]*Sam es cariñoso', now)
    for concern in CONCERNS:
        assert f"{concern} (From the family's form, March 5, 2026.) — What answers it: Nothing" in text


def test_on_a_page_in_the_familys_language_their_words_are_not_translated_or_retagged() -> None:
    now = now_region(with_input(), "es")
    text = words(now)
    assert "Las propias palabras de la familia, de su formulario del 5 de marzo de 2026" in text
    assert "Fortalezas e intereses Sam es cariñoso y le encantan las novelas gráficas." in text
    assert not re.search(r'lang="es"[^>]*>[^<]*Sam es cariñoso', now)


def test_a_concern_linked_in_the_meeting_shows_what_answers_it() -> None:
    plan = link(with_input(), 0, "goals", 0)
    text = words(now_region(plan, "en"))
    answered = text.split(CONCERNS[0], 1)[1].split(CONCERNS[1], 1)[0]
    assert answered.endswith(f"— What answers it: Goal 1: {plan.goals[0].domain} ")
    assert f"{CONCERNS[1]} (From the family's form, March 5, 2026.) — What answers it: Nothing" in text


@pytest.mark.parametrize("section", ["goals", "services", "close"])
def test_elsewhere_in_the_meeting_the_familys_form_is_not_repeated(section: str) -> None:
    assert "Sam es cariñoso" not in words(now_region(with_input(), "en", section))
