"""A document in the family's language: the team's words translated where a
current translation is kept in the plan (model/translations.py) or a bank
item the text came from has its words (agendas/banks/), the rest
marked as English and, in the documents the family reads, listed at the end.

Builders make a document with the team's words as typed; `in_language` then
walks it once. A typed piece that is one of the plan's texts to translate
becomes its translation (a `Typed` piece in the document's language) or stays
English (`lang="en"` in HTML and PDF), as does one of the team's words a
document has from elsewhere (`more`: a progress report's narratives, with
their own translations); names,
phone numbers and emails are neither. A district's text shown in English keeps its own mark. Nothing here
reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from iep_meeting.documents.document import (
    Block,
    Chart,
    Document,
    Facts,
    Items,
    Line,
    Paragraph,
    Piece,
    Section,
    Table,
    Terms,
    Typed,
    WriteIn,
)
from iep_meeting.model.plan import Plan
from iep_meeting.model.translations import current_words, normalized
from iep_meeting.words.locale import REFERENCE_LANGUAGE, Strings


class _Translator:
    def __init__(self, plan: Plan, s: Strings, bank: Mapping[str, str], more: Mapping[str, str | None]) -> None:
        self.language = s.language
        # Every text to translate: its translation, else a bank's words, else None (still English).
        self.words = {
            text: words if words is not None else bank.get(text)
            for text, words in current_words(plan, [*s.names(), s.language]).items()
        }
        for text, words in more.items():  # the team's words beyond the plan's: the plan's translation first
            if self.words.get(text) is None:
                self.words[text] = words if words is not None else bank.get(text)
        self.english: dict[str, set[str]] = {}  # section heading: the texts in it still in English
        self.done: dict[str, tuple[Typed, str]] = {}

    def _translated(self, piece: Typed) -> tuple[Typed, str]:
        """(the piece as the document shows it, its English words when it stays English)."""
        key = normalized(piece.text)
        if key not in self.words:  # a name, a phone number, an email: no language of its own
            return Typed(piece.text, language=self.language), ""
        words = self.words[key]
        if words is not None:
            return Typed(words, language=self.language), ""
        return piece, key

    def line(self, line: Line, english: set[str]) -> Line:
        """The line in the document's language; the texts still in English added to `english`."""
        # A text met before (many repeat) gets the same answer: a copy has thousands of lines.
        shown: list[Piece] = []
        for piece in line:
            if type(piece) is not Typed or piece.tag:
                shown.append(piece)
                continue
            done = self.done.get(piece.text)
            if done is None:
                done = self.done[piece.text] = self._translated(piece)
            shown.append(done[0])
            if done[1]:
                english.add(done[1])
        return tuple(shown)

    def block(self, block: Block, heading: str) -> Block:
        english = self.english.setdefault(heading, set())
        line = self.line
        if isinstance(block, Paragraph):
            return Paragraph(line(block.pieces, english))
        if isinstance(block, Items):
            return Items(tuple([line(item, english) for item in block.items]))
        if isinstance(block, Facts):
            return Facts(block.title, tuple([(label, line(value, english)) for label, value in block.facts]))
        if isinstance(block, Table):
            rows = tuple([tuple([line(cell, english) for cell in row]) for row in block.rows])
            return attrs.evolve(block, rows=rows)
        assert isinstance(block, (Terms, Chart, WriteIn))  # the program's own words
        return block


def in_language(
    document: Document,
    plan: Plan,
    s: Strings,
    *,
    list_english: bool,
    bank: Mapping[str, str] | None = None,
    more: Mapping[str, str | None] | None = None,
) -> Document:
    """`document` (in the language of `s`) with the plan's current translations in
    it, else a bank's words for a text taken from a bank item (model/banks.py,
    `bank_words`); with `list_english`, a last section lists what is still in English.
    `more`: the team's words in the document that are not the plan's (a progress
    record's narratives, units and roles), as `current_words` gives them: English
    as the plan's are, and translated where the plan has the same words
    translated, else where their own translation is current."""
    if s.language == REFERENCE_LANGUAGE:
        return document
    translator = _Translator(plan, s, bank or {}, more or {})
    top = translator.english.setdefault("", set())  # the texts above the first section
    intro = tuple(Paragraph(translator.line(paragraph.pieces, top)) for paragraph in document.intro)
    sections = tuple(
        attrs.evolve(section, blocks=tuple(translator.block(block, section.heading) for block in section.blocks))
        for section in document.sections
    )
    if list_english and any(translator.english.values()):
        # By part of the copy, with how many texts: the texts themselves are marked where they are.
        items = tuple(
            (f"{heading or s.text('english.top')}: {s.count('english.texts', len(texts))}",)
            for heading, texts in translator.english.items()
            if texts
        )
        still = Section(
            "still-in-english", s.text("english.heading"), (Paragraph((s.text("english.intro"),)), Items(items))
        )
        sections = (*sections, still)
    return attrs.evolve(document, intro=intro, sections=sections)
