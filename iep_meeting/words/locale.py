"""The fixed text of the documents a family reads, in one language.

The strings are data: one file a language (`agendas/locales/en.toml`,
`es.toml`, read by store/locale_files.py, where a district can override
single keys). `Strings` is what a document is given: a key gives a string
with `{placeholder}`s filled in; a count picks `<key>_one` or `<key>_other`;
a date is written the language's way ("March 12, 2026", "12 de marzo de
2026"). Placeholders are filled with values, never parsed again, so typed
text with braces in it comes out as typed.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping

REFERENCE_LANGUAGE = "en"  # every language has the keys and placeholders of this one


def template_problem(template: str) -> str | None:
    """Why `template` cannot be filled safely, or None. A placeholder is a plain
    name in braces (`{student}`): no format spec (`{student:>400000000}` would
    allocate without end), no conversion (`{student!r}`), nothing nested or
    indexed, nothing numbered."""
    try:
        fields = [(name, spec, conversion) for _text, name, spec, conversion in string.Formatter().parse(template)]
    except ValueError:
        return "a lone { or }: write {name} for a placeholder"
    for name, spec, conversion in fields:
        if name is None:
            continue
        if spec or conversion is not None or not name.isidentifier():
            shown = (
                "{" + name + (f"!{conversion}" if conversion is not None else "") + (f":{spec}" if spec else "") + "}"
            )
            return f"{shown} is not a placeholder: write a plain name in braces, like {{student}} (no : or ! parts)"
    return None


def placeholders(template: str) -> set[str]:
    """The `{names}` a string expects ("{count} minutes" → {"count"})."""
    try:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}
    except ValueError:  # a lone "{" or "}": not a template the language can use
        return {"{"}


class Strings:
    """One language's strings, by key ("heading.goals")."""

    def __init__(self, language: str, table: Mapping[str, str]) -> None:
        self.language = language
        self._table = dict(table)

    def keys(self) -> list[str]:
        return sorted(self._table)

    def has(self, key: str) -> bool:
        return key in self._table

    def raw(self, key: str) -> str:
        """The string as written in the file, placeholders unfilled."""
        return self._table[key]

    def text(self, key: str, **values: object) -> str:
        """The string for `key` with its placeholders filled."""
        template = self._table[key]
        return template.format_map({name: str(value) for name, value in values.items()}) if values else template

    def count(self, key: str, count: int, **values: object) -> str:
        """`<key>_one` for 1, `<key>_other` for any other count, with {count} filled;
        `<key>_none` for 0 where the language has it ("None of the last 3 points…",
        not "0 of the last 3 points…")."""
        if count == 0 and self.has(f"{key}_none"):
            return self.text(f"{key}_none", count=count, **values)
        return self.text(f"{key}_{'one' if count == 1 else 'other'}", count=count, **values)

    def date(self, day: dt.date) -> str:
        month = self.text(f"month.{day.month}")
        return self.text("date", day=day.day, month=month, year=day.year)

    def names(self) -> list[str]:
        """What a plan may call this language ("Spanish", "Español", "es")."""
        return [name.strip().casefold() for name in self._table.get("meta.names", "").split(",") if name.strip()]
