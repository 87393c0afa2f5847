"""ctrl+g: make the family's copy. Save first (so the file says what the copy
says), ask before a copy made before is replaced, make the file
(documents/export.py), record it in the plan (meeting/family_copy.py), then
say what was made and offer to open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from iep_meeting.documents.family_language import family_locale
from iep_meeting.meeting.family_copy import record_family_copy, replace_question
from iep_meeting.store.errors import StoreError
from iep_meeting.tui.context import meeting, session

# Browsers that run in the terminal: never started over the meeting (see open_file).
_TEXT_BROWSERS = frozenset({"www-browser", "links", "elinks", "lynx", "w3m"})


def family_copy(app: App[Any], agenda_dir: Path | None) -> None:
    """`agenda_dir`: the district's folder (--agenda-dir), whose locales make the copy."""
    session(app).when_idle(lambda: _save_then_make(app, agenda_dir))  # not while an autosave is written


def _save_then_make(app: App[Any], agenda_dir: Path | None) -> None:
    from iep_meeting.documents import export
    from iep_meeting.tui.dialogs.confirm import ConfirmDialog

    current = session(app)
    problem = current.save_now()  # the file on disk says what the copy says (nothing to do when read-only)
    if problem is not None:
        _not_made(app, f"the plan could not be saved first: {problem}")
        return
    fmt = export.preferred_format()
    try:
        language = family_locale(current.plan, agenda_dir)
    except StoreError as error:
        _not_made(app, str(error))
        return
    target = export.default_output(current.plan_file.path, "family", language, fmt)
    if not target.exists():
        _make(app, agenda_dir, target, language, fmt, replace=False)
        return

    def answered(replace: bool | None) -> None:
        if replace:
            _make(app, agenda_dir, target, language, fmt, replace=True)
        else:
            app.notify(f"Nothing made: {target.name} is kept as it was.", timeout=5, markup=False)

    title, detail = replace_question(current, target)
    app.push_screen(ConfirmDialog(title, detail, confirm="Replace it", cancel="Keep it"), answered)


def _make(app: App[Any], agenda_dir: Path | None, target: Path, language: str, fmt: str, *, replace: bool) -> None:
    from iep_meeting.documents import export
    from iep_meeting.tui.dialogs.confirm import ConfirmDialog

    current = session(app)
    try:
        made = export.export_document(
            "family",
            current.plan_file.path,
            language=language,
            fmt=fmt,
            output=target,
            force=replace,
            user_dir=agenda_dir,
            plan=current.plan,
            made_on=current.now().date(),  # the session's clock, like the meeting clock
        )
    except StoreError as error:
        _not_made(app, str(error))
        return
    lines = record_family_copy(current, made, agenda_dir)
    if made.by_code:  # characters no font here has: shown by their code in the PDF
        lines = (*lines, f"! {export.by_code_note(made.by_code)}")

    def answered(open_it: bool | None) -> None:
        if open_it and not meeting(app).open_file(made.path):
            app.notify(
                f"No browser or viewer to open it with here: open {made.path} on this computer.",
                severity="warning",
                markup=False,
                timeout=10,
            )

    question = "The family's copy is made. Open it now?"
    dialog = ConfirmDialog(question, "\n".join(lines), confirm="Open it", cancel="Not now", warning=False)
    app.push_screen(dialog, answered)


def _not_made(app: App[Any], why: str) -> None:
    app.notify(f"The family's copy was not made: {why}", title="Not made", severity="error", markup=False, timeout=10)


def open_file(path: Path) -> bool:
    """Open a file the app made in the computer's browser or PDF viewer; False when
    there is none. A text browser (lynx, w3m) is not used: it would take over this
    terminal, the shared screen."""
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if getattr(browser, "name", "") in _TEXT_BROWSERS:
        return False
    return browser.open(path.as_uri())
