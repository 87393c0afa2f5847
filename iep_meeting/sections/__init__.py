"""One editor per agenda section id; a section without one gets a plain page.

Editors are imported when their section is first shown, so opening a meeting
loads only the start-up editor's widgets.
"""

from __future__ import annotations

from importlib import import_module

from ..model.agenda import Section
from .base import SectionEditor
from .generic import GenericEditor

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
    if section_id not in EDITORS:
        return GenericEditor
    module, name = EDITORS[section_id].split(":")
    return getattr(import_module(f"{__name__}.{module}"), name)


def editor_for(section: Section) -> SectionEditor:
    return editor_class(section.id)(section)
