"""iep-meeting: run a facilitated IEP meeting and record it into a TOML plan file."""

__version__ = "0.2.0"
