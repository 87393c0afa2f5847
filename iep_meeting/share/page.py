"""The audience view as HTML: the whole page a browser loads, and the regions of
it that change, which the server pushes (share/server.py).

The page is written in the viewer's language with the family's copy's own
builders (documents/plan_parts.py and family_parts.py; the full IEP's
`SECTION_OF_PART` for a part the family's copy has nothing for yet), its
translations of the team's words (documents/in_language.py) and its HTML
writer (documents/html.py), so a goal or a decision reads on the page as on the
family's paper. What the team typed is marked as theirs, with `lang="en"` where
it is still English on a page in another language, and is never read as markup.
Tables are written as lists, one item a row, so the page reflows at 320 px (or
400% zoom) without scrolling sideways.

The page works without scripts (it shows the meeting as it was when loaded); a
few lines of script take the pushes (Server-Sent Events) and replace only the
regions that changed, and put what was just recorded in a polite live region.
The script and the styles are allowed by their hashes in the Content Security
Policy; nothing else runs or loads.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence

import attrs

from iep_meeting.documents.document import (
    TYPED_LANGUAGE,
    Document,
    Line,
    Paragraph,
    Section,
    typed,
)
from iep_meeting.documents.family_parts import (
    agreement_section,
)
from iep_meeting.documents.html import STYLE as DOCUMENT_STYLE
from iep_meeting.documents.html import WrittenBlocks, escape, line_html, section_html
from iep_meeting.documents.in_language import in_language
from iep_meeting.documents.meeting_parts import ALWAYS_SHOWN, now_parts, part_of, part_section, readable
from iep_meeting.documents.plan_parts import first_name, plan_document, status_words
from iep_meeting.meeting.clock import Phase
from iep_meeting.share.meeting_source import AgendaStep
from iep_meeting.share.view import Note, View
from iep_meeting.words.labels import ENGLISH
from iep_meeting.words.locale import Strings

# The regions the server replaces, by element id, in page order.
REGIONS = ("status", "agenda", "now", "decisions", "parking", "next")

STYLE = (
    DOCUMENT_STYLE
    + """
html { font-size: 125%; }
body { font-size: 1rem; max-width: 78rem; margin: 0 auto; padding: 0 1rem 2rem; line-height: 1.5;
       overflow-wrap: anywhere; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; } h3 { font-size: 1.15rem; } h4 { font-size: 1.05rem; }
.layout { display: grid; gap: 0 2rem; }
.layout > * { min-width: 0; }
@media (min-width: 60em) { .layout { grid-template-columns: minmax(12em, 1fr) 3fr; } }
nav.languages ul { list-style: none; padding: 0; margin: 0.5em 0; display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
nav.languages a[aria-current] { font-weight: bold; text-decoration: none; border-bottom: 0.15em solid #111; }
ol.agenda { list-style: none; padding: 0; margin: 0; }
ol.agenda li { padding: 0.3em 0.5em; margin: 0.2em 0; border-left: 0.3em solid transparent; }
ol.agenda li[aria-current] { font-weight: bold; border-left-color: #111; background: #f1f1f1; }
.mark { display: inline-block; min-width: 1.2em; }
.recorded { border: 2px solid #333; padding: 0.2em 0.8em 0.5em; margin: 1em 0; }
.recorded h2 { border: 0; margin-top: 0.3em; }
@media (max-width: 40em) {
  dl.facts, dl.terms { display: block; }
  dl.facts dd, dl.terms dd { margin: 0 0 0.6em; }
}
"""
)

SCRIPT = """"use strict";
(() => {
  const events = new EventSource("/events?since=" + encodeURIComponent(document.body.dataset.version));
  const announce = document.getElementById("announce");
  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    for (const [id, html] of Object.entries(state.regions)) {
      const region = document.getElementById(id);
      if (region) region.innerHTML = html;
    }
    if (state.announce) announce.innerHTML = state.announce;
    if (state.title) document.title = state.title;
    if (state.heading) document.getElementById("heading").textContent = state.heading;
  });
  events.addEventListener("end", (event) => {
    events.close();
    announce.textContent = event.data;
  });
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Only this page's own script and styles run, and it may talk only to the server it came from.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src {_csp_hash(SCRIPT)}; style-src {_csp_hash(STYLE)}; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# For the short pages that say why not (403, 404, ...): nothing at all.
PLAIN_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def _document(view: View, s: Strings) -> Document:
    """The page as a document of the plan: its language, title and status, for the HTML writer."""
    return plan_document("share", view.plan, s, s.text("share.title", student=view.plan.student.name.strip()), (), ())


def _family_name(step: AgendaStep, view: View, s: Strings) -> str:
    """A section's name in the words the family's agenda sheet gives it, when the page
    is not in the agenda's own English and the language has them ("" otherwise)."""
    key = f"agenda_part.{step.id}"
    if s.language == TYPED_LANGUAGE or not s.has(key):
        return ""
    return s.text(key, student=first_name(view.plan))


def _agenda_words(step: AgendaStep, view: View, s: Strings) -> str:
    """A section's name: in the page's language as the family's agenda sheet says it
    (documents/agenda_sheet.py); else the agenda file's English title, marked as English
    in a page in another language (a district's own section)."""
    name = _family_name(step, view, s)
    return escape(name) if name else _english_title(step.title, s)


def _english_title(title: str, s: Strings) -> str:
    """An agenda file's English title, marked as English in a page in another language."""
    lang = f' lang="{TYPED_LANGUAGE}"' if s.language != TYPED_LANGUAGE else ""
    return f"<span{lang}>{escape(title)}</span>"


# --- the regions ---------------------------------------------------------------------------------------------------


def _status(view: View, s: Strings) -> str:
    note, mark = status_words(view.plan, s)
    return f'<p class="status">{escape(mark) + ": " if mark else ""}{escape(note)}</p>'


def _time_left(view: View, s: Strings) -> str:
    """How long is left for the section the team is on ("" when the clock is not running)."""
    minutes = view.time.section_minutes
    if view.time.phase is not Phase.RUNNING:
        return ""
    return s.count("share.left", minutes) if minutes >= 0 else s.count("share.over", -minutes)


def _meeting_time(view: View, s: Strings) -> str:
    """When the meeting ends (or starts, or which day it is, or that it is over)."""
    time = view.time
    if time.phase is Phase.FINAL:
        return s.text("share.final")
    if time.phase is Phase.ANOTHER_DAY and time.day is not None:
        return s.text("share.on_day", date=s.date(time.day))
    if time.phase is Phase.BEFORE_START and time.starts is not None:
        return s.text("share.starts", time=time.starts.strftime("%H:%M"))
    if time.past_end:
        return s.count("share.past_end", time.past_end)
    if time.ends is None:
        return s.text("share.no_end")
    return s.text("share.ends", time=time.ends.strftime("%H:%M"))


def _agenda_item(step: AgendaStep, view: View, s: Strings) -> str:
    state = [s.text(f"share.status.{step.status.value}"), s.count("share.minutes", step.minutes)]
    symbol = f'<span class="mark" aria-hidden="true">{escape(ENGLISH.symbol(step.status))}</span>'
    title = _agenda_words(step, view, s)
    if step.id != view.current:
        return f"<li>{symbol}{title} ({escape(' · '.join(state))})</li>"
    left = _time_left(view, s)
    now = f"<strong>{escape(s.text('share.now'))}:</strong> "
    after = f" {escape(left)}" if left else ""
    return f'<li aria-current="step">{now}{symbol}{title} ({escape(" · ".join(state))}){after}</li>'


def _agenda(view: View, s: Strings) -> str:
    items = "\n".join(_agenda_item(step, view, s) for step in view.agenda)
    return (
        f'<h2 id="agenda-heading">{escape(s.text("share.agenda"))}</h2>\n<ol class="agenda">\n{items}\n</ol>\n'
        f'<p class="clock">{escape(_meeting_time(view, s))}</p>'
    )


def _now_parts(step: AgendaStep) -> list[str]:
    """The parts of the plan the section covers that the page shows under "Now"."""
    return now_parts(step.parts)


def _now(view: View, s: Strings, document: Document, sections: Sequence[Section], written: WrittenBlocks | None) -> str:
    step = view.step
    if step is None:
        return ""
    before, _, after = s.raw("share.now_heading").partition("{section}")
    heading = escape(before) + _agenda_words(step, view, s) + escape(after)
    parts = [f'<h2 id="now-heading">{heading}</h2>']
    left = _time_left(view, s)
    if left:
        parts.append(f'<p class="time">{escape(left)}</p>')
    if not sections:  # a part only talked through, or one whose records are all shown below
        below = any(part_of(path) in ALWAYS_SHOWN for path in step.parts)
        parts.append(f"<p>{escape(s.text('share.below' if below else 'share.talk'))}</p>")
    parts += [section_html(document, section, level=3, written=written) for section in sections]
    return "\n".join(parts)


def regions(
    view: View, s: Strings, bank: Mapping[str, str] | None = None, written: WrittenBlocks | None = None
) -> dict[str, str]:
    """The inner HTML of each region of the page (REGIONS), in the language of `s`: the
    team's words in it translated where the plan keeps a translation (or `bank`, the
    banks' words in that language, has them), as in the family's copy. With `written`
    (the blocks written for this language before), only what changed is written again."""
    plan = view.plan
    shown: list[tuple[str, Section]] = [
        ("now", part_section(part, plan, s)) for part in (_now_parts(view.step) if view.step else ())
    ]
    shown += [
        ("decisions", part_section("decisions", plan, s)),
        *(("decisions", found) for found in [agreement_section(plan, s)] if found is not None),
        ("parking", part_section("parking_lot", plan, s)),
        ("next", part_section("action_items", plan, s)),
    ]
    document = attrs.evolve(_document(view, s), sections=tuple(readable(section) for _, section in shown))
    document = in_language(document, plan, s, list_english=False, bank=bank)
    by_region: dict[str, list[Section]] = {}
    for (region, _), section in zip(shown, document.sections):
        by_region.setdefault(region, []).append(section)

    def written_region(region: str) -> str:
        return "\n".join(section_html(document, section, written=written) for section in by_region[region])

    found = {
        "status": _status(view, s),
        "agenda": _agenda(view, s),
        "now": _now(view, s, document, by_region.get("now", []), written),
        "decisions": written_region("decisions"),
        "parking": written_region("parking"),
        "next": written_region("next"),
    }
    if written is not None:
        written.turn()
    return found


def page_heading(view: View, s: Strings) -> str:
    """The page's heading: whose meeting it is."""
    return s.text("share.title", student=view.plan.student.name.strip())


def page_title(view: View, s: Strings) -> str:
    title = page_heading(view, s)
    step = view.step
    return f"{title} — {_family_name(step, view, s) or step.title}" if step is not None else title


_NOTE_KEYS = {"decision": "share.new_decision", "topic": "share.new_topic", "step": "share.new_step"}


def notes_html(found: Sequence[Note], view: View, s: Strings, bank: Mapping[str, str] | None = None) -> str:
    """What was just recorded, for the live region: one line each (the team's words marked,
    and translated as on the rest of the page)."""
    if not found:  # most changes record nothing (typing): no words to translate
        return ""
    lines: list[str | Line] = []
    for note in found:
        if note.kind == "final":
            lines.append(escape(s.text("share.made_final")))
        elif note.kind == "moved":
            # Where the team moved to, found by its id: the view written may already be
            # on a later section (a slow viewer's notes wait for the next update).
            step = next((step for step in view.agenda if step.id == note.section), None)
            name = _agenda_words(step, view, s) if step is not None else _english_title(note.text, s)
            lines.append(f"{escape(s.text('share.moved'))}: {name}")
        else:
            pieces: Line = (s.text(_NOTE_KEYS[note.kind]),)
            if note.outcome is not None:
                pieces += (f" ({s.text(f'outcome.{note.outcome.value}')})",)
            if note.text:
                pieces += (": ", *typed(note.text))
            lines.append(pieces)
    said = tuple(Paragraph(line) for line in lines if isinstance(line, tuple))
    document = attrs.evolve(_document(view, s), sections=(Section("notes", "", said),))
    translated = iter(in_language(document, view.plan, s, list_english=False, bank=bank).sections[0].blocks)
    written = []
    for line in lines:
        if isinstance(line, str):
            written.append(line)
        else:
            paragraph = next(translated)
            assert isinstance(paragraph, Paragraph)
            written.append(line_html(document, paragraph.pieces))
    return "<br>\n".join(written)


# --- the pages -----------------------------------------------------------------------------------------------------


def _language_link(language: Strings, current: bool) -> str:
    """A link that shows the page in `language`, named in that language."""
    code = escape(language.language)
    mark = ' aria-current="true"' if current else ""
    name = escape(language.text("share.language_name"))
    return f'<li><a href="/?lang={code}" lang="{code}" hreflang="{code}"{mark}>{name}</a></li>'


def page_html(view: View, s: Strings, shown: dict[str, str], version: int, languages: Sequence[Strings]) -> str:
    """The whole page in the language of `s`, with the regions `shown` (from `regions`)
    as of `version`; `languages` are the ones a viewer may pick."""
    document = _document(view, s)
    links = "".join(_language_link(other, other.language == s.language) for other in languages)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(s.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(page_title(view, s))}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            f'<body data-version="{version}">',
            "<header>",
            f'<h1 id="heading">{escape(document.title)}</h1>',
            f'<div id="status">{shown["status"]}</div>',
            f"<p>{escape(s.text('share.what'))}</p>",
            f'<p><span class="typed">{escape(document.team_words_tag)}</span> {escape(document.team_words_note)}</p>',
            f'<nav class="languages" aria-label="{escape(s.text("share.languages"))}"><ul>{links}</ul></nav>',
            f"<noscript><p>{escape(s.text('share.no_script'))}</p></noscript>",
            "</header>",
            '<div class="layout">',
            f'<aside id="agenda" aria-labelledby="agenda-heading">{shown["agenda"]}</aside>',
            "<main>",
            '<section class="recorded" aria-labelledby="recorded-heading">',
            f'<h2 id="recorded-heading">{escape(s.text("share.recorded"))}</h2>',
            f'<p id="announce" role="status" aria-live="polite">{escape(s.text("share.nothing_recorded"))}</p>',
            "</section>",
            f'<section id="now" aria-labelledby="now-heading">{shown["now"]}</section>',
            f'<div id="decisions">{shown["decisions"]}</div>',
            f'<div id="parking">{shown["parking"]}</div>',
            f'<div id="next">{shown["next"]}</div>',
            "</main>",
            "</div>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def message_page(language: str, text: str) -> str:
    """A short page in `language` that says why there is nothing to see (no key, no such page, ...)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(text)}</title>\n</head>\n<body>\n<main>\n<h1>{escape(text)}</h1>\n</main>\n</body>\n</html>\n"
    )
