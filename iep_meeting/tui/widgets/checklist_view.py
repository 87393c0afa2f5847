"""The completeness checklist as a list: findings grouped by agenda section.

Each finding reads as a sentence a parent understands, marked "! required" or
"· advice" (never colour alone); under it, where it is fixed in the app's own
words, then the regulation. Plan keys and rule ids are for `check --format
json`, not for the shared screen. Choosing one asks the screen to jump there.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from iep_meeting.model.agenda import Section
from iep_meeting.model.findings import Finding
from iep_meeting.model.places import place_words
from iep_meeting.model.plan import Plan
from iep_meeting.tui.styles import stylesheet

OTHER_GROUP = "Plan details"


def counts_text(findings: tuple[Finding, ...]) -> str:
    required = sum(f.required for f in findings)
    advice = len(findings) - required
    advice_text = f", {advice} recommended" if advice else ""
    if required:
        return f"! {required} required item{'s' if required != 1 else ''} open{advice_text}"
    return f"✓ every required item is done{advice_text}"


def grouped(findings: tuple[Finding, ...], sections: tuple[Section, ...]) -> list[tuple[str, list[Finding]]]:
    """(group title, findings) in agenda order; findings no section edits come last."""
    groups: dict[str, list[Finding]] = {s.id: [] for s in sections}
    others: list[Finding] = []
    for finding in findings:
        groups.get(finding.section, others).append(finding)
    titles = {s.id: s.title for s in sections}
    result = [(titles[section_id], items) for section_id, items in groups.items() if items]
    if others:
        result.append((OTHER_GROUP, others))
    return result


def finding_text(finding: Finding, place: str, *, detail: bool = True) -> Text:
    """ "! message" (or "· message" for advice), then a quieter line: how much it
    matters and, in detail (F10), where it is fixed and the rule behind it."""
    text = Text()
    text.append("! " if finding.required else "· ", style="bold")
    text.append(finding.message)  # plain text: names in it are never markup
    details = [f"Fix in: {place}"] if place and detail else []
    details.append("required" if finding.required else "advice")
    if finding.citation and detail:
        details.append(finding.citation)
    text.append("\n" + " · ".join(details), style="italic")  # not dim: on the highlighted row it fell under 4.5:1
    return text


class ChecklistView(OptionList):
    """Findings grouped by section; Enter on one posts ChecklistView.Jump."""

    DEFAULT_CSS = stylesheet("checklist-view")

    class Jump(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, detail: bool = False, **kwargs) -> None:
        """`detail`: where each item is fixed and the rule behind it (F10's checklist);
        without it (the close section, on the shared screen) the items in words only."""
        super().__init__(**kwargs)
        self.detail = detail
        self._shown: tuple | None = None
        self._findings: list[Finding | None] = []  # per option: None for a group title

    def show(self, findings: tuple[Finding, ...], sections: tuple[Section, ...], plan: Plan) -> None:
        if (findings, sections) == self._shown:
            return
        self._shown = (findings, sections)
        titles = {section.id: section.title for section in sections}
        highlighted = self.highlighted
        options: list[Option] = []
        self._findings = []
        for title, items in grouped(findings, sections):
            options.append(Option(Text(f"{title}  ({len(items)})", style="bold underline"), disabled=True))
            self._findings.append(None)
            for finding in items:
                place = place_words(plan, finding.path, titles.get(finding.section, ""))
                options.append(Option(finding_text(finding, place, detail=self.detail)))
                self._findings.append(finding)
        self.clear_options()
        self.add_options(options)
        if options:
            first = next((i for i, f in enumerate(self._findings) if f is not None), None)
            if highlighted is not None and highlighted < len(options) and self._findings[highlighted] is not None:
                self.highlighted = highlighted
            else:
                self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self._findings[event.option_index]
        if finding is not None:
            self.post_message(self.Jump(finding))
