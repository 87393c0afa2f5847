"""The family's language for what is written for them: a module of its own, so the
audience view (share/) learns it without loading every document writer."""

from __future__ import annotations

import re
from pathlib import Path

from iep_meeting.model.plan import Plan
from iep_meeting.model.translations import family_languages, interpreter_words
from iep_meeting.store.locale_files import language_for
from iep_meeting.words.locale import REFERENCE_LANGUAGE


def family_locale(plan: Plan, user_dir: Path | str | None = None) -> str:
    """The locale of the family's language: a guardian's language other than English,
    else the student's home language, else the language of the meeting's
    interpreter ("Ana Ruiz (Spanish)", "Spanish interpreter"); English when none
    of them has strings."""
    for name in family_languages(plan):
        language = language_for(name, user_dir)
        if language is not None:
            return language
    for text in interpreter_words(plan):
        for word in re.findall(r"[^\W\d_]+", text):
            language = language_for(word, user_dir)
            if language is not None and language != REFERENCE_LANGUAGE:
                return language
    return REFERENCE_LANGUAGE
