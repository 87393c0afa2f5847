"""What `iep-meeting run` loads before its first frame: not the checklist's rules
(they load, and the first checklist runs, right after it is painted:
tui/screens/meeting.py), nor the server of the audience view (loaded only to share).
bench/startup.py measures the time this keeps off the first frame."""

from __future__ import annotations

import subprocess
import sys

LOADED_LATER = ("iep_meeting.model.checklist", "iep_meeting.model.next_year", "iep_meeting.share")


def test_the_app_starts_without_the_checklist_rules_or_the_share_server() -> None:
    code = (
        "import sys\n"
        "import iep_meeting.tui.launch, iep_meeting.tui.screens.meeting\n"
        f"print(sorted(n for n in sys.modules if n.startswith({LOADED_LATER!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# What one command or another uses, and `run` never: the command line loads it
# only for the command that does (cli/main.py: `later`).
OTHER_COMMANDS = (
    "iep_meeting.cli.plans",
    "iep_meeting.cli.reports",
    "iep_meeting.cli.git_commands",
    "iep_meeting.cli.caseload_output",
    "iep_meeting.model.caseload",
    "iep_meeting.model.diff",
    "iep_meeting.documents",
    "iep_meeting.store.git_repo",
    "iep_meeting.store.caseload_scan",
    "sqlite3",
)


def test_the_command_line_starts_without_the_other_commands_modules() -> None:
    code = (
        "import sys\n"
        "from iep_meeting.cli.main import build_parser\n"
        "build_parser().parse_args(['run', 'plan.iep.toml'])\n"
        f"print(sorted(n for n in sys.modules if n.startswith({OTHER_COMMANDS!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
