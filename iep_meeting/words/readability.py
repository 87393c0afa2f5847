"""How hard a text is to read: the Flesch–Kincaid grade level, worked out here.

Offline and without a dictionary (textstat's English formulas download one at
run time): syllables are counted with a heuristic — groups of vowels, less a
silent final "e" — good to about one syllable in ten words, which moves the
grade by well under one. Numbers count one syllable a digit (at most four),
and a word in capitals (IEP, ESY) one a letter, as they are read aloud.

    grade = 0.39 × words per sentence + 11.8 × syllables per word − 15.59
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"[.!?:;]+(?:\s|$)|\n\s*\n")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """The syllables of one word, by the heuristic above ("education" → 4)."""
    if word[:1].isdigit():
        return max(1, min(4, sum(ch.isdigit() for ch in word)))
    if len(word) > 1 and word.isupper():
        return len(word)  # spelled out: I-E-P
    lower = word.lower().replace("’", "'").split("'")[0]
    count = len(_VOWEL_GROUP.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent e: "make", "case"
    elif lower.endswith(("ed", "es")) and count > 1 and not lower.endswith(("ted", "ded", "ses", "zes", "ces", "ges")):
        count -= 1  # "liked", "takes" (but "wanted", "classes")
    return max(1, count)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences: text ends, and each ., !, ?, : or ; followed by a space; at least one."""
    stripped = text.strip()
    if not stripped:
        return 0
    ends = len(_SENTENCE_END.findall(stripped + " "))
    return max(1, ends)


def grade_level(text: str) -> float:
    """The Flesch–Kincaid grade level of `text` (0.0 for a text without words)."""
    found = words(text)
    if not found:
        return 0.0
    sentences = sentence_count(text)
    total = sum(syllables(word) for word in found)
    return 0.39 * len(found) / sentences + 11.8 * total / len(found) - 15.59
