"""Where things are: the built-in data (the agendas/ and themes/ folders, the
sample plan) and the user's configuration folder.

They live at the top of the repository, because they are data a district reads
and copies. An installed wheel carries them inside the package instead
(pyproject.toml force-includes them as ``iep_meeting/agendas`` and
``iep_meeting/themes``), so the installed location is looked at first and the
source checkout second.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

import iep_meeting

APP_NAME = "iep-meeting"

DATA_FOLDERS = ("agendas", "themes")


def builtin_data_dir(name: str) -> Path:
    """The built-in data folder `name` ("agendas" or "themes").

    In an installed wheel: ``<site-packages>/iep_meeting/<name>``. In a source
    checkout (also an editable install): ``<repo>/<name>``. When neither exists
    (a broken installation) the in-package path is returned; reading from it
    then fails with a clear "no such folder" error.
    """
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; expected one of {', '.join(DATA_FOLDERS)}")
    package_dir = Path(iep_meeting.__file__).resolve().parent
    installed = package_dir / name
    if installed.is_dir():
        return installed
    checkout = package_dir.parent / name
    # Only trust the parent folder when it really is this project's checkout: in
    # site-packages a stray top-level "agendas" folder could belong to anything.
    if checkout.is_dir() and (package_dir.parent / "pyproject.toml").is_file():
        return checkout
    return installed


def sample_plan_path() -> Path:
    """The fictional demo plan shipped inside the package (iep_meeting/samples/)."""
    return Path(iep_meeting.__file__).resolve().parent / "samples" / "annual-review-demo.toml"


def user_config_dir() -> Path:
    """The user's configuration folder for iep-meeting (it need not exist):
    ~/.config/iep-meeting on Linux, ~/Library/Application Support/iep-meeting on
    macOS, %LOCALAPPDATA%\\iep-meeting on Windows. Agendas, banks, themes and
    keys a district or a facilitator adds live in it."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def user_keys_file() -> Path:
    """The user's own keys (store/key_files.py), when the file exists."""
    return user_config_dir() / "keys.toml"
