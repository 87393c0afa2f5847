"""Small pieces of English every text is built with: counts, lists of things."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 goal", "3 goals" (`many` when the plural is not word + "s")."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def options_text(options: list[tuple[str, str]]) -> str:
    """Options considered, each with why it was not chosen: "A (too little time); B"."""
    return "; ".join(f"{option} ({why})" if why.strip() else option for option, why in options if option.strip())


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
