"""`iep-meeting export KIND PLAN`: a document from a plan (documents/export.py
makes and writes it); this prints what was written and the warnings."""

from __future__ import annotations

from pathlib import Path

from iep_meeting.cli.output import say
from iep_meeting.documents.export import KIND_WORDS, export_document


def export(
    kind: str,
    plan_path: Path,
    *,
    language: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    user_dir: Path | str | None,
    period: str | None = None,
) -> int:
    exported = export_document(
        kind, plan_path, language=language, fmt=fmt, output=output, force=force, user_dir=user_dir, period=period
    )
    for warning in exported.warnings:
        say(f"warning: {warning}", error=True)
    say(f"Wrote {KIND_WORDS[kind]} ({exported.language}, {fmt.upper()}) to {exported.path}.")
    return 0
