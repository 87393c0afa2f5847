"""Every test here drives the app under Pilot (a few seconds each, minutes in
all), so each is marked slow: `pytest -m "not slow"` is the quick loop over the
pure tests, and the plain `pytest` still runs these too."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def scrolls_land_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """No animated scrolls (as TEXTUAL_ANIMATIONS=none would do): a snapshot or an
    assertion then sees where a scroll ends, never a frame on the way there,
    however loaded the machine is."""
    from textual import constants

    monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")
