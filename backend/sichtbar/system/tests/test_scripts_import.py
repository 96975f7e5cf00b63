"""The benchmarks and load tests outside the test suite still import what they name from the apps: a
module split (guidelines moved from content to governance) once broke `make load-stack` unseen."""

import ast
import importlib
from importlib.util import find_spec
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
SCRIPTS = sorted([*(ROOT / "bench").glob("*.py"), *(ROOT / "tests" / "load").glob("*.py")])


def _app_imports(path: Path) -> list[tuple[int, str, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sichtbar"):
            found += [(node.lineno, node.module, alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_name_a_script_imports_from_the_apps_exists(path):
    missing = []
    for line, module, name in _app_imports(path):
        imported = importlib.import_module(module)
        if not hasattr(imported, name) and find_spec(f"{module}.{name}") is None:
            missing.append(f"line {line}: from {module} import {name}")
    assert missing == []


def test_the_scripts_are_found():
    assert any(path.name == "stack.py" for path in SCRIPTS) and len(SCRIPTS) > 20
