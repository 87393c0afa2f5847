"""`iep-meeting progress PLAN`: a small app of its own for recording progress on
a final plan's goals between meetings (the meeting app is not needed for it)."""
