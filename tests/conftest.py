"""Every test runs as a user with nothing of their own: a fresh home folder and
empty configuration, data and cache folders, so the developer's own agendas,
themes, keys or config never leak into a result (and nothing is written there)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest


@attrs.frozen
class UserFolders:
    home: Path
    config: Path  # what platformdirs gives as the user configuration folder's parent on Linux
    agendas: Path  # where IEP_MEETING_AGENDAS points: an empty folder


@pytest.fixture(autouse=True)
def isolated_user(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> UserFolders:
    root = tmp_path_factory.mktemp("user")
    home, config = root / "home", root / "config"
    for folder in (home, config, root / "data", root / "cache", root / "state", root / "agendas"):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))  # Windows
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(root / "state"))
    monkeypatch.setenv("APPDATA", str(config))  # Windows
    monkeypatch.setenv("LOCALAPPDATA", str(config))
    monkeypatch.setenv("IEP_MEETING_AGENDAS", str(root / "agendas"))
    monkeypatch.delenv("IEP_MEETING_THEMES", raising=False)
    return UserFolders(home=home, config=config, agendas=root / "agendas")
