"""One editor per agenda section id; a section without one gets a plain page."""

from __future__ import annotations

from ..model.agenda import Section
from .accommodations import AccommodationsEditor
from .base import SectionEditor
from .close import CloseEditor
from .generic import GenericEditor
from .goals import GoalsEditor
from .placement import PlacementEditor
from .present_levels import PresentLevelsEditor
from .services import ServicesEditor
from .startup import StartUpEditor
from .transition import TransitionEditor

EDITORS: dict[str, type[SectionEditor]] = {
    "start-up": StartUpEditor,
    "present-levels": PresentLevelsEditor,
    "goals": GoalsEditor,
    "services": ServicesEditor,
    "accommodations": AccommodationsEditor,
    "placement": PlacementEditor,
    "transition": TransitionEditor,
    "close": CloseEditor,
}


def editor_for(section: Section) -> SectionEditor:
    return EDITORS.get(section.id, GenericEditor)(section)
