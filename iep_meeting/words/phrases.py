"""Small pieces of English every text is built with: counts, lists of things."""

from __future__ import annotations


def example(text: str) -> str:
    """A hint shown in an empty field, worded so it cannot pass for an answer."""
    return text if not text or text.startswith(("e.g.", "usually:")) else f"e.g. {text}"


def plural_of(word: str) -> str:
    """ "goal" → "goals", "copy" → "copies", "action item" → "action items"."""
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 goal", "3 goals" (`many` when the plural is irregular: person, people)."""
    return f"{count} {word if count == 1 else many or plural_of(word)}"


def options_text(options: list[tuple[str, str]]) -> str:
    """Options considered, each with why it was not chosen: "A (too little time); B"."""
    return "; ".join(f"{option} ({why})" if why.strip() else option for option, why in options if option.strip())


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
