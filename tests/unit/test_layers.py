"""The model layer stays free of UI and file I/O (DESIGN.md: imports point down)."""

import ast
import subprocess
import sys
from pathlib import Path

import iep_meeting

PACKAGE = Path(iep_meeting.__file__).parent


def test_model_imports_without_textual():
    code = (
        "import sys, pkgutil, importlib, iep_meeting.model as m\n"
        "for info in pkgutil.iter_modules(m.__path__): importlib.import_module(f'iep_meeting.model.{info.name}')\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    return names


def test_model_does_no_file_io_and_imports_nothing_above_it():
    for path in sorted((PACKAGE / "model").glob("*.py")):
        imports = _imports(path)
        assert not any(name.startswith(("textual", "..store", "..app", "..screens", "..widgets", "iep_meeting.store")) for name in imports), path
        assert "open(" not in path.read_text(encoding="utf-8"), f"{path.name} opens a file"


def test_store_does_not_import_the_ui():
    for path in sorted((PACKAGE / "store").glob("*.py")):
        assert not any(name.startswith(("textual", "..app", "..screens", "..widgets")) for name in _imports(path)), path
