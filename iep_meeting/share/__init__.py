"""The audience view: a read-only view of the running meeting, served to a browser.

Imported only when sharing starts (the app and the command line never import it
at start-up). See docs/architecture.md, "share/".
"""
