"""Team members' names suggested as a name is typed, by any word: "Ms. K" and
"Kim" both find "Ms. Dana Kim".

Textual shows a suggestion as grey text after what was typed, so it can only
show a name that starts with the typed text. A name found by a later word is
shown after an arrow instead ("Kim → Ms. Dana Kim"); taking the suggestion
(→, or Enter in a dialog) leaves the name alone in the field (`taken`).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.suggester import Suggester

ARROW = " → "


def _word_prefixes(typed: list[str], words: list[str]) -> bool:
    """Whether each typed word starts one of `words`, in order (words may be skipped)."""
    position = 0
    for part in typed:
        while position < len(words) and not words[position].startswith(part):
            position += 1
        if position == len(words):
            return False
        position += 1
    return True


def match_name(names: Sequence[str], typed: str) -> str | None:
    """The name `typed` points to: first one that starts with it, else the first
    whose words start with the typed words in order (case ignored)."""
    wanted = typed.casefold().strip()
    if not wanted:
        return None
    folded = [(name, name.casefold()) for name in names if name.strip()]
    for name, low in folded:
        if low.startswith(wanted):
            return name
    parts = wanted.split()
    return next((name for name, low in folded if _word_prefixes(parts, low.split())), None)


def taken(value: str) -> str:
    """The name alone, once a suggestion shown after the arrow was taken."""
    return value.rsplit(ARROW, 1)[1] if ARROW in value else value


class NameSuggester(Suggester):
    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = tuple(names)

    async def get_suggestion(self, value: str) -> str | None:
        if ARROW in value:
            return None
        name = match_name(self.names, value)
        if name is None or name == value:
            return None
        if name.casefold().startswith(value.casefold()):
            return name  # its rest shows in grey after what was typed; taking it spells it right
        return f"{value}{ARROW}{name}"
