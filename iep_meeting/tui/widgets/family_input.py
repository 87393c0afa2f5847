"""The family's own words, where the team discusses them: their input form's
answers at the top of present levels, and their topics at the start-up.

Shown as the family wrote them, in their language, marked "from the family's
form" with its date, and never edited here: the team's own words go into the
team's fields below (a later form replaces these through `import-input`).
Shown only when the plan holds them.
"""

from __future__ import annotations

import functools

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from iep_meeting.model.family_input import TEXT_ANSWERS
from iep_meeting.model.plan import Plan
from iep_meeting.store.errors import StoreError
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.tui.styles import stylesheet

FROM_FORM = "From the family's form"


@functools.cache
def language_name(code: str) -> str:
    """ "es" → "Spanish": the first name its strings give the language ("" for English)."""
    if not code:
        return ""
    try:
        return locale_strings(code).raw("meta.names").split(",")[0].strip() or code
    except StoreError:
        return code


def origin(form_date: object, language: str) -> str:
    """ "From the family's form, 2026-11-28, in Spanish"."""
    name = language_name(language)
    return f"{FROM_FORM}, {form_date}" + (f", in {name}" if name else "")


def input_text(plan: Plan) -> tuple[str, str]:
    """(the heading, the answers one per paragraph) of the plan's family input; ("", "") without one."""
    family = plan.present_levels.family_input
    if family is None:
        return "", ""
    heading = f"The family's own words ({origin(family.form_date, family.language)}; as they wrote them)"
    texts = ((words, getattr(family, name).strip()) for name, words in TEXT_ANSWERS)
    answers = [f"{words}: “{text}”" for words, text in texts if text]
    return heading, "\n".join(answers)


def topics_text(plan: Plan) -> str:
    """The family's topics for the agenda, one a line; "" without any."""
    lines = []
    for topic in plan.facilitation.family_topics:
        if topic.topic.strip():
            where = f" ({origin(topic.from_form, topic.language)})" if topic.from_form else ""
            lines.append(f"• “{topic.topic.strip()}”{where}")
    return "\n".join(lines)


class FamilyInputPanel(Vertical):
    """Present levels: the family's answers to the input form, in their words."""

    DEFAULT_CSS = stylesheet("family-input-panel")

    def compose(self) -> ComposeResult:
        yield Label("", id="family-input-heading", classes="family-heading", markup=False)
        yield Label("", id="family-input-answers", classes="family-words", markup=False)

    def show(self, plan: Plan) -> None:
        heading, answers = input_text(plan)
        self.display = bool(heading)
        if heading:
            self.query_one("#family-input-heading", Label).update(heading)
            self.query_one("#family-input-answers", Label).update(answers)


class FamilyTopicsPanel(Vertical):
    """Start-up: the topics the family asked to talk about, for the agenda."""

    DEFAULT_CSS = stylesheet("family-input-panel")

    def compose(self) -> ComposeResult:
        yield Label("The family asked to talk about:", classes="family-heading", markup=False)
        yield Label("", id="family-topics", classes="family-words", markup=False)

    def show(self, plan: Plan) -> None:
        text = topics_text(plan)
        self.display = bool(text)
        if text:
            self.query_one("#family-topics", Label).update(text)
