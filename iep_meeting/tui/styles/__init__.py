"""The app's styles, one .tcss file per part of the screen. Colours always come
from theme variables ($primary, $error, ...), so every theme re-skins them."""

from pathlib import Path, PurePath

FOLDER = Path(__file__).parent
STYLE_FILES: list[str | PurePath] = [
    FOLDER / f"{name}.tcss" for name in ("meeting", "forms", "sections", "dialogs", "decision_log")
]
