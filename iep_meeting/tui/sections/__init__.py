"""One editor per agenda section id; a section without one gets a plain page.

Editors are imported when their section is first shown, so opening a meeting
loads only the start-up editor's widgets, after the first frame is painted.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from iep_meeting.model.agenda import Section

if TYPE_CHECKING:
    from iep_meeting.tui.sections.base import SectionEditor

EDITORS: dict[str, str] = {
    "start-up": "startup:StartUpEditor",
    "present-levels": "present_levels:PresentLevelsEditor",
    "goals": "goals:GoalsEditor",
    "services": "services:ServicesEditor",
    "accommodations": "accommodations:AccommodationsEditor",
    "placement": "placement:PlacementEditor",
    "transition": "transition:TransitionEditor",
    "close": "close:CloseEditor",
}


def editor_class(section_id: str) -> type[SectionEditor]:
    module, name = EDITORS.get(section_id, "generic:GenericEditor").split(":")
    return getattr(import_module(f"{__name__}.{module}"), name)


def editor_for(section: Section) -> SectionEditor:
    return editor_class(section.id)(section)
