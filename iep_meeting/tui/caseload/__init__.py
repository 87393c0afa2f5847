"""The caseload as a screen: `iep-meeting` with no command (app.py, launch.py)."""
