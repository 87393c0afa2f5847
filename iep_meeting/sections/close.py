"""Editor for this agenda section (being written)."""

from __future__ import annotations

from .generic import GenericEditor


class CloseEditor(GenericEditor):
    pass
