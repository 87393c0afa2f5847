"""The app leans on Textual's public API only, so a new Textual release cannot
change it from underneath: no class of the app overrides a private method of
a Textual (or Rich) class, and the test harness reads no private field."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import iep_meeting.tui

HARNESS = Path(__file__).with_name("harness.py")


def app_classes() -> list[type]:
    classes = []
    for module_info in pkgutil.walk_packages(iep_meeting.tui.__path__, "iep_meeting.tui."):
        module = importlib.import_module(module_info.name)
        classes += [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__]
    return classes


def private_overrides(cls: type) -> list[str]:
    """Methods and properties `cls` defines that replace a private one of a Textual or Rich base."""
    found = []
    for name, value in vars(cls).items():
        if not name.startswith("_") or name.startswith("__"):
            continue
        if not (inspect.isfunction(value) or isinstance(value, (property, classmethod, staticmethod))):
            continue  # Textual's metaclass keeps its own data (bindings, CSS) under private names
        for base in cls.__mro__[1:]:
            if base.__module__.startswith(("textual.", "rich.")) and name in vars(base):
                found.append(f"{cls.__module__}.{cls.__qualname__}.{name} (of {base.__qualname__})")
                break
    return found


def test_no_class_of_the_app_overrides_a_private_textual_method() -> None:
    classes = app_classes()
    assert len(classes) > 40  # every module of the app was walked
    found = [override for cls in classes for override in private_overrides(cls)]
    assert found == []


def test_the_harness_reads_no_private_field() -> None:
    tree = ast.parse(HARNESS.read_text(encoding="utf-8"))
    private = [
        f"line {node.lineno}: .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id == "self")
    ]
    assert private == []
