"""The floors of the house, bottom up. backend/.importlinter holds the same order as its layer contract
(top down) and `sichtbar/core/tests/test_layers.py` keeps the two equal, so code that visits the apps in
dependency order (the demo registry below, `manage.py seed_demo`) follows the contract that the imports
are checked against.
"""

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from typing import Any

# Apps on one floor may import each other (`a : b : c` in the contract).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("api",),
    ("accounts", "audit", "mail"),
    ("organisation",),
    ("profiles",),
    ("search",),
    ("directory",),
    ("integrations",),
    ("monitoring",),
    ("notifications",),
    ("governance",),
    ("content",),
    ("links",),
    ("sharing",),
    ("recommendations",),
    ("analytics",),
    ("privacy",),
)


def apps_bottom_up() -> list[str]:
    return [app for floor in LAYERS for app in floor]


def demo_seeders() -> list[tuple[str, Callable[[], dict[str, Any]]]]:
    """The demo registry: every app whose `demo.py` has a `seed()`, in layer order (bottom up).

    An app's demo reads what the floors below it seeded and never imports upward; when the data of a lower
    app depends on a higher one's (tracked links need shares), the higher app's demo calls a helper of the
    lower app's demo module (`links.demo.seed_clicks` from `sharing.demo`).
    """
    seeders = []
    for app in apps_bottom_up():
        name = f"sichtbar.{app}.demo"
        if find_spec(f"sichtbar.{app}") and find_spec(name):
            seed = getattr(import_module(name), "seed", None)
            if seed is not None:
                seeders.append((app, seed))
    return seeders
