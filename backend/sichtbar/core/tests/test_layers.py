"""The floors in code (`sichtbar/core/layers.py`) are the import contract's, and the demo registry follows
them: every demo module imports only its own floor or below, and seed_demo runs them bottom up."""

import ast
import configparser
from pathlib import Path

from django.conf import settings

from sichtbar.core.layers import LAYERS, apps_bottom_up, demo_seeders

BACKEND = Path(__file__).resolve().parents[3]


def _contract_floors() -> list[tuple[str, ...]]:
    contract = configparser.ConfigParser()
    contract.read(BACKEND / ".importlinter")
    lines = contract["importlinter:contract:layers"]["layers"].strip().splitlines()
    floors = [tuple(app.strip() for app in line.split(":")) for line in reversed(lines)]
    assert floors[-1] == ("system",)  # the tests of the whole, above every app (no app itself)
    return floors[:-1]


def test_the_floors_in_code_are_the_contract_bottom_up() -> None:
    assert list(LAYERS) == _contract_floors()
    installed = [
        app.removeprefix("sichtbar.") for app in settings.INSTALLED_APPS if app.startswith("sichtbar.")
    ]
    assert sorted(apps_bottom_up()) == sorted(installed)


def test_the_demo_registry_runs_in_layer_order() -> None:
    order = [app for app, _ in demo_seeders()]
    floor = {app: n for n, apps in enumerate(LAYERS) for app in apps}
    assert order == sorted(order, key=floor.__getitem__)
    # shares come before the clicks on their links: sharing's demo makes them through links.demo
    assert "sharing" in order and "links" not in order


def test_no_demo_module_imports_a_higher_floor() -> None:
    floor = {app: n for n, apps in enumerate(LAYERS) for app in apps}
    upward = []
    for app in apps_bottom_up():
        path = BACKEND / "sichtbar" / app / "demo.py"
        if not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sichtbar."):
                other = node.module.split(".")[1]
                if floor[other] > floor[app]:
                    upward.append(f"{app}.demo -> {node.module}")
    assert upward == []
