"""The layers stay as docs/architecture.md draws them: imports point down only,
only the app imports Textual, nothing imports in a circle, the model reads no
files, and the command line loads no Textual until the app is asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

import iep_meeting

PACKAGE = Path(iep_meeting.__file__).parent
ROOT = PACKAGE.parent


def test_import_contracts_are_kept(monkeypatch):
    # The contracts are in pyproject.toml ([tool.importlinter]).
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def _cycles(graph: grimp.ImportGraph, package: str = "iep_meeting") -> list[list[str]]:
    """Import circles between modules (strongly connected parts of the graph, Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if not imported.startswith(package):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    for module in sorted(graph.modules):
        if module.startswith(package) and module not in index:
            visit(module)
    return found


def test_no_module_imports_in_a_circle():
    graph = grimp.build_graph("iep_meeting")
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_circle(tmp_path, monkeypatch):
    # The test above can fail: a package whose two modules import each other.
    package = tmp_path / "circle_demo"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circle_demo import b\n")
    (package / "b.py").write_text("from circle_demo import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circle_demo", cache_dir=None)
    assert _cycles(graph, "circle_demo") == [["circle_demo.a", "circle_demo.b"]]


def test_lower_layers_load_without_textual():
    code = (
        "import sys, pkgutil, importlib, iep_meeting\n"
        "for name in ('words', 'model', 'store', 'meeting', 'documents'):\n"
        "    package = importlib.import_module(f'iep_meeting.{name}')\n"
        "    for info in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'iep_meeting.{name}.{info.name}')\n"
        "import iep_meeting.cli.main\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_model_and_words_read_no_files():
    for folder in ("model", "words"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            text = path.read_text(encoding="utf-8")
            assert "open(" not in text and "read_text(" not in text and "read_bytes(" not in text, path
