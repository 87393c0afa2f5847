"""The meeting's commands that take more than one step: each a function of the
app, asking in dialogs and carrying out the answer through the session.
The app routes its actions here (tui/app.py); the work itself is the
session's (meeting/)."""
