"""The family's input form, sent before the meeting (`iep-meeting prepare`).

Two forms of one set of questions (`QUESTIONS`), in the family's language:

- `input_form_html`: one self-contained HTML file that works offline in any
  current browser, with no server and no network. The family types their
  answers; "Save my answers" downloads them as a small JSON file named with
  the student and the date (store/answers_file.py reads it back, with the
  same limits the boxes have); "Print my answers" prints them. Accessible:
  every box has a label, related boxes a fieldset and legend, hints are tied
  to their box, a problem is said in words at the top and taken to, and
  everything works from the keyboard. The one script is inline and the same
  in every form (what differs is in `data-` attributes), so its hash is the
  page's Content-Security-Policy: nothing else runs, nothing is fetched.
- `paper_form`: the same questions as a `Document` with lines to write on
  (a tagged PDF through documents/pdf.py), for a family who answers on paper.

Nothing here reads a file.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

import attrs

from iep_meeting.documents.document import Block, Document, Paragraph, Section, WriteIn
from iep_meeting.documents.family_parts import case_manager
from iep_meeting.documents.html import escape
from iep_meeting.documents.plan_parts import first_name
from iep_meeting.model.plan import Plan
from iep_meeting.store.answers_file import FORM_NAME, FORM_VERSION, MAX_CONCERNS, MAX_NAME, MAX_TEXT, MAX_TOPICS
from iep_meeting.words.locale import Strings


@attrs.frozen
class Question:
    """One box of the form: its name in the answers file, its label's string, a hint's string."""

    name: str  # "strengths"; a box of a list is "concerns.2"
    label: str  # the key of its label in the strings ("form.strengths")
    hint: str = ""
    lines: int = 4  # rows of the box; ruled lines on paper
    number: int = 0  # its number in a list of boxes ("Concern 2")
    short: bool = False  # one line (a name)


@attrs.frozen
class Group:
    """A fieldset: a heading, maybe a hint for all its boxes, and the boxes."""

    id: str
    heading: str  # its string's key
    hint: str
    questions: tuple[Question, ...]


QUESTIONS: tuple[Group, ...] = (
    Group(
        "about",
        "form.about_heading",
        "",
        (Question("filled_by", "form.filled_by", "form.filled_by_hint", lines=1, short=True),),
    ),
    Group("strengths", "form.strengths_heading", "", (Question("strengths", "form.strengths", "form.strengths_hint"),)),
    Group(
        "concerns",
        "form.concerns_heading",
        "form.concerns_hint",
        tuple(Question(f"concerns.{n}", "form.concern", lines=3, number=n) for n in range(1, MAX_CONCERNS + 1)),
    ),
    Group(
        "vision",
        "form.vision_heading",
        "",
        (
            Question("vision_next_year", "form.vision_next_year"),
            Question("vision_after_school", "form.vision_after_school"),
        ),
    ),
    Group("home", "form.home_heading", "", (Question("works_at_home", "form.works_at_home"),)),
    Group(
        "topics",
        "form.topics_heading",
        "form.topics_hint",
        tuple(Question(f"topics.{n}", "form.topic", lines=2, number=n) for n in range(1, MAX_TOPICS + 1)),
    ),
    Group(
        "student",
        "form.student_heading",
        "form.student_intro",
        (
            Question("student_good_at", "form.student_good_at", lines=3),
            Question("student_hard", "form.student_hard", lines=3),
            Question("student_helps", "form.student_helps", lines=3),
        ),
    ),
)


def _label(question: Question, s: Strings, student: str) -> str:
    return s.text(question.label, student=student, number=question.number)


def file_stem(plan: Plan) -> str:
    """ "jordan-vance-answers": the answers file's name before its date (ASCII, lower case)."""
    name = unicodedata.normalize("NFKD", plan.student.name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    return f"{slug or 'student'}-answers"


# --- the HTML form ------------------------------------------------------------------------------------------------

# The form's one script. It reads what differs between forms from the form's data-
# attributes, so it is the same text in every form and its hash never changes.
SCRIPT = """
"use strict";
(function () {
  var form = document.getElementById("input-form");
  var data = form.dataset;
  var problem = document.getElementById("problem");
  var problemText = document.getElementById("problem-text");
  var note = document.getElementById("saved-note");
  function boxes() { return Array.prototype.slice.call(form.querySelectorAll("[data-answer]")); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function answers() {
    var out = {concerns: [], topics: []};
    boxes().forEach(function (box) {
      var name = box.dataset.answer, text = box.value.trim();
      var dot = name.indexOf(".");
      if (dot > 0) { if (text) { out[name.slice(0, dot)].push(text); } }
      else { out[name] = text; }
    });
    return out;
  }
  function empty() {
    return boxes().every(function (box) { return !box.value.trim(); });
  }
  function say(text) {
    problemText.textContent = text;
    problem.hidden = false;
    problem.focus();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    note.textContent = "";
    if (empty()) {
      boxes()[0].setAttribute("aria-invalid", "true");
      say(data.empty);
      return;
    }
    boxes()[0].removeAttribute("aria-invalid");
    problem.hidden = true;
    var day = today();
    var file = {
      form: data.form, version: Number(data.version),
      student: {name: data.studentName, id: data.studentId},
      meeting_date: data.meetingDate || undefined, language: data.language, saved: day,
      answers: answers()
    };
    var name = data.file + "-" + day + ".json";
    var blob = new Blob([JSON.stringify(file, null, 2) + "\\n"], {type: "application/json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    note.textContent = data.saved.replace("{name}", name);
  });
  function copies() {
    boxes().forEach(function (box) {
      var copy = document.getElementById(box.id + "-copy");
      if (copy) { copy.textContent = box.value; }
    });
  }
  window.addEventListener("beforeprint", copies);
  document.getElementById("print").addEventListener("click", function () { copies(); window.print(); });
})();
"""


def script_hash() -> str:
    """The Content-Security-Policy source of SCRIPT: its SHA-256, base64."""
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src {script}; form-action 'none'; base-uri 'none'"

STYLE = """
html { font-family: "Atkinson Hyperlegible", Verdana, "DejaVu Sans", Arial, sans-serif; }
body { font-size: 13pt; line-height: 1.45; color: #111; background: #fff; max-width: 42em;
       margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0.2em 0 0.5em; }
p { overflow-wrap: anywhere; }
fieldset { border: 2px solid #555; border-radius: 0.3em; margin: 1.2em 0; padding: 0.6em 0.9em 0.9em; }
legend { font-size: 15pt; font-weight: bold; padding: 0 0.3em; }
label { display: block; font-weight: bold; margin: 0.8em 0 0.2em; }
.hint { margin: 0.1em 0 0.3em; color: #333; }
textarea, input[type=text] { box-sizing: border-box; width: 100%; font: inherit; padding: 0.35em 0.45em;
       border: 2px solid #555; border-radius: 0.2em; background: #fff; color: #111; }
textarea { resize: vertical; }
textarea:focus, input:focus, button:focus, #problem:focus { outline: 3px solid #0b4f9c; outline-offset: 2px; }
[aria-invalid=true] { border-color: #a00000; }
.actions { margin: 1.4em 0; display: flex; flex-wrap: wrap; gap: 0.8em; }
button { font: inherit; font-weight: bold; padding: 0.55em 1.1em; border-radius: 0.3em; cursor: pointer;
         border: 2px solid #0b4f9c; background: #0b4f9c; color: #fff; }
button.secondary { background: #fff; color: #0b4f9c; }
#problem { border: 3px solid #a00000; padding: 0.5em 0.8em; margin: 1em 0; }
#problem h2 { font-size: 14pt; margin: 0 0 0.3em; color: #a00000; }
#saved-note:not(:empty) { border: 2px solid #1d6b2f; padding: 0.5em 0.8em; font-weight: bold; }
.copy { display: none; }
@media print {
  body { max-width: none; margin: 0; font-size: 12pt; }
  .actions, #problem, #saved-note, .how, .private { display: none; }
  textarea, input[type=text] { display: none; }
  .copy { display: block; white-space: pre-wrap; border-bottom: 1px solid #777; min-height: 1.5em; }
  fieldset { break-inside: avoid; }
}
"""


def _box(question: Question, s: Strings, student: str) -> str:
    box_id = question.name.replace(".", "-")
    label = escape(_label(question, s, student))
    hint_id = f"{box_id}-hint"
    hint = f'<p class="hint" id="{hint_id}">{escape(s.text(question.hint))}</p>' if question.hint else ""
    described = f' aria-describedby="{hint_id}"' if question.hint else ""
    common = f'id="{box_id}" name="{escape(question.name)}" data-answer="{escape(question.name)}"{described}'
    if question.short:
        control = f'<input type="text" {common} maxlength="{MAX_NAME}" autocomplete="name">'
    else:
        control = f'<textarea {common} rows="{question.lines}" maxlength="{MAX_TEXT}"></textarea>'
    copy = f'<div class="copy" id="{box_id}-copy"></div>'
    return f'<label for="{box_id}">{label}</label>\n{hint}{control}\n{copy}'


def _group(group: Group, s: Strings, student: str) -> str:
    hint = f'<p class="hint">{escape(s.text(group.hint, student=student))}</p>\n' if group.hint else ""
    boxes = "\n".join(_box(question, s, student) for question in group.questions)
    legend = escape(s.text(group.heading, student=student))
    return f'<fieldset id="{group.id}">\n<legend>{legend}</legend>\n{hint}{boxes}\n</fieldset>'


def _data(plan: Plan, s: Strings) -> str:
    """What the script needs to know, as the form's data- attributes."""
    values = {
        "form": FORM_NAME,
        "version": str(FORM_VERSION),
        "student-name": plan.student.name.strip(),
        "student-id": plan.student.id.strip(),
        "meeting-date": plan.meeting.date.isoformat() if plan.meeting.date else "",
        "language": s.language,
        "file": file_stem(plan),
        "empty": s.text("form.empty"),
        "saved": s.raw("form.saved"),
    }
    return " ".join(f'data-{name}="{escape(value)}"' for name, value in values.items())


def _intro(plan: Plan, s: Strings) -> list[str]:
    student = first_name(plan)
    date = s.date(plan.meeting.date) if plan.meeting.date else ""
    paragraphs = [s.text("form.intro", student=student, date=date)]
    name, _member = case_manager(plan)
    if name:
        paragraphs.append(s.text("form.questions", name=name))
    return paragraphs


def input_form_html(plan: Plan, s: Strings) -> str:
    """The input form of `plan`'s meeting in the language of `s`: one HTML page (text; write it as UTF-8)."""
    student = first_name(plan)
    title = escape(s.text("form.title", student=student))
    intro = "\n".join(f"<p>{escape(text)}</p>" for text in _intro(plan, s))
    groups = "\n".join(_group(group, s, student) for group in QUESTIONS)
    csp = CSP.format(script=script_hash())
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(s.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
            f"<title>{title}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<header>",
            f"<h1>{title}</h1>",
            intro,
            f'<p class="how">{escape(s.text("form.how"))}</p>',
            f'<p class="private">{escape(s.text("form.private"))}</p>',
            "</header>",
            "<main>",
            f'<form id="input-form" novalidate {_data(plan, s)}>',
            '<div id="problem" role="alert" tabindex="-1" hidden>',
            f'<h2>{escape(s.text("form.problem"))}</h2><p id="problem-text"></p>',
            "</div>",
            groups,
            '<div class="actions">',
            f'<button type="submit" id="save">{escape(s.text("form.save"))}</button>',
            f'<button type="button" id="print" class="secondary">{escape(s.text("form.print"))}</button>',
            "</div>",
            '<p id="saved-note" role="status"></p>',
            "</form>",
            "</main>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


# --- the paper form -----------------------------------------------------------------------------------------------


def paper_form(plan: Plan, s: Strings) -> Document:
    """The same questions on paper, with lines to write on, in the language of `s`."""
    student = first_name(plan)
    sections = []
    for group in QUESTIONS:
        blocks: list[Block] = [Paragraph((s.text(group.hint, student=student),))] if group.hint else []
        blocks += [
            WriteIn(_label(question, s, student), s.text(question.hint) if question.hint else "", question.lines + 1)
            for question in group.questions
        ]
        sections.append(Section(group.id, s.text(group.heading, student=student), tuple(blocks)))
    return Document(
        kind="paper-form",
        language=s.language,
        title=s.text("form.paper_title", student=student),
        draft_mark="",
        status_note=s.text("form.paper_how"),
        team_words_note="",  # nothing of the team's is on it
        team_words_tag=s.text("doc.team_words_tag"),
        intro=tuple(Paragraph((text,)) for text in _intro(plan, s)),
        sections=tuple(sections),
    )
