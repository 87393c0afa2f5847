"""One error hierarchy: every error a user's file or action can cause is a StoreError,
which the command line turns into a message and exit code 2 (never a traceback)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import iep_meeting.store
from iep_meeting.store.errors import StoreError

# Raised and caught inside the store only: they leave it as FileProblemError (or, for the
# caseload's quick reading and its cache, as the whole reading and a rebuilt cache; for the
# progress file's fast reading, as the general one).
INTERNAL = {"DocumentError", "ValueProblem", "_NotQuick", "_Untrusted", "_NotAsWritten"}


def test_every_error_the_store_raises_to_its_callers_is_a_store_error():
    errors = []
    for info in pkgutil.iter_modules(iep_meeting.store.__path__):
        module = importlib.import_module(f"iep_meeting.store.{info.name}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Exception) and value.__module__ == module.__name__:
                errors.append(value)
    assert len(errors) > 8
    for error in errors:
        assert error.__name__ in INTERNAL or issubclass(error, StoreError), error
